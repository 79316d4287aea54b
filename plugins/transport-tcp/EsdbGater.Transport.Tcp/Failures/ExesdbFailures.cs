using EsdbGater.Erlang.Terms;
using EsdbGater.Plugins.Transport;

namespace EsdbGater.Transport.Tcp.Failures;

/// <summary>
/// The typed failures the transport raises itself. Messages quote ExESDB's terms only in
/// truncated form: a reply can be large, and logs must stay readable.
/// </summary>
internal static class ExesdbFailures
{
    /// <summary>How much of a term an error message quotes.</summary>
    public const int MaxQuotedTermLength = 300;

    /// <summary>The request cannot be expressed for ExESDB; nothing was sent.</summary>
    public static ExesdbCallException InvalidArgument(string message) =>
        new(ExesdbCallFailure.InvalidArgument, message);

    /// <summary>ExESDB answered <paramref name="operation"/> with something the gateway does not understand.</summary>
    public static ExesdbCallException UnexpectedReply(string operation, ErlangTerm reply) =>
        new(ExesdbCallFailure.UnexpectedReply, $"ExESDB answered {operation} with {Quote(reply)}.");

    /// <summary>ExESDB answered <paramref name="operation"/> with an error the operation does not map.</summary>
    public static ExesdbCallException ErrorReply(string operation, ErlangTerm reason) =>
        new(ExesdbCallFailure.UnexpectedReply, $"ExESDB refused {operation}: {Quote(reason)}.");

    /// <summary>The term in Erlang syntax, cut at <see cref="MaxQuotedTermLength"/> characters.</summary>
    public static string Quote(ErlangTerm term)
    {
        var sb = new System.Text.StringBuilder();
        term.Format(sb, MaxQuotedTermLength);
        if (sb.Length > MaxQuotedTermLength)
        {
            sb.Length = MaxQuotedTermLength;
            sb.Append("...");
        }

        return sb.ToString();
    }
}
