using EsdbGater.Erlang.Distribution;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Erlang.Tests.Distribution.Support;

public static class MailboxExtensions
{
    /// <summary>The next message, or a TimeoutException.</summary>
    public static async Task<ErlangTerm> ReceiveAsync(this Mailbox mailbox, TimeSpan timeout) =>
        await mailbox.Messages.ReadAsync().AsTask().WaitAsync(timeout);
}
