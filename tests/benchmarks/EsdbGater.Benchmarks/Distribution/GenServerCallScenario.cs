using System.Diagnostics;
using System.Globalization;
using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;

namespace EsdbGater.Benchmarks.Distribution;

/// <summary>
/// gen_server call round trips per second against echo_server on a real BEAM node: from C#
/// through our hidden node, and from a second BEAM node calling the same server natively.
/// </summary>
public sealed class GenServerCallScenario : IBenchmarkScenario
{
    private static readonly ErlAtom Server = ErlAtom.Of("echo_server");
    private static readonly ErlangTerm Request = Erl.Tuple(Erl.Atom("echo"), Erl.Binary("payload-0123456789"));

    public string Name => "gencall";

    public string Description =>
        "gen_server:call round trips/s to an echo server on OTP 25, sequential and 64 concurrent callers, C# vs a native BEAM caller. Args: --seconds N (default 5), --otp27 (server and native caller on OTP 27).";

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var seconds = ArgValue(args, "--seconds") is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : 5;
        var runtime = args.Contains("--otp27") ? BeamRuntime.Otp27Chroot : BeamRuntime.Otp25Host;
        var duration = TimeSpan.FromSeconds(seconds);

        using var ebin = await ErlangCompiler.CompileAsync(runtime, ErlangModules());
        await using var epmd = await EpmdDaemon.StartAsync(runtime);
        await using var server = await BeamNode.StartAsync(new BeamNodeOptions
        {
            Runtime = runtime, Alive = "bench_server", Epmd = epmd, CodePaths = [ebin.HostPath], Eval = "{ok, _} = echo_server:start().",
        });
        await using var nativeCaller = await BeamNode.StartAsync(new BeamNodeOptions
        {
            Runtime = runtime, Alive = "bench_caller", Epmd = epmd, CodePaths = [ebin.HostPath],
        });

        await using var node = new ErlangNode(new ErlangNodeOptions
        {
            NodeName = NodeName.CreateUnique(host: "127.0.0.1").FullName,
            Cookie = server.Cookie,
            EpmdPort = epmd.Port,
        });
        var connection = await node.ConnectAsync(server.NodeName, "127.0.0.1");
        var toCaller = await node.ConnectAsync(nativeCaller.NodeName, "127.0.0.1");

        output.WriteLine($"gen_server:call({{echo, <<\"payload-0123456789\">>}}) to {server.NodeName} ({runtime}), {seconds} s per measurement, {Environment.ProcessorCount} cores shared by everything.");
        output.WriteLine($"{"callers",8} {"C# calls/s",14} {"native calls/s",16} {"C# / native",12}");
        foreach (var callers in new[] { 1, 64 })
        {
            await MeasureCSharpAsync(connection, callers, TimeSpan.FromSeconds(1)); // warm-up
            var csharp = await MeasureCSharpAsync(connection, callers, duration);
            await MeasureNativeAsync(toCaller, server.NodeName, callers, TimeSpan.FromSeconds(1));
            var native = await MeasureNativeAsync(toCaller, server.NodeName, callers, duration);
            output.WriteLine($"{callers,8} {csharp,14:N0} {native,16:N0} {csharp / native,12:0.00}");
        }

        return 0;
    }

    private static async Task<double> MeasureCSharpAsync(NodeConnection connection, int callers, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var counts = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            var count = 0L;
            while (clock.Elapsed < duration)
            {
                await connection.CallAsync(Server, Request, TimeSpan.FromSeconds(30));
                count++;
            }

            return count;
        })));
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    // probe_helper:bench_callers runs Callers processes on the caller node, each doing
    // gen_server:call({echo_server, ServerNode}, Request) in a loop until the time is up.
    private static async Task<double> MeasureNativeAsync(NodeConnection toCaller, string serverNode, int callers, TimeSpan duration)
    {
        var milliseconds = (long)duration.TotalMilliseconds;
        var result = await toCaller.RpcAsync(
            "probe_helper",
            "bench_callers",
            [Erl.Tuple(Server, Erl.Atom(serverNode)), Request, callers, milliseconds],
            duration + TimeSpan.FromSeconds(30));
        return result is ErlInteger count
            ? (double)count.Int64Value / duration.TotalSeconds
            : throw new InvalidOperationException($"The native caller failed: {result}");
    }

    private static string[] ErlangModules()
    {
        var directory = Path.Combine(Otp27Root.RepositoryRoot, "tests", "EsdbGater.Erlang.Tests", "erlang");
        return [Path.Combine(directory, "echo_server.erl"), Path.Combine(directory, "probe_helper.erl")];
    }

    private static string? ArgValue(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
