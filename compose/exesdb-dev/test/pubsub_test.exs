defmodule ExesdbDev.PubSubTest do
  @moduledoc """
  Live delivery as a gateway sees it: this hidden node runs its own pg scope `Phoenix.PubSub`,
  peers it with the development node by sending `{:discover, scope}` (§4.5) and joins
  `:"Elixir.ex_esdb_events.Adapter"`, so it is a pg member on ANOTHER node.
  """
  use ExUnit.Case, async: true

  import ExesdbDev.Test.Remote
  alias ExesdbDev.Test.Cluster

  @store :reg_gh
  @adapter :"Elixir.ex_esdb_events.Adapter"

  setup_all do
    # One pg scope per test node; the tests of this module share it.
    scope =
      case :pg.start(Phoenix.PubSub) do
        {:ok, pid} -> pid
        {:error, {:already_started, pid}} -> pid
      end

    nodes =
      Cluster.start!([:started, :legacy],
        peers: false,
        node_args: %{legacy: ["--emitter-mode", "exesdb_0_11"]}
      )

    %{scope: scope, started: nodes.started.node, legacy: nodes.legacy.node}
  end

  setup %{scope: scope} do
    :ok = :pg.join(Phoenix.PubSub, @adapter, self())
    %{scope: scope}
  end

  defp peer_with(node, scope) do
    send({Phoenix.PubSub, node}, {:discover, scope})
    me = self()
    eventually(fn -> me in rex(node, :pg, :get_members, [Phoenix.PubSub, @adapter]) end)
  end

  defp append!(node, stream, events) do
    {:reply, {:ok, _}} = call(worker!(node), {:append_events, @store, stream, :any, events})
  end

  test "every new event reaches a remote adapter member as forward_to_local on <store>:$all", %{
    started: node,
    scope: scope
  } do
    peer_with(node, scope)
    s = stream_id("live")
    append!(node, s, [new_event("one"), new_event("two")])

    assert_receive {:forward_to_local, "reg_gh:$all",
                    {:events, [%ExESDB.Schema.EventRecord{event_stream_id: ^s, event_number: 0} = first]},
                    Phoenix.PubSub},
                   5_000

    assert first.event_type == "one"

    assert_receive {:forward_to_local, "reg_gh:$all", {:events, [%{event_stream_id: ^s, event_number: 1}]},
                    Phoenix.PubSub},
                   5_000
  end

  test "emitter pools show as pg groups {store, sub_topic, :emitters} in the peered scope", %{
    started: node,
    scope: scope
  } do
    peer_with(node, scope)
    # The scope of this node learnt the group from the development node's pg sync or join.
    eventually(fn ->
      Enum.any?(:pg.get_members(Phoenix.PubSub, {@store, "$all", :emitters}), &(node(&1) == node))
    end)

    # ExESDB's integer tracker group phash2({:reg_gh, :subscriptions, :trackers}) is there too.
    assert Enum.any?(:pg.get_members(Phoenix.PubSub, 94_673_298), &(node(&1) == node))
    assert Enum.any?(:pg.get_members(Phoenix.PubSub, @adapter), &(node(&1) == node))
  end

  test "saved subscriptions publish on their own sub-topic with their filter", %{started: node, scope: scope} do
    peer_with(node, scope)
    type = "typed_#{System.unique_integer([:positive])}"
    GenServer.cast(worker!(node), {:save_subscription, @store, :by_event_type, type, "typed", 0, nil})
    topic = "reg_gh:*typed-#{type}"
    eventually(fn -> :pg.get_members(Phoenix.PubSub, {@store, "*typed-#{type}", :emitters}) != [] end)

    s = stream_id("typed")
    append!(node, s, [new_event("other"), new_event(type)])

    assert_receive {:forward_to_local, ^topic, {:events, [%{event_type: ^type, event_number: 1}]},
                    Phoenix.PubSub},
                   5_000

    refute_received {:forward_to_local, ^topic, {:events, [%{event_type: "other"}]}, _}
  end

  test "a pid subscriber on the node receives {:events, [record]}", %{started: node} do
    me = self()
    relay = Node.spawn(node, ExesdbDev.Test.Relay, :loop, [me])
    s = stream_id("pid")
    GenServer.cast(worker!(node), {:save_subscription, @store, :by_stream, "$" <> s, "transient", 0, relay})
    eventually(fn -> rex(node, :pg, :get_members, [Phoenix.PubSub, {@store, "$" <> s, :emitters}]) != [] end)

    append!(node, s, [new_event("for-pid")])

    assert_receive {:relayed,
                    {:events, [%ExESDB.Schema.EventRecord{event_stream_id: ^s, event_type: "for-pid"}]}},
                   5_000
  end

  test "a local Phoenix-style subscriber on the node receives {:events, [record]}", %{started: node} do
    me = self()
    relay = Node.spawn(node, ExesdbDev.Test.Relay, :subscribe_and_loop, [me, :ex_esdb_events, "reg_gh:$all"])
    assert_receive {:subscribed, ^relay}, 5_000

    s = stream_id("local")
    append!(node, s, [new_event("local")])
    assert_receive {:relayed, {:events, [%ExESDB.Schema.EventRecord{event_stream_id: ^s}]}}, 5_000
  end

  test "exesdb_0_11 mode: nothing is emitted until start_emitter_pool is called through rex", %{
    legacy: node,
    scope: scope
  } do
    peer_with(node, scope)
    assert rex(node, :pg, :get_members, [Phoenix.PubSub, {@store, "$all", :emitters}]) == []

    {:reply, {:ok, subs}} = call(worker!(node), {:get_subscriptions, @store})
    assert Map.has_key?(subs, [:subscriptions, "44668505"])

    before = stream_id("before")
    append!(node, before, [new_event("unseen")])

    subscription = %{
      type: :by_stream,
      subscription_name: "all-events",
      selector: "$all",
      subscriber: nil,
      start_from: 0
    }

    assert {:ok, pool} = rex(node, ExESDB.Emitters, :start_emitter_pool, [@store, subscription])
    assert is_pid(pool)

    eventually(fn ->
      :pg.get_members(Phoenix.PubSub, {@store, "$all", :emitters}) |> Enum.any?(&(node(&1) == node))
    end)

    later = stream_id("after")
    append!(node, later, [new_event("seen")])

    # The first event this node emits is the one appended after the pool started.
    # (Other test modules' nodes may emit to this process too; only these two streams matter.)
    assert_receive {:forward_to_local, "reg_gh:$all", {:events, [%{event_stream_id: first}]}, Phoenix.PubSub}
                   when first in [before, later],
                   5_000

    assert first == later
    refute_received {:forward_to_local, _, {:events, [%{event_stream_id: ^before}]}, _}
  end
end
