namespace EsdbGater.Benchmarks.Gateway;

/// <summary>One case measured on both paths: a row of the report.</summary>
public sealed record CaseMeasurement(LoadCase Case, PathMeasurement Gateway, PathMeasurement Direct);
