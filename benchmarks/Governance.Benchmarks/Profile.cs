using System.Diagnostics;
using Governance.Examples.Synthetic;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--evaluate N [R]</c>: generates N columns, then evaluates them against the 500-rule pack R times (default 5),
/// printing each time — a steady loop for a profiler to attach to (<c>dotnet-trace collect -- dotnet
/// Governance.Benchmarks.dll --evaluate 1000000 10</c>, or <c>valgrind --tool=callgrind</c> for instruction counts).
/// </summary>
public static class Profile
{
    public static int Run(string[] args)
    {
        var columns = Sizes.Arg(args, 0, 1_000_000);
        var repeats = Sizes.Arg(args, 1, 5);
        var snapshot = SyntheticMesh.Generate(columns, Sizes.Seed);
        var evaluator = Evaluator.Compile(Sizes.PackSet());
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            var result = evaluator.Evaluate(snapshot);
            clock.Stop();
            Console.WriteLine(FormattableString.Invariant(
                $"evaluate {columns:N0} columns: {clock.Elapsed.TotalMilliseconds:0} ms, {result.Findings.Count:N0} findings, {result.Masking.Count:N0} masking decisions"));
        }
        return 0;
    }
}
