using System.Diagnostics;
using System.Text;
using Governance.Examples.Synthetic;
using Governance.Evaluation;
using Governance.Snapshots;
using Governance.Snowflake;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--planner-only [N] [R] [column|tag …]</c>: the planner's own work in <c>governance plan --out FILE</c>, in process
/// and warm — from the evaluation result to the script's bytes in a file: <c>SnowflakePlanner.Plan</c>, then the script
/// written statement by statement to the file (UTF-8, as the CLI writes it). The synthetic mesh of N columns (default
/// 1M) and the 500-rule pack are generated and evaluated once, untimed; then per mode one untimed run and R timed ones
/// (default 5), each after a full collection. One <c>key=value</c> line per mode: best and median wall time, median CPU
/// time (all threads), median GC pause, the bytes one run allocates (all threads), the statements and the script's size.
/// Reading the inputs, evaluating, and the CLI's own lines (the checks' errors above the script, stderr) are not in it:
/// <c>benchmarks/targets.sh</c> times the whole process beside it.
/// </summary>
public static class PlannerOnly
{
    public static int Run(string[] args)
    {
        var columns = Sizes.Arg(args, 0, 1_000_000);
        var runs = Sizes.Arg(args, 1, 5);
        var modes = args.Length > 2 ? args.Skip(2).Select(m => Enum.Parse<PlanMode>(m, ignoreCase: true)).ToArray() : new[] { PlanMode.Column, PlanMode.Tag };
        var packs = Sizes.PackSet();
        var snapshot = SyntheticMesh.Generate(columns, Sizes.Seed);
        var result = Evaluator.Compile(packs).Evaluate(snapshot);
        var file = Path.Combine(Path.GetTempPath(), "governance-planner-only-" + Environment.ProcessId + ".sql");
        try
        {
            foreach (var mode in modes)
            {
                var options = new PlanOptions { Mode = mode };
                var statements = 0;
                void PlanAndWrite()
                {
                    var plan = SnowflakePlanner.Plan(packs, snapshot, result, options);
                    using (var stream = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                    using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16))
                        plan.WriteSql(writer);
                    statements = plan.Operations.Count();
                }

                PlanAndWrite();
                var wall = new double[runs];
                var cpu = new double[runs];
                var pause = new double[runs];
                var allocated = new long[runs];
                using var process = Process.GetCurrentProcess();
                for (var i = 0; i < runs; i++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    process.Refresh();
                    var cpuBefore = process.TotalProcessorTime;
                    var pauseBefore = GC.GetTotalPauseDuration();
                    var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
                    var clock = Stopwatch.StartNew();
                    PlanAndWrite();
                    wall[i] = clock.Elapsed.TotalMilliseconds;
                    allocated[i] = GC.GetTotalAllocatedBytes(precise: true) - bytesBefore;
                    pause[i] = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
                    process.Refresh();
                    cpu[i] = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
                }
                Array.Sort(wall);
                Console.WriteLine(FormattableString.Invariant(
                    $"planner_only mode={mode.ToString().ToLowerInvariant()} columns={columns} runs={runs} cores={Environment.ProcessorCount} best_ms={wall[0]:0.0} median_ms={Median(wall):0.0} cpu_median_ms={Median(cpu):0.0} gc_pause_median_ms={Median(pause):0.0} allocated_bytes={(long)Median(allocated.Select(a => (double)a).ToArray())} statements={statements} script_bytes={new FileInfo(file).Length}"));
            }
        }
        finally
        {
            File.Delete(file);
        }
        GC.KeepAlive(snapshot);
        return 0;
    }

    private static double Median(double[] values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
