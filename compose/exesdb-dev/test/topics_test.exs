defmodule ExesdbDev.TopicsTest do
  @moduledoc "Sub-topic naming (wire contract §4.3) and subscription filters (§4.1)."
  use ExUnit.Case, async: true

  alias ExesdbDev.{EventFilter, Topics}

  test "sub-topics and topics as in ExESDB" do
    assert Topics.sub_topic(:by_stream, "all-events", "$all") == "$all"
    assert Topics.topic(:reg_gh, "$all") == "reg_gh:$all"
    assert Topics.sub_topic(:by_stream, "transient", "$orders-1") == "$orders-1"
    assert Topics.sub_topic(:by_stream, "billing", "$orders-1") == "$billing"
    assert Topics.sub_topic(:by_event_type, "transient", "Paid") == "Paid"
    assert Topics.sub_topic(:by_event_type, "n", "Paid") == "*n-Paid"
    hash = :erlang.phash2(%{event_type: "x"}) |> Integer.to_string(16)
    assert Topics.sub_topic(:by_event_pattern, "n", %{event_type: "x"}) == "evt-pat-n-" <> hash
    assert Topics.sub_topic(:by_event_payload, "n", %{event_type: "x"}) == "evt-pay-n-" <> hash
    assert Topics.pool_name(:reg_gh, "$all") == :"reg_gh:$all_emitter_pool"
    assert Topics.emitter_names(:reg_gh, "$all", 2) == [:"reg_gh_$all_emitter", :"reg_gh_$all_emitter_2"]
  end

  test "the built-in subscription's key is 44668505" do
    assert ExesdbDev.Store.Subscriptions.key(:by_stream, "$all", "all-events") == "44668505"
  end

  test "filters" do
    record = %ExESDB.Schema.EventRecord{
      event_stream_id: "orders-1",
      event_type: "Paid",
      data: %{amount: 5, currency: "EUR"}
    }

    assert matches?(:by_stream, "$all", record)
    assert matches?(:by_stream, "$orders-1", record)
    refute matches?(:by_stream, "$orders-2", record)
    assert {:error, :invalid_stream} = EventFilter.build(:by_stream, "orders-1")
    assert matches?(:by_event_type, "Paid", record)
    refute matches?(:by_event_type, "Refunded", record)
    assert matches?(:by_event_pattern, %{event_type: "Paid", event_stream_id: "orders-1"}, record)
    assert matches?(:by_event_pattern, %{event_type: :_}, record)
    refute matches?(:by_event_pattern, %{event_type: "Refunded"}, record)
    assert matches?(:by_event_payload, %{currency: "EUR"}, record)
    refute matches?(:by_event_payload, %{currency: "USD"}, record)
    refute matches?(:by_event_payload, %{currency: "EUR"}, %{record | data: "not a map"})
  end

  defp matches?(type, selector, record) do
    {:ok, filter} = EventFilter.build(type, selector)
    filter.(record)
  end
end
