defmodule ExESDB.Schema.NewEvent do
  @moduledoc """
  The event a client appends, as ExESDB (gater 0.8) defines it: a protobuf-generated struct whose
  six fields must all be present. Part of the exesdb_dev development peer.
  """
  defstruct event_id: nil,
            event_type: nil,
            data_content_type: nil,
            metadata_content_type: nil,
            data: nil,
            metadata: nil,
            __unknown_fields__: []

  @type t :: %__MODULE__{}
end

defmodule ExESDB.Schema.EventRecord do
  @moduledoc """
  A stored event as ExESDB returns and broadcasts it: 12 map keys with `__struct__`, `created` a
  `DateTime`, `created_epoch` in microseconds and protobuf's `__unknown_fields__: []`.
  Part of the exesdb_dev development peer.
  """
  defstruct event_stream_id: nil,
            event_number: nil,
            event_id: nil,
            event_type: nil,
            data_content_type: nil,
            metadata_content_type: nil,
            data: nil,
            metadata: nil,
            created: nil,
            created_epoch: nil,
            __unknown_fields__: []

  @type t :: %__MODULE__{}
end

defmodule ExESDB.Schema.SnapshotRecord do
  @moduledoc """
  The conventional snapshot payload (gater `snapshot_record.ex`). The store keeps whatever term
  a client records; this struct only helps tests build one. Part of the exesdb_dev peer.
  """
  defstruct source_uuid: nil,
            source_version: nil,
            source_type: nil,
            data: nil,
            metadata: nil,
            created_at: nil,
            created_epoch: nil

  @type t :: %__MODULE__{}
end
