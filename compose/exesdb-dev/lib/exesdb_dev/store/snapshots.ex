defmodule ExesdbDev.Store.Snapshots do
  @moduledoc """
  Snapshots at ExESDB's Khepri paths `[:snapshots, source_uuid, stream_uuid, padded_version]`
  (`padded_version` is the version left-padded with zeros to 10 digits).

  The table keeps Khepri's tree: recording a snapshot also creates its parent nodes, deleting
  it removes only the leaf, and reading a missing path reports the first missing node the way
  Khepri 0.17 does.
  """

  alias ExesdbDev.Store.Tables

  @doc "The path of a snapshot; raises `FunctionClauseError` on bad arguments, like ExESDB."
  @spec path(binary(), binary(), non_neg_integer()) :: [term()]
  def path(source_uuid, stream_uuid, version)
      when is_binary(source_uuid) and is_binary(stream_uuid) and is_integer(version) and version >= 0 do
    [:snapshots, source_uuid, stream_uuid, version |> Integer.to_string() |> String.pad_leading(10, "0")]
  end

  @doc "Stores `record` verbatim at the snapshot's path."
  @spec record(atom(), [term()], term()) :: :ok
  def record(store, path, record) do
    {:atomic, :ok} =
      :mnesia.sync_transaction(fn ->
        path
        |> parents()
        |> Enum.each(fn parent ->
          if :mnesia.read(Tables.snapshots(), {store, parent}) == [],
            do: :mnesia.write({Tables.snapshots(), {store, parent}, :none})
        end)

        :mnesia.write({Tables.snapshots(), {store, path}, {:payload, record}})
      end)

    :ok
  end

  @doc "Deletes the leaf at `path` (its parents stay, as in Khepri)."
  @spec delete(atom(), [term()]) :: :ok
  def delete(store, path) do
    {:atomic, :ok} = :mnesia.sync_transaction(fn -> :mnesia.delete({Tables.snapshots(), {store, path}}) end)
    :ok
  end

  @doc """
  `{:ok, record}`, `{:error, :not_found}` for a node without payload, or Khepri's
  `{:error, {:khepri, :node_not_found, %{node_name: _, node_path: _, node_is_target: _}}}`.
  """
  @spec read(atom(), [term()]) :: {:ok, term()} | {:error, term()}
  def read(store, path) do
    case lookup(store, path) do
      {:payload, record} -> {:ok, record}
      :none -> {:error, :not_found}
      nil -> {:error, {:khepri, :node_not_found, first_missing(store, path)}}
    end
  end

  @doc """
  Snapshots under `[:snapshots, source, stream, _]` as `%{path => record}`. `:any` matches any
  source or stream, but only in the forms `(:any, :any)` and `(source, :any)`, like ExESDB's query.
  """
  @spec list(atom(), binary() | :any, binary() | :any) :: {:ok, %{[term()] => term()}}
  def list(store, source_uuid, stream_uuid) do
    {source, stream} =
      case {source_uuid, stream_uuid} do
        {:any, :any} -> {:_, :_}
        {source, :any} -> {source, :_}
        {source, stream} -> {source, stream}
      end

    pattern = {:_, {store, [:snapshots, source, stream, :_]}, {:payload, :_}}

    snapshots =
      Tables.snapshots()
      |> :mnesia.dirty_match_object(pattern)
      |> Map.new(fn {_, {_store, path}, {:payload, record}} -> {path, record} end)

    {:ok, snapshots}
  end

  defp lookup(store, path) do
    case :mnesia.dirty_read(Tables.snapshots(), {store, path}) do
      [{_, _, value}] -> value
      [] -> nil
    end
  end

  defp parents(path), do: for(n <- 1..(length(path) - 1)//1, do: Enum.take(path, n))

  defp first_missing(store, path) do
    prefix =
      Enum.find(for(n <- 1..length(path), do: Enum.take(path, n)), fn prefix ->
        lookup(store, prefix) == nil
      end)

    %{node_name: List.last(prefix), node_path: prefix, node_is_target: prefix == path}
  end
end
