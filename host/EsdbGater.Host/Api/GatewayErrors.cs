using EsdbGater.Contracts;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Pool;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Api;

/// <summary>
/// Turns the failures a request can meet on its way to a node into typed answers, so clients
/// never parse exception text. Exceptions not listed here are bugs: they travel as MassTransit
/// faults (and the message goes to the error queue).
/// </summary>
internal static class GatewayErrors
{
    public static GatewayError? From(Exception exception) => exception switch
    {
        NoWorkersException e => new GatewayError(GatewayErrorCode.NoWorkers, e.Message),
        RequestBudgetExhaustedException e => new GatewayError(GatewayErrorCode.Timeout, e.Message),
        ExesdbCallException e => FromCall(e),
        _ => null,
    };

    private static GatewayError FromCall(ExesdbCallException e) => e.Failure switch
    {
        ExesdbCallFailure.Timeout => new GatewayError(GatewayErrorCode.Timeout, "The node did not answer in time: " + e.Message),
        ExesdbCallFailure.InvalidArgument => new GatewayError(GatewayErrorCode.InvalidRequest, "The request cannot be expressed for ExESDB: " + e.Message),
        _ => new GatewayError(GatewayErrorCode.NodeFailure, $"The node failed ({e.Failure}): {e.Message}"),
    };
}
