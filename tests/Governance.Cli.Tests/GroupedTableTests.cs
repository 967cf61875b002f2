using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Cli;

namespace Governance.Cli.Tests;

/// <summary>
/// The <c>check</c> table of a large mesh: a section of more than <see cref="GroupedSection.Threshold"/> rows is grouped by
/// rule — each group's count and first rows, the largest group first — and <c>--all</c> prints every row; the JSON
/// report lists every finding whatever the table shows.
/// </summary>
public class GroupedTableTests : CliFixture
{
    private static readonly Regex GroupHeading = new(@"^(?<key>\S.*): (?<count>\d+) (finding|decision)s?$");

    /// <summary>A generated mesh with hundreds of findings and decisions, written to <see cref="CliFixture.Dir"/>.</summary>
    private string[] LargeInputs()
    {
        var (code, _, err) = Run("generate", "--columns", "6000", "--rules", "60", "--out", Dir);
        Assert.That(code, Is.Zero, err);
        return new[] { Path.Combine(Dir, "synthetic.snapshot.json"), "--pack", Path.Combine(Dir, "synthetic.rulepack.json") };
    }

    [Test]
    public void Check_ManyFindings_GroupedByRule_CountsAddUpAndEachGroupShowsItsFirstFindings()
    {
        var inputs = LargeInputs();
        var (_, table, _) = Run(new[] { "check" }.Concat(inputs).ToArray());
        var (_, json, _) = Run(new[] { "check", "--format", "json" }.Concat(inputs).ToArray());
        using var doc = JsonDocument.Parse(json);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (Id: f.GetProperty("id").GetString()!, Rule: f.TryGetProperty("rule", out var r) ? r.GetString() ?? "" : "",
                Target: f.GetProperty("target").GetString()!, Message: f.GetProperty("message").GetString()!))
            .ToList();
        Assume.That(findings, Has.Count.GreaterThan(GroupedSection.Threshold), "the mesh must be large enough to group");

        var lines = table.Split('\n');
        var section = lines.TakeWhile(l => !l.StartsWith("Masking decisions", StringComparison.Ordinal)).ToList();
        var groups = Groups(section);
        var expected = findings.GroupBy(f => (f.Id, f.Rule)).ToDictionary(g => g.Key.Id + (g.Key.Rule.Length > 0 ? "  " + g.Key.Rule : ""), g => g.ToList());
        Assert.Multiple(() =>
        {
            Assert.That(section[0], Does.StartWith("Findings (" + findings.Count + "), by id and rule: " + expected.Count + " groups, the first "));
            Assert.That(section[0], Does.Contain("`--all`").And.Contain("`--format json`"), "says how to see every finding");
            Assert.That(groups.Select(g => g.Key), Is.EquivalentTo(expected.Keys), "one group per GOV ID and rule");
            Assert.That(groups.Select(g => g.Count), Is.Ordered.Descending, "the largest group first");
            foreach (var g in groups)
            {
                var all = expected[g.Key];
                Assert.That(g.Count, Is.EqualTo(all.Count), g.Key + ": its count");
                Assert.That(g.Rows, Has.Count.EqualTo(Math.Min(all.Count, GroupedSection.FirstRows)), g.Key + ": its first rows");
                // The group's findings in report order (by target): the rows are the first of them.
                for (var i = 0; i < g.Rows.Count; i++)
                    Assert.That(g.Rows[i], Does.Contain(all[i].Target + " ").And.EndWith(all[i].Message), g.Key + " row " + i);
                Assert.That(g.More, Is.EqualTo(all.Count - g.Rows.Count), g.Key + ": how many more");
            }
            Assert.That(lines.Where(l => l != l.TrimEnd()), Is.Empty, "no trailing spaces");
        });
    }

    [Test]
    public void Check_All_PrintsEveryRow_AsOneTablePerSection()
    {
        var inputs = LargeInputs();
        var (groupedCode, grouped, groupedErr) = Run(new[] { "check" }.Concat(inputs).ToArray());
        var (allCode, all, allErr) = Run(new[] { "check", "--all" }.Concat(inputs).ToArray());
        var (_, json, _) = Run(new[] { "check", "--format", "json" }.Concat(inputs).ToArray());
        using var doc = JsonDocument.Parse(json);
        var count = doc.RootElement.GetProperty("findings").GetArrayLength();
        var masking = doc.RootElement.GetProperty("decisions").GetProperty("masking").GetArrayLength();
        var rowAccess = doc.RootElement.GetProperty("decisions").GetProperty("rowAccess").GetArrayLength();
        var lines = all.Split('\n');
        int Header(string title) => Array.IndexOf(lines, title) + 1;
        Assert.Multiple(() =>
        {
            Assert.That(allCode, Is.EqualTo(groupedCode), "the exit code does not depend on the layout");
            Assert.That(Regex.Replace(allErr, @" in \d+ ms", ""), Is.EqualTo(Regex.Replace(groupedErr, @" in \d+ ms", "")));
            Assert.That(Header("Findings (" + count + ")"), Is.Positive);
            Assert.That(lines.Skip(Header("Findings (" + count + ")") + 2).Take(count), Has.All.Match(@"^(error|warning|note)\s+GOV\d{4}\s"), "one line per finding");
            Assert.That(lines[Header("Findings (" + count + ")") + 2 + count], Is.Empty);
            Assert.That(Header("Masking decisions (" + masking + ")"), Is.Positive);
            Assert.That(Header("Row access decisions (" + rowAccess + ")"), Is.Positive);
            Assert.That(lines.Length, Is.GreaterThan(count + masking + rowAccess));
            Assert.That(grouped.Split('\n').Length, Is.LessThan(lines.Length), "grouped is shorter");
            Assert.That(grouped.Split('\n')[^2], Is.EqualTo(lines[^2]), "the same summary");
        });
    }

    [Test]
    public void Check_BundledExample_IsNotGrouped()
    {
        var (_, output, _) = Run("check");
        Assert.That(output, Does.Not.Contain("groups, the first"));
        Assert.That(output, Does.Match(@"^Findings \(\d+\)\n"));
    }

    [Test]
    public void Check_ManyFindingsInANarrowTerminal_GroupedTablesFitTheWidth()
    {
        var inputs = LargeInputs();
        var stdout = new StringWriter();
        GovernanceCli.Run(new[] { "check" }.Concat(inputs).ToArray(), stdout, new StringWriter(), stderrRedirected: true, stdoutWidth: 80);
        var lines = stdout.ToString().Split('\n');
        Assert.That(lines.Where(l => l.Length > 80), Is.Empty);
        Assert.That(lines.Where(l => l != l.TrimEnd()), Is.Empty);
    }

    private sealed record Group(string Key, int Count, List<string> Rows, int More);

    /// <summary>The groups of a grouped section: heading, table header and dashes, rows, then <c>… N more</c>.</summary>
    private static List<Group> Groups(IReadOnlyList<string> section)
    {
        var groups = new List<Group>();
        for (var i = 1; i < section.Count; i++)
        {
            var heading = GroupHeading.Match(section[i]);
            if (!heading.Success) continue;
            var rows = new List<string>();
            var more = 0;
            var j = i + 3; // the heading, the table's header and its rule of dashes
            for (; j < section.Count && section[j].Length > 0; j++)
            {
                if (section[j].StartsWith("… ", StringComparison.Ordinal)) more = int.Parse(section[j].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                else rows.Add(section[j]);
            }
            groups.Add(new Group(heading.Groups["key"].Value, int.Parse(heading.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture), rows, more));
            i = j;
        }
        return groups;
    }
}
