using System.Collections.Immutable;

namespace EsdbGater.Erlang.Terms;

/// <summary>A reference (NEWER_REFERENCE_EXT): node, creation and 1..5 id words.</summary>
public sealed class ErlRef(ErlAtom node, uint creation, ImmutableArray<uint> ids) : ErlangTerm
{
    public ErlAtom Node { get; } = node;

    public uint Creation { get; } = creation;

    public ImmutableArray<uint> Ids { get; } = ids;

    public override bool Equals(ErlangTerm? other) =>
        other is ErlRef r && r.Creation == Creation && r.Ids.AsSpan().SequenceEqual(Ids.AsSpan()) && r.Node.Equals(Node);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Node);
        hash.Add(Creation);
        foreach (var id in Ids)
        {
            hash.Add(id);
        }

        return hash.ToHashCode();
    }

    public override void Format(System.Text.StringBuilder sb, int maxLength)
    {
        sb.Append("#Ref<").Append(Node.Name).Append('.').Append(Creation);
        foreach (var id in Ids)
        {
            sb.Append('.').Append(id);
        }

        sb.Append('>');
    }
}
