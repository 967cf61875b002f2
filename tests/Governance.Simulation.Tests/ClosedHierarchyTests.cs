using DuckDB.NET.Data;
using Governance.Simulation;
using Governance.Simulation.Tests.Emulator;
using Governance.Snowflake;

namespace Governance.Simulation.Tests;

/// <summary>
/// Every concrete <see cref="Operation"/> and <see cref="PolicyExpression"/>, found by reflection, is generated as
/// Snowflake SQL; every operation runs on the emulated account; every expression node gives, on DuckDB, the value it
/// means — written from the node by the simulation and translated from the script's text by the emulated account
/// alike. A new type without a sample here fails the first test of each group.
/// </summary>
public sealed class ClosedHierarchyTests
{
    private static readonly SchemaObjectName Owner = new("GOVERNANCE", "TAGS", "OWNER");
    private static readonly SchemaObjectName Email = new("GOVERNANCE", "POLICIES", "MP_EMAIL");
    private static readonly SchemaObjectName Rap = new("GOVERNANCE", "POLICIES", "RAP_ONE");
    private static readonly SchemaObjectName RapV2 = new("GOVERNANCE", "POLICIES", "RAP_TWO");
    private static readonly SchemaObjectName Orders = new("SALES", "ORDERS", "ORDERS");
    private static readonly SchemaObjectName View = new("SALES", "ORDERS", "ORDERS_V");
    private static readonly PolicySignature Text = PolicySignature.ForMasking(SnowflakeType.Varchar());
    private static readonly PolicySignature Rows = PolicySignature.ForRowAccess(SnowflakeType.Varchar());

    private static IEnumerable<Type> Concrete<TBase>()
        => typeof(TBase).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(TBase)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal);

    /// <summary>One operation of each type, in an order the emulated account accepts (USE ROLE last), with its exact statement.</summary>
    private static readonly (Operation Operation, string Sql)[] Operations =
    {
        (new SetQuotedIdentifiersCaseSensitive(), "ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;"),
        (new CreateTag(Owner, new[] { "sales", "finance" }, "who owns it"),
            "CREATE TAG IF NOT EXISTS \"GOVERNANCE\".\"TAGS\".\"OWNER\" ALLOWED_VALUES 'sales', 'finance' COMMENT = 'who owns it';"),
        (new AddTagAllowedValues(Owner, new[] { "marketing" }), "ALTER TAG \"GOVERNANCE\".\"TAGS\".\"OWNER\" ADD ALLOWED_VALUES 'marketing';"),
        (new DropTagAllowedValues(Owner, new[] { "finance" }), "ALTER TAG \"GOVERNANCE\".\"TAGS\".\"OWNER\" DROP ALLOWED_VALUES 'finance';"),
        (new UnsetTagAllowedValues(Owner), "ALTER TAG \"GOVERNANCE\".\"TAGS\".\"OWNER\" UNSET ALLOWED_VALUES;"),
        (new AddTagAllowedValues(Owner, new[] { "sales", "marketing" }), "ALTER TAG \"GOVERNANCE\".\"TAGS\".\"OWNER\" ADD ALLOWED_VALUES 'sales', 'marketing';"),
        (new CreateMaskingPolicy(Email, Text, PolicyExpression.String("***")),
            "CREATE MASKING POLICY IF NOT EXISTS \"GOVERNANCE\".\"POLICIES\".\"MP_EMAIL\" AS (\"VAL\" VARCHAR(16777216))\nRETURNS VARCHAR(16777216) ->\n  '***';"),
        (new SetMaskingPolicyBody(Email, Text, PolicyExpression.Case(PolicyExpression.IsRoleInSession("PII_READER"), Text.Ref("VAL"), PolicyExpression.String("###"))),
            "ALTER MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_EMAIL\" SET BODY ->\n  CASE\n    WHEN IS_ROLE_IN_SESSION('PII_READER') THEN \"VAL\"\n    ELSE '###'\n  END;"),
        (new SetColumnMaskingPolicy(DatasetKind.Table, Orders, "CUSTOMER_EMAIL", Email, Array.Empty<string>(), force: true),
            "ALTER TABLE \"SALES\".\"ORDERS\".\"ORDERS\" MODIFY COLUMN \"CUSTOMER_EMAIL\" SET MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_EMAIL\" FORCE;"),
        (new SetTagMaskingPolicy(Owner, new[] { Email }, force: true),
            "ALTER TAG \"GOVERNANCE\".\"TAGS\".\"OWNER\" SET MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_EMAIL\" FORCE;"),
        (new CreateRowAccessPolicy(Rap, Rows, PolicyExpression.IsRoleInSession("PII_READER")),
            "CREATE ROW ACCESS POLICY IF NOT EXISTS \"GOVERNANCE\".\"POLICIES\".\"RAP_ONE\" AS (\"ARG_1\" VARCHAR(16777216))\nRETURNS BOOLEAN ->\n  IS_ROLE_IN_SESSION('PII_READER');"),
        (new CreateRowAccessPolicy(RapV2, Rows, PolicyExpression.Compare(Rows.Ref("ARG_1"), ComparisonOperator.Equal, PolicyExpression.String("EMEA"))),
            "CREATE ROW ACCESS POLICY IF NOT EXISTS \"GOVERNANCE\".\"POLICIES\".\"RAP_TWO\" AS (\"ARG_1\" VARCHAR(16777216))\nRETURNS BOOLEAN ->\n  \"ARG_1\" = 'EMEA';"),
        (new SetRowAccessPolicyBody(Rap, Rows, PolicyExpression.IsRoleInSession("ANALYST")),
            "ALTER ROW ACCESS POLICY \"GOVERNANCE\".\"POLICIES\".\"RAP_ONE\" SET BODY ->\n  IS_ROLE_IN_SESSION('ANALYST');"),
        (new AddRowAccessPolicy(DatasetKind.View, View, Rap, new[] { "REGION" }),
            "ALTER VIEW \"SALES\".\"ORDERS\".\"ORDERS_V\" ADD ROW ACCESS POLICY \"GOVERNANCE\".\"POLICIES\".\"RAP_ONE\" ON (\"REGION\");"),
        (new SwapRowAccessPolicy(DatasetKind.View, View, Rap, RapV2, new[] { "REGION" }),
            "ALTER VIEW \"SALES\".\"ORDERS\".\"ORDERS_V\" DROP ROW ACCESS POLICY \"GOVERNANCE\".\"POLICIES\".\"RAP_ONE\", ADD ROW ACCESS POLICY \"GOVERNANCE\".\"POLICIES\".\"RAP_TWO\" ON (\"REGION\");"),
        (new SetTag(new ColumnTarget(DatasetKind.Table, Orders, "ORDER_ID"), new[] { new TagAssignment(Owner, "sales") }),
            "ALTER TABLE \"SALES\".\"ORDERS\".\"ORDERS\" MODIFY COLUMN \"ORDER_ID\" SET TAG \"GOVERNANCE\".\"TAGS\".\"OWNER\" = 'sales';"),
        (new UnsetTag(new ColumnTarget(DatasetKind.Table, Orders, "ORDER_ID"), new[] { Owner }),
            "ALTER TABLE \"SALES\".\"ORDERS\".\"ORDERS\" MODIFY COLUMN \"ORDER_ID\" UNSET TAG \"GOVERNANCE\".\"TAGS\".\"OWNER\";"),
        (new UnsetTagMaskingPolicy(Owner, new[] { Email }),
            "ALTER TAG \"GOVERNANCE\".\"TAGS\".\"OWNER\" UNSET MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_EMAIL\";"),
        (new UnsetColumnMaskingPolicy(DatasetKind.Table, Orders, "CUSTOMER_EMAIL"),
            "ALTER TABLE \"SALES\".\"ORDERS\".\"ORDERS\" MODIFY COLUMN \"CUSTOMER_EMAIL\" UNSET MASKING POLICY;"),
        (new DropTableRowAccessPolicy(DatasetKind.View, View, RapV2),
            "ALTER VIEW \"SALES\".\"ORDERS\".\"ORDERS_V\" DROP ROW ACCESS POLICY \"GOVERNANCE\".\"POLICIES\".\"RAP_TWO\";"),
        (new DropMaskingPolicy(Email), "DROP MASKING POLICY IF EXISTS \"GOVERNANCE\".\"POLICIES\".\"MP_EMAIL\";"),
        (new DropRowAccessPolicy(Rap), "DROP ROW ACCESS POLICY IF EXISTS \"GOVERNANCE\".\"POLICIES\".\"RAP_ONE\";"),
        (new DropTag(Owner), "DROP TAG IF EXISTS \"GOVERNANCE\".\"TAGS\".\"OWNER\";"),
        (new UseRole("PII_READER"), "USE ROLE \"PII_READER\";"),
    };

    [Test]
    public void EveryConcreteOperation_HasASample()
        => Assert.That(Operations.Select(o => o.Operation.GetType()).Distinct(), Is.EquivalentTo(Concrete<Operation>()));

    [Test]
    public void EveryOperation_IsGenerated_AsItsStatement()
    {
        Assert.Multiple(() =>
        {
            foreach (var (op, sql) in Operations) Assert.That(SqlGenerator.Generate(op), Is.EqualTo(sql), op.GetType().Name);
        });
    }

    /// <summary>Every operation's statement runs on the emulated account, in sequence, and the account ends as the last statements leave it.</summary>
    [Test]
    public void EveryOperation_RunsOnTheEmulatedAccount()
    {
        using var account = Small.Account();
        foreach (var (op, _) in Operations)
        {
            var statement = SqlGenerator.Generate(op);
            Assert.DoesNotThrow(() => Emulated.Execute(account, statement), statement);
        }
        Assert.Multiple(() =>
        {
            Assert.That(Emulated.Query(account, "SHOW TAGS LIKE 'OWNER' IN ACCOUNT").Rows, Is.Empty, "dropped");
            Assert.That(Emulated.Query(account, "SHOW MASKING POLICIES LIKE 'MP_EMAIL' IN ACCOUNT").Rows, Is.Empty, "dropped");
            Assert.That(Emulated.Query(account, "SHOW ROW ACCESS POLICIES LIKE 'RAP_%' IN ACCOUNT").Rows.Select(r => r[1]), Is.EqualTo(new[] { "RAP_REGION", "RAP_TWO" }),
                "RAP_ONE dropped; RAP_TWO detached but kept");
            Assert.That(Emulated.Query(account, "SELECT CURRENT_ROLE()").Rows.Single()[0], Is.EqualTo("PII_READER"));
        });
    }

    // ------------------------------------------------------------------------------------------- expressions

    private static readonly SchemaObjectName Entitlements = new("SECURITY", "MAPPING", "REGION_ENTITLEMENTS");
    private static readonly SchemaObjectName Pii = new("GOVERNANCE", "TAGS", "PII");
    private static PolicyExpression Val => Text.Ref("VAL");
    private static PolicyExpression Length => PolicyExpression.Call("LENGTH", Val);

    /// <summary>One node of each type, its exact Snowflake text, and its value for VAL = 'ada@acme.example' in a session of ANALYST whose column carries PII = 'email'.</summary>
    private static readonly (PolicyExpression Expression, string Sql, string? Value)[] Expressions =
    {
        (Val, "\"VAL\"", "ada@acme.example"),
        (PolicyExpression.Typed(Literal.Date(2025, 3, 14)), "'2025-03-14'::DATE", "2025-03-14"),
        (PolicyExpression.Null, "NULL", null),
        (PolicyExpression.IsRoleInSession("ANALYST"), "IS_ROLE_IN_SESSION('ANALYST')", "true"),
        (PolicyExpression.Call("LEFT", Val, PolicyExpression.Number(3)), "LEFT(\"VAL\", 3)", "ada"),
        (PolicyExpression.Compare(Length, ComparisonOperator.Greater, PolicyExpression.Number(-4)), "LENGTH(\"VAL\") > -4", "true"),
        (PolicyExpression.Subtract(Length, PolicyExpression.Number(-4)), "LENGTH(\"VAL\") - (-4)", "20"),
        (PolicyExpression.Subtract(Length, PolicyExpression.Subtract(PolicyExpression.Number(10), PolicyExpression.Number(4))), "LENGTH(\"VAL\") - (10 - 4)", "10"),
        (PolicyExpression.Or(PolicyExpression.And(PolicyExpression.IsRoleInSession("PII_READER"), PolicyExpression.IsRoleInSession("ANALYST")), PolicyExpression.IsRoleInSession("AUDITOR")),
            "(IS_ROLE_IN_SESSION('PII_READER') AND IS_ROLE_IN_SESSION('ANALYST')) OR IS_ROLE_IN_SESSION('AUDITOR')", "false"),
        (PolicyExpression.Case(PolicyExpression.IsRoleInSession("PII_READER"), Val, PolicyExpression.String("it's masked")),
            "CASE WHEN IS_ROLE_IN_SESSION('PII_READER') THEN \"VAL\" ELSE 'it\\'s masked' END", "it's masked"),
        (PolicyExpression.EntitlementExists(Entitlements, "ROLE_NAME", "REGION", PolicyExpression.String("EMEA")),
            "EXISTS (SELECT 1 FROM \"SECURITY\".\"MAPPING\".\"REGION_ENTITLEMENTS\" m WHERE IS_ROLE_IN_SESSION(m.\"ROLE_NAME\") AND m.\"REGION\" = 'EMEA')", "true"),
        (new TagOnCurrentColumn(Pii), "SYSTEM$GET_TAG_ON_CURRENT_COLUMN('\"GOVERNANCE\".\"TAGS\".\"PII\"')", "email"),
    };

    [Test]
    public void EveryConcretePolicyExpression_HasASample()
        => Assert.That(Expressions.Select(e => e.Expression.GetType()).Distinct(), Is.EquivalentTo(Concrete<PolicyExpression>()));

    [Test]
    public void EveryPolicyExpression_IsGenerated_AsItsText()
    {
        Assert.Multiple(() =>
        {
            foreach (var (e, sql, _) in Expressions)
            {
                Assert.That(SqlGenerator.Expression(e), Is.EqualTo(sql), e.GetType().Name);
                Assert.That(e.ToString(), Is.EqualTo(sql), "ToString is the generator's text");
            }
        });
    }

    /// <summary>
    /// Every node, on DuckDB, gives its value both ways a body gets there: written from the node (the simulation's
    /// <see cref="DuckDbExpressionWriter"/>) and translated from the generator's text (the emulated account's
    /// <see cref="SnowflakeCompatibility.Translate"/>).
    /// </summary>
    [Test]
    public void EveryPolicyExpression_IsSimulated_WithItsValue_FromTheNodeAndFromItsText()
    {
        using var c = Simulator.OpenSession("ANALYST", new[] { "ANALYST", "PUBLIC" }, "ALICE");
        Simulator.Execute(c, "ATTACH ':memory:' AS " + DuckDbText.Identifier(Entitlements.Database));
        Simulator.Execute(c, "CREATE SCHEMA " + DuckDbText.Qualified(Entitlements.Database, Entitlements.Schema));
        var table = DuckDbText.Qualified(Entitlements.Database, Entitlements.Schema, Entitlements.Name);
        Simulator.Execute(c, "CREATE TABLE " + table + " (" + DuckDbText.Identifier("ROLE_NAME") + " VARCHAR, " + DuckDbText.Identifier("REGION") + " VARCHAR)");
        Simulator.Execute(c, "INSERT INTO " + table + " VALUES ('ANALYST', 'EMEA'), ('PII_READER', 'AMER')");
        string? Value(string duckDb)
        {
            using var command = Simulator.Command(c, "SELECT CAST((" + duckDb + ") AS VARCHAR) FROM (SELECT CAST(? AS VARCHAR) AS " + DuckDbText.Identifier("VAL")
                + ", MAP {" + DuckDbText.Literal(Pii.Sql) + ": 'email'} AS " + SqlFunctions.ColumnTagsParameter + ")", "ada@acme.example");
            return command.ExecuteScalar() is string s ? s : null;
        }
        Assert.Multiple(() =>
        {
            foreach (var (e, sql, value) in Expressions)
            {
                var (written, readsTags) = DuckDbExpressionWriter.Body(e);
                Assert.That(Value(written), Is.EqualTo(value), "written from " + e.GetType().Name);
                Assert.That(Value(SnowflakeCompatibility.Translate(sql)), Is.EqualTo(value), "translated from " + sql);
                Assert.That(readsTags, Is.EqualTo(e is TagOnCurrentColumn), "only a tag lookup takes the column's tags");
            }
        });
    }

    /// <summary>The statements that remove (UNSET, DROP) undo what their SET did in the plan's coverage, in script order.</summary>
    [Test]
    public void PlanCoverage_FollowsUnsetAndDrop_InOrder()
    {
        var number = new SchemaObjectName("GOVERNANCE", "POLICIES", "MP_NUMBER");
        var create = new CreateMaskingPolicy(number, PolicySignature.ForMasking(SnowflakeType.Number()), PolicyExpression.Null);
        var tagged = new SetTag(new DatasetTarget(DatasetKind.Table, Orders), new[] { new TagAssignment(Owner, "sales") });
        var onTag = new SetTagMaskingPolicy(Owner, new[] { number }, force: true);
        var direct = new SetColumnMaskingPolicy(DatasetKind.Table, Orders, "AMOUNT", number, Array.Empty<string>(), force: true);
        bool Protected(params Operation[] ops) => new PlanCoverage(ops).Protects(Orders, "ORDER_ID", SnowflakeType.Number());
        bool Direct(params Operation[] ops) => new PlanCoverage(ops).HasDirectPolicy(Orders, "AMOUNT");
        Assert.Multiple(() =>
        {
            Assert.That(Protected(create, tagged, onTag), Is.True, "through the dataset's tag");
            Assert.That(Protected(create, tagged, onTag, new UnsetTag(new DatasetTarget(DatasetKind.Table, Orders), new[] { Owner })), Is.False, "tag unset");
            Assert.That(Protected(create, tagged, onTag, new UnsetTagMaskingPolicy(Owner, new[] { number })), Is.False, "policy unset from the tag");
            Assert.That(Protected(create, tagged, onTag, new DropTag(Owner)), Is.False, "tag dropped");
            Assert.That(Protected(create, tagged, new DropMaskingPolicy(number), onTag), Is.False, "a dropped policy cannot be set on a tag");
            Assert.That(Direct(create, direct), Is.True);
            Assert.That(Direct(create, direct, new UnsetColumnMaskingPolicy(DatasetKind.Table, Orders, "AMOUNT")), Is.False, "column policy unset");
            Assert.That(Direct(create, new UnsetColumnMaskingPolicy(DatasetKind.Table, Orders, "AMOUNT"), direct), Is.True, "set after the unset");
        });
    }
}
