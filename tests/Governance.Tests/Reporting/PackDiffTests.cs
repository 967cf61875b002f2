using Governance.Examples;
using Governance.Reporting;

namespace Governance.Tests.Reporting;

/// <summary>The diff on the example and on hand-made versions: what the board reads before publishing.</summary>
public sealed class PackDiffTests
{
    private static readonly MetadataSnapshot Mesh = AcmeExample.Mesh();

    private static PackDiff Diff(IEnumerable<RulePack> from, IEnumerable<RulePack> to) => PackDiff.Compute(PackSet.Create(from), PackSet.Create(to), Mesh);

    private static RulePack Global(string version, params Rule[] rules)
        => new(AcmeGlobalPack.Name, version, PackScope.Global, "board", new AcmeGlobalPack().Build().Taxonomy, rules);

    private static RulePack Current => new AcmeGlobalPack().Build();

    private static Rule RuleOf(string id) => Current.Rules.Single(r => r.Id == id);

    [Test]
    public void Example_NextVersion_TurnsNineColumnsRed_AndShowsWhoGainsAndLosesClearAccess()
    {
        var diff = Diff(AcmeExample.Packs(), AcmeExample.NextPacks());
        Assert.Multiple(() =>
        {
            Assert.That(diff.Summary.NewErrors, Is.EqualTo(9));
            Assert.That(diff.Findings.Select(f => f.Rule).Distinct(), Is.EqualTo(new[] { "acme-global/names.date-suffix" }));
            Assert.That(diff.Summary.Products, Does.Contain(("finance", "payroll")).And.Contain(("sales", "pricing")));
            var global = diff.Summary.Roles.Single(r => r.Role == AcmeGlobalPackNext.NewEmailReader);
            Assert.That((global.GainsClear, global.LosesClear), Is.EqualTo((7, 2)), "e-mails in clear, birth dates truncated");
            Assert.That(diff.Summary.Roles.Select(r => r.Role), Does.Not.Contain("PII_READER").And.Not.Contain("DATA_ENGINEER"), "PII readers keep what they saw");
            Assert.That(diff.Plan.Where(p => p.Kind == PlanChangeKind.Changed).Select(p => p.Name), Is.EqualTo(new[] { "GOVERNANCE.POLICIES.MP_MASK_EMAIL_TEXT" }));
            Assert.That(diff.Plan.Single(p => p.Kind == PlanChangeKind.Changed).After, Does.Contain("IS_ROLE_IN_SESSION('GLOBAL_ANALYST')"));
            Assert.That(diff.Weakenings.Select(w => (w.Subject, w.Reason)),
                Is.EqualTo(new[] { ("acme-global/mask.email", "it reveals to `GLOBAL_ANALYST`, which the global rule does not") }));
            Assert.That(diff.RowAccess, Is.Empty);
        });
    }

    [Test]
    public void RemovingARule_WeakensThePack_AndItsFindingsDisappear()
    {
        var without = Global("1.3.0", Current.Rules.Where(r => r.Id != "tags.sensitivity").ToArray());
        var diff = Diff(new[] { Current }, new[] { without });
        Assert.Multiple(() =>
        {
            Assert.That(diff.Weakenings.Select(w => (w.Rule, w.Reason)), Is.EqualTo(new[] { ((string?)"tags.sensitivity", "the rule is removed") }));
            Assert.That(diff.Findings, Is.Not.Empty.And.All.Matches<FindingChange>(f => f.Kind == FindingChangeKind.Disappeared && f.Rule == "acme-global/tags.sensitivity"));
            Assert.That(diff.HasNewErrors, Is.False);
            Assert.That(diff.Summary.ResolvedErrors, Is.EqualTo(diff.Findings.Count));
        });
    }

    [Test]
    public void TighteningARule_IsNoWeakening_ButLoweringItsSeverityIs()
    {
        var ssn = (MaskingRule)RuleOf("mask.ssn");
        var tighter = new MaskingRule(ssn.Id, ssn.Severity, ssn.Title, ssn.Rationale, ssn.Columns, Mask.Nullify, Array.Empty<string>());
        var milder = new MaskingRule(ssn.Id, Severity.Warning, ssn.Title, ssn.Rationale, ssn.Columns, ssn.Strategy, ssn.RevealTo);
        var tightened = Diff(new[] { Current }, new[] { Global("1.3.0", Current.Rules.Select(r => r.Id == ssn.Id ? tighter : r).ToArray()) });
        var lowered = Diff(new[] { Current }, new[] { Global("1.3.0", Current.Rules.Select(r => r.Id == ssn.Id ? milder : r).ToArray()) });
        Assert.Multiple(() =>
        {
            Assert.That(tightened.Weakenings, Is.Empty);
            Assert.That(tightened.Summary.Roles.Where(r => r.LosesClear > 0).Select(r => r.Role), Does.Contain("PII_READER"), "nobody reads SSNs in clear any more");
            Assert.That(lowered.Weakenings.Single().Reason, Is.EqualTo("its severity warning is lower than error"));
        });
    }

    [Test]
    public void ADomainPacksNewVersion_IsComparedByItsFindingsNotAsAGlobalRule()
    {
        var finance = new AcmeFinancePack().Build();
        var next = new RulePack(finance.Name, "1.1.0", finance.Scope, finance.Publisher, finance.Taxonomy, finance.Rules.Where(r => r.Id != "tags.data-domain").ToArray());
        var diff = Diff(new[] { Current, finance }, new[] { Current, next });
        Assert.Multiple(() =>
        {
            Assert.That(diff.Weakenings, Is.Empty);
            Assert.That(diff.Findings.Select(f => (f.Kind, f.Domain, f.Rule)).Distinct(), Is.EqualTo(new[] { (FindingChangeKind.Disappeared, (string?)"finance", (string?)"acme-finance/tags.data-domain") }));
            Assert.That(diff.Packs.Select(p => (p.Name, p.Kind)), Is.EqualTo(new[] { ("acme-finance", PackChangeKind.Changed), ("acme-global", PackChangeKind.Unchanged) }));
        });
    }

    [Test]
    public void RowAccessChanges_ArePerDatasetAndRole()
    {
        var region = (RowAccessRule)RuleOf("rows.region");
        var wider = new RowAccessRule(region.Id, region.Severity, region.Title, region.Rationale, region.Datasets, region.Filter, region.BypassRoles.Append("EMEA_ANALYST"));
        var diff = Diff(new[] { Current }, new[] { Global("1.3.0", Current.Rules.Select(r => r.Id == region.Id ? wider : r).ToArray()) });
        Assert.Multiple(() =>
        {
            Assert.That(diff.RowAccess, Has.Count.EqualTo(25), "every dataset with a REGION column");
            Assert.That(diff.RowAccess.SelectMany(d => d.Roles).Select(r => (r.Role, r.Before, r.After)).Distinct(),
                Is.EqualTo(new[] { ("EMEA_ANALYST", RowVisibility.SomeRows, RowVisibility.AllRows) }));
            Assert.That(diff.Summary.Roles.Single().GainsRows, Is.EqualTo(25));
            Assert.That(diff.Weakenings.Single().Reason, Does.Contain("lets `EMEA_ANALYST` bypass row access"));
        });
    }

    [Test]
    public void ProductIndex_FindsTheLongestProductPrefix_EvenWithDotsInNames()
    {
        var column = new Column("C", SnowflakeType.Parse("NUMBER"), true);
        var snapshot = new MetadataSnapshot(Array.Empty<RoleDefinition>(), new[]
        {
            new Domain("d1", null, new[] { new DataProduct("p1", null, null, "DB", "S", new[] { new Dataset("T.X", DatasetKind.Table, new[] { column }) }) }),
            new Domain("d2", null, new[] { new DataProduct("p2", null, null, "DB", "S.T", new[] { new Dataset("X", DatasetKind.Table, new[] { column }) }) }),
        });
        var index = new ProductIndex(snapshot);
        Assert.Multiple(() =>
        {
            Assert.That(index.Find("DB.S.T.X.C")?.Product.Name, Is.EqualTo("p2"));
            Assert.That(index.Find("DB.S")?.Product.Name, Is.EqualTo("p1"));
            Assert.That(index.Find("DB.Q.T"), Is.Null);
            Assert.That(index.Find("acme-global/*"), Is.Null);
        });
    }
}
