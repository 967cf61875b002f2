using Governance.Deploy;
using Governance.Examples;
using Governance.Tests;

namespace Governance.Simulation.Tests.Deploy;

/// <summary>docs/deploy.md's planning and applying sections: the library sample is the compiled one and does what the page says.</summary>
public sealed class DeployGuideTests
{
    private static string Page() => File.ReadAllText(TestFiles.Source("docs", "deploy.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Test]
    public void Guide_ContainsTheSampleVerbatim()
        => Assert.That(Page(), Does.Contain(Snippets.Block("deploy-apply", "tests", "Governance.Simulation.Tests", "Deploy", "DeploySamples.cs")));

    [Test]
    public async Task Sample_DeploysTheExampleOnAFreshAccount_AndTheNextPlanIsEmpty()
    {
        using var account = DeployEmulatorTests.FreshAccount();
        var log = new StringWriter();
        var after = await DeploySamples.Deploy(account, PackSet.Create(AcmeExample.Packs()), AcmeExample.Mesh(), log, CancellationToken.None);
        var again = await DeploySamples.Deploy(account, PackSet.Create(AcmeExample.Packs()), AcmeExample.Mesh(), log, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(after.IsEmpty);
            Assert.That(again.IsEmpty);
            Assert.That(log.ToString(), Does.Contain("Plan: 78 to create, 0 to change, 0 to replace, 0 to remove.\n").And.EndWith("No changes: the account matches the rule packs.\n"));
        });
    }

    [Test]
    public void Walkthrough_ShowsThePlanTheCliPrints()
    {
        var desired = DeployEmulatorTests.Desired(AcmeExample.PacksWithEmailReader(AcmeGlobalPackNext.NewEmailReader));
        using var account = DeployEmulatorTests.FreshAccount();
        Deployment.ApplyAsync(account, Deployment.PlanAsync(account, DeployEmulatorTests.Desired(AcmeExample.Packs())).GetAwaiter().GetResult()).GetAwaiter().GetResult();
        var plan = Deployment.PlanAsync(account, desired).GetAwaiter().GetResult();
        // Inside a numbered step, indented by 3 spaces.
        static string Indented(string text) => string.Concat(text.TrimEnd('\n').Split('\n').Select(l => (l.Length == 0 ? "" : "   " + l) + "\n"));
        Assert.That(Page(), Does.Contain(Indented(plan.ToText())).And.Contain(Indented(plan.ToSql().Split("\n\n", 2)[1])));
    }
}
