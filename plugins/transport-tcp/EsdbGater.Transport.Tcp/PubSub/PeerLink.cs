using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.PubSub;

/// <summary>Our scope's relation with the pg scope of one remote node, over one connection.</summary>
internal sealed class PeerLink(NodeConnection connection)
{
    public NodeConnection Connection { get; } = connection;

    /// <summary>Our monitor on the remote scope (by name), set when discovery starts.</summary>
    public ErlRef? Monitor { get; set; }

    /// <summary>The remote scope's pid, once it has written to us.</summary>
    public ErlPid? Remote { get; set; }

    /// <summary>What the remote scope reported about its groups.</summary>
    public PeerGroups Groups { get; } = new();

    /// <summary>Our feeds (members) for this node.</summary>
    public List<EventFeed> Feeds { get; } = [];

    /// <summary>Members the remote scope has been told about (by sync or join), so none is ever joined twice.</summary>
    public HashSet<ErlPid> Announced { get; } = [];
}
