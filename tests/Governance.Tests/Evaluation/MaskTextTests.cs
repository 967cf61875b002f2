using FsCheck;
using FsCheck.Fluent;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Evaluation;

/// <summary>
/// The meaning of the text strategies (<see cref="MaskingStrategy.MaskText"/>), the one the compiled bodies and the
/// simulation are checked against: no masked value ever shows the whole clear value, whatever its length (0 … n + 2
/// characters for keepLast(n)), its characters (multi-byte ones count as one) or its shape (an e-mail without `@`).
/// </summary>
public sealed class MaskTextTests
{
    /// <summary>One character of each UTF-8 width (1 to 4 bytes; the last is a surrogate pair in .NET), `@` and a space.</summary>
    internal static readonly string[] Alphabet = { "a", "7", "é", "€", "😀", "@", " ", "*" };

    /// <summary>Strings of 0 … <paramref name="max"/> characters of <see cref="Alphabet"/>.</summary>
    internal static Gen<string> Text(int max) =>
        from length in Gen.Choose(0, max)
        from chars in Gen.ArrayOf(Gen.Elements(Alphabet), length)
        select string.Concat(chars);

    private static int Length(string s) => CodePoints.Count(s);

    // The characters keepLast hides are already mask characters (or there are none): the masked value equals the value.
    private static bool HiddenPartIsMask(KeepLastStrategy k, string value)
    {
        var length = Length(value);
        var hidden = value[..CodePoints.Offset(value, length > k.Count ? length - k.Count : length)];
        return hidden.All(c => k.MaskCharacter.Contains(c, StringComparison.Ordinal));
    }

    [TestCase("555-0100", 4, "****0100")]
    [TestCase("0100", 4, "****")]
    [TestCase("123", 4, "***")]
    [TestCase("", 4, "")]
    [TestCase("€😀ab", 2, "**ab")]
    [TestCase("😀😀", 1, "*😀")]
    [TestCase("😀", 1, "*")]
    [TestCase("abc", 0, "***")]
    public void KeepLast_ShowsTheLastCharacters_OnlyOfALongerValue(string value, int count, string expected)
        => Assert.That(new KeepLastStrategy(count).MaskText(value), Is.EqualTo(expected));

    [Test]
    public void KeepLast_OfNull_IsNull() => Assert.That(new KeepLastStrategy(4).MaskText(null), Is.Null);

    [TestCase("ada@acme.example", "*****@acme.example")]
    [TestCase("no-at-sign", "*****")]
    [TestCase("", "*****")]
    [TestCase("@acme.example", "*****@acme.example")]
    [TestCase("a@b@acme.example", "*****@acme.example")]
    [TestCase("ada@", "*****@")]
    public void EmailDomain_KeepsOnlyWhatFollowsTheLastAt(string value, string expected)
        => Assert.That(EmailDomainStrategy.Instance.MaskText(value), Is.EqualTo(expected));

    [Test]
    public void Hash_IsTheLowerCaseHexSha256_OfSaltAndValue()
    {
        Assert.That(new HashStrategy().MaskText("abc"), Is.EqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        Assert.That(new HashStrategy("a").MaskText("bc"), Is.EqualTo(new HashStrategy().MaskText("abc")));
        Assert.That(new HashStrategy().MaskText(null), Is.Null);
    }

    [Test]
    public void StrategiesWithoutATextMeaning_SaySo()
    {
        Assert.Throws<NotSupportedException>(() => new TruncateDateStrategy(DatePart.Year).MaskText("2025-01-01"));
        Assert.Throws<NotSupportedException>(() => new ConstantStrategy(Literal.Number(0)).MaskText("1"));
        Assert.Throws<NotSupportedException>(() => new CustomStrategy(MaskExpression.Value).MaskText("x"));
    }

    /// <summary>keepLast(n) over every length 0 … n + 2: a value of n characters or fewer is all mask characters; a longer one keeps exactly its last n.</summary>
    [Property(MaxTest = 300)]
    public Property KeepLast_NeverShowsAValueOfCountCharactersOrFewer() => Prop.ForAll(
        Arb.From(from n in Gen.Choose(0, 6) from mask in Gen.Elements("*", "#", "•", "😀", "xy") from value in Text(n + 2) select (n, mask, value)),
        x =>
        {
            var (n, mask, value) = x;
            var masked = new KeepLastStrategy(n, mask).MaskText(value)!;
            var length = Length(value);
            var hidden = length > n ? length - n : length;
            Assert.That(masked, Is.EqualTo(string.Concat(Enumerable.Repeat(mask, hidden)) + value[CodePoints.Offset(value, hidden)..]));
            Assert.That(masked.EndsWith(value[CodePoints.Offset(value, hidden)..], StringComparison.Ordinal), Is.True);
            if (!HiddenPartIsMask(new KeepLastStrategy(n, mask), value))
                Assert.That(masked, Is.Not.EqualTo(value), "a masked value that shows the whole clear value");
        });

    /// <summary>Every text strategy: a non-empty value is never shown whole (unless it is the strategy's own constant).</summary>
    [Property(MaxTest = 500)]
    public Property TextStrategies_NeverShowTheWholeValue() => Prop.ForAll(
        Arb.From(from s in Generators.PackGen.Strategy() where s is not (TruncateDateStrategy or CustomStrategy) && (s is not ConstantStrategy c || c.Value.Kind == LiteralKind.String)
                 from value in Text(10) select (Strategy: s, Value: value)),
        x =>
        {
            var masked = x.Strategy.MaskText(x.Value);
            var own = x.Strategy switch
            {
                RedactStrategy r => r.Replacement,
                ConstantStrategy c => c.Value.Text,
                KeepLastStrategy k when HiddenPartIsMask(k, x.Value) => x.Value,
                EmailDomainStrategy when (x.Value.LastIndexOf('@') is var at && at >= 0 ? x.Value[..at] : x.Value) == EmailDomainStrategy.Mask => x.Value,
                _ => null,
            };
            if (x.Value.Length > 0 && x.Value != own) Assert.That(masked, Is.Not.EqualTo(x.Value), x.Strategy.Describe());
        });
}
