using Microsoft.Extensions.Logging;

namespace EsdbGater.Erlang.Distribution;

/// <summary>The distribution layer's log events (category "Transport"). Nothing per packet above Debug.</summary>
internal static partial class TransportLog
{
    public const string Category = "Transport";

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Connected to {RemoteNode} as {LocalNode} (flags 0x{Flags:X}, peer creation {RemoteCreation}, tls {Tls})")]
    public static partial void Connected(ILogger logger, string remoteNode, string localNode, ulong flags, uint remoteCreation, bool tls);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Connecting to {RemoteNode} failed: {Failure}: {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string remoteNode, ConnectFailure failure, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Connection to {RemoteNode} closed: {Reason}")]
    public static partial void Closed(ILogger logger, string remoteNode, string reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Protocol error from {RemoteNode}, closing the connection: {Error}")]
    public static partial void ProtocolError(ILogger logger, string remoteNode, string error);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Nothing heard from {RemoteNode} for {SilenceSeconds:0.0} s (limit {LimitSeconds:0.0} s), closing the connection")]
    public static partial void PeerTimeout(ILogger logger, string remoteNode, double silenceSeconds, double limitSeconds);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Error, Message = "Unexpected failure on the connection to {RemoteNode}, closing it")]
    public static partial void UnexpectedFailure(ILogger logger, string remoteNode, Exception exception);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Ignoring unknown distribution operation {Op} from {RemoteNode}")]
    public static partial void UnknownOperation(ILogger logger, string remoteNode, int op);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Dropped a message from {RemoteNode} to {Recipient}: no such process")]
    public static partial void DroppedMessage(ILogger logger, string remoteNode, string recipient);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Debug, Message = "Dropped a late or unknown reply from {RemoteNode} for {Reference}")]
    public static partial void DroppedReply(ILogger logger, string remoteNode, string reference);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Answered rex request {Request} from {RemoteNode}")]
    public static partial void RexAnswered(ILogger logger, string remoteNode, string request);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Debug, Message = "Ignored {Op} from {RemoteNode}")]
    public static partial void IgnoredSignal(ILogger logger, string remoteNode, string op);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Mailbox {Mailbox} is full ({Capacity} messages); reading from {RemoteNode} waits until it drains")]
    public static partial void MailboxFull(ILogger logger, string mailbox, int capacity, string remoteNode);
}
