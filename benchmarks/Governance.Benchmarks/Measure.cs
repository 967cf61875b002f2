using System.Diagnostics;
using System.Globalization;
using Governance.Examples.Synthetic;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--sizes [N …]</c>: for each snapshot size, what the benchmarks' per-operation numbers must be divided by (JSON
/// bytes, masking decisions × roles), the resident memory of a loaded snapshot (<c>GC.GetTotalMemory(true)</c> before
/// and after reading it, the JSON bytes already allocated before), a Stopwatch cross-check of load and evaluation
/// (best of three, after one warm-up), and the statements and time of SQL plan generation in both modes.
/// BenchmarkDotNet's numbers are the reference; these are a sanity check.
/// </summary>
public static class Measure
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray() : Sizes.Columns().ToArray();
        var packs = Sizes.PackSet();
        var evaluator = Evaluator.Compile(packs);
        Console.WriteLine(FormattableString.Invariant($"pack: {packs.AllRules.Count} rules; runtime {Environment.Version}; {Environment.ProcessorCount} cores; server GC {System.Runtime.GCSettings.IsServerGC}"));
        Console.WriteLine("| columns | JSON bytes | JSON bytes/column | resident bytes/column | load ms (MB/s) | evaluate ms (columns/s) | evaluate allocated bytes/column | findings | masking decisions | roles | decisions/invoke | row access decisions | plan statements (column / tag mode) | plan ms (column / tag mode) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var columns in sizes)
        {
            var json = Sizes.SnapshotBytes(SyntheticMesh.Generate(columns, Sizes.Seed));

            var (snapshot, resident) = Resident(json, columns);

            var load = Best(() => SnapshotReader.Read(new MemoryStream(json, writable: false), null));
            EvaluationResult? result = null;
            var evaluate = Best(() => result = evaluator.Evaluate(snapshot));
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            result = evaluator.Evaluate(snapshot);
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (double)columns;

            var roles = RoleGraph.TryBuild(snapshot.Roles, out _)!.Roles.Count();
            var columnMode = new PlanOptions { Mode = PlanMode.Column };
            var tagMode = new PlanOptions { Mode = PlanMode.Tag };
            var statements = SnowflakePlanner.Plan(packs, snapshot, result, columnMode).Operations.Count();
            var tagStatements = SnowflakePlanner.Plan(packs, snapshot, result, tagMode).Operations.Count();
            var plan = Best(() => SnowflakePlanner.Plan(packs, snapshot, result, columnMode).ToSql());
            var tagPlan = Best(() => SnowflakePlanner.Plan(packs, snapshot, result, tagMode).ToSql());
            var mb = json.Length / 1e6 / load.TotalSeconds;
            var perSecond = columns / evaluate.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"| {columns:N0} | {json.Length:N0} | {json.Length / (double)columns:0} | {resident:0} | {load.TotalMilliseconds:0.0} ({mb:0}) | {evaluate.TotalMilliseconds:0.0} ({perSecond:N0}) | {allocated:0} | {result!.Findings.Count:N0} | {result.Masking.Count:N0} | {roles} | {result.Masking.Count * (long)roles:N0} | {result.RowAccess.Count:N0} | {statements:N0} / {tagStatements:N0} | {plan.TotalMilliseconds:0.0} / {tagPlan.TotalMilliseconds:0.0} |"));
            GC.KeepAlive(snapshot);
        }
        return 0;
    }

    /// <summary>
    /// Reads the snapshot and measures its resident bytes per column: <c>GC.GetTotalMemory(true)</c> before and after
    /// (the JSON bytes already allocated before).
    /// </summary>
    internal static (MetadataSnapshot Snapshot, double BytesPerColumn) Resident(byte[] json, long columns)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var snapshot = SnapshotReader.Read(new MemoryStream(json, writable: false), null);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        return (snapshot, (after - before) / (double)columns);
    }

    private static TimeSpan Best(Action action)
    {
        action();
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            clock.Stop();
            if (clock.Elapsed < best) best = clock.Elapsed;
        }
        return best;
    }
}
