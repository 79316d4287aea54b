defmodule ExesdbDev.NodeWatcher do
  @moduledoc """
  Does to connecting nodes what an ExESDB node does (wire contract §7.5), and logs the answers:

  * like Swarm's tracker (`monitor_nodes(true, node_type: :all)`, so hidden nodes too), it calls
    `:rpc.call(node, :application, :which_applications, [])`; when the answer is a list without
    `:swarm` it asks again every second, up to `swarm_probe_retries` times, then ignores the
    node; a `{:badrpc, _}` ends it at once (OTP 25+ answers `{:badrpc, :notsup}` at once for a
    peer without DFLAG_SPAWN). Unlike Swarm it uses a timeout instead of `:infinity`.
    Development nodes list an (imitated) `:swarm` application, so they count as Swarm members.
  * like ExESDBGater.ClusterMonitor, it sends the classic rex request
    `gen_server:call({rex, node}, {call, application, which_applications, [], user}, 5000)`
    (ClusterMonitor only does this for visible nodes; here every node gets it, so a gateway's
    rex responder is always exercised).
  """
  use GenServer
  require Logger

  @rpc_timeout 5_000
  @retry_ms 1_000

  def start_link(retries), do: GenServer.start_link(__MODULE__, retries, name: __MODULE__)

  @impl true
  def init(retries) do
    :ok = :net_kernel.monitor_nodes(true, node_type: :all)
    # Peers that connected while the store was still starting are probed too.
    for node <- Node.list(:connected), do: send(self(), {:nodeup, node, [node_type: :already_connected]})
    {:ok, %{retries: retries}}
  end

  @impl true
  def handle_info({:nodeup, node, info}, state) do
    Logger.info("[nodes] nodeup #{node} (#{Keyword.get(info, :node_type, :visible)})")
    retries = state.retries
    Task.start(fn -> swarm_probe(node, retries, 1) end)
    Task.start(fn -> rex_probe(node) end)
    {:noreply, state}
  end

  def handle_info({:nodedown, node, info}, state) do
    Logger.info(
      "[nodes] nodedown #{node} (#{Keyword.get(info, :node_type, :visible)}, reason #{inspect(Keyword.get(info, :nodedown_reason))})"
    )

    {:noreply, state}
  end

  defp swarm_probe(node, retries, attempt) do
    answer = :rpc.call(node, :application, :which_applications, [], @rpc_timeout)

    Logger.info(
      "[nodes] swarm probe #{attempt}: rpc:call(#{node}, application, which_applications, []) -> #{inspect(answer, limit: 6)}"
    )

    cond do
      match?({:badrpc, _}, answer) ->
        Logger.info("[nodes] swarm ignores #{node} (badrpc)")

      is_list(answer) and Enum.any?(answer, &swarm_member?/1) ->
        :ok

      attempt > retries ->
        Logger.info("[nodes] swarm ignores #{node} after #{attempt} probes (no :swarm)")

      node in Node.list(:connected) ->
        Process.sleep(@retry_ms)
        swarm_probe(node, retries, attempt + 1)

      true ->
        :ok
    end
  end

  defp swarm_member?({app, _description, _version}) when app in [:swarm, :exesdb_dev], do: true
  defp swarm_member?(_), do: false

  defp rex_probe(node) do
    answer =
      try do
        :gen_server.call({:rex, node}, {:call, :application, :which_applications, [], :user}, @rpc_timeout)
      catch
        :exit, reason -> {:exit, reason}
      end

    Logger.info(
      "[nodes] gen_server:call({rex, #{node}}, {call, application, which_applications, [], user}) -> #{inspect(answer, limit: 6)}"
    )
  end
end
