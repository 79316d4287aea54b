defmodule ExesdbDev.Emitters.Pool do
  @moduledoc """
  An emitter pool, as ExESDB's `EmitterPool`: registered as `:"<store>:<sub_topic>_emitter_pool"`,
  it registers the sub-topic's trigger (unless the subscription's filter is invalid, which
  ExESDB only logs) and supervises `pool_size` emitter workers.
  """
  use Supervisor
  require Logger

  alias ExesdbDev.{EventFilter, Topics}
  alias ExesdbDev.Store.Triggers

  def child_spec({store, sub_topic, _subscription, _pool_size} = args) do
    %{
      id: {__MODULE__, store, sub_topic},
      start: {__MODULE__, :start_link, [args]},
      type: :supervisor,
      restart: :permanent
    }
  end

  def start_link({store, sub_topic, _subscription, _pool_size} = args) do
    Supervisor.start_link(__MODULE__, args, name: Topics.pool_name(store, sub_topic))
  end

  @impl true
  def init({store, sub_topic, subscription, pool_size}) do
    case EventFilter.build(subscription.type, subscription.selector) do
      {:ok, _filter} ->
        :ok = Triggers.put(store, sub_topic, subscription)

      {:error, reason} ->
        Logger.error(
          "[emitter_pool #{store}] trigger for #{inspect(sub_topic)} not registered: #{inspect(reason)} (as in ExESDB, the pool runs anyway)"
        )
    end

    children =
      for emitter <- Topics.emitter_names(store, sub_topic, pool_size) do
        Supervisor.child_spec(
          {ExesdbDev.Emitters.Worker, {store, sub_topic, subscription.subscriber, emitter}},
          id: emitter
        )
      end

    Logger.info(
      "[emitter_pool #{store}] #{Topics.pool_name(store, sub_topic)} up with #{pool_size} emitter(s), topic #{inspect(Topics.topic(store, sub_topic))}"
    )

    Supervisor.init(children, strategy: :one_for_one)
  end
end
