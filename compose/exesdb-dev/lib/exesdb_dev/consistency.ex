defmodule ExesdbDev.Consistency do
  @moduledoc """
  Answers to the four diagnostic calls ExESDB's gateway worker handles (not exposed by the gater
  API), with the reply shapes of ExESDB's `ConsistencyChecker`. The members are the nodes that
  serve the store; the "Raft log" figures are Mnesia figures (events of the store on each node),
  an approximation: there is no Raft log here.
  """

  alias ExesdbDev.Cluster
  alias ExesdbDev.Store.Tables

  @spec quick_health_check(atom()) :: {:ok, map()} | {:error, :no_members}
  def quick_health_check(store) do
    case Cluster.members(store) do
      [] -> {:error, :no_members}
      members -> {:ok, %{status: :healthy, store_id: store, member_count: length(members), members: members}}
    end
  end

  @spec verify_membership_consensus(atom()) :: {:ok, map()}
  def verify_membership_consensus(store) do
    members = Cluster.members(store)
    views = remote_views(store, members)
    failed = for {node, status, _} <- views, status != :ok, do: node

    cond do
      failed != [] ->
        {:ok, %{status: :partial_check, failed_nodes: failed, nodes_checked: length(members)}}

      views |> Enum.map(fn {_, :ok, view} -> Enum.sort(view) end) |> Enum.uniq() |> length() <= 1 ->
        {:ok, %{status: :consensus, nodes_checked: length(members), consistent_view: members}}

      true ->
        {:ok, %{status: :split_brain_detected, conflicts: %{views: views}, nodes_checked: length(members)}}
    end
  end

  @spec verify_cluster_consistency(atom()) :: {:ok, map()} | {:error, term()}
  def verify_cluster_consistency(store) do
    members = Cluster.members(store)
    views = remote_views(store, members)
    leader = Cluster.leader(store)

    issues =
      []
      |> add_if(leader == nil, :no_leader)
      |> add_if(
        Enum.any?(views, &(elem(&1, 1) != :ok)),
        {:communication_failures, Enum.reject(views, &(elem(&1, 1) == :ok))}
      )
      |> add_if(
        Enum.any?(views, fn {_, _, view} -> Enum.sort(List.wrap(view)) != members end),
        {:membership_inconsistency, views}
      )

    {:ok,
     %{
       store_id: store,
       timestamp: DateTime.utc_now(),
       status: if(issues == [], do: :consistent, else: :inconsistent),
       nodes_checked: length(members),
       leader: leader,
       members: members,
       raft_status: %{
         status: :healthy,
         members: members,
         leader: {store, leader},
         quorum_size: div(length(members), 2) + 1
       },
       cross_node_verification: views,
       potential_issues: issues,
       recommendations: []
     }}
  end

  @spec check_raft_log_consistency(atom()) :: {:ok, map()}
  def check_raft_log_consistency(store) do
    logs =
      for {^store, node} <- Cluster.members(store) do
        case :rpc.call(node, __MODULE__, :local_log_overview, [store], 5_000) do
          %{} = overview -> {node, :ok, overview}
          error -> {node, :error, error}
        end
      end

    details = for {node, :ok, overview} <- logs, do: {node, overview}
    indices = Enum.map(details, fn {_, d} -> d.last_index end)

    {:ok,
     %{
       store_id: store,
       raft_logs: logs,
       consistency: %{
         status: :analyzed,
         log_details: details,
         consistency: %{
           term_consistency: true,
           index_range: {Enum.min(indices, fn -> 0 end), Enum.max(indices, fn -> 0 end)},
           details: details
         }
       }
     }}
  end

  @doc false
  def local_log_overview(store) do
    count = length(:mnesia.dirty_select(Tables.events(), [{{:_, {store, :_, :_}, :_}, [], [true]}]))
    %{last_index: count, last_term: 1, commit_index: count}
  end

  defp remote_views(store, members) do
    for {^store, node} <- members do
      case :rpc.call(node, Cluster, :members, [store], 5_000) do
        view when is_list(view) -> {node, :ok, view}
        {:badrpc, reason} -> {node, :rpc_error, reason}
      end
    end
  end

  defp add_if(issues, true, issue), do: [issue | issues]
  defp add_if(issues, false, _issue), do: issues
end
