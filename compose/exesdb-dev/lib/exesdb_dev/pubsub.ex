defmodule ExesdbDev.PubSub do
  @moduledoc """
  The wire behaviour of Phoenix.PubSub 2.1 with its PG2 adapter (pool size 1), which ExESDB uses
  to publish events.

  Each instance (for example `:ex_esdb_events`) has a local `Registry` of subscribers, named like
  the instance, and one adapter worker registered as `:"Elixir.<instance>.Adapter"` that is
  also a member of the pg group of that name in scope `Phoenix.PubSub`. A broadcast sends
  `{:forward_to_local, topic, message, Phoenix.PubSub}` to every *remote* member of the group
  and delivers `message` to the local subscribers of `topic`.
  """
  require Logger

  @scope Phoenix.PubSub
  @dispatcher Phoenix.PubSub

  @doc "The pg scope name (`Phoenix.PubSub`)."
  def scope, do: @scope

  @doc "The pg group and registered name of an instance's adapter worker."
  @spec adapter_group(atom()) :: atom()
  def adapter_group(instance), do: Module.concat(instance, "Adapter")

  @doc "Child specs of the registries and adapter workers of every instance."
  @spec child_specs([atom()]) :: [Supervisor.child_spec()]
  def child_specs(instances) do
    Enum.flat_map(instances, fn instance ->
      [
        Supervisor.child_spec({Registry, keys: :duplicate, name: instance}, id: {:registry, instance}),
        Supervisor.child_spec({ExesdbDev.PubSub.AdapterWorker, instance}, id: {:adapter, instance})
      ]
    end)
  end

  @doc "Subscribes the calling process to `topic` of a local instance."
  @spec subscribe(atom(), String.t()) :: :ok
  def subscribe(instance, topic) do
    {:ok, _} = Registry.register(instance, topic, nil)
    :ok
  end

  @doc "Phoenix.PubSub.broadcast/3: remote adapter members get `forward_to_local`, local subscribers the message."
  @spec broadcast(atom(), String.t(), term()) :: :ok
  def broadcast(instance, topic, message) do
    remote = for pid <- :pg.get_members(@scope, adapter_group(instance)), node(pid) != node(), do: pid
    forward = {:forward_to_local, topic, message, @dispatcher}
    Enum.each(remote, &send(&1, forward))
    local = local_dispatch(instance, topic, message)

    Logger.info(
      "[pubsub] #{instance} broadcast #{inspect(topic)} #{summary(message)} to #{length(remote)} remote " <>
        "adapter member(s) #{inspect(Enum.map(remote, &node/1))} and #{local} local subscriber(s)"
    )

    :ok
  end

  @doc "Delivers `message` to the local subscribers of `topic`; returns how many there were."
  @spec local_dispatch(atom(), String.t(), term()) :: non_neg_integer()
  def local_dispatch(instance, topic, message) do
    instance
    |> Registry.lookup(topic)
    |> Enum.reduce(0, fn {pid, _value}, n ->
      send(pid, message)
      n + 1
    end)
  end

  defp summary({:events, [%{event_stream_id: s, event_number: n} | _]}), do: "{:events, [#{inspect(s)}##{n}]}"
  defp summary(message), do: inspect(message, limit: 5)
end
