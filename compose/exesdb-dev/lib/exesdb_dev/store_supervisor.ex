defmodule ExesdbDev.StoreSupervisor do
  @moduledoc """
  Everything one store needs on one node, in start order: the subscription reader and writer,
  the store registry, the emitter pool supervisor `:exesdb_emitterpools_<store>`, the leader
  process (membership, built-in subscription, dispatch) and last, as in ExESDB's GatewaySystem,
  the partition supervisor `:exesdb_gatewayworkers_<store>` of the gateway workers.
  """
  use Supervisor

  def child_spec({store, opts}) do
    %{id: {__MODULE__, store}, start: {__MODULE__, :start_link, [{store, opts}]}, type: :supervisor}
  end

  def start_link({store, opts}),
    do: Supervisor.start_link(__MODULE__, {store, opts}, name: :"exesdb_dev_store_#{store}")

  @doc "The partition supervisor of a store's gateway workers."
  def gateway_workers_name(store), do: :"exesdb_gatewayworkers_#{store}"

  @impl true
  def init({store, opts}) do
    children = [
      {ExesdbDev.SubscriptionsServer, {:reader, store}},
      {ExesdbDev.SubscriptionsServer, {:writer, store}},
      {ExesdbDev.StoreRegistry, {store, opts}},
      # Emitter pools restart freely here so that a crashing emitter (a remote subscriber pid)
      # stays inside this supervisor instead of escalating to the whole store.
      %{
        id: :emitter_pools,
        type: :supervisor,
        start:
          {DynamicSupervisor, :start_link,
           [
             [
               name: ExESDB.Emitters.pools_supervisor(store),
               strategy: :one_for_one,
               max_restarts: 1_000,
               max_seconds: 1
             ]
           ]}
      },
      {ExesdbDev.Leader, store},
      %{
        id: :gateway_system,
        type: :supervisor,
        start:
          {Supervisor, :start_link,
           [
             [
               {PartitionSupervisor,
                child_spec: {ExESDB.GatewayWorker, [store_id: store]},
                name: gateway_workers_name(store),
                partitions: opts.gateway_pool_size}
             ],
             [strategy: :one_for_one, max_restarts: 15, max_seconds: 60]
           ]}
      }
    ]

    Supervisor.init(children, strategy: :one_for_one, max_restarts: 1_000, max_seconds: 1)
  end
end
