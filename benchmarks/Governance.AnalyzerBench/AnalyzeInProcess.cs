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
/// the bytes allocated (the compilation's own binding included: see <c>--no-packs</c>), and the number of GOV
/// diagnostics; with <c>--no-packs</c> the manifests are left out (the analyzer stops at once); with <c>--floor</c> an
/// analyzer that does nothing on every type runs instead (the compilation's own binding: the floor); with
/// <c>--list FILE</c> the sorted diagnostics of the last run are written to FILE, to compare two builds of the analyzer.
/// </summary>
internal static class AnalyzeInProcess
{
    public static int Run(string[] args)
    {
        var dir = args[0];
        var runs = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : 5;
        // Without the manifests the analyzer stops at its compilation start: what the compilation costs on its own.
        var noPacks = args.Contains("--no-packs");
        // An analyzer that does nothing on every type: what binding the compilation costs (the compiler does it anyway).
        var floor = args.Contains("--floor");
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
        for (var i = 0; i < runs; i++)
        {
            var compilation = CSharpCompilation.Create("Bench.Products", trees, references, compileOptions);
            DiagnosticAnalyzer analyzer = floor ? new NothingAnalyzer() : new GovernanceAnalyzer();
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
                new CompilationWithAnalyzersOptions(new AnalyzerOptions(manifests), null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
            GC.Collect();
            var allocated = GC.GetTotalAllocatedBytes(true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            last = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
            clock.Stop();
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            allocated = GC.GetTotalAllocatedBytes(true) - allocated;
            var telemetry = withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {i + 1}: wall {clock.Elapsed.TotalMilliseconds:F0} ms, cpu {cpuUsed.TotalMilliseconds:F0} ms, analyzer execution {telemetry.ExecutionTime.TotalMilliseconds:F0} ms, allocated {allocated / 1e6:F0} MB, {last.Length} diagnostics"));
        }
        if (list is not null)
            File.WriteAllLines(list, last.Select(d => d.Id + " " + d.Location.GetLineSpan() + " " + d.Severity + " " + d.GetMessage(CultureInfo.InvariantCulture))
                .OrderBy(l => l, StringComparer.Ordinal));
        return 0;
    }

#pragma warning disable RS1001, RS1036, RS2008 // a benchmark's analyzer, not shipped
    private sealed class NothingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Never = new DiagnosticDescriptor("BENCH0001", "never", "never", "bench", DiagnosticSeverity.Hidden, false);
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
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
