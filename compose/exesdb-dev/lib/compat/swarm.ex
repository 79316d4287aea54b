defmodule Swarm do
  @moduledoc """
  Imitation of the parts of Swarm 3.4 that ExESDB's peers use: `registered/0` (what a gateway
  calls through `rex`), `whereis_name/1`, `register_name/2` and `unregister_name/1`.

  Part of the exesdb_dev development peer, not the Swarm library. The registry is a private
  `:pg` scope (`:exesdb_dev_swarm`) shared by the development nodes of a cluster: like Swarm's,
  it is cluster-wide and eventually consistent, and entries vanish when their process dies.
  """

  @scope :exesdb_dev_swarm

  @doc false
  def scope, do: @scope

  @doc "Every registered `{name, pid}` of the cluster."
  @spec registered() :: [{term(), pid()}]
  def registered do
    for group <- :pg.which_groups(@scope), [pid | _] <- [:pg.get_members(@scope, group)], do: {group, pid}
  end

  @doc "The pid registered under `name`, or `:undefined`."
  @spec whereis_name(term()) :: pid() | :undefined
  def whereis_name(name) do
    case :pg.get_members(@scope, name) do
      [pid | _] -> pid
      [] -> :undefined
    end
  end

  @doc "Registers a local pid; `:no` when the name is taken (as Swarm answers)."
  @spec register_name(term(), pid()) :: :yes | :no
  def register_name(name, pid) when is_pid(pid) and node(pid) == node() do
    case :pg.get_members(@scope, name) do
      [] ->
        :ok = :pg.join(@scope, name, pid)
        :yes

      _taken ->
        :no
    end
  end

  @doc "Removes the calling node's registrations of `name`."
  @spec unregister_name(term()) :: :ok
  def unregister_name(name) do
    case :pg.get_local_members(@scope, name) do
      [] -> :ok
      pids -> :pg.leave(@scope, name, pids)
    end

    :ok
  end
end
