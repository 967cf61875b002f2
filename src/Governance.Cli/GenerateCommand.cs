using System.CommandLine;
using System.Globalization;
using Governance.Examples.Synthetic;
using Governance.Reporting;
using Governance.Snapshots;
using Governance.Packs;

namespace Governance.Cli;

/// <summary>
/// <c>governance generate</c>: writes a deterministic synthetic mesh (<c>synthetic.snapshot.json</c>) and a rule pack
/// of every kind (<c>synthetic.rulepack.json</c>) for benchmarks and scale tests.
/// </summary>
internal static class GenerateCommand
{
    public const string SnapshotFile = "synthetic.snapshot.json";
    public const string PackFile = "synthetic.rulepack.json";

    public static Command Create(TextWriter stderr)
    {
        var columns = new Option<int>("--columns") { Description = "How many columns the mesh has (at least 1).", Required = true, HelpName = "N" };
        var rules = new Option<int>("--rules") { Description = "How many rules the pack has (10 to 1000).", DefaultValueFactory = _ => 50, HelpName = "M" };
        var seed = new Option<int>("--seed") { Description = "The seed: the same seed and sizes give byte-identical files.", DefaultValueFactory = _ => 1, HelpName = "S" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write synthetic.snapshot.json and synthetic.rulepack.json.", Required = true, HelpName = "DIR" };
        var command = new GovernanceCommand("generate", "Write a deterministic synthetic mesh and rule pack, for benchmarks and scale tests.")
        {
            Examples = new[]
            {
                "governance generate --columns 100000 --rules 500 --out synthetic/",
                "governance check synthetic/synthetic.snapshot.json --pack synthetic/synthetic.rulepack.json --format json > /dev/null",
            },
        };
        foreach (var o in new Option[] { columns, rules, seed, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var n = parse.GetValue(columns);
            var m = parse.GetValue(rules);
            var s = parse.GetValue(seed);
            var dir = parse.GetValue(output)!.FullName;
            if (n < 1) throw new UsageException("`--columns` must be at least 1, got " + n.ToString(CultureInfo.InvariantCulture));
            if (m < SyntheticMesh.MinRules || m > SyntheticMesh.MaxRules)
                throw new UsageException("`--rules` must be between " + SyntheticMesh.MinRules.ToString(CultureInfo.InvariantCulture) + " and "
                    + SyntheticMesh.MaxRules.ToString(CultureInfo.InvariantCulture) + ", got " + m.ToString(CultureInfo.InvariantCulture));

            var pack = SyntheticMesh.Pack(m, s);
            var snapshot = SyntheticMesh.Generate(n, s);
            var snapshotPath = Path.Combine(dir, SnapshotFile);
            var packPath = Path.Combine(dir, PackFile);
            // The snapshot is streamed to its file; both files appear together or not at all.
            Output.WriteAll(new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
            {
                [snapshotPath] = stream => SnapshotWriter.Write(snapshot, stream),
                [packPath] = stream => stream.Write(new System.Text.UTF8Encoding(false).GetBytes(ManifestCodec.Write(pack))),
            });
            stderr.WriteLine("wrote " + snapshotPath + " (" + Display.Count(snapshot.ColumnCount, "column") + ", seed " + s.ToString(CultureInfo.InvariantCulture) + ")");
            stderr.WriteLine("wrote " + packPath + " (" + Display.Count(pack.Rules.Count, "rule") + ")");
            return GovernanceCli.Ok;
        });
        return command;
    }
}
