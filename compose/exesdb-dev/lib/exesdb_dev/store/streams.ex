defmodule ExesdbDev.Store.Streams do
  @moduledoc """
  Streams of events in Mnesia, with ExESDB's numbering: the first event is 0 and a stream
  without events has version -1.

  An append is one `mnesia:sync_transaction/1`: the expected-version check reads the stream's
  version under a write lock, the whole batch is written or nothing is, and the call returns
  only when every running replica has committed. (ExESDB checks outside any transaction and
  writes event by event; see the README.)
  """

  alias ExESDB.Schema.{EventRecord, NewEvent}
  alias ExesdbDev.Store.Tables

  @doc "The stream's last event number, -1 when it has none (also on any read error, like ExESDB)."
  @spec version(atom(), term()) :: integer()
  def version(store, stream_id) do
    case :mnesia.dirty_read(Tables.streams(), {store, stream_id}) do
      [{_, _, version}] -> version
      [] -> -1
    end
  catch
    :exit, _ -> -1
  end

  @doc """
  Appends `events` when `accept?.(current_version)` is true.

  Anything `accept?` or the event conversion raises is raised again in the caller, so a caller
  that is a gateway worker crashes exactly as ExESDB's does.
  """
  @spec append(atom(), term(), (integer() -> boolean()), list()) ::
          {:ok, integer()} | {:error, {:wrong_expected_version, integer()}}
  def append(store, stream_id, accept?, events) when is_list(events) do
    transaction = fn ->
      current =
        case :mnesia.read(Tables.streams(), {store, stream_id}, :write) do
          [{_, _, version}] -> version
          [] -> -1
        end

      if accept?.(current) do
        write(store, stream_id, current, events)
      else
        {:error, {:wrong_expected_version, current}}
      end
    end

    case :mnesia.sync_transaction(transaction) do
      {:atomic, result} -> result
      {:aborted, {reason, [_ | _] = stacktrace}} -> :erlang.raise(:error, reason, stacktrace)
      {:aborted, reason} -> exit({:append_aborted, reason})
    end
  end

  defp write(_store, _stream_id, current, []), do: {:ok, current}

  defp write(store, stream_id, current, events) do
    last =
      events
      |> Enum.with_index(current + 1)
      |> Enum.reduce(current, fn {event, number}, _acc ->
        record = to_event_record(event, stream_id, number)
        :ok = :mnesia.write({Tables.events(), {store, stream_id, number}, record})
        number
      end)

    :ok = :mnesia.write({Tables.streams(), {store, stream_id}, last})
    {:ok, last}
  end

  @doc """
  Turns a `%NewEvent{}` into the stored record. Like ExESDB it matches the struct and then
  reads each field, so another struct raises `FunctionClauseError` and a missing key `KeyError`.
  """
  @spec to_event_record(NewEvent.t(), term(), non_neg_integer()) :: EventRecord.t()
  def to_event_record(%NewEvent{} = event, stream_id, number) do
    now = DateTime.utc_now()

    %EventRecord{
      event_stream_id: stream_id,
      event_number: number,
      event_id: Map.fetch!(event, :event_id),
      event_type: Map.fetch!(event, :event_type),
      data_content_type: Map.fetch!(event, :data_content_type),
      metadata_content_type: Map.fetch!(event, :metadata_content_type),
      data: Map.fetch!(event, :data),
      metadata: Map.fetch!(event, :metadata),
      created: now,
      created_epoch: DateTime.to_unix(now, :microsecond),
      __unknown_fields__: []
    }
  end

  @doc "The events with the given numbers that exist, in the given order (holes are skipped)."
  @spec read(atom(), term(), [integer()]) :: [EventRecord.t()]
  def read(store, stream_id, numbers) do
    Enum.flat_map(numbers, fn n ->
      case :mnesia.dirty_read(Tables.events(), {store, stream_id, n}) do
        [{_, _, record}] -> [record]
        [] -> []
      end
    end)
  end

  @doc "Every stream id of the store."
  @spec list(atom()) :: [term()]
  def list(store) do
    :mnesia.dirty_select(Tables.streams(), [{{:_, {store, :"$1"}, :_}, [], [:"$1"]}])
  end
end
