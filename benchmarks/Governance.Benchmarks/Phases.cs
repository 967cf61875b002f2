using System.Diagnostics;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;
using Governance.Reporting;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--phases SNAPSHOT PACK [check|plan-column|plan-tag] [R]</c>: the steps of <c>governance check --format json</c>
/// or <c>governance plan --mode column|tag --out FILE</c> on files (e.g. from <c>governance generate</c>), done the
/// way the CLI does them today (<c>src/Governance.Cli</c>: read the packs, layer them, read the snapshot, compile,
/// evaluate, then the JSON report or the plan and its script), each step timed and its allocated bytes counted (all
/// threads). Runs the whole sequence R times (default 2) in this process: the first run is cold (JIT included), the
/// later ones warm. Where a whole process's time and allocations go, step by step.
/// </summary>
public static class Phases
{
    public static int Run(string[] args)
    {
        if (args.Length < 2) throw new ArgumentException("usage: --phases SNAPSHOT PACK [check|plan-column|plan-tag] [R]");
        var snapshotFile = args[0];
        var packFile = args[1];
        var what = args.Length > 2 ? args[2] : "check";
        var runs = Sizes.Arg(args, 3, 2);
        for (var run = 1; run <= runs; run++)
        {
            var steps = new List<(string Name, double Ms, long Bytes)>();
            T Step<T>(string name, Func<T> f)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var value = f();
                steps.Add((name, clock.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - before));
                return value;
            }

            var pack = Step("read pack (RulePackLoader.LoadFile)", () => RulePackLoader.LoadFile(packFile));
            var packs = Step("layer (PackSet.Create)", () => PackSet.Create(new[] { pack }));
            var snapshot = Step("read snapshot (SnapshotReader.ReadFiles)", () => SnapshotReader.ReadFiles(new[] { snapshotFile }));
            var evaluator = Step("compile (Evaluator.Compile)", () => Evaluator.Compile(packs));
            var result = Step("evaluate (Evaluator.Evaluate)", () => evaluator.Evaluate(snapshot));
            var output = Path.Combine(Path.GetTempPath(), "governance-phases-" + Environment.ProcessId + ".out");
            if (what == "check")
            {
                Step("JSON report to a file (JsonReport.Write)", () =>
                {
                    using var file = File.Create(output);
                    JsonReport.Write(result, file);
                    return file.Length;
                });
            }
            else
            {
                var options = new PlanOptions { Mode = what == "plan-tag" ? PlanMode.Tag : PlanMode.Column };
                var plan = Step("plan (SnowflakePlanner.Plan)", () => SnowflakePlanner.Plan(packs, snapshot, result, options));
                Step("script to a file (SnowflakePlan.WriteSql, UTF-8)", () =>
                {
                    using var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                    using var writer = new StreamWriter(file, new System.Text.UTF8Encoding(false), 1 << 16);
                    plan.WriteSql(writer);
                    return 0;
                });
            }
            File.Delete(output);
            Console.WriteLine(FormattableString.Invariant($"{what}, run {run} ({(run == 1 ? "cold" : "warm")}): {steps.Sum(s => s.Ms):0} ms, {steps.Sum(s => s.Bytes) / 1e6:0} MB allocated"));
            foreach (var (name, ms, bytes) in steps) Console.WriteLine(FormattableString.Invariant($"  {ms,8:0} ms {bytes / 1e6,8:0} MB  {name}"));
        }
        return 0;
    }
}
