// The first sample of docs/authoring.md: a whole file, as a board writes it (checked verbatim by AuthoringGuideTests).
// begin-snippet: definition
using Governance;

namespace AcmeRules;

/// <summary>The board's global pack: <c>governance pack</c> finds this class in the built assembly.</summary>
public sealed class AcmeGlobalPack : RulePackDefinition
{
    public override RulePack Build() => RulePackBuilder.Global("acme-global", "1.2.0", "Acme Data Governance Board")
        .Tag("SENSITIVITY", "How much harm disclosure can do", "public", "internal", "confidential", "restricted")
        .Tag("PII", "The kind of personal data", "email", "phone", "ssn")
        .EnforceTaxonomy("tags.taxonomy", "Tags use the taxonomy", r => r
            .RejectUnknownTags())
        .RequireMetadata("product.owner", "Every product has an owner", r => r
            .Owner())
        .Masking("mask.email", "E-mail addresses show only their domain", r => r
            .Columns(Select.Tag("PII", "email"))
            .With(Mask.EmailDomain)
            .RevealTo("PII_READER"))
        .RowAccess("rows.published", "Outside finance, only published rows are visible", r => r
            .Datasets(Select.HasColumn("^IS_PUBLISHED$"))
            .Where("IS_PUBLISHED", ComparisonOperator.Equal, true)
            .Bypass("FINANCE_READER"))
        .Build();
}
// end-snippet
