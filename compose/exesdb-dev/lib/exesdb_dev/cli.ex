defmodule ExesdbDev.CLI do
  @moduledoc """
  Entry point of `bin/exesdb-dev`: parses the options, starts distribution and the node, then
  prints one readiness line that launchers wait for:

      exesdb_dev ready node=a@host stores=reg_gh epmd_port=4380 dist_port=45100 ...

  SIGTERM stops the node cleanly (`System.stop/0`); the exit status is 0. A start failure
  prints `exesdb_dev failed: <reason>` and exits with status 1 (2 for bad options).
  """
  require Logger

  alias ExesdbDev.{Cluster, Distribution, Logging, Options}
  alias ExesdbDev.Store.Bootstrap

  @spec main([String.t()]) :: no_return()
  def main(argv) do
    case Options.parse(argv) do
      {:help, text} ->
        IO.puts(text)
        System.halt(0)

      {:error, message} ->
        IO.puts(:stderr, "exesdb_dev: #{message}\n\n#{Options.usage()}")
        System.halt(2)

      {:ok, opts} ->
        run(opts)
    end
  end

  defp run(opts) do
    Logging.configure(opts.log_level)

    IO.puts(
      "exesdb_dev starting #{opts.node_name} (a development and test peer imitating ExESDB 0.11, not ExESDB)"
    )

    trap_sigterm()

    with :ok <- Distribution.start(opts),
         :ok <- Bootstrap.configure(opts),
         :ok <- Application.put_env(:exesdb_dev, :options, opts),
         :ok <- ExesdbDev.ImitatedApplications.start(),
         {:ok, _apps} <- Application.ensure_all_started(:exesdb_dev) do
      IO.puts(ready_line(opts))
      Process.sleep(:infinity)
    else
      {:error, reason} ->
        IO.puts(:stderr, "exesdb_dev failed: #{format_error(reason)}")
        System.halt(1)
    end
  end

  defp format_error(reason) when is_binary(reason), do: reason
  defp format_error(reason), do: inspect(reason, limit: 20)

  defp trap_sigterm do
    System.trap_signal(:sigterm, :exesdb_dev_stop, fn ->
      Logger.notice("[node] SIGTERM: stopping #{node()}")
      System.stop(0)
      :ok
    end)
  end

  @doc "The readiness line."
  @spec ready_line(Options.t()) :: String.t()
  def ready_line(opts) do
    leaders = Enum.map_join(opts.stores, ",", fn s -> "#{s}:#{Cluster.leader(s)}" end)

    [
      "exesdb_dev ready",
      "node=#{node()}",
      "stores=#{Enum.join(opts.stores, ",")}",
      "epmd_port=#{Distribution.epmd_port()}",
      "dist_port=#{Distribution.listen_port()}",
      "emitter_mode=#{opts.emitter_mode}",
      "storage=#{opts.storage}",
      "peers=#{Enum.join(opts.peers, ",")}",
      "running_peers=#{Enum.join(Bootstrap.running_peers(), ",")}",
      "leaders=#{leaders}",
      "gossip=#{opts.gossip.mode}",
      "otp=#{System.otp_release()}",
      "elixir=#{System.version()}",
      "os_pid=#{System.pid()}"
    ]
    |> Enum.join(" ")
  end
end
