defmodule ExesdbDev.Cluster do
  @moduledoc """
  Which development nodes serve a store, and which of them leads it.

  Every node's `ExesdbDev.Leader` for a store joins the pg group `{:store_members, store}` in
  the private scope `:exesdb_dev_cluster`. The leader is the member with the smallest node
  name: a deterministic stand-in for the Raft leader from which ExESDB emits events.
  """

  @scope :exesdb_dev_cluster

  @doc false
  def scope, do: @scope

  @doc false
  def group(store), do: {:store_members, store}

  @doc "`[{store, node}]` for every node that serves `store`, like `khepri_cluster:members/1`."
  @spec members(atom()) :: [{atom(), node()}]
  def members(store) do
    @scope
    |> :pg.get_members(group(store))
    |> Enum.map(&node/1)
    |> Enum.uniq()
    |> Enum.sort()
    |> Enum.map(&{store, &1})
  end

  @doc "The node that leads `store`, or nil when no node serves it."
  @spec leader(atom()) :: node() | nil
  def leader(store) do
    case members(store) do
      [] -> nil
      [{_, first} | _] -> first
    end
  end

  @doc "The stores this node serves (set at start-up)."
  @spec local_stores() :: [atom()]
  def local_stores, do: :persistent_term.get({__MODULE__, :stores}, [])

  @doc false
  def put_local_stores(stores), do: :persistent_term.put({__MODULE__, :stores}, stores)

  @doc "True when this node serves `store`."
  @spec local_store?(term()) :: boolean()
  def local_store?(store), do: store in local_stores()

  @doc "The emitter mode of this node."
  @spec emitter_mode() :: :started | :exesdb_0_11
  def emitter_mode, do: :persistent_term.get({__MODULE__, :emitter_mode}, :started)

  @doc false
  def put_emitter_mode(mode), do: :persistent_term.put({__MODULE__, :emitter_mode}, mode)
end
