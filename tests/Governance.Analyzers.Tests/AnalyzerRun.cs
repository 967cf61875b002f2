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

    private sealed class Text(string path, string text) : AdditionalText
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
