using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace EsdbGater.Erlang.Distribution.Framing;

/// <summary>
/// The connection's only writer. Callers enqueue complete frames; one loop copies them into a
/// pipe and flushes when the queue runs dry, so frames never interleave and concurrent callers
/// share system calls.
/// </summary>
internal sealed class FrameWriter
{
    private const int QueueCapacity = 8192;
    private const int FlushThreshold = 256 * 1024;

    private readonly Channel<OutgoingFrame> _queue = Channel.CreateBounded<OutgoingFrame>(
        new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly Stream _stream;
    private readonly TimeProvider _timeProvider;
    private long _lastWriteTimestamp;

    public FrameWriter(Stream stream, TimeProvider timeProvider)
    {
        _stream = stream;
        _timeProvider = timeProvider;
        _lastWriteTimestamp = timeProvider.GetTimestamp();
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Ends when the writer stops: faulted when the stream failed.</summary>
    public Task Completion { get; }

    /// <summary>When bytes last went out (a <see cref="TimeProvider"/> timestamp).</summary>
    public long LastWriteTimestamp => Volatile.Read(ref _lastWriteTimestamp);

    /// <summary>Queues a frame, waiting while the queue is full. False when the writer has stopped.</summary>
    public async ValueTask<bool> EnqueueAsync(OutgoingFrame frame, CancellationToken cancellationToken)
    {
        if (_queue.Writer.TryWrite(frame))
        {
            return true;
        }

        try
        {
            await _queue.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ChannelClosedException)
        {
            frame.Dispose();
            return false;
        }
        catch (OperationCanceledException)
        {
            frame.Dispose();
            throw;
        }
    }

    /// <summary>Queues a frame if there is room (ticks, best-effort clean-up signals).</summary>
    public bool TryEnqueue(OutgoingFrame frame)
    {
        if (_queue.Writer.TryWrite(frame))
        {
            return true;
        }

        frame.Dispose();
        return false;
    }

    /// <summary>Stops accepting frames; what is queued is still written.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        var pipe = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    try
                    {
                        pipe.Write(frame.Bytes.Span);
                    }
                    finally
                    {
                        frame.Dispose();
                    }

                    if (pipe.UnflushedBytes >= FlushThreshold)
                    {
                        await FlushAsync(pipe).ConfigureAwait(false);
                    }
                }

                await FlushAsync(pipe).ConfigureAwait(false);
            }

            await pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _queue.Writer.TryComplete(e);
            try
            {
                await pipe.CompleteAsync(e).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The stream is already broken; the original failure is what matters.
            }

            throw;
        }
        finally
        {
            while (reader.TryRead(out var unsent))
            {
                unsent.Dispose();
            }
        }
    }

    private async ValueTask FlushAsync(PipeWriter pipe)
    {
        if (pipe.UnflushedBytes == 0)
        {
            return;
        }

        var result = await pipe.FlushAsync().ConfigureAwait(false);
        Volatile.Write(ref _lastWriteTimestamp, _timeProvider.GetTimestamp());
        if (result.IsCanceled || result.IsCompleted)
        {
            throw new IOException("The connection stopped accepting writes.");
        }
    }
}
