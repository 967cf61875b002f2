using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Governance;
using Governance.Analyzers;
using Governance.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

/// <summary>
/// <c>--analyze DIR [RUNS]</c>: runs <see cref="GovernanceAnalyzer"/> in process on the domain project written to DIR
/// (its <c>Products/*.cs</c> and <c>*.rulepack.json</c>), the way the compiler does (<see cref="CompilationWithAnalyzers"/>),
/// on a fresh compilation each run: a steady loop to attach a profiler to. Per run: the wall and CPU time of
/// <c>GetAnalyzerDiagnosticsAsync</c>, the analyzer's own execution time (what <c>-p:ReportAnalyzer=true</c> reports),
/// the bytes allocated (the compilation's own binding included: see <c>--floor</c>), the methods JIT-compiled and the
/// time that took (the first run of each build is cold, as in every <c>csc</c> process), and the number of GOV
/// diagnostics; with <c>--no-packs</c> the manifests are left out (the analyzer stops at once); with <c>--floor</c> an
/// analyzer that only binds every type's and member's attributes runs (what the compiler binds anyway to emit the
/// assembly: the floor), alone or in turn with the <c>--analyzer</c> builds; with
/// <c>--list FILE</c> the sorted diagnostics of the last run are written to FILE, to compare two builds of the analyzer;
/// <c>--analyzer DLL</c> (repeatable) runs the analyzer of that build (a package's <c>Governance.Analyzers.dll</c>)
/// instead, each in turn in every run: before/after pairs taken alternately in one process.
/// </summary>
internal static class AnalyzeInProcess
{
    public static int Run(string[] args)
    {
        var dir = args[0];
        var runs = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 5;
        // Without the manifests the analyzer stops at its compilation start: what the compilation costs on its own.
        var noPacks = args.Contains("--no-packs");
        // An analyzer that only binds the attributes: what the compiler does anyway to emit the assembly.
        var floor = args.Contains("--floor");
        // Other builds of the analyzer (a package's Governance.Analyzers.dll), each in a load context of its own, taken in
        // turn in every run: before/after pairs in one process.
        var builds = args.Select((a, i) => (a, i)).Where(x => x.a == "--analyzer" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
        var listIndex = Array.IndexOf(args, "--list");
        var list = listIndex >= 0 && listIndex + 1 < args.Length ? args[listIndex + 1] : null;

        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = Directory.GetFiles(Path.Combine(dir, "Products"), "*.cs").OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(p)), parse, p)).ToList();
        var manifests = Directory.GetFiles(dir, "*.rulepack.json").OrderBy(p => p, StringComparer.Ordinal)
            .Where(_ => !noPacks).Select(p => (AdditionalText)new FileText(p, File.ReadAllText(p))).ToImmutableArray();
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = tpa.Where(p => Path.GetFileName(p) is var f && (f.StartsWith("System.", StringComparison.Ordinal) || f is "netstandard.dll" or "mscorlib.dll"))
            .Where(p => !p.Contains("Private", StringComparison.Ordinal) || Path.GetFileName(p) == "System.Private.CoreLib.dll")
            .OrderBy(p => p, StringComparer.Ordinal).Append(typeof(DataProductAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
        // Every GOV diagnostic as a warning, as the benchmark project's .editorconfig says.
        var severities = GovCatalog.All.ToDictionary(d => d.Id, _ => ReportDiagnostic.Warn);
        var compileOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable,
            specificDiagnosticOptions: severities);

        Console.WriteLine($"{trees.Count} source files, {manifests.Length} manifests, {runs} runs");
        ImmutableArray<Diagnostic> last = default;
        var makers = builds.Select(b => (Name: b, Make: Load(b))).ToList();
        if (floor) makers.Add(("floor", () => new AttributesAnalyzer()));
        if (makers.Count == 0) makers.Add(("", () => new GovernanceAnalyzer()));
        for (var i = 0; i < runs; i++)
        foreach (var (name, make) in makers)
        {
            var compilation = CSharpCompilation.Create("Bench.Products", trees, references, compileOptions);
            var analyzer = make();
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(manifests), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (jitted, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime());
            var clock = Stopwatch.StartNew();
            last = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            clock.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            allocated = GC.GetTotalAllocatedBytes(true) - allocated;
            (jitted, jitTime) = (System.Runtime.JitInfo.GetCompiledMethodCount() - jitted, System.Runtime.JitInfo.GetCompilationTime() - jitTime);
            var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1}{(name.Length > 0 ? " " + name : "")}: wall {clock.Elapsed.TotalMilliseconds:F0} ms, cpu {cpuUsed.TotalMilliseconds:F0} ms, analyzer execution {telemetry.ExecutionTime.TotalMilliseconds:F0} ms, allocated {allocated / 1e6:F0} MB, JIT {jitted} methods in {jitTime.TotalMilliseconds:F0} ms, {last.Length} diagnostics"));
        }
        if (list is not null)
            File.WriteAllLines(list, last.Select(d => d.Id + " " + d.Location.GetLineSpan() + " " + d.Severity + " " + d.GetMessage(CultureInfo.InvariantCulture))
                .OrderBy(l => l, StringComparer.Ordinal));
        return 0;
    }

    /// <summary>The GovernanceAnalyzer of the assembly at <paramref name="path"/>, loaded in a context of its own (Roslyn
    /// and the rest from the default context).</summary>
    private static Func<DiagnosticAnalyzer> Load(string path)
    {
        var context = new System.Runtime.Loader.AssemblyLoadContext(path);
        var assembly = context.LoadFromAssemblyPath(Path.GetFullPath(path));
        var type = assembly.GetType("Governance.Analyzers.GovernanceAnalyzer", throwOnError: true)!;
        return () => (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
    }

#pragma warning disable RS1001, RS1036, RS2008 // a benchmark's analyzer, not shipped
    private sealed class AttributesAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor("BENCH0001", "never", "never", "bench", DiagnosticSeverity.Warning, true);
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            // Binds what the compiler binds anyway to emit the assembly: every type's and member's attributes.
            context.RegisterSymbolAction(c =>
            {
                _ = c.Symbol.GetAttributes();
                foreach (var member in ((INamedTypeSymbol)c.Symbol).GetMembers()) _ = member.GetAttributes();
            }, SymbolKind.NamedType);
        }
    }
#pragma warning restore RS1001, RS1036, RS2008

    private sealed class FileText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);
        public override string Path => path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
