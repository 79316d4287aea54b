using System.Collections.Immutable;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.PubSub;

/// <summary>
/// The messages of OTP's <c>pg</c> between scope processes (kernel <c>pg.erl</c>, the same in
/// OTP 25 and 27): <c>{discover, Peer}</c> (OTP 26+ also accept <c>{discover, Peer, Vsn}</c>,
/// so that form is only ever read, never sent), <c>{'$gen_cast', {sync, Peer, Groups}}</c>,
/// <c>{join, Peer, Group, PidOrPids}</c> and <c>{leave, Peer, PidOrPids, Groups}</c>. A scope
/// raises <c>badarg</c> on anything else, which would drop every membership it holds, so these
/// builders are the only things this transport ever sends to one.
/// </summary>
internal static class PgProtocol
{
    /// <summary>The scope Phoenix.PubSub starts (<c>pg:start_link(Phoenix.PubSub)</c>) on every ExESDB node.</summary>
    public static readonly ErlAtom PhoenixPubSubScope = ErlAtom.Of("Elixir.Phoenix.PubSub");

    private static readonly ErlAtom Discover = ErlAtom.Of("discover");
    private static readonly ErlAtom SyncTag = ErlAtom.Of("sync");
    private static readonly ErlAtom JoinTag = ErlAtom.Of("join");
    private static readonly ErlAtom LeaveTag = ErlAtom.Of("leave");
    private static readonly ErlAtom GenCast = ErlAtom.Of("$gen_cast");
    private static readonly ErlAtom Down = ErlAtom.Of("DOWN");

    public static ErlTuple DiscoverMessage(ErlPid self) => ErlTuple.Of(Discover, self);

    /// <summary>The sync cast listing <paramref name="members"/> in <paramref name="group"/> (an empty list when none).</summary>
    public static ErlTuple SyncMessage(ErlPid self, ErlAtom group, IReadOnlyCollection<ErlPid> members) =>
        ErlTuple.Of(GenCast, ErlTuple.Of(SyncTag, self, members.Count == 0
            ? ErlList.Empty
            : ErlList.Of(ErlTuple.Of(group, ErlList.Of([.. members])))));

    public static ErlTuple JoinMessage(ErlPid self, ErlAtom group, ErlPid member) => ErlTuple.Of(JoinTag, self, group, member);

    public static ErlTuple LeaveMessage(ErlPid self, ErlPid member, ErlAtom group) => ErlTuple.Of(LeaveTag, self, member, ErlList.Of(group));

    /// <summary>What arrived at our scope mailbox.</summary>
    public abstract record Incoming;

    public sealed record DiscoverFrom(ErlPid Peer) : Incoming;

    public sealed record SyncFrom(ErlPid Peer, ImmutableArray<(ErlangTerm Group, ImmutableArray<ErlPid> Pids)> Groups) : Incoming;

    public sealed record JoinFrom(ErlPid Peer, ErlangTerm Group, ImmutableArray<ErlPid> Pids) : Incoming;

    public sealed record LeaveFrom(ErlPid Peer, ImmutableArray<ErlPid> Pids, ImmutableArray<ErlangTerm> Groups) : Incoming;

    public sealed record MonitorDown(ErlRef Ref, ErlangTerm Reason) : Incoming;

    public sealed record Unknown(ErlangTerm Message) : Incoming;

    public static Incoming Classify(ErlangTerm message) => message switch
    {
        ErlTuple { Arity: 2 or 3 } t when t[0] == Discover && t[1] is ErlPid peer => new DiscoverFrom(peer),
        ErlTuple { Arity: 2 } t when t[0] == GenCast && t[1] is ErlTuple { Arity: 3 } s && s[0] == SyncTag && s[1] is ErlPid peer
            && TryGroups(s[2], out var groups) => new SyncFrom(peer, groups),
        ErlTuple { Arity: 4 } t when t[0] == JoinTag && t[1] is ErlPid peer && TryPids(t[3], out var pids) => new JoinFrom(peer, t[2], pids),
        ErlTuple { Arity: 4 } t when t[0] == LeaveTag && t[1] is ErlPid peer && TryPids(t[2], out var pids)
            && t[3] is ErlList { IsProper: true } groups => new LeaveFrom(peer, pids, groups.Elements),
        ErlTuple { Arity: 5 } t when t[0] == Down && t[1] is ErlRef monitor => new MonitorDown(monitor, t[4]),
        _ => new Unknown(message),
    };

    private static bool TryGroups(ErlangTerm term, out ImmutableArray<(ErlangTerm, ImmutableArray<ErlPid>)> groups)
    {
        groups = [];
        if (term is not ErlList { IsProper: true } list)
        {
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<(ErlangTerm, ImmutableArray<ErlPid>)>(list.Count);
        foreach (var entry in list.Elements)
        {
            if (entry is not ErlTuple { Arity: 2 } pair || !TryPids(pair[1], out var pids))
            {
                return false;
            }

            builder.Add((pair[0], pids));
        }

        groups = builder.MoveToImmutable();
        return true;
    }

    /// <summary>pg sends one pid or a list of pids.</summary>
    private static bool TryPids(ErlangTerm term, out ImmutableArray<ErlPid> pids)
    {
        switch (term)
        {
            case ErlPid pid:
                pids = [pid];
                return true;
            case ErlList { IsProper: true } list when list.Elements.All(e => e is ErlPid):
                pids = [.. list.Elements.Cast<ErlPid>()];
                return true;
            default:
                pids = [];
                return false;
        }
    }
}
