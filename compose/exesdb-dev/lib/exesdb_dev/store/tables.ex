defmodule ExesdbDev.Store.Tables do
  @moduledoc """
  The Mnesia tables that hold every store of the cluster (the store id is part of each key).

  | table | key | value |
  |---|---|---|
  | `exesdb_dev_events` (ordered) | `{store, stream_id, event_number}` | `%ExESDB.Schema.EventRecord{}` |
  | `exesdb_dev_streams` | `{store, stream_id}` | the stream's last event number |
  | `exesdb_dev_subscriptions` | `{store, key}` | the subscription map ExESDB stores |
  | `exesdb_dev_snapshots` | `{store, khepri_path}` | payload, or `:none` for a parent node |
  | `exesdb_dev_triggers` | `{store, sub_topic}` | the subscription an emitter pool serves |

  Snapshots keep Khepri's tree shape (parents stay when a leaf is deleted) so that a missing
  snapshot produces the same `node_not_found` error as ExESDB.
  """

  @events :exesdb_dev_events
  @streams :exesdb_dev_streams
  @subscriptions :exesdb_dev_subscriptions
  @snapshots :exesdb_dev_snapshots
  @triggers :exesdb_dev_triggers

  def events, do: @events
  def streams, do: @streams
  def subscriptions, do: @subscriptions
  def snapshots, do: @snapshots
  def triggers, do: @triggers

  @doc "Every table with its Mnesia type."
  @spec definitions() :: [{atom(), :set | :ordered_set}]
  def definitions do
    [
      {@events, :ordered_set},
      {@streams, :set},
      {@subscriptions, :set},
      {@snapshots, :set},
      {@triggers, :set}
    ]
  end

  @spec names() :: [atom()]
  def names, do: Enum.map(definitions(), &elem(&1, 0))
end
