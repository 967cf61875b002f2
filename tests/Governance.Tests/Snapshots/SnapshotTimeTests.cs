using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Governance.Snapshots;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Snapshots;

/// <summary>
/// The reader's digit-by-digit <c>takenAt</c> (<see cref="SnapshotTime"/>, there for start-up time) agrees with the
/// framework's parse of the formats the snapshot format allows: whatever it reads, it reads to the same instant and
/// offset; whatever it declines, the framework still decides.
/// </summary>
public sealed class SnapshotTimeTests
{
    private static readonly string[] Formats = { "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK" };

    private static bool Framework(string text, out DateTimeOffset value)
        => DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Canonical texts with fields in and out of range: the fields a writer gives, and the edges (day 31 of a
    /// 30-day month, hour 24, minute 60, offsets up to ±15:59, years 1 and 9999).</summary>
    private static Gen<string> Canonical() =>
        from year in Gen.OneOf(Gen.Choose(1, 9999), Gen.Elements(1, 2, 1970, 2024, 2026, 9998, 9999))
        from month in Gen.Choose(0, 13)
        from day in Gen.Choose(0, 32)
        from hour in Gen.Choose(0, 24)
        from minute in Gen.Choose(0, 60)
        from second in Gen.Choose(0, 60)
        from fraction in Gen.OneOf(Gen.Constant(""), from n in Gen.Choose(0, 8) from digits in Gen.ArrayOf(Gen.Choose(0, 9), n)
                                                      select "." + string.Concat(digits))
        from zone in Gen.OneOf(Gen.Constant("Z"), from sign in Gen.Elements('+', '-') from h in Gen.Choose(0, 15) from m in Gen.Choose(0, 60)
                                                  select sign + h.ToString("00", CultureInfo.InvariantCulture) + ":" + m.ToString("00", CultureInfo.InvariantCulture))
        select year.ToString("0000", CultureInfo.InvariantCulture) + "-" + month.ToString("00", CultureInfo.InvariantCulture) + "-"
            + day.ToString("00", CultureInfo.InvariantCulture) + "T" + hour.ToString("00", CultureInfo.InvariantCulture) + ":"
            + minute.ToString("00", CultureInfo.InvariantCulture) + ":" + second.ToString("00", CultureInfo.InvariantCulture) + fraction + zone;

    /// <summary>A canonical text with one character replaced, inserted or removed: other forms and broken ones.</summary>
    private static Gen<string> Mutated() =>
        from text in Canonical()
        from at in Gen.Choose(0, text.Length - 1)
        from c in Gen.Elements('0', '9', '-', '+', ':', 'T', 't', 'Z', 'z', '.', ' ', ',', '٣')
        from edit in Gen.Choose(0, 2)
        select edit switch
        {
            0 => text[..at] + c + text[(at + 1)..],
            1 => text[..at] + c + text[at..],
            _ => text[..at] + text[(at + 1)..],
        };

    [Property(MaxTest = 2000)]
    public Property WhatItReads_TheFrameworkReadsAlike() => Prop.ForAll(Arb.From(Gen.OneOf(Canonical(), Mutated())), text =>
    {
        if (!SnapshotTime.TryParseCanonical(text, out var value)) return;
        Assert.That(Framework(text, out var expected), Is.True, text);
        Assert.That(value.Ticks, Is.EqualTo(expected.Ticks), text);
        Assert.That(value.Offset, Is.EqualTo(expected.Offset), text);
    });

    /// <summary>Every in-range canonical text is read here (none is left to the slow path).</summary>
    [Property(MaxTest = 1000)]
    public Property InRangeCanonicalTexts_AreAllRead() => Prop.ForAll(Arb.From(Canonical()), text =>
    {
        var framework = Framework(text, out var expected);
        var fractionDigits = text.IndexOf('.') is var dot and >= 0 ? text.IndexOfAny(new[] { 'Z', '+', '-' }, dot) - dot - 1 : -1;
        var inRange = framework && fractionDigits is not (0 or > 7) && expected.Year is > 1 and < 9999 && Math.Abs(expected.Offset.TotalHours) < 14
            && !text.EndsWith(":60", StringComparison.Ordinal);
        if (inRange) Assert.That(SnapshotTime.TryParseCanonical(text, out _), Is.True, text);
    });

    [TestCase("2026-11-20T10:00:00Z", "2026-11-20T10:00:00.0000000+00:00")]
    [TestCase("2026-11-20T10:00:00.5+01:30", "2026-11-20T10:00:00.5000000+01:30")]
    [TestCase("2024-02-29T23:59:59.1234567-08:00", "2024-02-29T23:59:59.1234567-08:00")]
    public void Canonical_IsRead(string text, string roundTrip)
    {
        Assert.That(SnapshotTime.TryParseCanonical(text, out var value), Is.True);
        Assert.That(value.ToString("O", CultureInfo.InvariantCulture), Is.EqualTo(roundTrip));
    }

    [TestCase("2026-11-20T10:00:00")]
    [TestCase("2026-11-20T10:00:00.Z")]
    [TestCase("2026-11-20T10:00:00.12345678Z")]
    [TestCase("2025-02-29T10:00:00Z")]
    [TestCase("2026-11-20T24:00:00Z")]
    [TestCase("2026-11-20 10:00:00Z")]
    [TestCase("2026-11-20T10:00:00+0100")]
    public void OtherForms_AreLeftToTheFramework(string text) => Assert.That(SnapshotTime.TryParseCanonical(text, out _), Is.False);
}
