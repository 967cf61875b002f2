using System.Collections.Immutable;
using Governance.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Governance.Tests;
using Microsoft.CodeAnalysis.Testing;

namespace Governance.Analyzers.Tests;

/// <summary>
/// An analyzer and code-fix test (Microsoft.CodeAnalysis.Testing with <see cref="DefaultVerifier"/>, <c>[|…|]</c>
/// markup) over product definitions that reference the Governance library, with rule packs as manifests in
/// <c>AdditionalFiles</c>. Compiles against the running .NET's own assemblies: no reference packs are downloaded.
/// </summary>
internal sealed class AnalyzerTest : CSharpCodeFixTest<GovernanceAnalyzer, GovernanceCodeFixProvider, DefaultVerifier>
{
    /// <summary>The .NET assemblies of this test run plus Governance.dll.</summary>
    internal static ImmutableArray<MetadataReference> References => TestCompilation.References;

    public AnalyzerTest(string source, params RulePack[] packs)
    {
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(References);
        FixedState.AdditionalReferences.AddRange(References);
        TestCode = source;
        foreach (var pack in packs) TestState.AdditionalFiles.Add((pack.Name + ".rulepack.json", ManifestCodec.Write(pack)));
    }

    /// <summary>Adds a manifest file with the given (possibly broken) text.</summary>
    public AnalyzerTest WithManifest(string fileName, string text)
    {
        TestState.AdditionalFiles.Add((fileName, text));
        return this;
    }

    public AnalyzerTest WithEditorConfig(string lines)
    {
        TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*]\n" + lines + "\n"));
        return this;
    }

    /// <summary>The fixed source; the manifests stay (the fix must remove the diagnostic).</summary>
    public AnalyzerTest Fixed(string source, string? equivalenceKey = null)
    {
        FixedCode = source;
        foreach (var f in TestState.AdditionalFiles) FixedState.AdditionalFiles.Add(f);
        if (equivalenceKey is not null) CodeActionEquivalenceKey = equivalenceKey;
        return this;
    }

    public AnalyzerTest Expect(params DiagnosticResult[] diagnostics)
    {
        ExpectedDiagnostics.AddRange(diagnostics);
        return this;
    }

    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity) => new(id, severity);
}
