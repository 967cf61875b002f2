using Governance.Examples;
using Governance.Simulation;
using Governance.Simulation.Emulation;
using Governance.Snowflake;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>
/// The differential test of the emulated account: the script <c>SnowflakePlan.ToSql()</c> writes for the Acme example,
/// run statement by statement through the DbConnection, leaves an account whose query results, for every role, equal
/// what <see cref="Simulator"/> gives for the same plan.
/// </summary>
/// <remarks>See <see cref="Emulated.Apply"/> for the statements a compiler writes with the wrong ALTER keyword.</remarks>
public sealed class AcmeScriptTests
{
    private static readonly MetadataSnapshot Mesh = AcmeExample.Mesh();
    private static readonly PackSet Packs = PackSet.Create(AcmeExample.Packs());
    private static readonly EvaluationResult Result = Evaluator.Compile(Packs).Evaluate(Mesh);

    [TestCase(PlanMode.Column)]
    [TestCase(PlanMode.Tag)]
    public void AcmeScript_RunThroughTheConnection_GivesTheSimulatorsRowsForEveryRole(PlanMode mode)
    {
        var plan = SnowflakePlanner.Plan(Packs, Mesh, Result, new PlanOptions { Mode = mode, AssignTags = mode == PlanMode.Tag });
        using var account = Emulated.Account();
        account.CreateDatasets(Mesh);
        account.CreateEntitlementTables(Mesh, Result);
        var refused = Emulated.Apply(account, plan.ToSql());
        Assert.That(refused, Is.Empty);
        foreach (var role in Mesh.Roles.Select(r => r.Name).Append("PUBLIC"))
        {
            var simulation = Simulator.Run(Packs, Mesh, Result, role, new SimulationOptions { Mode = mode });
            foreach (var ds in simulation.Datasets)
            {
                var rows = account.ReadAs(role, ds.Product.Database, ds.Product.Schema, ds.Dataset.Name);
                Assert.That(rows.Select(r => (r.Sample, string.Join("|", r.Values))), Is.EqualTo(ds.Rows.Select(r => (r.Sample, string.Join("|", r.Values)))), role + " " + ds.Target);
            }
        }
    }
}
