using System.Globalization;
using Governance.Examples.Synthetic;
using Governance.Snapshots;
using Governance.Packs;

namespace Governance.Benchmarks;

/// <summary>
/// The workload sizes. <c>GOVERNANCE_BENCH_COLUMNS</c> (comma-separated) picks the snapshot sizes; the default runs
/// 10k, 100k and 1M columns. A quick run leaves the 1M case out: <c>GOVERNANCE_BENCH_COLUMNS=10000,100000</c>.
/// </summary>
public static class Sizes
{
    public const string ColumnsVariable = "GOVERNANCE_BENCH_COLUMNS";

    /// <summary>The rules of the pack every benchmark evaluates against.</summary>
    public const int Rules = 500;

    public const int Seed = 1;

    public static IEnumerable<int> Columns()
    {
        var text = Environment.GetEnvironmentVariable(ColumnsVariable);
        if (string.IsNullOrWhiteSpace(text)) return new[] { 10_000, 100_000, 1_000_000 };
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>The helper modes' numeric argument at <paramref name="index"/>, or <paramref name="fallback"/>.</summary>
    public static int Arg(string[] args, int index, int fallback)
        => args.Length > index ? int.Parse(args[index], NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

    public static byte[] SnapshotBytes(MetadataSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        SnapshotWriter.Write(snapshot, stream);
        return stream.ToArray();
    }

    public static PackSet PackSet(int rules = Rules) => Governance.Packs.PackSet.Create(new[] { SyntheticMesh.Pack(rules, Seed) });
}
