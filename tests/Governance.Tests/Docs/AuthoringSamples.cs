
namespace Governance.Tests.Docs;

/// <summary>
/// The code samples of docs/authoring.md. Each sample sits between <c>// begin-snippet: NAME</c> and
/// <c>// end-snippet</c>; <see cref="AuthoringGuideTests"/> checks that the guide contains each one verbatim and that
/// each one does what the guide says.
/// </summary>
public static class AuthoringSamples
{
    public static RulePack GlobalPack()
    {
        // begin-snippet: global-pack
        var pack = RulePackBuilder.Global("acme-global", "1.2.0", "Acme Data Governance Board")
            .Tag("SENSITIVITY", "How much harm disclosure can do", "public", "internal", "confidential", "restricted")
            .Tag("PII", "The kind of personal data", "email", "phone", "ssn")
            .RequireTag("tags.sensitivity", "Every column has a sensitivity", r => r
                .OnColumns()
                .Tag("SENSITIVITY"))
            .RequireTag("tags.pii", "Contact columns are classified as PII", r => r
                .OnColumns(Select.NameContains("EMAIL", "PHONE", "SSN"))
                .Tag("PII"))
            .Masking("mask.email", "E-mail addresses show only their domain", r => r
                .Columns(Select.Tag("PII", "email"))
                .With(Mask.EmailDomain)
                .RevealTo("PII_READER")
                .Because("Analysts need the domain for B2B reporting, never the mailbox."))
            .Masking("mask.amounts", "Restricted amounts are hidden outside finance", r => r
                .Columns(Select.Tag("SENSITIVITY", "restricted") & Select.Type(DataTypeFamily.Numeric))
                .With(Mask.Nullify)
                .RevealTo("FINANCE_READER"))
            .RowAccess("rows.region", "Rows are visible by regional entitlement", r => r
                .Datasets(Select.HasColumn("^REGION$"))
                .Entitlements(column: "REGION", database: "GOVERNANCE", schema: "SECURITY", table: "REGION_ENTITLEMENTS",
                    roleColumn: "ROLE_NAME", valueColumn: "REGION")
                .Bypass("GLOBAL_ANALYST"))
            .Naming("names.column-case", "Column names are UPPER_SNAKE_CASE", r => r.Columns().UpperSnakeCase())
            .Naming("names.boolean-prefix", "Boolean columns start with IS_ or HAS_", r => r
                .Columns(Select.Type(DataTypeFamily.Boolean))
                .StartsWith("IS_", "HAS_"))
            .Build();
        // end-snippet
        return pack;
    }

    public static RulePack MoreStrategies()
    {
        // begin-snippet: strategies
        var pack = RulePackBuilder.Global("strategies", "1.0.0", "Board")
            .Tag("PII", "The kind of personal data", "phone", "ssn", "birthdate", "name")
            .Tag("CONSENT", "Whether the subject consented to analysis")
            .Masking("mask.phone", "Phones show their last four digits", r => r
                .Columns(Select.Tag("PII", "phone")).With(Mask.KeepLast(4)).RevealTo("PII_READER"))
            .Masking("mask.ssn", "SSNs are pseudonymized", r => r
                .Columns(Select.Tag("PII", "ssn")).With(Mask.Sha256()).RevealTo("PII_READER"))
            .Masking("mask.birthdate", "Birth dates keep only the year", r => r
                .Columns(Select.Tag("PII", "birthdate")).With(Mask.TruncateTo(DatePart.Year)))
            .Masking("mask.name", "Names keep their initial, when the person consented", r => r
                .Columns(Select.Tag("PII", "name"))
                .With(Mask.Custom(Expr.Concat(Expr.Left(Expr.Value, 1), Expr.Text("."))))
                .RevealTo("ANALYST")
                .OnlyWhen("HAS_CONSENT"))
            .Build();
        // end-snippet
        return pack;
    }

    public static RulePack DomainPack()
    {
        // begin-snippet: domain-pack
        var finance = RulePackBuilder.ForDomain("finance", "acme-finance", "1.0.0", "Acme Finance Data Office")
            .Masking("mask.email", "Finance e-mail addresses are redacted", r => r
                .Tightens("acme-global/mask.email")
                .Columns(Select.Tag("PII", "email"))
                .With(Mask.Redact())
                .RevealTo("PII_READER"))
            .Build();
        // end-snippet
        return finance;
    }

    public static EvaluationResult Check(MetadataSnapshot snapshot)
    {
        // begin-snippet: evaluate
        var packs = PackSet.Create(new[] { GlobalPack(), DomainPack() });
        var evaluator = Evaluator.Compile(packs);          // once: rules indexed, patterns compiled
        var result = evaluator.Evaluate(snapshot);         // findings and decisions, sorted and deterministic
        foreach (var finding in result.Findings)
            Console.WriteLine($"{finding.Id} {finding.Target}: {finding.Message}");
        // end-snippet
        return result;
    }

    public static void Publish(string directory)
    {
        // begin-snippet: publish
        var manifest = ManifestCodec.Write(GlobalPack());   // canonical JSON with its SHA-256 content hash
        File.WriteAllText(Path.Combine(directory, "acme-global.rulepack.json"), manifest);
        var loaded = RulePackLoader.LoadFile(Path.Combine(directory, "acme-global.rulepack.json"));
        // end-snippet
        _ = loaded;
    }
}
