using Governance.Snowflake;
using Governance.State;

namespace Governance.Tests.State;

/// <summary>A small hand-built state with one of everything, managed and foreign.</summary>
internal static class StateTestData
{
    public static readonly SchemaObjectName Orders = new("SALES", "ORDERS", "ORDERS");
    public static readonly SchemaObjectName Pii = new("GOVERNANCE", "TAGS", "PII");
    public static readonly SchemaObjectName Adhoc = new("GOVERNANCE", "TAGS", "ADHOC");
    public static readonly SchemaObjectName MaskEmail = new("GOVERNANCE", "POLICIES", "MP_MASK_EMAIL_TEXT");
    public static readonly SchemaObjectName MaskConsent = new("GOVERNANCE", "POLICIES", "MP_CONSENT_TEXT");
    public static readonly SchemaObjectName HandMade = new("GOVERNANCE", "POLICIES", "MP_BY_HAND");
    public static readonly SchemaObjectName Elsewhere = new("SECURITY", "ADHOC", "MP_ELSEWHERE");
    public static readonly SchemaObjectName Region = new("GOVERNANCE", "POLICIES", "RAP_ROWS_REGION");

    public static StateScope Scope() => new(new SchemaName("GOVERNANCE", "POLICIES"), new SchemaName("GOVERNANCE", "TAGS"),
        new[] { new ScopeDataset(Orders, DatasetKind.Table), new ScopeDataset(new SchemaObjectName("SALES", "ORDERS", "ORDERS_V"), DatasetKind.View) });

    public static AccountState Small() => new(
        Scope(),
        new[]
        {
            new TagState(Pii, new[] { "email", "phone" }, "governance: The kind of personal data a column holds", "ACCOUNTADMIN"),
            new TagState(Adhoc, null, "made by hand", "SYSADMIN"),
        },
        new[]
        {
            new PolicyState(PolicyKind.Masking, MaskEmail, new[] { new PolicyArgumentState("VAL", "VARCHAR") }, "VARCHAR(16777216)",
                "CASE\n    WHEN IS_ROLE_IN_SESSION('PII_READER') THEN \"VAL\"\n    ELSE REGEXP_REPLACE(\"VAL\", '^[^@]*', '*****')\n  END", false,
                "governance: acme-global/mask.email (emailDomain)", "ACCOUNTADMIN"),
            new PolicyState(PolicyKind.Masking, MaskConsent, new[] { new PolicyArgumentState("VAL", "VARCHAR"), new PolicyArgumentState("COND_1", "BOOLEAN") },
                "VARCHAR(16777216)", "CASE WHEN \"COND_1\" = TRUE THEN \"VAL\" ELSE '***' END", true, "governance: acme-global/mask.consent (redact)", "ACCOUNTADMIN"),
            new PolicyState(PolicyKind.Masking, HandMade, new[] { new PolicyArgumentState("V", "NUMBER") }, "NUMBER(12,2)", "0", false, null, "SYSADMIN"),
        },
        new[]
        {
            new PolicyState(PolicyKind.RowAccess, Region, new[] { new PolicyArgumentState("ARG_1", "VARCHAR") }, "BOOLEAN",
                "IS_ROLE_IN_SESSION('GLOBAL_ANALYST') OR \"ARG_1\" = 'EMEA'", false, "governance: acme-global/rows.region", "ACCOUNTADMIN"),
        },
        new[]
        {
            new ColumnMaskingReference(Orders, "TABLE", "CUSTOMER_EMAIL", MaskEmail, Array.Empty<string>(), null, "ACTIVE"),
            new ColumnMaskingReference(Orders, "TABLE", "NOTE", MaskConsent, new[] { "HAS_CONSENT" }, null, "ACTIVE"),
            new ColumnMaskingReference(Orders, "TABLE", "AMOUNT", Elsewhere, Array.Empty<string>(), null, "ACTIVE"),
            new ColumnMaskingReference(Orders, "TABLE", "PHONE", MaskEmail, Array.Empty<string>(), Pii, "ACTIVE"),
        },
        new[] { new RowAccessReference(Orders, "TABLE", Region, new[] { "REGION" }, "ACTIVE") },
        new[] { new TagMaskingReference(Pii, MaskEmail, "ACTIVE"), new TagMaskingReference(Adhoc, HandMade, "ACTIVE") },
        new[]
        {
            new TagAssignmentState(new SchemaTarget(new SchemaName("SALES", "ORDERS")), Adhoc, "x"),
            new TagAssignmentState(new DatasetTarget(DatasetKind.Table, Orders), Pii, "phone"),
            new TagAssignmentState(new ColumnTarget(DatasetKind.Table, Orders, "CUSTOMER_EMAIL"), Pii, "email"),
            new TagAssignmentState(new DatabaseTarget("SALES"), Adhoc, "it's \"quoted\" \\ é"),
        });
}
