using Governance.Snowflake;
using Governance.State;

namespace Governance.Tests.State;

/// <summary>The account state's model: value equality, the normalization of what the server returns, ownership and the drift report.</summary>
public sealed class StateModelTests
{
    [Test]
    public void TwoStatesBuiltAlike_AreEqual_AndADifferentBodyIsNot()
    {
        var a = StateTestData.Small();
        var b = StateTestData.Small();
        var changed = a with { };
        var policy = a.MaskingPolicies[0];
        var other = new AccountState(a.Scope, a.Tags, a.MaskingPolicies.Skip(1).Append(new PolicyState(policy.Kind, policy.Name, policy.Arguments, policy.ReturnType, "1", false, policy.Comment, policy.Owner)),
            a.RowAccessPolicies, a.ColumnMasking, a.RowAccess, a.TagMasking, a.TagAssignments);
        Assert.Multiple(() =>
        {
            Assert.That(b, Is.EqualTo(a));
            Assert.That(b == a, Is.True);
            Assert.That(changed, Is.EqualTo(a));
            Assert.That(other, Is.Not.EqualTo(a));
        });
    }

    [TestCase("VARCHAR", "VARCHAR(16777216)")]
    [TestCase("string", "VARCHAR(16777216)")]
    [TestCase("TEXT(20)", "VARCHAR(20)")]
    [TestCase("NUMBER", "NUMBER(38,0)")]
    [TestCase("int", "NUMBER(38,0)")]
    [TestCase("NUMBER(12, 2)", "NUMBER(12,2)")]
    [TestCase("TIME", "TIME(9)")]
    [TestCase("TIMESTAMP", "TIMESTAMP_NTZ(9)")]
    [TestCase("timestamp_tz", "TIMESTAMP_TZ(9)")]
    [TestCase("DECFLOAT", "DECFLOAT(38)")]
    [TestCase("map(varchar,  number)", "MAP(VARCHAR, NUMBER)")]
    public void ReturnTypes_AreNormalizedThroughTheTypeParser(string server, string normalized)
        => Assert.That(StateText.Type(server), Is.EqualTo(normalized));

    [TestCase("VARCHAR", "VARCHAR")]
    [TestCase("STRING", "VARCHAR")]
    [TestCase("VARCHAR(16777216)", "VARCHAR")]
    [TestCase("int", "NUMBER")]
    [TestCase("NUMBER(12,2)", "NUMBER")]
    [TestCase("TIMESTAMP", "TIMESTAMP_NTZ")]
    [TestCase("VECTOR(FLOAT, 256)", "VECTOR")]
    [TestCase("boolean", "BOOLEAN")]
    public void ArgumentTypes_AreTheirBaseName(string server, string normalized)
        => Assert.That(StateText.ArgumentType(server), Is.EqualTo(normalized));

    [Test]
    public void Signature_IsSplitAtTheCommasOutsideParenthesesAndQuotes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(StateText.SplitSignature("(VAL VARCHAR, COND_1 BOOLEAN)"), Is.EqualTo(new[] { ("VAL", "VARCHAR"), ("COND_1", "BOOLEAN") }));
            Assert.That(StateText.SplitSignature("(V VECTOR(FLOAT, 256), \"a, \"\"b\"\"\" NUMBER(12,2))"), Is.EqualTo(new[] { ("V", "VECTOR(FLOAT, 256)"), ("a, \"b\"", "NUMBER(12,2)") }));
            Assert.That(StateText.SplitSignature("(VAL)"), Is.Null);
            Assert.That(StateText.SplitSignature("(\"unterminated VARCHAR)"), Is.Null);
        });
    }

    [Test]
    public void ServerText_IsNormalizedWhenTheStateIsBuilt()
    {
        var tag = new TagState(StateTestData.Pii, null, "", "");
        var policy = new PolicyState(PolicyKind.Masking, StateTestData.MaskEmail, new[] { new PolicyArgumentState("VAL", "VARCHAR") }, "VARCHAR(16777216)", "\n  '***'  \n", false, "", null);
        var reference = new ColumnMaskingReference(StateTestData.Orders, "table", "EMAIL", StateTestData.MaskEmail, Array.Empty<string>(), null, "");
        Assert.Multiple(() =>
        {
            Assert.That(tag.Comment, Is.Null, "an empty comment is none");
            Assert.That(tag.Owner, Is.Null);
            Assert.That(policy.Body, Is.EqualTo("'***'"), "Snowflake stores the body trimmed");
            Assert.That(policy.Comment, Is.Null);
            Assert.That(reference.Domain, Is.EqualTo("TABLE"));
            Assert.That(reference.Status, Is.Null);
        });
    }

    [Test]
    public void TwoDifferentEntriesForOneKey_AreRefused()
    {
        var s = StateTestData.Small();
        var second = new RowAccessReference(StateTestData.Orders, "TABLE", StateTestData.HandMade, new[] { "REGION" }, "ACTIVE");
        var e = Assert.Throws<ArgumentException>(() => new AccountState(s.Scope, s.Tags, s.MaskingPolicies, s.RowAccessPolicies, s.ColumnMasking, s.RowAccess.Append(second), s.TagMasking, s.TagAssignments))!;
        Assert.That(e.Message, Does.Contain("two different entries for one row access policy reference of a dataset: `SALES.ORDERS.ORDERS`"));
    }

    [Test]
    public void Ownership_IsTheCommentsMarker()
    {
        var s = StateTestData.Small();
        Assert.Multiple(() =>
        {
            Assert.That(Ownership.Comment("acme-global/mask.email (emailDomain)"), Is.EqualTo("governance: acme-global/mask.email (emailDomain)"));
            Assert.That(Ownership.Comment(""), Is.EqualTo("governance:"));
            Assert.That(Ownership.IsMarked("governance:"), Is.True);
            Assert.That(Ownership.IsMarked("Governance: by hand"), Is.False, "the marker is case-sensitive");
            Assert.That(Ownership.IsMarked(" governance: x"), Is.False);
            Assert.That(Ownership.IsMarked(null), Is.False);
            Assert.That(s.IsManaged(s.FindTag(StateTestData.Pii)!), Is.True);
            Assert.That(s.IsManaged(s.FindTag(StateTestData.Adhoc)!), Is.False);
            Assert.That(s.IsManagedPolicy(PolicyKind.Masking, StateTestData.MaskEmail), Is.True);
            Assert.That(s.IsManagedPolicy(PolicyKind.Masking, StateTestData.HandMade), Is.False);
            Assert.That(s.IsManagedPolicy(PolicyKind.Masking, StateTestData.Elsewhere), Is.False, "a policy outside the tool's schema is never the tool's");
            Assert.That(s.IsManagedPolicy(PolicyKind.RowAccess, StateTestData.MaskEmail), Is.False, "a masking policy is not a row access policy");
        });
    }

    [Test]
    public void MarkedPolicy_OutsideTheToolsSchema_IsNotManaged()
    {
        var s = StateTestData.Small();
        var outside = new PolicyState(PolicyKind.Masking, new SchemaObjectName("OTHER", "POLICIES", "MP_X"), new[] { new PolicyArgumentState("VAL", "VARCHAR") },
            "VARCHAR(16777216)", "'*'", false, "governance: copied", null);
        Assert.That(s.IsManaged(outside), Is.False);
    }

    [Test]
    public void DriftReport_ListsTheHandMadeObjectsAndAttachments()
    {
        var lines = StateDrift.Findings(StateTestData.Small()).Select(f => f.Id + " " + f.Target + ": " + f.Message).ToList();
        Assert.That(lines, Is.EqualTo(new[]
        {
            "GOV9018 GOVERNANCE.POLICIES.MP_BY_HAND: masking policy `GOVERNANCE.POLICIES.MP_BY_HAND` in `GOVERNANCE.POLICIES` has no `governance:` comment: the tool did not make it, and never changes or drops it",
            "GOV9018 GOVERNANCE.TAGS.ADHOC: tag `GOVERNANCE.TAGS.ADHOC` in `GOVERNANCE.TAGS` has no `governance:` comment: the tool did not make it, and never changes or drops it",
            "GOV9019 GOVERNANCE.TAGS.ADHOC: tag `GOVERNANCE.TAGS.ADHOC` has masking policy `GOVERNANCE.POLICIES.MP_BY_HAND`, which the tool does not manage",
            "GOV9019 SALES.ORDERS.ORDERS.AMOUNT: column `SALES.ORDERS.ORDERS.AMOUNT` has masking policy `SECURITY.ADHOC.MP_ELSEWHERE`, which the tool does not manage",
        }));
    }

    [Test]
    public void DriftReport_FailsClosedOnAMultiValueTag_AndWarnsOfAPropagatingOne()
    {
        var s = StateTestData.Small();
        var tags = s.Tags.Select(t => t.Name == StateTestData.Pii ? new TagState(t.Name, t.AllowedValues, t.Comment, t.Owner, multiValue: true, propagate: "ON_DEPENDENCY") : t).ToList();
        var altered = new AccountState(s.Scope, tags, s.MaskingPolicies, s.RowAccessPolicies, s.ColumnMasking, s.RowAccess, s.TagMasking, s.TagAssignments);
        var lines = StateDrift.Findings(altered).Where(f => f.Target == StateTestData.Pii.ToString()).Select(f => f.Severity + " " + f.Id + ": " + f.Message).ToList();
        Assert.That(lines, Is.EqualTo(new[]
        {
            "Error GOV9020: tag `GOVERNANCE.TAGS.PII` takes several values per object (MULTI_VALUE = TRUE), and the tool's tags take one: the plan is not applied",
            "Warning GOV9021: tag `GOVERNANCE.TAGS.PII` propagates (ON_DEPENDENCY): Snowflake also sets it, with the masking policies on it, on objects made from tagged ones, which the plan does not show",
        }));
        Assert.That(altered, Is.Not.EqualTo(s), "a state whose tag became multi-value is another state: a plan made before is stale");
    }

    [Test]
    public void DriftReport_OfAStateTheToolMadeAlone_IsEmpty()
    {
        var s = StateTestData.Small();
        var managed = new AccountState(s.Scope, s.Tags.Where(s.IsManaged), s.MaskingPolicies.Where(s.IsManaged), s.RowAccessPolicies,
            s.ColumnMasking.Where(r => s.IsManagedPolicy(PolicyKind.Masking, r.Policy)), s.RowAccess, s.TagMasking.Where(r => s.IsManagedPolicy(PolicyKind.Masking, r.Policy)),
            s.TagAssignments.Where(a => s.IsManagedTag(a.Tag)));
        Assert.That(StateDrift.Findings(managed), Is.Empty);
    }
}
