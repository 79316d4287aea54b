using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Distribution.Protocol;

/// <summary>Control tuples we send, in the encoding the negotiated flags call for.</summary>
internal static class ControlMessages
{
    public static ErlTuple Link(ErlPid from, ErlPid to) => Erl.Tuple(Op(ControlOp.Link), from, to);

    /// <summary>SEND (2): the sender field is unused and sent as the empty atom.</summary>
    public static ErlTuple Send(ErlPid to) => Erl.Tuple(Op(ControlOp.Send), ErlAtom.Empty, to);

    public static ErlTuple SendSender(ErlPid from, ErlPid to) => Erl.Tuple(Op(ControlOp.SendSender), from, to);

    /// <summary>SEND_SENDER when negotiated, else SEND.</summary>
    public static ErlTuple SendTo(ErlPid from, ErlPid to, bool sendSender) => sendSender ? SendSender(from, to) : Send(to);

    public static ErlTuple RegSend(ErlPid from, ErlAtom toName) => Erl.Tuple(Op(ControlOp.RegSend), from, ErlAtom.Empty, toName);

    public static ErlTuple AliasSend(ErlPid from, ErlRef alias) => Erl.Tuple(Op(ControlOp.AliasSend), from, alias);

    public static ErlTuple MonitorP(ErlPid from, ErlangTerm target, ErlRef reference) => Erl.Tuple(Op(ControlOp.MonitorP), from, target, reference);

    public static ErlTuple DemonitorP(ErlPid from, ErlangTerm target, ErlRef reference) => Erl.Tuple(Op(ControlOp.DemonitorP), from, target, reference);

    /// <summary>A DOWN for a monitor a remote process holds on <paramref name="monitored"/> (our pid or name).</summary>
    public static (ErlTuple Control, ErlangTerm? Payload) Down(ErlangTerm monitored, ErlPid watcher, ErlRef reference, ErlangTerm reason, bool exitPayload) =>
        exitPayload
            ? (Erl.Tuple(Op(ControlOp.PayloadMonitorPExit), monitored, watcher, reference), reason)
            : (Erl.Tuple(Op(ControlOp.MonitorPExit), monitored, watcher, reference, reason), null);

    /// <summary>An exit along a link from <paramref name="from"/> (ours) to <paramref name="to"/>.</summary>
    public static (ErlTuple Control, ErlangTerm? Payload) Exit(ErlPid from, ErlPid to, ErlangTerm reason, bool exitPayload) =>
        exitPayload
            ? (Erl.Tuple(Op(ControlOp.PayloadExit), from, to), reason)
            : (Erl.Tuple(Op(ControlOp.Exit), from, to, reason), null);

    public static ErlTuple UnlinkId(ulong id, ErlPid from, ErlPid to) => Erl.Tuple(Op(ControlOp.UnlinkId), ErlInteger.Of(new System.Numerics.BigInteger(id)), from, to);

    public static ErlTuple UnlinkIdAck(ErlangTerm id, ErlPid from, ErlPid to) => Erl.Tuple(Op(ControlOp.UnlinkIdAck), id, from, to);

    private static ErlInteger Op(ControlOp op) => ErlInteger.Of((long)op);
}
