using EsdbGater.Erlang.Terms;
using EsdbGater.Transport.Tcp.Failures;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary>
/// Store ids travel as atoms (Khepri treats a binary store as a path pattern). Atoms are never
/// collected on the ExESDB node, so only store names the host has validated reach this point;
/// this only refuses what cannot be an atom at all.
/// </summary>
internal static class StoreAtom
{
    public static ErlAtom Of(string store)
    {
        if (string.IsNullOrEmpty(store))
        {
            throw ExesdbFailures.InvalidArgument("The store id is empty.");
        }

        try
        {
            return ErlAtom.Of(store);
        }
        catch (ArgumentException)
        {
            throw ExesdbFailures.InvalidArgument("The store id is longer than an Erlang atom allows (255 characters).");
        }
    }

    /// <summary>A name ExESDB derives from a store id, e.g. <c>exesdb_gatewayworkers_reg_gh</c>; null when too long to exist.</summary>
    public static ErlAtom? Derived(string prefix, string store)
    {
        try
        {
            return ErlAtom.Of(prefix + store);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
