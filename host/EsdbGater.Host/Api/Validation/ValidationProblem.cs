namespace EsdbGater.Host.Api.Validation;

/// <summary>What is wrong with a request, and in which field (e.g. <c>Events[2].EventType</c>).</summary>
internal sealed record ValidationProblem(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
