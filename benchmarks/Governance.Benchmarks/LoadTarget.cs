using System.Diagnostics;
using Governance.Examples.Synthetic;
using Governance.Snapshots;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--load [N] [R]</c>: the snapshot-load targets of <c>benchmarks/targets.sh</c> alone (no evaluation), for
/// profiling the reader and comparing two builds back to back: the synthetic mesh of N columns (default 1M) read from
/// memory R times after a warm-up (best and median, MB/s from the best; and the best CPU time of all threads, which a
/// loaded machine disturbs less), the bytes one read allocates, and the resident
/// bytes per column of the loaded snapshot, as one <c>key=value</c> line.
/// </summary>
public static class LoadTarget
{
    public static int Run(string[] args)
    {
        var columns = Sizes.Arg(args, 0, 1_000_000);
        var runs = Sizes.Arg(args, 1, 5);
        var json = Sizes.SnapshotBytes(SyntheticMesh.Generate(columns, Sizes.Seed));
        var (snapshot, resident) = Measure.Resident(json, columns);
        GC.KeepAlive(snapshot);
        snapshot = null;

        SnapshotReader.Read(new MemoryStream(json, writable: false), null);
        var times = new TimeSpan[runs];
        var cpu = new TimeSpan[runs];
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(SnapshotReader.Read(new MemoryStream(json, writable: false), null));
            times[i] = clock.Elapsed;
            process.Refresh();
            cpu[i] = process.TotalProcessorTime - cpuBefore;
        }
        Array.Sort(times);
        Array.Sort(cpu);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        GC.KeepAlive(SnapshotReader.Read(new MemoryStream(json, writable: false), null));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        var median = times[runs / 2];
        Console.WriteLine(FormattableString.Invariant(
            $"load columns={columns} runs={runs} json_bytes={json.Length} load_best_ms={times[0].TotalMilliseconds:0.0} load_median_ms={median.TotalMilliseconds:0.0} load_mb_s={json.Length / 1e6 / times[0].TotalSeconds:0.0} load_median_mb_s={json.Length / 1e6 / median.TotalSeconds:0.0} load_cpu_best_ms={cpu[0].TotalMilliseconds:0.0} load_cpu_mb_s={json.Length / 1e6 / cpu[0].TotalSeconds:0.0} allocated_bytes={allocated} resident_bytes_per_column={resident:0.0}"));
        return 0;
    }
}
