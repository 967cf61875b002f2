using System.Text.RegularExpressions;
using Governance.Examples;
using Governance.Snowflake;
using Governance.Tests;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>docs/emulator.md: its samples are the compiled ones, and they do what the page says.</summary>
public sealed class EmulatorGuideTests
{
    private static string Page() => File.ReadAllText(TestFiles.Source("docs", "emulator.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Test]
    public void Guide_ContainsEverySampleVerbatim()
    {
        var source = File.ReadAllText(TestFiles.Source("tests", "Governance.Simulation.Tests", "Emulator", "EmulatorSamples.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var snippets = Regex.Matches(source, @"// begin-snippet: (?<name>[\w-]+)\n(?<code>.*?)\n[ ]*// end-snippet", RegexOptions.Singleline).ToList();
        Assert.That(snippets, Has.Count.EqualTo(2));
        foreach (var m in snippets)
        {
            var lines = m.Groups["code"].Value.Split('\n');
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            var code = string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).TrimEnd();
            Assert.That(Page(), Does.Contain("```csharp\n" + code + "\n```"), "docs/emulator.md must contain snippet `" + m.Groups["name"].Value + "` exactly as compiled");
        }
    }

    [Test]
    public void Samples_ApplyTheAcmePlan_AndShowEachRoleWhatThePageSays()
    {
        var mesh = AcmeExample.Mesh();
        var packs = PackSet.Create(AcmeExample.Packs());
        var result = Evaluator.Compile(packs).Evaluate(mesh);
        var directory = Directory.CreateTempSubdirectory("governance-emulator-guide-").FullName;
        try
        {
            using var account = EmulatorSamples.Open(Path.Combine(directory, "acme.duckdb"), mesh, result);
            foreach (var sql in new[] { "CREATE DATABASE IF NOT EXISTS GOVERNANCE", "CREATE SCHEMA IF NOT EXISTS GOVERNANCE.POLICIES", "CREATE SCHEMA IF NOT EXISTS GOVERNANCE.TAGS" })
                Emulated.Execute(account, sql);
            Assert.That(Emulated.Apply(account, SnowflakePlanner.Plan(packs, mesh, result).ToSql()), Is.Empty);
            var analyst = EmulatorSamples.Column(account, "ANALYST", "SALES.CUSTOMERS.CUSTOMERS", "CUSTOMER_EMAIL");
            var reader = EmulatorSamples.Column(account, "PII_READER", "SALES.CUSTOMERS.CUSTOMERS", "CUSTOMER_EMAIL");
            Assert.Multiple(() =>
            {
                Assert.That(analyst, Is.Not.Empty);
                Assert.That(analyst.OfType<string>(), Is.All.StartsWith("*****@"));
                Assert.That(reader.OfType<string>(), Is.All.Match("^[a-z]+\\.[a-z]+[0-9]*@"));
                Assert.That(reader, Has.Count.EqualTo(analyst.Count), "PII_READER inherits ANALYST's rows");
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
