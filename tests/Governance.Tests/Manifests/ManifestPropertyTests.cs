using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using Governance.Tests.Generators;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Manifests;

/// <summary>Properties of the canonical manifest over generated packs (global and domain, every rule kind).</summary>
public sealed class ManifestPropertyTests
{
    private static Arbitrary<RulePack> Packs => Arb.From(PackGen.Pack());

    [Property(MaxTest = 300)]
    public Property Manifest_RoundTrip_IsByteIdentical() => Prop.ForAll(Packs, pack =>
    {
        var text = ManifestCodec.Write(pack);
        var again = ManifestCodec.Write(ManifestCodec.Read(text, out _));
        Assert.That(again, Is.EqualTo(text));
    });

    [Property(MaxTest = 300)]
    public Property Manifest_RoundTrip_PreservesHash() => Prop.ForAll(Packs, pack =>
    {
        var hash = ManifestCodec.ComputeHash(pack);
        var read = ManifestCodec.Read(ManifestCodec.Write(pack), out var recorded);
        Assert.Multiple(() =>
        {
            Assert.That(hash, Does.Match("^sha256:[0-9a-f]{64}$"));
            Assert.That(recorded, Is.EqualTo(hash), "the recorded hash");
            Assert.That(ManifestCodec.ComputeHash(read), Is.EqualTo(hash), "the hash of the pack read back");
        });
    });

    [Property(MaxTest = 300)]
    public Property Manifest_IsIndependentOfRuleOrder()
    {
        var pairs =
            from pack in PackGen.Pack()
            from rules in Gen.Shuffle(pack.Rules.ToArray())
            from taxonomy in Gen.Shuffle(pack.Taxonomy.ToArray())
            select (pack, shuffled: new RulePack(pack.Name, pack.Version, pack.Scope, pack.Publisher, taxonomy, rules, pack.Description));
        return Prop.ForAll(Arb.From(pairs), p =>
        {
            Assert.That(ManifestCodec.Write(p.shuffled), Is.EqualTo(ManifestCodec.Write(p.pack)));
            Assert.That(ManifestCodec.ComputeHash(p.shuffled), Is.EqualTo(ManifestCodec.ComputeHash(p.pack)));
        });
    }

    [Property(MaxTest = 300)]
    public Property Manifest_AnyContentEdit_ChangesHash()
    {
        var edits =
            from pack in PackGen.Pack()
            from index in Gen.Choose(0, pack.Rules.Count - 1)
            from edit in Gen.Elements(Edit.Title, Edit.Severity, Edit.Both)
            from suffix in PackGen.OddText().Where(s => s.Length > 0)
            select (pack, edited: Edited(pack, index, edit, suffix));
        return Prop.ForAll(Arb.From(edits), p =>
        {
            Assert.That(ManifestCodec.ComputeHash(p.edited), Is.Not.EqualTo(ManifestCodec.ComputeHash(p.pack)));
            Assert.That(ManifestCodec.Write(p.edited), Is.Not.EqualTo(ManifestCodec.Write(p.pack)));
        });
    }

    /// <summary>The generator's packs are valid IR: the pack validation finds nothing, custom expressions type-check.</summary>
    [Property(MaxTest = 300)]
    public Property Generator_ProducesValidPacks() => Prop.ForAll(Packs, pack =>
    {
        var inherited = pack.Scope.IsGlobal ? null : PackGen.Vocabulary;
        Assert.That(PackValidation.Problems(pack, inherited).Select(p => p.ToString()), Is.Empty);
        foreach (var rule in pack.Rules.OfType<MaskingRule>())
        {
            if (rule.Strategy is CustomStrategy c)
            {
                var text = MaskFunctions.TypeOf(c.Expression, DataTypeFamily.Text, out _) == DataTypeFamily.Text;
                var number = MaskFunctions.TypeOf(c.Expression, DataTypeFamily.Numeric, out _) == DataTypeFamily.Numeric;
                Assert.That(text || number, Is.True, c.Expression.ToString());
            }
        }
        var declared = pack.Taxonomy.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.That(pack.Rules.SelectMany(PackGen.TagsOf).Where(t => !declared.Contains(t)), Is.Empty, "undeclared tags");
        Assert.That(pack.Rules.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count(), Is.EqualTo(pack.Rules.Count), "unique rule IDs");
    });

    private enum Edit { Title, Severity, Both }

    private static RulePack Edited(RulePack pack, int index, Edit edit, string suffix)
    {
        var rules = pack.Rules.ToArray();
        var rule = rules[index];
        var severity = edit == Edit.Title ? rule.Severity : (Severity)(((int)rule.Severity + 1) % 3);
        var title = edit == Edit.Severity ? rule.Title : rule.Title + suffix;
        rules[index] = With(rule, severity, title);
        return new RulePack(pack.Name, pack.Version, pack.Scope, pack.Publisher, pack.Taxonomy, rules, pack.Description);
    }

    /// <summary>A copy of <paramref name="rule"/> with another severity and title.</summary>
    internal static Rule With(Rule rule, Severity severity, string title) => rule switch
    {
        MaskingRule m => new MaskingRule(m.Id, severity, title, m.Rationale, m.Columns, m.Strategy, m.RevealTo, m.Condition, m.Tightens),
        RowAccessRule r => new RowAccessRule(r.Id, severity, title, r.Rationale, r.Datasets, r.Filter, r.BypassRoles, r.Tightens),
        TagRequirementRule t => new TagRequirementRule(t.Id, severity, title, t.Rationale, t.Level, t.Tag, t.When, t.Tightens),
        TaxonomyRule x => new TaxonomyRule(x.Id, severity, title, x.Rationale, x.UnknownTagSeverity, x.Tightens),
        ProductMetadataRule p => new ProductMetadataRule(p.Id, severity, title, p.Rationale, p.Field, p.When, p.Tightens),
        NamingRule n => new NamingRule(n.Id, severity, title, n.Rationale, n.Level, n.When, n.Constraint, n.Tightens),
        _ => throw new ArgumentException("unknown rule type " + rule.GetType().Name, nameof(rule)),
    };
}
