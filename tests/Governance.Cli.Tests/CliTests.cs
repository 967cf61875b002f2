using System.Text.Json;
using Governance.Cli;
using Governance.Tests;

namespace Governance.Cli.Tests;

public class CliTests : CliFixture
{
    [Test]
    public void Check_WithoutArguments_ChecksBundledExampleAndExitsOneOnErrors()
    {
        var (code, output, err) = Run("check");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations));
            Assert.That(output, Does.Contain("Findings").And.Contain("Masking decisions").And.Contain("Row access decisions"));
            Assert.That(err, Does.Contain("bundled Acme example"));
        });
    }

    [Test]
    public void Check_Example_ShowsEveryRuleKindInFindingsAndDecisions()
    {
        var (_, output, _) = Run("check", "--format", "json", "--fail-on", "never");
        using var doc = JsonDocument.Parse(output);
        var ids = doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        var decisions = doc.RootElement.GetProperty("decisions");
        Assert.Multiple(() =>
        {
            Assert.That(ids, Has.Some.StartsWith("GOV1"), "masking findings");
            Assert.That(ids, Has.Some.StartsWith("GOV3"), "tagging findings");
            Assert.That(ids, Has.Some.StartsWith("GOV4"), "naming findings");
            Assert.That(decisions.GetProperty("masking").GetArrayLength(), Is.GreaterThan(0));
            Assert.That(decisions.GetProperty("rowAccess").GetArrayLength(), Is.GreaterThan(0));
        });
    }

    [Test]
    public void Check_ExampleWrittenOut_ReproducesTheDefaultRunsFindings()
    {
        var dir = ExampleFiles();
        var snapshots = Directory.GetFiles(dir, "*.snapshot.json");
        var packs = Directory.GetFiles(dir, "*.rulepack.json");
        Assert.That(snapshots, Is.Not.Empty);
        Assert.That(packs, Has.Length.EqualTo(2));
        var args = new List<string> { "check", "--format", "json" };
        args.AddRange(snapshots);
        foreach (var p in packs) { args.Add("--pack"); args.Add(p); }
        var fromFiles = Run(args.ToArray());
        var embedded = Run("check", "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(fromFiles.Code, Is.EqualTo(embedded.Code));
            Assert.That(fromFiles.Out, Is.EqualTo(embedded.Out));
        });
    }

    [Test]
    public void Check_Json_IsDeterministic()
    {
        var first = Run("check", "--format", "json").Out;
        var second = Run("check", "--format", "json").Out;
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Check_Sarif_HasVersionRulesWithHelpUrisAndOneResultPerFinding()
    {
        var json = Run("check", "--format", "json").Out;
        var sarif = Run("check", "--format", "sarif").Out;
        using var findings = JsonDocument.Parse(json);
        using var doc = JsonDocument.Parse(sarif);
        var run = doc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(doc.RootElement.GetProperty("version").GetString(), Is.EqualTo("2.1.0"));
            Assert.That(doc.RootElement.GetProperty("$schema").GetString(), Does.Contain("sarif-2.1.0"));
            Assert.That(results, Has.Count.EqualTo(findings.RootElement.GetProperty("findings").GetArrayLength()));
            Assert.That(rules.Select(r => r.GetProperty("helpUri").GetString()), Has.All.Match(@"docs/rules/GOV\d{4}\.md$"));
            foreach (var r in results)
            {
                var index = r.GetProperty("ruleIndex").GetInt32();
                Assert.That(rules[index].GetProperty("id").GetString(), Is.EqualTo(r.GetProperty("ruleId").GetString()));
                Assert.That(r.GetProperty("level").GetString(), Is.AnyOf("error", "warning", "note"));
            }
        });
    }

    [Test]
    public void Check_JsonAndSarif_NameEachFindingsProductByIdentity_BesideItsSnowflakeTarget()
    {
        var products = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in Governance.Examples.AcmeExample.Mesh().Domains)
        {
            foreach (var p in d.Products)
            {
                products[Targets.Of(p)] = d.Name + "/" + p.Name;
                foreach (var x in p.Datasets)
                {
                    products[Targets.Of(p, x)] = d.Name + "/" + p.Name;
                    foreach (var c in x.Columns) products[Targets.Of(p, x, c)] = d.Name + "/" + p.Name;
                }
            }
        }
        using var json = JsonDocument.Parse(Run("check", "--format", "json").Out);
        using var sarif = JsonDocument.Parse(Run("check", "--format", "sarif").Out);
        var fromJson = json.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Target: f.GetProperty("target").GetString()!, Product: f.TryGetProperty("product", out var p) ? p.GetString() : null)).ToList();
        var fromSarif = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (Target: r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString()!,
                Product: r.TryGetProperty("properties", out var props) && props.TryGetProperty("product", out var p) ? p.GetString() : null)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(fromJson.Where(f => f.Product is not null), Is.Not.Empty);
            Assert.That(fromJson.Select(f => f.Product), Is.EqualTo(fromJson.Select(f => products.GetValueOrDefault(f.Target))));
            Assert.That(fromSarif, Is.EqualTo(fromJson));
        });
    }

    [Test]
    public void Check_Sarif_ValidatesAgainstTheSarif210Schema()
    {
        var schema = Governance.Tests.SchemaFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "Sarif", "sarif-2.1.0.json"));
        var dir = ExampleFiles();
        var args = new List<string> { "check", "--format", "sarif", "--fail-on", "never" };
        args.AddRange(ExampleInputs());
        var (_, sarif, _) = Run(args.ToArray());
        Assert.That(schema.Errors(sarif), Is.Empty);
        // The check has teeth: a result without the required message is refused.
        var broken = sarif.Replace("\"message\": {", "\"messageX\": {", StringComparison.Ordinal);
        Assert.That(schema.Errors(broken), Is.Not.Empty);
    }

    [Test]
    public void Check_FailOnNever_ExitsZero() => Assert.That(Run("check", "--fail-on", "never").Code, Is.EqualTo(0));

    [Test]
    public void Check_SnapshotWithoutPack_IsUsageError()
    {
        var dir = ExampleFiles();
        var (code, output, err) = Run("check", Directory.GetFiles(dir, "*.snapshot.json")[0]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("no rule pack given"));
        });
    }

    [Test]
    public void Check_TamperedManifest_IsInputErrorNamingTheHash()
    {
        var dir = ExampleFiles();
        var pack = Path.Combine(dir, "acme-global.rulepack.json");
        File.WriteAllText(pack, File.ReadAllText(pack).Replace("\"PII_READER\"", "\"ANALYST\"", StringComparison.Ordinal));
        var (code, output, err) = Run("check", Path.Combine(dir, "acme-mesh.snapshot.json"), "--pack", pack);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("GOV9003").And.Contain("acme-global.rulepack.json").And.Contain("edited after it was published"));
            Assert.That(err, Does.Not.Contain("   at "), "no stack trace");
        });
    }

    [Test]
    public void Check_MalformedSnapshot_IsInputErrorWithFileAndLine()
    {
        var dir = ExampleFiles();
        var bad = Path.Combine(dir, "bad.snapshot.json");
        File.WriteAllText(bad, "{\n  \"format\": \"governance.snapshot/v1\",\n  \"domains\": [ oops ]\n}\n");
        var (code, _, err) = Run("check", bad, "--pack", Path.Combine(dir, "acme-global.rulepack.json"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Does.Contain("GOV9001").And.Contain("bad.snapshot.json:3"));
        });
    }

    [Test]
    public void Check_WaiverFile_MarksFindingsWaived()
    {
        var dir = ExampleFiles();
        var (_, json, _) = Run("check", "--format", "json", "--fail-on", "never");
        using var doc = JsonDocument.Parse(json);
        var first = doc.RootElement.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("rule").ValueKind == JsonValueKind.String);
        var waivers = Path.Combine(dir, "waivers.json");
        File.WriteAllText(waivers, JsonSerializer.Serialize(new
        {
            waivers = new[] { new { rule = first.GetProperty("rule").GetString(), target = first.GetProperty("target").GetString(), reason = "migration", owner = "team@acme.example", expires = "2999-12-31" } },
        }));
        var args = new List<string> { "check", "--format", "json", "--fail-on", "never", "--waivers", waivers };
        args.AddRange(ExampleInputs());
        var (code, output, err) = Run(args.ToArray());
        Assert.That(code, Is.EqualTo(0), err);
        using var waived = JsonDocument.Parse(output);
        Assert.That(waived.RootElement.GetProperty("summary").GetProperty("waived").GetInt32(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public void Check_WaiverForUnknownRule_IsInputError()
    {
        var dir = ExampleFiles();
        var waivers = Path.Combine(dir, "waivers.json");
        File.WriteAllText(waivers, """{"waivers":[{"rule":"acme-global/nope","target":"*","reason":"r","owner":"o","expires":"2030-01-01"}]}""");
        var args = new List<string> { "check", "--waivers", waivers };
        args.AddRange(ExampleInputs());
        var (code, _, err) = Run(args.ToArray());
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain("GOV9005").And.Contain("acme-global/nope"));
    }

    [Test]
    public void Pack_ExamplesAssembly_WritesManifestsEqualToTheExampleCommands()
    {
        var examples = typeof(Governance.Examples.AcmeGlobalPack).Assembly.Location;
        var packDir = Path.Combine(Dir, "packs");
        var (code, _, err) = Run("pack", examples, "--out", packDir);
        Assert.That(code, Is.EqualTo(0), err);
        var exampleDir = ExampleFiles();
        foreach (var file in Directory.GetFiles(packDir))
            Assert.That(File.ReadAllText(file), Is.EqualTo(File.ReadAllText(Path.Combine(exampleDir, Path.GetFileName(file)))));
        Assert.That(Directory.GetFiles(packDir).Select(Path.GetFileName), Is.EquivalentTo(new[] { "acme-global.rulepack.json", "acme-finance.rulepack.json" }));
    }

    [Test]
    public void Pack_NotAnAssembly_IsInputError()
    {
        var file = Path.Combine(Dir, "x.dll");
        File.WriteAllText(file, "not an assembly");
        var (code, _, err) = Run("pack", file, "--out", Path.Combine(Dir, "out"));
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain("not a .NET assembly"));
        Assert.That(Directory.Exists(Path.Combine(Dir, "out")), Is.False, "nothing written");
    }

    [Test]
    public void UnknownOption_IsUsageError() => Assert.That(Run("check", "--formatt", "json").Code, Is.EqualTo(GovernanceCli.InputError));
}

public class CheckAssemblyTests : CliFixture
{
    [Test]
    public void CheckAssembly_MissingFile_IsAUsageError()
    {
        var (code, output, err) = Run("check", "--assembly", Path.Combine(ExampleFiles(), "missing.dll"), "--pack", Path.Combine(ExampleFiles(), "acme-global.rulepack.json"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Does.Contain("missing.dll").And.Contain("does not exist"));
            Assert.That(output, Is.Empty);
        });
    }

    [Test]
    public void CheckAssembly_NotAnAssembly_IsAUsageError()
    {
        var notDll = Path.Combine(ExampleFiles(), "acme-mesh.snapshot.json");
        var (code, _, err) = Run("check", "--assembly", notDll, "--pack", Path.Combine(ExampleFiles(), "acme-global.rulepack.json"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Does.Contain("is not a .NET assembly"));
        });
    }

    [Test]
    public void CheckAssembly_WithoutDefinitions_ChecksNothingAndSucceeds()
    {
        // The Examples assembly defines rule packs, not products: an empty mesh, no findings.
        var (code, output, err) = Run("check", "--assembly", typeof(Governance.Examples.AcmeExample).Assembly.Location,
            "--pack", Path.Combine(ExampleFiles(), "acme-global.rulepack.json"), "--format", "json");
        using var doc = JsonDocument.Parse(output);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
            Assert.That(doc.RootElement.GetProperty("findings").GetArrayLength(), Is.Zero);
        });
    }
    /// <summary>An assembly of product definitions, compiled into the test's folder (no PDB).</summary>
    private string Definitions(string name, string source)
    {
        var compilation = TestCompilation.Compile(name, ("using System;\nusing Governance;\nnamespace Mesh;\n" + source, name + ".cs"));
        var dll = Path.Combine(Dir, name + ".dll");
        Microsoft.CodeAnalysis.Emit.EmitResult emit;
        using (var pe = File.Create(dll)) emit = compilation.Emit(pe);
        Assert.That(emit.Success, Is.True, string.Join("\n", emit.Diagnostics));
        return dll;
    }

    private const string LedgerSnapshot = """
        { "format": "governance.snapshot/v1", "domains": [ { "name": "finance", "products": [
          { "name": "ledger", "database": "FINANCE", "schema": "LEDGER", "datasets": [] } ] } ] }
        """;

    [Test]
    public void CheckAssembly_DefiningAProductASnapshotDefines_IsGov9010_NamingBoth()
    {
        var snapshot = Path.Combine(Dir, "finance.snapshot.json");
        File.WriteAllText(snapshot, LedgerSnapshot);
        var dll = Definitions("Finance.Products", """[DataProduct("finance", "ledger", Schema = "LEDGER2")] public static class Ledger { }""");

        var (code, output, err) = Run("check", snapshot, "--assembly", dll, "--pack", Path.Combine(ExampleFiles(), "acme-global.rulepack.json"));

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain(dll + ": duplicate product `finance/ledger` (also at " + snapshot + ": $.domains[0].products[0])").And.Contain("GOV9010"));
        });
    }

    [Test]
    public void CheckAssembly_UsingASchemaASnapshotUses_IsGov9010_NamingBoth()
    {
        var snapshot = Path.Combine(Dir, "finance.snapshot.json");
        File.WriteAllText(snapshot, LedgerSnapshot);
        var dll = Definitions("Finance.Budget", """[DataProduct("finance", "budget", Schema = "LEDGER")] public static class Budget { }""");

        var (code, _, err) = Run("check", snapshot, "--assembly", dll, "--pack", Path.Combine(ExampleFiles(), "acme-global.rulepack.json"));

        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain(dll + ": database `FINANCE` schema `LEDGER` is already used by another product (at " + snapshot + ": $.domains[0].products[0])"));
    }

    [Test]
    public void CheckAssemblies_OfOneDomain_AreOneDomain_WithTheProductsOfBoth()
    {
        var ledger = Definitions("Finance.Ledger", """[DataProduct("finance", "ledger", Owner = "l@acme.example")] public static class Ledger { }""");
        var budget = Definitions("Finance.Budget", """[DataProduct("finance", "budget", Owner = "b@acme.example")] public static class Budget { }""");

        var (code, output, err) = Run("check", "--assembly", ledger, "--assembly", budget, "--pack", Path.Combine(ExampleFiles(), "acme-global.rulepack.json"), "--format", "json");

        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        using var doc = JsonDocument.Parse(output);
        Assert.That(doc.RootElement.GetProperty("summary").GetProperty("products").GetInt32(), Is.EqualTo(2));
    }
}
