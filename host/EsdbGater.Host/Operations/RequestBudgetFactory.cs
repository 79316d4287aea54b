using EsdbGater.Host.Configuration;
using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Operations;

/// <summary>Makes the <see cref="RequestBudget"/> of a request from its expiration (MassTransit sets it to the client's request timeout).</summary>
internal sealed class RequestBudgetFactory(IOptions<PoolOptions> options, TimeProvider time)
{
    public RequestBudget For(DateTime? expirationTime) =>
        expirationTime is { } expires
            ? new RequestBudget(time, new DateTimeOffset(DateTime.SpecifyKind(expires, DateTimeKind.Utc)) - options.Value.ClientTimeoutMargin)
            : RequestBudget.Unbounded(time);
}
