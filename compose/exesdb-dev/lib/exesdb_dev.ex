defmodule ExesdbDev do
  @moduledoc """
  A development and test peer that imitates an ExESDB 0.11 node towards other Erlang nodes.

  It is **not** a replacement for ExESDB. It exists because real ExESDB nodes need Hex packages
  (Khepri, Ra, Swarm, Phoenix.PubSub, libcluster) that the project's build machines cannot
  reach, while every gateway test must talk to a real BEAM node that speaks ExESDB's messages.
  Production points the gateway at real ExESDB.

  What it imitates (see `README.md` and `shared/reference/exesdb-wire-contract.md`):

    * gateway workers per store (`ExESDB.GatewayWorker`), found through an `Swarm.registered/0`
      answered over `rex` and through the partition supervisor `:exesdb_gatewayworkers_<store>`;
    * every gateway-worker call and cast with ExESDB's request tuples, reply shapes and crashes;
    * subscriptions, emitter pools and the Phoenix.PubSub PG2 wire protocol (pg scope
      `Phoenix.PubSub`, group `:"Elixir.ex_esdb_events.Adapter"`);
    * snapshots with Khepri-style keys and errors;
    * what ExESDB nodes do to nodes that connect (the Swarm and ClusterMonitor `rpc` probes);
    * libcluster Gossip heartbeats, on loopback unless configured otherwise.

  Storage is Mnesia (OTP's own replication) instead of Khepri/Ra: appends are one transaction per
  batch, replicated to every node of the cluster before they are acknowledged.
  """

  @doc "The ten Phoenix.PubSub instances an ExESDB node runs (ExESDBGater.PubSubSystem)."
  @spec pubsub_instances() :: [atom()]
  def pubsub_instances do
    [
      :ex_esdb_events,
      :ex_esdb_system,
      :ex_esdb_logging,
      :ex_esdb_health,
      :ex_esdb_metrics,
      :ex_esdb_security,
      :ex_esdb_audit,
      :ex_esdb_alerts,
      :ex_esdb_diagnostics,
      :ex_esdb_lifecycle
    ]
  end
end
