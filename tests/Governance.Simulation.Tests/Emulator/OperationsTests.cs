using Governance.Simulation;
using Governance.Snowflake;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>
/// Every operation the compiler's generator writes (SqlGenerator, one statement per operation) runs on the emulated
/// account and leaves the state its statement says: the statements a deploy planner will send.
/// </summary>
public sealed class OperationsTests
{
    private static readonly SchemaObjectName Owner = new("GOVERNANCE", "TAGS", "OWNER");
    private static readonly SchemaObjectName Email = new("GOVERNANCE", "POLICIES", "MP_EMAIL");
    private static readonly SchemaObjectName Number = new("GOVERNANCE", "POLICIES", "MP_NUMBER_TAG");
    private static readonly SchemaObjectName Rap = new("GOVERNANCE", "POLICIES", "RAP_ONE");
    private static readonly SchemaObjectName RapV2 = new("GOVERNANCE", "POLICIES", "RAP_TWO");
    private static readonly SchemaObjectName Orders = new("SALES", "ORDERS", "ORDERS");
    private static readonly SchemaObjectName View = new("SALES", "ORDERS", "ORDERS_V");
    private static readonly SchemaObjectName Ledger = new("SALES", "ORDERS", "LEDGER");

    private static void Run(EmulatorConnection account, params Operation[] operations)
    {
        foreach (var op in operations) Emulated.Execute(account, SqlGenerator.Generate(op));
    }

    private static List<string> References(EmulatorConnection account, SchemaObjectName policy)
        => Emulated.Records(account, "SELECT REF_ENTITY_NAME, REF_COLUMN_NAME FROM TABLE(GOVERNANCE.INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '" + policy.Sql.Replace("'", "''", StringComparison.Ordinal) + "'))")
            .Select(r => r["REF_ENTITY_NAME"] + (r["REF_COLUMN_NAME"] is { } c ? "." + c : "")).ToList();

    [Test]
    public void EveryGeneratedOperation_Runs_AndLeavesTheStateItSays()
    {
        using var account = Small.Account();
        var text = PolicySignature.ForMasking(SnowflakeType.Varchar());
        var number = PolicySignature.ForMasking(SnowflakeType.Number());
        var rows = PolicySignature.ForRowAccess(SnowflakeType.Varchar());
        var reveal = new[] { new[] { "PII_READER" } };
        var none = Array.Empty<MaskingConditionArgument>();
        Run(account,
            new CreateTag(Owner, new[] { "sales", "finance" }, "who owns it"),
            new CreateTag(Owner, new[] { "sales", "finance" }, "who owns it"),
            new AddTagAllowedValues(Owner, new[] { "marketing" }),
            new CreateMaskingPolicy(Email, text, MaskingBodies.For(EmailDomainStrategy.Instance, SnowflakeType.Varchar(), reveal, none), "e-mail"),
            new CreateMaskingPolicy(Number, number, MaskingBodies.For(NullifyStrategy.Instance, SnowflakeType.Number(), reveal, none)),
            new SetMaskingPolicyBody(Email, text, MaskingBodies.For(new RedactStrategy(), SnowflakeType.Varchar(), reveal, none)),
            new SetColumnMaskingPolicy(DatasetKind.Table, Orders, "CUSTOMER_EMAIL", Email, Array.Empty<string>(), force: true),
            new SetColumnMaskingPolicy(DatasetKind.Table, Orders, "CUSTOMER_EMAIL", Email, Array.Empty<string>(), force: true),
            new SetColumnMaskingPolicy(DatasetKind.IcebergTable, Ledger, "REGION", Email, Array.Empty<string>(), force: true),
            new SetTagMaskingPolicy(Owner, new[] { Number }, force: true),
            new CreateRowAccessPolicy(Rap, rows, PolicyExpression.IsRoleInSession("PII_READER"), "rows"),
            new CreateRowAccessPolicy(RapV2, rows, PolicyExpression.Or(PolicyExpression.IsRoleInSession("PII_READER"),
                PolicyExpression.Compare(rows.Ref("ARG_1"), ComparisonOperator.Equal, PolicyExpression.String("EMEA")))),
            new AddRowAccessPolicy(DatasetKind.View, View, Rap, new[] { "REGION" }),
            new SwapRowAccessPolicy(DatasetKind.View, View, Rap, RapV2, new[] { "REGION" }),
            new SetRowAccessPolicyBody(Rap, rows, PolicyExpression.IsRoleInSession("ANALYST")),
            new SetTag(new DatabaseTarget("SALES"), new[] { new TagAssignment(Owner, "sales") }),
            new SetTag(new SchemaTarget(new SchemaName("SALES", "ORDERS")), new[] { new TagAssignment(Owner, "finance") }),
            new SetTag(new DatasetTarget(DatasetKind.Table, Orders), new[] { new TagAssignment(Owner, "marketing") }),
            new SetTag(new ColumnTarget(DatasetKind.View, View, "ORDER_ID"), new[] { new TagAssignment(Owner, "sales") }),
            new SetTag(new ColumnTarget(DatasetKind.Table, Orders, "ORDER_ID"), new[] { new TagAssignment(Owner, "sales") }));

        Assert.Multiple(() =>
        {
            Assert.That(Emulated.Query(account, "SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('GOVERNANCE.TAGS.OWNER')").Rows.Single()[0], Is.EqualTo("[\"sales\",\"finance\",\"marketing\"]"));
            Assert.That(Emulated.Records(account, "DESCRIBE MASKING POLICY GOVERNANCE.POLICIES.MP_EMAIL")[0]["body"], Does.Contain("'***MASKED***'"), "SET BODY replaced the body");
            Assert.That(References(account, Email), Is.EquivalentTo(new[] { "LEDGER.REGION", "ORDERS.CUSTOMER_EMAIL" }));
            Assert.That(References(account, RapV2), Is.EqualTo(new[] { "ORDERS_V" }));
            Assert.That(References(account, Rap), Is.Empty, "swapped out");
            Assert.That(References(account, Number), Does.Contain("OWNER").And.Contain("ORDERS.ORDER_ID").And.Contain("ORDERS_V.ORDER_ID"));
            var tags = Emulated.Records(account, "SELECT COLUMN_NAME, TAG_VALUE, LEVEL FROM TABLE(SALES.INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('SALES.ORDERS.ORDERS', 'TABLE'))");
            Assert.That(tags.Select(t => t["COLUMN_NAME"] + "=" + t["TAG_VALUE"] + "@" + t["LEVEL"]), Is.EqualTo(new[]
            {
                "ORDER_ID=sales@COLUMN", "CUSTOMER_EMAIL=marketing@TABLE", "REGION=marketing@TABLE", "AMOUNT=marketing@TABLE", "HAS_CONSENT=marketing@TABLE",
            }));
        });

        Run(account,
            new UnsetTag(new ColumnTarget(DatasetKind.Table, Orders, "ORDER_ID"), new[] { Owner }),
            new UnsetTag(new DatasetTarget(DatasetKind.Table, Orders), new[] { Owner }),
            new UnsetTagMaskingPolicy(Owner, new[] { Number }),
            new UnsetColumnMaskingPolicy(DatasetKind.Table, Orders, "CUSTOMER_EMAIL"),
            new UnsetColumnMaskingPolicy(DatasetKind.IcebergTable, Ledger, "REGION"),
            new DropTableRowAccessPolicy(DatasetKind.View, View, RapV2),
            new DropMaskingPolicy(Email),
            new DropMaskingPolicy(Email),
            new DropMaskingPolicy(Number),
            new DropRowAccessPolicy(Rap),
            new DropRowAccessPolicy(RapV2),
            new DropTag(Owner),
            new DropTag(Owner));
        Assert.Multiple(() =>
        {
            Assert.That(Emulated.Query(account, "SHOW TAGS LIKE 'OWNER' IN ACCOUNT").Rows, Is.Empty);
            Assert.That(Emulated.Query(account, "SHOW MASKING POLICIES LIKE 'MP_%' IN SCHEMA GOVERNANCE.POLICIES").Rows.Select(r => r[1]), Is.EqualTo(new[] { "MP_NUMBER", "MP_TEXT", "MP_TEXT_2" }));
            Assert.That(Emulated.Query(account, "SHOW ROW ACCESS POLICIES IN ACCOUNT").Rows.Select(r => r[1]), Is.EqualTo(new[] { "RAP_REGION" }));
            Assert.That(Emulated.Query(account, "SELECT * FROM TABLE(SALES.INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('SALES.ORDERS.ORDERS', 'TABLE'))").Rows, Is.Empty,
                "dropping a tag drops its assignments");
        });
    }
}
