using System.Text;

namespace EsdbGater.TestKit.Processes;

/// <summary>The lines a process printed (stdout and stderr interleaved), with waiting for a line to appear.</summary>
public sealed class OutputLog
{
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    /// <summary>Everything printed so far.</summary>
    public string Text
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    internal void Append(string line)
    {
        List<TaskCompletionSource<string>> found = [];
        lock (_gate)
        {
            _lines.Add(line);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(line))
                {
                    found.Add(_waiters[i].Found);
                    _waiters.RemoveAt(i);
                }
            }
        }

        foreach (var waiter in found)
        {
            waiter.TrySetResult(line);
        }
    }

    /// <summary>The first line printed so far that matches, or null.</summary>
    internal string? FirstOrDefault(Func<string, bool> match)
    {
        lock (_gate)
        {
            return _lines.FirstOrDefault(match);
        }
    }

    /// <summary>The first line (already printed or still to come) that matches.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, CancellationToken cancellationToken)
    {
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var existing = _lines.FirstOrDefault(match);
            if (existing is not null)
            {
                return Task.FromResult(existing);
            }

            _waiters.Add((match, found));
        }

        return found.Task.WaitAsync(cancellationToken);
    }

    public override string ToString()
    {
        var text = Text;
        return text.Length <= 8000 ? text : new StringBuilder("...").Append(text, text.Length - 8000, 8000).ToString();
    }
}
