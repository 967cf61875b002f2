using System.Text.Json;
using Governance.Cli;
using Governance.Examples;
using Governance.Reporting;
using Microsoft.Playwright;

namespace Governance.Report.Tests;

/// <summary>
/// The HTML pages of <c>governance report</c> and <c>governance diff --format html</c>, opened from a file in headless
/// Chromium: what a reader sees — the counts of the check, filters that filter, a hostile name shown literally and
/// never run, nothing loaded from a network, a printout without the controls.
/// </summary>
[Parallelizable(ParallelScope.None)]
public sealed class ReportPageTests
{
    private string _dir = "";
    private IBrowserContext? _context;

    [SetUp]
    public void CreateFolder()
    {
        _dir = Path.Combine(Path.GetTempPath(), "governance-report-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
    }

    [TearDown]
    public async Task Clean()
    {
        if (_context is not null) await _context.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GovernanceCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Opens <paramref name="file"/> in a new page; every request the page makes is recorded.</summary>
    private async Task<(IPage Page, List<string> Requests, List<string> Console)> Open(string file, int width = 1280, int height = 900)
    {
        _context = await SystemChromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await _context.NewPageAsync();
        var requests = new List<string>();
        var console = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        page.Console += (_, m) => { if (m.Type is "error" or "warning") console.Add(m.Text); };
        page.PageError += (_, e) => console.Add(e);
        await page.GotoAsync(new Uri(file).AbsoluteUri);
        return (page, requests, console);
    }

    private string ExampleReport()
    {
        var path = Path.Combine(_dir, "r.html");
        var (code, _, err) = Cli("report", "--out", path);
        Assert.That(code, Is.EqualTo(0), err);
        return path;
    }

    private static JsonElement CheckJson() => JsonDocument.Parse(Cli("check", "--format", "json").Out).RootElement;

    private static Task<int> VisibleRows(IPage page, string table) => page.Locator("#" + table + " tbody tr:visible").CountAsync();

    [Test]
    public async Task Report_Example_ShowsTheCountsOfTheCheck()
    {
        var (page, _, _) = await Open(ExampleReport());
        var check = CheckJson();
        var summary = check.GetProperty("summary");
        foreach (var (id, field) in new[] { ("count-errors", "errors"), ("count-warnings", "warnings"), ("count-waived", "waived"), ("count-products", "products"), ("count-masked", "maskedColumns") })
            Assert.That(await page.Locator("#" + id).InnerTextAsync(), Is.EqualTo(summary.GetProperty(field).GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)), id);
        var findings = check.GetProperty("findings").GetArrayLength();
        Assert.Multiple(async () =>
        {
            Assert.That(await VisibleRows(page, "findings-table"), Is.EqualTo(findings));
            Assert.That(await page.Locator("#findings-table-shown").InnerTextAsync(), Is.EqualTo(findings.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(await VisibleRows(page, "masking-matrix"), Is.EqualTo(summary.GetProperty("maskedColumns").GetInt32()));
            Assert.That(await VisibleRows(page, "compliance-table"), Is.EqualTo(14));
            Assert.That(await page.Locator("#compliance-chart svg rect").CountAsync(), Is.GreaterThan(0), "the chart is drawn");
        });
    }

    [Test]
    public async Task Report_Filters_ShowOnlyTheMatchingFindings_AndCountThem()
    {
        var (page, _, console) = await Open(ExampleReport());
        var findings = CheckJson().GetProperty("findings").EnumerateArray().Select(f => (Severity: f.GetProperty("severity").GetString(), Id: f.GetProperty("id").GetString(),
            Target: f.GetProperty("target").GetString()!)).ToList();

        await page.SelectOptionAsync("#findings-table-severity", "error");
        var errors = findings.Count(f => f.Severity == "error");
        Assert.That(await VisibleRows(page, "findings-table"), Is.EqualTo(errors));
        Assert.That(await page.Locator("#findings-table tbody tr:visible td.sev").AllInnerTextsAsync(), Has.All.StartWith("error"));
        Assert.That(await page.Locator("#findings-table-shown").InnerTextAsync(), Is.EqualTo(errors.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await page.SelectOptionAsync("#findings-table-domain", "finance");
        var financeErrors = findings.Count(f => f.Severity == "error" && f.Target.StartsWith("FINANCE.", StringComparison.Ordinal));
        Assert.That(financeErrors, Is.GreaterThan(0).And.LessThan(errors));
        Assert.That(await VisibleRows(page, "findings-table"), Is.EqualTo(financeErrors));

        await page.SelectOptionAsync("#findings-table-severity", "");
        await page.SelectOptionAsync("#findings-table-domain", "");
        await page.SelectOptionAsync("#findings-table-rule", "GOV4005");
        Assert.That(await VisibleRows(page, "findings-table"), Is.EqualTo(findings.Count(f => f.Id == "GOV4005")));
        Assert.That(await page.Locator("#findings-table tbody tr:visible td:nth-child(2)").AllInnerTextsAsync(), Has.All.EqualTo("GOV4005"));

        await page.SelectOptionAsync("#findings-table-rule", "");
        Assert.That(await VisibleRows(page, "findings-table"), Is.EqualTo(findings.Count));
        Assert.That(console, Is.Empty, "no script error and no blocked request");
    }

    [Test]
    public async Task Report_LoadsNothingButItself_AndItsRuleLinksPointAtTheRulePages()
    {
        var path = ExampleReport();
        var (page, requests, console) = await Open(path);
        Assert.Multiple(async () =>
        {
            Assert.That(requests, Is.EqualTo(new[] { new Uri(path).AbsoluteUri }));
            Assert.That(console, Is.Empty);
            var links = await page.Locator("#findings-table a").EvaluateAllAsync<string[]>("as => as.map(a => a.href)");
            Assert.That(links, Is.Not.Empty.And.All.StartsWith(GovCatalog.HelpBaseUri).And.All.EndsWith(".md"));
        });
    }

    [Test]
    public async Task Report_HostileNames_AreShownLiterally_AndNeverRun()
    {
        const string Domain = "<script>window.__pwned=1</script>";
        const string Column = "\"><img src=x onerror=\"window.__pwned=2\">EMAIL";
        const string Role = "<svg onload=\"window.__pwned=3\">";
        var snapshot = new MetadataSnapshot(
            new[] { new RoleDefinition("ANALYST", Array.Empty<string>()), new RoleDefinition(Role, new[] { "ANALYST" }) },
            new[]
            {
                new Domain(Domain, null, new[]
                {
                    new DataProduct("orders</td><td>x", "1.0.0", "o@acme.example", "SALES", "ORDERS", new[]
                    {
                        new Dataset("ORDERS", DatasetKind.Table, new[]
                        {
                            new Column(Column, SnowflakeType.Parse("VARCHAR(256)"), true, TagSet.Create(new[] { Tag("PII", "email"), Tag("SENSITIVITY", "restricted") })),
                        }),
                    }),
                }),
            });
        var packs = PackSet.Create(AcmeExample.Packs());
        var result = Evaluator.Compile(packs).Evaluate(snapshot);
        Assert.That(result.Masking, Has.Count.EqualTo(1), "the hostile column is masked, so the matrix shows it");
        var path = Path.Combine(_dir, "hostile.html");
        using (var writer = new StreamWriter(path)) HtmlReport.Write(result, snapshot, packs, writer);

        var (page, requests, _) = await Open(path);
        Assert.Multiple(async () =>
        {
            Assert.That(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), Is.True, "no hostile script ran");
            Assert.That(await page.Locator("img").CountAsync(), Is.Zero);
            Assert.That(await page.Locator("script").CountAsync(), Is.EqualTo(1));
            Assert.That(await page.Locator("#masking-matrix tbody td:nth-child(2)").InnerTextAsync(), Is.EqualTo("SALES.ORDERS.ORDERS." + Column));
            Assert.That(await page.Locator("#masking-matrix thead th").AllInnerTextsAsync(), Has.Member(Role));
            Assert.That(await page.Locator("#compliance-table tbody tr td").First.InnerTextAsync(), Is.EqualTo(Domain));
            Assert.That(await page.Locator("#findings-table-domain option").AllInnerTextsAsync(), Has.Member(Domain));
            Assert.That(requests, Has.Count.EqualTo(1), "the img of the name was never requested");
        });
        // The hostile column's naming finding is the domain's; the packs' roles that the snapshot does not define (GOV9009)
        // are the mesh's, which the filter hides.
        var inDomain = result.Findings.Where(f => f.Target.StartsWith("SALES.ORDERS.", StringComparison.Ordinal)).ToList();
        Assert.That(inDomain.Select(f => f.Id), Is.EqualTo(new[] { "GOV4001" }));
        Assert.That(result.Findings.Except(inDomain).Select(f => f.Id), Has.All.EqualTo("GOV9009"));
        await page.SelectOptionAsync("#findings-table-domain", Domain);
        Assert.That(await VisibleRows(page, "findings-table"), Is.EqualTo(inDomain.Count), "the filter matches the hostile domain literally");
    }

    private static KeyValuePair<string, string> Tag(string name, string value) => new(name, value);

    [Test]
    public async Task Report_Printed_LeavesTheControlsOut_AndKeepsTheTables()
    {
        var (page, _, _) = await Open(ExampleReport());
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator(".filters").IsVisibleAsync(), Is.False);
            Assert.That(await page.Locator("nav").IsVisibleAsync(), Is.False);
            Assert.That(await page.Locator("#masking-matrix").IsVisibleAsync(), Is.True);
        });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Landscape = true });
        Assert.That(pdf.Take(5), Is.EqualTo("%PDF-"u8.ToArray()), "Chromium prints it");
    }

    [Test]
    public async Task DiffPage_Example_ShowsTheNewErrorsTheWeakenedRuleAndFilters()
    {
        var path = Path.Combine(_dir, "impact.html");
        var (code, _, err) = Cli("diff", "--format", "html", "--out", path);
        Assert.That(code, Is.EqualTo(1), err);
        var (page, requests, console) = await Open(path);
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("#count-new-errors").InnerTextAsync(), Is.EqualTo("9"));
            Assert.That(await page.Locator("#count-products").InnerTextAsync(), Is.EqualTo("9"));
            Assert.That(await page.Locator("#weakenings-table tbody td").First.InnerTextAsync(), Is.EqualTo("acme-global/mask.email"));
            Assert.That(await page.Locator("#masking-table tbody tr[data-role='GLOBAL_ANALYST'] td:nth-child(5)").AllInnerTextsAsync(), Has.Member("clear"));
            Assert.That(requests, Has.Count.EqualTo(1));
        });
        await page.SelectOptionAsync("#findings-table-domain", "sales");
        Assert.That(await VisibleRows(page, "findings-table"), Is.EqualTo(5), "3 in sales.customers, 2 in sales.pricing");
        Assert.That(console, Is.Empty);
    }

    /// <summary>The screenshot of the example's report in the docs: <c>GOVERNANCE_SCREENSHOT=docs/report.png dotnet test
    /// tests/Governance.Report.Tests --filter Screenshot</c> writes it there; otherwise it goes to the test's folder.</summary>
    [Test]
    public async Task Screenshot_OfTheExampleReport()
    {
        var (page, _, _) = await Open(ExampleReport(), 1280, 1000);
        var target = Environment.GetEnvironmentVariable("GOVERNANCE_SCREENSHOT") is { Length: > 0 } wanted
            ? Path.GetFullPath(wanted, FindRoot())
            : Path.Combine(_dir, "report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = target });
        var png = await File.ReadAllBytesAsync(target);
        Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        Assert.That(png, Has.Length.GreaterThan(20_000), "a page was drawn, not a blank");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) dir = dir.Parent;
        return dir?.FullName ?? Environment.CurrentDirectory;
    }
}
