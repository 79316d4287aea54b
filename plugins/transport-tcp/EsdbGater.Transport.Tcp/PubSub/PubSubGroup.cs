using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.PubSub;

/// <summary>
/// The pg group of a Phoenix.PubSub instance's PG2 adapter: <c>Module.concat(Name, "Adapter")</c>,
/// e.g. <c>'Elixir.ex_esdb_events.Adapter'</c> for <c>:ex_esdb_events</c>.
/// </summary>
internal static class PubSubGroup
{
    public static ErlAtom ForPubSub(string pubSubName)
    {
        var module = pubSubName.StartsWith("Elixir.", StringComparison.Ordinal) ? pubSubName : "Elixir." + pubSubName;
        return ErlAtom.Of(module + ".Adapter");
    }
}
