using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FsCheck;
using FsCheck.Fluent;
using Governance.Examples;
using Governance.Reporting;
using Governance.Tests.Generators;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Reporting;

/// <summary>
/// The HTML pages, parsed with a real HTML5 parser (AngleSharp): hostile names from snapshots create no element and no
/// attribute — every element and attribute of the page is one the renderer writes, the one script and the one style
/// are the renderer's own, every table has one row per result — and each name is shown literally where it belongs.
/// The same inputs and clock give the same bytes, whatever the snapshot's order.
/// </summary>
public sealed class HtmlReportTests
{
    private static readonly DiffLawTests.FixedTime Clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "p", "nav", "a", "section", "div", "span", "table", "thead",
        "tbody", "tr", "th", "td", "svg", "rect", "i", "select", "option", "label", "footer", "script", "details", "summary", "pre",
    };

    private static readonly HashSet<string> Attributes = new(StringComparer.Ordinal)
    {
        "lang", "charset", "name", "content", "http-equiv", "href", "class", "id", "title", "value", "role", "viewbox", "preserveaspectratio", "x", "y",
        "width", "height", "fill", "style", "data-domain", "data-severity", "data-rule", "data-target", "data-role", "data-change", "data-filter",
        "data-filter-for", "data-filterable",
    };

    internal static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    private static string Report(EvaluationResult result, MetadataSnapshot snapshot, PackSet packs, TimeProvider? clock = null)
    {
        using var writer = new StringWriter();
        HtmlReport.Write(result, snapshot, packs, writer, clock ?? Clock);
        return writer.ToString();
    }

    /// <summary>Problems of a page: elements, attributes, scripts, styles or links that the renderer does not write.</summary>
    internal static List<string> Foreign(IDocument doc)
    {
        var problems = new List<string>();
        foreach (var e in doc.All)
        {
            if (!Elements.Contains(e.LocalName)) problems.Add("element <" + e.LocalName + ">");
            foreach (var a in e.Attributes)
            {
                if (!Attributes.Contains(a.Name.ToLowerInvariant())) problems.Add("attribute " + a.Name + " on <" + e.LocalName + ">");
            }
        }
        var scripts = doc.QuerySelectorAll("script");
        if (scripts.Length != 1 || scripts[0].TextContent != HtmlWriter.Script) problems.Add(scripts.Length + " scripts, or a script that is not the renderer's");
        var styles = doc.QuerySelectorAll("style");
        if (styles.Length != 1 || styles[0].TextContent != HtmlWriter.Style) problems.Add(styles.Length + " styles, or a style that is not the renderer's");
        foreach (var a in doc.QuerySelectorAll("a[href]"))
        {
            var href = a.GetAttribute("href")!;
            if (!href.StartsWith('#') && !href.StartsWith(GovCatalog.HelpBaseUri, StringComparison.Ordinal)) problems.Add("link to " + href);
        }
        return problems;
    }

    private static readonly Gen<(RulePack Pack, MetadataSnapshot Snapshot)> Hostile =
        from pack in PackGen.GlobalPack()
        from snapshot in HostileNames.Snapshot()
        select (pack, snapshot);

    [Property(MaxTest = 200)]
    public Property Report_HostileNames_CreateNoElementOrAttribute_AndAreShownLiterally() => Prop.ForAll(Arb.From(Hostile), x =>
    {
        var packs = PackSet.Create(new[] { x.Pack });
        var result = Evaluator.Compile(packs).Evaluate(x.Snapshot, null, Clock);
        var doc = Parse(Report(result, x.Snapshot, packs));
        var problems = Foreign(doc);

        var findings = doc.QuerySelectorAll("#findings-table tbody tr");
        if (findings.Length != result.Findings.Count) problems.Add(findings.Length + " finding rows for " + result.Findings.Count + " findings");
        else
        {
            for (var i = 0; i < findings.Length; i++)
            {
                var cells = findings[i].QuerySelectorAll("td");
                if (cells[4].TextContent != HostileNames.Shown(result.Findings[i].Target)) problems.Add("finding target `" + cells[4].TextContent + "`");
                if (!cells[5].TextContent.StartsWith(HostileNames.Shown(result.Findings[i].Message), StringComparison.Ordinal)) problems.Add("finding message `" + cells[5].TextContent + "`");
            }
        }
        var matrix = doc.QuerySelectorAll("#masking-matrix tbody tr");
        if (matrix.Length != result.Masking.Count) problems.Add(matrix.Length + " matrix rows for " + result.Masking.Count + " masked columns");
        else
        {
            for (var i = 0; i < matrix.Length; i++)
            {
                if (matrix[i].QuerySelectorAll("td")[1].TextContent != HostileNames.Shown(result.Masking[i].Target)) problems.Add("masked column `" + matrix[i].TextContent + "`");
                if (matrix[i].GetAttribute("data-target") != HostileNames.Shown(result.Masking[i].Target)) problems.Add("data-target of a masked column");
            }
        }
        var roles = doc.QuerySelectorAll("#masking-matrix thead th").Skip(4).Select(th => th.TextContent).ToList();
        var expectedRoles = RoleGraph.TryBuild(x.Snapshot.Roles, out _)!.Roles.Order(StringComparer.Ordinal).Select(HostileNames.Shown).ToList();
        if (!roles.SequenceEqual(expectedRoles)) problems.Add("role headers " + string.Join(", ", roles));
        if (doc.QuerySelectorAll("#row-access-table tbody tr").Length != result.RowAccess.Count) problems.Add("row access rows");
        var products = x.Snapshot.Domains.SelectMany(d => d.Products.Select(p => (Domain: d.Name, Product: p.Name)))
            .OrderBy(p => p.Domain, StringComparer.Ordinal).ThenBy(p => p.Product, StringComparer.Ordinal).ToList();
        var listed = doc.QuerySelectorAll("#compliance-table tbody tr").Take(products.Count)
            .Select(tr => (tr.QuerySelectorAll("td")[0].TextContent, tr.QuerySelectorAll("td")[1].TextContent)).ToList();
        if (!listed.SequenceEqual(products.Select(p => (HostileNames.Shown(p.Item1), HostileNames.Shown(p.Item2))))) problems.Add("compliance rows");
        var domainOptions = doc.QuerySelectorAll("#findings-table-domain option").Skip(1).Select(o => o.GetAttribute("value")!).ToList();
        var expectedDomains = result.Findings.Select(f => x.Snapshot.Domains.FirstOrDefault(d => d.Products.Any(p => f.Target == Targets.Of(p) || f.Target.StartsWith(Targets.Of(p) + ".", StringComparison.Ordinal)))?.Name ?? "")
            .Distinct().Order(StringComparer.Ordinal).Select(HostileNames.Shown).ToList();
        if (!domainOptions.SequenceEqual(expectedDomains)) problems.Add("domain filter options " + string.Join(", ", domainOptions));
        return (problems.Count == 0).Label(string.Join("\n", problems));
    });

    [Property(MaxTest = 60)]
    public Property DiffPage_HostileNames_CreateNoElementOrAttribute() => Prop.ForAll(Arb.From(HostileNames.Versions()), x =>
    {
        var diff = DiffLawTests.TryDiff(x.From, x.To, x.Snapshot);
        return Prop.When(diff is not null, () =>
        {
            using var writer = new StringWriter();
            HtmlReport.WriteDiff(diff!, writer, Clock);
            var doc = Parse(writer.ToString());
            var problems = Foreign(doc);
            if (doc.QuerySelectorAll("#findings-table tbody tr").Length != diff!.Findings.Count) problems.Add("finding rows");
            if (doc.QuerySelectorAll("#masking-table tbody tr").Length != diff.Masking.Sum(m => 1 + m.Roles.Count)) problems.Add("masking rows");
            var targets = doc.QuerySelectorAll("#masking-table tbody tr.decision").Select(tr => tr.QuerySelectorAll("td")[1].TextContent);
            if (!targets.SequenceEqual(diff.Masking.Select(m => HostileNames.Shown(m.Target)))) problems.Add("masking targets");
            return (problems.Count == 0).Label(string.Join("\n", problems));
        });
    });

    [Property(MaxTest = 60)]
    public Property Report_IsTheSameBytes_ForTheSameInputsAndClock_WhateverTheSnapshotOrder()
    {
        var gen = from pack in PackGen.GlobalPack()
                  from snapshot in SnapshotGen.Snapshot()
                  from shuffled in SnapshotGen.Shuffled(snapshot)
                  select (pack, snapshot, shuffled);
        return Prop.ForAll(Arb.From(gen), x =>
        {
            var packs = PackSet.Create(new[] { x.pack });
            var evaluator = Evaluator.Compile(packs);
            var first = Report(evaluator.Evaluate(x.snapshot, null, Clock), x.snapshot, packs);
            var again = Report(evaluator.Evaluate(x.snapshot, null, Clock), x.snapshot, packs);
            var shuffled = Report(evaluator.Evaluate(x.shuffled, null, Clock), x.shuffled, packs);
            return first == again && first == shuffled;
        });
    }

    [Test]
    public void Report_Example_ShowsTheCheckCountsAndTheClocksTime()
    {
        var packs = PackSet.Create(AcmeExample.Packs());
        var mesh = AcmeExample.Mesh();
        var result = Evaluator.Compile(packs).Evaluate(mesh, null, Clock);
        var html = Report(result, mesh, packs);
        var doc = Parse(html);
        string Count(string id) => doc.GetElementById(id)!.TextContent;
        Assert.Multiple(() =>
        {
            Assert.That(Foreign(doc), Is.Empty);
            Assert.That(Count("count-errors"), Is.EqualTo(result.Summary.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(Count("count-warnings"), Is.EqualTo(result.Summary.Warnings.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(Count("count-masked"), Is.EqualTo("39"));
            Assert.That(doc.QuerySelectorAll("#compliance-table tbody tr"), Has.Length.EqualTo(14));
            Assert.That(doc.QuerySelectorAll("#compliance-chart .bar"), Has.Length.EqualTo(4), "one bar per domain");
            Assert.That(html, Does.Contain("Generated 2026-11-24 12:00:00 UTC"));
            Assert.That(doc.QuerySelectorAll("#packs-table td").Select(td => td.TextContent), Has.Member(ManifestCodec.ComputeHash(packs.Packs[0])));
            Assert.That(doc.QuerySelectorAll("#findings-table tbody tr a").Select(a => a.GetAttribute("href")), Has.All.Match(@"docs/rules/GOV\d{4}\.md$"));
            var other = Report(result, mesh, packs, new DiffLawTests.FixedTime(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero)));
            Assert.That(other, Does.Contain("Generated 2027-01-02 03:04:05 UTC"));
            Assert.That(other.Replace("2027-01-02 03:04:05", "2026-11-24 12:00:00", StringComparison.Ordinal), Is.EqualTo(html), "the clock changes the time and nothing else");
        });
    }

    [Test]
    public void Report_DeclaresAPolicyThatAllowsNoNetworkAndOnlyItsOwnScript()
    {
        var packs = PackSet.Create(AcmeExample.Packs());
        var mesh = AcmeExample.Mesh();
        var doc = Parse(Report(Evaluator.Compile(packs).Evaluate(mesh), mesh, packs));
        var csp = doc.QuerySelector("meta[http-equiv='Content-Security-Policy']")!.GetAttribute("content")!;
        var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(doc.QuerySelector("script")!.TextContent)));
        Assert.Multiple(() =>
        {
            Assert.That(csp, Does.StartWith("default-src 'none';"));
            Assert.That(csp, Does.Contain("script-src 'sha256-" + hash + "'"));
            Assert.That(doc.QuerySelectorAll("[src]"), Is.Empty, "nothing is loaded");
            Assert.That(doc.QuerySelectorAll("link"), Is.Empty);
        });
    }
}
