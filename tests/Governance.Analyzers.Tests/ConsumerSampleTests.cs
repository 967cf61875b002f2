using System.Collections.Immutable;
using Governance.Examples;
using Governance.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

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
        var manifest = File.ReadAllText(Sample("acme-global.rulepack.json"));
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Sample", "Sample", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest), metadataReferences: AnalyzerTest.References));
        var document = workspace.AddDocument(project.Id, "Products.cs", SourceText.From(
            "global using System;\n" + File.ReadAllText(Sample("Bad", "Products.cs"))));
        var files = ImmutableArray.Create<AdditionalText>(new Manifest("acme-global.rulepack.json", manifest));
        var fixer = new GovernanceCodeFixProvider();
        var applied = new List<string>();
        for (var round = 0; round < 20; round++)
        {
            var compilation = (await document.Project.GetCompilationAsync())!;
            var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new GovernanceAnalyzer()), new AnalyzerOptions(files))
                .GetAnalyzerDiagnosticsAsync();
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
        var text = (await document.GetTextAsync()).ToString()["global using System;\n".Length..];
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") await File.WriteAllTextAsync(Sample("Fixed", "Products.cs"), text);
        Assert.Multiple(() =>
        {
            Assert.That(text, Is.EqualTo(File.ReadAllText(Sample("Fixed", "Products.cs"))), string.Join("\n", applied));
            Assert.That(applied.Select(a => a[..7]).Distinct().Order(), Is.EqualTo(new[] { "GOV3001", "GOV3002", "GOV4001", "GOV4003", "GOV4004" }));
        });
    }

    private sealed class Manifest(string path, string text) : AdditionalText
    {
        public override string Path => path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
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
