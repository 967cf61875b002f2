using Governance.Snowflake;

namespace Governance.Tests.Snowflake;

/// <summary>One test per statement shape, against its exact SQL text.</summary>
public sealed class SqlGeneratorGoldenTests
{
    private static readonly SchemaObjectName Orders = new("SALES", "CORE", "ORDERS");
    private static readonly SchemaObjectName PiiTag = new("GOV", "TAGS", "PII");
    private static readonly SchemaObjectName EmailPolicy = new("GOV", "POLICIES", "MP_EMAIL_TEXT");
    private static readonly SchemaObjectName RegionPolicy = new("GOV", "POLICIES", "RAP_REGION");

    private static PolicySignature Text => PolicySignature.ForMasking(SnowflakeType.Varchar());

    [Test]
    public void CreateTag_WithAllowedValuesAndComment_IsExact()
        => Assert.That(SqlGenerator.Generate(new CreateTag(PiiTag, new[] { "EMAIL", "PHONE" }, "what kind of PII")),
            Is.EqualTo("CREATE TAG IF NOT EXISTS \"GOV\".\"TAGS\".\"PII\" ALLOWED_VALUES 'EMAIL', 'PHONE' COMMENT = 'what kind of PII';"));

    [Test]
    public void CreateTag_WithoutAllowedValues_IsExact()
        => Assert.That(SqlGenerator.Generate(new CreateTag(PiiTag, Array.Empty<string>())),
            Is.EqualTo("CREATE TAG IF NOT EXISTS \"GOV\".\"TAGS\".\"PII\";"));

    [Test]
    public void AddTagAllowedValues_IsExact()
        => Assert.That(SqlGenerator.Generate(new AddTagAllowedValues(PiiTag, new[] { "IBAN", "it's" })),
            Is.EqualTo("ALTER TAG \"GOV\".\"TAGS\".\"PII\" ADD ALLOWED_VALUES 'IBAN', 'it\\'s';"));

    [Test]
    public void CreateMaskingPolicy_Redact_WithTwoClausesAndCondition_IsExact()
    {
        var conditions = new[] { new MaskingConditionArgument(SnowflakeType.Boolean, Literal.Boolean(true)) };
        var body = MaskingBodies.For(new RedactStrategy(), SnowflakeType.Varchar(), new[] { new[] { "PII_READER", "DPO" }, new[] { "EU_STAFF" } }, conditions);
        var op = new CreateMaskingPolicy(EmailPolicy, MaskingBodies.Signature(SnowflakeType.Varchar(), conditions), body, "governance: pii/email", exemptOtherPolicies: true);
        Assert.That(SqlGenerator.Generate(op), Is.EqualTo(
            "CREATE MASKING POLICY IF NOT EXISTS \"GOV\".\"POLICIES\".\"MP_EMAIL_TEXT\" AS (\"VAL\" VARCHAR(16777216), \"COND_1\" BOOLEAN)\n" +
            "RETURNS VARCHAR(16777216) ->\n" +
            "  CASE\n" +
            "    WHEN (IS_ROLE_IN_SESSION('PII_READER') OR IS_ROLE_IN_SESSION('DPO')) AND IS_ROLE_IN_SESSION('EU_STAFF') AND \"COND_1\" = TRUE THEN \"VAL\"\n" +
            "    ELSE '***MASKED***'\n" +
            "  END\n" +
            "COMMENT = 'governance: pii/email'\n" +
            "EXEMPT_OTHER_POLICIES = TRUE;"));
    }

    [Test]
    public void CreateMaskingPolicy_NoRevealClause_IsMaskedExpressionAlone()
    {
        var body = MaskingBodies.For(new HashStrategy("s@lt'"), SnowflakeType.Varchar(), Array.Empty<IReadOnlyList<string>>(), Array.Empty<MaskingConditionArgument>());
        Assert.That(SqlGenerator.Generate(new CreateMaskingPolicy(EmailPolicy, Text, body)), Is.EqualTo(
            "CREATE MASKING POLICY IF NOT EXISTS \"GOV\".\"POLICIES\".\"MP_EMAIL_TEXT\" AS (\"VAL\" VARCHAR(16777216))\n" +
            "RETURNS VARCHAR(16777216) ->\n" +
            "  SHA2(CONCAT('s@lt\\'', \"VAL\"), 256);"));
    }

    [TestCase("keepLast", "IFF(LENGTH(\"VAL\") > 4, CONCAT(REPEAT('*', LENGTH(\"VAL\") - 4), RIGHT(\"VAL\", 4)), REPEAT('*', LENGTH(\"VAL\")))")]
    [TestCase("hash", "SHA2(\"VAL\", 256)")]
    [TestCase("emailDomain", "REGEXP_REPLACE(REGEXP_REPLACE(\"VAL\", '^[^@]*$', '*****'), '^([^@]*@)+', '*****@')")]
    [TestCase("nullify", "NULL")]
    [TestCase("custom", "CONCAT(LEFT(\"VAL\", 2), '…')")]
    public void MaskedExpression_ForTextStrategy_IsExact(string strategy, string expected)
    {
        MaskingStrategy s = strategy switch
        {
            "keepLast" => new KeepLastStrategy(4),
            "hash" => new HashStrategy(),
            "emailDomain" => EmailDomainStrategy.Instance,
            "nullify" => NullifyStrategy.Instance,
            _ => new CustomStrategy(MaskExpression.Call("CONCAT", MaskExpression.Call("LEFT", MaskExpression.Value, MaskExpression.Of(Literal.Number(2))), MaskExpression.Of(Literal.String("…")))),
        };
        var body = MaskingBodies.For(s, SnowflakeType.Varchar(), new[] { new[] { "R" } }, Array.Empty<MaskingConditionArgument>());
        Assert.That(SqlGenerator.Body(body), Is.EqualTo("  CASE\n    WHEN IS_ROLE_IN_SESSION('R') THEN \"VAL\"\n    ELSE " + expected + "\n  END"));
    }

    [Test]
    public void MaskedExpression_TruncateDateAndTimestampConstant_AreExact()
    {
        var none = Array.Empty<IReadOnlyList<string>>();
        var conds = Array.Empty<MaskingConditionArgument>();
        Assert.Multiple(() =>
        {
            Assert.That(MaskingBodies.For(new TruncateDateStrategy(DatePart.Month), SnowflakeType.Date, none, conds).ToString(), Is.EqualTo("DATE_TRUNC('MONTH', \"VAL\")"));
            Assert.That(MaskingBodies.For(new ConstantStrategy(Literal.Date(2000, 1, 1)), SnowflakeType.Date, none, conds).ToString(), Is.EqualTo("'2000-01-01'::DATE"));
            Assert.That(MaskingBodies.For(new ConstantStrategy(Literal.Timestamp(new DateTime(2000, 1, 2, 3, 4, 5, DateTimeKind.Unspecified))), SnowflakeType.Parse("TIMESTAMP_LTZ"), none, conds).ToString(),
                Is.EqualTo("'2000-01-02 03:04:05'::TIMESTAMP_LTZ"));
            Assert.That(MaskingBodies.For(new ConstantStrategy(Literal.Number(-1.5m)), SnowflakeType.Number(10, 2), none, conds).ToString(), Is.EqualTo("-1.5"));
            Assert.That(MaskingBodies.For(new ConstantStrategy(Literal.Boolean(false)), SnowflakeType.Boolean, none, conds).ToString(), Is.EqualTo("FALSE"));
        });
    }

    [Test]
    public void SetMaskingPolicyBody_IsExact()
    {
        var body = MaskingBodies.For(NullifyStrategy.Instance, SnowflakeType.Number(), new[] { new[] { "FINANCE" } }, Array.Empty<MaskingConditionArgument>());
        Assert.That(SqlGenerator.Generate(new SetMaskingPolicyBody(EmailPolicy, PolicySignature.ForMasking(SnowflakeType.Number()), body)), Is.EqualTo(
            "ALTER MASKING POLICY \"GOV\".\"POLICIES\".\"MP_EMAIL_TEXT\" SET BODY ->\n" +
            "  CASE\n" +
            "    WHEN IS_ROLE_IN_SESSION('FINANCE') THEN \"VAL\"\n" +
            "    ELSE NULL\n" +
            "  END;"));
    }

    [TestCase(DatasetKind.Table, "TABLE")]
    [TestCase(DatasetKind.View, "VIEW")]
    [TestCase(DatasetKind.MaterializedView, "VIEW")] // ALTER MATERIALIZED VIEW has no column or policy clause
    [TestCase(DatasetKind.DynamicTable, "DYNAMIC TABLE")]
    [TestCase(DatasetKind.IcebergTable, "ICEBERG TABLE")]
    [TestCase(DatasetKind.ExternalTable, "TABLE")] // ALTER EXTERNAL TABLE has no policy or tag clause
    public void SetColumnMaskingPolicy_UsesKindKeywordAndModifyColumn(DatasetKind kind, string keyword)
        => Assert.That(SqlGenerator.Generate(new SetColumnMaskingPolicy(kind, Orders, "EMAIL", EmailPolicy, new[] { "CONSENT" }, force: true)),
            Is.EqualTo("ALTER " + keyword + " \"SALES\".\"CORE\".\"ORDERS\" MODIFY COLUMN \"EMAIL\" SET MASKING POLICY \"GOV\".\"POLICIES\".\"MP_EMAIL_TEXT\" USING (\"EMAIL\", \"CONSENT\") FORCE;"));

    [Test]
    public void SetColumnMaskingPolicy_WithoutConditionsOrForce_IsExact()
        => Assert.That(SqlGenerator.Generate(new SetColumnMaskingPolicy(DatasetKind.View, Orders, "email", EmailPolicy, Array.Empty<string>(), force: false)),
            Is.EqualTo("ALTER VIEW \"SALES\".\"CORE\".\"ORDERS\" MODIFY COLUMN \"email\" SET MASKING POLICY \"GOV\".\"POLICIES\".\"MP_EMAIL_TEXT\";"));

    [Test]
    public void UnsetColumnMaskingPolicy_IsExact()
        => Assert.That(SqlGenerator.Generate(new UnsetColumnMaskingPolicy(DatasetKind.IcebergTable, Orders, "EMAIL")),
            Is.EqualTo("ALTER ICEBERG TABLE \"SALES\".\"CORE\".\"ORDERS\" MODIFY COLUMN \"EMAIL\" UNSET MASKING POLICY;"));

    [Test]
    public void SetAndUnsetTagMaskingPolicy_AreExact()
    {
        var number = new SchemaObjectName("GOV", "POLICIES", "MP_EMAIL_NUMBER");
        Assert.Multiple(() =>
        {
            Assert.That(SqlGenerator.Generate(new SetTagMaskingPolicy(PiiTag, new[] { EmailPolicy, number }, force: true)),
                Is.EqualTo("ALTER TAG \"GOV\".\"TAGS\".\"PII\" SET MASKING POLICY \"GOV\".\"POLICIES\".\"MP_EMAIL_TEXT\", MASKING POLICY \"GOV\".\"POLICIES\".\"MP_EMAIL_NUMBER\" FORCE;"));
            Assert.That(SqlGenerator.Generate(new UnsetTagMaskingPolicy(PiiTag, new[] { EmailPolicy })),
                Is.EqualTo("ALTER TAG \"GOV\".\"TAGS\".\"PII\" UNSET MASKING POLICY \"GOV\".\"POLICIES\".\"MP_EMAIL_TEXT\";"));
        });
    }

    [Test]
    public void CreateRowAccessPolicy_EntitlementWithBypass_IsExact()
    {
        var sig = PolicySignature.ForRowAccess(SnowflakeType.Varchar());
        var body = PolicyExpression.Or(
            PolicyExpression.IsRoleInSession("GLOBAL_ANALYST"),
            PolicyExpression.EntitlementExists(new SchemaObjectName("GOV", "SECURITY", "REGION_MAP"), "ROLE_NAME", "REGION", sig.Ref("ARG_1")));
        Assert.That(SqlGenerator.Generate(new CreateRowAccessPolicy(RegionPolicy, sig, body, "rows by region")), Is.EqualTo(
            "CREATE ROW ACCESS POLICY IF NOT EXISTS \"GOV\".\"POLICIES\".\"RAP_REGION\" AS (\"ARG_1\" VARCHAR(16777216))\n" +
            "RETURNS BOOLEAN ->\n" +
            "  IS_ROLE_IN_SESSION('GLOBAL_ANALYST') OR EXISTS (SELECT 1 FROM \"GOV\".\"SECURITY\".\"REGION_MAP\" m WHERE IS_ROLE_IN_SESSION(m.\"ROLE_NAME\") AND m.\"REGION\" = \"ARG_1\")\n" +
            "COMMENT = 'rows by region';"));
    }

    [Test]
    public void SetRowAccessPolicyBody_IsExact()
    {
        var sig = PolicySignature.ForRowAccess(SnowflakeType.Number());
        var body = PolicyExpression.Or(PolicyExpression.IsRoleInSession("ADMIN"), PolicyExpression.Compare(sig.Ref("ARG_1"), ComparisonOperator.Greater, PolicyExpression.Number(10)));
        Assert.That(SqlGenerator.Generate(new SetRowAccessPolicyBody(RegionPolicy, sig, body)), Is.EqualTo(
            "ALTER ROW ACCESS POLICY \"GOV\".\"POLICIES\".\"RAP_REGION\" SET BODY ->\n  IS_ROLE_IN_SESSION('ADMIN') OR \"ARG_1\" > 10;"));
    }

    [Test]
    public void AddDropAndSwapRowAccessPolicy_AreExact()
    {
        var v2 = new SchemaObjectName("GOV", "POLICIES", "RAP_REGION_V2");
        Assert.Multiple(() =>
        {
            Assert.That(SqlGenerator.Generate(new AddRowAccessPolicy(DatasetKind.Table, Orders, RegionPolicy, new[] { "REGION", "COUNTRY" })),
                Is.EqualTo("ALTER TABLE \"SALES\".\"CORE\".\"ORDERS\" ADD ROW ACCESS POLICY \"GOV\".\"POLICIES\".\"RAP_REGION\" ON (\"REGION\", \"COUNTRY\");"));
            Assert.That(SqlGenerator.Generate(new DropTableRowAccessPolicy(DatasetKind.DynamicTable, Orders, RegionPolicy)),
                Is.EqualTo("ALTER DYNAMIC TABLE \"SALES\".\"CORE\".\"ORDERS\" DROP ROW ACCESS POLICY \"GOV\".\"POLICIES\".\"RAP_REGION\";"));
            Assert.That(SqlGenerator.Generate(new SwapRowAccessPolicy(DatasetKind.View, Orders, RegionPolicy, v2, new[] { "REGION" })),
                Is.EqualTo("ALTER VIEW \"SALES\".\"CORE\".\"ORDERS\" DROP ROW ACCESS POLICY \"GOV\".\"POLICIES\".\"RAP_REGION\", ADD ROW ACCESS POLICY \"GOV\".\"POLICIES\".\"RAP_REGION_V2\" ON (\"REGION\");"));
        });
    }

    [Test]
    public void SetAndUnsetTag_OnEveryTargetKind_AreExact()
    {
        var owner = new SchemaObjectName("GOV", "TAGS", "OWNER");
        var tags = new[] { new TagAssignment(PiiTag, "EMAIL"), new TagAssignment(owner, "team-a") };
        Assert.Multiple(() =>
        {
            Assert.That(SqlGenerator.Generate(new SetTag(new DatabaseTarget("SALES"), tags)),
                Is.EqualTo("ALTER DATABASE \"SALES\" SET TAG \"GOV\".\"TAGS\".\"PII\" = 'EMAIL', \"GOV\".\"TAGS\".\"OWNER\" = 'team-a';"));
            Assert.That(SqlGenerator.Generate(new SetTag(new SchemaTarget(new SchemaName("SALES", "CORE")), tags.Take(1).ToArray())),
                Is.EqualTo("ALTER SCHEMA \"SALES\".\"CORE\" SET TAG \"GOV\".\"TAGS\".\"PII\" = 'EMAIL';"));
            Assert.That(SqlGenerator.Generate(new SetTag(new DatasetTarget(DatasetKind.MaterializedView, Orders), tags.Take(1).ToArray())),
                Is.EqualTo("ALTER VIEW \"SALES\".\"CORE\".\"ORDERS\" SET TAG \"GOV\".\"TAGS\".\"PII\" = 'EMAIL';"));
            Assert.That(SqlGenerator.Generate(new SetTag(new ColumnTarget(DatasetKind.MaterializedView, Orders, "EMAIL"), tags.Take(1).ToArray())),
                Is.EqualTo("ALTER VIEW \"SALES\".\"CORE\".\"ORDERS\" ALTER COLUMN \"EMAIL\" SET TAG \"GOV\".\"TAGS\".\"PII\" = 'EMAIL';"));
            Assert.That(SqlGenerator.Generate(new SetTag(new ColumnTarget(DatasetKind.ExternalTable, Orders, "EMAIL"), tags.Take(1).ToArray())),
                Is.EqualTo("ALTER TABLE \"SALES\".\"CORE\".\"ORDERS\" MODIFY COLUMN \"EMAIL\" SET TAG \"GOV\".\"TAGS\".\"PII\" = 'EMAIL';"));
            Assert.That(SqlGenerator.Generate(new SetTag(new ColumnTarget(DatasetKind.Table, Orders, "EMAIL"), tags.Take(1).ToArray())),
                Is.EqualTo("ALTER TABLE \"SALES\".\"CORE\".\"ORDERS\" MODIFY COLUMN \"EMAIL\" SET TAG \"GOV\".\"TAGS\".\"PII\" = 'EMAIL';"));
            Assert.That(SqlGenerator.Generate(new UnsetTag(new ColumnTarget(DatasetKind.View, Orders, "EMAIL"), new[] { PiiTag, owner })),
                Is.EqualTo("ALTER VIEW \"SALES\".\"CORE\".\"ORDERS\" ALTER COLUMN \"EMAIL\" UNSET TAG \"GOV\".\"TAGS\".\"PII\", \"GOV\".\"TAGS\".\"OWNER\";"));
            Assert.That(SqlGenerator.Generate(new UnsetTag(new DatabaseTarget("SALES"), new[] { PiiTag })),
                Is.EqualTo("ALTER DATABASE \"SALES\" UNSET TAG \"GOV\".\"TAGS\".\"PII\";"));
        });
    }

    [Test]
    public void SessionStatements_AreExact()
    {
        Assert.That(SqlGenerator.Generate(new UseRole("GOVERNANCE_ADMIN")), Is.EqualTo("USE ROLE \"GOVERNANCE_ADMIN\";"));
        Assert.That(SqlGenerator.Generate(new UseRole("dq \"admin\"")), Is.EqualTo("USE ROLE \"dq \"\"admin\"\"\";"));
        Assert.That(SqlGenerator.Generate(new SetQuotedIdentifiersCaseSensitive()), Is.EqualTo("ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;"));
    }

    [Test]
    public void AddRowAccessPolicy_OnAnExternalTable_IsAlterTable()
        => Assert.That(SqlGenerator.Generate(new AddRowAccessPolicy(DatasetKind.ExternalTable, Orders, RegionPolicy, new[] { "VALUE" })),
            Is.EqualTo("ALTER TABLE \"SALES\".\"CORE\".\"ORDERS\" ADD ROW ACCESS POLICY \"GOV\".\"POLICIES\".\"RAP_REGION\" ON (\"VALUE\");"));

    [Test]
    public void Drops_UseIfExists()
        => Assert.That(SqlGenerator.Script(new Operation[] { new DropMaskingPolicy(EmailPolicy), new DropRowAccessPolicy(RegionPolicy), new DropTag(PiiTag) }), Is.EqualTo(
            "DROP MASKING POLICY IF EXISTS \"GOV\".\"POLICIES\".\"MP_EMAIL_TEXT\";\n" +
            "DROP ROW ACCESS POLICY IF EXISTS \"GOV\".\"POLICIES\".\"RAP_REGION\";\n" +
            "DROP TAG IF EXISTS \"GOV\".\"TAGS\".\"PII\";\n"));

    [Test]
    public void Identifier_QuotesAndDoublesQuotes()
        => Assert.That(SqlText.Qualified("my \"db\"", "sch.ema", "select"), Is.EqualTo("\"my \"\"db\"\"\".\"sch.ema\".\"select\""));

    [Test]
    public void Literal_EscapesBackslashFirstThenQuoteThenControls()
        => Assert.That(SqlText.Literal("a\\'b\n\r\t\b\f\u0001\u007f$$--é😀"), Is.EqualTo("'a\\\\\\'b\\n\\r\\t\\b\\f\\x01\\x7f$$--é😀'"));
}
