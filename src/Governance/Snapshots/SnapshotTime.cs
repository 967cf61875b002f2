namespace Governance.Snapshots;

/// <summary>
/// A snapshot's <c>takenAt</c> in the form the writers give it — <c>yyyy-MM-ddTHH:mm:ss</c>, an optional fraction of up
/// to seven digits, then <c>Z</c> or <c>±hh:mm</c> — read digit by digit. The first call of
/// <see cref="DateTimeOffset.TryParseExact(string, string[], IFormatProvider, System.Globalization.DateTimeStyles, out DateTimeOffset)"/>
/// in a process sets up the culture's collation (ICU): several milliseconds of a small <c>check</c>, for one value.
/// What this does not read (another form, an out-of-range field) is left to that parse, which decides as it always did;
/// what it reads, it reads to the same value and offset (a property test holds them together).
/// </summary>
internal static class SnapshotTime
{
    /// <summary>The value of <paramref name="text"/> when it has the canonical form and its fields are in range; false
    /// otherwise (not an error: the caller parses it the general way).</summary>
    public static bool TryParseCanonical(string text, out DateTimeOffset value)
    {
        value = default;
        var s = text.AsSpan();
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)) return false;
        var i = 19;
        long ticks = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && i - start < 7 && s[i] is >= '0' and <= '9') ticks = ticks * 10 + (s[i++] - '0');
            if (i == start) return false;
            for (var n = i - start; n < 7; n++) ticks *= 10;
        }
        TimeSpan offset;
        if (i == s.Length - 1 && s[i] == 'Z') offset = TimeSpan.Zero;
        else if (i == s.Length - 6 && s[i] is '+' or '-' && s[i + 3] == ':' && Digits(s, i + 1, 2, out var offsetHours)
            && Digits(s, i + 4, 2, out var offsetMinutes) && offsetHours < 14 && offsetMinutes < 60)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (s[i] == '-') offset = -offset;
        }
        else return false;
        // Years 2-9998: with any offset, the instant is a valid DateTimeOffset.
        if (year < 2 || year > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second).AddTicks(ticks), offset);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (s[i] is < '0' or > '9') return false;
            value = value * 10 + (s[i] - '0');
        }
        return true;
    }
}
