using System.Buffers;
using BenchmarkDotNet.Attributes;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Benchmarks.Terms;

/// <summary>Decode and encode of one event record and of a 10-record reply (BenchmarkDotNet runs these).</summary>
[MemoryDiagnoser]
public class EtfBenchmarks
{
    private readonly ArrayBufferWriter<byte> _writer = new(64 * 1024);
    private ErlangTerm _record = null!;
    private ErlangTerm _reply = null!;
    private byte[] _recordBytes = null!;
    private byte[] _replyBytes = null!;

    /// <summary>Encoded sizes, for turning times into MB/s.</summary>
    public static int RecordSize => TermEncoder.EncodedSize(EventRecordTerms.EventRecord(0));

    public static int ReplySize => TermEncoder.EncodedSize(EventRecordTerms.OkReply(EtfScenario.RecordsPerReply));

    [GlobalSetup]
    public void Setup()
    {
        _record = EventRecordTerms.EventRecord(0);
        _reply = EventRecordTerms.OkReply(EtfScenario.RecordsPerReply);
        _recordBytes = TermEncoder.Encode(_record);
        _replyBytes = TermEncoder.Encode(_reply);
    }

    [Benchmark]
    public ErlangTerm DecodeRecord() => TermDecoder.Decode(_recordBytes);

    [Benchmark]
    public byte[] EncodeRecord() => TermEncoder.Encode(_record);

    [Benchmark]
    public ErlangTerm DecodeReply() => TermDecoder.Decode(_replyBytes);

    [Benchmark]
    public byte[] EncodeReply() => TermEncoder.Encode(_reply);

    /// <summary>The distribution's path: straight into a reused buffer writer, no array per message.</summary>
    [Benchmark]
    public int EncodeReplyToBufferWriter()
    {
        _writer.ResetWrittenCount();
        TermEncoder.Encode(_reply, _writer);
        return _writer.WrittenCount;
    }
}
