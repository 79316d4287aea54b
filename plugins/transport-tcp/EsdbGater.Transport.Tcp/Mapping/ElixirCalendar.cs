using System.Globalization;
using System.Text;
using EsdbGater.Erlang.Terms;

namespace EsdbGater.Transport.Tcp.Mapping;

/// <summary>
/// Elixir's <c>%DateTime{}</c>, <c>%NaiveDateTime{}</c> and <c>%Date{}</c> structs: how ExESDB
/// stamps records (<c>DateTime.utc_now()</c>) and how Elixir clients write times into payloads.
/// </summary>
internal static class ElixirCalendar
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary><paramref name="value"/> as the UTC <c>%DateTime{}</c> that <c>DateTime.utc_now()</c> makes (microsecond precision).</summary>
    public static ErlMap ToDateTime(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var microseconds = utc.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond;
        return ErlMap.Of(
            (ElixirAtoms.Struct, ElixirAtoms.DateTime),
            (ElixirAtoms.Calendar, ElixirAtoms.CalendarIso),
            (ElixirAtoms.Year, utc.Year),
            (ElixirAtoms.Month, utc.Month),
            (ElixirAtoms.Day, utc.Day),
            (ElixirAtoms.Hour, utc.Hour),
            (ElixirAtoms.Minute, utc.Minute),
            (ElixirAtoms.Second, utc.Second),
            (ElixirAtoms.Microsecond, ErlTuple.Of(microseconds, 6)),
            (ElixirAtoms.StdOffset, 0),
            (ElixirAtoms.UtcOffset, 0),
            (ElixirAtoms.TimeZone, "Etc/UTC"),
            (ElixirAtoms.ZoneAbbr, "UTC"));
    }

    /// <summary>Reads a <c>%DateTime{}</c> (any zone; the offset is <c>utc_offset + std_offset</c>).</summary>
    public static bool TryReadDateTime(ErlMap map, out DateTimeOffset value)
    {
        value = default;
        return ElixirAtoms.StructOf(map) == ElixirAtoms.DateTime
            && TryReadWallClock(map, out var local, out _)
            && TryInt(map, ElixirAtoms.UtcOffset, out var utcOffset)
            && TryInt(map, ElixirAtoms.StdOffset, out var stdOffset)
            && TryCombine(local, TimeSpan.FromSeconds(utcOffset + stdOffset), out value);
    }

    /// <summary>ISO 8601 text of a calendar struct, as Elixir's <c>to_iso8601</c> writes it; false for other maps.</summary>
    public static bool TryFormatIso8601(ErlMap map, out string text)
    {
        text = string.Empty;
        var kind = ElixirAtoms.StructOf(map);
        if (kind == ElixirAtoms.Date)
        {
            if (!TryInt(map, ElixirAtoms.Year, out var y) || !TryInt(map, ElixirAtoms.Month, out var m) || !TryInt(map, ElixirAtoms.Day, out var d))
            {
                return false;
            }

            text = string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{m:00}-{d:00}");
            return true;
        }

        if ((kind != ElixirAtoms.DateTime && kind != ElixirAtoms.NaiveDateTime) || !TryReadWallClock(map, out var local, out var precision))
        {
            return false;
        }

        var sb = new StringBuilder(32);
        sb.Append(local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        if (precision > 0)
        {
            var fraction = (local.Ticks % TimeSpan.TicksPerSecond / TicksPerMicrosecond).ToString("000000", CultureInfo.InvariantCulture);
            sb.Append('.').Append(fraction, 0, precision);
        }

        if (kind == ElixirAtoms.DateTime)
        {
            if (!TryInt(map, ElixirAtoms.UtcOffset, out var utcOffset) || !TryInt(map, ElixirAtoms.StdOffset, out var stdOffset))
            {
                return false;
            }

            AppendOffset(sb, utcOffset + stdOffset);
        }

        text = sb.ToString();
        return true;
    }

    private static void AppendOffset(StringBuilder sb, long offsetSeconds)
    {
        if (offsetSeconds == 0)
        {
            sb.Append('Z');
            return;
        }

        var offset = TimeSpan.FromSeconds(Math.Abs(offsetSeconds));
        sb.Append(offsetSeconds < 0 ? '-' : '+')
          .Append(offset.Hours.ToString("00", CultureInfo.InvariantCulture)).Append(':')
          .Append(offset.Minutes.ToString("00", CultureInfo.InvariantCulture));
    }

    private static bool TryReadWallClock(ErlMap map, out DateTime local, out int precision)
    {
        local = default;
        precision = 0;
        if (!TryInt(map, ElixirAtoms.Year, out var year) || !TryInt(map, ElixirAtoms.Month, out var month) || !TryInt(map, ElixirAtoms.Day, out var day)
            || !TryInt(map, ElixirAtoms.Hour, out var hour) || !TryInt(map, ElixirAtoms.Minute, out var minute) || !TryInt(map, ElixirAtoms.Second, out var second))
        {
            return false;
        }

        long microseconds = 0;
        if (map[ElixirAtoms.Microsecond] is ErlTuple { Arity: 2 } us
            && us[0] is ErlInteger { FitsInt64: true } usValue && us[1] is ErlInteger { FitsInt64: true } usPrecision)
        {
            microseconds = usValue.Int64Value;
            precision = (int)Math.Clamp(usPrecision.Int64Value, 0, 6);
        }

        if (year is < 1 or > 9999 || month is < 1 or > 12 || day is < 1 or > 31 || hour is < 0 or > 23
            || minute is < 0 or > 59 || second is < 0 or > 59 || microseconds is < 0 or > 999_999
            || day > DateTime.DaysInMonth((int)year, (int)month))
        {
            return false;
        }

        local = new DateTime((int)year, (int)month, (int)day, (int)hour, (int)minute, (int)second, DateTimeKind.Unspecified)
            .AddTicks(microseconds * TicksPerMicrosecond);
        return true;
    }

    private static bool TryCombine(DateTime local, TimeSpan offset, out DateTimeOffset value)
    {
        value = default;
        if (offset.Ticks % TimeSpan.TicksPerMinute != 0 || offset.Duration() > TimeSpan.FromHours(14))
        {
            return false;
        }

        try
        {
            value = new DateTimeOffset(local, offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static bool TryInt(ErlMap map, ErlAtom key, out long value)
    {
        if (map[key] is ErlInteger { FitsInt64: true } i)
        {
            value = i.Int64Value;
            return true;
        }

        value = 0;
        return false;
    }
}
