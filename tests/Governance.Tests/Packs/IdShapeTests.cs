using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Governance.Rules;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Packs;

/// <summary>
/// A pack name or rule id has the shape the manifest schema documents, <c>^[A-Za-z0-9][A-Za-z0-9._-]*$</c>: the
/// validator's loop (<see cref="PackValidation.IsIdShape"/>) accepts exactly what that .NET regular expression matches,
/// line feeds and non-ASCII letters included.
/// </summary>
public sealed class IdShapeTests
{
    private static readonly Regex Shape = new(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);

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
    [TestCase("mask\n", true)]
    [TestCase("mask\n\n", false)]
    public void IdShape_Examples(string text, bool expected) => Assert.That(PackValidation.IsIdShape(text), Is.EqualTo(expected));
}
