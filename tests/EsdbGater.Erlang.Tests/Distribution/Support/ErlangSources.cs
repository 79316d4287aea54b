using EsdbGater.TestKit;

namespace EsdbGater.Erlang.Tests.Distribution.Support;

/// <summary>The Erlang test modules, compiled by the fixtures with each runtime's erlc.</summary>
public static class ErlangSources
{
    private static string Directory => Path.Combine(Otp27Root.RepositoryRoot, "tests", "EsdbGater.Erlang.Tests", "erlang");

    public static string EchoServer => Path.Combine(Directory, "echo_server.erl");

    public static string ProbeHelper => Path.Combine(Directory, "probe_helper.erl");

    public static string[] All => [EchoServer, ProbeHelper];
}
