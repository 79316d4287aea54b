using System.Collections.Immutable;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.PubSub;

/// <summary>
/// What Phoenix.PubSub's PG2 adapter sends each remote group member for a broadcast:
/// <c>{forward_to_local, Topic, Message, Dispatcher}</c>; ExESDB's emitters broadcast
/// <c>{events, [EventRecord]}</c>.
/// </summary>
internal static class ForwardToLocal
{
    private static readonly ErlAtom Tag = ErlAtom.Of("forward_to_local");
    private static readonly ErlAtom Events = ErlAtom.Of("events");

    /// <summary>The topic and event records of an events broadcast; false for any other message.</summary>
    public static bool TryParseEvents(ErlangTerm message, out string topic, out ImmutableArray<ErlangTerm> records)
    {
        topic = string.Empty;
        records = [];
        if (message is not ErlTuple { Arity: 4 } t || t[0] != Tag
            || t[1] is not ErlBinary topicBinary || !topicBinary.TryGetUtf8(out topic)
            || t[2] is not ErlTuple { Arity: 2 } payload || payload[0] != Events
            || payload[1] is not ErlList { IsProper: true } list)
        {
            return false;
        }

        records = list.Elements;
        return true;
    }
}
