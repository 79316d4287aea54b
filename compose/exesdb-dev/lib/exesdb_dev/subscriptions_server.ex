defmodule ExesdbDev.SubscriptionsServer do
  @moduledoc """
  ExESDB's per-store subscription reader and writer, under their ExESDB local names:

  * `:exesdb_subscriptionsreader_<store>` answers `{:get_subscriptions, store}` with the raw map
    `%{[:subscriptions, key] => subscription}` (the gateway worker wraps it in `{:ok, _}`);
  * `:exesdb_subscriptionswriter_<store>` takes the casts `{:put_subscription, ...}` and
    `{:delete_subscription, ...}`.
  """
  use GenServer
  require Logger

  alias ExesdbDev.Store.Subscriptions

  def reader_name(store), do: :"exesdb_subscriptionsreader_#{store}"
  def writer_name(store), do: :"exesdb_subscriptionswriter_#{store}"

  def child_spec({role, store}) do
    %{id: {__MODULE__, role, store}, start: {__MODULE__, :start_link, [{role, store}]}}
  end

  def start_link({:reader, store}),
    do: GenServer.start_link(__MODULE__, {:reader, store}, name: reader_name(store))

  def start_link({:writer, store}),
    do: GenServer.start_link(__MODULE__, {:writer, store}, name: writer_name(store))

  @impl true
  def init({role, store}), do: {:ok, %{role: role, store: store}}

  @impl true
  def handle_call({:get_subscriptions, store}, _from, %{role: :reader} = state) do
    {:reply, Subscriptions.all(store), state}
  end

  @impl true
  def handle_cast(
        {:put_subscription, store, type, selector, name, start_from, subscriber},
        %{role: :writer} = state
      ) do
    Subscriptions.put(store, Subscriptions.record(type, selector, name, start_from, subscriber))

    Logger.info(
      "[subscriptions #{store}] saved #{inspect(type)} #{inspect(selector)} #{inspect(name)} " <>
        "key #{Subscriptions.key(type, selector, name)} subscriber #{inspect(subscriber)}"
    )

    {:noreply, state}
  end

  def handle_cast({:delete_subscription, store, type, selector, name}, %{role: :writer} = state) do
    Subscriptions.delete(store, type, selector, name)

    Logger.info(
      "[subscriptions #{store}] removed #{inspect(type)} #{inspect(selector)} #{inspect(name)} (emitter pools keep running, as in ExESDB)"
    )

    {:noreply, state}
  end
end
