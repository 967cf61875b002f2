using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Governance.Rules;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Evaluation;

/// <summary>
/// A pattern of literal alternatives is matched by comparing text (<see cref="LiteralPattern"/>), and gives the answer
/// of its regular expression (culture-invariant, as <see cref="Patterns"/> builds them) on every name: anchors, a final
/// line feed, empty names, overlapping branches. Any pattern with another character is left to the regular expression.
/// </summary>
public sealed class LiteralPatternTests
{
    private static readonly char[] NameChars = { 'A', 'B', '_', '1', 'a', '\n', ' ', '$', '^' };

    private static Gen<string> Branch() =>
        from start in Gen.Elements("", "^")
        from length in Gen.Choose(0, 3)
        from chars in Gen.ArrayOf(Gen.Elements('A', 'B', '_', '1', 'a'), length)
        from end in Gen.Elements("", "$")
        select start + new string(chars) + end;

    /// <summary>Patterns of one to three branches, some with a character outside the literal form.</summary>
    private static Gen<string> Pattern() =>
        from count in Gen.Choose(1, 3)
        from branches in Gen.ArrayOf(Branch(), count)
        from other in Gen.Elements("", "", "", ".", "*", "\\d", "(A)", "[AB]", "$A", "A^", "\\$", "||")
        from at in Gen.Choose(0, 1)
        select at == 0 ? string.Join("|", branches) + other : other + string.Join("|", branches);

    [Property(MaxTest = 3000)]
    public Property Matches_AsTheRegularExpression() => Prop.ForAll(
        Arb.From(from pattern in Pattern()
                 from length in Gen.Choose(0, 6)
                 from chars in Gen.ArrayOf(Gen.Elements(NameChars), length)
                 select (Pattern: pattern, Name: new string(chars))),
        x =>
        {
            if (LiteralPattern.TryParse(x.Pattern) is not { } literal) return;
            var expected = new Regex(x.Pattern, RegexOptions.CultureInvariant).IsMatch(x.Name);
            Assert.That(literal.IsMatch(x.Name), Is.EqualTo(expected), x.Pattern + " on " + x.Name.Replace("\n", "\\n"));
        });

    /// <summary>The selectors answer alike whichever way they match (a literal pattern and the same with a group, which is
    /// not literal, on the same names).</summary>
    [Property(MaxTest = 500)]
    public Property Selectors_MatchAlikeEitherWay() => Prop.ForAll(
        Arb.From(from branches in Gen.ArrayOf(Branch().Where(b => b.Trim('^', '$').Length > 0), 2)
                 from length in Gen.Choose(0, 6)
                 from chars in Gen.ArrayOf(Gen.Elements(NameChars), length)
                 select (Pattern: string.Join("|", branches), Name: new string(chars))),
        x =>
        {
            var literal = new NameSelector(x.Pattern);
            var grouped = new NameSelector("(?:" + x.Pattern + ")");
            Assert.That(LiteralPattern.TryParse(x.Pattern), Is.Not.Null);
            Assert.That(LiteralPattern.TryParse("(?:" + x.Pattern + ")"), Is.Null);
            Assert.That(literal.IsMatch(x.Name), Is.EqualTo(grouped.IsMatch(x.Name)));
            Assert.That(new HasColumnSelector(x.Pattern).IsMatch(x.Name), Is.EqualTo(grouped.IsMatch(x.Name)));
        });

    [TestCase("EMAIL|PHONE|SSN", "CUSTOMER_EMAIL", true)]
    [TestCase("EMAIL|PHONE|SSN", "customer_email", false)]
    [TestCase("^REGION$", "REGION", true)]
    [TestCase("^REGION$", "REGION\n", true)]
    [TestCase("^REGION$", "REGIONS", false)]
    [TestCase("^REGION$", "SUB_REGION", false)]
    public void Examples(string pattern, string name, bool expected) => Assert.That(new NameSelector(pattern).IsMatch(name), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("A|")]
    [TestCase("^$")]
    [TestCase("A.B")]
    [TestCase("(?i)EMAIL")]
    [TestCase("É")]
    public void OtherPatterns_AreLeftToTheRegularExpression(string pattern) => Assert.That(LiteralPattern.TryParse(pattern), Is.Null);
}
