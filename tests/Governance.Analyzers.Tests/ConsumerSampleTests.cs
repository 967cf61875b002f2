using Governance.Examples;
using Governance.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Governance.Analyzers.Tests;

/// <summary>
/// The package consumer sample (tests/PackageConsumer): its manifest is the Acme board's pack as published, and its
/// fixed twin is exactly what the code fixes make of the bad one — applying the first fix of every fixable diagnostic
/// until none is left. (The package test builds both twins against the packed nupkg.)
/// </summary>
public sealed class ConsumerSampleTests
{
    private static string Sample(params string[] parts) => TestFiles.Source(new[] { "tests", "PackageConsumer" }.Concat(parts).ToArray());

    [Test]
    public void SampleManifest_IsTheAcmeGlobalPackAsPublished()
        => Assert.That(File.ReadAllText(Sample("acme-global.rulepack.json")), Is.EqualTo(ManifestCodec.Write(new AcmeGlobalPack().Build())));

    [Test]
    public async Task CodeFixes_TurnTheBadTwinIntoTheFixedTwin()
    {
        var manifest = new AnalyzerRun.Text("acme-global.rulepack.json", File.ReadAllText(Sample("acme-global.rulepack.json")));
        var document = AnalyzerRun.Document(File.ReadAllText(Sample("Bad", "Products.cs")), globalUsings: "global using System;\n");
        var fixer = new GovernanceCodeFixProvider();
        var applied = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            var diagnostics = await AnalyzerRun.Diagnostics(document, manifest);
            var fixable = diagnostics.Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).OrderBy(d => d.Location.SourceSpan.Start).FirstOrDefault();
            if (fixable is null)
            {
                Assert.That(diagnostics, Is.Empty, "every diagnostic of the bad twin is fixable");
                break;
            }
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, fixable, (a, _) => actions.Add(a), CancellationToken.None));
            Assert.That(actions, Is.Not.Empty, fixable.ToString());
            applied.Add(fixable.Id + ": " + actions[0].Title);
            var operations = await actions[0].GetOperationsAsync(CancellationToken.None);
            document = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetDocument(document.Id)!;
        }
        var text = (await document.GetTextAsync()).ToString();
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") await File.WriteAllTextAsync(Sample("Fixed", "Products.cs"), text);
        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo(File.ReadAllText(Sample("Fixed", "Products.cs"))), string.Join("\n", applied));
            Assert.That(applied.Select(a => a[..7]).Distinct().Order(), Is.EqualTo(new[] { "GOV3001", "GOV3002", "GOV4001", "GOV4003", "GOV4004" }));
        });
    }
}

public sealed class AnalyzersGuideTests
{
    [Test]
    public void Guide_ShowsTheConsumerSample_Verbatim()
    {
        var guide = File.ReadAllText(TestFiles.Source("docs", "analyzers.md"));
        var sample = File.ReadAllText(TestFiles.Source("tests", "PackageConsumer", "Bad", "Products.cs"));
        Assert.That(guide, Does.Contain("```csharp\n" + sample + "```"));
    }
}
