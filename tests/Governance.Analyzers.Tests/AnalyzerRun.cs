using System.Collections.Immutable;
using Governance.Tests;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Governance.Analyzers.Tests;

/// <summary>
/// Runs the analyzer the way the compiler does (<see cref="CompilationWithAnalyzers"/>, options from
/// <c>.editorconfig</c> through the syntax-tree options provider), for the tests that need the compilation itself.
/// </summary>
internal static class AnalyzerRun
{
    public static CSharpCompilation Compile(string source, string? editorConfig = null, string path = "/src/Products.cs")
    {
        var compilation = TestCompilation.Compile("Products", (source, path));
        if (editorConfig is null) return compilation;
        return compilation.WithOptions(compilation.Options.WithSyntaxTreeOptionsProvider(
            new TreeOptions(AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(editorConfig, "/.editorconfig") }))));
    }

    public static async Task<ImmutableArray<Diagnostic>> Diagnostics(Compilation compilation, params RulePack[] packs)
    {
        var files = packs.Select(p => (AdditionalText)new Text("/src/" + p.Name + ".rulepack.json", ManifestCodec.Write(p))).ToImmutableArray();
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new GovernanceAnalyzer()), new AnalyzerOptions(files));
        return await withAnalyzers.GetAllDiagnosticsAsync();
    }

    /// <summary>
    /// A workspace document of <paramref name="source"/> (at <c>/src/Products.cs</c>, beside a file of global usings
    /// when given), in a project compiled as <see cref="TestCompilation"/> compiles: for the code-fix tests that drive
    /// the fixes themselves.
    /// </summary>
    public static Document Document(string source, string? globalUsings = null)
    {
        var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Products", "Products", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest), metadataReferences: TestCompilation.References));
        if (globalUsings is not null) project = project.AddDocument("Usings.cs", SourceText.From(globalUsings), filePath: "/src/Usings.cs").Project;
        return project.AddDocument("Products.cs", SourceText.From(source), filePath: "/src/Products.cs");
    }

    /// <summary>The analyzer's diagnostics for the document's project, with the given manifests.</summary>
    public static async Task<ImmutableArray<Diagnostic>> Diagnostics(Document document, params AdditionalText[] manifests)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new GovernanceAnalyzer()), new AnalyzerOptions(manifests.ToImmutableArray()))
            .GetAnalyzerDiagnosticsAsync();
    }

    /// <summary>A manifest (or any additional file) with the given text.</summary>
    internal sealed class Text(string path, string text) : AdditionalText
    {
        public override string Path => path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class TreeOptions(AnalyzerConfigSet set) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
            => set.GetOptionsForSourcePath(tree.FilePath).TreeOptions.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = default;
            return false;
        }
    }
}
