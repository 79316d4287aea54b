using System.Collections.Immutable;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Transport.Tcp.PubSub;

/// <summary>
/// What one remote pg scope told us about its own members, kept the way <c>pg</c> keeps a
/// peer's groups (a pid may be listed twice; a leave removes one occurrence). Written only by
/// the scope loop; readers get an immutable snapshot of the emitter pools.
/// </summary>
internal sealed class PeerGroups
{
    private static readonly ErlAtom Emitters = ErlAtom.Of("emitters");
    private readonly Dictionary<ErlangTerm, List<ErlPid>> _groups = [];
    private volatile IReadOnlyCollection<EmitterGroup> _emitterGroups = [];

    /// <summary>The pg groups <c>{Store, SubTopic, emitters}</c> that have members now.</summary>
    public IReadOnlyCollection<EmitterGroup> EmitterGroups => _emitterGroups;

    /// <summary>A sync replaces everything the peer said before.</summary>
    public void Sync(IEnumerable<(ErlangTerm Group, ImmutableArray<ErlPid> Pids)> groups)
    {
        _groups.Clear();
        foreach (var (group, pids) in groups)
        {
            Join(group, pids, publish: false);
        }

        Publish();
    }

    public void Join(ErlangTerm group, ImmutableArray<ErlPid> pids) => Join(group, pids, publish: true);

    public void Leave(ImmutableArray<ErlPid> pids, IEnumerable<ErlangTerm> groups)
    {
        foreach (var group in groups)
        {
            if (!_groups.TryGetValue(group, out var members))
            {
                continue;
            }

            foreach (var pid in pids)
            {
                members.Remove(pid);
            }

            if (members.Count == 0)
            {
                _groups.Remove(group);
            }
        }

        Publish();
    }

    public void Clear()
    {
        _groups.Clear();
        Publish();
    }

    private void Join(ErlangTerm group, ImmutableArray<ErlPid> pids, bool publish)
    {
        if (pids.IsEmpty)
        {
            return;
        }

        if (!_groups.TryGetValue(group, out var members))
        {
            _groups[group] = members = [];
        }

        members.AddRange(pids);
        if (publish)
        {
            Publish();
        }
    }

    private void Publish() =>
        _emitterGroups = _groups.Keys
            .Select(AsEmitterGroup)
            .OfType<EmitterGroup>()
            .OrderBy(g => g.Store, StringComparer.Ordinal)
            .ThenBy(g => g.SubTopic, StringComparer.Ordinal)
            .ToArray();

    private static EmitterGroup? AsEmitterGroup(ErlangTerm group) =>
        group is ErlTuple { Arity: 3 } t && t[2] == Emitters && t[0] is ErlAtom store
            ? new EmitterGroup(store.Name, Mapping.TermText.Of(t[1]))
            : null;
}
