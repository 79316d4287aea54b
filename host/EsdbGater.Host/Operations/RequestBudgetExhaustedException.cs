namespace EsdbGater.Host.Operations;

/// <summary>The client's timeout is (nearly) reached: no further call is made for this request.</summary>
internal sealed class RequestBudgetExhaustedException()
    : Exception("The request's time budget is used up: the client's request timeout is about to expire.");
