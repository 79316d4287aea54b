defmodule ExesdbDev.OptionsTest do
  use ExUnit.Case, async: true

  alias ExesdbDev.Options

  @env %{"EX_ESDB_COOKIE" => "secret-cookie"}

  test "defaults and a full command line" do
    assert {:ok,
            %Options{stores: [:reg_gh], emitter_mode: :started, storage: :disc, name_domain: :shortnames}} =
             Options.parse([], @env)

    assert {:ok, opts} =
             Options.parse(
               ~w(--name x@127.0.0.1 --stores a,b --epmd-port 4380 --dist-ports 45100-45110
                  --peers y@127.0.0.1,x@127.0.0.1 --emitter-mode exesdb_0_11 --storage ram),
               @env
             )

    assert opts.node_name == :"x@127.0.0.1" and opts.name_domain == :longnames
    assert opts.stores == [:a, :b]
    assert opts.dist_ports == {45_100, 45_110}
    assert opts.peers == [:"y@127.0.0.1"]
    assert opts.emitter_mode == :exesdb_0_11 and opts.storage == :ram
  end

  test "short names get this host's name" do
    assert {:ok, %{node_name: node}} = Options.parse(~w(--sname n1), @env)
    assert node == :"n1@#{Options.host_name()}"
  end

  test "the cookie comes from the environment and is never inspected" do
    assert {:ok, opts} = Options.parse(~w(--cookie-env MY_COOKIE), %{"MY_COOKIE" => "hidden-value"})
    assert opts.cookie == :"hidden-value"
    refute inspect(opts) =~ "hidden-value"
    assert {:error, message} = Options.parse([], %{})
    assert message =~ "no cookie"
  end

  test "bad options are errors, not crashes" do
    assert {:error, _} = Options.parse(~w(--emitter-mode maybe), @env)
    assert {:error, _} = Options.parse(~w(--dist-ports 9-1), @env)
    assert {:error, _} = Options.parse(~w(--sname a --name b@127.0.0.1), @env)
    assert {:error, _} = Options.parse(~w(--peers nohost), @env)
    assert {:error, _} = Options.parse(~w(--bogus), @env)
  end
end
