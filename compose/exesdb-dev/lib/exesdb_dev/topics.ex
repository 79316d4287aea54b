defmodule ExesdbDev.Topics do
  @moduledoc """
  ExESDB's names for a subscription's sub-topic, PubSub topic, emitter pool and emitters
  (store `topics.ex`, `emitter_group.erl`, `emitter_pool.ex`).
  """

  @doc """
  The sub-topic of a subscription (ExESDB.Topics.sub_topic/3). The built-in "all-events"
  subscription has sub-topic `"$all"` (observed on a live 0.11 node: topic `"reg_gh:$all"`);
  other `:by_stream` names `n` give `"$n"`.
  """
  @spec sub_topic(atom(), term(), term()) :: String.t()
  def sub_topic(:by_stream, "all-events", "$all"), do: "$all"
  def sub_topic(:by_stream, "transient", selector), do: selector
  def sub_topic(:by_stream, subscription_name, _selector), do: "$#{subscription_name}"
  def sub_topic(:by_event_type, "transient", selector), do: selector
  def sub_topic(:by_event_type, subscription_name, selector), do: "*#{subscription_name}-#{selector}"
  def sub_topic(:by_event_pattern, name, selector), do: "evt-pat-#{name}-#{selector_hash(selector)}"
  def sub_topic(:by_event_payload, name, selector), do: "evt-pay-#{name}-#{selector_hash(selector)}"

  defp selector_hash(selector), do: selector |> :erlang.phash2() |> Integer.to_string(16)

  @doc "The PubSub topic `\"<store>:<sub_topic>\"`."
  @spec topic(atom(), String.t()) :: String.t()
  def topic(store, sub_topic), do: "#{store}:#{sub_topic}"

  @doc "The pg group the emitters of a sub-topic join in scope `Phoenix.PubSub`."
  @spec emitter_group(atom(), String.t()) :: {atom(), String.t(), :emitters}
  def emitter_group(store, sub_topic), do: {store, sub_topic, :emitters}

  @doc "The locally registered name of an emitter pool."
  @spec pool_name(atom(), String.t()) :: atom()
  def pool_name(store, sub_topic), do: :"#{store}:#{sub_topic}_emitter_pool"

  @doc "The locally registered names of a pool's emitters."
  @spec emitter_names(atom(), String.t(), pos_integer()) :: [atom()]
  def emitter_names(store, sub_topic, pool_size) do
    first = :"#{store}_#{sub_topic}_emitter"
    [first | for(n <- 2..pool_size//1, do: :"#{store}_#{sub_topic}_emitter_#{n}")]
  end
end
