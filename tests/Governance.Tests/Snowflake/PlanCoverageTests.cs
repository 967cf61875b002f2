using Governance.Snowflake;

namespace Governance.Tests.Snowflake;

/// <summary>
/// What a plan's statements leave on a column (<see cref="PlanCoverage"/>): the GOV1005 check and the simulation read
/// plans through it. A tag-based policy reaches a column only through a tag the script sets on it, its dataset or its
/// schema, and only the tag's policy for the column's type kind.
/// </summary>
public sealed class PlanCoverageTests
{
    private static readonly SchemaObjectName Orders = new("SALES", "CORE", "ORDERS");
    private static readonly SchemaObjectName Pii = new("GOV", "TAGS", "PII");
    private static readonly SchemaObjectName Text = new("GOV", "POLICIES", "MP_TAG_PII_TEXT");
    private static readonly SchemaObjectName Number = new("GOV", "POLICIES", "MP_TAG_PII_NUMBER");

    private static Operation[] Policies() => new Operation[]
    {
        new CreateMaskingPolicy(Text, PolicySignature.ForMasking(SnowflakeType.Varchar()), PolicyExpression.Null),
        new CreateMaskingPolicy(Number, PolicySignature.ForMasking(SnowflakeType.Number(9, 0)), PolicyExpression.Null),
        new SetTagMaskingPolicy(Pii, new[] { Text }, force: true),
    };

    private static Operation Tag(TagTarget target) => new SetTag(target, new[] { new TagAssignment(Pii, "email") });

    [Test]
    public void ATagBasedPolicy_ReachesAColumn_OnlyThroughATagTheScriptSets()
    {
        var withoutTag = new PlanCoverage(Policies());
        Assert.That(withoutTag.Protects(Orders, "EMAIL", SnowflakeType.Varchar(256)), Is.False, "the policy is on the tag, the tag on nothing");

        var onColumn = new PlanCoverage(Policies().Append(Tag(new ColumnTarget(DatasetKind.Table, Orders, "EMAIL"))));
        Assert.That(onColumn.Protects(Orders, "EMAIL", SnowflakeType.Varchar(256)), Is.True);
        Assert.That(onColumn.Protects(Orders, "OTHER", SnowflakeType.Varchar(256)), Is.False);
        Assert.That(onColumn.TagsOn(Orders, "EMAIL"), Is.EqualTo(new[] { (Pii, "email") }));
    }

    [Test]
    public void ATagOnTheDatasetOrSchema_IsInherited_ButOnlyTheTagsPolicyForTheColumnsKindReachesIt()
    {
        var onDataset = new PlanCoverage(Policies().Append(Tag(new DatasetTarget(DatasetKind.Table, Orders))));
        Assert.That(onDataset.Protects(Orders, "EMAIL", SnowflakeType.Varchar(10)), Is.True);
        Assert.That(onDataset.Protects(Orders, "BIRTH_DATE", SnowflakeType.Date), Is.False, "the tag has no DATE policy: GOV1005");
        Assert.That(onDataset.Protects(Orders, "SSN", SnowflakeType.Number(9, 0)), Is.False, "the NUMBER policy is not on the tag");

        var onSchema = new PlanCoverage(Policies().Append(Tag(new SchemaTarget(new SchemaName("SALES", "CORE")))));
        Assert.That(onSchema.Protects(Orders, "EMAIL", SnowflakeType.Varchar(10)), Is.True);
        Assert.That(onSchema.Protects(new SchemaObjectName("SALES", "OTHER", "ORDERS"), "EMAIL", SnowflakeType.Varchar(10)), Is.False);
    }

    [Test]
    public void TwoTagsWithAPolicyForTheKind_BothReachTheColumn()
    {
        var note = new SchemaObjectName("GOV", "TAGS", "NOTE");
        var notePolicy = new SchemaObjectName("GOV", "POLICIES", "MP_TAG_NOTE_TEXT");
        var coverage = new PlanCoverage(Policies().Concat(new Operation[]
        {
            new CreateMaskingPolicy(notePolicy, PolicySignature.ForMasking(SnowflakeType.Varchar()), PolicyExpression.Null),
            new SetTagMaskingPolicy(note, new[] { notePolicy }, force: true),
            new SetTag(new ColumnTarget(DatasetKind.Table, Orders, "EMAIL"), new[] { new TagAssignment(Pii, "email"), new TagAssignment(note, "internal") }),
        }));
        Assert.That(coverage.TagPoliciesOn(Orders, "EMAIL", SnowflakeType.Varchar(256)).Select(t => t.Tag.Name), Is.EqualTo(new[] { "NOTE", "PII" }));
    }

    [Test]
    public void ADirectPolicy_Protects()
    {
        var coverage = new PlanCoverage(new Operation[] { new SetColumnMaskingPolicy(DatasetKind.View, Orders, "EMAIL", Text, Array.Empty<string>(), force: true) });
        Assert.That(coverage.HasDirectPolicy(Orders, "EMAIL"), Is.True);
        Assert.That(coverage.Protects(Orders, "EMAIL", SnowflakeType.Date), Is.True);
    }

    [Test]
    public void AScriptWithoutRowAccess_CanRunTwice_AndSaysSo()
    {
        var set = PackSet.Create(new[] { new RulePack("t", "1.0.0", PackScope.Global, "t", Array.Empty<TagDefinition>(), new Rule[]
        {
            new MaskingRule("m", Severity.Error, "m", "", Selector.NameMatches("^EMAIL$"), NullifyStrategy.Instance, new[] { "R" }),
        }) });
        var mesh = new MetadataSnapshot(Array.Empty<RoleDefinition>(), new[]
        {
            new Domain("d", null, new[] { new DataProduct("p", null, null, "DB", "S", new[] { new Dataset("T", DatasetKind.Table, new[] { new Column("EMAIL", SnowflakeType.Varchar()) }) }) }),
        });
        var plan = SnowflakePlanner.Plan(set, mesh, Evaluator.Compile(set).Evaluate(mesh));
        Assert.That(plan.CanRunTwice, Is.True);
        Assert.That(plan.ToSql(), Does.Contain("-- Run twice: yes."));
    }
}
