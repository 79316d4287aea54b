defmodule ExesdbDev.Test.Cluster do
  @moduledoc """
  Starts development nodes for a test (all on the suite's isolated EPMD, with pinned loopback
  distribution ports and their own data directories) and stops them when the test ends.
  """
  import ExUnit.Callbacks, only: [on_exit: 1]

  alias ExesdbDev.Test.DevNode

  @doc """
  Starts one node per name; `opts`: `:stores` (default "reg_gh"), `:args` (extra CLI args),
  `:node_args` (`%{name => extra args}`), `:peers` (true: every node lists the others), `:env`. Returns `%{name => node_info}`.
  """
  def start!(names, opts \\ []) do
    dir = Path.join(System.tmp_dir!(), "exesdb-dev-test-#{System.unique_integer([:positive])}")
    File.mkdir_p!(dir)
    prefix = "t#{System.unique_integer([:positive])}"
    full = Map.new(names, fn name -> {name, :"#{prefix}_#{name}@#{ExesdbDev.Options.host_name()}"} end)

    nodes =
      names
      |> Enum.map(fn name -> {name, spawn_node(name, full, dir, opts)} end)
      |> Enum.map(fn {name, info} ->
        DevNode.await_ready(info.pid)
        {name, info}
      end)
      |> Map.new()

    on_exit(fn ->
      Enum.each(nodes, fn {_, info} -> DevNode.stop(info.pid) end)
      File.rm_rf!(dir)
    end)

    Enum.each(nodes, fn {_, info} -> true = Node.connect(info.node) end)
    nodes
  end

  @doc "Starts a node again with the same arguments (and data directory)."
  def restart!(%{pid: pid} = info) do
    args = :sys.get_state(pid).args
    new_pid = DevNode.start(info.name, args, env())
    DevNode.await_ready(new_pid)
    on_exit(fn -> DevNode.stop(new_pid) end)
    true = Node.connect(info.node)
    %{info | pid: new_pid}
  end

  defp spawn_node(name, full, dir, opts) do
    node = Map.fetch!(full, name)
    peers = if Keyword.get(opts, :peers, true), do: Map.values(full) -- [node], else: []

    args =
      [
        "--sname",
        node |> Atom.to_string() |> String.split("@") |> hd(),
        "--stores",
        Keyword.get(opts, :stores, "reg_gh"),
        "--epmd-port",
        System.fetch_env!("ERL_EPMD_PORT"),
        "--dist-port",
        Integer.to_string(free_port()),
        "--data-dir",
        Path.join(dir, Atom.to_string(name)),
        "--join-timeout-ms",
        "20000"
      ] ++
        if(peers == [], do: [], else: ["--peers", Enum.join(peers, ",")]) ++
        Keyword.get(opts, :args, []) ++
        Map.get(Keyword.get(opts, :node_args, %{}), name, [])

    pid = DevNode.start(name, args, env() ++ Keyword.get(opts, :env, []))
    %{pid: pid, node: node, name: name}
  end

  @doc "The environment every test node gets: the suite's cookie and this build's code."
  def env do
    [
      {"EX_ESDB_COOKIE", Atom.to_string(Node.get_cookie())},
      {"EXESDB_DEV_EBIN", Path.dirname(:code.which(ExesdbDev.CLI))}
    ]
  end

  @doc "A loopback TCP port nothing listens on now."
  def free_port do
    {:ok, socket} = :gen_tcp.listen(0, ip: {127, 0, 0, 1})
    {:ok, port} = :inet.port(socket)
    :gen_tcp.close(socket)
    port
  end
end
