using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;
using EsdbGater.Transport.Tcp.Mapping;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary><c>{list_stores}</c> and its reply, a list of <c>%{store: config, node: node}</c> (contract §2.6).</summary>
internal static class StoreProtocol
{
    public static ErlTuple ListStores() => ErlTuple.Of(GatewayAtoms.ListStores);

    public static IReadOnlyList<StoreInfo> ParseListStores(ErlangTerm reply) =>
        Replies.OkList("list_stores", reply).Select(entry => ParseEntry(entry, reply)).ToArray();

    private static StoreInfo ParseEntry(ErlangTerm entry, ErlangTerm reply)
    {
        if (entry is not ErlMap map || map[GatewayAtoms.Store] is not ErlMap config || config[GatewayAtoms.StoreId] is not { } storeId)
        {
            throw ExesdbFailures.UnexpectedReply("list_stores", reply);
        }

        var tags = config[GatewayAtoms.Tags] is ErlList { IsProper: true } list
            ? list.Elements.Select(TermText.Of).ToArray()
            : [];

        return new StoreInfo(
            TermText.Of(storeId),
            TermText.Of(map[GatewayAtoms.Node]),
            TermText.OfOptional(config[GatewayAtoms.DbType]),
            TermText.OfOptional(config[GatewayAtoms.Status]),
            TermText.OfOptional(config[GatewayAtoms.StoreDescription]),
            tags);
    }
}
