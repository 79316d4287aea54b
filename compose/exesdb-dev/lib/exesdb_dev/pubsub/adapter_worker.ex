defmodule ExesdbDev.PubSub.AdapterWorker do
  @moduledoc """
  Phoenix.PubSub's PG2 worker: registered as `:"Elixir.<instance>.Adapter"`, member of the pg
  group of the same name, delivers `{:forward_to_local, topic, message, dispatcher}` from remote
  nodes to local subscribers and ignores every other message.
  """
  use GenServer
  require Logger

  alias ExesdbDev.PubSub

  def start_link(instance) do
    GenServer.start_link(__MODULE__, instance, name: PubSub.adapter_group(instance))
  end

  @impl true
  def init(instance) do
    :ok = :pg.join(PubSub.scope(), PubSub.adapter_group(instance), self())
    {:ok, instance}
  end

  @impl true
  def handle_info({:forward_to_local, topic, message, dispatcher}, instance) do
    n = PubSub.local_dispatch(instance, topic, message)

    Logger.debug(
      "[pubsub] #{instance} forward_to_local #{inspect(topic)} (dispatcher #{inspect(dispatcher)}) to #{n} local subscriber(s)"
    )

    {:noreply, instance}
  end

  def handle_info(_other, instance), do: {:noreply, instance}
end
