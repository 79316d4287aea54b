namespace EsdbGater.Host.Configuration;

/// <summary>Range checks for options validators, with messages that name the full configuration key.</summary>
internal sealed class OptionChecks(string section)
{
    private readonly List<string> _failures = [];

    public OptionChecks InRange<T>(string key, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            _failures.Add($"{section}:{key} is {value}; it must be between {min} and {max}.");
        }

        return this;
    }

    public OptionChecks Fail(string message)
    {
        _failures.Add(message);
        return this;
    }

    public Microsoft.Extensions.Options.ValidateOptionsResult Result() =>
        _failures.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(_failures);
}
