defmodule ExESDB.GatewayWorker do
  @moduledoc """
  Imitation of ExESDB 0.11's gateway worker (part of the exesdb_dev development peer).

  Same request tuples, same replies and same crashes as the original: there is **no catch-all**
  clause, so an unknown call, cast or message crashes the worker (the caller sees DOWN); so do
  an unknown `expected_version` atom, an invalid direction, malformed events and operations on
  a store this node does not serve where ExESDB would crash. The worker then restarts under its
  partition supervisor and registers a new random Swarm name `{:gateway_worker, store, node, n}`.
  """
  use GenServer
  require Logger

  alias ExesdbDev.{Cluster, StoreRegistry}
  alias ExesdbDev.Store.{Snapshots, Streams}
  alias ExesdbDev.SubscriptionsServer

  @log_limit 8

  ############ HANDLE_CALL ############

  @impl true
  def handle_call({:get_version, store, stream_id}, _from, state) do
    version = if Cluster.local_store?(store), do: Streams.version(store, stream_id), else: -1
    reply({:ok, version}, {:get_version, store, stream_id}, state)
  end

  def handle_call({:append_events, store, stream_id, events}, _from, state) do
    ensure_store!(store)
    result = Streams.append(store, stream_id, fn _current -> true end, events)
    reply(result, {:append_events, store, stream_id, :any_version, length(events)}, state)
  end

  def handle_call({:append_events, store, stream_id, expected_version, events}, _from, state) do
    ensure_store!(store)
    result = Streams.append(store, stream_id, &version_matches?(&1, expected_version), events)
    reply(result, {:append_events, store, stream_id, expected_version, length(events)}, state)
  end

  def handle_call({:get_events, store, stream_id, start_version, count, direction} = request, _from, state) do
    result =
      with {:ok, versions} <- versions(store, stream_id, start_version, count, direction) do
        {:ok, Streams.read(store, stream_id, versions)}
      end

    reply(result, request, state)
  end

  def handle_call({:stream_forward, store, stream_id, start_version, count} = request, _from, state) do
    reply(lazy_stream(store, stream_id, start_version, count, :forward), request, state)
  end

  def handle_call({:stream_backward, store, stream_id, start_version, count} = request, _from, state) do
    reply(lazy_stream(store, stream_id, start_version, count, :backward), request, state)
  end

  def handle_call({:get_streams, store} = request, _from, state) do
    streams = if Cluster.local_store?(store), do: Streams.list(store), else: []
    reply({:ok, streams}, request, state)
  end

  def handle_call({:get_subscriptions, store} = request, _from, state) do
    subscriptions = GenServer.call(SubscriptionsServer.reader_name(store), {:get_subscriptions, store})
    reply({:ok, subscriptions}, request, state)
  end

  def handle_call({:list_stores} = request, _from, state) do
    {:ok, stores} = StoreRegistry.list_stores()
    reply({:ok, stores}, request, state)
  end

  def handle_call({:read_snapshot, store, source_uuid, stream_uuid, version} = request, _from, state) do
    ensure_store!(store)
    reply(Snapshots.read(store, Snapshots.path(source_uuid, stream_uuid, version)), request, state)
  end

  def handle_call({:list_snapshots, store, source_uuid, stream_uuid} = request, _from, state) do
    ensure_store!(store)
    reply(Snapshots.list(store, source_uuid, stream_uuid), request, state)
  end

  def handle_call({:verify_cluster_consistency, store} = request, _from, state) do
    reply(ExesdbDev.Consistency.verify_cluster_consistency(store), request, state)
  end

  def handle_call({:quick_health_check, store} = request, _from, state) do
    reply(ExesdbDev.Consistency.quick_health_check(store), request, state)
  end

  def handle_call({:verify_membership_consensus, store} = request, _from, state) do
    reply(ExesdbDev.Consistency.verify_membership_consensus(store), request, state)
  end

  def handle_call({:check_raft_log_consistency, store} = request, _from, state) do
    reply(ExesdbDev.Consistency.check_raft_log_consistency(store), request, state)
  end

  ############ HANDLE_CAST ############

  @impl true
  def handle_cast({:save_subscription, store, type, selector, name, start_from, subscriber} = request, state) do
    log_cast(request, state)

    GenServer.cast(
      SubscriptionsServer.writer_name(store),
      {:put_subscription, store, type, selector, name, start_from, subscriber}
    )

    {:noreply, state}
  end

  def handle_cast({:remove_subscription, store, type, selector, name} = request, state) do
    log_cast(request, state)

    GenServer.cast(
      SubscriptionsServer.writer_name(store),
      {:delete_subscription, store, type, selector, name}
    )

    {:noreply, state}
  end

  def handle_cast({:ack_event, store, subscription_name, subscriber_pid, event} = request, state) do
    log_cast(request, state)
    %{event_stream_id: stream_id, event_number: event_number} = event

    GenServer.cast(
      SubscriptionsServer.writer_name(store),
      {:put_subscription, store, :by_stream, "$#{stream_id}", subscription_name, event_number + 1,
       subscriber_pid}
    )

    {:noreply, state}
  end

  def handle_cast({:record_snapshot, store, source_uuid, stream_uuid, version, record} = request, state) do
    log_cast(request, state)
    ensure_store!(store)

    snapshot_write(state, fn ->
      Snapshots.record(store, Snapshots.path(source_uuid, stream_uuid, version), record)
    end)

    {:noreply, state}
  end

  def handle_cast({:delete_snapshot, store, source_uuid, stream_uuid, version} = request, state) do
    log_cast(request, state)
    ensure_store!(store)

    snapshot_write(state, fn -> Snapshots.delete(store, Snapshots.path(source_uuid, stream_uuid, version)) end)

    {:noreply, state}
  end

  ############ HANDLE_INFO (only EXIT, like ExESDB) ############

  @impl true
  def handle_info({:EXIT, _pid, reason}, state) do
    Logger.warning(
      "[#{label(state)}] EXIT #{inspect(reason)}: unregistering from Swarm but staying alive (as ExESDB does)"
    )

    Swarm.unregister_name(state.name)
    {:noreply, state}
  end

  ############ PLUMBING ############

  def child_spec(opts) do
    %{
      id: {__MODULE__, :rand.uniform(10_000)},
      start: {__MODULE__, :start_link, [opts]},
      type: :worker,
      restart: :permanent,
      shutdown: 5000
    }
  end

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts)

  @doc "ExESDB's Swarm name for a gateway worker (`n` is random in 1..10 000)."
  def gateway_worker_name(store), do: {:gateway_worker, store, node(), :rand.uniform(10_000)}

  @impl true
  def init(opts) do
    Process.flag(:trap_exit, true)
    store = Keyword.fetch!(opts, :store_id)
    name = gateway_worker_name(store)
    state = %{store: store, name: name}

    case Swarm.register_name(name, self()) do
      :yes -> Logger.info("[#{label(state)}] up as #{inspect(self())}, registered in Swarm")
      :no -> Logger.warning("[#{label(state)}] Swarm name taken; running unregistered (as ExESDB does)")
    end

    {:ok, state}
  end

  @impl true
  def terminate(reason, state) do
    level = if reason in [:normal, :shutdown] or match?({:shutdown, _}, reason), do: :info, else: :error
    Logger.log(level, "[#{label(state)}] terminating: #{inspect(reason, limit: @log_limit)}")
    Swarm.unregister_name(state.name)
    :ok
  end

  ############ HELPERS ############

  defp version_matches?(_current, :any), do: true
  defp version_matches?(current, :stream_exists) when current >= 0, do: true
  defp version_matches?(-1, :stream_exists), do: false
  defp version_matches?(current, expected) when is_integer(expected), do: current == expected

  # ExESDB's reader: validate, then compute the wanted numbers, then keep those in 0..version.
  defp versions(store, stream_id, start_version, count, direction) do
    with :ok <- validate(start_version, count) do
      version = if Cluster.local_store?(store), do: Streams.version(store, stream_id), else: -1
      wanted = calculate_versions(start_version, count, direction)
      {:ok, Enum.filter(wanted, &(&1 >= 0 and &1 <= version))}
    end
  end

  defp validate(start_version, count) do
    cond do
      not is_integer(start_version) -> {:error, {:invalid_start_version, start_version}}
      start_version < 0 -> {:error, :invalid_start_version}
      not is_integer(count) -> {:error, {:invalid_count, count}}
      count < 1 -> {:error, :invalid_count}
      true -> :ok
    end
  end

  # A bad direction raises CaseClauseError, which crashes the worker as in ExESDB.
  defp calculate_versions(start, count, direction) do
    case direction do
      :forward -> Enum.to_list(start..(start + count - 1))
      :backward -> Enum.to_list(start..(start - count + 1)//-1)
    end
  end

  # {:ok, %Stream{}} of closures, as ExESDB's stream_forward/backward reply.
  defp lazy_stream(store, stream_id, start_version, count, direction) do
    with {:ok, versions} <- versions(store, stream_id, start_version, count, direction) do
      {:ok,
       versions
       |> Stream.map(fn n -> store |> Streams.read(stream_id, [n]) |> List.first() end)
       |> Stream.reject(&is_nil/1)}
    end
  end

  defp ensure_store!(store) do
    unless Cluster.local_store?(store) do
      exit({:noproc, {:store_not_served, store, node()}})
    end
  end

  # ExESDB writes snapshots in a separate writer process: bad arguments crash that process, not
  # the gateway worker. Here the write runs inline, so such a failure is logged instead.
  defp snapshot_write(state, write) do
    write.()
  rescue
    error in FunctionClauseError ->
      Logger.warning(
        "[#{label(state)}] snapshot write rejected (ExESDB's snapshot writer would crash): #{Exception.message(error)}"
      )
  end

  defp reply(reply, request, state) do
    Logger.info(
      "[#{label(state)}] #{summary(request)} -> #{inspect(reply, limit: @log_limit, printable_limit: 80)}"
    )

    {:reply, reply, state}
  end

  defp log_cast(request, state),
    do: Logger.info("[#{label(state)}] cast #{inspect(request, limit: @log_limit, printable_limit: 80)}")

  defp summary(request), do: inspect(request, limit: @log_limit, printable_limit: 80)

  defp label(%{name: {:gateway_worker, store, _node, n}}), do: "gateway_worker #{store} #{n}"
end
