using EsdbGater.Contracts;
using MassTransit;

namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// The store through the gateway, as a .NET service reaches it: MassTransit request clients that
/// send to the gateway's queues (<c>queue:PREFIX.append-events</c>, ...) on RabbitMQ.
/// </summary>
public sealed class GatewayPath : IStorePath
{
    private static readonly RequestTimeout Timeout = RequestTimeout.After(s: 30);
    private readonly string _store;
    private readonly IRequestClient<AppendEvents> _append;
    private readonly IRequestClient<GetEvents> _read;
    private readonly IRequestClient<GetVersion> _version;

    public GatewayPath(IBus bus, string endpointPrefix, string store)
    {
        _store = store;
        _append = Client<AppendEvents>(bus, endpointPrefix, "append-events");
        _read = Client<GetEvents>(bus, endpointPrefix, "get-events");
        _version = Client<GetVersion>(bus, endpointPrefix, "get-version");
    }

    public string Name => "gateway";

    public async Task<long> AppendAsync(string streamId, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        var response = await _append.GetResponse<EventsAppended, GatewayError>(new AppendEvents(_store, streamId, events, ExpectedVersion.Any), cancellationToken).ConfigureAwait(false);
        return response.Is(out Response<EventsAppended>? appended) ? appended.Message.LastEventNumber : throw Failure(response.Message);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAsync(string streamId, long start, int count, CancellationToken cancellationToken)
    {
        var response = await _read.GetResponse<EventsRead, GatewayError>(new GetEvents(_store, streamId, start, count), cancellationToken).ConfigureAwait(false);
        return response.Is(out Response<EventsRead>? read) ? read.Message.Events : throw Failure(response.Message);
    }

    public async Task<long> VersionAsync(string streamId, CancellationToken cancellationToken)
    {
        var response = await _version.GetResponse<StreamVersion, GatewayError>(new GetVersion(_store, streamId), cancellationToken).ConfigureAwait(false);
        return response.Is(out Response<StreamVersion>? version) ? version.Message.Version : throw Failure(response.Message);
    }

    private static IRequestClient<T> Client<T>(IBus bus, string prefix, string queue)
        where T : class => bus.CreateRequestClient<T>(new Uri($"queue:{prefix}.{queue}"), Timeout);

    private static InvalidOperationException Failure(object message) =>
        new(message is GatewayError error ? $"GatewayError {error.Code}: {error.Message}" : $"Unexpected response {message.GetType().Name}");
}
