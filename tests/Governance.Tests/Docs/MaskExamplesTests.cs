using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance.Tests.Docs;

/// <summary>The masked-value examples of docs/concepts.md are what the strategies compute (<see cref="MaskingStrategy.MaskText"/>).</summary>
public sealed class MaskExamplesTests
{
    public static IEnumerable<TestCaseData> Rows()
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "concepts.md"));
        var table = text[text.IndexOf("| Strategy | Value | Masked |", StringComparison.Ordinal)..];
        foreach (var line in table.Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            yield return new TestCaseData(Cell(cells[0])!, Cell(cells[1]), Cell(cells[2])).SetName("ConceptsExample(" + cells[0] + ", " + cells[1] + ")");
        }
    }

    // `x` → x; (empty) → "".
    private static string? Cell(string cell) => cell == "(empty)" ? "" : Regex.Match(cell, "^`(.*)`$").Groups[1].Value;

    private static MaskingStrategy Strategy(string text)
    {
        var keepLast = Regex.Match(text, @"^keepLast\((\d+)\)$");
        if (keepLast.Success) return new KeepLastStrategy(int.Parse(keepLast.Groups[1].Value, CultureInfo.InvariantCulture));
        return text switch
        {
            "emailDomain" => EmailDomainStrategy.Instance,
            "redact" => new RedactStrategy(),
            "hash" => new HashStrategy(),
            _ => throw new ArgumentException("no strategy `" + text + "` in this test"),
        };
    }

    [TestCaseSource(nameof(Rows))]
    public void ConceptsExample_IsWhatTheStrategyComputes(string strategy, string value, string masked)
        => Assert.That(Strategy(strategy).MaskText(value), Is.EqualTo(masked));

    [Test]
    public void TheTableCoversKeepLastShortAndEmptyValues_AndEmailsWithoutAt()
    {
        var rows = Rows().Select(r => ((string)r.Arguments[0]!, (string)r.Arguments[1]!)).ToList();
        Assert.That(rows, Does.Contain(("keepLast(4)", "123")).And.Contain(("keepLast(4)", "")).And.Contain(("emailDomain", "no-at-sign")));
    }
}
