using FsCheck;
using FsCheck.Fluent;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Packs;

/// <summary>
/// Two packs of one layer (two global packs, or two domain packs of one domain) that declare one tag with different
/// allowed values are refused (GOV9002), never resolved by which pack comes last; whatever order the packs are given
/// in, the layered result (or the error) is the same.
/// </summary>
public sealed class PackSetTaxonomyTests
{
    private static RulePack Pack(string name, PackScope scope, params TagDefinition[] taxonomy) => new(name, "1.0.0", scope, "board", taxonomy, []);

    private static TagDefinition Tag(string name, params string[] values) => new(name, values, "");

    [Test]
    public void TwoDomainPacksOfOneDomain_DeclaringOneTagWithOtherValues_AreRefused()
    {
        var a = Pack("sales-a", PackScope.ForDomain("sales"), Tag("REGION", "emea", "apac"));
        var b = Pack("sales-b", PackScope.ForDomain("sales"), Tag("REGION", "emea"));
        foreach (var order in new[] { new[] { a, b }, new[] { b, a } })
        {
            var e = Assert.Throws<GovernanceInputException>(() => PackSet.Create(order))!;
            Assert.That((e.GovId, e.File, e.JsonPath, e.Problem), Is.EqualTo((GovIds.InvalidRulePack, "sales-b.rulepack.json", "$.taxonomy[0]",
                "tag `REGION` is declared with other allowed values by domain pack `sales-a` of domain `sales`")));
        }
    }

    [Test]
    public void TwoGlobalPacks_DeclaringOneTagWithOtherValues_AreRefused_NamingTheOtherPack()
    {
        var e = Assert.Throws<GovernanceInputException>(() => PackSet.Create([Pack("z-board", PackScope.Global, Tag("PII", "email")), Pack("a-board", PackScope.Global, Tag("PII", "email", "phone"))]))!;
        Assert.That((e.GovId, e.File, e.JsonPath, e.Problem), Is.EqualTo((GovIds.InvalidRulePack, "z-board.rulepack.json", "$.taxonomy[0]",
            "tag `PII` is declared with other allowed values by global pack `a-board`")));
    }

    [Test]
    public void TwoDomainPacksOfOneDomain_DeclaringOneTagAlike_AreLayered()
    {
        var set = PackSet.Create([Pack("sales-a", PackScope.ForDomain("sales"), Tag("REGION", "emea")), Pack("sales-b", PackScope.ForDomain("sales"), Tag("REGION", "emea"))]);
        Assert.That(set.RuleSets.Single(s => s.Domain == "sales").Taxonomy["REGION"].AllowedValues, Is.EqualTo(new[] { "emea" }));
    }

    [Test]
    public void DomainPacksOfTwoDomains_MayDeclareOneTagDifferently()
    {
        var set = PackSet.Create([Pack("sales", PackScope.ForDomain("sales"), Tag("REGION", "emea")), Pack("hr", PackScope.ForDomain("hr"), Tag("REGION", "apac"))]);
        Assert.That(set.RuleSets.Single(s => s.Domain == "hr").Taxonomy["REGION"].AllowedValues, Is.EqualTo(new[] { "apac" }));
    }

    private static readonly string[] TagNames = { "PII", "REGION" };
    private static readonly string[] Values = { "a", "b", "c" };

    private static Gen<TagDefinition[]> Taxonomy() =>
        from names in Gen.SubListOf(TagNames)
        from values in Gen.ArrayOf(Gen.SubListOf(Values), names.Count)
        select names.Select((n, i) => Tag(n, values[i].ToArray())).ToArray();

    private static Gen<RulePack[]> Packs() =>
        from globals in Gen.Choose(0, 2)
        from domains in Gen.Choose(1, 4)
        from scopes in Gen.ArrayOf(Gen.Elements("sales", "hr"), domains)
        from taxonomies in Gen.ArrayOf(Taxonomy(), globals + domains)
        select Enumerable.Range(0, globals + domains)
            .Select(i => Pack("p" + i, i < globals ? PackScope.Global : PackScope.ForDomain(scopes[i - globals]), taxonomies[i]))
            .ToArray();

    /// <summary>The layered taxonomies and rules, or the error, as text to compare.</summary>
    private static string Outcome(IEnumerable<RulePack> packs)
    {
        try
        {
            var set = PackSet.Create(packs);
            return string.Join("\n", set.RuleSets.Select(s => (s.Domain ?? "*") + ": "
                + string.Join("; ", s.Taxonomy.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + string.Join(",", t.Value.AllowedValues)))
                + " | " + string.Join(",", s.Rules.Select(r => r.Ref))));
        }
        catch (GovernanceInputException e)
        {
            return e.GovId + " " + e.File + " " + e.JsonPath + " " + e.Problem;
        }
    }

    [Property(MaxTest = 300)]
    public Property Layering_DoesNotDependOnTheOrderOfThePacks() => Prop.ForAll(
        Arb.From(from packs in Packs() from shuffled in Gen.Shuffle(packs) select (packs, shuffled)),
        x => Outcome(x.packs) == Outcome(x.shuffled));

    /// <summary>Whatever the packs, two different declarations of one tag in one layer are an error (GOV9002, or GOV9004 when one also widens the global tag), never one of them picked by order.</summary>
    [Property(MaxTest = 300)]
    public Property TwoPacksOfOneLayer_NeverDisagreeSilently() => Prop.ForAll(Arb.From(Packs()), packs =>
    {
        var layers = packs.GroupBy(p => p.Scope.Domain ?? "*");
        var conflict = layers.Any(l => l.SelectMany(p => p.Taxonomy).GroupBy(t => t.Name).Any(g => g.Select(t => string.Join(",", t.AllowedValues)).Distinct().Count() > 1));
        var outcome = Outcome(packs);
        return !conflict || outcome.StartsWith(GovIds.InvalidRulePack + " ", StringComparison.Ordinal) || outcome.StartsWith(GovIds.DomainRuleWeakensGlobal + " ", StringComparison.Ordinal);
    });
}
