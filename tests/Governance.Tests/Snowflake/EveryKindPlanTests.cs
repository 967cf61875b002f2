using System.Text.RegularExpressions;
using Governance.Snowflake;

namespace Governance.Tests.Snowflake;

/// <summary>
/// The plan of a mesh with every dataset kind (<see cref="EveryKindMesh"/>): its scripts (golden), every statement in a
/// form Snowflake's documentation gives for its dataset's kind (docs/snowflake.md), every column a rule masks reached by
/// a policy or reported, and the findings for what Snowflake refuses.
/// </summary>
public sealed class EveryKindPlanTests
{
    private static readonly PackSet Packs = PackSet.Create(new[] { EveryKindMesh.Pack() });
    private static readonly MetadataSnapshot Mesh = EveryKindMesh.Mesh();
    private static readonly EvaluationResult Result = Evaluator.Compile(Packs).Evaluate(Mesh);

    private static SnowflakePlan Plan(PlanMode mode, bool assignTags = false, string? role = null)
        => SnowflakePlanner.Plan(Packs, Mesh, Result, new PlanOptions { Mode = mode, AssignTags = assignTags, Role = role });

    private static void AssertGolden(string name, string actual) => PlanTests.AssertGolden(name, actual);

    /// <summary>External tables, materialized views (with and without sources) and every other kind, column mode, run as a named role.</summary>
    [Test]
    public void ColumnMode_MatchesGoldenScript() => AssertGolden("every-kind-column.sql", Plan(PlanMode.Column, role: "GOVERNANCE_ADMIN").ToSql());

    /// <summary>Tag mode without --assign-tags: every column a tag-based policy protects gets its SET TAG; NUMBER columns of three precisions under one tag.</summary>
    [Test]
    public void TagMode_WithoutAssignTags_MatchesGoldenScript() => AssertGolden("every-kind-tag.sql", Plan(PlanMode.Tag).ToSql());

    [Test]
    public void TagMode_WithAssignTags_MatchesGoldenScript() => AssertGolden("every-kind-tag-assign-tags.sql", Plan(PlanMode.Tag, assignTags: true).ToSql());

    // ------------------------------------------------------------------------------------------- statement forms

    /// <summary>
    /// The statement forms docs/snowflake.md lists, each with the dataset kinds whose ALTER keyword it may use: a
    /// materialized view's policies and tags go through ALTER VIEW, an external table's through ALTER TABLE.
    /// </summary>
    private static readonly (string Name, Regex Form)[] Forms =
    {
        ("use role", new Regex(@"^USE ROLE ""[^""]+"";$")),
        ("session", new Regex(@"^ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;$")),
        ("create tag", new Regex(@"^CREATE TAG IF NOT EXISTS (""[^""]+""\.){2}""[^""]+""( ALLOWED_VALUES '[^']*'(, '[^']*')*)?( COMMENT = '[^']*')?;$")),
        ("create masking policy", new Regex(@"^CREATE MASKING POLICY IF NOT EXISTS (""[^""]+""\.){2}""[^""]+"" AS \(""VAL"" [^\n]+\)\nRETURNS [A-Z_]+(\(\d+(,\d+)?\))? ->\n(.|\n)+\nCOMMENT = '[^\n]*'(\nEXEMPT_OTHER_POLICIES = TRUE)?;$")),
        ("create row access policy", new Regex(@"^CREATE ROW ACCESS POLICY IF NOT EXISTS (""[^""]+""\.){2}""[^""]+"" AS \(""ARG_1"" [^\n]+\)\nRETURNS BOOLEAN ->\n(.|\n)+\nCOMMENT = '[^\n]*';$")),
        ("tag masking", new Regex(@"^ALTER TAG (""[^""]+""\.){2}""[^""]+"" SET MASKING POLICY (""[^""]+""\.){2}""[^""]+""(, MASKING POLICY (""[^""]+""\.){2}""[^""]+"")* FORCE;$")),
        ("column masking", new Regex(@"^ALTER (?<kw>TABLE|VIEW|DYNAMIC TABLE|ICEBERG TABLE) (?<t>(""[^""]+""\.){2}""[^""]+"") MODIFY COLUMN ""[^""]+"" SET MASKING POLICY (""[^""]+""\.){2}""[^""]+""( USING \(""[^""]+""(, ""[^""]+"")*\))? FORCE;$")),
        ("row access", new Regex(@"^ALTER (?<kw>TABLE|VIEW|DYNAMIC TABLE|ICEBERG TABLE) (?<t>(""[^""]+""\.){2}""[^""]+"") ADD ROW ACCESS POLICY (""[^""]+""\.){2}""[^""]+"" ON \(""[^""]+""(, ""[^""]+"")*\);$")),
        ("schema tag", new Regex(@"^ALTER SCHEMA ""[^""]+""\.""[^""]+"" SET TAG [^\n]+;$")),
        ("dataset tag", new Regex(@"^ALTER (?<kw>TABLE|VIEW|DYNAMIC TABLE|ICEBERG TABLE) (?<t>(""[^""]+""\.){2}""[^""]+"") SET TAG [^\n]+;$")),
        ("column tag", new Regex(@"^ALTER (?<kw>TABLE|DYNAMIC TABLE|ICEBERG TABLE) (?<t>(""[^""]+""\.){2}""[^""]+"") MODIFY COLUMN ""[^""]+"" SET TAG [^\n]+;$")),
        ("view column tag", new Regex(@"^ALTER (?<kw>VIEW) (?<t>(""[^""]+""\.){2}""[^""]+"") ALTER COLUMN ""[^""]+"" SET TAG [^\n]+;$")),
    };

    private static string Keyword(DatasetKind kind) => kind switch
    {
        DatasetKind.Table or DatasetKind.ExternalTable => "TABLE",
        DatasetKind.View or DatasetKind.MaterializedView => "VIEW",
        DatasetKind.DynamicTable => "DYNAMIC TABLE",
        _ => "ICEBERG TABLE",
    };

    [TestCase(PlanMode.Column, false)]
    [TestCase(PlanMode.Column, true)]
    [TestCase(PlanMode.Tag, false)]
    [TestCase(PlanMode.Tag, true)]
    public void EveryStatement_IsInAFormTheDocumentationGives_ForItsDatasetsKind(PlanMode mode, bool assignTags)
    {
        var kinds = Mesh.Domains.SelectMany(d => d.Products).SelectMany(p => p.Datasets.Select(ds => (Name: new SchemaObjectName(p.Database, p.Schema, ds.Name).Sql, ds.Kind)))
            .ToDictionary(x => x.Name, x => x.Kind, StringComparer.Ordinal);
        var plan = Plan(mode, assignTags, "GOVERNANCE_ADMIN");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in plan.Operations.Select(SqlGenerator.Generate))
        {
            var match = Forms.Select(f => (f.Name, Match: f.Form.Match(statement))).FirstOrDefault(f => f.Match.Success);
            Assert.That(match.Name, Is.Not.Null, "a statement in no documented form:\n" + statement);
            seen.Add(match.Name);
            if (match.Match.Groups["t"].Success)
                Assert.That(match.Match.Groups["kw"].Value, Is.EqualTo(Keyword(kinds[match.Match.Groups["t"].Value])), statement);
        }
        Assert.That(seen, Has.Member("column masking").And.Member("row access").And.Member("session"));
        var script = plan.ToSql();
        Assert.That(script, Does.Not.Contain("ALTER MATERIALIZED VIEW").And.Not.Contain("ALTER EXTERNAL TABLE"));
    }

    // ------------------------------------------------------------------------------------------- fail closed

    /// <summary>Once the script has run, every column a rule masks is reached by a policy — or the plan says why not.</summary>
    [TestCase(PlanMode.Column)]
    [TestCase(PlanMode.Tag)]
    public void EveryColumnARuleMasks_IsReachedByAPolicy_OrReportedAsAnError(PlanMode mode)
    {
        var plan = Plan(mode);
        var coverage = new PlanCoverage(plan.Operations);
        var reported = plan.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Target).ToHashSet(StringComparer.Ordinal);
        foreach (var d in Result.Masking)
        {
            var reached = coverage.Protects(new SchemaObjectName(d.Product.Database, d.Product.Schema, d.Dataset.Name), d.Column.Name, d.Column.Type);
            Assert.That(reached || reported.Contains(d.Target), Is.True, d.Target + " is masked by " + d.Rule.Ref + " but no policy reaches it");
        }
        var left = Result.Masking.Where(d => !coverage.Protects(new SchemaObjectName(d.Product.Database, d.Product.Schema, d.Dataset.Name), d.Column.Name, d.Column.Type));
        Assert.That(left.Select(d => d.Target), Is.EqualTo(new[] { "SHOP.SALES.ORDERS_RAW.CUSTOMER_EMAIL" }), "only what Snowflake refuses (GOV1008)");
    }

    [Test]
    public void TagMode_SetsTheTagOnEveryColumnATagBasedPolicyProtects_AfterTheTagGetsItsPolicies()
    {
        var plan = Plan(PlanMode.Tag);
        var protection = plan.Groups.Single(g => g.Step == PlanStep.TagProtection).Operations.Cast<SetTag>()
            .Select(t => ((ColumnTarget)t.Target).Dataset + "." + ((ColumnTarget)t.Target).Column + "=" + t.Tags.Single().Tag.Name + ":" + t.Tags.Single().Value).ToList();
        Assert.That(protection, Is.EquivalentTo(new[]
        {
            "SHOP.SALES.ORDERS.CUSTOMER_EMAIL=PII:email", "SHOP.SALES.ORDERS.SSN=PII:ssn", "SHOP.SALES.CUSTOMERS.PHONE=PII:phone",
            "SHOP.SALES.CUSTOMER_PROFILES.EMAIL=PII:email", "SHOP.SALES.CUSTOMER_PROFILES.SSN=PII:ssn", "SHOP.SALES.LEDGER.ACCOUNT_EMAIL=PII:email",
            "SHOP.SALES.SHIPMENTS.NOTES=NOTE:internal", "SHOP.SALES.SHIPMENTS.REGION=PII:address",
        }));
        var steps = plan.Groups.Select(g => g.Step).ToList();
        Assert.That(steps.IndexOf(PlanStep.TagProtection), Is.EqualTo(steps.IndexOf(PlanStep.TagMaskingAttachments) + 1));
    }

    [Test]
    public void TagMode_NumbersOfSeveralPrecisionsUnderOneTag_GetOneNumberPolicy_AndTheOthersDirectOnes()
    {
        var plan = Plan(PlanMode.Tag);
        var pii = plan.Operations.OfType<SetTagMaskingPolicy>().Single(t => t.Tag.Name == "PII");
        var types = plan.Operations.OfType<CreateMaskingPolicy>().Where(p => pii.Policies.Contains(p.Name)).Select(p => p.ReturnType.Text).ToList();
        Assert.That(types, Is.EquivalentTo(new[] { "NUMBER(9,0)", "VARCHAR(16777216)" }), "one policy per data type on a tag");
        var direct = plan.Operations.OfType<SetColumnMaskingPolicy>().Select(o => o.Table + "." + o.Column).ToList();
        Assert.That(direct, Has.Member("SHOP.SALES.CUSTOMERS.TAX_ID"), "NUMBER(12,0) is not what the tag's NUMBER(9,0) policy takes");
        Assert.That(direct, Has.No.Member("SHOP.SALES.ORDERS.SSN").And.No.Member("SHOP.SALES.CUSTOMER_PROFILES.SSN"));
    }

    [Test]
    public void ExternalTables_GoThroughAlterTable_RowAccessOnValue_AndValueMaskedForItsColumns()
    {
        var script = Plan(PlanMode.Column).ToSql();
        Assert.That(script, Does.Contain("ALTER TABLE \"SHOP\".\"PAYMENTS\".\"PROVIDER_EVENTS\" ADD ROW ACCESS POLICY \"GOVERNANCE\".\"POLICIES\".\"RAP_ROWS_PROVIDERS\" ON (\"VALUE\");"));
        Assert.That(script, Does.Contain("ALTER TABLE \"SHOP\".\"PAYMENTS\".\"PROVIDER_EVENTS\" MODIFY COLUMN \"PAYER_EMAIL\" SET MASKING POLICY"));
        Assert.That(script, Does.Match("ALTER TABLE \"SHOP\".\"PAYMENTS\".\"PROVIDER_EVENTS\" MODIFY COLUMN \"VALUE\" SET MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_EXTERNAL_VALUE[^\"]*\" FORCE;"));
        var value = Plan(PlanMode.Column).Operations.OfType<CreateMaskingPolicy>().Where(p => p.Name.Name.StartsWith("MP_EXTERNAL_VALUE", StringComparison.Ordinal)).ToList();
        Assert.That(value, Is.Not.Empty);
        Assert.That(value, Has.All.Matches<CreateMaskingPolicy>(p => p.ExemptOtherPolicies && p.ReturnType.Text == "VARIANT"));
        Assert.That(script, Does.Not.Contain("\"REFUNDS_FEED\" ADD ROW ACCESS POLICY"), "a row filter on a virtual column is refused");
    }

    [Test]
    public void MaterializedViews_GoThroughAlterView_AndWhatTheyReadGetsNoPolicy()
    {
        var script = Plan(PlanMode.Column).ToSql();
        Assert.That(script, Does.Contain("ALTER VIEW \"SHOP\".\"SALES\".\"DAILY_SALES\" MODIFY COLUMN \"REVENUE\" SET MASKING POLICY"));
        Assert.That(script, Does.Contain("ALTER VIEW \"SHOP\".\"SALES\".\"DAILY_SALES\" ADD ROW ACCESS POLICY"));
        Assert.That(script, Does.Not.Contain("\"ORDERS_RAW\" MODIFY COLUMN").And.Not.Contain("\"ORDERS_RAW\" ADD ROW ACCESS"));
    }

    [TestCase(PlanMode.Column, new[] { "GOV1007", "GOV1008", "GOV1009", "GOV2003", "GOV2004", "GOV2005" })]
    [TestCase(PlanMode.Tag, new[] { "GOV1006", "GOV1007", "GOV1008", "GOV1009", "GOV2003", "GOV2004", "GOV2005", "GOV2006" })]
    public void WhatSnowflakeRefuses_IsReported_WithItsPage(PlanMode mode, string[] expected)
    {
        var plan = Plan(mode);
        var found = plan.Findings.Where(f => f.Id != GovIds.MaskedValueTooLong).ToList();
        Assert.That(found.Select(f => f.Id).Distinct(), Is.EquivalentTo(expected));
        var targets = found.Select(f => f.Id + " " + f.Target).ToList();
        Assert.That(targets, Has.Member("GOV1007 SHOP.PAYMENTS.REFUNDS_FEED.CARD_HOLDER")
            .And.Member("GOV1008 SHOP.SALES.ORDERS_RAW.CUSTOMER_EMAIL")
            .And.Member("GOV1009 SHOP.SALES.WEEKLY_SALES")
            .And.Member("GOV2003 SHOP.PAYMENTS.REFUNDS_FEED")
            .And.Member("GOV2004 SHOP.SALES.ORDERS_RAW")
            .And.Member("GOV2005 SHOP.SALES.SHIPMENTS"));
        if (mode == PlanMode.Tag)
            Assert.That(targets, Has.Member("GOV1006 SHOP.SALES.CUSTOMERS.CONTACT_EMAIL").And.Member("GOV2006 GOVERNANCE.SECURITY.REGION_ENTITLEMENTS.ROLE_NAME"));
        foreach (var f in found)
        {
            Assert.That(f.Message, Is.EqualTo(f.Message.Trim()).And.Not.EndWith("."));
            Assert.That(File.Exists(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "rules", f.Id + ".md")), Is.True, f.Id + " has its page");
        }
        Assert.That(plan.HasErrors, Is.True);
    }
}
