defmodule ExesdbDev.Application do
  @moduledoc """
  The node's supervision tree. It runs only when `ExesdbDev.CLI` has put the parsed options in
  the application environment (under `mix test --no-start` nothing starts).
  """
  use Application

  alias ExesdbDev.{Cluster, Options}

  @impl true
  def start(_type, _args) do
    case Application.get_env(:exesdb_dev, :options) do
      %Options{} = opts ->
        Supervisor.start_link(children(opts), strategy: :one_for_one, name: ExesdbDev.Supervisor)

      nil ->
        Supervisor.start_link([], strategy: :one_for_one, name: ExesdbDev.Supervisor)
    end
  end

  defp children(opts) do
    Cluster.put_local_stores(opts.stores)
    Cluster.put_emitter_mode(opts.emitter_mode)

    [
      pg_scope(ExesdbDev.PubSub.scope()),
      pg_scope(Swarm.scope()),
      pg_scope(Cluster.scope()),
      {ExesdbDev.NodeWatcher, opts.swarm_probe_retries},
      %{id: :store_bootstrap, start: {ExesdbDev.Store.Bootstrap, :start_link, [opts]}, restart: :temporary}
    ] ++
      ExesdbDev.PubSub.child_specs(ExesdbDev.pubsub_instances()) ++
      [ExesdbDev.GaterApiMarker] ++
      Enum.map(opts.stores, &{ExesdbDev.StoreSupervisor, {&1, opts}}) ++
      gossip(opts)
  end

  defp pg_scope(scope), do: %{id: {:pg, scope}, start: {:pg, :start_link, [scope]}}

  defp gossip(%Options{gossip: %{mode: :off}}), do: []
  defp gossip(%Options{gossip: settings}), do: [{ExesdbDev.Gossip.Beacon, settings}]
end
