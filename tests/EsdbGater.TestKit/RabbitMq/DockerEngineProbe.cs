using System.Net.Sockets;

namespace EsdbGater.TestKit.RabbitMq;

/// <summary>
/// Asks the Docker engine for <c>/_ping</c>, briefly: a docker CLI without an engine is common (CI runners,
/// this project's build machine), and Testcontainers would otherwise spend its own, longer timeouts finding out.
/// </summary>
internal static class DockerEngineProbe
{
    private const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>True when the engine of <c>DOCKER_HOST</c> (unix:// or plain tcp://) or of the default socket answers within <paramref name="timeout"/>.</summary>
    public static async Task<bool> AnswersAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } h ? h : "unix://" + DefaultSocket;
        if (!Uri.TryCreate(dockerHost, UriKind.Absolute, out var engine))
        {
            return false;
        }

        using var handler = new SocketsHttpHandler();
        Uri ping;
        if (engine.Scheme == "unix")
        {
            if (!File.Exists(engine.AbsolutePath))
            {
                return false;
            }

            var socketPath = engine.AbsolutePath;
            handler.ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
            ping = new Uri("http://docker/_ping");
        }
        else if (engine.Scheme == "tcp")
        {
            // TLS-protected engines (DOCKER_TLS_VERIFY) do not answer plain HTTP: such machines should set RABBITMQ_URL.
            ping = new Uri($"http://{engine.Host}:{engine.Port}/_ping");
        }
        else
        {
            return false;
        }

        using var client = new HttpClient(handler) { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(ping, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }
}
