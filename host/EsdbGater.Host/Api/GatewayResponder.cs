using EsdbGater.Contracts;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace EsdbGater.Host.Api;

/// <summary>
/// The common tail of every consumer: run the operation, answer with the response it produced
/// (by its runtime type, so clients' <c>GetResponse&lt;TOk, TError...&gt;</c> matches it), and
/// answer expected failures with a <see cref="GatewayError"/> instead of a fault.
/// </summary>
internal static partial class GatewayResponder
{
    /// <summary>Runs <paramref name="operation"/>, answers, and returns the answer (for the caller's telemetry).</summary>
    public static async Task<object> RespondAsync<TRequest>(ConsumeContext<TRequest> context, ILogger logger, Func<CancellationToken, Task<object>> operation)
        where TRequest : class
    {
        object response;
        try
        {
            response = await operation(context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (GatewayErrors.From(e) is { } error)
        {
            LogFailed(logger, typeof(TRequest).Name, error.Code, error.Message);
            response = error;
        }

        if (response is GatewayError { Code: GatewayErrorCode.InvalidRequest or GatewayErrorCode.StoreNotFound } refused)
        {
            LogRefused(logger, typeof(TRequest).Name, refused.Code, refused.Message);
        }

        await context.RespondAsync(response, response.GetType()).ConfigureAwait(false);
        return response;
    }

    [LoggerMessage(1, LogLevel.Warning, "{Request} failed: {Code}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string request, GatewayErrorCode code, string reason);

    [LoggerMessage(2, LogLevel.Debug, "{Request} refused: {Code}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string request, GatewayErrorCode code, string reason);
}
