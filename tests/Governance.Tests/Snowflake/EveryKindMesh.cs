
namespace Governance.Tests.Snowflake;

/// <summary>
/// A mesh with every dataset kind and the shapes Snowflake treats apart: a materialized view that says what it reads
/// (a masked, row-filtered table) and one that does not; external tables with a masked virtual column, a row filter
/// on a virtual column and a conditional masking rule; NUMBER columns of several precisions under one tag; a column that
/// two tags' policies reach in tag mode; a row filter on a masked column; an entitlement table that carries a tag.
/// </summary>
internal static class EveryKindMesh
{
    public static RulePack Pack() => RulePackBuilder.Global("every-kind", "1.0.0", "tests")
        .Tag("PII", "Personal data", "email", "phone", "ssn", "name", "address")
        .Tag("SENSITIVITY", "How sensitive", "public", "internal", "confidential", "restricted")
        .Tag("NOTE", "Free-text notes", "internal", "external")
        .Masking("mask.email", "E-mails show their domain", r => r.Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain).RevealTo("PII_READER"))
        .Masking("mask.phone", "Phones show their last four digits", r => r.Columns(Select.Tag("PII", "phone")).With(Mask.KeepLast(4)).RevealTo("PII_READER"))
        .Masking("mask.ssn", "Social security numbers are hidden", r => r.Columns(Select.Tag("PII", "ssn")).With(Mask.Nullify).RevealTo("PII_READER"))
        .Masking("mask.address", "Addresses are redacted", r => r.Columns(Select.Tag("PII", "address")).With(Mask.Redact()).RevealTo("PII_READER"))
        .Masking("mask.notes", "Internal notes are redacted", r => r.Columns(Select.Tag("NOTE", "internal")).With(Mask.Redact("[note]")).RevealTo("SUPPORT"))
        .Masking("mask.restricted", "Restricted amounts are hidden", r => r
            .Columns(Select.Tag("SENSITIVITY", "restricted") & Select.Type(DataTypeFamily.Numeric)).With(Mask.Nullify).RevealTo("FINANCE_READER"))
        .Masking("mask.card-holder", "Card holders need consent", r => r
            .Columns(Select.Name("^CARD_HOLDER$")).With(Mask.Redact()).RevealTo("PII_READER").OnlyWhen("HAS_CONSENT"))
        .RowAccess("rows.region", "Rows by regional entitlement", r => r
            .Datasets(Select.HasColumn("^REGION$") & !Select.Product("security/entitlements"))
            .Entitlements("REGION", "GOVERNANCE", "SECURITY", "REGION_ENTITLEMENTS", "ROLE_NAME", "REGION")
            .Bypass("GLOBAL_ANALYST"))
        .RowAccess("rows.providers", "Provider feeds by tenant", r => r
            .Datasets(Select.Kind(DatasetKind.ExternalTable) & !Select.HasColumn("^REGION$"))
            .Where("TENANT", ComparisonOperator.Equal, "acme")
            .Bypass("GLOBAL_ANALYST", "PII_READER"))
        .Build();

    private static Column C(string name, string type, params (string, string)[] tags) => new(name, SnowflakeType.Parse(type), true, TagSet.Of(tags));

    private static Dataset D(string name, DatasetKind kind, IReadOnlyList<string>? sources, params Column[] columns) => new(name, kind, columns, null, sources);

    public static MetadataSnapshot Mesh() => new(
        new[]
        {
            new RoleDefinition("ANALYST"), new RoleDefinition("PII_READER", new[] { "ANALYST" }), new RoleDefinition("FINANCE_READER", new[] { "ANALYST" }),
            new RoleDefinition("SUPPORT", new[] { "ANALYST" }), new RoleDefinition("GLOBAL_ANALYST", new[] { "ANALYST" }), new RoleDefinition("EMEA_ANALYST", new[] { "ANALYST" }),
        },
        new[]
        {
            new Domain("shop", "shop@acme.example", new[]
            {
                new DataProduct("sales", "1.0.0", "sales@acme.example", "SHOP", "SALES", new[]
                {
                    D("ORDERS", DatasetKind.Table, null,
                        C("ORDER_ID", "NUMBER(38,0)"), C("CUSTOMER_EMAIL", "VARCHAR(256)", ("PII", "email")),
                        C("AMOUNT", "NUMBER(12,2)", ("SENSITIVITY", "restricted")), C("SSN", "NUMBER(9,0)", ("PII", "ssn")), C("REGION", "VARCHAR(16)")),
                    D("CUSTOMERS", DatasetKind.View, null,
                        C("CUSTOMER_ID", "NUMBER(38,0)"), C("PHONE", "VARCHAR(32)", ("PII", "phone")), C("TAX_ID", "NUMBER(12,0)", ("PII", "ssn")),
                        C("CONTACT_EMAIL", "VARCHAR(256)", ("PII", "email"), ("NOTE", "internal")), C("REGION", "VARCHAR(16)")),
                    D("ORDERS_RAW", DatasetKind.Table, null, C("CUSTOMER_EMAIL", "VARCHAR(256)", ("PII", "email")), C("REGION", "VARCHAR(16)")),
                    D("DAILY_SALES", DatasetKind.MaterializedView, new[] { "SHOP.SALES.ORDERS_RAW" },
                        C("DAY", "DATE"), C("REVENUE", "NUMBER(14,2)", ("SENSITIVITY", "restricted")), C("REGION", "VARCHAR(16)")),
                    D("WEEKLY_SALES", DatasetKind.MaterializedView, null, C("WEEK", "DATE"), C("REVENUE", "NUMBER(14,2)", ("SENSITIVITY", "restricted"))),
                    D("CUSTOMER_PROFILES", DatasetKind.DynamicTable, null,
                        C("EMAIL", "VARCHAR(128)", ("PII", "email")), C("LIFETIME_VALUE", "NUMBER(12,2)", ("SENSITIVITY", "restricted")),
                        C("SSN", "NUMBER(9,0)", ("PII", "ssn")), C("REGION", "VARCHAR(16)")),
                    D("LEDGER", DatasetKind.IcebergTable, null,
                        C("ACCOUNT_EMAIL", "VARCHAR(256)", ("PII", "email")), C("BALANCE", "NUMBER(18,2)", ("SENSITIVITY", "restricted")), C("REGION", "VARCHAR(16)")),
                    D("SHIPMENTS", DatasetKind.Table, null,
                        C("SHIPMENT_ID", "NUMBER(38,0)"), C("REGION", "VARCHAR(16)", ("PII", "address")), C("NOTES", "VARCHAR(1000)", ("NOTE", "internal"))),
                }),
                new DataProduct("payments", "1.0.0", "payments@acme.example", "SHOP", "PAYMENTS", new[]
                {
                    D("PROVIDER_EVENTS", DatasetKind.ExternalTable, null,
                        C("VALUE", "VARIANT"), C("EVENT_ID", "VARCHAR(64)"), C("PAYER_EMAIL", "VARCHAR(256)", ("PII", "email")), C("PROVIDER", "VARCHAR(32)")),
                    D("REFUNDS_FEED", DatasetKind.ExternalTable, null,
                        C("VALUE", "VARIANT"), C("CARD_HOLDER", "VARCHAR(128)"), C("HAS_CONSENT", "BOOLEAN"), C("REGION", "VARCHAR(16)")),
                }),
            }),
            new Domain("security", "security@acme.example", new[]
            {
                new DataProduct("entitlements", "1.0.0", "security@acme.example", "GOVERNANCE", "SECURITY", new[]
                {
                    D("REGION_ENTITLEMENTS", DatasetKind.Table, null, C("ROLE_NAME", "VARCHAR(255)", ("PII", "name")), C("REGION", "VARCHAR(16)")),
                }),
            }),
        });
}
