using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Governance.Rules;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Packs;

/// <summary>
/// A pack name or rule id has the shape <c>^[A-Za-z0-9][A-Za-z0-9._-]*\z</c>: the validator's loop
/// (<see cref="PackValidation.IsIdShape"/>) accepts exactly what that .NET regular expression matches, on text with line
/// feeds and non-ASCII letters and digits.
/// </summary>
public sealed class IdShapeTests
{
    private static readonly Regex Shape = new(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z", RegexOptions.CultureInvariant);

    [Property(MaxTest = 2000)]
    public Property IdShape_IsTheRegularExpressions() => Prop.ForAll(
        Arb.From(from length in Gen.Choose(0, 6)
                 from chars in Gen.ArrayOf(Gen.Elements('a', 'Z', '0', '9', '.', '_', '-', '\n', '\r', ' ', 'é', '٣', '/'), length)
                 select new string(chars)),
        text => Assert.That(PackValidation.IsIdShape(text), Is.EqualTo(Shape.IsMatch(text)), text.Replace("\n", "\\n")));

    [TestCase("acme-global", true)]
    [TestCase("mask.ssn_v2", true)]
    [TestCase("-mask", false)]
    [TestCase("", false)]
    [TestCase("mask\n", false)]
    [TestCase("mask\n\n", false)]
    public void IdShape_Examples(string text, bool expected) => Assert.That(PackValidation.IsIdShape(text), Is.EqualTo(expected));
}

/// <summary>
/// A pack's version is a semantic version: <see cref="PackValidation.IsSemVer"/>, checked part by part, accepts exactly
/// what the regular expression published with Semantic Versioning 2.0.0 matches, with <c>[0-9]</c> for <c>\d</c> (which
/// matches any Unicode digit in .NET) and <c>\z</c> for <c>$</c> (which passes a final line feed), on versions built from
/// its parts and on their mutations.
/// </summary>
public sealed class SemVerTests
{
    private static readonly Regex Published = new(
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z",
        RegexOptions.CultureInvariant);

    private static readonly char[] Chars = { '0', '1', '9', '٣', 'a', 'Z', '-', '.', '+', '\n', ' ' };

    private static Gen<string> Part() =>
        from length in Gen.Choose(0, 3)
        from chars in Gen.ArrayOf(Gen.Elements(Chars), length)
        select new string(chars);

    private static Gen<string> Version() =>
        from major in Gen.Elements("0", "1", "12", "01", "٣", "1٣", "")
        from minor in Gen.Elements("0", "2", "10", "00")
        from patch in Gen.Elements("0", "3", "42", "007", "1a")
        from pre in Gen.OneOf(Gen.Constant(""), from ids in Gen.ArrayOf(Part(), 2) select "-" + string.Join(".", ids))
        from build in Gen.OneOf(Gen.Constant(""), from ids in Gen.ArrayOf(Part(), 2) select "+" + string.Join(".", ids))
        from tail in Gen.Elements("", "", "\n", "\n\n", ".")
        select major + "." + minor + "." + patch + pre + build + tail;

    private static Gen<string> Mutated() =>
        from text in Version()
        from at in Gen.Choose(0, Math.Max(0, text.Length - 1))
        from c in Gen.Elements(Chars)
        select text.Length == 0 ? c.ToString() : text[..at] + c + text[(at + 1)..];

    [Property(MaxTest = 5000)]
    public Property IsSemVer_IsThePublishedExpression() => Prop.ForAll(Arb.From(Gen.OneOf(Version(), Mutated(), Part())), text =>
        Assert.That(PackValidation.IsSemVer(text), Is.EqualTo(Published.IsMatch(text)), text.Replace("\n", "\\n")));

    [TestCase("1.4.0", true)]
    [TestCase("1.0.0-alpha.1+build.5", true)]
    [TestCase("1.0.0-0A.is.legal", true)]
    [TestCase("1.0", false)]
    [TestCase("01.0.0", false)]
    [TestCase("1.0.0-01", false)]
    [TestCase("1.0.0+", false)]
    [TestCase("1.0.0\n", false)]
    [TestCase("1.٣.0", false)]
    public void IsSemVer_Examples(string text, bool expected) => Assert.That(PackValidation.IsSemVer(text), Is.EqualTo(expected));
}
