using FsCheck;
using FsCheck.Fluent;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Authoring;

/// <summary>
/// A timestamp literal is a TIMESTAMP_NTZ wall-clock value: a UTC or unspecified <see cref="DateTime"/> is taken as the
/// clock it shows, a local one (whose meaning depends on the machine's time zone) is refused, so that one rule compiles
/// to the same SQL on every machine.
/// </summary>
public sealed class TimestampLiteralTests
{
    [Test]
    public void ALocalTime_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Literal.Timestamp(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Local)))!;
        Assert.That((e.ParamName, e.Message), Is.EqualTo(("value", "a local time depends on the machine's time zone; pass a UTC or unspecified time, the wall-clock value a TIMESTAMP_NTZ holds (Parameter 'value')")));
    }

    [Test]
    public void DateTimeNow_IsRefused_AndUtcNow_IsItsClock()
    {
        Assert.Throws<ArgumentException>(() => Literal.Timestamp(DateTime.Now));
        var utc = new DateTime(2025, 6, 30, 23, 59, 59, DateTimeKind.Utc).AddTicks(1_200_000);
        Assert.That(Literal.Timestamp(utc).Text, Is.EqualTo("2025-06-30T23:59:59.12"));
    }

    /// <summary>Whatever the clock value, UTC and unspecified give one literal, and its text reads back to the same literal.</summary>
    [Property(MaxTest = 300)]
    public Property UtcAndUnspecified_AreTheSameWallClock_AndRoundTrip() => Prop.ForAll(
        Arb.From(from ticks in Gen.Choose(0, int.MaxValue) from days in Gen.Choose(0, 3_652_000) select new DateTime(1, 1, 1).AddDays(days).AddTicks(ticks * 7L)),
        clock =>
        {
            var unspecified = Literal.Timestamp(DateTime.SpecifyKind(clock, DateTimeKind.Unspecified));
            var utc = Literal.Timestamp(DateTime.SpecifyKind(clock, DateTimeKind.Utc));
            return unspecified == utc && Literal.TryParse(LiteralKind.Timestamp, utc.Text, out var back) && back == utc;
        });
}
