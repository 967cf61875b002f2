using Microsoft.CodeAnalysis;

namespace Governance.Analyzers.Tests;

public sealed class MaskingAndRowAccessTests
{
    private static string Orders(string datasetAttributes, string columns) => Packs.Usings + $$"""
        [DataProduct("sales", "orders", Owner = "o@acme.example")]
        public static class Orders
        {
            [{{datasetAttributes}}]
            public sealed class OrdersTable
            {
        {{columns}}
            }
        }
        """;

    [Test]
    public async Task TwoMaskingRulesOnOneColumn_AreAConflictWarning()
    {
        var pack = Packs.Global(p => p
            .Masking("mask.email", "E-mail domain only", r => r.Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain).RevealTo("PII_READER"))
            .Masking("mask.restricted", "Restricted is redacted", r => r.Columns(Select.Tag("SENSITIVITY", "restricted")).With(Mask.Redact()).RevealTo("AUDITOR")));
        var source = Orders("Dataset(\"ORDERS\")", """
                    [{|#0:Column("CUSTOMER_EMAIL", "VARCHAR(256)")|}, Tag("PII", "email"), Tag("SENSITIVITY", "restricted")]
                    public string? CustomerEmail { get; init; }
            """);
        await new AnalyzerTest(source, pack)
            .Expect(AnalyzerTest.Diagnostic("GOV1001", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("board/mask.restricted", "column `CUSTOMER_EMAIL` matches masking rules `board/mask.email`, `board/mask.restricted`; `board/mask.restricted` applies"))
            .RunAsync();
    }

    [Test]
    public async Task TextStrategyOnANumberColumn_IsAnError()
    {
        var pack = Packs.Global(p => p.Masking("mask.email", "E-mail domain only", r => r.Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain).RevealTo("PII_READER")));
        var source = Orders("Dataset(\"ORDERS\")", """
                    [{|#0:Column("EMAIL_HASH")|}, Tag("PII", "email")]
                    public long EmailHash { get; init; }
            """);
        await new AnalyzerTest(source, pack)
            .Expect(AnalyzerTest.Diagnostic("GOV1002", DiagnosticSeverity.Error).WithLocation(0))
            .RunAsync();
    }

    /// <summary>
    /// The analyzer types a custom expression with the one function catalog, as the compiler does: CONCAT of three
    /// texts masks a text column (no GOV1002), and returns text, which a number column cannot hold (GOV1002).
    /// </summary>
    [Test]
    public async Task CustomExpression_OfEveryArityTheCatalogGives_IsTypedAsTheCompilerTypesIt()
    {
        var pack = Packs.Global(p => p.Masking("mask.email", "Initial and domain", r => r.Columns(Select.Tag("PII", "email"))
            .With(Mask.Custom(Expr.Concat(Expr.Left(Expr.Value, 1), Expr.Text("***"), Expr.Substr(Expr.Value, 5)))).RevealTo("PII_READER")));
        var source = Orders("Dataset(\"ORDERS\")", """
                    [Column("EMAIL", "VARCHAR(256)"), Tag("PII", "email")]
                    public string? Email { get; init; }
                    [{|#0:Column("EMAIL_ID")|}, Tag("PII", "email")]
                    public long EmailId { get; init; }
            """);
        await new AnalyzerTest(source, pack)
            .Expect(AnalyzerTest.Diagnostic("GOV1002", DiagnosticSeverity.Error).WithLocation(0))
            .RunAsync();
    }

    [Test]
    public async Task ConditionalMaskingWithoutItsConditionColumn_IsAnError()
    {
        var pack = Packs.Global(p => p.Masking("mask.email", "Masked unless consent", r => r
            .Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain).RevealTo("PII_READER").OnlyWhen("CONSENT")));
        var source = Orders("Dataset(\"ORDERS\")", """
                    [{|#0:Column("EMAIL")|}, Tag("PII", "email")]
                    public string? Email { get; init; }
            """);
        await new AnalyzerTest(source, pack)
            .Expect(AnalyzerTest.Diagnostic("GOV1003", DiagnosticSeverity.Error).WithLocation(0))
            .RunAsync();
        var withConsent = Orders("Dataset(\"ORDERS\")", """
                    [Column("EMAIL"), Tag("PII", "email")]
                    public string? Email { get; init; }
                    [Column("CONSENT")]
                    public bool Consent { get; init; }
            """);
        await new AnalyzerTest(withConsent, pack).RunAsync();
    }

    [Test]
    public async Task RowAccessRules_ConflictAndMissingColumn_AreReportedOnTheDataset()
    {
        var pack = Packs.Global(p => p
            .RowAccess("rows.region", "Rows by region", r => r.Datasets(Select.Tag("SENSITIVITY")).Where("REGION", ComparisonOperator.Equal, "EU").Bypass("GLOBAL"))
            .RowAccess("rows.active", "Only active rows", r => r.Datasets(Select.Everything).Where("IS_ACTIVE", ComparisonOperator.Equal, true).Bypass("AUDITOR")));
        var source = Orders("{|#0:Dataset(\"ORDERS\")|}, Tag(\"SENSITIVITY\", \"internal\")", """
                    [Column("REGION", "VARCHAR(8)")]
                    public string? Region { get; init; }
            """);
        await new AnalyzerTest(source, pack)
            .Expect(
                AnalyzerTest.Diagnostic("GOV2001", DiagnosticSeverity.Warning).WithLocation(0),
                AnalyzerTest.Diagnostic("GOV2002", DiagnosticSeverity.Error).WithLocation(0)
                    .WithArguments("board/rows.active", "row access on `ORDERS` needs column `IS_ACTIVE`, which it does not have; only bypass roles see its rows"))
            .RunAsync();
    }
}
