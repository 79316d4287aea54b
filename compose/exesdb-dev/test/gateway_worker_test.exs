defmodule ExesdbDev.GatewayWorkerTest do
  @moduledoc """
  The compatibility checklist (wire contract Appendix A and §1-§5) against one real development
  node, called from this hidden node the way the C# gateway calls ExESDB.
  """
  use ExUnit.Case, async: true

  import ExesdbDev.Test.Remote
  alias ExesdbDev.Test.Cluster

  @store :reg_gh
  @record_keys ~w(__struct__ __unknown_fields__ created created_epoch data data_content_type event_id
                  event_number event_stream_id event_type metadata metadata_content_type)a

  setup_all do
    %{a: a} = Cluster.start!([:a])
    %{node: a.node, dev: a.pid}
  end

  setup %{node: node}, do: %{worker: worker!(node)}

  describe "discovery" do
    test "Swarm.registered/0 through rex lists the gateway worker, gater_api and store_registry", %{
      node: node,
      worker: worker
    } do
      entries = rex(node, Swarm, :registered, [])

      assert [{{:gateway_worker, @store, ^node, n}, ^worker}] =
               Enum.filter(entries, &match?({{:gateway_worker, _, _, _}, _}, &1))

      assert n in 1..10_000
      assert Enum.any?(entries, &match?({{:gater_api, _}, pid} when is_pid(pid), &1))
      assert Enum.any?(entries, &match?({{:store_registry, _}, pid} when is_pid(pid), &1))
    end

    test "which_children on exesdb_gatewayworkers_<store> returns the same pid", %{node: node, worker: worker} do
      assert [{0, ^worker, :worker, [ExESDB.GatewayWorker]}] =
               GenServer.call({:exesdb_gatewayworkers_reg_gh, node}, :which_children)
    end

    test "the node probes this connecting hidden node like ExESDB does (Swarm rpc and classic rex) and logs the answers",
         %{dev: dev} do
      me = Atom.to_string(node())

      eventually(fn ->
        log = ExesdbDev.Test.DevNode.output(dev)

        log =~ "nodeup #{me}" and
          log =~ ~r/swarm probe 1: rpc:call\(#{me}, application, which_applications, \[\]\) -> \[\{/ and
          log =~
            ~r/gen_server:call\(\{rex, #{me}\}, \{call, application, which_applications, \[\], user\}\) -> \[\{/
      end)
    end

    test "which_applications lists ExESDB's applications (imitations) as ClusterMonitor and Swarm expect", %{
      node: node
    } do
      apps =
        Map.new(rex(node, :application, :which_applications, []), fn {app, _description, vsn} ->
          {app, vsn}
        end)

      assert apps[:ex_esdb] == ~c"0.11.0"
      assert apps[:ex_esdb_gater] == ~c"0.8.0"
      assert apps[:swarm] == ~c"3.4.0"
      assert Map.has_key?(apps, :exesdb_dev)
    end

    test "a call to the gater_api marker crashes it and it comes back under a new name", %{node: node} do
      [{{:gater_api, _} = name, pid}] =
        Enum.filter(rex(node, Swarm, :registered, []), &match?({{:gater_api, _}, _}, &1))

      assert {:down, _} = call(pid, :anything)

      eventually(fn ->
        Enum.any?(rex(node, Swarm, :registered, []), fn {n, p} ->
          match?({:gater_api, _}, n) and n != name and p != pid
        end)
      end)
    end
  end

  describe "versions and appends (§2.1)" do
    test "unknown stream and unknown store have version -1", %{worker: w} do
      assert {:reply, {:ok, -1}} = call(w, {:get_version, @store, "nope"})
      assert {:reply, {:ok, -1}} = call(w, {:get_version, :no_such_store, "nope"})
    end

    test "expected version -1, integer, :any and :stream_exists", %{worker: w} do
      s = stream_id()

      assert {:reply, {:ok, 2}} =
               call(w, {:append_events, @store, s, -1, [new_event(), new_event(), new_event()]})

      assert {:reply, {:error, {:wrong_expected_version, 2}}} =
               call(w, {:append_events, @store, s, -1, [new_event()]})

      assert {:reply, {:error, {:wrong_expected_version, 2}}} =
               call(w, {:append_events, @store, s, 5, [new_event()]})

      assert {:reply, {:ok, 3}} = call(w, {:append_events, @store, s, 2, [new_event()]})
      assert {:reply, {:ok, 4}} = call(w, {:append_events, @store, s, :any, [new_event()]})
      assert {:reply, {:ok, 5}} = call(w, {:append_events, @store, s, :stream_exists, [new_event()]})
      assert {:reply, {:ok, 6}} = call(w, {:append_events, @store, s, [new_event()]})
      assert {:reply, {:ok, 6}} = call(w, {:get_version, @store, s})
    end

    test ":stream_exists on a new stream is refused with the current version -1", %{worker: w} do
      s = stream_id()

      assert {:reply, {:error, {:wrong_expected_version, -1}}} =
               call(w, {:append_events, @store, s, :stream_exists, [new_event()]})

      assert {:reply, {:ok, -1}} = call(w, {:get_version, @store, s})
    end

    test "appending [] returns the current version and writes nothing", %{worker: w} do
      s = stream_id()
      assert {:reply, {:ok, -1}} = call(w, {:append_events, @store, s, []})
      assert {:reply, {:ok, streams}} = call(w, {:get_streams, @store})
      refute s in streams
      assert {:reply, {:ok, 0}} = call(w, {:append_events, @store, s, -1, [new_event()]})
      assert {:reply, {:ok, 0}} = call(w, {:append_events, @store, s, 0, []})
      assert {:reply, {:error, {:wrong_expected_version, 0}}} = call(w, {:append_events, @store, s, -1, []})
    end

    test "get_streams lists written streams", %{worker: w} do
      s = stream_id()
      {:reply, {:ok, 0}} = call(w, {:append_events, @store, s, -1, [new_event()]})
      assert {:reply, {:ok, streams}} = call(w, {:get_streams, @store})
      assert s in streams
      assert {:reply, {:ok, []}} = call(w, {:get_streams, :no_such_store})
    end
  end

  describe "reads (§2.3, §2.4)" do
    setup %{worker: w} do
      s = stream_id()

      {:reply, {:ok, 2}} =
        call(w, {:append_events, @store, s, -1, [new_event("a"), new_event("b"), new_event("c")]})

      %{stream: s}
    end

    test "forward and backward with the reference's edge cases", %{worker: w, stream: s} do
      assert {:reply, {:ok, records}} = call(w, {:get_events, @store, s, 0, 10, :forward})
      assert Enum.map(records, & &1.event_number) == [0, 1, 2]
      assert Enum.map(records, & &1.event_type) == ["a", "b", "c"]
      assert {:reply, {:ok, back}} = call(w, {:get_events, @store, s, 2, 2, :backward})
      assert Enum.map(back, & &1.event_number) == [2, 1]
      assert {:reply, {:ok, tail}} = call(w, {:get_events, @store, s, 4, 5, :backward})
      assert Enum.map(tail, & &1.event_number) == [2, 1, 0]
      assert {:reply, {:ok, [%{event_number: 1}]}} = call(w, {:get_events, @store, s, 1, 1, :forward})
      assert {:reply, {:ok, []}} = call(w, {:get_events, @store, s, 3, 10, :forward})
    end

    test "argument errors", %{worker: w, stream: s} do
      assert {:reply, {:error, :invalid_start_version}} = call(w, {:get_events, @store, s, -1, 1, :forward})
      assert {:reply, {:error, :invalid_count}} = call(w, {:get_events, @store, s, 0, 0, :forward})

      assert {:reply, {:error, {:invalid_start_version, "0"}}} =
               call(w, {:get_events, @store, s, "0", 1, :forward})

      assert {:reply, {:error, {:invalid_count, 1.0}}} = call(w, {:get_events, @store, s, 0, 1.0, :forward})
      # Validation comes before the direction is looked at, as in ExESDB's reader.
      assert {:reply, {:error, :invalid_start_version}} = call(w, {:get_events, @store, s, -1, 1, :sideways})
    end

    test "missing stream and unknown store read as empty", %{worker: w} do
      assert {:reply, {:ok, []}} = call(w, {:get_events, @store, "nope", 0, 10, :forward})
      assert {:reply, {:ok, []}} = call(w, {:get_events, :no_such_store, "nope", 0, 10, :backward})
    end

    test "the EventRecord has ExESDB's 12 keys, a DateTime and microseconds", %{worker: w, stream: s} do
      {:reply, {:ok, [record | _]}} = call(w, {:get_events, @store, s, 0, 1, :forward})
      assert record |> Map.keys() |> Enum.sort() == Enum.sort(@record_keys)
      assert record.__struct__ == ExESDB.Schema.EventRecord
      assert %DateTime{time_zone: "Etc/UTC", microsecond: {_, 6}} = record.created
      assert record.created_epoch == DateTime.to_unix(record.created, :microsecond)
      assert record.created_epoch > 2 ** 31
      assert record.__unknown_fields__ == []

      assert %{
               event_stream_id: ^s,
               event_number: 0,
               event_type: "a",
               data: %{n: 1},
               metadata: %{correlation_id: "c1"}
             } = record

      assert is_binary(record.event_id) and record.data_content_type == 1 and
               record.metadata_content_type == 1
    end

    test "stream_forward and stream_backward reply with a %Stream{} of closures", %{worker: w, stream: s} do
      assert {:reply, {:ok, %Stream{enum: [0, 1], funs: funs}}} = call(w, {:stream_forward, @store, s, 0, 2})
      assert funs != [] and Enum.all?(funs, &is_function/1)
      assert {:reply, {:ok, %Stream{enum: [2, 1, 0]}}} = call(w, {:stream_backward, @store, s, 2, 3})
      assert {:reply, {:error, :invalid_count}} = call(w, {:stream_forward, @store, s, 0, 0})
    end
  end

  describe "crashes instead of replies (§2, §3.1)" do
    test "an unknown expected_version atom crashes the worker, which comes back under a new name", %{
      node: node,
      worker: w
    } do
      s = stream_id()
      assert {:down, reason} = call(w, {:append_events, @store, s, :no_stream, [new_event()]})
      assert inspect(reason) =~ "function_clause"
      new_worker = eventually(fn -> Enum.find(gateway_workers(node, @store), &(&1.pid != w)) end)
      assert {:reply, {:ok, -1}} = call(new_worker.pid, {:get_version, @store, s})
    end

    test "an invalid direction crashes the worker", %{worker: w} do
      assert {:down, reason} = call(w, {:get_events, @store, stream_id(), 0, 1, :sideways})
      assert {{:case_clause, :sideways}, _} = reason
    end

    test "malformed events crash the worker and write nothing", %{node: node, worker: w} do
      s = stream_id()
      bad = Map.from_struct(new_event())
      assert {:down, _} = call(w, {:append_events, @store, s, -1, [new_event(), bad]})
      w2 = worker!(node)
      missing_key = Map.delete(new_event(), :metadata)
      assert {:down, reason} = call(w2, {:append_events, @store, s, [missing_key]})
      assert {{:badkey, :metadata}, _} = reason
      assert {:reply, {:ok, -1}} = call(worker!(node), {:get_version, @store, s})
    end

    test "unknown calls, casts and messages crash the worker", %{node: node, worker: w} do
      assert {:down, _} = call(w, {:no_such_request, @store})

      w2 = worker!(node)
      ref = Process.monitor(w2)
      GenServer.cast(w2, {:no_such_cast, @store})
      assert_receive {:DOWN, ^ref, :process, ^w2, _}, 5_000

      w3 = worker!(node)
      ref = Process.monitor(w3)
      send(w3, :stray_message)
      assert_receive {:DOWN, ^ref, :process, ^w3, _}, 5_000
    end

    test "get_subscriptions for a store the node does not serve crashes the worker (noproc)", %{worker: w} do
      assert {:down, reason} = call(w, {:get_subscriptions, :no_such_store})
      assert inspect(reason) =~ "noproc"
    end
  end

  describe "subscriptions (§4.2)" do
    test "the built-in all-events subscription is stored under key 44668505", %{worker: w} do
      assert {:reply, {:ok, subscriptions}} = call(w, {:get_subscriptions, @store})

      assert subscriptions[[:subscriptions, "44668505"]] ==
               %{
                 type: :by_stream,
                 selector: "$all",
                 subscription_name: "all-events",
                 start_from: 0,
                 subscriber: nil
               }
    end

    test "transient subscriptions share one record; casts have no reply; remove deletes", %{
      node: node,
      worker: w
    } do
      selector = "$" <> stream_id("tr")
      key = Integer.to_string(:erlang.phash2({:by_stream, selector, "transient"}))
      p1 = Node.spawn(node, Process, :sleep, [:infinity])
      p2 = Node.spawn(node, Process, :sleep, [:infinity])

      assert :ok = GenServer.cast(w, {:save_subscription, @store, :by_stream, selector, "transient", 0, p1})
      assert :ok = GenServer.cast(w, {:save_subscription, @store, :by_stream, selector, "transient", 7, p2})

      eventually(fn ->
        {:reply, {:ok, subs}} = call(w, {:get_subscriptions, @store})
        match?(%{subscriber: ^p2, start_from: 7}, subs[[:subscriptions, key]])
      end)

      GenServer.cast(w, {:remove_subscription, @store, :by_stream, selector, "transient"})

      eventually(fn ->
        {:reply, {:ok, subs}} = call(w, {:get_subscriptions, @store})
        not Map.has_key?(subs, [:subscriptions, key])
      end)
    end

    test "a subscription of an unknown type is stored and does not take the leader down", %{
      node: node,
      worker: w
    } do
      leader = rex(node, Process, :whereis, [:exesdb_dev_leader_reg_gh])
      GenServer.cast(w, {:save_subscription, @store, :by_magic, "x", "bogus", 0, nil})
      key = Integer.to_string(:erlang.phash2({:by_magic, "x", "bogus"}))

      eventually(fn ->
        {:reply, {:ok, subs}} = call(w, {:get_subscriptions, @store})
        Map.has_key?(subs, [:subscriptions, key])
      end)

      # The leader has handled the subscription's table event once it answers this call.
      assert %{store: @store} = rex(node, :sys, :get_state, [leader])
      assert rex(node, Process, :whereis, [:exesdb_dev_leader_reg_gh]) == leader
    end

    test "ack_event saves a :by_stream record for the acked stream with start_from n + 1", %{worker: w} do
      s = stream_id("ack")
      GenServer.cast(w, {:ack_event, @store, "acker", self(), %{event_stream_id: s, event_number: 4}})
      key = Integer.to_string(:erlang.phash2({:by_stream, "$" <> s, "acker"}))
      me = self()

      eventually(fn ->
        {:reply, {:ok, subs}} = call(w, {:get_subscriptions, @store})

        match?(
          %{type: :by_stream, start_from: 5, subscriber: ^me, subscription_name: "acker"},
          subs[[:subscriptions, key]]
        )
      end)
    end

    test "ack_event without event_number crashes the worker", %{worker: w} do
      ref = Process.monitor(w)
      GenServer.cast(w, {:ack_event, @store, "acker", self(), %{event_stream_id: "x"}})
      assert_receive {:DOWN, ^ref, :process, ^w, {{:badmatch, _}, _}}, 5_000
    end
  end

  describe "stores and health (§2.6, live check 5)" do
    test "list_stores returns ExESDB's config map per store and node", %{node: node, worker: w} do
      assert {:reply, {:ok, [%{node: ^node, store: config}]}} = call(w, {:list_stores})

      assert %{
               store_id: @store,
               timeout: 2_000,
               db_type: :single,
               store_description: "undefined!",
               tags: [],
               pub_sub: nil,
               reader_idle_ms: nil,
               writer_idle_ms: nil,
               environment: nil,
               version: 1,
               status: :active,
               priority: :normal,
               auto_start: true,
               created_at: %DateTime{}
             } = config

      assert is_binary(config.data_dir)
    end

    test "quick_health_check and the other diagnostics", %{node: node, worker: w} do
      assert {:reply,
              {:ok, %{status: :healthy, store_id: @store, member_count: 1, members: [{@store, ^node}]}}} =
               call(w, {:quick_health_check, @store})

      assert {:reply, {:error, :no_members}} = call(w, {:quick_health_check, :no_such_store})

      assert {:reply, {:ok, %{status: :consistent, leader: ^node}}} =
               call(w, {:verify_cluster_consistency, @store})

      assert {:reply, {:ok, %{status: :consensus, nodes_checked: 1}}} =
               call(w, {:verify_membership_consensus, @store})

      assert {:reply, {:ok, %{store_id: @store, raft_logs: [{^node, :ok, _}]}}} =
               call(w, {:check_raft_log_consistency, @store})
    end
  end

  describe "snapshots (§5)" do
    test "record, read, list and delete with 10-digit keys", %{worker: w} do
      src = "src-#{System.unique_integer([:positive])}"
      record = %ExESDB.Schema.SnapshotRecord{source_uuid: src, source_version: 3, data: %{total: 9}}
      # Another source's snapshot makes sure the [:snapshots] node exists.
      GenServer.cast(w, {:record_snapshot, @store, "other-source", "x", 0, :x})
      eventually(fn -> ok_reply(call(w, {:read_snapshot, @store, "other-source", "x", 0})) end)

      assert {:reply,
              {:error,
               {:khepri, :node_not_found,
                %{node_name: ^src, node_path: [:snapshots, ^src], node_is_target: false}}}} =
               call(w, {:read_snapshot, @store, src, "stream-1", 3})

      GenServer.cast(w, {:record_snapshot, @store, src, "stream-1", 3, record})
      GenServer.cast(w, {:record_snapshot, @store, src, "stream-2", 12, %{any: :term}})

      assert {:reply, {:ok, ^record}} =
               eventually(fn -> ok_reply(call(w, {:read_snapshot, @store, src, "stream-1", 3})) end)

      eventually(fn -> ok_reply(call(w, {:read_snapshot, @store, src, "stream-2", 12})) end)

      assert {:reply, {:ok, %{[:snapshots, ^src, "stream-1", "0000000003"] => ^record} = one}} =
               call(w, {:list_snapshots, @store, src, "stream-1"})

      assert map_size(one) == 1
      assert {:reply, {:ok, both}} = call(w, {:list_snapshots, @store, src, :any})

      assert Map.keys(both) |> Enum.sort() == [
               [:snapshots, src, "stream-1", "0000000003"],
               [:snapshots, src, "stream-2", "0000000012"]
             ]

      assert {:reply, {:ok, all}} = call(w, {:list_snapshots, @store, :any, :any})
      assert Map.has_key?(all, [:snapshots, src, "stream-2", "0000000012"])
      assert {:reply, {:ok, %{}}} = call(w, {:list_snapshots, @store, :any, "stream-1"})

      GenServer.cast(w, {:delete_snapshot, @store, src, "stream-1", 3})

      eventually(fn ->
        call(w, {:read_snapshot, @store, src, "stream-1", 3}) ==
          {:reply,
           {:error,
            {:khepri, :node_not_found,
             %{
               node_name: "0000000003",
               node_path: [:snapshots, src, "stream-1", "0000000003"],
               node_is_target: true
             }}}}
      end)

      assert {:reply, {:ok, %{}}} = call(w, {:list_snapshots, @store, "no-such-source", :any})
    end

    test "read_snapshot with a bad version crashes the worker", %{worker: w} do
      assert {:down, reason} = call(w, {:read_snapshot, @store, "s", "t", -1})
      assert inspect(reason) =~ "function_clause"
    end
  end

  defp ok_reply({:reply, {:ok, _}} = reply), do: reply
  defp ok_reply(_), do: nil
end
