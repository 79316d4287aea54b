namespace EsdbGater.Erlang.Distribution.Framing;

/// <summary>
/// One complete packet, length prefix included, ready for the writer. Pooled frames return
/// their buffer once written; the tick is a shared constant.
/// </summary>
internal sealed class OutgoingFrame : IDisposable
{
    /// <summary>A tick: a packet of length zero.</summary>
    public static readonly OutgoingFrame Tick = new(new byte[FrameReader.HeaderLength]);

    private readonly PooledBufferWriter? _pooled;

    public OutgoingFrame(PooledBufferWriter pooled)
    {
        _pooled = pooled;
        Bytes = pooled.WrittenMemory;
    }

    private OutgoingFrame(ReadOnlyMemory<byte> constant) => Bytes = constant;

    public ReadOnlyMemory<byte> Bytes { get; }

    public bool IsTick => ReferenceEquals(this, Tick);

    public void Dispose() => _pooled?.Dispose();
}
