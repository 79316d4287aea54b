using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution.Runtime;

/// <summary>Atoms the runtime matches on and sends.</summary>
internal static class Atoms
{
    public static readonly ErlAtom GenCall = ErlAtom.Of("$gen_call");
    public static readonly ErlAtom GenCast = ErlAtom.Of("$gen_cast");
    public static readonly ErlAtom Down = ErlAtom.Of("DOWN");
    public static readonly ErlAtom Exit = ErlAtom.Of("EXIT");
    public static readonly ErlAtom Process = ErlAtom.Of("process");
    public static readonly ErlAtom NoProc = ErlAtom.Of("noproc");
    public static readonly ErlAtom NoConnection = ErlAtom.Of("noconnection");
    public static readonly ErlAtom Normal = ErlAtom.Of("normal");
    public static readonly ErlAtom Alias = ErlAtom.Of("alias");
    public static readonly ErlAtom Rex = ErlAtom.Of("rex");
    public static readonly ErlAtom Call = ErlAtom.Of("call");
    public static readonly ErlAtom BlockCall = ErlAtom.Of("block_call");
    public static readonly ErlAtom User = ErlAtom.Of("user");
    public static readonly ErlAtom BadRpc = ErlAtom.Of("badrpc");
    public static readonly ErlAtom Undef = ErlAtom.Of("undef");
    public static readonly ErlAtom NotSup = ErlAtom.Of("notsup");
    public static readonly ErlAtom Application = ErlAtom.Of("application");
    public static readonly ErlAtom WhichApplications = ErlAtom.Of("which_applications");
    public static readonly ErlAtom FeaturesRequest = ErlAtom.Of("features_request");
    public static readonly ErlAtom FeaturesReply = ErlAtom.Of("features_reply");
}
