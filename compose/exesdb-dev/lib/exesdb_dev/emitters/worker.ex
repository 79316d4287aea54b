defmodule ExesdbDev.Emitters.Worker do
  @moduledoc """
  An emitter, as ExESDB's `EmitterWorker`: member of the pg group `{store, sub_topic, :emitters}`
  in scope `Phoenix.PubSub`. For each `{:broadcast | :forward_to_local, topic, event}` it either
  broadcasts `{:events, [event]}` on `:ex_esdb_events` (subscriber nil) or sends it to the
  subscriber pid after `Process.alive?/1`, which raises for a pid on another node: the emitter
  then crashes and the event is lost, exactly the ExESDB weakness the gateway must avoid.
  """
  use GenServer
  require Logger

  alias ExesdbDev.{PubSub, Topics}

  def start_link({_store, _sub_topic, _subscriber, emitter} = args),
    do: GenServer.start_link(__MODULE__, args, name: emitter)

  @impl true
  def init({store, sub_topic, subscriber, _emitter}) do
    Process.flag(:trap_exit, true)
    :ok = :pg.join(PubSub.scope(), Topics.emitter_group(store, sub_topic), self())
    {:ok, %{store: store, sub_topic: sub_topic, subscriber: subscriber}}
  end

  @impl true
  def handle_info({kind, topic, event}, state) when kind in [:broadcast, :forward_to_local] do
    deliver(topic, event, state)
    {:noreply, state}
  end

  def handle_info({:events, _events}, state), do: {:noreply, state}

  def handle_info(other, state) do
    Logger.warning("[emitter #{state.store}] unexpected message #{inspect(other, limit: 10)}")
    {:noreply, state}
  end

  @impl true
  def handle_cast({:update_subscriber, subscriber}, state), do: {:noreply, %{state | subscriber: subscriber}}

  @impl true
  def terminate(_reason, state) do
    :pg.leave(PubSub.scope(), Topics.emitter_group(state.store, state.sub_topic), self())
    :ok
  end

  defp deliver(topic, event, %{subscriber: nil}),
    do: PubSub.broadcast(:ex_esdb_events, topic, {:events, [event]})

  defp deliver(topic, event, %{subscriber: pid} = state) do
    if Process.alive?(pid) do
      send(pid, {:events, [event]})

      Logger.info(
        "[emitter #{state.store}] #{inspect(topic)} #{inspect(event.event_stream_id)}##{event.event_number} sent to subscriber #{inspect(pid)}"
      )
    else
      Logger.warning(
        "[emitter #{state.store}] subscriber #{inspect(pid)} of #{inspect(topic)} is dead; event dropped (ExESDB stops and restarts the pool)"
      )
    end
  end
end
