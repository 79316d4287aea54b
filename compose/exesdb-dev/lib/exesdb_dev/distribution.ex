defmodule ExesdbDev.Distribution do
  @moduledoc """
  Starts Erlang distribution at run time from the parsed options: the node name, the listen
  address (127.0.0.1 unless configured) and port range, the cookie (never from the command
  line of the BEAM itself, so it does not show in `ps`), and an EPMD daemon when none answers
  on the configured port (as `erl -sname` would start one).

  The EPMD port must reach the runtime before boot through `ERL_EPMD_PORT`; `bin/exesdb-dev`
  exports it from `--epmd-port`.
  """
  require Logger

  alias ExesdbDev.Options

  @spec start(Options.t()) :: :ok | {:error, String.t()}
  def start(%Options{} = opts) do
    with :ok <- check_epmd_port(opts),
         :ok <- configure_listener(opts),
         :ok <- ensure_epmd(),
         :ok <- start_net_kernel(opts) do
      true = Node.set_cookie(opts.cookie)
      :ok
    end
  end

  defp check_epmd_port(%Options{epmd_port: nil}), do: :ok

  defp check_epmd_port(%Options{epmd_port: port}) do
    if System.get_env("ERL_EPMD_PORT") == Integer.to_string(port),
      do: :ok,
      else:
        {:error,
         "--epmd-port #{port} needs ERL_EPMD_PORT=#{port} at boot: start the node with bin/exesdb-dev"}
  end

  defp configure_listener(opts) do
    :ok = Application.put_env(:kernel, :inet_dist_use_interface, opts.dist_interface)

    case opts.dist_ports do
      nil ->
        :ok

      {min, max} ->
        :ok = Application.put_env(:kernel, :inet_dist_listen_min, min)
        :ok = Application.put_env(:kernel, :inet_dist_listen_max, max)
    end

    :ok
  end

  @doc "The EPMD port this runtime uses."
  @spec epmd_port() :: pos_integer()
  def epmd_port do
    case Integer.parse(System.get_env("ERL_EPMD_PORT") || "") do
      {port, ""} -> port
      _ -> 4369
    end
  end

  defp ensure_epmd do
    case :erl_epmd.names(~c"localhost") do
      {:ok, _} ->
        :ok

      {:error, _} ->
        epmd = System.find_executable("epmd") || Path.join([:code.root_dir(), "bin", "epmd"])

        Logger.warning(
          "[dist] no EPMD on port #{epmd_port()}; starting #{epmd} -daemon (it outlives this node)"
        )

        {_, 0} =
          System.cmd(epmd, ["-daemon"],
            env: [{"ERL_EPMD_ADDRESS", System.get_env("ERL_EPMD_ADDRESS", "127.0.0.1")}]
          )

        wait_for_epmd(50)
    end
  end

  defp wait_for_epmd(0), do: {:error, "EPMD did not start on port #{epmd_port()}"}

  defp wait_for_epmd(tries) do
    case :erl_epmd.names(~c"localhost") do
      {:ok, _} ->
        :ok

      {:error, _} ->
        Process.sleep(100)
        wait_for_epmd(tries - 1)
    end
  end

  defp start_net_kernel(opts) do
    options = %{name_domain: opts.name_domain}
    options = if opts.net_ticktime, do: Map.put(options, :net_ticktime, opts.net_ticktime), else: options

    case :net_kernel.start(opts.node_name, options) do
      {:ok, _pid} ->
        :ok

      {:error, reason} ->
        {:error, "distribution did not start as #{opts.node_name}: #{inspect(reason, limit: 8)}"}
    end
  end

  @doc "The port this node's distribution listens on."
  @spec listen_port() :: non_neg_integer() | nil
  def listen_port do
    [alive | _] = node() |> Atom.to_string() |> String.split("@")

    case :erl_epmd.port_please(String.to_charlist(alive), ~c"127.0.0.1") do
      {:port, port, _version} -> port
      _ -> nil
    end
  end
end
