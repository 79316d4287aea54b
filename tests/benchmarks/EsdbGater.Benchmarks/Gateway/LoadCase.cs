namespace EsdbGater.Benchmarks.Gateway;

/// <summary>
/// One measured operation: what each caller does per request, and how many callers do it at once.
/// </summary>
/// <param name="Operation">The row's name in the report (e.g. <c>append 1 event</c>).</param>
/// <param name="Callers">Concurrent callers, each looping one request at a time.</param>
/// <param name="EventsPerRequest">Events written or read per request, to turn requests/s into events/s.</param>
/// <param name="Request">One request of caller <c>caller</c> (0-based), its <c>sequence</c>-th; throws when the answer is wrong.</param>
public sealed record LoadCase(
    string Operation,
    int Callers,
    int EventsPerRequest,
    Func<IStorePath, int, int, CancellationToken, Task> Request);
