using System.Text;
using Governance.Examples;
using Governance.Snowflake;
using Governance.State;
using Governance.Tests;
using Governance.Simulation.Tests.Emulator;

namespace Governance.Simulation.Tests.State;

/// <summary>
/// The state reader against the emulated account: the Acme plan applied through the DbConnection reads back as what the
/// plan made, the state file round-trips, the queries are pinned, and what is made by hand is kept and reported.
/// </summary>
public sealed class StateEmulatorTests
{
    private static readonly MetadataSnapshot Mesh = AcmeExample.Mesh();
    private static readonly PackSet Packs = PackSet.Create(AcmeExample.Packs());
    private static readonly EvaluationResult Result = Evaluator.Compile(Packs).Evaluate(Mesh);

    internal static string Golden(string name) => TestFiles.Source("tests", "Governance.Simulation.Tests", "State", "golden", name);

    private static void AssertGolden(string name, string actual)
    {
        var path = Golden(name);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual, new UTF8Encoding(false));
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path, new UTF8Encoding(false))), "run with UPDATE_GOLDEN=1 to rewrite " + path);
    }

    /// <summary>An emulated account with the Acme datasets and entitlement tables and the plan of <paramref name="mode"/> applied.</summary>
    internal static EmulatorConnection Applied(PlanMode mode, bool assignTags)
    {
        var account = Emulated.Account();
        account.CreateDatasets(Mesh);
        account.CreateEntitlementTables(Mesh, Result);
        var plan = SnowflakePlanner.Plan(Packs, Mesh, Result, new PlanOptions { Mode = mode, AssignTags = assignTags });
        Assert.That(Emulated.Apply(account, plan.ToSql()), Is.Empty);
        return account;
    }

    private static AccountState Read(System.Data.Common.DbConnection account) => StateReader.ReadStateAsync(account, StateScope.For(Mesh)).GetAwaiter().GetResult();

    [TestCase(PlanMode.Column, false)]
    [TestCase(PlanMode.Tag, true)]
    public void AcmeState_ReadFromTheAccount_RoundTripsThroughTheStateFile(PlanMode mode, bool assignTags)
    {
        using var account = Applied(mode, assignTags);
        var state = Read(account);
        var file = StateFile.Write(state);
        Assert.Multiple(() =>
        {
            Assert.That(StateFile.Read(file, "acme.state.json"), Is.EqualTo(state));
            Assert.That(Read(account), Is.EqualTo(state), "a second read of the same account gives an equal state");
            Assert.That(StateDrift.Findings(state), Is.Empty, "everything in the tool's schemas is the tool's");
        });
        if (mode == PlanMode.Column) AssertGolden("acme-column.state.json", file);
    }

    [Test]
    public void AcmeState_HoldsWhatThePlanMade()
    {
        var plan = SnowflakePlanner.Plan(Packs, Mesh, Result, new PlanOptions { Mode = PlanMode.Tag, AssignTags = true });
        using var account = Applied(PlanMode.Tag, assignTags: true);
        var state = Read(account);
        var ops = plan.Operations.ToList();
        Assert.Multiple(() =>
        {
            Assert.That(state.Tags.Select(t => (t.Name, t.AllowedValues?.ToList(), t.Comment)),
                Is.EqualTo(ops.OfType<CreateTag>().OrderBy(t => t.Name.Name, StringComparer.Ordinal).Select(t => (t.Name, t.AllowedValues.Count == 0 ? null : t.AllowedValues.ToList(), t.Comment))));
            Assert.That(state.MaskingPolicies.Select(p => p.Name), Is.EqualTo(ops.OfType<CreateMaskingPolicy>().Select(p => p.Name).OrderBy(n => n.Name, StringComparer.Ordinal)));
            Assert.That(state.MaskingPolicies.Select(p => p.ReturnType), Is.EqualTo(ops.OfType<CreateMaskingPolicy>().OrderBy(p => p.Name.Name, StringComparer.Ordinal).Select(p => p.ReturnType.Text)));
            Assert.That(state.ColumnMasking.Where(r => r.Tag is null).Select(r => (r.Dataset, r.Column, r.Policy)),
                Is.EquivalentTo(ops.OfType<SetColumnMaskingPolicy>().Select(o => (o.Table, o.Column, o.Policy))));
            Assert.That(state.TagMasking.Select(r => (r.Tag, r.Policy)), Is.EquivalentTo(ops.OfType<SetTagMaskingPolicy>().SelectMany(o => o.Policies.Select(p => (o.Tag, p)))));
            Assert.That(state.RowAccess.Select(r => (r.Dataset, r.Policy, string.Join(",", r.On))),
                Is.EquivalentTo(ops.OfType<AddRowAccessPolicy>().Select(o => (o.Table, o.Policy, string.Join(",", o.Columns)))));
            Assert.That(state.ColumnMasking.Where(r => r.Tag is not null), Is.Not.Empty, "tag-based masking reaches columns");
            Assert.That(state.TagAssignments.Count(a => a.Target is ColumnTarget), Is.EqualTo(ops.OfType<SetTag>().Where(o => o.Target is ColumnTarget).Sum(o => o.Tags.Count)));
            Assert.That(state.MaskingPolicies.Concat(state.RowAccessPolicies).Select(p => p.Owner).Distinct(), Is.EqualTo(new[] { "ACCOUNTADMIN" }));
        });
    }

    [Test]
    public void AcmeQueries_AreThePinnedLiveSources()
    {
        using var account = Applied(PlanMode.Column, assignTags: false);
        var recording = new RecordingConnection(account);
        StateReader.ReadStateAsync(recording, StateScope.For(Mesh)).GetAwaiter().GetResult();
        Assert.That(recording.Statements, Has.All.Matches<string>(s => s.StartsWith("SHOW ", StringComparison.Ordinal) || s.StartsWith("DESCRIBE ", StringComparison.Ordinal) || s.StartsWith("SELECT ", StringComparison.Ordinal)));
        AssertGolden("acme-column.queries.sql", string.Join(";\n", recording.Statements) + ";\n");
    }

    [Test]
    public void WhatIsMadeByHand_IsKeptFlaggedAndReported()
    {
        using var account = Applied(PlanMode.Column, assignTags: false);
        foreach (var sql in new[]
                 {
                     "CREATE SCHEMA IF NOT EXISTS GOVERNANCE.ADHOC",
                     "CREATE TAG GOVERNANCE.TAGS.COST_CENTER ALLOWED_VALUES 'b', 'a' COMMENT = 'finance owns it'",
                     "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_BY_HAND AS (V NUMBER(10,2)) RETURNS NUMBER(10,2) -> 0",
                     "CREATE MASKING POLICY GOVERNANCE.ADHOC.MP_ELSEWHERE AS (V VARCHAR) RETURNS VARCHAR -> '#'",
                     "ALTER TABLE SALES.ORDERS.ORDERS MODIFY COLUMN DISCOUNT_CODE SET MASKING POLICY GOVERNANCE.ADHOC.MP_ELSEWHERE",
                     "ALTER TAG GOVERNANCE.TAGS.COST_CENTER SET MASKING POLICY GOVERNANCE.POLICIES.MP_BY_HAND",
                 })
        {
            Emulated.Execute(account, sql);
        }
        var state = Read(account);
        var costCenter = new SchemaObjectName("GOVERNANCE", "TAGS", "COST_CENTER");
        var drift = StateDrift.Findings(state).Select(f => f.Id + " " + f.Target).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(state.FindTag(costCenter)!.AllowedValues, Is.EqualTo(new[] { "b", "a" }), "allowed values keep their order");
            Assert.That(state.IsManaged(state.FindTag(costCenter)!), Is.False);
            Assert.That(state.FindPolicy(PolicyKind.Masking, new SchemaObjectName("GOVERNANCE", "POLICIES", "MP_BY_HAND")), Is.Not.Null, "a foreign policy is kept in the state");
            Assert.That(drift, Is.EqualTo(new[]
            {
                "GOV9018 GOVERNANCE.POLICIES.MP_BY_HAND",
                "GOV9018 GOVERNANCE.TAGS.COST_CENTER",
                "GOV9019 GOVERNANCE.TAGS.COST_CENTER",
                "GOV9019 SALES.ORDERS.ORDERS.DISCOUNT_CODE",
            }));
        });
    }

    [Test]
    public void PolicyDetails_ReadBackExactly_HostileNamesIncluded()
    {
        using var account = Emulated.Account();
        var odd = new SchemaObjectName("SALES", "it's", "Odd \"table\"");
        var snapshot = new MetadataSnapshot(Array.Empty<RoleDefinition>(), new[]
        {
            new Domain("sales", null, new[]
            {
                new DataProduct("odd", "1.0.0", null, "SALES", "it's", new[]
                {
                    new Dataset("Odd \"table\"", DatasetKind.Table, new[]
                    {
                        new Column("e-mail", SnowflakeType.Varchar(64)), new Column("ok?", SnowflakeType.Boolean), new Column("region", SnowflakeType.Varchar(8)),
                    }),
                }),
            }),
        });
        account.CreateDatasets(snapshot);
        var tag = new SchemaObjectName("GOVERNANCE", "TAGS", "pii \\ 'x'");
        var masking = new SchemaObjectName("GOVERNANCE", "POLICIES", "mp \"consent\"");
        var rows = new SchemaObjectName("GOVERNANCE", "POLICIES", "rap;--");
        foreach (var sql in new[]
                 {
                     "CREATE TAG " + tag.Sql + " ALLOWED_VALUES 'it''s', 'back\\\\slash', 'x' COMMENT = 'governance: odd'",
                     "ALTER TAG " + tag.Sql + " DROP ALLOWED_VALUES 'x'",
                     "CREATE MASKING POLICY " + masking.Sql + " AS (VAL STRING, COND_1 BOOLEAN) RETURNS STRING ->\n   CASE WHEN COND_1 THEN VAL ELSE '***' END\n COMMENT = 'governance: consent' EXEMPT_OTHER_POLICIES = TRUE",
                     "CREATE ROW ACCESS POLICY " + rows.Sql + " AS (R VARCHAR) RETURNS BOOLEAN -> R = 'EMEA' COMMENT = 'governance: rows'",
                     "ALTER TABLE " + odd.Sql + " MODIFY COLUMN \"e-mail\" SET MASKING POLICY " + masking.Sql + " USING (\"e-mail\", \"ok?\")",
                     "ALTER TABLE " + odd.Sql + " ADD ROW ACCESS POLICY " + rows.Sql + " ON (\"region\")",
                     "ALTER TABLE " + odd.Sql + " MODIFY COLUMN \"e-mail\" SET TAG " + tag.Sql + " = 'it''s'",
                 })
        {
            Emulated.Execute(account, sql);
        }
        var state = StateReader.ReadStateAsync(account, StateScope.For(snapshot)).GetAwaiter().GetResult();
        var policy = state.FindPolicy(PolicyKind.Masking, masking)!;
        Assert.Multiple(() =>
        {
            Assert.That(state.FindTag(tag)!.AllowedValues, Is.EqualTo(new[] { "it's", "back\\slash" }));
            Assert.That(policy.Arguments, Is.EqualTo(new[] { new PolicyArgumentState("VAL", "VARCHAR"), new PolicyArgumentState("COND_1", "BOOLEAN") }));
            Assert.That(policy.ReturnType, Is.EqualTo("VARCHAR(16777216)"));
            Assert.That(policy.Body, Is.EqualTo("CASE WHEN COND_1 THEN VAL ELSE '***' END"));
            Assert.That(policy.ExemptOtherPolicies, Is.True);
            Assert.That(state.ColumnMasking, Is.EqualTo(new[] { new ColumnMaskingReference(odd, "TABLE", "e-mail", masking, new[] { "ok?" }, null, "ACTIVE") }));
            Assert.That(state.RowAccess, Is.EqualTo(new[] { new RowAccessReference(odd, "TABLE", rows, new[] { "region" }, "ACTIVE") }));
            Assert.That(state.TagAssignments, Is.EqualTo(new[] { new TagAssignmentState(new ColumnTarget(DatasetKind.Table, odd, "e-mail"), tag, "it's") }));
            Assert.That(StateFile.Read(StateFile.Write(state)), Is.EqualTo(state));
        });
    }

    [Test]
    public void ATagWhoseAllowedValuesWereAllDropped_AllowsNone_AndOneWithoutAllowsAny()
    {
        using var account = Emulated.Account();
        Emulated.Execute(account, "CREATE TAG GOVERNANCE.TAGS.NONE ALLOWED_VALUES 'a' COMMENT = 'governance: none'");
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.NONE DROP ALLOWED_VALUES 'a'");
        Emulated.Execute(account, "CREATE TAG GOVERNANCE.TAGS.ANY COMMENT = 'governance: any'");
        var state = StateReader.ReadStateAsync(account, new StateScope(new SchemaName("GOVERNANCE", "POLICIES"), new SchemaName("GOVERNANCE", "TAGS"), Array.Empty<ScopeDataset>()))
            .GetAwaiter().GetResult();
        Assert.Multiple(() =>
        {
            Assert.That(state.FindTag(new SchemaObjectName("GOVERNANCE", "TAGS", "NONE"))!.AllowedValues, Is.Empty);
            Assert.That(state.FindTag(new SchemaObjectName("GOVERNANCE", "TAGS", "ANY"))!.AllowedValues, Is.Null);
        });
    }

    [Test]
    public void ADatasetOfTheSnapshotMissingFromTheAccount_IsReportedWithTheServersMessage()
    {
        using var account = Emulated.Account();
        var e = Assert.ThrowsAsync<StateReadException>(() => StateReader.ReadStateAsync(account, StateScope.For(Mesh)))!;
        Assert.That(e.Message, Does.Contain("does not exist or not authorized"));
        Assert.That(e.Query, Does.Contain("INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME =>"));
    }
}

/// <summary>docs/deploy.md: its sample is the compiled one, and it does what the page says.</summary>
public sealed class StateGuideTests
{
    private static string Page() => File.ReadAllText(TestFiles.Source("docs", "deploy.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Test]
    public void Guide_ContainsTheSampleVerbatim()
    {
        var source = File.ReadAllText(TestFiles.Source("tests", "Governance.Simulation.Tests", "State", "StateSamples.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var m = System.Text.RegularExpressions.Regex.Match(source, @"// begin-snippet: state-export\n(?<code>.*?)\n[ ]*// end-snippet", System.Text.RegularExpressions.RegexOptions.Singleline);
        var lines = m.Groups["code"].Value.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var code = string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).TrimEnd();
        Assert.That(Page(), Does.Contain("```csharp\n" + code + "\n```"));
    }

    [Test]
    public void GuideExcerpts_AppearVerbatimInTheGoldenStateFile()
    {
        var golden = File.ReadAllText(StateEmulatorTests.Golden("acme-column.state.json")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var blocks = System.Text.RegularExpressions.Regex.Matches(Page(), @"```json\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.That(blocks, Has.Count.EqualTo(2));
        foreach (var block in blocks) Assert.That(golden, Does.Contain(block), "excerpt not in the golden state file:\n" + block);
    }

    [Test]
    public async Task Sample_ExportsTheAcmeState_AndReadsItBack()
    {
        using var account = StateEmulatorTests.Applied(PlanMode.Column, assignTags: false);
        var file = Path.Combine(Path.GetTempPath(), "governance-state-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var log = new StringWriter();
            var back = await StateSamples.Export(account, AcmeExample.Mesh(), file, log);
            var again = await StateReader.ReadStateAsync(account, StateScope.For(AcmeExample.Mesh()));
            Assert.Multiple(() =>
            {
                Assert.That(back, Is.EqualTo(again));
                Assert.That(log.ToString(), Is.Empty, "nothing made by hand");
                Assert.That(File.ReadAllText(file), Is.EqualTo(File.ReadAllText(StateEmulatorTests.Golden("acme-column.state.json"))));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }
}
