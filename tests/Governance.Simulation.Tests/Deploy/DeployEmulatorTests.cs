using Governance.Deploy;
using Governance.Examples;
using Governance.Simulation.Tests.Emulator;
using Governance.Snowflake;
using Governance.State;

namespace Governance.Simulation.Tests.Deploy;

/// <summary>
/// Plan and apply against the emulated account, through the same DbConnection code path as against Snowflake: a fresh
/// account takes the whole plan and then plans nothing; a changed reveal role is one SET BODY, and the account then
/// masks as the new rules say.
/// </summary>
public sealed class DeployEmulatorTests
{
    private static readonly MetadataSnapshot Mesh = AcmeExample.Mesh();

    internal static DesiredState Desired(IReadOnlyList<RulePack> packs, PlanOptions? options = null)
    {
        var set = PackSet.Create(packs);
        return DesiredState.Compile(set, Mesh, Evaluator.Compile(set).Evaluate(Mesh), options);
    }

    internal static EmulatorConnection FreshAccount()
    {
        var account = Emulated.Account();
        account.CreateDatasets(Mesh);
        var set = PackSet.Create(AcmeExample.Packs());
        account.CreateEntitlementTables(Mesh, Evaluator.Compile(set).Evaluate(Mesh));
        return account;
    }

    private static ChangePlan Plan(EmulatorConnection account, DesiredState desired) => Deployment.PlanAsync(account, desired).GetAwaiter().GetResult();

    private static void Apply(EmulatorConnection account, ChangePlan plan) => Deployment.ApplyAsync(account, plan).GetAwaiter().GetResult();

    [TestCase(PlanMode.Column, false)]
    [TestCase(PlanMode.Column, true)]
    [TestCase(PlanMode.Tag, false)]
    [TestCase(PlanMode.Tag, true)]
    public void FreshAccount_Apply_ThenTheSecondPlanIsEmpty(PlanMode mode, bool assignTags)
    {
        using var account = FreshAccount();
        var desired = Desired(AcmeExample.Packs(), new PlanOptions { Mode = mode, AssignTags = assignTags });
        var first = Plan(account, desired);
        Assert.That(first.Count(ChangeAction.Create), Is.EqualTo(first.Changes.Count), first.ToText());
        Apply(account, first);
        var second = Plan(account, desired);
        Assert.Multiple(() =>
        {
            Assert.That(second.IsEmpty, second.ToText());
            Assert.That(second.Statements, Is.Empty);
            Assert.That(second.ToText(), Does.StartWith("No changes"));
        });
    }

    [Test]
    public void APlanAgainstAMultiValueTag_IsRefused_AndNothingRuns()
    {
        using var account = FreshAccount();
        Apply(account, Plan(account, Desired(AcmeExample.Packs())));
        var tagMode = Desired(AcmeExample.Packs(), new PlanOptions { Mode = PlanMode.Tag });
        var before = StateReader.ReadStateAsync(account, tagMode.Scope).GetAwaiter().GetResult();
        // What the account would report had someone run ALTER TAG … SET MULTI_VALUE = TRUE on one of the tool's tags.
        var first = before.Tags[0];
        var multi = new TagState(first.Name, first.AllowedValues, first.Comment, first.Owner, multiValue: true, propagate: null);
        var altered = new AccountState(before.Scope, before.Tags.Select(t => t.Name == multi.Name ? multi : t), before.MaskingPolicies, before.RowAccessPolicies,
            before.ColumnMasking, before.RowAccess, before.TagMasking, before.TagAssignments);
        var plan = ChangePlanner.Plan(tagMode, altered);
        Assert.That(plan.Statements, Is.Not.Empty, "switching to tag mode changes the account");
        Assert.That(plan.Findings.Select(f => f.Id + " " + f.Target), Does.Contain("GOV9020 " + multi.Name));
        var e = Assert.Throws<UnsafePlanException>(() => Apply(account, plan))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith("the account's state has 1 error finding(s), nothing was run: GOV9020 " + multi.Name + ": tag `" + multi.Name + "` takes several values"));
            Assert.That(StateReader.ReadStateAsync(account, tagMode.Scope).GetAwaiter().GetResult(), Is.EqualTo(before), "no statement ran");
        });
    }

    [Test]
    public void APlanMadeBeforeTheAccountChanged_IsRefused_AndNothingRuns()
    {
        using var account = FreshAccount();
        var desired = Desired(AcmeExample.Packs());
        var plan = Plan(account, desired);
        Emulated.Execute(account, "CREATE TAG GOVERNANCE.TAGS.BY_HAND");
        var changed = StateReader.ReadStateAsync(account, desired.Scope).GetAwaiter().GetResult();
        var e = Assert.Throws<StalePlanException>(() => Apply(account, plan))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Is.EqualTo("the account's state changed since the plan was made: plan again"));
            Assert.That(StateReader.ReadStateAsync(account, desired.Scope).GetAwaiter().GetResult(), Is.EqualTo(changed), "no statement ran");
        });
    }

    [Test]
    public void NewRevealRoleForEmail_IsOneSetBody_AndTheAccountThenRevealsToIt()
    {
        using var account = FreshAccount();
        Apply(account, Plan(account, Desired(AcmeExample.Packs())));
        var next = Desired(AcmeExample.PacksWithEmailReader("ANALYST"));
        var plan = Plan(account, next);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Changes, Has.Count.EqualTo(1), plan.ToText());
            Assert.That(plan.Changes[0].Action, Is.EqualTo(ChangeAction.Change));
            Assert.That(plan.Changes[0].Kind, Is.EqualTo("masking policy"));
            Assert.That(plan.Changes[0].Operations.Select(SqlGenerator.Generate).Single(), Does.StartWith("ALTER MASKING POLICY ").And.Contain(" SET BODY ->"));
        });
        var before = account.ReadAs("ANALYST", "SALES", "CUSTOMERS", "CUSTOMERS", new[] { "CUSTOMER_EMAIL" });
        Apply(account, plan);
        var after = account.ReadAs("ANALYST", "SALES", "CUSTOMERS", "CUSTOMERS", new[] { "CUSTOMER_EMAIL" });
        Assert.Multiple(() =>
        {
            Assert.That(before.Select(r => r.Values[0]), Has.All.StartWith("*****@"));
            Assert.That(after.Select(r => r.Values[0]), Has.None.StartWith("*****@"));
            Assert.That(Plan(account, next).IsEmpty);
        });
    }
}
