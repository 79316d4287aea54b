using System.Globalization;
using System.Net;
using EsdbGater.TestKit;
using EsdbGater.TestKit.Beam;
using EsdbGater.TestKit.Processes;

namespace EsdbGater.Gossip.Tests.Support;

/// <summary>
/// A real BEAM (no distribution, so no EPMD) that sends libcluster-format heartbeats to a
/// loopback port, built exactly as <c>Cluster.Strategy.Gossip</c> builds them:
/// <c>term_to_binary(#{node => Node})</c> after <c>heartbeat::</c>, and with a secret a fresh
/// random IV and <c>crypto:crypto_one_time(aes_256_cbc, ...)</c> over the PKCS#7-padded bytes.
/// Unicast to 127.0.0.1, or multicast with <c>multicast_if</c> 127.0.0.1 and TTL 0, so nothing
/// leaves the machine. Stopped by its process id.
/// </summary>
internal sealed class ErlangHeartbeatSender : IAsyncDisposable
{
    /// <summary>Faster than libcluster's 1..5000 ms, so tests are quick.</summary>
    private const int IntervalMs = 100;

    private const string Script = """
        Node = list_to_atom(os:getenv("GOSSIP_NODE")),
        Port = list_to_integer(os:getenv("GOSSIP_PORT")),
        Secret = unicode:characters_to_binary(os:getenv("GOSSIP_SECRET", "")),
        Interval = list_to_integer(os:getenv("GOSSIP_INTERVAL_MS")),
        Loopback = {127,0,0,1},
        {Destination, Options} = case os:getenv("GOSSIP_GROUP", "") of
            "" -> {Loopback, []};
            Group ->
                {ok, GroupAddress} = inet:parse_ipv4strict_address(Group),
                {GroupAddress, [{multicast_if, Loopback}, {multicast_ttl, 0}, {multicast_loop, true}]}
        end,
        {ok, Socket} = gen_udp:open(0, [binary, {ip, Loopback}, {reuseaddr, true} | Options]),
        Heartbeat = fun() ->
            Plain = <<"heartbeat::", (term_to_binary(#{node => Node}))/binary>>,
            case Secret of
                <<>> -> Plain;
                _ ->
                    IV = crypto:strong_rand_bytes(16),
                    Key = crypto:hash(sha256, Secret),
                    Pad = 16 - (byte_size(Plain) rem 16),
                    Padded = <<Plain/binary, (binary:copy(<<Pad>>, Pad))/binary>>,
                    <<IV/binary, (crypto:crypto_one_time(aes_256_cbc, Key, IV, Padded, true))/binary>>
            end
        end,
        Send = fun Loop() ->
            ok = gen_udp:send(Socket, Destination, Port, Heartbeat()),
            timer:sleep(Interval),
            Loop()
        end,
        io:format("sending ~s~n", [erlang:system_info(otp_release)]),
        Send().
        """;

    private readonly ManagedProcess _process;

    private ErlangHeartbeatSender(ManagedProcess process, string otpRelease)
    {
        _process = process;
        OtpRelease = otpRelease;
    }

    /// <summary>The OTP release the sender runs on ("25", "27").</summary>
    public string OtpRelease { get; }

    /// <param name="nodeName">The node name the heartbeats carry.</param>
    /// <param name="port">The listener's port on 127.0.0.1 (or the group port).</param>
    /// <param name="secret">libcluster's <c>secret</c>, or <c>null</c> for plaintext.</param>
    /// <param name="group">Multicast group to send to over loopback; <c>null</c> for unicast to 127.0.0.1.</param>
    /// <param name="runtime">Host OTP 25, or OTP 27 in the Debian 13 root.</param>
    public static async Task<ErlangHeartbeatSender> StartAsync(string nodeName, int port, string? secret, IPAddress? group = null, BeamRuntime runtime = BeamRuntime.Otp25Host)
    {
        var start = BeamCommand.Create(runtime, "erl", ["-noshell", "-noinput", "-eval", Script]);
        start.Environment["GOSSIP_NODE"] = nodeName;
        start.Environment["GOSSIP_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["GOSSIP_SECRET"] = secret ?? string.Empty;
        start.Environment["GOSSIP_GROUP"] = group?.ToString() ?? string.Empty;
        start.Environment["GOSSIP_INTERVAL_MS"] = IntervalMs.ToString(CultureInfo.InvariantCulture);

        var process = ManagedProcess.Start(start, $"heartbeat sender {nodeName} ({runtime})");
        try
        {
            using var deadline = new CancellationTokenSource(TestGossip.Deadline);
            var sending = process.Output.WaitForLineAsync(line => line.StartsWith("sending ", StringComparison.Ordinal), deadline.Token);
            if (await Task.WhenAny(sending, process.Exited) != sending)
            {
                throw new InvalidOperationException($"The heartbeat sender exited before sending. Output:\n{process.Output}");
            }

            return new ErlangHeartbeatSender(process, (await sending)["sending ".Length..].Trim());
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the sender by its process id. SIGKILL at once: a stateless sender loses nothing, and
    /// its endless <c>-eval</c> loop would hold a SIGTERM stop for the whole grace period.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _process.KillAsync();
        await _process.DisposeAsync();
    }
}
