namespace Governance.Tests.Authoring;

/// <summary>
/// The authoring selectors check their arguments: a selector that would silently match every name (no words, an empty
/// word, an empty pattern) or nothing (no families, kinds, domains or products) is refused, a null is an
/// <see cref="ArgumentNullException"/> naming the parameter, never a <see cref="NullReferenceException"/>.
/// </summary>
public sealed class SelectArgumentTests
{
    private static T Refused<T>(Action call, string parameter) where T : ArgumentException
    {
        var e = Assert.Throws<T>(() => call())!;
        Assert.That(e.ParamName, Is.EqualTo(parameter));
        return e;
    }

    [Test]
    public void NameContains_WithoutWords_IsRefused()
    {
        var e = Refused<ArgumentException>(() => Select.NameContains(), "words");
        Assert.That(e.Message, Does.StartWith("at least one word is required"));
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("\t\n")]
    public void NameContains_AnEmptyOrBlankWord_IsRefused(string word)
        => Refused<ArgumentException>(() => Select.NameContains("EMAIL", word), "words");

    [Test]
    public void NameContains_NullWords_AreRefused()
    {
        Refused<ArgumentNullException>(() => Select.NameContains(null!), "words");
        Refused<ArgumentException>(() => Select.NameContains("EMAIL", null!), "words");
    }

    [Test]
    public void NameContains_MatchesOnlyNamesWithAWord()
    {
        var regex = ((NameSelector)Select.NameContains("MAIL", "PHONE")).Regex;
        Assert.That(new[] { "EMAIL", "PHONE_NO", "REGION" }.Where(n => regex.IsMatch(n)), Is.EqualTo(new[] { "EMAIL", "PHONE_NO" }));
    }

    [Test]
    public void Tag_WithNullValues_MeansAnyValue_AsWithoutValues()
    {
        Assert.That(Select.Tag("PII", null!), Is.EqualTo(Select.Tag("PII")));
        Assert.That(((TagSelector)Select.Tag("PII", null!)).Values, Is.Null);
    }

    [Test]
    public void Tag_NullOrBlankName_OrANullValue_IsRefused()
    {
        Refused<ArgumentNullException>(() => Select.Tag(null!), "tag");
        Refused<ArgumentException>(() => Select.Tag(" "), "tag");
        Refused<ArgumentException>(() => Select.Tag("PII", "email", null!), "values");
    }

    [Test]
    public void PatternSelectors_RefuseNullAndEmptyPatterns()
    {
        Refused<ArgumentNullException>(() => Select.Name(null!), "pattern");
        Refused<ArgumentException>(() => Select.Name(""), "pattern");
        Refused<ArgumentNullException>(() => Select.HasColumn(null!), "pattern");
        Refused<ArgumentException>(() => Select.HasColumn(""), "pattern");
    }

    [Test]
    public void ListSelectors_RefuseNoItemsNullListsAndNullItems()
    {
        Refused<ArgumentException>(() => Select.Type(), "families");
        Refused<ArgumentNullException>(() => Select.Type(null!), "families");
        Refused<ArgumentException>(() => Select.Kind(), "kinds");
        Refused<ArgumentNullException>(() => Select.Kind(null!), "kinds");
        Refused<ArgumentException>(() => Select.Domain(), "domains");
        Refused<ArgumentNullException>(() => Select.Domain(null!), "domains");
        Refused<ArgumentException>(() => Select.Domain("sales", null!), "domains");
        Refused<ArgumentException>(() => Select.Domain(" "), "domains");
        Refused<ArgumentException>(() => Select.Product(), "products");
        Refused<ArgumentNullException>(() => Select.Product(null!), "products");
        Refused<ArgumentException>(() => Select.Product("sales/orders", null!), "products");
    }

    [Test]
    public void Combinators_RefuseNulls()
    {
        Refused<ArgumentNullException>(() => Select.Not(null!), "selector");
        Refused<ArgumentNullException>(() => Select.All(null!), "selectors");
        Refused<ArgumentException>(() => Select.All(), "selectors");
        Refused<ArgumentException>(() => Select.Any(Select.Everything, null!), "selectors");
    }
}
