defmodule ExesdbDev.EventFilter do
  @moduledoc """
  ExESDB's subscription filters (`streams_filters.erl`) as predicates on stored records.

  | type | selector | matches |
  |---|---|---|
  | `:by_stream` | `"$all"` | every event |
  | `:by_stream` | `"$<id>"` | events of stream `<id>` (text after the first `$`) |
  | `:by_event_type` | type | `event_type == selector` |
  | `:by_event_pattern` | map pattern | the record matches the pattern (Khepri `if_data_matches`) |
  | `:by_event_payload` | map pattern | the record's `data` matches the pattern |

  Patterns are Erlang match-spec heads, as Khepri's `if_data_matches` uses them: maps match
  partially and `:_` matches anything. A `:by_stream` selector without `$` is invalid, as in
  ExESDB (its emitter pool starts but no trigger is registered).
  """

  @type t :: (map() -> boolean())

  @spec build(atom(), term()) :: {:ok, t()} | {:error, term()}
  def build(:by_stream, "$all"), do: {:ok, fn _record -> true end}

  def build(:by_stream, selector) when is_binary(selector) do
    case String.split(selector, "$", parts: 2) do
      [_before, stream_id] -> {:ok, fn record -> Map.get(record, :event_stream_id) == stream_id end}
      [_no_dollar] -> {:error, :invalid_stream}
    end
  end

  def build(:by_event_type, selector), do: {:ok, fn record -> Map.get(record, :event_type) == selector end}
  def build(:by_event_pattern, pattern), do: compile(pattern)
  def build(:by_event_payload, pattern), do: compile(%{data: pattern})
  def build(type, _selector), do: {:error, {:unknown_subscription_type, type}}

  defp compile(pattern) do
    spec = :ets.match_spec_compile([{pattern, [], [true]}])
    {:ok, fn record -> :ets.match_spec_run([record], spec) == [true] end}
  rescue
    ArgumentError -> {:error, {:invalid_pattern, pattern}}
  end
end
