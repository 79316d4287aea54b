defmodule ExesdbDev.Store.Subscriptions do
  @moduledoc """
  Saved subscriptions, keyed like ExESDB's `[:subscriptions, key]` with
  `key = Integer.to_string(:erlang.phash2({type, selector, subscription_name}))`.

  The key ignores the subscriber, so every "transient" subscription with the same type and
  selector is one record and the last save wins.
  """

  alias ExesdbDev.Store.Tables

  @doc "The key ExESDB's `subscriptions_store` derives."
  @spec key(atom(), term(), term()) :: String.t()
  def key(type, selector, subscription_name),
    do: Integer.to_string(:erlang.phash2({type, selector, subscription_name}))

  @doc "The stored map (the same five keys as ExESDB's `SubscriptionsWriter`)."
  @spec record(atom(), term(), term(), term(), pid() | nil) :: map()
  def record(type, selector, subscription_name, start_from, subscriber) do
    %{
      selector: selector,
      type: type,
      subscription_name: subscription_name,
      start_from: start_from,
      subscriber: subscriber
    }
  end

  @doc "Creates or replaces the record."
  @spec put(atom(), map()) :: :ok
  def put(store, %{type: type, selector: selector, subscription_name: name} = subscription) do
    {:atomic, :ok} =
      :mnesia.sync_transaction(fn ->
        :mnesia.write({Tables.subscriptions(), {store, key(type, selector, name)}, subscription})
      end)

    :ok
  end

  @doc "Deletes the record if it exists."
  @spec delete(atom(), atom(), term(), term()) :: :ok
  def delete(store, type, selector, name) do
    {:atomic, :ok} =
      :mnesia.sync_transaction(fn ->
        :mnesia.delete({Tables.subscriptions(), {store, key(type, selector, name)}})
      end)

    :ok
  end

  @doc "All records of the store as ExESDB returns them: `%{[:subscriptions, key] => map}`."
  @spec all(atom()) :: %{[term()] => map()}
  def all(store) do
    Tables.subscriptions()
    |> :mnesia.dirty_select([{{:_, {store, :"$1"}, :"$2"}, [], [{{:"$1", :"$2"}}]}])
    |> Map.new(fn {key, subscription} -> {[:subscriptions, key], subscription} end)
  end
end
