namespace EsdbGater.Erlang.Distribution.Protocol;

/// <summary>Operation codes: the first element of a distribution control tuple.</summary>
public enum ControlOp
{
    Link = 1,
    Send = 2,
    Exit = 3,
    Unlink = 4,
    NodeLink = 5,
    RegSend = 6,
    GroupLeader = 7,
    Exit2 = 8,
    SendTT = 12,
    ExitTT = 13,
    RegSendTT = 16,
    Exit2TT = 18,
    MonitorP = 19,
    DemonitorP = 20,
    MonitorPExit = 21,
    SendSender = 22,
    SendSenderTT = 23,
    PayloadExit = 24,
    PayloadExitTT = 25,
    PayloadExit2 = 26,
    PayloadExit2TT = 27,
    PayloadMonitorPExit = 28,
    SpawnRequest = 29,
    SpawnRequestTT = 30,
    SpawnReply = 31,
    SpawnReplyTT = 32,
    AliasSend = 33,
    AliasSendTT = 34,
    UnlinkId = 35,
    UnlinkIdAck = 36,
}

internal static class ControlOps
{
    /// <summary>True for the operations whose control tuple is followed by a message or reason term.</summary>
    public static bool HasPayload(ControlOp op) => op is ControlOp.Send or ControlOp.RegSend or ControlOp.SendTT
        or ControlOp.RegSendTT or ControlOp.SendSender or ControlOp.SendSenderTT or ControlOp.PayloadExit
        or ControlOp.PayloadExitTT or ControlOp.PayloadExit2 or ControlOp.PayloadExit2TT
        or ControlOp.PayloadMonitorPExit or ControlOp.SpawnRequest or ControlOp.SpawnRequestTT
        or ControlOp.AliasSend or ControlOp.AliasSendTT;

    public static bool IsKnown(ControlOp op) => Enum.IsDefined(op);
}
