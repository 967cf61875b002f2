using System.Diagnostics;
using System.Text.Json;
using Governance.Cli;
using Governance.Tests;
using Microsoft.CodeAnalysis;

namespace Governance.Cli.Tests;

/// <summary>
/// SARIF that GitHub code scanning shows properly: every result has a file and a line (the snapshot element, the C#
/// definition, the waiver), rules have readable names, help and links to the configured documentation, and the log
/// passes the SARIF 2.1.0 schema and the SARIF Multitool's GitHub rules.
/// </summary>
public class SarifTests : CliFixture
{
    private List<string> ExampleArgs(params string[] first)
    {
        ExampleFiles();
        var args = new List<string>(first);
        args.AddRange(ExampleInputs());
        return args;
    }

    private static List<JsonElement> Results(string sarif)
    {
        using var doc = JsonDocument.Parse(sarif);
        return doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.Clone()).ToList();
    }

    private static (string Uri, int Line) Where(JsonElement result)
    {
        var physical = result.GetProperty("locations")[0].GetProperty("physicalLocation");
        return (physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!, physical.GetProperty("region").GetProperty("startLine").GetInt32());
    }

    private static string Target(JsonElement result) => result.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString()!;

    [Test]
    public void SnapshotFindings_PointAtTheLineOfTheirElementInTheSnapshotFile()
    {
        var (_, sarif, err) = Run(ExampleArgs("check", "--format", "sarif", "--fail-on", "never").ToArray());
        var snapshot = File.ReadAllLines(Path.Combine(Dir, "acme-mesh.snapshot.json"));
        var results = Results(sarif);
        Assert.That(results, Is.Not.Empty, err);
        foreach (var r in results)
        {
            var (uri, line) = Where(r);
            var name = Target(r).Split('.')[^1];
            Assert.That(uri, Does.EndWith("acme-mesh.snapshot.json"));
            Assert.That(line, Is.InRange(1, snapshot.Length));
            // The element starts on its line, and its name is on it or just below.
            var element = string.Join("\n", snapshot.Skip(line - 1).Take(3));
            var expectedName = Target(r).Split('.').Length == 2 ? null : name;
            if (expectedName is not null) Assert.That(element, Does.Contain("\"name\": \"" + expectedName + "\""), Target(r) + " at line " + line);
        }
    }

    [Test]
    public void Rules_HaveReadableNamesHelpAndLinksToTheConfiguredDocs()
    {
        var (code, sarif, err) = Run("check", "--format", "sarif", "--docs-url", "https://docs.example/governance/docs");
        using var doc = JsonDocument.Parse(sarif);
        var driver = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver");
        var rules = driver.GetProperty("rules").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations), err);
            Assert.That(driver.GetProperty("informationUri").GetString(), Is.EqualTo("https://docs.example/governance/docs/"));
            Assert.That(rules.Select(r => r.GetProperty("helpUri").GetString()), Has.All.Match(@"^https://docs\.example/governance/docs/rules/GOV\d{4}\.md$"));
            Assert.That(rules.Select(r => r.GetProperty("help").GetProperty("text").GetString()), Has.All.Contains("https://docs.example/governance/docs/rules/GOV"));
            Assert.That(rules.First(r => r.GetProperty("id").GetString() == "GOV1001").GetProperty("name").GetString(), Is.EqualTo("SeveralMaskingRulesMatchOneColumn"));
            Assert.That(rules.Select(r => r.GetProperty("name").GetString()), Has.All.Match("^([A-Z][a-z0-9]*|[A-Z]+[0-9]*)+$"));
        });
    }

    [Test]
    public void DocsUrl_FromTheEnvironment_AndABadOneIsAUsageError()
    {
        Environment.SetEnvironmentVariable(DocsUrl.Variable, "https://env.example/docs/");
        try
        {
            var (_, sarif, _) = Run("check", "--format", "sarif");
            Assert.That(sarif, Does.Contain("\"helpUri\": \"https://env.example/docs/rules/GOV"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DocsUrl.Variable, null);
        }
        var (code, output, err) = Run("check", "--format", "sarif", "--docs-url", "docs/rules");
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.Contain("`--docs-url` must be an absolute http(s) URL"));
        Assert.That(Run("check", "--format", "sarif").Out, Does.Contain("\"helpUri\": \"" + GovCatalog.HelpBaseUri + "GOV"), "the build's URL by default");
    }

    [Test]
    public void WaiverFindings_PointAtTheWaiversLine()
    {
        var args = ExampleArgs("check", "--format", "sarif", "--fail-on", "never", "--waivers");
        var waivers = Path.Combine(Dir, "waivers.json");
        File.WriteAllText(waivers, "{\"waivers\": [\n  {\"rule\":\"acme-global/tags.pii\",\"target\":\"NOWHERE.*\",\"reason\":\"r\",\"owner\":\"o\",\"expires\":\"2099-01-01\"}\n]}\n");
        args.Insert(6, waivers);
        var (_, sarif, err) = Run(args.ToArray());
        var unused = Results(sarif).Single(r => r.GetProperty("ruleId").GetString() == GovIds.WaiverUnused);
        Assert.That(Where(unused).Uri, Does.EndWith("waivers.json"), err);
        Assert.That(Where(unused).Line, Is.EqualTo(2));
    }

    [Test]
    public void CheckAssembly_FindingsPointAtTheCSharpDefinition()
    {
        const string source = """
            using Governance;

            [DataProduct("sales", "orders", Owner = "orders-team@acme.example")]
            public static class Orders
            {
                [Dataset("ORDERS")]
                public sealed class OrdersTable
                {
                    [Column("ORDER_ID", "NUMBER(38,0)")]
                    [Tag("SENSITIVITY", "internal")]
                    public long OrderId { get; init; }

                    [Column("customerEmail", "VARCHAR(256)")]
                    [Tag("SENSITIVITY", "restricted")]
                    public string CustomerEmail { get; init; } = "";
                }
            }
            """;
        var sourcePath = Path.Combine(Dir, "src", "Products.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(sourcePath)!);
        File.WriteAllText(sourcePath, source);
        // With its encoding, so that the PDB can record the file.
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(Microsoft.CodeAnalysis.Text.SourceText.From(source, System.Text.Encoding.UTF8),
            new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest), sourcePath);
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Acme.Sales.Products", new[] { tree }, TestCompilation.References,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var dll = Path.Combine(Dir, "bin", "Acme.Sales.Products.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
        Microsoft.CodeAnalysis.Emit.EmitResult emit;
        using (var pe = File.Create(dll))
        using (var pdb = File.Create(Path.ChangeExtension(dll, ".pdb")))
            emit = compilation.Emit(pe, pdb, options: new Microsoft.CodeAnalysis.Emit.EmitOptions(debugInformationFormat: Microsoft.CodeAnalysis.Emit.DebugInformationFormat.PortablePdb));
        Assert.That(emit.Success, Is.True, string.Join("\n", emit.Diagnostics));

        var (_, sarif, err) = Run("check", "--assembly", dll, "--pack", Path.Combine(ExampleFiles(), "acme-global.rulepack.json"), "--format", "sarif");

        var caseFinding = Results(sarif).Single(r => r.GetProperty("ruleId").GetString() == GovIds.NameCase);
        var (uri, line) = Where(caseFinding);
        Assert.Multiple(() =>
        {
            Assert.That(uri, Does.EndWith("src/Products.cs"), err);
            Assert.That(line, Is.EqualTo(Array.FindIndex(source.Split('\n'), l => l.Contains("CustomerEmail {", StringComparison.Ordinal)) + 1));
            Assert.That(Target(caseFinding), Is.EqualTo("SALES.ORDERS.ORDERS.customerEmail"));
        });
    }

    [Test]
    public void Sarif_ValidatesAgainstTheSchema_WithLinesOnEveryResult()
    {
        var schema = Governance.Tests.SchemaFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "Sarif", "sarif-2.1.0.json"));
        var (_, sarif, _) = Run(ExampleArgs("check", "--format", "sarif", "--fail-on", "never").ToArray());
        Assert.That(schema.Errors(sarif), Is.Empty);
        Assert.That(Results(sarif).Select(r => Where(r).Line), Has.All.GreaterThanOrEqualTo(1));
    }

    /// <summary>GitHub code scanning's own rules, as the SARIF Multitool checks them (<c>validate --rule-kind Gh</c>).</summary>
    [Test]
    public void Sarif_PassesTheMultitoolsGitHubRules()
    {
        var tool = Multitool();
        if (tool is null)
        {
            Assert.Ignore("the SARIF Multitool is not installed: `npm ci --prefix .ci/sarif` installs it (.ci/run does)");
            return;
        }
        var log = Path.Combine(Dir, "governance.sarif");
        var (_, sarif, _) = Run(ExampleArgs("check", "--format", "sarif", "--fail-on", "never").ToArray());
        File.WriteAllText(log, sarif);
        var report = Path.Combine(Dir, "validation.sarif");

        var (exit, output) = Start(tool, "validate", "--rule-kind", "Gh", "--output", report, log);

        Assert.That(File.Exists(report), Is.True, "the multitool ran (exit " + exit + "):\n" + output);
        using var doc = JsonDocument.Parse(File.ReadAllText(report));
        var problems = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => !r.TryGetProperty("level", out var level) || level.GetString() is "error" or "warning")
            .Select(r => r.GetProperty("ruleId").GetString() + ": " + r.GetProperty("message").ToString()).ToList();
        Assert.That(problems, Is.Empty);

        // The check has teeth: a result without its locations breaks GitHub's rules.
        var broken = Path.Combine(Dir, "broken.sarif");
        File.WriteAllText(broken, sarif.Replace("\"locations\": [", "\"relatedLocations\": [", StringComparison.Ordinal));
        var brokenReport = Path.Combine(Dir, "broken-validation.sarif");
        Start(tool, "validate", "--rule-kind", "Gh", "--output", brokenReport, broken);
        Assert.That(File.ReadAllText(brokenReport), Does.Contain("\"level\": \"error\"").Or.Contain("\"ruleId\": \"GH"));
    }

    /// <summary>The multitool's binary, installed by <c>npm ci --prefix .ci/sarif</c> at the repository root, or null.</summary>
    private static string? Multitool()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".ci", "sarif", "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    private static (int Exit, string Output) Start(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, output.Result + error.Result);
    }
}
