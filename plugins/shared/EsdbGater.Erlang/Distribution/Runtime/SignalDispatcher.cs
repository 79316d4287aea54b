using EsdbGater.Erlang.Distribution.Handshake;
using EsdbGater.Erlang.Distribution.Protocol;
using EsdbGater.Erlang.Terms;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Distribution.Runtime;

/// <summary>
/// Acts on the signals a peer sends: messages, monitors, links and exits, each in every form
/// OTP uses (with and without EXIT_PAYLOAD, SEND_SENDER and trace tokens). A control tuple of
/// the wrong shape is a <see cref="DistributionProtocolException"/>.
/// </summary>
internal sealed class SignalDispatcher(ErlangNode node, NodeConnection connection, ILogger logger)
{
    private readonly string _remoteName = connection.RemoteNode.Name;

    public ValueTask DispatchAsync(DistributionMessage message)
    {
        var c = message.Control;
        switch (message.Op)
        {
            case ControlOp.Send:
                Expect(c, 3);
                return DeliverToPidAsync(Field<ErlPid>(c, 2), message.Payload!);
            case ControlOp.SendTT:
                Expect(c, 4);
                return DeliverToPidAsync(Field<ErlPid>(c, 2), message.Payload!);
            case ControlOp.SendSender:
                Expect(c, 3);
                return DeliverToPidAsync(Field<ErlPid>(c, 2), message.Payload!);
            case ControlOp.SendSenderTT:
                Expect(c, 4);
                return DeliverToPidAsync(Field<ErlPid>(c, 2), message.Payload!);
            case ControlOp.RegSend:
                Expect(c, 4);
                return DeliverToNameAsync(Field<ErlPid>(c, 1), Field<ErlAtom>(c, 3), message.Payload!);
            case ControlOp.RegSendTT:
                Expect(c, 5);
                return DeliverToNameAsync(Field<ErlPid>(c, 1), Field<ErlAtom>(c, 3), message.Payload!);
            case ControlOp.AliasSend:
                Expect(c, 3);
                return DeliverToAliasAsync(Field<ErlRef>(c, 2), message.Payload!);
            case ControlOp.AliasSendTT:
                Expect(c, 4);
                return DeliverToAliasAsync(Field<ErlRef>(c, 2), message.Payload!);
            case ControlOp.MonitorP:
                Expect(c, 4);
                return OnMonitorAsync(Field<ErlPid>(c, 1), c[2], Field<ErlRef>(c, 3));
            case ControlOp.DemonitorP:
                Expect(c, 4);
                OnDemonitor(c[2], Field<ErlRef>(c, 3));
                return ValueTask.CompletedTask;
            case ControlOp.MonitorPExit:
                Expect(c, 5);
                return OnDownAsync(c[1], Field<ErlPid>(c, 2), Field<ErlRef>(c, 3), c[4]);
            case ControlOp.PayloadMonitorPExit:
                Expect(c, 4);
                return OnDownAsync(c[1], Field<ErlPid>(c, 2), Field<ErlRef>(c, 3), message.Payload!);
            case ControlOp.Link:
                Expect(c, 3);
                return OnLinkAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2));
            case ControlOp.Unlink:
                Expect(c, 3);
                OnUnlink(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2));
                return ValueTask.CompletedTask;
            case ControlOp.UnlinkId:
                Expect(c, 4);
                return OnUnlinkIdAsync(c[1], Field<ErlPid>(c, 2), Field<ErlPid>(c, 3));
            case ControlOp.Exit:
                Expect(c, 4);
                return OnLinkExitAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2), c[3]);
            case ControlOp.ExitTT:
                Expect(c, 5);
                return OnLinkExitAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2), c[4]);
            case ControlOp.PayloadExit:
                Expect(c, 3);
                return OnLinkExitAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2), message.Payload!);
            case ControlOp.PayloadExitTT:
                Expect(c, 4);
                return OnLinkExitAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2), message.Payload!);
            case ControlOp.Exit2:
                Expect(c, 4);
                return OnExitSignalAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2), c[3]);
            case ControlOp.Exit2TT:
                Expect(c, 5);
                return OnExitSignalAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2), c[4]);
            case ControlOp.PayloadExit2:
                Expect(c, 3);
                return OnExitSignalAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2), message.Payload!);
            case ControlOp.PayloadExit2TT:
                Expect(c, 4);
                return OnExitSignalAsync(Field<ErlPid>(c, 1), Field<ErlPid>(c, 2), message.Payload!);
            case ControlOp.UnlinkIdAck:
            case ControlOp.GroupLeader:
            case ControlOp.NodeLink:
            case ControlOp.SpawnReply:
            case ControlOp.SpawnReplyTT:
            case ControlOp.SpawnRequest:
            case ControlOp.SpawnRequestTT:
                // Nothing to do: we never spawn, never wait for unlink acks, have no group leaders.
                TransportLog.IgnoredSignal(logger, _remoteName, message.Op.ToString());
                return ValueTask.CompletedTask;
            default:
                TransportLog.UnknownOperation(logger, _remoteName, (int)message.Op);
                return ValueTask.CompletedTask;
        }
    }

    private ValueTask DeliverToPidAsync(ErlPid to, ErlangTerm payload)
    {
        if (to.Equals(connection.CallerPid))
        {
            OnCallReply(payload);
            return ValueTask.CompletedTask;
        }

        if (to.Equals(node.RexPid))
        {
            return node.Rex.HandleAsync(connection, payload);
        }

        return DeliverAsync(node.FindMailbox(to), to, payload);
    }

    private ValueTask DeliverToNameAsync(ErlPid from, ErlAtom name, ErlangTerm payload)
    {
        if (name.Equals(Atoms.Rex))
        {
            return node.Rex.HandleAsync(connection, payload);
        }

        return DeliverAsync(node.FindRegistered(name), name, payload);
    }

    // We never hand out aliases except call references, so an alias is a reply to a call of ours
    // (the payload's first element is the tag, [alias|Ref] or Ref).
    private ValueTask DeliverToAliasAsync(ErlRef alias, ErlangTerm payload)
    {
        if (payload is ErlTuple { Arity: 2 } reply && connection.TryCompleteCall(alias, reply[1]))
        {
            return ValueTask.CompletedTask;
        }

        TransportLog.DroppedReply(logger, _remoteName, alias.ToString());
        return ValueTask.CompletedTask;
    }

    private void OnCallReply(ErlangTerm payload)
    {
        if (payload is ErlTuple { Arity: 2 } reply && CallReference(reply[0]) is { } reference && connection.TryCompleteCall(reference, reply[1]))
        {
            return;
        }

        TransportLog.DroppedReply(logger, _remoteName, payload is ErlTuple { Arity: > 0 } t ? t[0].ToString() : "?");
    }

    private static ErlRef? CallReference(ErlangTerm tag) => tag switch
    {
        ErlRef reference => reference,
        ErlList { Count: 1, IsProper: false } list when list[0].Equals(Atoms.Alias) => list.Tail as ErlRef,
        _ => null,
    };

    private ValueTask DeliverAsync(Mailbox? mailbox, ErlangTerm recipient, ErlangTerm payload)
    {
        if (mailbox is null)
        {
            TransportLog.DroppedMessage(logger, _remoteName, recipient.ToString());
            return ValueTask.CompletedTask;
        }

        return mailbox.DeliverAsync(payload, () => TransportLog.MailboxFull(logger, mailbox.Self.ToString(), mailbox.Capacity, _remoteName));
    }

    private async ValueTask OnMonitorAsync(ErlPid watcher, ErlangTerm target, ErlRef reference)
    {
        // Our built-in processes live as long as the node: their monitors end with the connection.
        if (IsBuiltIn(target))
        {
            return;
        }

        var mailbox = target switch
        {
            ErlPid pid => node.FindMailbox(pid),
            ErlAtom name => node.FindRegistered(name),
            _ => throw new DistributionProtocolException($"MONITOR_P of {target}: neither a pid nor a name."),
        };

        if (mailbox is not null && mailbox.AddWatcher(new RemoteWatch(connection, watcher, reference, target)))
        {
            return;
        }

        // Unknown or dead: answer at once, so the remote caller fails fast instead of hanging.
        var (control, payload) = ControlMessages.Down(target, watcher, reference, Atoms.NoProc, connection.Negotiated(DistributionFlags.ExitPayload));
        await connection.SendSignalAsync(control, payload).ConfigureAwait(false);
    }

    private void OnDemonitor(ErlangTerm target, ErlRef reference)
    {
        var mailbox = target switch
        {
            ErlPid pid => node.FindMailbox(pid),
            ErlAtom name => node.FindRegistered(name),
            _ => null,
        };
        mailbox?.RemoveWatcher(connection, reference);
    }

    private async ValueTask OnDownAsync(ErlangTerm monitored, ErlPid watcher, ErlRef reference, ErlangTerm reason)
    {
        if (watcher.Equals(connection.CallerPid))
        {
            if (!connection.TryFailCall(reference, reason))
            {
                TransportLog.DroppedReply(logger, _remoteName, reference.ToString());
            }

            return;
        }

        var mailbox = node.FindMailbox(watcher);
        if (mailbox is null || !mailbox.RemoveMonitor(reference))
        {
            TransportLog.IgnoredSignal(logger, _remoteName, "DOWN for an unknown monitor");
            return;
        }

        await DeliverAsync(mailbox, watcher, Mailbox.DownMessage(reference, connection.MonitoredObject(monitored), reason)).ConfigureAwait(false);
    }

    private async ValueTask OnLinkAsync(ErlPid from, ErlPid to)
    {
        if (IsBuiltIn(to))
        {
            return;
        }

        if (node.FindMailbox(to) is { } mailbox && mailbox.AddLink(from, connection))
        {
            return;
        }

        var (control, payload) = ControlMessages.Exit(to, from, Atoms.NoProc, connection.Negotiated(DistributionFlags.ExitPayload));
        await connection.SendSignalAsync(control, payload).ConfigureAwait(false);
    }

    private void OnUnlink(ErlPid from, ErlPid to) => node.FindMailbox(to)?.RemoveLink(from);

    private async ValueTask OnUnlinkIdAsync(ErlangTerm id, ErlPid from, ErlPid to)
    {
        if (id is not ErlInteger)
        {
            throw new DistributionProtocolException($"UNLINK_ID with a non-integer id {id}.");
        }

        node.FindMailbox(to)?.RemoveLink(from);

        // The ack must precede any other signal from us to that pid; the single writer keeps order.
        await connection.SendSignalAsync(ControlMessages.UnlinkIdAck(id, to, from), null).ConfigureAwait(false);
    }

    private ValueTask OnLinkExitAsync(ErlPid from, ErlPid to, ErlangTerm reason)
    {
        // An exit along a link we no longer have (unlinked meanwhile) is void, as in Erlang.
        if (node.FindMailbox(to) is not { } mailbox || !mailbox.RemoveLink(from))
        {
            TransportLog.IgnoredSignal(logger, _remoteName, "EXIT without a link");
            return ValueTask.CompletedTask;
        }

        return DeliverAsync(mailbox, to, Erl.Tuple(Atoms.Exit, from, reason));
    }

    // exit(OurPid, Reason) from a remote process: our mailboxes behave as if trapping exits.
    private ValueTask OnExitSignalAsync(ErlPid from, ErlPid to, ErlangTerm reason) =>
        DeliverAsync(node.FindMailbox(to), to, Erl.Tuple(Atoms.Exit, from, reason));

    private bool IsBuiltIn(ErlangTerm target) =>
        target.Equals(Atoms.Rex) || target.Equals(node.RexPid) || target.Equals(connection.CallerPid);

    private static void Expect(ErlTuple control, int arity)
    {
        if (control.Arity != arity)
        {
            throw new DistributionProtocolException($"Control message {control[0]} has arity {control.Arity}; expected {arity}.");
        }
    }

    private static T Field<T>(ErlTuple control, int index)
        where T : ErlangTerm =>
        control[index] as T ?? throw new DistributionProtocolException($"Control message {control[0]}: element {index + 1} is not a {typeof(T).Name}.");
}
