using EsdbGater.Contracts;
using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;
using EsdbGater.Transport.Tcp.Failures;
using EsdbGater.Transport.Tcp.Mapping;

namespace EsdbGater.Transport.Tcp.Operations;

/// <summary>Requests and replies of the stream operations (contract §2, rows 1–5).</summary>
internal static class StreamProtocol
{
    /// <summary>ExESDB names each stream's writer <c>streams_writer_worker_&lt;store&gt;_&lt;stream&gt;</c>, an atom.</summary>
    private const string WriterNamePrefix = "streams_writer_worker_";
    private const int MaxAtomLength = 255;

    public static ErlTuple GetVersion(ErlAtom store, string streamId) =>
        ErlTuple.Of(GatewayAtoms.GetVersion, store, StreamIdTerm(streamId));

    /// <summary>Request #2 for <see cref="ExpectedVersion.Any"/>, #3 otherwise.</summary>
    public static ErlTuple AppendEvents(ErlAtom store, string streamId, ExpectedVersion expected, ErlList events)
    {
        var stream = StreamIdTerm(streamId);

        // Past the atom limit every append fails with system_limit inside ExESDB's writer.
        if (WriterNamePrefix.Length + store.Name.Length + 1 + CodePoints(streamId) > MaxAtomLength)
        {
            throw ExesdbFailures.InvalidArgument(
                $"Stream ids of store {store.Name} are limited to {MaxAtomLength - WriterNamePrefix.Length - store.Name.Length - 1} characters: ExESDB names each stream's writer with an atom.");
        }

        if (expected.IsAny)
        {
            return ErlTuple.Of(GatewayAtoms.AppendEvents, store, stream, events);
        }

        // Anything but :any, :stream_exists or an integer crashes the worker (no_stream included).
        ErlangTerm expectation = expected switch
        {
            { IsStreamExists: true } => GatewayAtoms.StreamExists,
            { IsNoStream: true } or { IsExact: true } => expected.Value,
            _ => throw ExesdbFailures.InvalidArgument($"Expected version {expected.Value} is not one of any, stream_exists, no_stream or an event number."),
        };
        return ErlTuple.Of(GatewayAtoms.AppendEvents, store, stream, expectation, events);
    }

    public static ErlTuple GetEvents(ErlAtom store, string streamId, long start, int count, ReadDirection direction)
    {
        if (start < 0)
        {
            throw ExesdbFailures.InvalidArgument($"The start event number must not be negative (was {start}).");
        }

        if (count < 1)
        {
            throw ExesdbFailures.InvalidArgument($"The count must be at least 1 (was {count}).");
        }

        // An unknown direction crashes the stream reader and with it the gateway worker.
        var directionAtom = direction switch
        {
            ReadDirection.Forward => GatewayAtoms.Forward,
            ReadDirection.Backward => GatewayAtoms.Backward,
            _ => throw ExesdbFailures.InvalidArgument($"Unknown read direction {(int)direction}."),
        };
        return ErlTuple.Of(GatewayAtoms.GetEvents, store, StreamIdTerm(streamId), start, count, directionAtom);
    }

    public static ErlTuple GetStreams(ErlAtom store) => ErlTuple.Of(GatewayAtoms.GetStreams, store);

    public static long ParseVersion(ErlangTerm reply) =>
        reply is ErlTuple { Arity: 2 } t && t[0] == ErlAtom.Ok && t[1] is ErlInteger { FitsInt64: true } v
            ? v.Int64Value
            : throw Unexpected("get_version", reply);

    public static AppendOutcome ParseAppend(ErlangTerm reply)
    {
        if (reply is not ErlTuple { Arity: 2 } t)
        {
            throw Unexpected("append_events", reply);
        }

        if (t[0] == ErlAtom.Ok && t[1] is ErlInteger { FitsInt64: true } last)
        {
            return new AppendSucceeded(last.Int64Value);
        }

        if (t[0] == ErlAtom.Error)
        {
            return t[1] switch
            {
                ErlTuple { Arity: 2 } e when e[0] == GatewayAtoms.WrongExpectedVersion && e[1] is ErlInteger { FitsInt64: true } current
                    => new AppendConflict(current.Int64Value),
                // The writer lost a race against another append and does not say the version.
                ErlAtom a when a == GatewayAtoms.WrongExpectedVersion => new AppendConflict(null),
                var reason => throw ExesdbFailures.ErrorReply("append_events", reason),
            };
        }

        throw Unexpected("append_events", reply);
    }

    public static IReadOnlyList<RecordedEvent> ParseEvents(ErlangTerm reply) =>
        Replies.OkList("get_events", reply).Select(e => EventRecordTerm.Parse(e, "get_events")).ToArray();

    public static IReadOnlyList<string> ParseStreams(ErlangTerm reply) =>
        Replies.OkList("get_streams", reply).Select(TermText.Of).ToArray();

    private static ErlBinary StreamIdTerm(string streamId) =>
        string.IsNullOrEmpty(streamId)
            ? throw ExesdbFailures.InvalidArgument("The stream id is empty.")
            : JsonToTerm.Utf8Binary(streamId, "The stream id");

    private static int CodePoints(string text) => text.EnumerateRunes().Count();

    private static ExesdbCallException Unexpected(string operation, ErlangTerm reply) => ExesdbFailures.UnexpectedReply(operation, reply);
}
