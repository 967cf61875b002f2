using FsCheck;
using FsCheck.Fluent;
using Governance.Tests.Generators;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Properties;

/// <summary>
/// Layering a domain pack never weakens a global rule. Domain packs are generated as variants of the global rules
/// (some stricter, some weaker) plus arbitrary added rules; whatever <see cref="PackSet.Create"/> accepts must, on every
/// generated snapshot, mask at least what the global pack masks (with a strategy no more revealing), keep row access
/// where the global pack has it, and keep every tagging and naming finding.
/// </summary>
public sealed class FederationLawTests
{
    private static Gen<Rule> Variant(BoundRule global, string id) => global.Rule switch
    {
        MaskingRule m =>
            from severity in PackGen.Severity()
            from strategy in Gen.Frequency((2, Gen.Constant(m.Strategy)), (1, Gen.Constant<MaskingStrategy>(NullifyStrategy.Instance)), (1, PackGen.Strategy()))
            from reveal in Gen.Frequency((3, PackGen.Subset(m.RevealTo)), (1, PackGen.Subset(PackGen.Roles)))
            from keepCondition in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
            select (Rule)new MaskingRule(id, severity, m.Title, m.Rationale, m.Columns, strategy, reveal, keepCondition ? m.Condition : null, global.Ref),
        RowAccessRule r =>
            from severity in PackGen.Severity()
            from bypass in Gen.Frequency((3, PackGen.Subset(r.BypassRoles)), (1, PackGen.Subset(PackGen.Roles)))
            select (Rule)new RowAccessRule(id, severity, r.Title, r.Rationale, r.Datasets, r.Filter, bypass, global.Ref),
        NamingRule { Constraint: MaxLengthConstraint l } n =>
            from severity in PackGen.Severity()
            from max in Gen.Choose(1, 255)
            select (Rule)new NamingRule(id, severity, n.Title, n.Rationale, n.Level, n.When, new MaxLengthConstraint(Math.Min(max, l.Max + 5)), global.Ref),
        NamingRule { Constraint: AffixConstraint a } n =>
            from severity in PackGen.Severity()
            from extra in Gen.Elements("", "X", "EXT_", "_V2")
            select (Rule)new NamingRule(id, severity, n.Title, n.Rationale, n.Level, n.When,
                new AffixConstraint(a.IsPrefix, a.Templates.Select(t => a.IsPrefix ? t + extra : extra + t)), global.Ref),
        NamingRule { Constraint: PatternConstraint } n =>
            from severity in PackGen.Severity()
            from pattern in Gen.Elements(PackGen.NamePatterns.ToArray())
            select (Rule)new NamingRule(id, severity, n.Title, n.Rationale, n.Level, n.When, new PatternConstraint(pattern), global.Ref),
        _ => PackGen.Severity().Select(severity => Retitled(global.Rule, id, severity, global.Ref)),
    };

    private static Rule Retitled(Rule r, string id, Severity severity, string tightens) => r switch
    {
        TagRequirementRule t => new TagRequirementRule(id, severity, t.Title, t.Rationale, t.Level, t.Tag, t.When, tightens),
        TaxonomyRule x => new TaxonomyRule(id, severity, x.Title, x.Rationale, x.UnknownTagSeverity, tightens),
        ProductMetadataRule p => new ProductMetadataRule(id, severity, p.Title, p.Rationale, p.Field, p.When, tightens),
        NamingRule n => new NamingRule(id, severity, n.Title, n.Rationale, n.Level, n.When, n.Constraint, tightens),
        _ => throw new InvalidOperationException(),
    };

    private static readonly Gen<(RulePack Global, RulePack Domain, MetadataSnapshot Snapshot)> Layered =
        from global in PackGen.GlobalPack()
        from snapshot in SnapshotGen.Snapshot()
        from domainIndex in Gen.Choose(0, snapshot.Domains.Count - 1)
        let domain = snapshot.Domains[domainIndex].Name
        let bound = PackSet.Create(new[] { global }).GlobalRules.Rules
        from chosen in PackGen.Subset(bound)
        from variants in Gen.CollectToArray(chosen.Select((b, i) => (b, i)), x => Variant(x.b, "D" + x.i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        from added in Gen.ListOf(PackGen.Rule(), 2)
        let addedRules = added.Select((r, i) => Retag(r, "A" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        select (global, new RulePack("domain-pack", "1.0.0", PackScope.ForDomain(domain), "domain team", Array.Empty<TagDefinition>(), variants.Concat(addedRules).ToList()), snapshot);

    private static Rule Retag(Rule r, string id) => r switch
    {
        MaskingRule m => new MaskingRule(id, m.Severity, m.Title, m.Rationale, m.Columns, m.Strategy, m.RevealTo, m.Condition),
        RowAccessRule x => new RowAccessRule(id, x.Severity, x.Title, x.Rationale, x.Datasets, x.Filter, x.BypassRoles),
        _ => Retitled(r, id, r.Severity, null!) is var y ? Untighten(y) : r,
    };

    private static Rule Untighten(Rule r) => r switch
    {
        TagRequirementRule t => new TagRequirementRule(t.Id, t.Severity, t.Title, t.Rationale, t.Level, t.Tag, t.When),
        TaxonomyRule x => new TaxonomyRule(x.Id, x.Severity, x.Title, x.Rationale, x.UnknownTagSeverity),
        ProductMetadataRule p => new ProductMetadataRule(p.Id, p.Severity, p.Title, p.Rationale, p.Field, p.When),
        NamingRule n => new NamingRule(n.Id, n.Severity, n.Title, n.Rationale, n.Level, n.When, n.Constraint),
        _ => r,
    };

    [Property(MaxTest = 200)]
    public Property LayeredPacks_EvaluatorAndAnalyzerChecksReportTheSameFindings()
        => Prop.ForAll(Arb.From(Layered), x =>
        {
            PackSet packs;
            try { packs = PackSet.Create(new[] { x.Global, x.Domain }); }
            catch (GovernanceInputException) { return true.ToProperty().Classify(true, "weakening refused"); }
            return EvaluationLawTests.SameFindings(packs, x.Snapshot);
        });

    [Property(MaxTest = 300)]
    public Property LayeringADomainPack_NeverWeakensAGlobalRule() => Prop.ForAll(Arb.From(Layered), x =>
    {
        PackSet layered;
        try
        {
            layered = PackSet.Create(new[] { x.Global, x.Domain });
        }
        catch (GovernanceInputException e) when (e.GovId is GovIds.DomainRuleWeakensGlobal or GovIds.InvalidRulePack)
        {
            return true.Classify(true, "refused");
        }
        var before = Evaluator.Compile(PackSet.Create(new[] { x.Global })).Evaluate(x.Snapshot);
        var after = Evaluator.Compile(layered).Evaluate(x.Snapshot);
        var roles = RoleGraph.TryBuild(x.Snapshot.Roles, out _)!;
        var sessionRoles = roles.Roles.ToList();
        var problems = new List<string>();

        var afterMasking = after.Masking.ToDictionary(d => d.Target, StringComparer.Ordinal);
        foreach (var d in before.Masking)
        {
            if (!afterMasking.TryGetValue(d.Target, out var a)) { problems.Add("unmasked " + d.Target); continue; }
            if (a.Strategy.Rank > d.Strategy.Rank) problems.Add("weaker strategy on " + d.Target);
            foreach (var role in sessionRoles)
            {
                foreach (var holds in new[] { true, false })
                {
                    if (a.IsClearFor(roles, role, holds) && !d.IsClearFor(roles, role, holds)) problems.Add(role + " now sees " + d.Target);
                }
            }
        }
        var afterRows = after.RowAccess.ToDictionary(d => d.Target, StringComparer.Ordinal);
        foreach (var d in before.RowAccess)
        {
            if (!afterRows.TryGetValue(d.Target, out var a)) { problems.Add("row access lost on " + d.Target); continue; }
            foreach (var role in sessionRoles)
            {
                if (a.Bypasses(roles, role) && !d.Bypasses(roles, role)) problems.Add(role + " now bypasses " + d.Target);
            }
        }
        foreach (var f in before.Findings.Where(f => f.Id.StartsWith("GOV3", StringComparison.Ordinal) && f.Id != GovIds.UnknownTag || f.Id.StartsWith("GOV4", StringComparison.Ordinal)))
        {
            // A tightened rule may word the same violation with its own stricter parameters, so match ID and target.
            var match = after.Findings.FirstOrDefault(a => a.Id == f.Id && a.Target == f.Target && a.Severity >= f.Severity);
            if (match is null) problems.Add("finding lost: " + f.Id + " " + f.Target + " " + f.Message);
        }
        return (problems.Count == 0).Label(string.Join("\n", problems)).Classify(true, "accepted");
    });
}
