using Governance.Examples;
using Governance.Simulation;

namespace Governance.Simulation.Tests;

/// <summary>The Acme example, simulated: what each of its roles sees.</summary>
public sealed class ExampleSimulationTests
{
    private static readonly MetadataSnapshot Mesh = AcmeExample.Mesh();
    private static readonly PackSet Packs = PackSet.Create(AcmeExample.Packs());
    private static readonly EvaluationResult Result = Evaluator.Compile(Packs).Evaluate(Mesh);

    private static SimulationResult As(string role) => Simulator.Run(Packs, Mesh, Result, role);

    private static List<string?> Emails(SimulationResult r)
    {
        var customers = r.Datasets.Single(d => d.Target == "SALES.CUSTOMERS.CUSTOMERS");
        var i = Oracle.Index(customers, "CUSTOMER_EMAIL");
        return customers.Rows.Select(row => row.Values[i]).ToList();
    }

    [Test]
    public void Analyst_SeesMaskedEmails_PiiReader_SeesThemInClear()
    {
        var analyst = Emails(As("ANALYST"));
        var reader = Emails(As("PII_READER"));
        Assert.Multiple(() =>
        {
            Assert.That(analyst, Has.Count.GreaterThan(0));
            Assert.That(analyst.OfType<string>(), Is.All.StartsWith("*****@"));
            Assert.That(reader.OfType<string>(), Is.All.Match("^[a-z]+\\.[a-z]+[0-9]*@[a-z.]+$"));
            // The same rows (PII_READER inherits ANALYST's entitlements), the same domains.
            Assert.That(reader.Select(e => e is null ? null : "*****" + e[e.IndexOf('@', StringComparison.Ordinal)..]), Is.EqualTo(analyst));
        });
    }

    [Test]
    public void GlobalAnalyst_BypassesRowAccess_AndSeesMoreRowsThanAnAnalyst()
    {
        var global = As("GLOBAL_ANALYST");
        var analyst = As("ANALYST");
        Assert.Multiple(() =>
        {
            Assert.That(global.Datasets.Sum(d => d.Rows.Count), Is.EqualTo(global.Datasets.Sum(d => d.Sample.Count)));
            Assert.That(analyst.Datasets.Sum(d => d.Rows.Count), Is.LessThan(global.Datasets.Sum(d => d.Rows.Count)));
        });
    }

    [Test]
    public void RegionalAnalyst_SeesItsRegionAndTheAnalystsRegion()
    {
        var emea = As("EMEA_ANALYST").Datasets.Single(d => d.Target == "SALES.ORDERS.ORDERS");
        var region = Oracle.Index(emea, "REGION");
        // EMEA by its name; APAC through ANALYST, which inherits no role and gets the first region no role is named after.
        Assert.That(emea.Rows.Select(r => r.Sample), Is.EqualTo(emea.Sample.Where(r => r.Values[region] is "APAC" or "EMEA").Select(r => r.Sample)));
        Assert.That(emea.Rows, Is.Not.Empty);
    }

    [Test]
    public void Example_AgreesWithTheEvaluator_ForEveryRole()
    {
        var entitlements = Simulator.DefaultEntitlements(Mesh, Result);
        foreach (var role in Mesh.Roles.Select(r => r.Name).Append(RoleGraph.Public))
        {
            DifferentialPropertyTests.AgreesWithTheEvaluator(As(role), Mesh, Result, Governance.Snowflake.SnowflakePlanner.Plan(Packs, Mesh, Result), role, entitlements, role);
        }
    }

    [Test]
    public void SampleData_IsTheSameForEveryRoleAndRun()
    {
        var a = As("ANALYST");
        var b = As("DATA_ENGINEER");
        Assert.That(a.Datasets.Select(d => d.Sample.Select(r => r.Values)), Is.EqualTo(b.Datasets.Select(d => d.Sample.Select(r => r.Values))));
    }

    [Test]
    public void AnUnknownRole_IsRefused_NamingTheKnownOnes()
    {
        var e = Assert.Throws<SimulationException>(() => As("NOBODY"));
        Assert.That(e!.Message, Does.Contain("`NOBODY`").And.Contain("PII_READER"));
    }
}
