using FsCheck;
using FsCheck.Fluent;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Snapshots;

/// <summary>
/// The type factories and <see cref="SnowflakeType.Parse"/> accept the same ranges, Snowflake's (docs/snowflake.md,
/// "Data types"): a factory refuses what Parse refuses, with <see cref="ArgumentOutOfRangeException"/> naming the
/// parameter, and builds what Parse reads from the same numbers.
/// </summary>
public sealed class SnowflakeTypeRangeTests
{
    private static readonly int[] Edges = { int.MinValue, -1, 0, 1, 2, 9, 10, 36, 37, 38, 39, 16777216, 67108864, 134217728, 134217729, int.MaxValue };

    private static Gen<int> Number() => Gen.OneOf(Gen.Elements(Edges), Gen.Choose(-3, 45));

    private static SnowflakeType? Parsed(string text) => SnowflakeType.TryParse(text, out var type, out _) ? type : null;

    private static SnowflakeType? Built(Func<SnowflakeType> factory)
    {
        try { return factory(); }
        catch (ArgumentOutOfRangeException) { return null; }
    }

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Property(MaxTest = 500)]
    public Property Number_AgreesWithParse() => Prop.ForAll(Arb.From(from p in Number() from s in Number() select (p, s)), x =>
        Equals(Built(() => SnowflakeType.Number(x.p, x.s)), x.p < 0 || x.s < 0 ? null : Parsed("NUMBER(" + Text(x.p) + "," + Text(x.s) + ")")));

    [Property(MaxTest = 300)]
    public Property Varchar_AgreesWithParse() => Prop.ForAll(Arb.From(Number()), n =>
        Equals(Built(() => SnowflakeType.Varchar(n)), n < 0 ? null : Parsed("VARCHAR(" + Text(n) + ")")));

    [Property(MaxTest = 300)]
    public Property TimestampNtz_AgreesWithParse() => Prop.ForAll(Arb.From(Number()), p =>
        Equals(Built(() => SnowflakeType.TimestampNtz(p)), p < 0 ? null : Parsed("TIMESTAMP_NTZ(" + Text(p) + ")")));

    [TestCase(0, 0, "precision")]
    [TestCase(39, 0, "precision")]
    [TestCase(38, 38, "scale")]
    [TestCase(10, -1, "scale")]
    [TestCase(5, 6, "scale")]
    public void Number_OutOfRange_IsRefused(int precision, int scale, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => SnowflakeType.Number(precision, scale))!;
        Assert.That(e.ParamName, Is.EqualTo(parameter));
    }

    [Test]
    public void Factories_RefuseWhatSnowflakeRefuses()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SnowflakeType.Varchar(0))!.ParamName, Is.EqualTo("length"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SnowflakeType.Varchar(134217729))!.ParamName, Is.EqualTo("length"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SnowflakeType.TimestampNtz(10))!.ParamName, Is.EqualTo("precision"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SnowflakeType.TimestampNtz(-1))!.ParamName, Is.EqualTo("precision"));
    }

    [Test]
    public void TheLongestTypes_TheDataTypePagesAllow_AreRead()
    {
        Assert.That(SnowflakeType.Parse("VARCHAR(134217728)").Length, Is.EqualTo(134217728));
        Assert.That(SnowflakeType.Parse("BINARY(67108864)").Length, Is.EqualTo(67108864));
        Assert.That(SnowflakeType.Parse("STRING"), Is.EqualTo(SnowflakeType.Varchar(16777216)), "the default length stays 16777216");
        Assert.That(SnowflakeType.Parse("BINARY").Length, Is.EqualTo(8388608));
        Assert.That(Parsed("VARCHAR(134217729)"), Is.Null);
        Assert.That(Parsed("BINARY(67108865)"), Is.Null);
    }
}
