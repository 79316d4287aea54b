namespace EsdbGater.Erlang.Terms;

/// <summary>A port identifier (V4_PORT_EXT / NEW_PORT_EXT). Only ever echoed back.</summary>
public sealed class ErlPort(ErlAtom node, ulong id, uint creation) : ErlangTerm
{
    public ErlAtom Node { get; } = node;

    public ulong Id { get; } = id;

    public uint Creation { get; } = creation;

    public override bool Equals(ErlangTerm? other) =>
        other is ErlPort p && p.Id == Id && p.Creation == Creation && p.Node.Equals(Node);

    public override int GetHashCode() => HashCode.Combine(Node, Id, Creation);

    public override void Format(System.Text.StringBuilder sb, int maxLength) =>
        sb.Append("#Port<").Append(Node.Name).Append('.').Append(Id).Append('>');
}
