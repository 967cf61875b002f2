using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Governance.Tests;

/// <summary>
/// C# compiled by the tests (docs samples, product definitions, rule blocks of the rule pages): against the running
/// .NET's own assemblies and Governance.dll — no reference packs are downloaded — and loaded when it must run.
/// </summary>
internal static class TestCompilation
{
    /// <summary>The running .NET's <c>System.*</c>, <c>netstandard</c> and <c>mscorlib</c> assemblies, and Governance.dll.</summary>
    public static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = tpa.Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Where(p => !p.Contains("Private", StringComparison.Ordinal) || Path.GetFileName(p) == "System.Private.CoreLib.dll")
            .OrderBy(p => p, StringComparer.Ordinal);
        return framework.Append(typeof(DataProductAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    /// <summary>A library compilation of <paramref name="sources"/>, nullable enabled, latest language version.</summary>
    public static CSharpCompilation Compile(string name, params (string Source, string Path)[] sources)
        => CSharpCompilation.Create(name,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, new CSharpParseOptions(LanguageVersion.Latest), s.Path)),
            References, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Emits the compilation and loads it into <paramref name="context"/>; fails the test, showing the compiler's
    /// diagnostics, when it does not compile.</summary>
    public static Assembly EmitAndLoad(Compilation compilation, AssemblyLoadContext context)
    {
        using var image = new MemoryStream();
        var emit = compilation.Emit(image);
        if (!emit.Success)
            throw new AssertionException("the source does not compile:\n" + string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                + "\n" + string.Join("\n", compilation.SyntaxTrees.Select(t => t.ToString())));
        image.Position = 0;
        return context.LoadFromStream(image);
    }
}
