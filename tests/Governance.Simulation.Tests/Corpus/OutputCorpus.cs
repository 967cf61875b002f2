using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Governance.Examples;
using Governance.Examples.Synthetic;
using Governance.Reporting;
using Governance.Simulation;
using Governance.Snowflake;
using Governance.Tests.Generators;
using Governance.Tests.Snowflake;

namespace Governance.Simulation.Tests.Corpus;

/// <summary>
/// The one producer of the output corpus: what the evaluator, the analyzers' checks, the compiler and the simulation
/// give on fixed inputs — the <c>check</c> reports (JSON and SARIF, with and without waivers), the evaluator's masking
/// and row access decisions and the analyzers' findings (<see cref="Checks"/>, with what code fixes read); plan scripts
/// in column and tag mode, plain and with tag assignments and a role; simulated rows of every role; for the Acme example,
/// <c>diff</c> of its next pack version (JSON and Markdown). Each output is one
/// named text, given to <c>emit</c>. <c>OutputCorpusTests</c> pins it in the repository; <c>OutputDump</c>
/// writes a larger one for <c>scripts/compare-outputs.sh</c>. Every input is fixed or seeded, and the time is
/// <see cref="Now"/>: the same build gives the same bytes on every machine.
/// </summary>
internal static class OutputCorpus
{
    /// <summary>The clock of the waived reports (waivers expire relative to it).</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The Acme example and the every-kind mesh: plans, simulation and reports.</summary>
    public static void Examples(Action<string, string> emit)
    {
        Acme(emit);
        EveryKind(emit);
    }

    /// <summary>The Acme example (the CLI's default input), outputs named <c>acme.*</c>.</summary>
    public static void Acme(Action<string, string> emit)
    {
        var acme = PackSet.Create(AcmeExample.Packs());
        var mesh = AcmeExample.Mesh();
        var acmeResult = Evaluator.Compile(acme).Evaluate(mesh);
        Both(emit, "acme", acme, mesh, acmeResult);
        Reports(emit, "acme", acme, mesh, acmeResult);
        // `governance diff` of the example's next pack version, as JSON and Markdown.
        var diff = PackDiff.Compute(acme, PackSet.Create(AcmeExample.NextPacks()), mesh, time: new FixedTime(Now));
        emit("acme.diff.json", Bytes(s => DiffReport.WriteJson(diff, s, mesh)));
        using var markdown = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        DiffReport.WriteMarkdown(diff, markdown);
        emit("acme.diff.md", markdown.ToString());
    }

    /// <summary>The mesh with a rule of every kind and a strategy of every type (<see cref="EveryKindMesh"/>), outputs named <c>every-kind.*</c>.</summary>
    public static void EveryKind(Action<string, string> emit)
    {
        var every = PackSet.Create(new[] { EveryKindMesh.Pack() });
        var everyMesh = EveryKindMesh.Mesh();
        var everyResult = Evaluator.Compile(every).Evaluate(everyMesh);
        Both(emit, "every-kind", every, everyMesh, everyResult);
        Reports(emit, "every-kind", every, everyMesh, everyResult);
    }

    /// <summary>Seeded synthetic meshes (<see cref="SyntheticMesh"/>) of the given sizes; simulated up to 300 columns.</summary>
    public static void SyntheticMeshes(Action<string, string> emit, IEnumerable<(int Columns, int Rules, int Seed)> sizes)
    {
        foreach (var (columns, rules, seed) in sizes)
        {
            var packs = PackSet.Create(new[] { SyntheticMesh.Pack(rules, seed) });
            var mesh = SyntheticMesh.Generate(columns, seed);
            var name = "synthetic-" + columns.ToString(CultureInfo.InvariantCulture) + "-" + rules.ToString(CultureInfo.InvariantCulture);
            var result = Evaluator.Compile(packs).Evaluate(mesh);
            Both(emit, name, packs, mesh, result, simulate: columns <= 300);
            Reports(emit, name, packs, mesh, result, seed);
        }
    }

    /// <summary>
    /// <paramref name="cases"/> seeded cases (size 20) of the differential property (a mesh, packs, entitlements, a
    /// role) with everything, and <paramref name="packs"/> seeded pairs of a generated global pack — every
    /// strategy, custom expressions included — and a generated snapshot: the scripts (or the refusal) and the reports.
    /// Drawn by the test generators of <c>tests/Governance.Tests/Generators</c>: a change to them changes these cases.
    /// </summary>
    public static void GeneratedCases(Action<string, string> emit, int cases, int packs)
    {
        var drawn = Gen.Sample(DifferentialPropertyTests.Cases(), cases, new Rnd(20261201UL), 20);
        for (var i = 0; i < drawn.Length; i++)
        {
            var c = drawn[i];
            var name = "case-" + i.ToString("D3", CultureInfo.InvariantCulture);
            Both(emit, name, c.Packs, c.Snapshot, c.Result, c.Entitlements, c.Rows, c.Seed);
            Reports(emit, name, c.Packs, c.Snapshot, c.Result, i);
        }
        var pairs = Gen.Sample(Gen.Zip(PackGen.GlobalPack(), SnapshotGen.Snapshot()), packs, new Rnd(4242UL), 20);
        for (var i = 0; i < pairs.Length; i++)
        {
            var (pack, snapshot) = pairs[i];
            var name = "pack-" + i.ToString("D3", CultureInfo.InvariantCulture);
            string text;
            try
            {
                var set = PackSet.Create(new[] { pack });
                var result = Evaluator.Compile(set).Evaluate(snapshot);
                text = Plan(set, snapshot, result, new PlanOptions()) + Plan(set, snapshot, result, new PlanOptions { Mode = PlanMode.Tag });
                Reports(emit, name, set, snapshot, result, i);
            }
            catch (Exception e) when (e is GovernanceInputException or ArgumentException or InvalidOperationException)
            {
                text = "invalid: " + e.Message + "\n";
            }
            emit(name + ".sql", text);
        }
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

    private static string Bytes(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Strings(IEnumerable<string> values) => "[" + string.Join(", ", values) + "]";

    /// <summary>Every field of every masking and row access decision, in the result's order.</summary>
    private static string Decisions(EvaluationResult result, MetadataSnapshot snapshot)
    {
        var sb = new StringBuilder();
        var graph = RoleGraph.TryBuild(snapshot.Roles, out _);
        var roles = snapshot.Roles.Select(r => r.Name).Append(RoleGraph.Public).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
        foreach (var d in result.Masking)
        {
            sb.Append("M ").Append(d.Target).Append(" | ").Append(d.Rule.Ref).Append(" | matched ").Append(Strings(d.Matched.Select(m => m.Ref)))
                .Append(" | ").Append(d.Strategy.Describe()).Append(" | ").Append(d.Column.Type.Text)
                .Append(" | clauses ").Append(string.Join(" ", d.RevealClauses.Select(Strings)))
                .Append(" | conditions ").Append(string.Join(", ", d.Conditions.Select(c => c.Column + " = " + Literal.KindName(c.Value.Kind) + " " + c.Value.Text)))
                .Append(" | clear for ").Append(graph is null ? "?" : Strings(roles.Where(r => d.IsClearFor(graph, r)))).Append('\n');
        }
        foreach (var d in result.RowAccess)
        {
            sb.Append("R ").Append(d.Target).Append(" | columns ").Append(Strings(d.Columns));
            foreach (var p in d.Parts)
            {
                sb.Append(" | ").Append(p.Rule.Ref).Append(' ').Append(p.Filter.Name).Append(' ').Append(p.Filter.Column)
                    .Append(p.ColumnPresent ? " present" : " missing").Append(" bypass ").Append(Strings(p.BypassRoles));
            }
            sb.Append(" | bypassed by ").Append(graph is null ? "?" : Strings(roles.Where(r => d.Bypasses(graph, r))));
            sb.Append('\n');
        }
        var s = result.Summary;
        sb.Append("summary ").Append(string.Join(" ", new long[] { s.Products, s.Datasets, s.Columns, s.Errors, s.Warnings, s.Notes, s.Waived, s.MaskedColumns, s.RowAccessDatasets }
            .Select(n => n.ToString(CultureInfo.InvariantCulture)))).Append('\n');
        return sb.ToString();
    }

    /// <summary>What the analyzers report for the same mesh (their checks, with what a code fix reads), in their order.</summary>
    private static string AnalyzerFindings(PackSet packs, MetadataSnapshot snapshot)
    {
        var sb = new StringBuilder();
        foreach (var f in Checks.Run(packs, snapshot))
        {
            sb.Append(f.Id).Append(" | ").Append(f.Rule).Append(" | ").Append(Names.Of(f.Severity)).Append(" | ").Append(f.Target).Append(" | ").Append(f.Message)
                .Append(" | tag ").Append(f.Tag).Append(" | allowed ").Append(Strings(f.AllowedValues)).Append(" | name ").Append(f.SuggestedName).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Waivers of some of the result's findings (exact, one-segment and deep globs; active, expired, far ahead), chosen by <paramref name="seed"/>.</summary>
    private static IReadOnlyList<Waiver> SomeWaivers(EvaluationResult result, int seed)
    {
        var ruled = result.Findings.Where(f => f.Rule is not null && f.Target.Contains('.', StringComparison.Ordinal)).ToList();
        if (ruled.Count == 0) return Array.Empty<Waiver>();
        var random = new Random(seed);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        return Enumerable.Range(0, 4).Select(i =>
        {
            var f = ruled[random.Next(ruled.Count)];
            var target = i switch { 0 => f.Target, 1 => f.Target.Split('.')[0] + ".*", 2 => f.Target.Split('.')[0] + ".**", _ => "**" };
            var expires = i switch { 0 => today.AddDays(30), 1 => today.AddDays(-1), 2 => today.AddDays(400), _ => today };
            return new Waiver(f.Rule!, target, "reason " + i.ToString(CultureInfo.InvariantCulture), "owner@acme.example", expires,
                new SourceLocation("waivers.json", line: 3 + i));
        }).ToList();
    }

    /// <summary>The `check` reports (JSON, SARIF), the decisions and the analyzers' findings; the reports again with waivers.</summary>
    private static void Reports(Action<string, string> emit, string name, PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, int seed = 1)
    {
        var inputs = new[] { name + ".snapshot.json" };
        emit(name + ".check.json", Bytes(s => JsonReport.Write(result, s, snapshot)));
        emit(name + ".check.sarif", Bytes(s => SarifReport.Write(result, s, "1.0.0", inputs, snapshot, "https://docs.example/governance/")));
        emit(name + ".decisions.txt", Decisions(result, snapshot));
        emit(name + ".analyzers.txt", AnalyzerFindings(packs, snapshot));
        var waivers = SomeWaivers(result, seed);
        if (waivers.Count == 0) return;
        var waived = Evaluator.Compile(packs).Evaluate(snapshot, waivers, new FixedTime(Now));
        emit(name + ".waived.check.json", Bytes(s => JsonReport.Write(waived, s, snapshot)));
        emit(name + ".waived.check.sarif", Bytes(s => SarifReport.Write(waived, s, "1.0.0", inputs.Append("waivers.json").ToList(), snapshot)));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The plan scripts in both modes, plain and with tag assignments and a role, and the simulated rows of every role.</summary>
    private static void Both(Action<string, string> emit, string name, PackSet packs, MetadataSnapshot snapshot, EvaluationResult result,
        IReadOnlyList<Entitlement>? entitlements = null, int rows = 10, int seed = 1, bool simulate = true)
    {
        foreach (var mode in new[] { PlanMode.Column, PlanMode.Tag })
        {
            var m = mode == PlanMode.Column ? "column" : "tag";
            emit(name + "." + m + ".sql", Plan(packs, snapshot, result, new PlanOptions { Mode = mode }));
            emit(name + "." + m + ".tags-role.sql", Plan(packs, snapshot, result, new PlanOptions { Mode = mode, AssignTags = true, Role = "GOVERNANCE_ADMIN" }));
            if (simulate) emit(name + "." + m + ".simulate.txt", Simulate(packs, snapshot, result, mode, entitlements, rows, seed));
        }
    }
}
