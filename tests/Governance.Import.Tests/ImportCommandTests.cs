using Governance.Cli;

namespace Governance.Import.Tests;

/// <summary><c>governance import …</c> end to end, and the snapshot it writes checked by <c>governance check</c>.</summary>
public class ImportCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GovernanceCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string OutDir() => Path.GetDirectoryName(TestData.Temp("README", ""))!;

    [Test]
    public void ImportDbt_ThenCheck_ReportsFindingsForTheRealJaffleShopModels()
    {
        var dir = OutDir();
        var snapshot = Path.Combine(dir, "s.json");
        var import = Run("import", "dbt", "--manifest", TestData.Dbt(TestData.PiiTags, "manifest.json"), "--out", snapshot);
        Assert.That(import.Code, Is.EqualTo(0), import.Err);
        Assert.That(import.Err, Does.Contain("wrote " + snapshot + ": 1 domains, 1 products, 8 datasets, 27 columns (0 warnings)"));

        Assert.That(Run("example", "--out", dir).Code, Is.EqualTo(0));
        var check = Run("check", snapshot, "--pack", Path.Combine(dir, "acme-global.rulepack.json"), "--format", "json");
        Assert.That(check.Code, Is.EqualTo(GovernanceCli.Violations), check.Err);
        Assert.That(check.Out, Does.Contain("\"target\": \"JAFFLE_SHOP.MAIN.CUSTOMERS.FIRST_NAME\""));
        Assert.That(check.Out, Does.Contain("tag `PII` on column `FIRST_NAME` has value ``"), "the dbt PII tag reaches the taxonomy rule");

        // Every finding on an imported object names the dbt node it came from, beside its Snowflake name.
        using var report = System.Text.Json.JsonDocument.Parse(check.Out);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.That(findings, Is.Not.Empty);
        foreach (var finding in findings)
        {
            var name = finding.GetProperty("source").GetProperty("name").GetString()!;
            Assert.That(name, Does.StartWith("model.jaffle_shop.").Or.StartWith("seed.jaffle_shop.").Or.EqualTo("jaffle_shop/main"), finding.GetProperty("target").GetString());
        }
        var firstName = findings.First(f => f.GetProperty("target").GetString() == "JAFFLE_SHOP.MAIN.CUSTOMERS.FIRST_NAME").GetProperty("source");
        Assert.That((firstName.GetProperty("name").GetString(), firstName.GetProperty("path").GetString(), firstName.GetProperty("line").GetInt64()),
            Is.EqualTo(("model.jaffle_shop.customers.first_name", "$.nodes['model.jaffle_shop.customers'].columns.first_name", 2483L)));
    }

    [Test]
    public void CheckSarif_OfAnImportedSnapshot_PointsAtTheDbtManifestLine_AndFollowsTheSarifSchema()
    {
        var dir = OutDir();
        var snapshot = Path.Combine(dir, "s.json");
        Assert.That(Run("import", "dbt", "--manifest", TestData.Dbt(TestData.PiiTags, "manifest.json"), "--out", snapshot).Code, Is.EqualTo(0));
        Assert.That(Run("example", "--out", dir).Code, Is.EqualTo(0));
        var check = Run("check", snapshot, "--pack", Path.Combine(dir, "acme-global.rulepack.json"), "--format", "sarif");
        Assert.That(check.Code, Is.EqualTo(GovernanceCli.Violations), check.Err);

        using var sarif = System.Text.Json.JsonDocument.Parse(check.Out);
        var results = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();
        var firstName = results.First(r => r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString() == "JAFFLE_SHOP.MAIN.CUSTOMERS.FIRST_NAME");
        // Its own location is the column's element in the snapshot file checked; the related one, where the importer found it.
        var own = firstName.GetProperty("locations")[0].GetProperty("physicalLocation");
        var lines = File.ReadAllLines(snapshot);
        var customers = Array.FindIndex(lines, l => l.Contains("\"name\": \"CUSTOMERS\"", StringComparison.Ordinal));
        var column = Array.FindIndex(lines, customers, l => l.Contains("\"name\": \"FIRST_NAME\"", StringComparison.Ordinal));
        Assert.That(own.GetProperty("artifactLocation").GetProperty("uri").GetString(), Does.EndWith("s.json"));
        Assert.That(own.GetProperty("region").GetProperty("startLine").GetInt64(), Is.EqualTo(column), "the line of the column's `{` (0-based index of its name line)");
        var related = firstName.GetProperty("relatedLocations")[0];
        Assert.That(related.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString(), Does.EndWith("jaffle-shop-pii-tags-dbt1.8/manifest.json"));
        Assert.That(related.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt64(), Is.EqualTo(2483));
        Assert.That(related.GetProperty("message").GetProperty("text").GetString(),
            Is.EqualTo("imported from model.jaffle_shop.customers.first_name at $.nodes['model.jaffle_shop.customers'].columns.first_name"));

        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Governance.sln"))) root = root.Parent!;
        var schema = Governance.Tests.SchemaFile.Load(Path.Combine(root.FullName, "tests", "Governance.Cli.Tests", "Sarif", "sarif-2.1.0.json"));
        Assert.That(schema.Errors(sarif.RootElement), Is.Empty, "SARIF 2.1.0");
    }

    [Test]
    public void ImportedSnapshot_ReadsBackEqual_WithItsSources()
    {
        var snapshot = Path.Combine(OutDir(), "s.json");
        Assert.That(Run("import", "dbt", "--manifest", TestData.Dbt(TestData.PiiTags, "manifest.json"), "--out", snapshot).Code, Is.EqualTo(0));
        var read = SnapshotReader.ReadFile(snapshot);
        var direct = SnapshotImport.Import(new DbtSource(TestData.Dbt(TestData.PiiTags, "manifest.json"))).Snapshot;
        Assert.That(SnapshotWriter.ToJson(read), Is.EqualTo(File.ReadAllText(snapshot)));
        Assert.That(SnapshotWriter.ToJson(read), Is.EqualTo(SnapshotWriter.ToJson(direct)));
        Assert.That(read.Dataset("CUSTOMERS").Column("FIRST_NAME").Source!.Name, Is.EqualTo("model.jaffle_shop.customers.first_name"));
    }

    [Test]
    public void ImportOdcs_TheBitolFolder_ImportsEveryExample()
    {
        var snapshot = Path.Combine(OutDir(), "s.json");
        var result = Run("import", "odcs", TestData.Path("odcs", "bitol"), "--out", snapshot);
        Assert.That(result.Code, Is.EqualTo(0), result.Err);
        Assert.That(result.Err, Does.Contain(": 2 domains, 4 products, 76 datasets, 483 columns"), "domains seller and unassigned");
        Assert.That(result.Err, Does.Contain("warning GOV9014: "));
    }

    [Test]
    public void ImportOdcs_InvalidContract_Exit2_UnlessLenient()
    {
        var snapshot = Path.Combine(OutDir(), "s.json");
        var contract = TestData.Odcs("invalid", "missing-status.odcs.yaml");
        var strict = Run("import", "odcs", contract, "--out", snapshot);
        Assert.That(strict.Code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(strict.Err, Is.EqualTo("error GOV9014: " + contract + ":1: $: missing required property `status` (ODCS v3.1.0 schema); expected a contract that follows the schema, or --lenient to import it with warnings\n"));
        Assert.That(File.Exists(snapshot), Is.False, "nothing is written on an input error");
        var lenient = Run("import", "odcs", contract, "--lenient", "--out", snapshot);
        Assert.That(lenient.Code, Is.EqualTo(0));
        Assert.That(lenient.Err, Does.StartWith("warning GOV9014: " + contract + ":1: $: ODCS v3.1.0 schema: missing required property `status`"));
        Assert.That(File.Exists(snapshot), Is.True);
    }

    [Test]
    public void ImportSnowflake_FromSavedResults()
    {
        var snapshot = Path.Combine(OutDir(), "s.json");
        var result = Run("import", "snowflake", "--columns", TestData.Path("snowflake", "columns.csv"), "--tags", TestData.Path("snowflake", "tags.csv"), "--out", snapshot);
        Assert.That(result.Code, Is.EqualTo(0), result.Err);
        Assert.That(SnapshotReader.ReadFile(snapshot).ColumnCount, Is.EqualTo(9));
    }

    [Test]
    public void ImportSnowflake_FromAnEmulatedAccount_GivesBackItsDatasetsColumnsAndTags()
    {
        var dir = OutDir();
        var account = Path.Combine(dir, "acme.duckdb");
        var applied = Run("apply", "--emulator", account, "--yes");
        Assert.That(applied.Code, Is.EqualTo(GovernanceCli.Ok), applied.Err);
        using (var connection = new Governance.Simulation.EmulatorConnection("Data Source=" + account))
        {
            connection.Open();
            foreach (var sql in new[]
                     {
                         "CREATE TAG GOVERNANCE.TAGS.DATA_CLASS",
                         "CREATE TAG GOVERNANCE.TAGS.STEWARD",
                         "ALTER TABLE SALES.ORDERS.ORDERS MODIFY COLUMN CUSTOMER_EMAIL SET TAG GOVERNANCE.TAGS.DATA_CLASS = 'email'",
                         "ALTER TABLE SALES.ORDERS.ORDERS SET TAG GOVERNANCE.TAGS.STEWARD = 'orders-team'",
                         "ALTER SCHEMA SALES.RETURNS SET TAG GOVERNANCE.TAGS.STEWARD = 'returns-team'",
                     })
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.ExecuteNonQuery();
            }
        }
        var snapshot = Path.Combine(dir, "live.json");
        var import = Run("import", "snowflake", "--emulator", account, "--database", "SALES", "--database", "FINANCE", "--database", "LOGISTICS", "--database", "MARKETING", "--out", snapshot);
        Assert.That(import.Code, Is.EqualTo(GovernanceCli.Ok), import.Err);
        Assert.That(import.Err, Does.Contain("wrote " + snapshot + ": 4 domains, 14 products, 35 datasets, 431 columns (0 warnings)"));

        Assert.That(Run("example", "--out", dir).Code, Is.EqualTo(0));
        var example = SnapshotReader.ReadFile(Path.Combine(dir, "acme-mesh.snapshot.json"));
        var live = SnapshotReader.ReadFile(snapshot);
        static IEnumerable<string> Shape(MetadataSnapshot s) => s.Products().SelectMany(p => p.Datasets.Select(d =>
            p.Database + "." + p.Schema + "." + d.Name + " " + d.Kind + ": " + string.Join(", ", d.Columns.Select(c => c.Name + " " + c.Type.Kind + (c.Nullable ? "" : " NOT NULL")))))
            .Order(StringComparer.Ordinal);
        Assert.That(Shape(live), Is.EqualTo(Shape(example)), "every dataset of the example, of its kind, with its columns in order");

        var orders = live.Products().Single(p => p.Database == "SALES" && p.Schema == "ORDERS").Datasets.Single(d => d.Name == "ORDERS");
        Assert.Multiple(() =>
        {
            Assert.That(orders.Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["STEWARD"] = "orders-team" }));
            Assert.That(orders.Column("CUSTOMER_EMAIL").Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["DATA_CLASS"] = "email" }));
            Assert.That(orders.Columns.Where(c => c.Name != "CUSTOMER_EMAIL").SelectMany(c => c.Tags.Items), Is.Empty, "the table's tag stays on the table");
            Assert.That(live.Products().Single(p => p.Database == "SALES" && p.Schema == "RETURNS").Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["STEWARD"] = "returns-team" }));
        });
    }

    [TestCase("--columns", "columns.csv", "--emulator", "acme.duckdb", "--database", "SALES")]
    [TestCase("--tags", "tags.csv", "--connection-string", "Data Source=:memory:", "--database", "SALES")]
    public void ImportSnowflake_FromFilesAndAnAccount_Exits2_SayingWhichToGive(params string[] options)
    {
        var result = Run(new[] { "import", "snowflake" }.Concat(options).Concat(new[] { "--out", Path.Combine(OutDir(), "s.json") }).ToArray());
        Assert.That((result.Code, result.Err), Is.EqualTo((GovernanceCli.InputError,
            "error: read the catalog either from saved results (`--columns FILE [--tags FILE]`) or from an account (`--connection-string …` with `--provider-assembly PATH`, or `--emulator FILE.duckdb`, and `--database NAME`), not both\n")));
    }

    [Test]
    public void ImportSnowflake_WithNeitherFilesNorAnAccount_Exits2_SayingHowToNameOne()
    {
        var dir = OutDir();
        var result = Run("import", "snowflake", "--out", Path.Combine(dir, "s.json"));
        Assert.That((result.Code, result.Err), Is.EqualTo((GovernanceCli.InputError, "error: name the catalog: `--columns FILE [--tags FILE]`, or an account: `--connection-string …` "
            + "(or the GOVERNANCE_CONNECTION environment variable) with `--provider-assembly PATH`, or `--emulator FILE.duckdb`; with `--database NAME`\n")));
        var noDatabase = Run("import", "snowflake", "--emulator", Path.Combine(dir, "a.duckdb"), "--out", Path.Combine(dir, "s.json"));
        Assert.That((noDatabase.Code, noDatabase.Err), Is.EqualTo((GovernanceCli.InputError, "error: name the databases to read: `--database NAME`, once per database\n")));
        var missing = Run("import", "snowflake", "--emulator", Path.Combine(dir, "none.duckdb"), "--database", "SALES", "--out", Path.Combine(dir, "s.json"));
        Assert.That((missing.Code, missing.Err), Is.EqualTo((GovernanceCli.InputError, "error: cannot open the emulated account `" + Path.Combine(dir, "none.duckdb") + "`: the file does not exist\n")));
        Assert.That(File.Exists(Path.Combine(dir, "none.duckdb")), Is.False, "a read creates no account");
    }

    private static string DuckDbProvider => typeof(DuckDB.NET.Data.DuckDBConnection).Assembly.Location;

    [Test]
    public void ImportSnowflake_AFailingConnection_FromTheOptionOrTheEnvironment_Exits2_AndNoSecretAppears()
    {
        var dir = OutDir();
        var snapshot = Path.Combine(dir, "s.json");
        const string secret = "Sup3r-Secret;Pa55";
        var unreachable = "Data Source=" + Path.Combine(dir, "no", "such", "dir", "x.duckdb") + ";Password=\"" + secret + "\";token=t0k3n-value";
        var fromOption = Run("import", "snowflake", "--connection-string", unreachable, "--provider-assembly", DuckDbProvider, "--database", "SALES", "--out", snapshot);
        (int Code, string Out, string Err) fromEnvironment;
        Environment.SetEnvironmentVariable(AccountOptions.ConnectionVariable, unreachable);
        try
        {
            fromEnvironment = Run("import", "snowflake", "--provider-assembly", DuckDbProvider, "--database", "SALES", "--out", snapshot);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AccountOptions.ConnectionVariable, null);
        }
        // A provider that connects but is not Snowflake: the catalog query fails with the server's message, no secret in it.
        var notSnowflake = Run("import", "snowflake", "--connection-string", "Data Source=:memory:;password=hunter2", "--provider-assembly", DuckDbProvider, "--database", "hunter2", "--out", snapshot);
        Assert.Multiple(() =>
        {
            foreach (var (code, output, err) in new[] { fromOption, fromEnvironment })
            {
                Assert.That(code, Is.EqualTo(GovernanceCli.InputError), err);
                Assert.That(err, Does.StartWith("error: cannot connect to the account: "));
                Assert.That(output + err, Does.Not.Contain("Sup3r").And.Not.Contain("Pa55").And.Not.Contain("t0k3n"));
            }
            Assert.That(notSnowflake.Code, Is.EqualTo(GovernanceCli.InputError), notSnowflake.Err);
            Assert.That(notSnowflake.Err, Does.StartWith("error: cannot read the catalog of the account of the connection string: "));
            Assert.That(notSnowflake.Out + notSnowflake.Err, Does.Not.Contain("hunter2"));
            Assert.That(File.Exists(snapshot), Is.False);
        });
    }

    [Test]
    public void BadInput_Exit2_NamesFilePathAndExpectation_AndWritesNothing()
    {
        var dir = OutDir();
        var snapshot = Path.Combine(dir, "s.json");
        var badMapping = TestData.Temp("mapping.yaml", "products:\n  - match: { folder: marts }\n    domian: sales\n");
        var mapping = Run("import", "dbt", "--manifest", TestData.Dbt(TestData.PiiTags, "manifest.json"), "--mapping", badMapping, "--out", snapshot);
        Assert.That(mapping.Code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(mapping.Err, Is.EqualTo("error GOV9016: " + badMapping + ":3: $.products[0].domian: unknown key `domian`; did you mean `domain`?\n"));

        var untyped = Run("import", "dbt", "--manifest", TestData.Dbt(TestData.Duckdb112, "manifest.json"), "--out", snapshot);
        Assert.That(untyped.Code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(untyped.Err, Does.StartWith("error GOV9013: " + TestData.Dbt(TestData.Duckdb112, "manifest.json") + ":1: $.nodes['model.jaffle_shop."));
        Assert.That(untyped.Err, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(Directory.GetFiles(dir), Has.None.EndsWith("s.json"));
        Assert.That(Directory.GetFiles(dir), Has.None.Contains(".tmp-"));
    }

    [Test]
    public void Import_IsDeterministic_SameInputSameBytes()
    {
        var dir = OutDir();
        var a = Path.Combine(dir, "a.json");
        var b = Path.Combine(dir, "b.json");
        Run("import", "dbt", "--manifest", TestData.Dbt(TestData.Stripe, "manifest.json"), "--catalog", TestData.Dbt(TestData.Stripe, "catalog.json"), "--out", a);
        Run("import", "dbt", "--manifest", TestData.Dbt(TestData.Stripe, "manifest.json"), "--catalog", TestData.Dbt(TestData.Stripe, "catalog.json"), "--out", b);
        Assert.That(File.ReadAllBytes(b), Is.EqualTo(File.ReadAllBytes(a)));
    }
}

/// <summary>Large inputs report progress on stderr; small ones do not.</summary>
public class ImportProgressTests
{
    private static string Run(long progressBytes, string output)
    {
        var stderr = new StringWriter();
        var root = new System.CommandLine.RootCommand { ImportCommand.Create(stderr, progressBytes) };
        var code = root.Parse(new[] { "import", "dbt", "--manifest", TestData.Dbt(TestData.Stripe, "manifest.json"), "--catalog", TestData.Dbt(TestData.Stripe, "catalog.json"), "--out", output })
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = stderr });
        Assert.That(code, Is.EqualTo(0), stderr.ToString());
        return stderr.ToString();
    }

    [Test]
    public void LargeInput_ReportsProgressOnStderr_SmallInputDoesNot()
    {
        var output = Path.Combine(Path.GetDirectoryName(TestData.Temp("README", ""))!, "s.json");
        var large = Run(progressBytes: 1024, output);
        Assert.That(large, Does.Contain("read 121 catalog nodes from ").And.Contain("manifest nodes from ").And.Contain("mapped 27 datasets"));
        var small = Run(ImportCommand.ProgressBytes, output);
        Assert.That(small, Does.Not.Contain("catalog nodes from"));
    }
}
