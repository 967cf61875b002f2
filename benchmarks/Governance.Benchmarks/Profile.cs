using System.Diagnostics;
using Governance.Examples.Synthetic;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--evaluate N [R]</c>: generates N columns, then evaluates them against the 500-rule pack R times (default 5),
/// printing each time with the process's CPU time, the GC's pauses and the bytes allocated — a steady loop for a
/// profiler to attach to (<c>dotnet-trace collect -- dotnet Governance.Benchmarks.dll --evaluate 1000000 10</c>). The
/// CPU time (all threads) is steadier than the wall clock on a loaded machine.
/// </summary>
public static class Profile
{
    public static int Run(string[] args)
    {
        var columns = Sizes.Arg(args, 0, 1_000_000);
        var repeats = Sizes.Arg(args, 1, 5);
        var snapshot = SyntheticMesh.Generate(columns, Sizes.Seed);
        var evaluator = Evaluator.Compile(Sizes.PackSet());
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < repeats; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var collections = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            var result = evaluator.Evaluate(snapshot);
            clock.Stop();
            process.Refresh();
            Console.WriteLine(FormattableString.Invariant(
                $"evaluate {columns:N0} columns: {clock.Elapsed.TotalMilliseconds:0} ms (cpu {(process.TotalProcessorTime - cpu).TotalMilliseconds:0} ms, GC pauses {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:0} ms in {GC.CollectionCount(0) - collections} collections, {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:0} MB allocated), {result.Findings.Count:N0} findings, {result.Masking.Count:N0} masking decisions"));
        }
        return 0;
    }
}
