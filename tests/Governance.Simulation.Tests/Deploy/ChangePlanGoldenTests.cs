using System.Text;
using Governance.Deploy;
using Governance.Examples;
using Governance.Snowflake;
using Governance.State;
using Governance.Tests;

namespace Governance.Simulation.Tests.Deploy;

/// <summary>
/// The plan of each kind of change, pinned as text, SQL and JSON: a first deploy, a body changed in place, a policy
/// replaced by a new version, allowed values added and dropped, a tag value changed, attachments and policies removed,
/// a row access policy swapped, a body the tool cannot read back, and what it does not own. The account states are the
/// Acme example applied to an emulated account, read back, and — where the emulated account cannot make the difference
/// (a policy's <c>EXEMPT_OTHER_POLICIES</c>) — edited as a state file would be.
/// </summary>
public sealed class ChangePlanGoldenTests
{
    private static readonly MetadataSnapshot Mesh = AcmeExample.Mesh();
    private static readonly PlanOptions TagMode = new() { Mode = PlanMode.Tag, AssignTags = true };
    private static AccountState s_column = null!;
    private static AccountState s_tag = null!;
    private static AccountState s_next = null!;

    [OneTimeSetUp]
    public static void ApplyTheExample()
    {
        s_column = Applied(AcmeExample.Packs(), PlanOptions.Default);
        s_tag = Applied(AcmeExample.Packs(), TagMode);
        s_next = Applied(AcmeExample.NextPacks(), PlanOptions.Default);
    }

    private static AccountState Applied(IReadOnlyList<RulePack> packs, PlanOptions options)
    {
        using var account = DeployEmulatorTests.FreshAccount();
        var desired = DeployEmulatorTests.Desired(packs, options);
        Deployment.ApplyAsync(account, Deployment.PlanAsync(account, desired).GetAwaiter().GetResult()).GetAwaiter().GetResult();
        return Deployment.ReadStateAsync(account, desired).GetAwaiter().GetResult();
    }

    private static void AssertGolden(string name, ChangePlan plan)
    {
        var actual = plan.ToText() + "\n==== --format sql\n" + plan.ToSql() + "\n==== --format json\n" + plan.ToJson();
        var path = TestFiles.Source("tests", "Governance.Simulation.Tests", "Deploy", "golden", name + ".plan.txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, actual, new UTF8Encoding(false));
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path, new UTF8Encoding(false))), "run with UPDATE_GOLDEN=1 to rewrite " + path);
    }

    private static AccountState Edit(AccountState s, Func<TagState, TagState>? tag = null, Func<PolicyState, PolicyState>? policy = null,
        Func<RowAccessReference, RowAccessReference>? rowAccess = null, Func<TagAssignmentState, TagAssignmentState>? assignment = null)
        => new(s.Scope, s.Tags.Select(tag ?? (t => t)), s.MaskingPolicies.Select(policy ?? (p => p)), s.RowAccessPolicies.Select(policy ?? (p => p)),
            s.ColumnMasking, s.RowAccess.Select(rowAccess ?? (r => r)), s.TagMasking, s.TagAssignments.Select(assignment ?? (a => a)));

    private static PolicyState Body(PolicyState p, string body) => new(p.Kind, p.Name, p.Arguments, p.ReturnType, body, p.ExemptOtherPolicies, p.Comment, p.Owner);

    [Test]
    public void FirstDeploy_CreatesEverything()
        => AssertGolden("create", ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), AccountState.Empty(s_column.Scope)));

    [Test]
    public void AppliedAccount_PlansNothing_InEitherMode()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), s_column).IsEmpty);
            Assert.That(ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs(), TagMode), s_tag).IsEmpty);
        });
    }

    [Test]
    public void ANewRevealRole_IsABodyChangedInPlace()
        => AssertGolden("set-body", ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.PacksWithEmailReader("GLOBAL_ANALYST")), s_column));

    [Test]
    public void ABodyTheToolCannotReadBack_IsPlannedAsChanged()
    {
        var state = Edit(s_column, policy: p => p.Name.Name == "MP_MASK_SSN_TEXT" ? Body(p, "CASE WHEN IS_ROLE_IN_SESSION('PII_READER) THEN VAL ELSE '***' END") : p);
        var reformatted = Edit(s_column, policy: p => p.Name.Name == "MP_MASK_SSN_TEXT" ? Body(p, p.Body.Replace("\n", " ", StringComparison.Ordinal).Replace("CASE", "case", StringComparison.Ordinal)) : p);
        Assert.That(ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), reformatted).IsEmpty, "white space and keyword case are not a change");
        AssertGolden("unreadable-body", ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), state));
    }

    [Test]
    public void AChangedExemptOtherPolicies_IsANewVersion_EveryReferenceMoved_ThenTheOldDropped()
    {
        var state = Edit(s_column, policy: p => p.Name.Name == "MP_MASK_EMAIL_TEXT" ? new PolicyState(p.Kind, p.Name, p.Arguments, p.ReturnType, p.Body, true, p.Comment, p.Owner) : p);
        AssertGolden("replace", ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), state));
    }

    [Test]
    public void AllowedValuesAddedAndRemoved_AreAlterTagAddAndDrop()
    {
        var state = Edit(s_column, tag: t => t.Name.Name == "PII" ? new TagState(t.Name, t.AllowedValues!.Where(v => v != "birthdate").Append("iban"), t.Comment, t.Owner) : t);
        AssertGolden("allowed-values", ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), state));
    }

    [Test]
    public void AChangedTagValue_IsSetTag()
    {
        var first = s_tag.TagAssignments.First(a => a.Target is ColumnTarget && a.Tag.Name == "PII" && a.Value == "email");
        var state = Edit(s_tag, assignment: a => a == first ? new TagAssignmentState(a.Target, a.Tag, "phone") : a);
        AssertGolden("tag-value", ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs(), TagMode), state));
    }

    [Test]
    public void ARuleWithdrawn_UnsetsItsAttachments_ThenDropsItsPolicy()
        => AssertGolden("remove", ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), s_next));

    [Test]
    public void OtherOnColumns_IsOneStatementThatDropsAndAdds()
    {
        var target = s_column.RowAccess.First(r => r.On.Count == 1);
        var state = Edit(s_column, rowAccess: r => r == target ? new RowAccessReference(r.Dataset, r.Domain, r.Policy, new[] { "COUNTRY_CODE" }, r.Status) : r);
        AssertGolden("row-access-swap", ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), state));
    }

    [Test]
    public void WhatTheToolDoesNotOwn_IsReported_AndNeverTouched()
    {
        var foreign = new SchemaObjectName("GOVERNANCE", "POLICIES", "MP_MASK_EMAIL_TEXT");
        var state = Edit(s_column, policy: p => p.Name == foreign ? new PolicyState(p.Kind, p.Name, p.Arguments, p.ReturnType, "'hand made'", false, "made by hand", p.Owner) : p);
        var plan = ChangePlanner.Plan(DeployEmulatorTests.Desired(AcmeExample.Packs()), state);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Statements.Select(SqlGenerator.Generate), Has.None.Contain("\"MP_MASK_EMAIL_TEXT\"" + " SET BODY").And.None.StartWith("DROP MASKING POLICY IF EXISTS \"GOVERNANCE\".\"POLICIES\".\"MP_MASK_EMAIL_TEXT\""));
            Assert.That(plan.Findings.Select(f => f.Id), Does.Contain(GovIds.ForeignObject));
        });
        AssertGolden("foreign", plan);
    }
}
