using EsdbGater.Contracts;
using EsdbGater.Host.Api;
using EsdbGater.Host.Operations;
using EsdbGater.Host.Pool;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Host.Tests.Operations;

public sealed class GatewayErrorsTests
{
    [Theory]
    [InlineData(ExesdbCallFailure.Timeout, GatewayErrorCode.Timeout)]
    [InlineData(ExesdbCallFailure.NodeDown, GatewayErrorCode.NodeFailure)]
    [InlineData(ExesdbCallFailure.WorkerDown, GatewayErrorCode.NodeFailure)]
    [InlineData(ExesdbCallFailure.NoProcess, GatewayErrorCode.NodeFailure)]
    [InlineData(ExesdbCallFailure.UnexpectedReply, GatewayErrorCode.NodeFailure)]
    [InlineData(ExesdbCallFailure.InvalidArgument, GatewayErrorCode.InvalidRequest)]
    public void Call_failures_become_typed_errors(ExesdbCallFailure failure, GatewayErrorCode code) =>
        Assert.Equal(code, GatewayErrors.From(new ExesdbCallException(failure, "detail"))?.Code);

    [Fact]
    public void Pool_and_budget_failures_become_typed_errors()
    {
        Assert.Equal(GatewayErrorCode.NoWorkers, GatewayErrors.From(new NoWorkersException("reg_gh", TimeSpan.FromSeconds(2)))?.Code);
        Assert.Equal(GatewayErrorCode.Timeout, GatewayErrors.From(new RequestBudgetExhaustedException())?.Code);
    }

    [Fact]
    public void Bugs_are_not_disguised_as_gateway_errors() =>
        Assert.Null(GatewayErrors.From(new NullReferenceException()));
}
