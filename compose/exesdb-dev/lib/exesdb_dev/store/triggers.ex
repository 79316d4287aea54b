defmodule ExesdbDev.Store.Triggers do
  @moduledoc """
  The stand-in for ExESDB's Khepri triggers: one record per store and sub-topic, written when an
  emitter pool starts and never removed (ExESDB never removes its triggers either). The leader's
  dispatcher sends each new event to the emitters of every trigger whose filter matches.
  """

  alias ExesdbDev.Store.Tables

  @doc "Registers (or replaces) the trigger of a sub-topic."
  @spec put(atom(), String.t(), map()) :: :ok
  def put(store, sub_topic, subscription) do
    {:atomic, :ok} =
      :mnesia.sync_transaction(fn ->
        :mnesia.write(
          {Tables.triggers(), {store, sub_topic},
           Map.take(subscription, [:type, :selector, :subscription_name])}
        )
      end)

    :ok
  end

  @doc "Every `{sub_topic, subscription}` trigger of the store."
  @spec all(atom()) :: [{String.t(), map()}]
  def all(store) do
    :mnesia.dirty_select(Tables.triggers(), [{{:_, {store, :"$1"}, :"$2"}, [], [{{:"$1", :"$2"}}]}])
  end
end
