defmodule ExesdbDev.Gossip.Beacon do
  @moduledoc """
  Sends libcluster-compatible heartbeats every `:rand.uniform(interval_ms)` ms and, in multicast
  mode, listens to the group and connects to the nodes it hears (as libcluster does).

  Heartbeats leave from an ephemeral port on the interface address (127.0.0.1 by default). In
  multicast mode a second socket, bound to the group address and port (shared with
  SO_REUSEPORT), listens. Unicast mode only sends: binding the target port would make the
  kernel share unicast datagrams between this node and the listener under test.
  """
  use GenServer
  require Logger

  alias ExesdbDev.Gossip.{Heartbeat, Settings}

  @so_reuseport_linux 15
  @sol_socket_linux 1

  @spec start_link(Settings.t()) :: GenServer.on_start()
  def start_link(%Settings{} = settings), do: GenServer.start_link(__MODULE__, settings, name: __MODULE__)

  @impl true
  def init(%Settings{} = settings) do
    with {:ok, sender} <- open_sender(settings),
         {:ok, listener} <- open_listener(settings) do
      Logger.info(
        "[gossip] #{describe(settings)}; first heartbeat now, then every 1..#{settings.interval_ms} ms"
      )

      send(self(), :heartbeat)
      {:ok, %{settings: settings, socket: sender, listener: listener, heard: MapSet.new()}}
    else
      {:error, reason} -> {:stop, {:gossip_socket, reason}}
    end
  end

  @impl true
  def handle_info(:heartbeat, %{settings: s, socket: socket} = state) do
    {target, port} = target(s)

    case :gen_udp.send(socket, target, port, Heartbeat.datagram(node(), s.secret)) do
      :ok ->
        Logger.debug("[gossip] heartbeat sent to #{:inet.ntoa(target)}:#{port}")

      {:error, reason} ->
        Logger.warning("[gossip] heartbeat to #{:inet.ntoa(target)}:#{port} failed: #{inspect(reason)}")
    end

    Process.send_after(self(), :heartbeat, :rand.uniform(s.interval_ms))
    {:noreply, state}
  end

  def handle_info({:udp, _socket, ip, _port, packet}, %{settings: s} = state) do
    case Heartbeat.decode(packet, s.secret) do
      {:ok, node} when node == node() ->
        {:noreply, state}

      {:ok, node} ->
        {:noreply, maybe_connect(node, ip, state)}

      {:error, reason} ->
        Logger.debug("[gossip] ignored datagram from #{:inet.ntoa(ip)}: #{inspect(reason)}")
        {:noreply, state}
    end
  end

  defp maybe_connect(node, ip, %{settings: s} = state) do
    state =
      if MapSet.member?(state.heard, node) do
        state
      else
        Logger.info("[gossip] heard #{node} from #{:inet.ntoa(ip)}")
        %{state | heard: MapSet.put(state.heard, node)}
      end

    if s.connect and node not in Node.list(:connected) do
      Logger.info("[gossip] connecting to #{node}: #{inspect(:net_kernel.connect_node(node))}")
    end

    state
  end

  defp target(%Settings{mode: :unicast, host: host, port: port}), do: {host, port}
  defp target(%Settings{mode: :multicast, multicast_addr: group, port: port}), do: {group, port}

  defp open_sender(%Settings{} = s) do
    interface = if s.mode == :unicast, do: s.host, else: s.interface
    local = if Settings.loopback?(interface), do: {127, 0, 0, 1}, else: {0, 0, 0, 0}

    multicast =
      if s.mode == :multicast,
        do: [multicast_if: s.interface, multicast_ttl: s.ttl, multicast_loop: true],
        else: []

    :gen_udp.open(0, [:binary, active: false, ip: local] ++ multicast)
  end

  defp open_listener(%Settings{mode: :unicast}), do: {:ok, nil}

  defp open_listener(%Settings{mode: :multicast} = s) do
    :gen_udp.open(s.port, [
      :binary,
      active: true,
      ip: s.multicast_addr,
      reuseaddr: true,
      multicast_loop: true,
      add_membership: {s.multicast_addr, s.interface},
      raw: {@sol_socket_linux, @so_reuseport_linux, <<1::native-32>>}
    ])
  end

  defp describe(%Settings{mode: :unicast} = s),
    do: "unicast heartbeats to #{:inet.ntoa(s.host)}:#{s.port}#{secret_note(s)}"

  defp describe(%Settings{mode: :multicast} = s),
    do:
      "multicast heartbeats to #{:inet.ntoa(s.multicast_addr)}:#{s.port} via #{:inet.ntoa(s.interface)} " <>
        "ttl #{s.ttl}#{secret_note(s)}, listening and #{if s.connect, do: "connecting", else: "not connecting"}"

  defp secret_note(%Settings{secret: nil}), do: ", no secret (plaintext)"
  defp secret_note(_), do: ", AES-256-CBC with the configured secret"
end
