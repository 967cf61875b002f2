using FsCheck;
using FsCheck.Fluent;
using Governance.Simulation;
using Governance.Snowflake;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>
/// The emulated account agrees with the simulation: for generated snapshots, packs, role hierarchies, entitlements and
/// sample values (the cases of <see cref="DifferentialPropertyTests"/>, whose names and values include the hostile
/// strings of the compiler's tests), the plan's script runs through the DbConnection without a refusal — the compiler
/// reports what Snowflake would refuse (GOV2003, GOV2005, GOV1007) instead of writing it — and leaves an account in
/// which every dataset reads, for the case's role, exactly as the simulation of the same plan shows it. An external
/// table the snapshot describes without <c>VALUE</c> has it in the account, as in Snowflake; the snapshot's columns are
/// compared.
/// </summary>
public sealed class EmulatorPropertyTests
{
    [Property(MaxTest = 60)]
    public Property AppliedScript_ReadsAsTheSimulationShows() => Prop.ForAll(Arb.From(DifferentialPropertyTests.Cases()), c =>
    {
        var plan = SnowflakePlanner.Plan(c.Packs, c.Snapshot, c.Result);
        using var account = Emulated.Account();
        account.CreateDatasets(c.Snapshot, c.Rows, c.Seed);
        account.CreateEntitlementTables(c.Snapshot, c.Result, c.Entitlements);
        Assert.That(Emulated.Apply(account, plan.ToSql()), Is.Empty, c.ToString());
        var simulation = Simulator.Run(c.Packs, c.Snapshot, c.Result, c.Role, new SimulationOptions { Rows = c.Rows, Seed = c.Seed, Entitlements = c.Entitlements });
        foreach (var ds in simulation.Datasets)
        {
            var rows = account.ReadAs(c.Role, ds.Product.Database, ds.Product.Schema, ds.Dataset.Name, ds.Columns.Select(x => x.Name).ToList());
            Assert.That(rows.Select(r => (r.Sample, r.Values)), Is.EqualTo(ds.Rows.Select(r => (r.Sample, r.Values))), ds.Target + "\n" + c);
        }
    });
}

/// <summary>
/// The property above is only as good as what it compares: on a fixed sample, datasets with masked values, with hidden
/// rows, and external tables whose columns without a policy of their own read NULL through VALUE's policy.
/// </summary>
public sealed class EmulatorCoverageTests
{
    [Test]
    public void Cases_ReachMaskedValues_HiddenRows_AndColumnsMaskedThroughValue()
    {
        var cases = Gen.Sample(Gen.CollectToArray(Enumerable.Range(0, 25), _ => DifferentialPropertyTests.Cases()), 20, new FsCheck.Rnd(20261201UL), 1)[0];
        int masked = 0, hidden = 0, throughValue = 0;
        foreach (var c in cases)
        {
            using var account = Emulated.Account();
            account.CreateDatasets(c.Snapshot, c.Rows, c.Seed);
            account.CreateEntitlementTables(c.Snapshot, c.Result, c.Entitlements);
            var plan = SnowflakePlanner.Plan(c.Packs, c.Snapshot, c.Result);
            Emulated.Apply(account, plan.ToSql());
            var direct = plan.Operations.OfType<SetColumnMaskingPolicy>().Select(o => (o.Table, o.Column)).ToHashSet();
            foreach (var p in c.Snapshot.Domains.SelectMany(d => d.Products))
            {
                foreach (var ds in p.Datasets)
                {
                    var rows = account.ReadAs(c.Role, p.Database, p.Schema, ds.Name, ds.Columns.Select(x => x.Name).ToList());
                    var sample = SampleData.Rows(p.Database + "." + p.Schema + "." + ds.Name, ds, c.Rows, c.Seed);
                    if (rows.Count < sample.Count) hidden++;
                    if (rows.Any(r => r.Values.Where((v, i) => v != sample[r.Sample][i] && sample[r.Sample][i] is not null).Any())) masked++;
                    var table = new SchemaObjectName(p.Database, p.Schema, ds.Name);
                    if (ds.Kind == DatasetKind.ExternalTable && direct.Contains((table, SnowflakePlanner.ExternalValueColumn))
                        && rows.Any(r => r.Values.Where((v, i) => v is null && sample[r.Sample][i] is not null && !direct.Contains((table, ds.Columns[i].Name))).Any()))
                        throughValue++;
                }
            }
        }
        Assert.Multiple(() =>
        {
            Assert.That(masked, Is.GreaterThanOrEqualTo(5), "datasets with a masked value");
            Assert.That(hidden, Is.GreaterThanOrEqualTo(3), "datasets with hidden rows");
            Assert.That(throughValue, Is.GreaterThanOrEqualTo(1), "external tables whose columns without a policy read NULL through VALUE's");
        });
    }
}
