defmodule ExESDB.Emitters do
  @moduledoc ~S"""
  Imitation of ExESDB's `ExESDB.Emitters` (part of the exesdb_dev development peer). A gateway
  can repair a node whose pools did not start by calling, through `rex`,
  `'Elixir.ExESDB.Emitters':start_emitter_pool(Store, #{type, subscription_name, selector,
  subscriber, start_from})`, as on a real ExESDB 0.11 node.
  """
  require Logger

  alias ExesdbDev.Emitters.Pool
  alias ExesdbDev.Topics

  @doc "The per-store supervisor of emitter pools on this node."
  @spec pools_supervisor(atom()) :: atom()
  def pools_supervisor(store), do: :"exesdb_emitterpools_#{store}"

  @doc "Starts the emitter pool of a subscription on this node and registers its trigger."
  @spec start_emitter_pool(atom(), map(), pos_integer()) :: DynamicSupervisor.on_start_child()
  def start_emitter_pool(store, subscription, pool_size \\ 1)

  def start_emitter_pool(
        store,
        %{type: type, subscription_name: name, selector: selector, subscriber: _} = subscription,
        pool_size
      ) do
    sub_topic = Topics.sub_topic(type, name, selector)

    result =
      DynamicSupervisor.start_child(
        pools_supervisor(store),
        {Pool, {store, sub_topic, subscription, pool_size}}
      )

    Logger.info("[emitters #{store}] start_emitter_pool #{inspect(sub_topic)} -> #{inspect(result)}")
    result
  end

  @doc "Gives the workers of a running pool a new subscriber, or starts the pool."
  @spec update_emitter_pool(atom(), map()) :: :ok | DynamicSupervisor.on_start_child()
  def update_emitter_pool(
        store,
        %{type: type, subscription_name: name, selector: selector, subscriber: subscriber} = subscription
      ) do
    sub_topic = Topics.sub_topic(type, name, selector)

    case Process.whereis(Topics.pool_name(store, sub_topic)) do
      nil ->
        start_emitter_pool(store, subscription)

      pool ->
        for {_id, worker, :worker, _} <- Supervisor.which_children(pool),
            is_pid(worker),
            do: GenServer.cast(worker, {:update_subscriber, subscriber})

        Logger.info(
          "[emitters #{store}] update_emitter_pool #{inspect(sub_topic)} subscriber #{inspect(subscriber)}"
        )

        :ok
    end
  end

  @doc "Stops the pool of a subscription on this node (its trigger stays, as in ExESDB)."
  @spec stop_emitter_pool(atom(), map()) :: :ok | {:error, :not_found}
  def stop_emitter_pool(store, %{type: type, subscription_name: name, selector: selector}) do
    sub_topic = Topics.sub_topic(type, name, selector)

    case Process.whereis(Topics.pool_name(store, sub_topic)) do
      nil -> {:error, :not_found}
      pool -> DynamicSupervisor.terminate_child(pools_supervisor(store), pool)
    end
  end
end
