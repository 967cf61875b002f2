namespace Governance.Examples;

/// <summary>
/// The Acme governance board's global rule pack: the example every command runs on by default. It shows each rule
/// kind: naming (warnings), tagging (errors), masking and row access.
/// </summary>
public sealed class AcmeGlobalPack : RulePackDefinition
{
    public const string Name = "acme-global";

    public override RulePack Build() => RulePackBuilder.Global(Name, "1.2.0", "Acme Data Governance Board")
        .Description("Acme's global data-mesh policies: every domain, every product.")

        // Taxonomy
        .Tag("SENSITIVITY", "How much harm disclosure of a value can do", "public", "internal", "confidential", "restricted")
        .Tag("PII", "The kind of personal data a column holds", "email", "phone", "ssn", "name", "address", "birthdate")
        .Tag("DATA_DOMAIN", "The business domain a product belongs to")

        // Tagging: missing required tags are errors
        .EnforceTaxonomy("tags.taxonomy", "Tags use the taxonomy", r => r
            .RejectUnknownTags()
            .Because("Snowflake enforces the same allowed values; an unknown tag is a typo or an undeclared classification."))
        .RequireTag("tags.sensitivity", "Every column has a sensitivity", r => r
            .OnColumns()
            .Tag("SENSITIVITY")
            .Because("Masking and access reviews start from a column's sensitivity."))
        .RequireTag("tags.pii", "Contact and identity columns are classified as PII", r => r
            .OnColumns(Select.NameContains("EMAIL", "PHONE", "SSN"))
            .Tag("PII")
            .Because("A column named like personal data must say which kind, so that the right masking applies."))
        .RequireMetadata("product.owner", "Every product has an owner", r => r
            .Owner()
            .Because("Someone must answer for a product's data."))

        // Masking
        .Masking("mask.email", "E-mail addresses show only their domain", r => r
            .Columns(Select.Tag("PII", "email"))
            .With(Mask.EmailDomain)
            .RevealTo("PII_READER"))
        .Masking("mask.phone", "Phone numbers show their last four digits", r => r
            .Columns(Select.Tag("PII", "phone"))
            .With(Mask.KeepLast(4))
            .RevealTo("PII_READER"))
        .Masking("mask.ssn", "Social security numbers are redacted", r => r
            .Columns(Select.Tag("PII", "ssn"))
            .With(Mask.Redact())
            .RevealTo("PII_READER"))
        .Masking("mask.restricted-numbers", "Restricted amounts are hidden outside finance", r => r
            .Columns(Select.Tag("SENSITIVITY", "restricted") & Select.Type(DataTypeFamily.Numeric))
            .With(Mask.Nullify)
            .RevealTo("FINANCE_READER"))

        // Row access
        .RowAccess("rows.region", "Rows are visible by regional entitlement", r => r
            .Datasets(Select.HasColumn("^REGION$"))
            .Entitlements(column: "REGION", database: "GOVERNANCE", schema: "SECURITY", table: "REGION_ENTITLEMENTS",
                roleColumn: "ROLE_NAME", valueColumn: "REGION")
            .Bypass("GLOBAL_ANALYST"))

        // Naming: warnings
        .Naming("names.column-case", "Column names are UPPER_SNAKE_CASE", r => r
            .Columns().UpperSnakeCase()
            .Because("Snowflake stores unquoted names upper-case; anything else must be quoted in every query."))
        .Naming("names.column-length", "Column names have at most 64 characters", r => r.Columns().MaxLength(64))
        .Naming("names.column-reserved", "Column names are not reserved words", r => r.Columns().NotReservedWord())
        .Naming("names.dataset-case", "Dataset names are UPPER_SNAKE_CASE", r => r.Datasets().UpperSnakeCase())
        .Naming("names.boolean-prefix", "Boolean columns start with IS_ or HAS_", r => r
            .Columns(Select.Type(DataTypeFamily.Boolean)).StartsWith("IS_", "HAS_"))
        .Naming("names.timestamp-suffix", "Timestamp columns end with _AT", r => r
            .Columns(Select.Type(DataTypeFamily.Timestamp)).EndsWith("_AT"))
        .Build();
}

/// <summary>The finance domain's pack: it tightens two global rules and adds one of its own.</summary>
public sealed class AcmeFinancePack : RulePackDefinition
{
    public const string Name = "acme-finance";

    public override RulePack Build() => RulePackBuilder.ForDomain("finance", Name, "1.0.0", "Acme Finance Data Office")
        .Description("The finance domain's tighter rules.")
        .Masking("mask.phone", "Finance phone numbers show their last two digits", r => r
            .Tightens(AcmeGlobalPack.Name + "/mask.phone")
            .Columns(Select.Tag("PII", "phone"))
            .With(Mask.KeepLast(2))
            .RevealTo("PII_READER"))
        .Naming("names.column-length", "Finance column names have at most 40 characters", r => r
            .Tightens(AcmeGlobalPack.Name + "/names.column-length")
            .Columns().MaxLength(40))
        .RequireTag("tags.data-domain", "Finance products say their data domain", r => r
            .OnProducts()
            .Tag("DATA_DOMAIN"))
        .Build();
}
