namespace EsdbGater.Erlang.Distribution.Handshake;

/// <summary>Distribution capability flags (DFLAG_*), as exchanged in the version-6 handshake.</summary>
[Flags]
public enum DistributionFlags : ulong
{
    None = 0,
    Published = 0x1,
    AtomCache = 0x2,
    ExtendedReferences = 0x4,
    DistMonitor = 0x8,
    FunTags = 0x10,
    DistMonitorName = 0x20,
    HiddenAtomCache = 0x40,
    NewFunTags = 0x80,
    ExtendedPidsPorts = 0x100,
    ExportPtrTag = 0x200,
    BitBinaries = 0x400,
    NewFloats = 0x800,
    UnicodeIo = 0x1000,
    DistHdrAtomCache = 0x2000,
    SmallAtomTags = 0x4000,
    Utf8Atoms = 0x10000,
    MapTag = 0x20000,
    BigCreation = 0x40000,
    SendSender = 0x80000,
    BigSeqTraceLabels = 0x100000,
    ExitPayload = 0x400000,
    Fragments = 0x800000,
    Handshake23 = 0x1000000,
    UnlinkId = 0x2000000,

    /// <summary>Shorthand for the whole OTP 25 mandatory set (bit 26; the docs' "bit 36" is a doc bug).</summary>
    Mandatory25Digest = 0x4000000,
    Spawn = 1UL << 32,
    NameMe = 1UL << 33,
    V4NC = 1UL << 34,
    Alias = 1UL << 35,
}

/// <summary>The flag sets the handshake needs.</summary>
public static class DistributionFlagSets
{
    /// <summary>DFLAG_DIST_MANDATORY_25: required by OTP 25, 26 and 27 (0x01070F94).</summary>
    public const DistributionFlags Mandatory25 =
        DistributionFlags.ExtendedReferences | DistributionFlags.FunTags | DistributionFlags.ExtendedPidsPorts
        | DistributionFlags.Utf8Atoms | DistributionFlags.NewFunTags | DistributionFlags.BigCreation
        | DistributionFlags.NewFloats | DistributionFlags.MapTag | DistributionFlags.ExportPtrTag
        | DistributionFlags.BitBinaries | DistributionFlags.Handshake23;

    /// <summary>DFLAG_DIST_MANDATORY_26: required by OTP 26 and 27 (0x402000000).</summary>
    public const DistributionFlags Mandatory26 = DistributionFlags.V4NC | DistributionFlags.UnlinkId;

    /// <summary>
    /// What we advertise, exactly 0x0000000C074F0FBC: both mandatory sets, the digest bit,
    /// monitors (by pid and name), SEND_SENDER, EXIT_PAYLOAD and ALIAS. Never PUBLISHED (we
    /// are hidden), no atom cache, no fragments, no SPAWN (we do not implement spawn requests).
    /// </summary>
    public const DistributionFlags Ours =
        Mandatory25 | Mandatory26 | DistributionFlags.Mandatory25Digest | DistributionFlags.DistMonitor
        | DistributionFlags.DistMonitorName | DistributionFlags.SendSender | DistributionFlags.ExitPayload
        | DistributionFlags.Alias;

    /// <summary>What the peer must offer: the OTP 25 set plus the monitors our calls rely on.</summary>
    public const DistributionFlags RequiredOfPeer =
        Mandatory25 | DistributionFlags.DistMonitor | DistributionFlags.DistMonitorName;

    /// <summary>Expands MANDATORY_25_DIGEST into the set it stands for, as OTP's dist_util and ei do.</summary>
    public static DistributionFlags ExpandMandatory25(DistributionFlags flags) =>
        (flags & DistributionFlags.Mandatory25Digest) != 0 ? flags | Mandatory25 : flags;

    /// <summary>The flags in <paramref name="required"/> that <paramref name="offered"/> lacks (after expansion).</summary>
    public static DistributionFlags Missing(DistributionFlags offered, DistributionFlags required) =>
        required & ~ExpandMandatory25(offered);
}
