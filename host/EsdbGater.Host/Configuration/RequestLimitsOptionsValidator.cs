using Microsoft.Extensions.Options;

namespace EsdbGater.Host.Configuration;

internal sealed class RequestLimitsOptionsValidator : IValidateOptions<RequestLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, RequestLimitsOptions o) =>
        new OptionChecks(RequestLimitsOptions.Section)
            .InRange(nameof(o.MaxStoreNameLength), o.MaxStoreNameLength, 1, 200)
            .InRange(nameof(o.MaxStreamIdLength), o.MaxStreamIdLength, 1, 232)
            .InRange(nameof(o.MaxEventsPerAppend), o.MaxEventsPerAppend, 1, 10_000)
            .InRange(nameof(o.MaxEventBytes), o.MaxEventBytes, 1, 64 * 1024 * 1024)
            .InRange(nameof(o.MaxAppendBytes), o.MaxAppendBytes, 1, 64 * 1024 * 1024)
            .InRange(nameof(o.MaxEventTypeLength), o.MaxEventTypeLength, 1, 255)
            .InRange(nameof(o.MaxReadCount), o.MaxReadCount, 1, 100_000)
            .InRange(nameof(o.MaxSnapshotBytes), o.MaxSnapshotBytes, 1, 64 * 1024 * 1024)
            .Result();
}
