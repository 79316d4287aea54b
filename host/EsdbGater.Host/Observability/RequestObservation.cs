using System.Diagnostics;

namespace EsdbGater.Host.Observability;

/// <summary>One request under way: what <see cref="RequestTelemetry.Stop"/> needs to finish its span and measurements.</summary>
/// <param name="Operation">The operation (queue name after the prefix).</param>
/// <param name="StartedAt">A <see cref="Stopwatch.GetTimestamp"/> value.</param>
/// <param name="Activity">The request span; null when no tracer samples it.</param>
internal readonly record struct RequestObservation(string Operation, long StartedAt, Activity? Activity);
