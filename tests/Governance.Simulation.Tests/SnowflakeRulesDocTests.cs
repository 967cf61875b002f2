using System.Reflection;
using System.Text.RegularExpressions;

namespace Governance.Simulation.Tests;

/// <summary>
/// docs/snowflake.md's list of the Snowflake rules the compiler relies on stays true: every rule cites a page of
/// Snowflake's documentation, and every test it names as holding it exists (in this test project or in
/// Governance.Tests).
/// </summary>
public sealed class SnowflakeRulesDocTests
{
    private static readonly Assembly[] Tests = { typeof(SnowflakeRulesDocTests).Assembly, typeof(Governance.Tests.Snowflake.PlanTests).Assembly };

    private static List<string[]> Rows()
    {
        var text = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "snowflake.md"));
        var table = text[text.IndexOf("| # | Rule | Documentation | Held by |", StringComparison.Ordinal)..];
        return table.Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => Regex.Split(l.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray()).ToList();
    }

    [Test]
    public void EveryRule_CitesSnowflakesDocumentation_AndNamesATestThatExists()
    {
        var rows = Rows();
        Assert.That(rows, Has.Count.GreaterThanOrEqualTo(30));
        var types = Tests.SelectMany(a => a.GetTypes()).GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var row in rows)
        {
            Assert.That(row, Has.Length.EqualTo(4), string.Join(" | ", row));
            Assert.That(row[2], Does.Contain("https://docs.snowflake.com/"), row[0] + " cites no documentation page");
            foreach (Match m in Regex.Matches(row[3], @"`(\w+)(?:\.(\w+))?`"))
            {
                Assert.That(types.TryGetValue(m.Groups[1].Value, out var type), Is.True, row[0] + ": no test class " + m.Groups[1].Value);
                if (m.Groups[2].Success)
                    Assert.That(type!.GetMethod(m.Groups[2].Value), Is.Not.Null, row[0] + ": no test " + m.Value);
            }
        }
    }

    [Test]
    public void WhatTheDocumentationDoesNotSettle_IsMarkedUnverified()
        => Assert.That(Rows().Count(r => r[1].Contains("**Unverified", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(5));
}
