namespace EsdbGater.TestKit.RabbitMq;

/// <summary>Waits until a broker accepts an AMQP login: an open port is not enough, RabbitMQ listens before it can serve.</summary>
internal static class AmqpReadiness
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls with AMQP connections until one opens or <paramref name="timeout"/> passes.
    /// <paramref name="brokerExited"/> lets a broker the test kit started fail fast instead of waiting out the deadline.
    /// </summary>
    public static async Task WaitAsync(RabbitMqEndpoint endpoint, TimeSpan timeout, Func<bool>? brokerExited, CancellationToken cancellationToken)
    {
        var factory = endpoint.CreateConnectionFactory();
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (brokerExited?.Invoke() == true)
            {
                throw new InvalidOperationException($"The broker exited before it accepted AMQP connections on {endpoint.Host}:{endpoint.Port}.");
            }

            try
            {
                await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = e;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        // The inner exception carries the connection failure, not the credentials.
        throw new TimeoutException($"No AMQP connection to {endpoint} within {timeout.TotalSeconds:0} s.", last);
    }
}
