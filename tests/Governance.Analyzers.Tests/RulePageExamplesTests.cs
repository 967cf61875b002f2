using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Governance.Tests;
using Microsoft.CodeAnalysis;

namespace Governance.Analyzers.Tests;

/// <summary>
/// The C# examples of the rule pages are real: on every page of a GOV ID the analyzers report, the section
/// "In product definitions" has a bad and a fixed set of definitions (```csharp blocks starting with
/// <c>// Bad</c> and <c>// Fixed</c>). Under the page's own rules — its first ```csharp block, the rule IR — the analyzer
/// reports the page's ID on the bad definitions and not on the fixed ones.
/// </summary>
public sealed class RulePageExamplesTests
{
    private static string Page(string id) => Path.Combine(AppContext.BaseDirectory, "docs", "rules", id + ".md");

    public static IEnumerable<TestCaseData> Pages()
        => new GovernanceAnalyzer().SupportedDiagnostics.Select(d => d.Id)
            .Where(id => id is not (GovIds.InvalidRulePack or GovIds.RulePackHashMismatch or GovIds.DomainRuleWeakensGlobal))
            .Select(id => new TestCaseData(id).SetName("RulePage_DefinitionExamples_AreReportedAndFixed(" + id + ")"));

    private static IReadOnlyList<string> CSharpBlocks(string markdown)
        => Regex.Matches(markdown, @"```csharp\r?\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The page's rule IR: its first ```csharp block, each statement a <c>new Rule(…)</c> or
    /// <c>new TagDefinition(…)</c>; compiled and run.</summary>
    private static RulePack PageRules(string id, string snippet)
    {
        var statements = Regex.Split(snippet.Trim(), @";\s*(?:\r?\n|$)").Where(s => s.Trim().Length > 0).ToList();
        var source = "using System; using System.Collections.Generic; using Governance; using Governance.Rules;\npublic static class PageRules { public static object[] All() => new object[] {\n"
            + string.Join(",\n", statements) + "\n}; }";
        var assembly = TestCompilation.EmitAndLoad(TestCompilation.Compile("PageRules_" + id, (source, id + ".md")), AssemblyLoadContext.Default);
        var all = (object[])assembly.GetType("PageRules")!.GetMethod("All")!.Invoke(null, null)!;
        var taxonomy = new Dictionary<string, TagDefinition>(StringComparer.Ordinal)
        {
            ["PII"] = new TagDefinition("PII", new[] { "email", "phone", "ssn" }, "Personal data"),
            ["SENSITIVITY"] = new TagDefinition("SENSITIVITY", new[] { "public", "internal", "confidential", "restricted" }, "How sensitive the data is"),
        };
        foreach (var t in all.OfType<TagDefinition>()) taxonomy[t.Name] = t;
        return new RulePack("docs", "1.0.0", PackScope.Global, "docs", taxonomy.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList(), all.OfType<Rule>().ToList());
    }

    [TestCaseSource(nameof(Pages))]
    public async Task RulePage_DefinitionExamples_AreReportedAndFixed(string id)
    {
        var markdown = File.ReadAllText(Page(id));
        var section = markdown.IndexOf("## In product definitions", StringComparison.Ordinal);
        Assert.That(section, Is.GreaterThan(0), id + ".md has no \"In product definitions\" section");
        var examples = CSharpBlocks(markdown[section..]);
        var bad = examples.SingleOrDefault(b => b.StartsWith("// Bad", StringComparison.Ordinal));
        var good = examples.SingleOrDefault(b => b.StartsWith("// Fixed", StringComparison.Ordinal));
        Assert.That(bad, Is.Not.Null, id + ".md needs a ```csharp block starting with `// Bad`");
        Assert.That(good, Is.Not.Null, id + ".md needs a ```csharp block starting with `// Fixed`");
        var pack = PageRules(id, CSharpBlocks(markdown)[0]);

        static async Task<List<Diagnostic>> Analyze(string definitions, RulePack pack)
        {
            var compilation = AnalyzerRun.Compile("using System;\nusing Governance;\n" + definitions);
            var compile = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.That(compile, Is.Empty, "the example does not compile");
            return (await AnalyzerRun.Diagnostics(compilation, pack)).Where(d => d.Id.StartsWith("GOV", StringComparison.Ordinal)).ToList();
        }

        var onBad = await Analyze(bad!, pack);
        var onGood = await Analyze(good!, pack);
        Assert.Multiple(() =>
        {
            Assert.That(onBad.Select(d => d.Id), Does.Contain(id), "the bad definitions are reported: " + string.Join("; ", onBad));
            Assert.That(onGood.Select(d => d.Id), Does.Not.Contain(id), "the fixed definitions are clean: " + string.Join("; ", onGood));
        });
    }
}
