using System.IO.Pipelines;

namespace EsdbGater.Erlang.Tests.Distribution.Support;

/// <summary>An in-memory connected pair of streams, for driving a connection without sockets.</summary>
public sealed class DuplexStream(Stream readFrom, Stream writeTo) : Stream
{
    public static (DuplexStream Ours, DuplexStream Peer) CreatePair()
    {
        var toPeer = new Pipe();
        var toUs = new Pipe();
        return (new DuplexStream(toUs.Reader.AsStream(), toPeer.Writer.AsStream()),
                new DuplexStream(toPeer.Reader.AsStream(), toUs.Writer.AsStream()));
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => readFrom.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => readFrom.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => readFrom.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => writeTo.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => writeTo.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => writeTo.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => writeTo.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => writeTo.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            readFrom.Dispose();
            writeTo.Dispose();
        }

        base.Dispose(disposing);
    }
}
