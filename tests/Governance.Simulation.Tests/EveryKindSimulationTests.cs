using Governance.Snowflake;
using Governance.Tests.Snowflake;

namespace Governance.Simulation.Tests;

/// <summary>
/// The mesh with every dataset kind, simulated in both modes for every role: the views show what the evaluator decides
/// (but where the plan reports that Snowflake refuses a statement), and no masked value shows the whole clear value.
/// </summary>
public sealed class EveryKindSimulationTests
{
    private static readonly PackSet Packs = PackSet.Create(new[] { EveryKindMesh.Pack() });
    private static readonly MetadataSnapshot Mesh = EveryKindMesh.Mesh();
    private static readonly EvaluationResult Result = Evaluator.Compile(Packs).Evaluate(Mesh);

    public static IEnumerable<TestCaseData> Cases()
        => from mode in new[] { PlanMode.Column, PlanMode.Tag }
           from role in Mesh.Roles.Select(r => r.Name).Append(RoleGraph.Public)
           select new TestCaseData(mode, role).SetName("EveryKind_" + mode + "_" + role);

    [TestCaseSource(nameof(Cases))]
    public void Simulation_AgreesWithTheEvaluator_AndNoMaskedValueShowsTheClearOne(PlanMode mode, string role)
    {
        var entitlements = Simulator.DefaultEntitlements(Mesh, Result);
        var simulation = Simulator.Run(Packs, Mesh, Result, role, new SimulationOptions { Mode = mode, Rows = 8, Entitlements = entitlements });
        var plan = SnowflakePlanner.Plan(Packs, Mesh, Result, new PlanOptions { Mode = mode });
        DifferentialPropertyTests.AgreesWithTheEvaluator(simulation, Mesh, Result, plan, role, entitlements, mode + " as " + role);

        var roles = RoleGraph.TryBuild(Mesh.Roles, out _)!;
        var notAttached = plan.Findings.Where(f => f.Id == GovIds.MaskingOnMaterializedViewSource).Select(f => f.Target).ToHashSet(StringComparer.Ordinal);
        var masked = 0;
        foreach (var d in Result.Masking.Where(d => !d.IsClearFor(roles, role) && !notAttached.Contains(d.Target)))
        {
            var ds = simulation.Datasets.Single(x => x.Target == d.Product.Database + "." + d.Product.Schema + "." + d.Dataset.Name);
            var column = Oracle.Index(ds, d.Column.Name);
            var sample = ds.Sample.ToDictionary(r => r.Sample);
            foreach (var row in ds.Rows.Where(r => sample[r.Sample].Values[column] is { Length: > 0 }))
            {
                Assert.That(row.Values[column], Is.Not.EqualTo(sample[row.Sample].Values[column]), d.Target + " shows its clear value to " + role);
                masked++;
            }
        }
        if (role == "ANALYST") Assert.That(masked, Is.GreaterThan(10), "the analyst sees masked values");
    }

    /// <summary>An external table's VALUE and its unmasked columns: clear for a session that sees every masked column in clear, NULL for the others.</summary>
    [TestCase("PII_READER", true)]
    [TestCase("GLOBAL_ANALYST", false)]
    public void ExternalTable_ValueAndItsUnmaskedColumns_FollowValuesPolicy(string role, bool clear)
    {
        var simulation = Simulator.Run(Packs, Mesh, Result, role, new SimulationOptions { Rows = 6, Entitlements = Array.Empty<Entitlement>() });
        var events = simulation.Datasets.Single(d => d.Target == "SHOP.PAYMENTS.PROVIDER_EVENTS");
        Assert.That(events.Rows, Is.Not.Empty, "both roles bypass the provider feeds' row access");
        foreach (var column in new[] { "VALUE", "EVENT_ID", "PROVIDER" })
        {
            var i = Oracle.Index(events, column);
            var sample = events.Sample.ToDictionary(r => r.Sample);
            Assert.That(events.Rows.Select(r => r.Values[i]), Is.EqualTo(events.Rows.Select(r => clear ? sample[r.Sample].Values[i] : null)), column + " as " + role);
        }
    }
}
