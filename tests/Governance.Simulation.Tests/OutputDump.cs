using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Governance.Examples;
using Governance.Examples.Synthetic;
using Governance.Simulation;
using Governance.Snowflake;
using Governance.Tests.Generators;
using Governance.Tests.Snowflake;

namespace Governance.Simulation.Tests;

/// <summary>
/// Writes what the compiler and the simulation give on a fixed corpus — plan scripts of synthetic meshes (every mode and
/// option), of the Acme example, of the every-kind mesh and of seeded generated cases; simulated rows of every role —
/// into <c>$GOVERNANCE_DUMP_DIR</c>, one file per input. Run it on two commits and diff the folders
/// (<c>scripts/compare-outputs.sh</c>): a refactoring that keeps behaviour leaves no difference. Explicit: it writes
/// files and takes minutes.
/// </summary>
[Explicit("writes the output corpus for scripts/compare-outputs.sh")]
public sealed class OutputDump
{
    private static string Folder => Environment.GetEnvironmentVariable("GOVERNANCE_DUMP_DIR") is { Length: > 0 } d ? d
        : throw new InvalidOperationException("set GOVERNANCE_DUMP_DIR");

    private static void Write(string name, string text)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, name), text, new UTF8Encoding(false));
    }

    private static string Plan(PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, PlanOptions options)
    {
        try
        {
            return SnowflakePlanner.Plan(packs, snapshot, result, options).ToSql();
        }
        catch (SnowflakeCompileException e)
        {
            return "refused: " + e.Message + "\n";
        }
    }

    private static string Simulate(PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, PlanMode mode, IReadOnlyList<Entitlement>? entitlements, int rows, int seed)
    {
        var sb = new StringBuilder();
        foreach (var role in snapshot.Roles.Select(r => r.Name).Append("PUBLIC").Distinct().OrderBy(r => r, StringComparer.Ordinal))
        {
            sb.Append("## role ").Append(role).Append('\n');
            try
            {
                var run = Simulator.Run(packs, snapshot, result, role, new SimulationOptions { Mode = mode, Rows = rows, Seed = seed, Entitlements = entitlements });
                foreach (var d in run.Datasets)
                {
                    sb.Append("# ").Append(d.Target).Append(" (").Append(string.Join(", ", d.Columns.Select(c => c.Name + " " + c.Type.Text))).Append(")\n");
                    foreach (var r in d.Rows) sb.Append(r.Sample.ToString(CultureInfo.InvariantCulture)).Append(": ").Append(string.Join(" | ", r.Values.Select(v => v ?? "NULL"))).Append('\n');
                }
            }
            catch (Exception e) when (e is SimulationException or SnowflakeCompileException)
            {
                sb.Append("refused: ").Append(e.Message).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static void Both(string name, PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, IReadOnlyList<Entitlement>? entitlements = null, int rows = 10, int seed = 1, bool simulate = true)
    {
        foreach (var mode in new[] { PlanMode.Column, PlanMode.Tag })
        {
            var m = mode == PlanMode.Column ? "column" : "tag";
            Write(name + "." + m + ".sql", Plan(packs, snapshot, result, new PlanOptions { Mode = mode }));
            Write(name + "." + m + ".tags-role.sql", Plan(packs, snapshot, result, new PlanOptions { Mode = mode, AssignTags = true, Role = "GOVERNANCE_ADMIN" }));
            if (simulate) Write(name + "." + m + ".simulate.txt", Simulate(packs, snapshot, result, mode, entitlements, rows, seed));
        }
    }

    [Test]
    public void Examples()
    {
        var acme = PackSet.Create(AcmeExample.Packs());
        var mesh = AcmeExample.Mesh();
        Both("acme", acme, mesh, Evaluator.Compile(acme).Evaluate(mesh));
        var every = PackSet.Create(new[] { EveryKindMesh.Pack() });
        var everyMesh = EveryKindMesh.Mesh();
        Both("every-kind", every, everyMesh, Evaluator.Compile(every).Evaluate(everyMesh));
        Assert.That(Directory.GetFiles(Folder), Is.Not.Empty);
    }

    [Test]
    public void SyntheticMeshes()
    {
        foreach (var (columns, rules, seed) in new[] { (300, 20, 1), (2000, 200, 7), (20000, 500, 3) })
        {
            var packs = PackSet.Create(new[] { SyntheticMesh.Pack(rules, seed) });
            var mesh = SyntheticMesh.Generate(columns, seed);
            Both("synthetic-" + columns.ToString(CultureInfo.InvariantCulture) + "-" + rules.ToString(CultureInfo.InvariantCulture), packs, mesh,
                Evaluator.Compile(packs).Evaluate(mesh), simulate: columns <= 300);
        }
        Assert.That(Directory.GetFiles(Folder), Is.Not.Empty);
    }

    [Test]
    public void GeneratedCases()
    {
        var cases = Gen.Sample(DifferentialPropertyTests.Cases(), 150, new Rnd(20261201UL), 20);
        for (var i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            Both("case-" + i.ToString("D3", CultureInfo.InvariantCulture), c.Packs, c.Snapshot, c.Result, c.Entitlements, c.Rows, c.Seed);
        }
        // Packs with every strategy, custom expressions included, on generated snapshots: the scripts (or the refusal).
        var packs = Gen.Sample(Gen.Zip(PackGen.GlobalPack(), SnapshotGen.Snapshot()), 200, new Rnd(4242UL), 20);
        for (var i = 0; i < packs.Length; i++)
        {
            var (pack, snapshot) = packs[i];
            string text;
            try
            {
                var set = PackSet.Create(new[] { pack });
                var result = Evaluator.Compile(set).Evaluate(snapshot);
                text = Plan(set, snapshot, result, new PlanOptions()) + Plan(set, snapshot, result, new PlanOptions { Mode = PlanMode.Tag });
            }
            catch (Exception e) when (e is GovernanceInputException or ArgumentException or InvalidOperationException)
            {
                text = "invalid: " + e.Message + "\n";
            }
            Write("pack-" + i.ToString("D3", CultureInfo.InvariantCulture) + ".sql", text);
        }
        Assert.That(Directory.GetFiles(Folder), Is.Not.Empty);
    }
}
