using FsCheck.Fluent;
using Governance.Simulation;
using Governance.Snowflake;

namespace Governance.Simulation.Tests;

/// <summary>
/// The differential properties are only as good as the cases they see: a sample of 200 generated cases must reach
/// every shape of decision the simulation has to get right — masked and clear for the session, conditional masking,
/// row access by bypass, entitlement and predicate, rows hidden, tag-based policies in tag mode, and what Snowflake
/// cannot attach as the rules ask (an external table's VALUE, GOV2005, GOV2003, GOV1007).
/// </summary>
public sealed class DifferentialCoverageTests
{
    // A fixed seed: a coverage check must not depend on the luck of the draw.
    private static readonly Lazy<DifferentialPropertyTests.Case[]> Sample = new(() =>
        Gen.Sample(Gen.CollectToArray(Enumerable.Range(0, 200), _ => DifferentialPropertyTests.Cases()), 20, new FsCheck.Rnd(20261124UL), 1)[0]);

    private static int Count(Func<DifferentialPropertyTests.Case, bool> what) => Sample.Value.Count(what);

    [Test]
    public void Cases_ReachEveryShapeOfDecision()
    {
        var roles = Sample.Value.ToDictionary(c => c, c => RoleGraph.TryBuild(c.Snapshot.Roles, out _)!);
        Assert.Multiple(() =>
        {
            Assert.That(Count(c => c.Result.Masking.Any(m => m.IsClearFor(roles[c], c.Role))), Is.GreaterThanOrEqualTo(20), "a column clear for the session");
            Assert.That(Count(c => c.Result.Masking.Any(m => !m.IsClearFor(roles[c], c.Role))), Is.GreaterThanOrEqualTo(50), "a column masked for the session");
            Assert.That(Count(c => c.Result.Masking.Any(m => m.Conditions.Count > 0)), Is.GreaterThanOrEqualTo(10), "conditional masking");
            Assert.That(Count(c => c.Result.RowAccess.Any(r => r.Parts.Any(p => p.Filter is EntitlementFilter && p.ColumnPresent))), Is.GreaterThanOrEqualTo(10), "entitlement filters");
            Assert.That(Count(c => c.Result.RowAccess.Any(r => r.Parts.Any(p => p.Filter is PredicateFilter && p.ColumnPresent))), Is.GreaterThanOrEqualTo(10), "predicate filters");
            Assert.That(Count(c => c.Result.RowAccess.Any(r => r.Bypasses(roles[c], c.Role))), Is.GreaterThanOrEqualTo(10), "a bypassing session");
            Assert.That(Count(c => c.Entitlements.Count > 0), Is.GreaterThanOrEqualTo(10), "entitlement rows");
            Assert.That(Count(c => SnowflakePlanner.Plan(c.Packs, c.Snapshot, c.Result, new PlanOptions { Mode = PlanMode.Tag }).Operations.OfType<SetTagMaskingPolicy>().Any()),
                Is.GreaterThanOrEqualTo(10), "tag-based policies in tag mode");
            var plans = Sample.Value.Select(c => SnowflakePlanner.Plan(c.Packs, c.Snapshot, c.Result)).ToList();
            Assert.That(plans.Count(p => p.Operations.OfType<SetColumnMaskingPolicy>().Any(o => o.Column == SnowflakePlanner.ExternalValueColumn)), Is.GreaterThanOrEqualTo(10),
                "an external table's VALUE masked for its masked columns");
            Assert.That(plans.Count(p => p.Findings.Any(f => f.Id == GovIds.ColumnInMaskingAndRowAccess)), Is.GreaterThanOrEqualTo(10), "a row access policy left out (GOV2005)");
            Assert.That(plans.Count(p => p.Findings.Any(f => f.Id == GovIds.RowAccessNotAttachable)), Is.GreaterThanOrEqualTo(5), "an external table filtered on a virtual column (GOV2003)");
            Assert.That(plans.Count(p => p.Findings.Any(f => f.Id == GovIds.MaskingNotAttachable)), Is.GreaterThanOrEqualTo(3), "a conditional masking masked for all (GOV1007)");
        });
    }

    [Test]
    public void Cases_HideSomeRowsAndShowOthers()
    {
        var hidden = 0;
        var shown = 0;
        foreach (var c in Sample.Value.Take(100))
        {
            var simulation = Simulator.Run(c.Packs, c.Snapshot, c.Result, c.Role, new SimulationOptions { Rows = c.Rows, Seed = c.Seed, Entitlements = c.Entitlements });
            if (simulation.Datasets.Any(d => c.Result.RowAccess.Any(r => r.Target == d.Target) && d.Rows.Count > 0 && d.Rows.Count < d.Sample.Count)) hidden++;
            if (simulation.Datasets.Any(d => d.Rows.Count > 0)) shown++;
        }
        Assert.Multiple(() =>
        {
            Assert.That(hidden, Is.GreaterThanOrEqualTo(5), "datasets where row access hides some rows and shows others");
            Assert.That(shown, Is.GreaterThanOrEqualTo(30), "cases where the role sees rows");
        });
    }
}
