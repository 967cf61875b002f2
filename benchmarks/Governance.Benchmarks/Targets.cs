using System.Diagnostics;
using Governance.Examples.Synthetic;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--targets [N] [R]</c>: the in-process targets of <c>benchmarks/targets.sh</c> (issue 16) on N columns (default
/// 1M) × the 500-rule pack, as one <c>key=value</c> line: snapshot load from memory (best and median of R runs after a
/// warm-up, MB/s from the best), resident bytes per column of the loaded snapshot, and <c>Evaluator.Evaluate</c> warm
/// (best and median of R runs after a warm-up; the median CPU time of all threads, the median GC pause and count) with the
/// bytes one evaluation allocates (all threads).
/// </summary>
public static class Targets
{
    public static int Run(string[] args)
    {
        var columns = Sizes.Arg(args, 0, 1_000_000);
        var runs = Sizes.Arg(args, 1, 5);
        var evaluator = Evaluator.Compile(Sizes.PackSet());
        var json = Sizes.SnapshotBytes(SyntheticMesh.Generate(columns, Sizes.Seed));
        var (snapshot, resident) = Measure.Resident(json, columns);

        var load = Times(() => SnapshotReader.Read(new MemoryStream(json, writable: false), null), runs, out _, out _, out _);
        EvaluationResult? result = null;
        var evaluate = Times(() => result = evaluator.Evaluate(snapshot), runs, out var evaluateCpu, out var evaluatePauses, out var evaluateGcs);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        result = evaluator.Evaluate(snapshot);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Console.WriteLine(FormattableString.Invariant(
            $"targets columns={columns} rules={Sizes.Rules} runs={runs} cores={Environment.ProcessorCount} json_bytes={json.Length} load_best_ms={load[0].TotalMilliseconds:0.0} load_median_ms={Median(load).TotalMilliseconds:0.0} load_mb_s={json.Length / 1e6 / load[0].TotalSeconds:0.0} resident_bytes_per_column={resident:0.0} evaluate_best_ms={evaluate[0].TotalMilliseconds:0.0} evaluate_median_ms={Median(evaluate).TotalMilliseconds:0.0} evaluate_cpu_median_ms={Median(evaluateCpu).TotalMilliseconds:0.0} evaluate_gc_pause_median_ms={Median(evaluatePauses).TotalMilliseconds:0.0} evaluate_gc_count_median={evaluateGcs[evaluateGcs.Length / 2]} evaluate_allocated_bytes={allocated} findings={result.Findings.Count} masking={result.Masking.Count}"));
        GC.KeepAlive(snapshot);
        return 0;
    }

    /// <summary>
    /// One untimed call, then <paramref name="runs"/> timed ones: their wall times, the process's CPU times (all
    /// threads), the GC's pauses and its collections (all generations), each sorted.
    /// </summary>
    private static TimeSpan[] Times(Action action, int runs, out TimeSpan[] cpu, out TimeSpan[] pauses, out int[] collections)
    {
        action();
        using var process = Process.GetCurrentProcess();
        var times = new TimeSpan[runs];
        cpu = new TimeSpan[runs];
        pauses = new TimeSpan[runs];
        collections = new int[runs];
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var pausedBefore = GC.GetTotalPauseDuration();
            var collectedBefore = GC.CollectionCount(0);
            var clock = Stopwatch.StartNew();
            action();
            times[i] = clock.Elapsed;
            process.Refresh();
            cpu[i] = process.TotalProcessorTime - cpuBefore;
            pauses[i] = GC.GetTotalPauseDuration() - pausedBefore;
            collections[i] = GC.CollectionCount(0) - collectedBefore;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        Array.Sort(pauses);
        Array.Sort(collections);
        return times;
    }

    private static TimeSpan Median(TimeSpan[] sorted) => sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}
