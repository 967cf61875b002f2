using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Cli;

namespace Governance.Cli.Tests;

public sealed class DiffCommandTests : CliFixture
{
    private static readonly string[] Formats = { "table", "json", "markdown", "html" };

    /// <summary>The written-out example's diff inputs: the current packs, the next version (acme-global 1.3.0 and the
    /// unchanged finance pack), and the mesh.</summary>
    private string[] FileInputs()
    {
        var dir = ExampleFiles();
        return new[]
        {
            Path.Combine(dir, "acme-mesh.snapshot.json"),
            "--from", Path.Combine(dir, "acme-global.rulepack.json"), "--from", Path.Combine(dir, "acme-finance.rulepack.json"),
            "--to", Path.Combine(dir, "next", "acme-global.rulepack.json"), "--to", Path.Combine(dir, "acme-finance.rulepack.json"),
        };
    }

    [Test]
    public void Diff_WithoutArguments_ShowsTheExamplesNextVersion_AndExitsOneOnNewErrors()
    {
        var (code, output, err) = Run("diff");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations));
            Assert.That(output, Does.StartWith("Impact of acme-global 1.2.0 → 1.3.0, acme-finance 1.0.0 (unchanged)"));
            Assert.That(output, Does.Contain("new findings:               9 errors, 0 warnings, 0 notes"));
            Assert.That(err, Does.Contain("bundled Acme example").And.Contain("9 new errors"));
        });
    }

    [Test]
    public void Diff_TableInAnEightyColumnTerminal_FitsAsChecksDoes()
    {
        var stdout = new StringWriter();
        var code = GovernanceCli.Run(new[] { "diff" }, stdout, new StringWriter(), stderrRedirected: true, stdoutWidth: 80);
        var lines = stdout.ToString().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations));
            Assert.That(lines.Where(l => l.Length > 80), Is.Empty);
            Assert.That(lines.Where(l => l != l.TrimEnd()), Is.Empty, "no line ends in spaces");
            Assert.That(lines, Has.Member("Findings (9)"));
            var header = lines[Array.IndexOf(lines, "Findings (9)") + 1];
            Assert.That(header, Does.StartWith("Product").And.EndWith("Message"), "the rule moves under the message");
            Assert.That(lines.Count(l => l.TrimEnd().EndsWith("  rule", StringComparison.Ordinal) || l.Contains("  rule acme-global/", StringComparison.Ordinal)), Is.EqualTo(9));
        });
    }

    [Test]
    public void Diff_ExampleWrittenOut_GivesTheDefaultsOutput_InEveryFormatButHtmlsClock()
    {
        var inputs = FileInputs();
        foreach (var format in Formats.Where(f => f != "html"))
        {
            var files = Run(inputs.Prepend("diff").Concat(new[] { "--format", format }).ToArray());
            var embedded = Run("diff", "--format", format);
            Assert.That(files.Code, Is.EqualTo(embedded.Code), files.Err);
            Assert.That(files.Out, Is.EqualTo(embedded.Out), format);
        }
    }

    [TestCaseSource(nameof(Formats))]
    public void Diff_EveryFormat_ShowsTheAffectedProductsRolesFindingsAndTheWeakenedRule(string format)
    {
        var (code, output, err) = Run("diff", "--format", format);
        Assert.That(code, Is.EqualTo(GovernanceCli.Violations), err);
        if (format == "json") Assert.That(output, Does.Contain("\"product\": \"sales/customers\"").And.Contain("\"product\": \"finance/payroll\""), "affected products");
        else Assert.That(output, Does.Contain("sales/customers").And.Contain("finance/payroll"), "affected products");
        Assert.That(output, Does.Contain("GLOBAL_ANALYST").And.Contain("PUBLIC"), "roles that gain and lose clear access");
        Assert.That(output, Does.Contain("GOV4004").And.Contain("SALES.PRICING.PRICE_LISTS.VALID_TO"), "a new error finding");
        Assert.That(output, Does.Contain("mask.email"), "the weakened global rule");
        Assert.That(output, Does.Contain("MP_MASK_BIRTHDATE_DATE"), "a new policy of the plan");
    }

    [Test]
    public void Diff_Json_CountsTheExamplesImpact()
    {
        var (_, output, _) = Run("diff", "--format", "json");
        var root = JsonDocument.Parse(output).RootElement;
        var summary = root.GetProperty("summary");
        var roles = summary.GetProperty("roles").EnumerateArray().ToDictionary(r => r.GetProperty("role").GetString()!, r => r);
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("format").GetString(), Is.EqualTo("governance.diff/v1"));
            Assert.That(summary.GetProperty("newErrors").GetInt32(), Is.EqualTo(9));
            Assert.That(root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("change").GetString()), Has.All.EqualTo("appeared"));
            Assert.That(roles["GLOBAL_ANALYST"].GetProperty("gainsClearColumns").GetInt32(), Is.EqualTo(7), "the e-mail columns");
            Assert.That(roles["ANALYST"].GetProperty("losesClearColumns").GetInt32(), Is.EqualTo(2), "the birth dates");
            Assert.That(roles.ContainsKey("PII_READER"), Is.False, "a PII reader sees what it saw");
            Assert.That(root.GetProperty("weakenings")[0].GetProperty("rule").GetString(), Is.EqualTo("mask.email"));
            Assert.That(root.GetProperty("packs").EnumerateArray().Select(p => p.GetProperty("change").GetString()), Is.EqualTo(new[] { "unchanged", "changed" }));
        });
    }

    [Test]
    public void Diff_APackSetWithItself_ExitsZero_AndListsNoChange()
    {
        var dir = ExampleFiles();
        var global = Path.Combine(dir, "acme-global.rulepack.json");
        var (code, output, err) = Run("diff", Path.Combine(dir, "acme-mesh.snapshot.json"), "--from", global, "--to", global);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
            Assert.That(output, Does.Contain("acme-global 1.2.0 (unchanged)"));
            Assert.That(Regex.Matches(output, @"^(Findings|Masking|Row access|First-deploy plan changes): none$", RegexOptions.Multiline), Has.Count.EqualTo(4));
        });
    }

    [Test]
    public void Diff_Out_WritesTheFile_AndNothingToStdout()
    {
        var path = Path.Combine(Dir, "impact.md");
        var (code, output, err) = Run("diff", "--format", "markdown", "--out", path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations), err);
            Assert.That(output, Is.Empty);
            Assert.That(File.ReadAllText(path), Does.StartWith("## Governance impact: acme-global 1.2.0 → 1.3.0"));
        });
    }

    [TestCase("--format", "pdf")]
    [TestCase("--from", "missing.rulepack.json")]
    public void Diff_BadInput_ExitsTwo_WithoutAStackTrace(string option, string value)
    {
        var (code, output, err) = Run("diff", option, value);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.StartWith("error").And.Not.Contain("   at "));
        });
    }

    [Test]
    public void Diff_WithoutANewVersion_ExitsTwo_SayingWhatIsMissing()
    {
        var inputs = FileInputs();
        var (code, _, err) = Run(inputs.Take(5).Prepend("diff").ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Does.Contain("no new version given; pass `--to FILE.rulepack.json`"));
        });
    }

    [Test]
    public void Diff_AManifestEditedAfterPublishing_ExitsTwo_NamingTheFile()
    {
        var inputs = FileInputs();
        var next = Path.Combine(Dir, "next", "acme-global.rulepack.json");
        File.WriteAllText(next, File.ReadAllText(next).Replace("\"GLOBAL_ANALYST\"", "\"INTERN\"", StringComparison.Ordinal));
        var (code, _, err) = Run(inputs.Prepend("diff").ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Does.Contain("GOV9003").And.Contain("acme-global.rulepack.json"));
        });
    }

    [Test]
    public void Report_WritesOneSelfContainedPage_AndTheSameBytesForTheSameClock()
    {
        var first = Path.Combine(Dir, "first.html");
        var second = Path.Combine(Dir, "second.html");
        var previous = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "1795521600");
        try
        {
            var (code, output, err) = Run("report", "--out", first);
            Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("wrote " + first));
            Assert.That(Run("report", "--out", second).Code, Is.EqualTo(GovernanceCli.Ok));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", previous);
        }
        var html = File.ReadAllText(first);
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
            Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("Generated 2026-11-24 12:00:00 UTC"));
            Assert.That(html, Does.Not.Contain("src=").And.Not.Contain("<link"), "nothing to load");
        });
    }

    [Test]
    public void Report_WithoutOut_ExitsTwo()
        => Assert.That(Run("report").Code, Is.EqualTo(GovernanceCli.InputError));

    [Test]
    public void Report_BadSourceDateEpoch_ExitsTwo_SayingWhatIsExpected()
    {
        var previous = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", "yesterday");
        try
        {
            var (code, _, err) = Run("report", "--out", Path.Combine(Dir, "r.html"));
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Does.Contain("SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, not `yesterday`"));
            Assert.That(File.Exists(Path.Combine(Dir, "r.html")), Is.False);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SOURCE_DATE_EPOCH", previous);
        }
    }

    /// <summary>
    /// Every command of docs/report.md, run: the block after it is its output, verbatim. With
    /// <c>GOVERNANCE_UPDATE_DOCS=1</c> the test writes the outputs into the page instead (then review the diff).
    /// </summary>
    [Test]
    public void ReportDoc_ShowsTheToolsRealOutput()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "report.md");
        var doc = File.ReadAllText(path);
        var pattern = new Regex("```sh\\n(governance diff[^\\n]*)\\n```\\n+(````?)(text|markdown)\\n(.*?)\\n\\2\\n", RegexOptions.Singleline);
        var runs = pattern.Matches(doc);
        Assert.That(runs, Has.Count.GreaterThanOrEqualTo(2));
        var updated = pattern.Replace(doc, m =>
        {
            var (_, output, err) = Run(m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray());
            Assert.That(err, Does.Not.Match("(^|\n)error"));
            return "```sh\n" + m.Groups[1].Value + "\n```\n\n" + m.Groups[2].Value + m.Groups[3].Value + "\n" + output.TrimEnd('\n') + "\n" + m.Groups[2].Value + "\n";
        });
        if (Environment.GetEnvironmentVariable("GOVERNANCE_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(Path.Combine(SourceRoot(), "docs", "report.md"), updated);
            Assert.Pass("docs/report.md updated");
        }
        Assert.That(updated, Is.EqualTo(doc), "docs/report.md shows other output than the tool's (GOVERNANCE_UPDATE_DOCS=1 rewrites it)");
    }

    private static string SourceRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("no Governance.sln above the test folder");
    }
}
