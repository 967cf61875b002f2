using System.Text.Json;
using Governance.Cli;
using Governance.Tests;
using Microsoft.CodeAnalysis;

namespace Governance.Cli.Tests;

/// <summary>
/// Issue 11's first-day trial, from the user's side: each mistake a new user made gives a finding or a clear error with
/// a non-zero exit, and the command line behaves like the tools people know.
/// </summary>
public class FirstDayTests : CliFixture
{
    /// <summary>A board's first pack, as the docs' first example writes it: a taxonomy, a masking rule, no EnforceTaxonomy.</summary>
    private string BoardPack()
    {
        var pack = RulePackBuilder.Global("board", "1.0.0", "board")
            .Tag("PII", "", "email", "phone")
            .Tag("CLASSIFICATION", "", "public", "internal")
            .Masking("mask.email", "Mask e-mail", r => r.Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain).RevealTo("PII_READER"))
            .Build();
        var path = Path.Combine(Dir, "board.rulepack.json");
        File.WriteAllText(path, ManifestCodec.Write(pack));
        return path;
    }

    private string Snapshot(string columns, string roles = """[ { "name": "ANALYST" }, { "name": "PII_READER" } ]""")
    {
        var path = Path.Combine(Dir, "mesh.snapshot.json");
        File.WriteAllText(path, """
            {
              "format": "governance.snapshot/v1",
              "roles": ROLES,
              "domains": [ { "name": "sales", "products": [ { "name": "orders", "database": "SALES", "schema": "ORDERS",
                "datasets": [ { "name": "CUSTOMERS", "kind": "table", "columns": [
            COLUMNS
                ] } ] } ] } ]
            }
            """.Replace("ROLES", roles, StringComparison.Ordinal).Replace("COLUMNS", columns, StringComparison.Ordinal));
        return path;
    }

    private static List<JsonElement> Findings(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.Clone()).ToList();
    }

    // ───────────────────────────── 1. fail closed: the taxonomy is enforced ─────────────────────────────

    [Test]
    public void Check_MisspeltTagValueAndTagName_FailsWithAnErrorAndAWarning()
    {
        var snapshot = Snapshot("""
                  { "name": "EMAIL", "type": "VARCHAR(256)", "tags": { "PII": "emial" } },
                  { "name": "REGION", "type": "VARCHAR(16)", "tags": { "CLASIFICATION": "internal" } }
            """);

        var (code, output, err) = Run("check", snapshot, "--pack", BoardPack(), "--format", "json");

        var findings = Findings(output).Select(f => (f.GetProperty("id").GetString(), f.GetProperty("severity").GetString(), f.GetProperty("message").GetString())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations), err);
            Assert.That(findings, Does.Contain(("GOV3002", "error", "tag `PII` on column `EMAIL` has value `emial`, expected one of `email`, `phone`; did you mean `email`?")));
            Assert.That(findings, Does.Contain(("GOV3003", "warning", "tag `CLASIFICATION` on column `REGION` is not declared in any taxonomy; did you mean `CLASSIFICATION`?")));
            Assert.That(err, Does.Contain("1 error, 1 warning, 0 notes"));
        });
    }

    // ───────────────────────────── 2. unknown fields are errors ─────────────────────────────

    [Test]
    public void Check_SnapshotFieldMisspelt_IsAnInputErrorWithFilePathLineAndSuggestion()
    {
        var snapshot = Snapshot("""
                  { "name": "IBAN", "type": "VARCHAR(34)", "tag": { "PII": "iban" } }
            """);

        var (code, output, err) = Run("check", snapshot, "--pack", BoardPack());

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("GOV9001").And.Contain(snapshot).And.Contain("$.domains[0].products[0].datasets[0].columns[0].tag")
                .And.Contain(snapshot + ":6").And.Contain("unknown property `tag`; did you mean `tags`?"));
        });
    }

    [Test]
    public void Check_WaiverFieldMisspelt_IsAnInputError()
    {
        var waivers = Path.Combine(Dir, "waivers.json");
        File.WriteAllText(waivers, """{"waivers":[{"rule":"board/mask.email","target":"**","reason":"r","owner":"o","expiry":"2030-01-01"}]}""");

        var (code, _, err) = Run("check", Snapshot("""{ "name": "EMAIL", "type": "VARCHAR(256)" }"""), "--pack", BoardPack(), "--waivers", waivers);

        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain("GOV9005").And.Contain("unknown property `expiry`; did you mean `expires`?"));
    }

    [Test]
    public void Simulate_EntitlementFieldMisspelt_IsAnInputError()
    {
        var file = Path.Combine(Dir, "entitlements.json");
        File.WriteAllText(file, """{"entitlements":[{"database":"GOVERNANCE","schema":"SECURITY","table":"REGION_ENTITLEMENTS","rol":"ANALYST","value":"EMEA"}]}""");

        var (code, _, err) = Run("simulate", "--role", "ANALYST", "--entitlements", file);

        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain("unknown property `rol`; did you mean `role`?"));
    }

    // ───────────────────────────── 4. waivers and roles ─────────────────────────────

    [Test]
    public void Check_WaiverThatMatchesNothing_TooBroad_OrTooLong_AndAnUndefinedRevealRole_AreReported()
    {
        var snapshot = Snapshot("""{ "name": "EMAIL", "type": "VARCHAR(256)", "tags": { "PII": "email" } }""", roles: """[ { "name": "ANALYST" } ]""");
        var waivers = Path.Combine(Dir, "waivers.json");
        var far = DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllText(waivers, "{\"waivers\":[\n"
            + "{\"rule\":\"board/mask.email\",\"target\":\"SALES.ORDERS.CUSTOMERS.EMIAL\",\"reason\":\"r\",\"owner\":\"o\",\"expires\":\"" + far + "\"},\n"
            + "{\"rule\":\"board/taxonomy\",\"target\":\"**\",\"reason\":\"r\",\"owner\":\"o\",\"expires\":\"" + far + "\"}\n]}");

        var (code, output, err) = Run("check", snapshot, "--pack", BoardPack(), "--waivers", waivers, "--format", "json", "--fail-on", "warning");

        var findings = Findings(output).Select(f => f.GetProperty("id").GetString() + " " + f.GetProperty("target").GetString() + ": " + f.GetProperty("message").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations), err);
            Assert.That(findings, Has.Some.StartsWith("GOV9007 SALES.ORDERS.CUSTOMERS.EMIAL: waiver of `board/mask.email` for `SALES.ORDERS.CUSTOMERS.EMIAL` matches no finding"));
            Assert.That(findings, Has.Some.EqualTo("GOV9008 **: waiver of `board/taxonomy` for `**` covers every target: it switches the rule off; name the products, datasets or columns it is for"));
            Assert.That(findings, Has.Some.Contains("GOV9008 **: waiver of `board/taxonomy` for `**` expires on " + far + ", more than 365 days ahead"));
            Assert.That(findings, Has.Some.EqualTo("GOV9009 PII_READER: reveal role `PII_READER` of `board/mask.email` is not among the snapshot's roles"));
        });
        var longer = Run("check", snapshot, "--pack", BoardPack(), "--waivers", waivers, "--format", "json", "--max-waiver-days", "1000").Out;
        Assert.That(Findings(longer).Select(f => f.GetProperty("message").GetString()), Has.None.Contains("days ahead"));
    }

    // ───────────────────────────── 5. one value per option, unknown options ─────────────────────────────

    [Test]
    public void Check_PackOptionThenSnapshot_TakesTheSnapshotAsTheArgument()
    {
        var (code, _, err) = Run("check", "--pack", BoardPack(), Snapshot("""{ "name": "EMAIL", "type": "VARCHAR(256)", "tags": { "PII": "email" } }"""));
        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        Assert.That(err, Does.Contain("checked 1 product, 1 dataset, 1 column against 1 pack"));
    }

    [TestCase(new[] { "check", "--fromat", "json" }, "error: unknown option `--fromat` for `governance check`; did you mean `--format`?", "run `governance check --help`")]
    [TestCase(new[] { "check", "--pack", "--fromat" }, "error: unknown option `--fromat` for `governance check`; did you mean `--format`?", "")]
    [TestCase(new[] { "chek" }, "error: unknown command `chek`; did you mean `check`?", "run `governance --help`")]
    [TestCase(new[] { "check", "--format", "jsn" }, "error: `--format` must be table, json or sarif, not `jsn`; did you mean `json`?", "")]
    [TestCase(new[] { "plan", "--moed", "tag" }, "error: unknown option `--moed` for `governance plan`; did you mean `--mode`?", "")]
    [TestCase(new[] { "simulate", "--rows", "ten", "--role", "ANALYST" }, "error: `--rows` expects a whole number, not `ten`", "")]
    [TestCase(new[] { "check", "--pack" }, "error: `--pack` needs a value", "")]
    public void CommandLineMistake_IsAUsageErrorWithASuggestion(string[] args, string message, string hint)
    {
        var (code, output, err) = Run(args);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain(message));
            Assert.That(err, Does.Contain(hint));
        });
    }

    [Test]
    public void NoCommand_ShowsHelpAndIsAUsageError()
    {
        var (code, output, err) = Run();
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain("no command given"));
        Assert.That(output, Does.Contain("Usage:").And.Contain("governance [command] [options]"));
    }

    [TestCase("import", "dbt")]
    [TestCase("state", "export")]
    public void AGroupAlone_IsAUsageError_ShowingItsHelp(string group, string first)
    {
        var (code, output, err) = Run(group);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Is.EqualTo("error: no command given; run `governance " + group + " COMMAND`, for example `governance " + group + " " + first + "`\n"));
            Assert.That(output, Does.Contain("governance " + group + " [command] [options]").And.Contain("Examples:"));
        });
    }

    // ───────────────────────────── 6. tables that fit ─────────────────────────────

    [Test]
    public void Check_TableInAnEightyColumnTerminal_FitsAndHasNoTrailingSpaces()
    {
        var stdout = new StringWriter();
        var code = GovernanceCli.Run(new[] { "check" }, stdout, new StringWriter(), stderrRedirected: true, stdoutWidth: 80);
        var lines = stdout.ToString().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations));
            Assert.That(lines.Where(l => l.Length > 80), Is.Empty);
            Assert.That(lines.Where(l => l != l.TrimEnd()), Is.Empty, "no line ends in spaces");
            Assert.That(stdout.ToString(), Does.Contain("rule acme-global/tags.taxonomy"), "the rule moves under the message");
        });
    }

    [Test]
    public void Check_TableRedirected_IsPlainAlignedTextWithOneLinePerFinding()
    {
        var (_, output, _) = Run("check");
        var (_, json, _) = Run("check", "--format", "json");
        var lines = output.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("Severity", StringComparison.Ordinal));
        var count = Findings(json).Count;
        var rows = lines.Skip(header + 2).Take(count).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(lines[header - 1], Is.EqualTo("Findings (" + count + ")"));
            Assert.That(lines[header + 1], Does.Match("^-+( +-+)+$"), "a rule of dashes, no box drawing");
            Assert.That(rows, Has.All.Match(@"^(error|warning|note)\s+GOV\d{4}\s+\S+\s+.+\s+\S+/\S+$"), "one line per finding, rule last");
            Assert.That(lines.Where(l => l != l.TrimEnd()), Is.Empty);
            Assert.That(output, Does.Not.Contain("─"));
        });
    }

    [Test]
    public void Simulate_ManyColumnsInANarrowTerminal_PrintsOneBlockPerRow()
    {
        var stdout = new StringWriter();
        var code = GovernanceCli.Run(new[] { "simulate", "--role", "PII_READER", "--product", "logistics/fleet", "--rows", "6" }, stdout, new StringWriter(), true, 60);
        var lines = stdout.ToString().Split('\n');
        Assert.That(code, Is.EqualTo(GovernanceCli.Ok));
        Assert.That(lines.Where(l => l.Length > 60), Is.Empty);
        Assert.That(lines, Has.Some.Match("^DRIVER_EMAIL +\\S+@"));
    }

    // ───────────────────────────── 7. help and messages ─────────────────────────────

    [TestCase("check")]
    [TestCase("pack")]
    [TestCase("example")]
    [TestCase("generate")]
    [TestCase("plan")]
    [TestCase("simulate")]
    [TestCase("import")]
    [TestCase("import dbt")]
    [TestCase("import odcs")]
    [TestCase("import snowflake")]
    [TestCase("diff")]
    [TestCase("report")]
    [TestCase("state")]
    [TestCase("state export")]
    [TestCase("state drift")]
    public void Help_NamesTheToolAndShowsExamples(string command)
    {
        var (code, output, _) = Run(command.Split(' ').Append("--help").ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Ok));
            Assert.That(output, Does.Contain("governance " + command));
            Assert.That(output, Does.Not.Contain("Governance.Cli"));
            Assert.That(output, Does.Contain("Examples:\n  governance ").Or.Contain("Examples:\n  dotnet build"));
        });
    }

    [Test]
    public void SimulateJson_IsIndentedLikeTheOtherJsonOutputs()
    {
        var (_, output, _) = Run("simulate", "--role", "ANALYST", "--product", "logistics/fleet", "--rows", "2", "--format", "json");
        using var doc = JsonDocument.Parse(output);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            doc.WriteTo(w);
        Assert.That(output, Is.EqualTo(System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n"));
    }

    // ───────────────────────────── 9 and 12. assemblies ─────────────────────────────

    [Test]
    public void CheckAssembly_Missing_SaysHowToBuildForChecking()
    {
        var (code, _, err) = Run("check", "--assembly", Path.Combine(Dir, "bin", "Acme.Sales.Products.dll"), "--pack", BoardPack());
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain("does not exist").And.Contain("dotnet build -p:RunAnalyzers=false"));
    }

    [Test]
    public void Pack_AssemblyBuiltAgainstANewerGovernance_SaysWhichToolItNeeds()
    {
        // A Governance 99.1 (the rule assembly's only reference to it is its version), then a rule assembly built against it.
        var newer = TestCompilation.Compile("Governance", ("[assembly: System.Reflection.AssemblyVersion(\"99.1.0.0\")] namespace Governance { public abstract class Marker { } }", "Newer.cs"));
        var newerPath = Path.Combine(Dir, "newer", "Governance.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(newerPath)!);
        Assert.That(newer.Emit(newerPath).Success, Is.True);
        var rules = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Acme.Rules",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public sealed class Rules : Governance.Marker { }") },
            TestCompilation.References.Where(r => !r.Display!.EndsWith("Governance.dll", StringComparison.Ordinal))
                .Append(Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(newerPath)),
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        var rulesPath = Path.Combine(Dir, "Acme.Rules.dll");
        Assert.That(rules.Emit(rulesPath).Success, Is.True);

        var (code, _, err) = Run("pack", rulesPath, "--out", Path.Combine(Dir, "packs"));

        var tool = typeof(RulePack).Assembly.GetName().Version!;
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain("was built against Governance 99.1.0, newer than this tool's " + tool.Major + "." + tool.Minor + "." + tool.Build)
            .And.Contain("install governance 99.1.0 or later"));
        Assert.That(err, Does.Not.Contain("Could not load file or assembly"));
    }
}
