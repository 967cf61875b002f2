using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using Governance.Examples;
using Governance.Snowflake;
using Governance.Tests.Generators;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Snowflake;

/// <summary>The planner: the example's whole script (golden), determinism, fail-closed checks and properties.</summary>
public sealed class PlanTests
{
    private static SnowflakePlan PlanOf(IReadOnlyList<RulePack> packs, MetadataSnapshot snapshot, PlanOptions options)
    {
        var set = PackSet.Create(packs);
        return SnowflakePlanner.Plan(set, snapshot, Evaluator.Compile(set).Evaluate(snapshot), options);
    }

    private static SnowflakePlan Example(PlanMode mode, bool assignTags = false)
        => PlanOf(AcmeExample.Packs(), AcmeExample.Mesh(), new PlanOptions { Mode = mode, AssignTags = assignTags });

    internal static string GoldenPath(string name) => TestFiles.Source("tests", "Governance.Tests", "Snowflake", "golden", name);

    internal static void AssertGolden(string name, string actual)
    {
        var path = GoldenPath(name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual, new UTF8Encoding(false));
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path, new UTF8Encoding(false))), "run with UPDATE_GOLDEN=1 to rewrite " + path);
    }

    [Test]
    public void Example_ColumnMode_MatchesGoldenScript() => AssertGolden("acme-plan-column.sql", Example(PlanMode.Column).ToSql());

    [Test]
    public void Example_TagMode_MatchesGoldenScript() => AssertGolden("acme-plan-tag.sql", Example(PlanMode.Tag).ToSql());

    [Test]
    public void Example_WithTagAssignments_MatchesGoldenScript() => AssertGolden("acme-plan-column-assign-tags.sql", Example(PlanMode.Column, assignTags: true).ToSql());

    [Test]
    public void Example_TwoRuns_GiveTheSameBytes()
    {
        foreach (var mode in new[] { PlanMode.Column, PlanMode.Tag })
        {
            var first = Example(mode, true).ToSql();
            var second = Example(mode, true).ToSql();
            Assert.That(second, Is.EqualTo(first), mode.ToString());
        }
    }

    [Test]
    public void Example_ShuffledSnapshot_GivesTheSameBytes()
    {
        var packs = AcmeExample.Packs();
        foreach (var mode in new[] { PlanMode.Column, PlanMode.Tag })
        {
            var options = new PlanOptions { Mode = mode, AssignTags = true };
            var expected = PlanOf(packs, AcmeExample.Mesh(), options).ToSql();
            foreach (var shuffled in SnapshotGen.Shuffled(AcmeExample.Mesh()).Sample(5, 10))
                Assert.That(PlanOf(packs, shuffled, options).ToSql(), Is.EqualTo(expected), mode.ToString());
        }
    }

    [TestCase(PlanMode.Column)]
    [TestCase(PlanMode.Tag)]
    public void Example_EveryMaskingBody_UsesIsRoleInSession_AndNeverReturnsTheInputInItsElse(PlanMode mode)
    {
        var plan = Example(mode);
        var policies = plan.Operations.OfType<CreateMaskingPolicy>().ToList();
        Assert.That(policies, Is.Not.Empty);
        foreach (var p in policies)
        {
            var sql = SqlGenerator.Generate(p);
            Assert.That(sql, Does.Contain("IS_ROLE_IN_SESSION("), p.Name.ToString());
            Assert.That(sql, Does.Not.Contain("CURRENT_ROLE"), p.Name.ToString());
            Assert.That(sql, Does.Contain("ELSE "), p.Name.ToString());
        }
        var script = plan.ToSql();
        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Not.Contain("ELSE \"VAL\""));
            Assert.That(script, Does.Not.Contain("CREATE OR REPLACE"));
            Assert.That(Regex.Matches(script, "^CREATE MASKING POLICY IF NOT EXISTS ", RegexOptions.Multiline), Has.Count.EqualTo(policies.Count));
        });
    }

    [Test]
    public void Example_ColumnMode_IsInDependencyOrder_WithAPrivilegePerGroup()
    {
        var plan = Example(PlanMode.Column, assignTags: true);
        var steps = plan.Groups.Select(g => g.Step).ToList();
        Assert.That(steps, Is.EqualTo(new[] { PlanStep.Session, PlanStep.Tags, PlanStep.MaskingPolicies, PlanStep.RowAccessPolicies, PlanStep.ColumnMaskingAttachments, PlanStep.RowAccessAttachments, PlanStep.TagAssignments }));
        Assert.That(plan.Groups.Select(g => g.Privilege), Has.All.Not.Empty);
        var script = plan.ToSql();
        int First(string statement) => Regex.Match(script, "^" + statement, RegexOptions.Multiline) is { Success: true } m ? m.Index : -1;
        var order = new[] { First("CREATE TAG "), First("CREATE MASKING POLICY "), First("CREATE ROW ACCESS POLICY "), First("ALTER .* SET MASKING POLICY "), First("ALTER .* ADD ROW ACCESS POLICY "), First("ALTER .* SET TAG ") };
        Assert.That(order, Has.All.GreaterThan(0));
        Assert.That(order, Is.Ordered);
    }

    [Test]
    public void Example_PolicyNames_AreUnique_AndEveryMaskedColumnIsAttachedOnce()
    {
        var plan = Example(PlanMode.Column);
        var names = plan.Operations.OfType<CreateMaskingPolicy>().Select(p => p.Name.Name).ToList();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.Some.EqualTo("MP_MASK_EMAIL_TEXT"));
        Assert.That(names, Has.Some.EqualTo("MP_MASK_RESTRICTED_NUMBERS_NUMBER_14_2"));
        // Two phone rules (global keepLast(4), finance keepLast(2)) would share a name: both get a short hash.
        Assert.That(names.Where(n => n.StartsWith("MP_MASK_PHONE_TEXT", StringComparison.Ordinal)), Has.All.Match("^MP_MASK_PHONE_TEXT_[0-9A-F]{6}$").And.Exactly(2).Items);
        var attachments = plan.Operations.OfType<SetColumnMaskingPolicy>().ToList();
        Assert.That(attachments.Select(a => a.Table + "." + a.Column), Is.Unique);
        Assert.That(attachments, Has.Count.EqualTo(Evaluator.Compile(PackSet.Create(AcmeExample.Packs())).Evaluate(AcmeExample.Mesh()).Masking.Count));
        Assert.That(attachments, Has.All.Matches<SetColumnMaskingPolicy>(a => a.Force));
    }

    [Test]
    public void Example_DomainTightenedRule_FallsBackToADirectPolicyInTagMode()
    {
        var plan = Example(PlanMode.Tag);
        var direct = plan.Operations.OfType<SetColumnMaskingPolicy>().ToList();
        Assert.That(direct.Select(a => a.Table + "." + a.Column), Has.Member("FINANCE.PAYROLL.EMPLOYEES.MOBILE_PHONE"));
        Assert.That(direct.Select(a => a.Table + "." + a.Column), Has.No.Member("SALES.CUSTOMERS.CUSTOMERS.CUSTOMER_EMAIL"));
        var tagOps = plan.Operations.OfType<SetTagMaskingPolicy>().ToList();
        Assert.That(tagOps, Has.Count.EqualTo(1));
        Assert.That(tagOps[0].Force, Is.True);
        Assert.That(tagOps[0].Policies.Select(p => p.Name), Is.EqualTo(new[] { "MP_TAG_PII_NUMBER_9_0", "MP_TAG_PII_TEXT" }));
        Assert.That(plan.ToSql(), Does.Contain("SYSTEM$GET_TAG_ON_CURRENT_COLUMN('\"GOVERNANCE\".\"TAGS\".\"PII\"') = 'email'"));
    }

    // ---------------------------------------------------------------------------------------- fail closed

    private static readonly TagDefinition Pii = new("PII", new[] { "email", "birthdate" }, "personal data");

    private static RulePack Pack(params Rule[] rules) => new("test", "1.0.0", PackScope.Global, "tests", new[] { Pii }, rules);

    private static MetadataSnapshot Mesh(params Column[] columns)
        => new(Array.Empty<RoleDefinition>(), new[]
        {
            new Domain("sales", null, new[]
            {
                new DataProduct("crm", "1.0.0", "owner", "SALES", "CRM", new[] { new Dataset("CONTACTS", DatasetKind.Table, columns) }),
            }),
        });

    private static MaskingRule EmailRule(MaskingStrategy strategy)
        => new("mask.email", Severity.Error, "E-mails are masked", "", Selector.TagIn("PII", "email"), strategy, new[] { "PII_READER" });

    [Test]
    public void TagMode_ATaggedColumnNoRuleMasks_IsNotReported_AndTheMaskedColumnGetsItsTag()
    {
        var packs = new[] { Pack(EmailRule(new RedactStrategy())) };
        var mesh = Mesh(
            new Column("EMAIL", SnowflakeType.Varchar(256), tags: TagSet.Of(("PII", "email"))),
            new Column("BIRTH_DATE", SnowflakeType.Date, tags: TagSet.Of(("PII", "birthdate"))));
        var plan = PlanOf(packs, mesh, new PlanOptions { Mode = PlanMode.Tag });
        Assert.That(plan.Findings.Where(f => f.Severity == Severity.Error), Is.Empty, "BIRTH_DATE is masked by no rule: the evaluator and Snowflake both leave it in clear");
        var script = plan.ToSql();
        Assert.That(script, Does.Contain("ALTER TAG \"GOVERNANCE\".\"TAGS\".\"PII\" SET MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_TAG_PII_TEXT\" FORCE;"));
        var setTag = "ALTER TABLE \"SALES\".\"CRM\".\"CONTACTS\" MODIFY COLUMN \"EMAIL\" SET TAG \"GOVERNANCE\".\"TAGS\".\"PII\" = 'email';";
        Assert.That(script, Does.Contain(setTag), "tag-based masking protects a column only once the tag is on it");
        Assert.That(script.IndexOf(setTag, StringComparison.Ordinal), Is.GreaterThan(script.IndexOf("ALTER TAG ", StringComparison.Ordinal)));
        Assert.That(script, Does.Not.Contain("\"BIRTH_DATE\" SET TAG"));
    }

    [Test]
    public void TagMode_ColumnWithADirectPolicy_IsNotReported()
    {
        // The DATE column is selected by a name rule: it gets a direct policy, which wins over any tag-based one.
        var dateRule = new MaskingRule("mask.dates", Severity.Error, "Birth dates", "", Selector.NameMatches("^BIRTH_DATE$"), NullifyStrategy.Instance, new[] { "PII_READER" });
        var plan = PlanOf(new[] { Pack(EmailRule(new RedactStrategy()), dateRule) }, Mesh(
            new Column("EMAIL", SnowflakeType.Varchar(256), tags: TagSet.Of(("PII", "email"))),
            new Column("BIRTH_DATE", SnowflakeType.Date, tags: TagSet.Of(("PII", "birthdate")))), new PlanOptions { Mode = PlanMode.Tag });
        Assert.That(plan.Findings, Is.Empty);
        Assert.That(plan.Operations.OfType<SetColumnMaskingPolicy>().Select(a => a.Column), Is.EqualTo(new[] { "BIRTH_DATE" }));
    }

    [TestCase(PlanMode.Column)]
    [TestCase(PlanMode.Tag)]
    public void CustomStrategyThatReturnsTheValue_IsRefused_InBothModes(PlanMode mode)
    {
        var packs = new[] { Pack(EmailRule(new CustomStrategy(MaskExpression.Value))) };
        var mesh = Mesh(new Column("EMAIL", SnowflakeType.Varchar(256), tags: TagSet.Of(("PII", "email"))));
        var e = Assert.Throws<SnowflakeCompileException>(() => PlanOf(packs, mesh, new PlanOptions { Mode = mode }));
        Assert.That(e!.Message, Does.Contain("would return the input unmasked"));
    }

    [Test]
    public void HashOnVarchar20_IsAWarning_ButNotOnLongColumns()
    {
        var plan = PlanOf(new[] { Pack(EmailRule(new HashStrategy())) }, Mesh(
            new Column("SHORT_EMAIL", SnowflakeType.Varchar(20), tags: TagSet.Of(("PII", "email"))),
            new Column("LONG_EMAIL", SnowflakeType.Varchar(64), tags: TagSet.Of(("PII", "email"))),
            new Column("ANY_EMAIL", SnowflakeType.Varchar(), tags: TagSet.Of(("PII", "email")))), PlanOptions.Default);
        Assert.That(plan.Findings, Has.Count.EqualTo(1));
        var f = plan.Findings[0];
        Assert.Multiple(() =>
        {
            Assert.That(f.Id, Is.EqualTo(GovIds.MaskedValueTooLong));
            Assert.That(f.Severity, Is.EqualTo(Severity.Warning));
            Assert.That(f.Rule, Is.EqualTo("test/mask.email"));
            Assert.That(f.Target, Is.EqualTo("SALES.CRM.CONTACTS.SHORT_EMAIL"));
            Assert.That(f.Message, Is.EqualTo("column `SALES.CRM.CONTACTS.SHORT_EMAIL` is `VARCHAR(20)` but its masked value (`hash(sha256)`) can have 64 characters"));
            Assert.That(plan.HasErrors, Is.False);
        });
        // One VARCHAR policy serves every length.
        Assert.That(plan.Operations.OfType<CreateMaskingPolicy>().Select(p => p.Name.Name), Is.EqualTo(new[] { "MP_MASK_EMAIL_TEXT" }));
        Assert.That(plan.ToSql(), Does.Contain("-- Warnings (1):"));
    }

    [TestCase("redact", 11, 12)]
    [TestCase("redact", 12, null)]
    [TestCase("hash", 64, null)]
    [TestCase("hash", 63, 64)]
    [TestCase("keepLast", 5, null)]
    [TestCase("emailDomain", 5, null)]
    [TestCase("nullify", 1, null)]
    public void MaskedLengthOver_BoundsTheStrategies(string strategy, int length, int? expected)
    {
        MaskingStrategy s = strategy switch
        {
            "redact" => new RedactStrategy(),
            "hash" => new HashStrategy(),
            "keepLast" => new KeepLastStrategy(4),
            "emailDomain" => EmailDomainStrategy.Instance,
            _ => NullifyStrategy.Instance,
        };
        Assert.That(SnowflakePlanner.MaskedLengthOver(s, length), Is.EqualTo(expected));
    }

    [Test]
    public void ConditionalMasking_PassesTheConditionColumnsThroughUsing()
    {
        var rule = new MaskingRule("mask.email", Severity.Error, "E-mails are masked without consent", "", Selector.TagIn("PII", "email"),
            new RedactStrategy(), new[] { "PII_READER" }, new MaskingCondition("HAS_CONSENT", Literal.Boolean(true)));
        var plan = PlanOf(new[] { Pack(rule) }, Mesh(
            new Column("EMAIL", SnowflakeType.Varchar(256), tags: TagSet.Of(("PII", "email"))),
            new Column("HAS_CONSENT", SnowflakeType.Boolean)), new PlanOptions { Mode = PlanMode.Tag });
        var script = plan.ToSql();
        Assert.That(script, Does.Contain("ALTER TABLE \"SALES\".\"CRM\".\"CONTACTS\" MODIFY COLUMN \"EMAIL\" SET MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_MASK_EMAIL_TEXT\" USING (\"EMAIL\", \"HAS_CONSENT\") FORCE;"));
        Assert.That(script, Does.Contain("AS (\"VAL\" VARCHAR(16777216), \"COND_1\" BOOLEAN)"));
        Assert.That(plan.Operations.OfType<SetTagMaskingPolicy>(), Is.Empty, "a conditional decision cannot be tag-based");
    }

    [Test]
    public void ConditionalMasking_OnAMaskedConditionColumn_IsMaskedForEverySession_AndReported()
    {
        // A masked column cannot be a conditional column of another masking policy (GOV1007): no USING, masked for all.
        var email = new MaskingRule("mask.email", Severity.Error, "E-mails are masked without consent", "", Selector.TagIn("PII", "email"),
            new RedactStrategy(), new[] { "PII_READER" }, new MaskingCondition("HAS_CONSENT", Literal.Boolean(true)));
        var consent = new MaskingRule("mask.consent", Severity.Error, "Consent flags are hidden", "", Selector.NameMatches("^HAS_CONSENT$"),
            NullifyStrategy.Instance, new[] { "DPO" });
        var plan = PlanOf(new[] { Pack(email, consent) }, Mesh(
            new Column("EMAIL", SnowflakeType.Varchar(256), tags: TagSet.Of(("PII", "email"))),
            new Column("HAS_CONSENT", SnowflakeType.Boolean)), PlanOptions.Default);
        var finding = plan.Findings.Single(f => f.Id == GovIds.MaskingNotAttachable);
        Assert.That(finding.Target, Is.EqualTo("SALES.CRM.CONTACTS.EMAIL"));
        Assert.That(finding.Message, Does.Contain("its condition column `HAS_CONSENT` is masked too"));
        var script = plan.ToSql();
        Assert.That(script, Does.Not.Contain("USING ("));
        Assert.That(script, Does.Contain("ALTER TABLE \"SALES\".\"CRM\".\"CONTACTS\" MODIFY COLUMN \"EMAIL\" SET MASKING POLICY"));
        var policy = plan.Operations.OfType<CreateMaskingPolicy>().Single(p => p.Name.Name.StartsWith("MP_MASK_EMAIL", StringComparison.Ordinal));
        Assert.That(SqlGenerator.Body(policy.Body), Is.EqualTo("  '***MASKED***'"), "masked for every session (fail closed)");
    }

    [Test]
    public void Role_StartsTheScript_AndAnImpossibleRoleIsRefused()
    {
        var plan = PlanOf(AcmeExample.Packs(), AcmeExample.Mesh(), new PlanOptions { Role = "GOVERNANCE_ADMIN" });
        Assert.That(plan.Groups[0].Step, Is.EqualTo(PlanStep.Session));
        Assert.That(plan.Groups[0].Operations.Select(SqlGenerator.Generate), Is.EqualTo(new[] { "USE ROLE \"GOVERNANCE_ADMIN\";", "ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;" }));
        Assert.Throws<SnowflakeCompileException>(() => PlanOf(AcmeExample.Packs(), AcmeExample.Mesh(), new PlanOptions { Role = "bad\0role" }));
    }

    [Test]
    public void Options_PlaceObjectsWhereAsked_AndRefuseImpossibleNames()
    {
        var packs = new[] { Pack(EmailRule(new RedactStrategy())) };
        var mesh = Mesh(new Column("EMAIL", SnowflakeType.Varchar(256), tags: TagSet.Of(("PII", "email"))));
        var script = PlanOf(packs, mesh, new PlanOptions { PolicyDatabase = "sec db", PolicySchema = "p\"s", TagDatabase = "T", TagSchema = "tags" }).ToSql();
        Assert.That(script, Does.Contain("CREATE MASKING POLICY IF NOT EXISTS \"sec db\".\"p\"\"s\".\"MP_MASK_EMAIL_TEXT\""));
        Assert.That(script, Does.Contain("CREATE TAG IF NOT EXISTS \"T\".\"tags\".\"PII\""));
        Assert.Throws<SnowflakeCompileException>(() => PlanOf(packs, mesh, new PlanOptions { PolicySchema = new string('x', 256) }));
    }

    // ---------------------------------------------------------------------------------------- properties

    // Masking rules that select by one tag's values only: what tag mode turns into tag-based policies.
    private static readonly Gen<RulePack> TagPack =
        from n in Gen.Choose(1, 5)
        from ids in PackGen.RuleIds(n)
        from specs in Gen.ArrayOf(
            from tag in Gen.Elements(PackGen.Vocabulary.ToArray())
            from values in PackGen.NonEmptySubset(tag.AllowedValues)
            from strategy in PackGen.Strategy()
            from reveal in PackGen.Subset(PackGen.Roles)
            select (Tag: tag.Name, Values: values, Strategy: strategy, Reveal: reveal), n)
        select new RulePack("tag-pack", "1.0.0", PackScope.Global, "tests", PackGen.Vocabulary,
            specs.Select((r, i) => (Rule)new MaskingRule(ids[i], Severity.Error, "masked by tag", "", new TagSelector(r.Tag, r.Values), r.Strategy, r.Reveal)).ToArray());

    private static readonly Gen<IReadOnlyList<RulePack>> AnyPacks =
        from global in PackGen.GlobalPack()
        from domain in Gen.OrNull(PackGen.DomainPack())
        select (IReadOnlyList<RulePack>)(domain is null ? new[] { global } : new[] { global, domain });

    private static Gen<(IReadOnlyList<RulePack> Packs, MetadataSnapshot Snapshot, MetadataSnapshot Shuffled, PlanOptions Options)> InputsOf(Gen<IReadOnlyList<RulePack>> packs) =>
        from p in packs
        from snapshot in SnapshotGen.Snapshot()
        from shuffled in SnapshotGen.Shuffled(snapshot)
        from tag in Gen.Elements(false, true)
        from assign in Gen.Elements(false, true)
        select (p, snapshot, shuffled, new PlanOptions { Mode = tag ? PlanMode.Tag : PlanMode.Column, AssignTags = assign });

    private static readonly Gen<(IReadOnlyList<RulePack> Packs, MetadataSnapshot Snapshot, MetadataSnapshot Shuffled, PlanOptions Options)> Inputs =
        Gen.Frequency((1, InputsOf(AnyPacks)), (1, InputsOf(TagPack.Select(p => (IReadOnlyList<RulePack>)new[] { p }))));

    // Names, values and roles Snowflake cannot hold: the only reasons the compiler may refuse an input.
    // A custom expression that is the value itself would leave the column in clear: refused too.
    private static readonly string[] Refusals = { "at most", "cannot contain NUL", "unpaired surrogate", "cannot be empty", "would return the input unmasked" };

    [Property(MaxTest = 250)]
    public Property GeneratedInputs_NeverCreateOrReplace_NeverElseVal_AndAreOrderIndependent() => Prop.ForAll(Arb.From(Inputs), x =>
    {
        PackSet set;
        try
        {
            set = PackSet.Create(x.Packs);
        }
        catch (GovernanceInputException)
        {
            set = PackSet.Create(x.Packs.Take(1)); // a domain pack that weakens the global one is refused before planning
        }
        string script, again;
        SnowflakePlan plan;
        try
        {
            var evaluator = Evaluator.Compile(set);
            plan = SnowflakePlanner.Plan(set, x.Snapshot, evaluator.Evaluate(x.Snapshot), x.Options);
            script = plan.ToSql();
            again = SnowflakePlanner.Plan(set, x.Shuffled, evaluator.Evaluate(x.Shuffled), x.Options).ToSql();
        }
        catch (SnowflakeCompileException e)
        {
            return Refusals.Any(r => e.Message.Contains(r, StringComparison.Ordinal)).Label("refused: " + e.Message);
        }
        var elseVal = plan.Operations.OfType<CreateMaskingPolicy>().Any(p => p.Body is CaseExpression c && c.Else is ArgumentReference);
        var names = plan.Operations.OfType<CreateMaskingPolicy>().Select(p => p.Name.Name).ToList();
        var problems = new List<string>();
        if (script.Contains("CREATE OR REPLACE", StringComparison.OrdinalIgnoreCase)) problems.Add("CREATE OR REPLACE");
        if (elseVal || script.Contains("ELSE \"VAL\"", StringComparison.Ordinal)) problems.Add("ELSE VAL");
        if (script != again)
        {
            var a = script.Split('\n');
            var b = again.Split('\n');
            var i = 0;
            while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
            problems.Add("shuffled snapshot gave other bytes at line " + (i + 1) + ":\n" + (i < a.Length ? a[i] : "") + "\n" + (i < b.Length ? b[i] : ""));
        }
        if (x.Options.Mode == PlanMode.Column && plan.Findings.Any(f => f.Id == GovIds.TagPolicyMissingForType)) problems.Add("GOV1005 in column mode");
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) problems.Add("duplicate policy names");
        return (problems.Count == 0).Label(string.Join("; ", problems));
    });

    [Test]
    public void TagOnCurrentColumn_WritesTheQuotedQualifiedTagInsideOneLiteral()
    {
        var tag = new SchemaObjectName("Gov DB", "t.s", "it's \\ \"PII\"");
        Assert.That(new TagOnCurrentColumn(tag).ToString(),
            Is.EqualTo("SYSTEM$GET_TAG_ON_CURRENT_COLUMN('\"Gov DB\".\"t.s\".\"it\\'s \\\\ \"\"PII\"\"\"')"));
        Assert.That(new TagOnCurrentColumn(tag).Family, Is.EqualTo(DataTypeFamily.Text));
    }

    [Test]
    public void GeneratedInputs_InTagMode_DoProduceTagBasedPolicies()
    {
        var withTagPolicies = 0;
        foreach (var x in InputsOf(TagPack.Select(p => (IReadOnlyList<RulePack>)new[] { p })).Sample(20, 100))
        {
            try
            {
                var set = PackSet.Create(x.Packs.Take(1));
                var plan = SnowflakePlanner.Plan(set, x.Snapshot, Evaluator.Compile(set).Evaluate(x.Snapshot), x.Options with { Mode = PlanMode.Tag });
                if (plan.Operations.OfType<SetTagMaskingPolicy>().Any()) withTagPolicies++;
            }
            catch (SnowflakeCompileException)
            {
            }
        }
        TestContext.Out.WriteLine("tag-based plans: " + withTagPolicies + " of 100");
        Assert.That(withTagPolicies, Is.GreaterThan(0), "the property above exercises tag mode");
    }

    // ---------------------------------------------------------------------------------------- docs

    [Test]
    public void DocsExcerpt_AppearsVerbatimInTheGoldenScript()
    {
        var docs = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "snowflake.md"));
        var blocks = Regex.Matches(docs, "```sql\\r?\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value.Replace("\r\n", "\n", StringComparison.Ordinal)).ToList();
        Assert.That(blocks, Is.Not.Empty, "docs/snowflake.md has a ```sql excerpt");
        var golden = string.Join("\n", Directory.GetFiles(Path.GetDirectoryName(GoldenPath("acme-plan-column.sql"))!, "*.sql").Order(StringComparer.Ordinal).Select(File.ReadAllText));
        foreach (var block in blocks) Assert.That(golden, Does.Contain(block), "excerpt not in the golden scripts:\n" + block);
    }
}
