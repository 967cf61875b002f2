using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Governance.Tests.Docs;

/// <summary>
/// Every C# sample in docs/rules and docs/concepts compiles against the library as it is: each ```csharp block is
/// compiled as the body of a method with <c>using Governance;</c>. (docs/authoring.md's samples are compiled code
/// and checked verbatim by <see cref="AuthoringGuideTests"/>.)
/// </summary>
public class DocsSnippetTests
{
    public static IEnumerable<TestCaseData> Snippets()
    {
        var docs = Path.Combine(TestContext.CurrentContext.TestDirectory, "docs");
        var files = Directory.GetFiles(Path.Combine(docs, "rules"), "*.md").Append(Path.Combine(docs, "concepts.md")).OrderBy(f => f, StringComparer.Ordinal);
        foreach (var file in files)
        {
            var i = 0;
            foreach (Match m in Regex.Matches(File.ReadAllText(file), @"```csharp\r?\n(.*?)```", RegexOptions.Singleline))
            {
                // Product definitions (classes) are compiled and analyzed by the analyzer tests' RulePageExamplesTests.
                if (m.Groups[1].Value.StartsWith("// Bad", StringComparison.Ordinal) || m.Groups[1].Value.StartsWith("// Fixed", StringComparison.Ordinal)) continue;
                yield return new TestCaseData(Path.GetFileName(file), ++i, m.Groups[1].Value).SetName("DocsSample_Compiles(" + Path.GetFileName(file) + " #" + i + ")");
            }
        }
    }

    [TestCaseSource(nameof(Snippets))]
    public void DocsSample_Compiles(string file, int index, string code)
    {
        var source = "using System; using System.Collections.Generic; using Governance; using Governance.Rules;\nstatic class Sample { static void Run() {\n" + code + "\n} }";
        var compilation = TestCompilation.Compile("Sample_" + index, (source, ""));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.That(errors, Is.Empty, file + " sample #" + index);
    }

    /// <summary>The library package's readme shows a whole file: it compiles as one.</summary>
    [Test]
    public void PackageReadmeSample_Compiles()
    {
        var readme = File.ReadAllText(TestFiles.Source("src", "Governance", "PACKAGE.md"));
        var code = Regex.Match(readme, @"```csharp\r?\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        Assert.That(code, Does.Contain("RulePackDefinition"));
        var compilation = TestCompilation.Compile("PackageReadme", (code, "PACKAGE.md"));
        Assert.That(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()), Is.Empty);
    }

    [Test]
    public void TheRulePagesHaveSamples() => Assert.That(Snippets().Count(), Is.GreaterThanOrEqualTo(10));
}
