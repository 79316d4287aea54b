namespace EsdbGater.Erlang.Terms;

/// <summary>A process identifier (NEW_PID_EXT). Equal when node, id, serial and creation are.</summary>
public sealed class ErlPid(ErlAtom node, uint id, uint serial, uint creation) : ErlangTerm
{
    public ErlAtom Node { get; } = node;

    public uint Id { get; } = id;

    public uint Serial { get; } = serial;

    public uint Creation { get; } = creation;

    public override bool Equals(ErlangTerm? other) =>
        other is ErlPid p && p.Id == Id && p.Serial == Serial && p.Creation == Creation && p.Node.Equals(Node);

    public override int GetHashCode() => HashCode.Combine(Node, Id, Serial, Creation);

    public override void Format(System.Text.StringBuilder sb, int maxLength) =>
        sb.Append("#Pid<").Append(Node.Name).Append('.').Append(Id).Append('.').Append(Serial).Append('.').Append(Creation).Append('>');
}
