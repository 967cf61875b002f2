using FsCheck;
using FsCheck.Fluent;
using Governance.Reporting;
using Markdig;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Reporting;

/// <summary>
/// The Markdown of <c>governance diff --format markdown</c>, rendered as a GitHub-flavoured renderer does (Markdig with
/// pipe tables) and parsed as HTML: hostile names in a pull-request comment become no element, no link and no table
/// cell of their own, and each masked column shows literally in its code span.
/// </summary>
public sealed class MarkdownReportTests
{
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private static readonly HashSet<string> Elements = new(StringComparer.Ordinal)
    {
        "html", "head", "body", "h2", "h3", "p", "strong", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "code", "a", "details", "summary", "pre",
    };

    [Property(MaxTest = 100)]
    public Property Markdown_HostileNames_StayInsideTheirCodeSpansAndCells() => Prop.ForAll(Arb.From(HostileNames.Versions()), x =>
    {
        var diff = DiffLawTests.TryDiff(x.From, x.To, x.Snapshot);
        return Prop.When(diff is not null, () =>
        {
            using var writer = new StringWriter();
            DiffReport.WriteMarkdown(diff!, writer);
            var doc = HtmlReportTests.Parse(Markdig.Markdown.ToHtml(writer.ToString(), Gfm));
            var problems = doc.All.Where(e => !Elements.Contains(e.LocalName)).Select(e => "element <" + e.LocalName + ">").ToList();
            problems.AddRange(doc.QuerySelectorAll("a").Select(a => a.GetAttribute("href") ?? "").Where(h => !h.StartsWith(GovCatalog.HelpBaseUri, StringComparison.Ordinal)).Select(h => "link " + h));
            problems.AddRange(doc.QuerySelectorAll("tr").Where(tr => tr.Children.Length != tr.ParentElement!.ParentElement!.QuerySelectorAll("th").Length).Select(tr => "a row of " + tr.Children.Length + " cells"));
            var tables = doc.QuerySelectorAll("table");
            var masking = tables.FirstOrDefault(t => t.QuerySelectorAll("th").Select(th => th.TextContent).SequenceEqual(new[] { "Product", "Column", "Role", "Before", "After" }));
            var expected = diff!.Masking.SelectMany(m => Enumerable.Repeat(HostileNames.Shown(m.Target), 1 + m.Roles.Count)).ToList();
            var shown = masking?.QuerySelectorAll("tbody tr").Select(tr => tr.Children[1].TextContent).ToList() ?? new List<string>();
            if (!shown.SequenceEqual(expected)) problems.Add("masked columns shown as " + string.Join(", ", shown));
            return (problems.Count == 0).Label(string.Join("\n", problems));
        });
    });

    [TestCase(" a | b")]
    [TestCase("a | b  ")]
    [TestCase("  | ")]
    public void Code_NameWithAPipe_KeepsItsSpacesInATableCell(string name)
    {
        var html = Markdig.Markdown.ToHtml("| Column |\n|---|\n| " + Governance.Reporting.Markdown.Code(name) + " |\n", Gfm);
        var cell = HtmlReportTests.Parse(html).QuerySelector("tbody td")!;
        Assert.That(cell.TextContent, Is.EqualTo(name));
    }
}
