using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;

namespace EsdbGater.Erlang.Terms;

/// <summary>What the containers (lists, tuples, maps) and binaries share to compare, hash and format their elements.</summary>
public abstract partial class ErlangTerm
{
    /// <summary>
    /// Containers compare, hash and format recursively. A term nested deeper than the thread's
    /// stack allows must fail with <see cref="InsufficientExecutionStackException"/>, which can be
    /// caught, rather than overflow the stack, which ends the process.
    /// </summary>
    private protected static void EnsureStack() => RuntimeHelpers.EnsureSufficientExecutionStack();

    /// <summary>False (after appending <c>...</c>) when a container should not format its elements: the text is long enough, or the stack is short.</summary>
    private protected static bool CanFormatElements(StringBuilder sb, int maxLength)
    {
        if (sb.Length <= maxLength && RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return true;
        }

        sb.Append("...");
        return false;
    }

    /// <summary>Whether two element sequences have the same length and exactly equal elements in order.</summary>
    private protected static bool ElementsEqual(ImmutableArray<ErlangTerm> left, ImmutableArray<ErlangTerm> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        EnsureStack();
        for (var i = 0; i < left.Length; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash of the count and the elements in order, still open for what else the container adds.</summary>
    private protected static HashCode HashElements(ImmutableArray<ErlangTerm> elements)
    {
        EnsureStack();
        var hash = new HashCode();
        hash.Add(elements.Length);
        foreach (var element in elements)
        {
            hash.Add(element);
        }

        return hash;
    }

    /// <summary>Appends the elements comma-separated, ending with <c>...</c> once the text is past <paramref name="maxLength"/>.</summary>
    private protected static void AppendElements(StringBuilder sb, ReadOnlySpan<ErlangTerm> elements, int maxLength) =>
        AppendSeparated(sb, elements, maxLength, static (builder, element, limit) => element.Format(builder, limit));

    /// <summary>Appends the items comma-separated, ending with <c>...</c> once the text is past <paramref name="maxLength"/>.</summary>
    private protected static void AppendSeparated<T>(StringBuilder sb, ReadOnlySpan<T> items, int maxLength, Action<StringBuilder, T, int> append)
    {
        for (var i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            if (sb.Length > maxLength)
            {
                sb.Append("...");
                return;
            }

            append(sb, items[i], maxLength);
        }
    }
}
