using Governance.Snowflake;
using static Governance.Tests.Evaluation.Mesh;

namespace Governance.Tests.Snowflake;

/// <summary>Bodies built from the evaluator's decisions, and a golden script of every statement shape.</summary>
public sealed class DecisionBodiesTests
{
    [Test]
    public void RowAccess_EntitlementWithBypass_IsExistsOrBypass()
    {
        var pack = Pack().RowAccess("region", "r", r => r.Datasets(Select.HasColumn("^REGION$"))
            .Entitlements("REGION", "GOV", "SEC", "REGION_MAP", "ROLE_NAME", "REGION").Bypass("GLOBAL_ANALYST")).Build();
        var d = Evaluate(Snapshot(Table("ORDERS", Col("ID", "NUMBER"), Col("REGION", "VARCHAR(16)"))), pack).RowAccess.Single();
        var rap = RowAccessBodies.For(d);
        Assert.Multiple(() =>
        {
            Assert.That(rap.OnColumns, Is.EqualTo(new[] { "REGION" }));
            Assert.That(rap.Signature.Arguments.Single().Type.Text, Is.EqualTo("VARCHAR(16)"));
            Assert.That(rap.Body.ToString(), Is.EqualTo(
                "IS_ROLE_IN_SESSION('GLOBAL_ANALYST') OR EXISTS (SELECT 1 FROM \"GOV\".\"SEC\".\"REGION_MAP\" m WHERE IS_ROLE_IN_SESSION(m.\"ROLE_NAME\") AND m.\"REGION\" = \"ARG_1\")"));
        });
    }

    [Test]
    public void RowAccess_TwoRules_AreAndedDenyOverrides()
    {
        var pack = Pack()
            .RowAccess("a", "a", r => r.Datasets(Select.Everything).Where("ID", ComparisonOperator.Greater, 0m).Bypass("GLOBAL_ANALYST", "ANALYST"))
            .RowAccess("b", "b", r => r.Datasets(Select.Everything).Where("ID", ComparisonOperator.Greater, 10m).Bypass("GLOBAL_ANALYST"))
            .Build();
        var d = Evaluate(Snapshot(Table("ORDERS", Col("ID", "NUMBER"))), pack).RowAccess.Single();
        Assert.That(RowAccessBodies.For(d).Body.ToString(), Is.EqualTo(
            "(IS_ROLE_IN_SESSION('GLOBAL_ANALYST') OR \"ARG_1\" > 10) AND (IS_ROLE_IN_SESSION('ANALYST') OR IS_ROLE_IN_SESSION('GLOBAL_ANALYST') OR \"ARG_1\" > 0)"));
    }

    [Test]
    public void RowAccess_FilterColumnMissing_AdmitsNobodyWithoutBypass()
    {
        var pack = Pack().RowAccess("active", "a", r => r.Datasets(Select.Everything).Where("IS_ACTIVE", ComparisonOperator.Equal, true)).Build();
        var rap = RowAccessBodies.For(Evaluate(Snapshot(Table("ORDERS", Col("ID", "NUMBER"))), pack).RowAccess.Single());
        Assert.Multiple(() =>
        {
            Assert.That(rap.Body.ToString(), Is.EqualTo("FALSE"));
            Assert.That(rap.OnColumns, Is.EqualTo(new[] { "ID" }), "a stand-in argument: a policy needs one");
        });
    }

    [Test]
    public void Masking_FromDecision_RevealsToRuleRolesOnly()
    {
        var pack = Pack().Masking("email", "e-mail", r => r.Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain).RevealTo("PII_READER")).Build();
        var d = Evaluate(Snapshot(Table("T", Col("EMAIL", "VARCHAR(100)", ("PII", "email")))), pack).Masking.Single();
        var body = MaskingBodies.For(d.Strategy, d.Column.Type, d.RevealClauses, Array.Empty<MaskingConditionArgument>());
        Assert.That(body.ToString(), Is.EqualTo("CASE WHEN IS_ROLE_IN_SESSION('PII_READER') THEN \"VAL\" ELSE REGEXP_REPLACE(REGEXP_REPLACE(\"VAL\", '^[^@]*$', '*****'), '^([^@]*@)+', '*****@') END"));
    }

    [Test]
    public void EveryStatementShape_MatchesGoldenScript()
    {
        var orders = new SchemaObjectName("SALES", "ORDERS", "ORDERS");
        var pii = new SchemaObjectName("GOV", "TAGS", "PII");
        var mp = new SchemaObjectName("GOV", "POLICIES", "MP_PII_EMAIL_TEXT");
        var mpNumber = new SchemaObjectName("GOV", "POLICIES", "MP_PII_EMAIL_NUMBER");
        var rap = new SchemaObjectName("GOV", "POLICIES", "RAP_REGION");
        var rap2 = new SchemaObjectName("GOV", "POLICIES", "RAP_REGION_V2");
        var conditions = new[] { new MaskingConditionArgument(SnowflakeType.Boolean, Literal.Boolean(true)) };
        var text = SnowflakeType.Varchar(100);
        var rowSig = PolicySignature.ForRowAccess(SnowflakeType.Varchar(16));
        var rowBody = PolicyExpression.Or(PolicyExpression.IsRoleInSession("GLOBAL_ANALYST"),
            PolicyExpression.EntitlementExists(new SchemaObjectName("GOV", "SEC", "REGION_MAP"), "ROLE_NAME", "REGION", rowSig.Ref("ARG_1")));
        var ops = new Operation[]
        {
            new UseRole("GOVERNANCE_ADMIN"),
            new SetQuotedIdentifiersCaseSensitive(),
            new CreateTag(pii, new[] { "email", "phone", "it's \"odd\"\\" }, "kind of personal data"),
            new AddTagAllowedValues(pii, new[] { "iban" }),
            new CreateMaskingPolicy(mp, MaskingBodies.Signature(text, conditions),
                MaskingBodies.For(new KeepLastStrategy(4), text, new[] { new[] { "PII_READER", "DPO" }, new[] { "EU" } }, conditions), "pii/email on VARCHAR(100)"),
            new CreateMaskingPolicy(mpNumber, PolicySignature.ForMasking(SnowflakeType.Number()),
                MaskingBodies.For(NullifyStrategy.Instance, SnowflakeType.Number(), new[] { new[] { "PII_READER" } }, Array.Empty<MaskingConditionArgument>()), exemptOtherPolicies: true),
            new SetMaskingPolicyBody(mpNumber, PolicySignature.ForMasking(SnowflakeType.Number()),
                MaskingBodies.For(new ConstantStrategy(Literal.Number(0)), SnowflakeType.Number(), Array.Empty<IReadOnlyList<string>>(), Array.Empty<MaskingConditionArgument>())),
            new SetTagMaskingPolicy(pii, new[] { mp, mpNumber }, force: true),
            new SetColumnMaskingPolicy(DatasetKind.IcebergTable, orders, "EMAIL", mp, new[] { "HAS_CONSENT" }, force: true),
            new UnsetColumnMaskingPolicy(DatasetKind.View, orders, "EMAIL"),
            new UnsetTagMaskingPolicy(pii, new[] { mpNumber }),
            new CreateRowAccessPolicy(rap, rowSig, rowBody, "rows by region"),
            new SetRowAccessPolicyBody(rap, rowSig, rowBody),
            new AddRowAccessPolicy(DatasetKind.Table, orders, rap, new[] { "REGION" }),
            new SwapRowAccessPolicy(DatasetKind.DynamicTable, orders, rap, rap2, new[] { "REGION" }),
            new DropTableRowAccessPolicy(DatasetKind.ExternalTable, orders, rap2),
            new SetTag(new DatabaseTarget("SALES"), new[] { new TagAssignment(pii, "email") }),
            new SetTag(new SchemaTarget(new SchemaName("SALES", "ORDERS")), new[] { new TagAssignment(pii, "email") }),
            new SetTag(new DatasetTarget(DatasetKind.MaterializedView, orders), new[] { new TagAssignment(pii, "email") }),
            new SetTag(new ColumnTarget(DatasetKind.Table, orders, "EMAIL"), new[] { new TagAssignment(pii, "email"), new TagAssignment(new SchemaObjectName("GOV", "TAGS", "OWNER"), "team\na") }),
            new UnsetTag(new ColumnTarget(DatasetKind.Table, orders, "EMAIL"), new[] { pii }),
            new DropMaskingPolicy(mp),
            new DropRowAccessPolicy(rap),
            new DropTag(pii),
        };
        var script = SqlGenerator.Script(ops);
        var path = TestFiles.Source("tests", "Governance.Tests", "Snowflake", "golden", "statements.sql");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(path, script);
        Assert.That(script, Is.EqualTo(File.ReadAllText(path)), "run with UPDATE_GOLDEN=1 to rewrite " + path);
    }
}
