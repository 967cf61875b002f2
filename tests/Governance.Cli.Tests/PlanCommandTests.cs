using Governance.Cli;

namespace Governance.Cli.Tests;

public class PlanCommandTests : CliFixture
{
    [Test]
    public void Plan_WithoutArguments_WritesTheExamplesColumnModeScriptToStdout()
    {
        var (code, output, err) = Run("plan", "--allow-errors");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
            Assert.That(output, Does.StartWith("-- CHECK ERRORS (10): `governance check` fails on these inputs"));
            Assert.That(output, Does.Contain("\n-- Snowflake governance plan"));
            Assert.That(output, Does.Contain("-- Mode: column"));
            Assert.That(output, Does.Contain("CREATE MASKING POLICY IF NOT EXISTS \"GOVERNANCE\".\"POLICIES\".\"MP_MASK_EMAIL_TEXT\""));
            Assert.That(output, Does.Contain("ADD ROW ACCESS POLICY"));
            Assert.That(output, Does.Not.Contain("CREATE OR REPLACE"));
            Assert.That(output, Does.Not.Contain("SET TAG"), "tags are assigned only with --assign-tags");
            Assert.That(err, Does.Contain("bundled Acme example").And.Contain("GOV1004").And.Contain("GOV1009").And.Contain("0 errors, 2 warnings;"));
            Assert.That(err, Does.Contain("warning: planned with 10 error findings (`--allow-errors`)"));
        });
    }

    [Test]
    public void Plan_Out_WritesTheSameScriptToAFile()
    {
        var path = Path.Combine(Dir, "out", "plan.sql");
        var (code, output, err) = Run("plan", "--out", path, "--assign-tags", "--allow-errors");
        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.Contain("wrote " + path));
        var stdout = Run("plan", "--assign-tags", "--allow-errors").Out;
        Assert.That(File.ReadAllText(path), Is.EqualTo(stdout));
        Assert.That(stdout, Does.Contain("SET TAG \"GOVERNANCE\".\"TAGS\".\"DATA_DOMAIN\" = 'sales'"));
    }

    [Test]
    public void Plan_WithAnErrorFinding_ExitsOne_AndStillWritesTheScriptWithTheErrorsOnTop()
    {
        // The example's materialized view says it reads ORDERS, whose masked columns and row access Snowflake would refuse.
        Assert.That(Run("example", "--out", Dir).Code, Is.EqualTo(0));
        var snapshot = Directory.GetFiles(Dir, "*.snapshot.json").Single();
        var json = File.ReadAllText(snapshot);
        var mv = "\"name\": \"DAILY_ORDER_SUMMARY\",";
        Assert.That(json, Does.Contain(mv));
        File.WriteAllText(snapshot, json.Replace(mv, mv + " \"sources\": [\"SALES.ORDERS.ORDERS\"],", StringComparison.Ordinal));
        var path = Path.Combine(Dir, "plan.sql");
        var (code, _, err) = Run(ExampleInputs().Prepend("plan").Concat(new[] { "--mode", "tag", "--out", path }).ToArray());
        Assert.That(code, Is.EqualTo(GovernanceCli.Violations), err);
        Assert.That(err, Does.Contain("error GOV1008 SALES.ORDERS.ORDERS.TOTAL_AMOUNT").And.Contain("error GOV2004 SALES.ORDERS.ORDERS"));
        var script = File.ReadAllText(path);
        Assert.That(script.IndexOf("-- ERRORS (", StringComparison.Ordinal), Is.GreaterThan(0)
            .And.LessThan(script.IndexOf("\nCREATE TAG", StringComparison.Ordinal)));
        Assert.That(script, Does.Not.Contain("\"SALES\".\"ORDERS\".\"ORDERS\" MODIFY COLUMN").And.Not.Contain("\"SALES\".\"ORDERS\".\"ORDERS\" ADD ROW ACCESS"));
        Assert.That(script, Does.Contain("ALTER TAG \"GOVERNANCE\".\"TAGS\".\"PII\" SET MASKING POLICY"));
    }

    [Test]
    public void Plan_Role_StartsTheScriptWithUseRole()
    {
        var (code, output, err) = Run("plan", "--role", "GOVERNANCE_ADMIN", "--allow-errors");
        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        Assert.That(output, Does.Contain("\nUSE ROLE \"GOVERNANCE_ADMIN\";\nALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;\n"));
        Assert.That(output.IndexOf("USE ROLE", StringComparison.Ordinal), Is.LessThan(output.IndexOf("CREATE TAG", StringComparison.Ordinal)));
        Assert.That(Run("plan").Out, Does.Not.Contain("USE ROLE"));
    }

    [Test]
    public void Plan_ExampleWrittenOut_GivesTheSameScriptAsTheEmbeddedDefault()
    {
        Assert.That(Run("example", "--out", Dir).Code, Is.EqualTo(0));
        var args = new List<string> { "plan" };
        args.AddRange(ExampleInputs());
        var fromFiles = Run(args.ToArray());
        Assert.That(fromFiles.Code, Is.EqualTo(GovernanceCli.Violations), fromFiles.Err);
        Assert.That(fromFiles.Out, Is.EqualTo(Run("plan").Out));
    }

    [TestCase("plan", "--mode", "rows")]
    [TestCase("plan", "--policy-schema", "POLICIES")]
    [TestCase("plan", "--tag-schema", "A.B.C")]
    [TestCase("plan", "missing.snapshot.json", "--pack", "missing.rulepack.json")]
    [TestCase("plan", "only.snapshot.json")]
    [TestCase("plan", "--role", "")]
    public void Plan_InputErrors_ExitTwo(params string[] args)
    {
        var (code, output, err) = Run(args);
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError), err);
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.Contain("error"));
    }

    [Test]
    public void Plan_SnapshotThatDoesNotParse_ExitsTwo()
    {
        Assert.That(Run("example", "--out", Dir).Code, Is.EqualTo(0));
        var bad = Path.Combine(Dir, "bad.snapshot.json");
        File.WriteAllText(bad, "{ not json");
        var args = new List<string> { "plan", bad };
        foreach (var p in Directory.GetFiles(Dir, "*.rulepack.json")) { args.Add("--pack"); args.Add(p); }
        var (code, _, err) = Run(args.ToArray());
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError), err);
    }

    /// <summary>Issue 11's trial: `check` rejects the inputs, so `plan` must not quietly compile them.</summary>
    [Test]
    public void Plan_WithCheckErrors_ExitsOne_WritesThemOnTop_AndSaysWhatStaysInClear()
    {
        var (snapshot, pack) = TrialInputs();
        var path = Path.Combine(Dir, "plan.sql");

        var (code, _, err) = Run("plan", snapshot, "--pack", pack, "--out", path);

        var script = File.ReadAllText(path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations), err);
            Assert.That(err, Does.Contain("error: 1 error finding (listed at the top of the script); left in clear: `SALES.ORDERS.CUSTOMERS.EMAIL`; fix or waive them, or pass `--allow-errors` to plan anyway"));
            Assert.That(script, Does.StartWith("-- CHECK ERRORS (1)"));
            Assert.That(script, Does.Contain("--   GOV3002 SALES.ORDERS.CUSTOMERS.EMAIL: tag `PII` on column `EMAIL` has value `emial`"));
            Assert.That(script, Does.Contain("-- Left in clear by this script (no masking policy): SALES.ORDERS.CUSTOMERS.EMAIL."));
        });
        var allowed = Run("plan", snapshot, "--pack", pack, "--allow-errors");
        Assert.That(allowed.Code, Is.EqualTo(GovernanceCli.Ok), allowed.Err);
        Assert.That(allowed.Out, Is.EqualTo(script));
        Assert.That(allowed.Err, Does.Contain("warning: planned with 1 error finding (`--allow-errors`), listed at the top of the script; left in clear: `SALES.ORDERS.CUSTOMERS.EMAIL`"));
    }

    [Test]
    public void Plan_WaivedCheckErrors_DoNotBlock()
    {
        var (snapshot, pack) = TrialInputs();
        var waivers = Path.Combine(Dir, "waivers.json");
        File.WriteAllText(waivers, """{"waivers":[{"rule":"board/taxonomy","target":"SALES.ORDERS.CUSTOMERS.EMAIL","reason":"fixed in the next load","owner":"sales@acme.example","expires":"2099-01-01"}]}""");

        var (code, output, err) = Run("plan", snapshot, "--pack", pack, "--waivers", waivers, "--max-waiver-days", "100000");

        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        Assert.That(output, Does.StartWith("-- Snowflake governance plan"));
    }

    [Test]
    public void Plan_PolicyAndTagSchemas_FromTheCommandLine()
    {
        var (code, output, err) = Run("plan", "--allow-errors", "--mode", "tag", "--policy-schema", "SECURITY.\"Masking.Policies\"", "--tag-schema", "SECURITY.TAGS");

        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        Assert.That(output, Does.Contain("CREATE MASKING POLICY IF NOT EXISTS \"SECURITY\".\"Masking.Policies\"."));
        Assert.That(output, Does.Contain("CREATE TAG IF NOT EXISTS \"SECURITY\".\"TAGS\".\"PII\""));
        Assert.That(output, Does.Not.Contain("\"GOVERNANCE\".\"POLICIES\"").And.Not.Contain("\"GOVERNANCE\".\"TAGS\""));
    }

    /// <summary>A board pack with a taxonomy and an e-mail masking rule, and a snapshot with <c>"PII": "emial"</c>.</summary>
    /// <summary>A mesh where hundreds of thousands of columns stay in clear must not print them all on one stderr line.</summary>
    [Test]
    public void Plan_ManyColumnsLeftInClear_NamesTheFirstFew_AndSaysWhereTheRestAre()
    {
        var (snapshot, pack) = TrialInputs(columns: 12);
        var path = Path.Combine(Dir, "plan.sql");

        var (code, _, err) = Run("plan", snapshot, "--pack", pack, "--out", path);

        var script = File.ReadAllText(path);
        var all = Enumerable.Range(1, 12).Select(i => "SALES.ORDERS.CUSTOMERS.EMAIL_" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var refusal = err.Split('\n').Single(l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations), err);
            Assert.That(refusal, Is.EqualTo("error: 12 error findings (listed at the top of the script); left in clear: 12 columns, "
                + string.Join(", ", all.Take(5).Select(t => "`" + t + "`"))
                + " and 7 more (the script lists them all at the top); fix or waive them, or pass `--allow-errors` to plan anyway"));
            Assert.That(refusal, Does.Not.Contain(all[5]));
            Assert.That(script, Does.Contain("-- Left in clear by this script (no masking policy): " + string.Join(", ", all) + "."));
        });
        var allowed = Run("plan", snapshot, "--pack", pack, "--allow-errors", "--out", path);
        Assert.That(allowed.Code, Is.EqualTo(GovernanceCli.Ok), allowed.Err);
        Assert.That(allowed.Err, Does.Contain("warning: planned with 12 error findings (`--allow-errors`), listed at the top of the script; left in clear: 12 columns, `"
            + all[0] + "`, `" + all[1] + "`, `" + all[2] + "`, `" + all[3] + "`, `" + all[4] + "` and 7 more (the script lists them all at the top)"));
    }

    private (string Snapshot, string Pack) TrialInputs(int columns = 1)
    {
        var pack = RulePackBuilder.Global("board", "1.0.0", "board")
            .Tag("PII", "", "email", "phone")
            .Masking("mask.email", "Mask e-mail", r => r.Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain))
            .Build();
        var packPath = Path.Combine(Dir, "board.rulepack.json");
        File.WriteAllText(packPath, ManifestCodec.Write(pack));
        var snapshotPath = Path.Combine(Dir, "mesh.snapshot.json");
        File.WriteAllText(snapshotPath, """
            {
              "format": "governance.snapshot/v1",
              "domains": [ { "name": "sales", "products": [ { "name": "orders", "database": "SALES", "schema": "ORDERS", "owner": "o",
                "datasets": [ { "name": "CUSTOMERS", "kind": "table", "columns": [
                  COLUMNS
                ] } ] } ] } ]
            }
            """.Replace("COLUMNS", string.Join(",\n", Enumerable.Range(1, columns).Select(i =>
                "{ \"name\": \"" + (columns == 1 ? "EMAIL" : "EMAIL_" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture))
                + "\", \"type\": \"VARCHAR(256)\", \"tags\": { \"PII\": \"emial\" } }")), StringComparison.Ordinal));
        return (snapshotPath, packPath);
    }
}
