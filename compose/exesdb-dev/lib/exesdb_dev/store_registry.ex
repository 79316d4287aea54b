defmodule ExesdbDev.StoreRegistry do
  @moduledoc """
  ExESDB's `StoreRegistry`, one per store and node, registered in Swarm as
  `{:store_registry, :erlang.phash2(unique)}`. `list_stores` asks a random registry of the
  cluster and answers `{:ok, [%{store: config, node: node}]}` with the config map of ExESDB's
  `build_store_config/1` (live-check values: `timeout` 2000, `store_description` "undefined!",
  `pub_sub`, `reader_idle_ms`, `writer_idle_ms` and `environment` nil, `tags` []).

  Registries announce their store to each other (as ExESDB's do); unlike ExESDB, an entry is
  dropped when its registry dies.
  """
  use GenServer
  require Logger

  def child_spec({store, opts}),
    do: %{id: {__MODULE__, store}, start: {__MODULE__, :start_link, [{store, opts}]}}

  def start_link({store, opts}),
    do: GenServer.start_link(__MODULE__, {store, opts}, name: :"exesdb_storeregistry_#{store}")

  @doc "The registries of the cluster (their Swarm entries)."
  @spec all_registries() :: [pid()]
  def all_registries, do: for({{:store_registry, _}, pid} <- Swarm.registered(), do: pid)

  @doc "ExESDB.StoreRegistry.list_stores/0: a call to a random registry."
  @spec list_stores() :: {:ok, [map()]}
  def list_stores, do: GenServer.call(Enum.random(all_registries()), {:list_stores})

  @doc "The config map ExESDB builds for a store."
  @spec store_config(atom(), ExesdbDev.Options.t()) :: map()
  def store_config(store, opts) do
    %{
      store_id: store,
      data_dir: opts.data_dir,
      timeout: 2_000,
      db_type: if(opts.peers == [], do: :single, else: :cluster),
      pub_sub: nil,
      reader_idle_ms: nil,
      writer_idle_ms: nil,
      store_description: "undefined!",
      created_at: DateTime.utc_now(),
      version: 1,
      status: :active,
      priority: :normal,
      auto_start: true,
      tags: [],
      environment: nil
    }
  end

  @impl true
  def init({store, opts}) do
    :yes = Swarm.register_name({:store_registry, :erlang.phash2(make_ref())}, self())
    own = %{store: store_config(store, opts), node: node()}
    send(self(), :announce)
    {:ok, %{own: own, others: %{}}}
  end

  @impl true
  def handle_call({:list_stores}, _from, state) do
    {:reply, {:ok, [state.own | Map.values(state.others)]}, state}
  end

  @impl true
  def handle_cast({:announce_store_for_node, entry, from}, state) do
    state =
      if Map.has_key?(state.others, from) do
        state
      else
        Process.monitor(from)
        GenServer.cast(from, {:announce_store_for_node, state.own, self()})
        %{state | others: Map.put(state.others, from, entry)}
      end

    {:noreply, state}
  end

  @impl true
  def handle_info(:announce, state) do
    for pid <- all_registries(),
        pid != self(),
        do: GenServer.cast(pid, {:announce_store_for_node, state.own, self()})

    Process.send_after(self(), :announce, 2_000)
    {:noreply, state}
  end

  def handle_info({:DOWN, _ref, :process, pid, _reason}, state) do
    {:noreply, %{state | others: Map.delete(state.others, pid)}}
  end
end
