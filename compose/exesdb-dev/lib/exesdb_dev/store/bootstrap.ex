defmodule ExesdbDev.Store.Bootstrap do
  @moduledoc """
  Brings this node's Mnesia into the cluster's store before anything else starts.

  * A node with a disc schema from an earlier run restarts from it and loads the tables from the
    running peers (or from disc when it is alone and was not the last to stop, after the join
    timeout, it forces the load and says so).
  * A fresh node joins any running peer (`extra_db_nodes`) and adds a copy of every table.
  * When no peer runs yet, only the *seed* (the smallest name among this node and its peers)
    creates the tables; the others keep trying to join until the join timeout. That rule keeps
    two halves of a cluster that start together from creating two separate stores.
  """
  require Logger

  alias ExesdbDev.Options
  alias ExesdbDev.Store.Tables

  @retry_ms 200

  @doc "Configures Mnesia's directory; must run before the `:mnesia` application starts."
  @spec configure(Options.t()) :: :ok
  def configure(%Options{} = opts) do
    :ok = ensure_loaded(:mnesia)
    dir = Path.join(opts.data_dir, "mnesia")
    File.mkdir_p!(dir)
    Application.put_env(:mnesia, :dir, String.to_charlist(dir))
    Application.put_env(:mnesia, :schema_location, if(opts.storage == :ram, do: :ram, else: :opt_disc))
    :ok
  end

  defp ensure_loaded(app) do
    case Application.load(app) do
      :ok -> :ok
      {:error, {:already_loaded, ^app}} -> :ok
    end
  end

  @doc "Runs `run/1` as a supervisor child: `:ignore` when done, a start error otherwise."
  @spec start_link(Options.t()) :: :ignore | {:error, String.t()}
  def start_link(%Options{} = opts) do
    case run(opts) do
      :ok -> :ignore
      {:error, reason} -> {:error, reason}
    end
  end

  @doc "Joins or creates the store; returns when every table is loaded on this node."
  @spec run(Options.t()) :: :ok | {:error, String.t()}
  def run(%Options{} = opts) do
    deadline = System.monotonic_time(:millisecond) + opts.join_timeout_ms
    connect(opts.peers)

    if Enum.all?(Tables.names(), &local_copy?/1) do
      Logger.info("[store] restarting from the schema in #{opts.data_dir}")
      await_tables(opts, deadline)
    else
      join_or_create(opts, deadline)
    end
  end

  defp connect(peers), do: Enum.each(peers, &Node.connect/1)

  defp local_copy?(table) do
    node() in :mnesia.table_info(table, :all_nodes)
  catch
    :exit, _ -> false
  end

  defp join_or_create(opts, deadline) do
    connect(opts.peers)
    live = Enum.filter(opts.peers, &(&1 in Node.list()))

    case :mnesia.change_config(:extra_db_nodes, live) do
      {:ok, _joined} ->
        tables = :mnesia.system_info(:tables)

        cond do
          Enum.all?(Tables.names(), &(&1 in tables)) ->
            Logger.info("[store] joining the store of #{inspect(running_peers())}")
            with :ok <- schema_copy(opts), do: add_copies(opts, deadline)

          seed?(opts) ->
            with :ok <- schema_copy(opts), do: create_tables(opts)

          past?(deadline) ->
            {:error,
             "no store to join: the seed #{seed(opts)} did not create it within #{opts.join_timeout_ms} ms"}

          true ->
            Process.sleep(@retry_ms)
            join_or_create(opts, deadline)
        end

      {:error, reason} ->
        {:error, "joining the Mnesia cluster failed: #{inspect(reason)}"}
    end
  end

  defp schema_copy(%Options{storage: :ram}), do: :ok

  defp schema_copy(%Options{storage: :disc}) do
    case :mnesia.change_table_copy_type(:schema, node(), :disc_copies) do
      {:atomic, :ok} -> :ok
      {:aborted, {:already_exists, :schema, _, :disc_copies}} -> :ok
      {:aborted, reason} -> {:error, "making the schema a disc copy failed: #{inspect(reason)}"}
    end
  end

  defp seed(opts), do: Enum.min([node() | opts.peers])
  defp seed?(opts), do: seed(opts) == node()

  defp copy_type(%Options{storage: :disc}), do: :disc_copies
  defp copy_type(%Options{storage: :ram}), do: :ram_copies

  defp create_tables(opts) do
    Logger.info(
      "[store] creating the store tables (#{copy_type(opts)}) as seed of #{inspect([node() | opts.peers])}"
    )

    Enum.each(Tables.definitions(), fn {name, type} ->
      result =
        :mnesia.create_table(name, [
          {:type, type},
          {:attributes, [:key, :value]},
          {copy_type(opts), [node()]}
        ])

      case result do
        {:atomic, :ok} -> :ok
        {:aborted, {:already_exists, ^name}} -> :ok
        {:aborted, reason} -> raise "creating #{name} failed: #{inspect(reason)}"
      end
    end)

    :ok = :mnesia.wait_for_tables(Tables.names(), 10_000)
  end

  defp add_copies(opts, deadline) do
    Enum.each(Tables.names(), fn name ->
      case :mnesia.add_table_copy(name, node(), copy_type(opts)) do
        {:atomic, :ok} -> :ok
        {:aborted, {:already_exists, ^name, _node}} -> :ok
        {:aborted, reason} -> raise "adding a copy of #{name} failed: #{inspect(reason)}"
      end
    end)

    await_tables(opts, deadline)
  end

  defp await_tables(opts, deadline) do
    wait = max(deadline - System.monotonic_time(:millisecond), 1_000)

    case :mnesia.wait_for_tables(Tables.names(), wait) do
      :ok ->
        :ok

      {:timeout, missing} ->
        if running_peers() == [] do
          Logger.warning(
            "[store] no peer came back within #{opts.join_timeout_ms} ms; loading #{inspect(missing)} from this node's disc"
          )

          Enum.each(missing, &:mnesia.force_load_table/1)
          :mnesia.wait_for_tables(Tables.names(), 10_000)
        else
          {:error, "tables #{inspect(missing)} did not load within #{opts.join_timeout_ms} ms"}
        end

      {:error, reason} ->
        {:error, "waiting for tables failed: #{inspect(reason)}"}
    end
  end

  defp past?(deadline), do: System.monotonic_time(:millisecond) > deadline

  @doc "The other nodes whose Mnesia runs and shares the store."
  @spec running_peers() :: [node()]
  def running_peers, do: :mnesia.system_info(:running_db_nodes) -- [node()]
end
