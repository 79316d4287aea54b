defmodule ExesdbDev.Leader do
  @moduledoc """
  Per store and node: membership, leadership and event dispatch.

  * Joins the store's member group (see `ExesdbDev.Cluster`) and follows its changes; also joins
    ExESDB's tracker group `:erlang.phash2({store, :subscriptions, :trackers})` in `Phoenix.PubSub`.
  * Saves the built-in subscription `{:by_stream, "$all", "all-events"}` (ExESDB's leader does
    this on activation; here every node does it at start, it is idempotent).
  * While this node leads the store it plays ExESDB's Khepri triggers: for each new event
    (a Mnesia table event, so also for events committed through other nodes) and each trigger
    whose filter matches, it sends the record to one random emitter of the pg group
    `{store, sub_topic, :emitters}`, `{:forward_to_local, topic, event}` if that emitter is
    local and `{:broadcast, topic, event}` otherwise. With no emitters it logs
    "No Emitters for [topic]" and the event is not delivered for that subscription.
  * In emitter mode `started`, the leader starts an emitter pool for every saved subscription
    when it takes over and for each subscription saved later (and updates the subscriber of an
    existing pool). In mode `exesdb_0_11` it starts none, as a real ExESDB 0.11 node after a
    normal start.

  Leadership changes are eventually consistent (pg): around a change an event can be emitted
  twice or not at all, as after an ExESDB leader change.
  """
  use GenServer
  require Logger

  alias ExesdbDev.{Cluster, EventFilter, Topics}
  alias ExesdbDev.Store.{Subscriptions, Tables, Triggers}

  @spec start_link(atom()) :: GenServer.on_start()
  def start_link(store), do: GenServer.start_link(__MODULE__, store, name: name(store))

  @doc "The local name of a store's leader process."
  @spec name(atom()) :: atom()
  def name(store), do: :"exesdb_dev_leader_#{store}"

  @impl true
  def init(store) do
    Process.flag(:trap_exit, true)
    :ok = :pg.join(Cluster.scope(), Cluster.group(store), self())
    # ExESDB's subscription trackers are members of this integer group in the Phoenix.PubSub scope,
    # so a pg peer's sync lists it as on a real node (for example 94673298 for :reg_gh).
    :ok = :pg.join(ExesdbDev.PubSub.scope(), :erlang.phash2({store, :subscriptions, :trackers}), self())
    {monitor_ref, _members} = :pg.monitor(Cluster.scope(), Cluster.group(store))
    {:ok, _} = :mnesia.subscribe({:table, Tables.events(), :simple})
    {:ok, _} = :mnesia.subscribe({:table, Tables.subscriptions(), :detailed})

    Subscriptions.put(store, Subscriptions.record(:by_stream, "$all", "all-events", 0, nil))

    state = %{store: store, leader?: false, monitor: monitor_ref, filters: %{}}
    {:ok, reconsider(state)}
  end

  @impl true
  def handle_info({ref, change, _group, pids}, %{monitor: ref} = state) when change in [:join, :leave] do
    Logger.info("[leader #{state.store}] member #{change}: #{inspect(Enum.map(pids, &node/1))}")
    {:noreply, reconsider(state)}
  end

  def handle_info(
        {:mnesia_table_event, {:write, {table, {store, _, _}, record}, _activity}},
        %{store: store} = state
      )
      when table == :exesdb_dev_events do
    {:noreply, if(state.leader?, do: dispatch(record, state), else: state)}
  end

  def handle_info(
        {:mnesia_table_event,
         {:write, :exesdb_dev_subscriptions, {_, {store, key}, subscription}, old, _activity}},
        %{store: store, leader?: true} = state
      ) do
    if Cluster.emitter_mode() == :started do
      if old == [],
        do: start_pool(store, key, subscription),
        else: update_pool(store, key, subscription)
    end

    {:noreply, state}
  end

  def handle_info({:mnesia_table_event, _other}, state), do: {:noreply, state}
  def handle_info({:mnesia_system_event, _event}, state), do: {:noreply, state}
  def handle_info({:EXIT, _pid, _reason}, state), do: {:noreply, state}

  defp reconsider(%{store: store} = state) do
    leader = Cluster.leader(store)

    cond do
      leader == node() and not state.leader? ->
        Logger.info(
          "[leader #{store}] this node now leads the store (members #{inspect(Cluster.members(store))})"
        )

        activate(state)

      leader != node() and state.leader? ->
        Logger.info(
          "[leader #{store}] #{leader} leads the store now; this node stops emitting (its pools keep running)"
        )

        %{state | leader?: false}

      true ->
        state
    end
  end

  defp activate(%{store: store} = state) do
    case Cluster.emitter_mode() do
      :started ->
        Enum.each(Subscriptions.all(store), fn {[:subscriptions, key], subscription} ->
          start_pool(store, key, subscription)
        end)

      :exesdb_0_11 ->
        Logger.info(
          "[leader #{store}] emitter mode exesdb_0_11: no emitter pool starts (as on ExESDB 0.11 after a normal start)"
        )
    end

    %{state | leader?: true}
  end

  # A subscription a client saved with a type or selector ExESDB cannot handle must not take the
  # leader down (ExESDB only logs pool start failures too).
  defp start_pool(store, key, subscription),
    do: change_pool(store, key, "did not start", fn -> ExESDB.Emitters.start_emitter_pool(store, subscription) end)

  defp update_pool(store, key, subscription),
    do: change_pool(store, key, "not updated", fn -> ExESDB.Emitters.update_emitter_pool(store, subscription) end)

  defp change_pool(store, key, failed, change) do
    case change.() do
      :ok -> :ok
      {:ok, _} -> :ok
      {:error, {:already_started, _}} -> :ok
      other -> Logger.warning("[leader #{store}] emitter pool for #{key} #{failed}: #{inspect(other)}")
    end
  rescue
    error ->
      Logger.error(
        "[leader #{store}] emitter pool for #{key} failed: #{Exception.format(:error, error, __STACKTRACE__)}"
      )
  end

  defp dispatch(record, %{store: store} = state) do
    store
    |> Triggers.all()
    |> Enum.reduce(state, fn {sub_topic, subscription}, state ->
      {filter, state} = filter(sub_topic, subscription, state)
      if filter && filter.(record), do: emit(store, sub_topic, record)
      state
    end)
  end

  defp filter(sub_topic, subscription, state) do
    cache_key = {sub_topic, subscription.type, subscription.selector}

    case Map.fetch(state.filters, cache_key) do
      {:ok, filter} ->
        {filter, state}

      :error ->
        filter =
          case EventFilter.build(subscription.type, subscription.selector) do
            {:ok, f} -> f
            {:error, _} -> nil
          end

        {filter, %{state | filters: Map.put(state.filters, cache_key, filter)}}
    end
  end

  defp emit(store, sub_topic, record) do
    topic = Topics.topic(store, sub_topic)

    case :pg.get_members(ExesdbDev.PubSub.scope(), Topics.emitter_group(store, sub_topic)) do
      [] ->
        Logger.warning(
          "[leader #{store}] No Emitters for [#{topic}]: #{inspect(record.event_stream_id)}##{record.event_number} is not delivered on it"
        )

      emitters ->
        emitter = Enum.random(emitters)

        message =
          if node(emitter) == node(),
            do: {:forward_to_local, topic, record},
            else: {:broadcast, topic, record}

        send(emitter, message)
    end
  end
end
