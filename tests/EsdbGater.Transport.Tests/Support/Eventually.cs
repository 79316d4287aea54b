namespace EsdbGater.Transport.Tests.Support;

/// <summary>Polls external state (a remote node's view) until it holds, with a deadline.</summary>
internal static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> holds, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (holds(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not hold within {timeout.TotalSeconds:0.#} s (last: {value}).");
            }

            await Task.Delay(25);
        }
    }

    /// <summary>Like <see cref="ValueAsync{T}(Func{Task{T}}, Func{T, bool}, TimeSpan, string)"/> for state read locally.</summary>
    public static Task<T> StateAsync<T>(Func<T> read, Func<T, bool> holds, TimeSpan timeout, string what) =>
        ValueAsync(() => Task.FromResult(read()), holds, timeout, what);
}
