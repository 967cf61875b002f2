using BenchmarkDotNet.Running;
using Governance.Evaluation;

namespace Governance.Benchmarks;

public static class Program
{
    /// <summary>
    /// <c>--sizes</c> prints the workload sizes and resident memory (see <see cref="Measure"/>), <c>--ablate</c> where
    /// evaluation time goes (see <see cref="Ablation"/>), <c>--evaluate</c> a loop for profilers (see
    /// <see cref="Profile"/>), <c>--peer-export</c> the peer race's workload and <c>--peer-time</c> our full path on it
    /// (see <see cref="PeerExport"/>), <c>--targets</c> the in-process targets of <c>benchmarks/targets.sh</c> (see
    /// <see cref="Targets"/>), <c>--load</c> its snapshot-load targets alone (see <see cref="LoadTarget"/>), <c>--phases</c> the steps of a CLI command timed one by one (see <see cref="Phases"/>),
    /// <c>--planner-only</c> the planner's own work in <c>governance plan</c>, in process (see <see cref="PlannerOnly"/>),
    /// <c>--import-memory</c> what a dbt import holds at once (see <see cref="ImportMemory"/>); anything else goes to
    /// BenchmarkDotNet, e.g. <c>--filter '*' --job short</c>.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--sizes") return Measure.Run(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--ablate") return Ablation.Run(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--evaluate") return Profile.Run(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--peer-export") return PeerExport.Run(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--import-memory") return ImportMemory.Run(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--peer-time") return PeerExport.Time(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--targets") return Targets.Run(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--load") return LoadTarget.Run(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--phases") return Phases.Run(args.Skip(1).ToArray());
        if (args.Length > 0 && args[0] == "--planner-only") return PlannerOnly.Run(args.Skip(1).ToArray());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
