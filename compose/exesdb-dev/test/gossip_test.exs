defmodule ExesdbDev.GossipTest do
  @moduledoc "libcluster Gossip heartbeats: the packet format against erlang-distribution.md §6.3, and a live node."
  use ExUnit.Case, async: true

  alias ExesdbDev.Gossip.{Heartbeat, Settings}
  alias ExesdbDev.Test.Cluster

  # erlang-distribution.md §6.3: node_a@host1, OTP 26+ encoding (UTF-8 atoms).
  @plain_hex "6865617274626561743a3a83740000000177046e6f6465770c6e6f64655f6140686f737431"
  @iv Base.decode16!("000102030405060708090A0B0C0D0E0F")
  @vector_hex "000102030405060708090a0b0c0d0e0f" <>
                "0293fcf646d248542d82eea283216c7328a7c4a21221560bc5c9c94de7a6fc7b" <>
                "ab2ab9b98a62ae63caf611a4968e04dc"

  test "encryption reproduces the §6.3 vector and decoding gives the node back" do
    plain = Base.decode16!(@plain_hex, case: :lower)
    vector = Base.decode16!(@vector_hex, case: :lower)
    assert Heartbeat.encrypt(plain, "somepassword", @iv) == vector
    assert byte_size(vector) == 64
    assert Heartbeat.decode(vector, "somepassword") == {:ok, :node_a@host1}
    assert Heartbeat.decode(plain, nil) == {:ok, :node_a@host1}
    assert {:error, _} = Heartbeat.decode(vector, "wrong secret")
  end

  test "the plaintext is \"heartbeat::\" <> term_to_binary(%{node: node}), as libcluster sends it" do
    assert Heartbeat.plaintext(:node_a@host1) ==
             "heartbeat::" <> :erlang.term_to_binary(%{node: :node_a@host1})

    # With UTF-8 atoms (the OTP 26+ default) it is byte for byte the vector's plaintext.
    assert "heartbeat::" <> :erlang.term_to_binary(%{node: :node_a@host1}, minor_version: 2) ==
             Base.decode16!(@plain_hex, case: :lower)
  end

  test "PKCS#7 always pads, a full block when the length is a multiple of 16" do
    assert Heartbeat.pad(<<>>) == :binary.copy(<<16>>, 16)
    assert Heartbeat.pad(:binary.copy("a", 15)) == :binary.copy("a", 15) <> <<1>>
    assert byte_size(Heartbeat.pad(:binary.copy("a", 16))) == 32
  end

  test "a node sends encrypted unicast heartbeats to a loopback listener" do
    {:ok, socket} = :gen_udp.open(0, [:binary, active: true, ip: {127, 0, 0, 1}])
    {:ok, port} = :inet.port(socket)

    nodes =
      Cluster.start!([:g],
        peers: false,
        args: ["--gossip", "unicast", "--gossip-port", Integer.to_string(port), "--gossip-interval-ms", "200"],
        env: [{"EX_ESDB_CLUSTER_SECRET", "test-secret"}]
      )

    expected = nodes.g.node
    assert_receive {:udp, ^socket, {127, 0, 0, 1}, _, first}, 5_000
    assert Heartbeat.decode(first, "test-secret") == {:ok, expected}
    assert_receive {:udp, ^socket, _, _, second}, 5_000
    # A fresh random IV each time.
    refute binary_part(first, 0, 16) == binary_part(second, 0, 16)
  end

  test "multicast on loopback: heartbeats reach the group, heard nodes are connected, SIGTERM exits 0" do
    port = Cluster.free_port()
    group = {239, 255, 0, 1}

    {:ok, socket} =
      :gen_udp.open(port, [
        :binary,
        active: true,
        ip: group,
        reuseaddr: true,
        add_membership: {group, {127, 0, 0, 1}},
        raw: {1, 15, <<1::native-32>>}
      ])

    nodes =
      Cluster.start!([:m],
        peers: false,
        args: [
          "--gossip",
          "multicast",
          "--gossip-port",
          Integer.to_string(port),
          "--gossip-interval-ms",
          "200"
        ]
      )

    expected = nodes.m.node
    assert_receive {:udp, ^socket, {127, 0, 0, 1}, _, datagram}, 5_000
    assert Heartbeat.decode(datagram, nil) == {:ok, expected}

    # A heartbeat from this (hidden) node makes the development node connect and say so.
    {:ok, sender} =
      :gen_udp.open(0, [:binary, ip: {127, 0, 0, 1}, multicast_if: {127, 0, 0, 1}, multicast_ttl: 0])

    :ok = :gen_udp.send(sender, group, port, Heartbeat.plaintext(node()))

    ExesdbDev.Test.Remote.eventually(fn ->
      ExesdbDev.Test.DevNode.output(nodes.m.pid) =~ "[gossip] heard #{node()}"
    end)

    assert ExesdbDev.Test.DevNode.stop(nodes.m.pid) == 0
  end

  test "gossip beyond loopback is refused unless explicitly allowed" do
    env = %{"EX_ESDB_COOKIE" => "c"}
    assert {:error, message} = ExesdbDev.Options.parse(~w(--gossip unicast --gossip-host 10.1.2.3), env)
    assert message =~ "beyond loopback"
    assert {:error, _} = ExesdbDev.Options.parse(~w(--gossip multicast --gossip-if 192.168.1.5), env)
    assert {:error, _} = ExesdbDev.Options.parse(~w(--gossip multicast --gossip-ttl 1), env)

    assert {:ok, %{gossip: %Settings{mode: :unicast, host: {10, 1, 2, 3}}}} =
             ExesdbDev.Options.parse(
               ~w(--gossip unicast --gossip-host 10.1.2.3 --allow-non-loopback-gossip),
               env
             )

    assert {:ok, %{gossip: %Settings{mode: :off}}} = ExesdbDev.Options.parse([], env)
  end
end
