defmodule ExesdbDev.ClusterTest do
  @moduledoc """
  Three development nodes sharing one store through Mnesia: replication, atomic expected-version
  checks across nodes, one emission per event, SIGKILL of a node without losing acknowledged
  events, and a restart that catches up.
  """
  use ExUnit.Case, async: true

  import ExesdbDev.Test.Remote
  alias ExesdbDev.Test.{Cluster, DevNode}

  @store :reg_gh
  @adapter :"Elixir.ex_esdb_events.Adapter"

  @tag timeout: 180_000
  test "a three-node cluster replicates, emits once per event and survives SIGKILL of a node" do
    nodes = Cluster.start!([:a, :b, :c])
    [a, b, c] = Enum.map([:a, :b, :c], &nodes[&1].node)

    # Swarm is cluster-wide: every node lists the gateway workers of all three.
    eventually(fn ->
      gateway_workers(a, @store) |> Enum.map(& &1.node) |> Enum.sort() == Enum.sort([a, b, c])
    end)

    assert rex(c, ExesdbDev.Cluster, :leader, [@store]) == a

    # Appends through one node are read back on every node.
    s = stream_id("repl")
    events = for i <- 1..5, do: new_event("e#{i}")
    assert {:reply, {:ok, 4}} = call(worker!(b), {:append_events, @store, s, -1, events})

    for n <- [a, b, c] do
      assert {:reply, {:ok, records}} = call(worker!(n), {:get_events, @store, s, 0, 10, :forward})
      assert Enum.map(records, & &1.event_type) == ~w(e1 e2 e3 e4 e5)
    end

    # The expected-version check is atomic across nodes: of concurrent appends at version 4, one wins.
    results =
      [a, b, c]
      |> Enum.map(fn n ->
        Task.async(fn -> call(worker!(n), {:append_events, @store, s, 4, [new_event("race-#{n}")]}) end)
      end)
      |> Enum.map(&Task.await(&1, 15_000))

    assert Enum.count(results, &(&1 == {:reply, {:ok, 5}})) == 1
    assert Enum.count(results, &(&1 == {:reply, {:error, {:wrong_expected_version, 5}}})) == 2

    # The leader emits each event once, whichever node committed it.
    join_pubsub([a, b, c])
    live = stream_id("live")
    {:reply, {:ok, 0}} = call(worker!(c), {:append_events, @store, live, -1, [new_event("x")]})
    {:reply, {:ok, 1}} = call(worker!(b), {:append_events, @store, live, 0, [new_event("y")]})

    assert_receive {:forward_to_local, "reg_gh:$all", {:events, [%{event_stream_id: ^live, event_number: 0}]},
                    _},
                   5_000

    assert_receive {:forward_to_local, "reg_gh:$all", {:events, [%{event_stream_id: ^live, event_number: n}]},
                    _},
                   5_000

    assert n == 1, "event 0 was emitted twice"

    # SIGKILL the leader right after an acknowledged append: nothing acknowledged is lost.
    k = stream_id("kill")

    {:reply, {:ok, 99}} =
      call(worker!(a), {:append_events, @store, k, -1, for(i <- 0..99, do: new_event("k#{i}"))})

    assert DevNode.kill(nodes.a.pid) != 0

    for n <- [b, c] do
      assert {:reply, {:ok, 99}} = call(worker!(n), {:get_version, @store, k})
      assert {:reply, {:ok, records}} = call(worker!(n), {:get_events, @store, k, 0, 100, :forward})
      assert Enum.map(records, & &1.event_number) == Enum.to_list(0..99)
    end

    # Leadership moves to the smallest remaining node, which emits from now on.
    eventually(fn -> rex(b, ExesdbDev.Cluster, :leader, [@store]) == b end)
    after_kill = stream_id("after-kill")
    {:reply, {:ok, 0}} = call(worker!(c), {:append_events, @store, after_kill, -1, [new_event("z")]})
    {:reply, {:ok, 100}} = call(worker!(c), {:append_events, @store, k, 99, [new_event("k100")]})
    assert_receive {:forward_to_local, "reg_gh:$all", {:events, [%{event_stream_id: ^after_kill}]}, _}, 10_000

    # The killed node restarts from its disc copy and catches up on what it missed.
    restarted = Cluster.restart!(nodes.a)
    assert DevNode.alive?(restarted.pid)
    assert {:reply, {:ok, 100}} = call(worker!(a), {:get_version, @store, k})

    assert {:reply, {:ok, [%{event_type: "z"}]}} =
             call(worker!(a), {:get_events, @store, after_kill, 0, 5, :forward})
  end

  @tag timeout: 120_000
  test "RAM copies: a node can also join a running cluster later" do
    nodes = Cluster.start!([:r1], args: ["--storage", "ram"], peers: false)
    r1 = nodes.r1.node
    s = stream_id("ram")
    {:reply, {:ok, 1}} = call(worker!(r1), {:append_events, @store, s, -1, [new_event(), new_event()]})

    late =
      Cluster.start!([:r2],
        args: ["--storage", "ram", "--peers", Atom.to_string(r1)],
        peers: false
      )

    assert {:reply, {:ok, 1}} = call(worker!(late.r2.node), {:get_version, @store, s})
  end

  defp join_pubsub(nodes) do
    scope =
      case :pg.start(Phoenix.PubSub) do
        {:ok, pid} -> pid
        {:error, {:already_started, pid}} -> pid
      end

    :ok = :pg.join(Phoenix.PubSub, @adapter, self())
    me = self()

    for n <- nodes do
      send({Phoenix.PubSub, n}, {:discover, scope})
      eventually(fn -> me in rex(n, :pg, :get_members, [Phoenix.PubSub, @adapter]) end)
    end
  end
end
