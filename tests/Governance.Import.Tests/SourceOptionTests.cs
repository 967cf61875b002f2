using System.Text.Json;
using Governance.Cli;

namespace Governance.Import.Tests;

/// <summary>
/// <c>check</c>, <c>plan</c> and <c>simulate</c> read the importers' sources directly (<c>--dbt</c>, <c>--odcs</c>,
/// <c>--mapping</c>), mixed with snapshot files; every finding names the source object beside its Snowflake name.
/// </summary>
public class SourceOptionTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GovernanceCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Example()
    {
        var dir = Path.GetDirectoryName(TestData.Temp("README", ""))!;
        Assert.That(Run("example", "--out", dir).Code, Is.EqualTo(0));
        return dir;
    }

    private static string GlobalPack() => Path.Combine(Example(), "acme-global.rulepack.json");

    private static string PiiManifest => TestData.Dbt(TestData.PiiTags, "manifest.json");

    /// <summary>The Done-when of issue 14: a dbt manifest checked as it is, with nothing in between.</summary>
    [Test]
    public void CheckDbtManifest_ReportsFindingsForTheRealJaffleShopModels_NamingTheDbtNodes()
    {
        var check = Run("check", "--dbt", PiiManifest, "--pack", GlobalPack(), "--format", "json");
        Assert.That(check.Code, Is.EqualTo(GovernanceCli.Violations), check.Err);
        using var report = JsonDocument.Parse(check.Out);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetString() + " " + f.GetProperty("target").GetString(), f => f);
        var pii = findings["GOV3002 JAFFLE_SHOP.MAIN.CUSTOMERS.FIRST_NAME"];
        Assert.Multiple(() =>
        {
            Assert.That(pii.GetProperty("message").GetString(), Does.Contain("tag `PII` on column `FIRST_NAME`"), "the dbt PII tag reaches the taxonomy rule");
            Assert.That(pii.GetProperty("source").GetProperty("name").GetString(), Is.EqualTo("model.jaffle_shop.customers.first_name"));
            Assert.That(pii.GetProperty("source").GetProperty("file").GetString(), Is.EqualTo(PiiManifest));
            Assert.That(findings.Keys, Has.Some.StartsWith("GOV3001 JAFFLE_SHOP.MAIN.ORDERS."), "the orders model is checked too");
            Assert.That(findings.Values.Select(f => f.GetProperty("source").GetProperty("name").GetString()), Has.All.StartWith("model.jaffle_shop.").Or.StartWith("seed.jaffle_shop.").Or.EqualTo("jaffle_shop/main"));
        });

        // The same findings as importing first and checking the snapshot.
        var snapshot = Path.Combine(Path.GetDirectoryName(TestData.Temp("README", ""))!, "imported.json");
        Assert.That(Run("import", "dbt", "--manifest", PiiManifest, "--out", snapshot).Code, Is.EqualTo(0));
        var viaFile = Run("check", snapshot, "--pack", GlobalPack(), "--format", "json");
        using var other = JsonDocument.Parse(viaFile.Out);
        Assert.That(other.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString() + " " + f.GetProperty("target").GetString() + " " + f.GetProperty("message").GetString()),
            Is.EqualTo(report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString() + " " + f.GetProperty("target").GetString() + " " + f.GetProperty("message").GetString())));
    }

    [Test]
    public void CheckDbt_Table_NamesTheDbtNodeUnderTheSnowflakeName()
    {
        var check = Run("check", "--dbt", PiiManifest, "--pack", GlobalPack());
        Assert.That(check.Code, Is.EqualTo(GovernanceCli.Violations), check.Err);
        var line = check.Out.Split('\n').Single(l => l.Contains("GOV3002", StringComparison.Ordinal) && l.Contains("CUSTOMERS.FIRST_NAME", StringComparison.Ordinal));
        Assert.That(line, Does.Contain("JAFFLE_SHOP.MAIN.CUSTOMERS.FIRST_NAME (model.jaffle_shop.customers.first_name)"));
    }

    /// <summary>SARIF: a finding on an object read with --dbt points at the manifest's line of the node, a location the user can open.</summary>
    [Test]
    public void CheckDbt_Sarif_LocatesFindingsInTheManifest()
    {
        var check = Run("check", "--dbt", PiiManifest, "--pack", GlobalPack(), "--format", "sarif");
        Assert.That(check.Code, Is.EqualTo(GovernanceCli.Violations), check.Err);
        using var sarif = JsonDocument.Parse(check.Out);
        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Single(r => r.GetProperty("ruleId").GetString() == "GOV3002" && r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString() == "JAFFLE_SHOP.MAIN.CUSTOMERS.FIRST_NAME");
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        var line = physical.GetProperty("region").GetProperty("startLine").GetInt32();
        Assert.That(physical.GetProperty("artifactLocation").GetProperty("uri").GetString(), Does.EndWith("jaffle-shop-pii-tags-dbt1.8/manifest.json"));
        Assert.That(File.ReadAllLines(PiiManifest)[line - 1], Does.Contain("\"first_name\""), "the line of the column in the manifest");
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Governance.sln"))) root = root.Parent!;
        Assert.That(Governance.Tests.SchemaFile.Load(Path.Combine(root.FullName, "tests", "Governance.Cli.Tests", "Sarif", "sarif-2.1.0.json")).Errors(sarif.RootElement), Is.Empty);
    }

    [Test]
    public void CheckDbtTargetFolder_ReadsManifestAndCatalog()
    {
        var folder = TestData.Path("dbt", TestData.Duckdb112);
        var byFolder = Run("check", "--dbt", folder, "--pack", GlobalPack(), "--format", "json");
        var snapshot = Path.Combine(Path.GetDirectoryName(TestData.Temp("README", ""))!, "duckdb.json");
        Assert.That(Run("import", "dbt", "--manifest", Path.Combine(folder, "manifest.json"), "--catalog", Path.Combine(folder, "catalog.json"), "--out", snapshot).Code, Is.EqualTo(0));
        var byFile = Run("check", snapshot, "--pack", GlobalPack(), "--format", "json");
        Assert.That(byFolder.Code, Is.EqualTo(byFile.Code), byFolder.Err);
        Assert.That(Summary(byFolder.Out), Is.EqualTo(Summary(byFile.Out)), "the catalog's columns are checked too");
    }

    private static string Summary(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("summary").GetRawText();
    }

    [Test]
    public void CheckOdcs_MixedWithASnapshotFile_ChecksBoth_AndNamesTheContractProperty()
    {
        var dir = Example();
        var contract = TestData.Odcs("bitol", "full-example.odcs.yaml");
        var check = Run("check", Path.Combine(dir, "acme-mesh.snapshot.json"), "--odcs", contract, "--pack", Path.Combine(dir, "acme-global.rulepack.json"), "--format", "json");
        Assert.That(check.Code, Is.EqualTo(GovernanceCli.Violations), check.Err);
        using var report = JsonDocument.Parse(check.Out);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var fromContract = findings.Where(f => f.TryGetProperty("source", out var s) && s.GetProperty("file").GetString() == contract).ToList();
        Assert.That(fromContract, Is.Not.Empty, "findings on the contract's objects");
        Assert.That(fromContract.Select(f => f.GetProperty("source").GetProperty("path").GetString()), Has.Some.StartWith("$.schema["));
        Assert.That(findings.Where(f => !f.TryGetProperty("source", out _)).Select(f => f.GetProperty("target").GetString()), Has.Some.StartWith("SALES."), "the snapshot's findings");
    }

    [Test]
    public void PlanAndSimulate_ReadDbtDirectly()
    {
        var pack = GlobalPack();
        var plan = Run("plan", "--dbt", PiiManifest, "--pack", pack, "--allow-errors");
        Assert.That(plan.Code, Is.EqualTo(0), plan.Err);
        Assert.That(plan.Out, Does.Contain("JAFFLE_SHOP"));
        var simulate = Run("simulate", "--dbt", PiiManifest, "--pack", pack, "--role", "PUBLIC", "--format", "json");
        Assert.That(simulate.Code, Is.EqualTo(0), simulate.Err);
        Assert.That(simulate.Out, Does.Contain("CUSTOMERS"));
    }

    [Test]
    public void MappingWithoutASource_IsAUsageError()
    {
        var mapping = TestData.Temp("mapping.yaml", "domains: []\n");
        var check = Run("check", "--mapping", mapping, "--pack", GlobalPack());
        Assert.That(check.Code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(check.Err, Does.Contain("`--mapping` maps what `--dbt` or `--odcs` imports"));
    }

    [Test]
    public void DbtFolderWithoutManifest_IsAnInputErrorNamingIt()
    {
        var empty = Path.Combine(Path.GetDirectoryName(TestData.Temp("README", ""))!, "target");
        Directory.CreateDirectory(empty);
        var check = Run("check", "--dbt", empty, "--pack", GlobalPack());
        Assert.That(check.Code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(check.Err, Does.Contain("error GOV9013: " + empty + ": the folder holds no manifest.json"));
    }
}
