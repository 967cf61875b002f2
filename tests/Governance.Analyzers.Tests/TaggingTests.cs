using Microsoft.CodeAnalysis;

namespace Governance.Analyzers.Tests;

public sealed class TaggingTests
{
    private static readonly RulePack RequirePii = Packs.Global(p => p
        .RequireTag("tags.pii", "Contact columns are classified", r => r.OnColumns(Select.NameContains("EMAIL", "PHONE")).Tag("PII")));

    private static string Orders(string columns) => Packs.Usings + $$"""
        [DataProduct("sales", "orders", Owner = "o@acme.example")]
        public static class Orders
        {
            [Dataset("ORDERS")]
            public sealed class OrdersTable
            {
        {{columns}}
            }
        }
        """;

    [Test]
    public async Task ColumnNamedLikeAnEmail_WithoutPii_IsAnError_AndTheFirstFixAddsPiiEmail()
    {
        var source = Orders("""
                    [{|#0:Column("CUSTOMER_EMAIL", "VARCHAR(256)")|}]
                    public string? CustomerEmail { get; init; }
            """);
        var fixedSource = Orders("""
                    [Column("CUSTOMER_EMAIL", "VARCHAR(256)")]
                    [Tag("PII", "email")]
                    public string? CustomerEmail { get; init; }
            """);
        await new AnalyzerTest(source, RequirePii)
            .Expect(AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("board/tags.pii", "column `CUSTOMER_EMAIL` has no tag `PII`"))
            .Fixed(fixedSource)
            .RunAsync();
    }

    [Test]
    public async Task MissingRequiredTag_HasOneFixPerAllowedValue_TheOneTheNameContainsRecommended()
    {
        var source = Orders("""
                    [{|#0:Column("CUSTOMER_EMAIL", "VARCHAR(256)")|}]
                    public string? CustomerEmail { get; init; }
            """);
        foreach (var value in new[] { "email", "phone", "ssn" })
        {
            await new AnalyzerTest(source, RequirePii)
                .Expect(AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(0))
                .Fixed(Orders($$"""
                            [Column("CUSTOMER_EMAIL", "VARCHAR(256)")]
                            [Tag("PII", "{{value}}")]
                            public string? CustomerEmail { get; init; }
                    """), equivalenceKey: value == "email" ? "GOV3001:value-from-name" : "GOV3001:PII=" + value)
                .RunAsync();
        }
    }

    [Test]
    public async Task FirstFix_IsTheValueTheColumnNameContains_NotTheTaxonomysFirst()
    {
        var source = Orders("""
                    [{|#0:Column("CUSTOMER_PHONE", "VARCHAR(32)")|}]
                    public string? CustomerPhone { get; init; }
            """);
        await new AnalyzerTest(source, RequirePii)
            .Expect(AnalyzerTest.Diagnostic("GOV3001", DiagnosticSeverity.Error).WithLocation(0))
            .Fixed(Orders("""
                    [Column("CUSTOMER_PHONE", "VARCHAR(32)")]
                    [Tag("PII", "phone")]
                    public string? CustomerPhone { get; init; }
            """))
            .RunAsync();
    }

    [Test]
    public async Task TagInheritedFromTheDataset_SatisfiesAColumnRequirement()
    {
        var source = Packs.Usings + """
            [DataProduct("sales", "orders", Owner = "o@acme.example")]
            public static class Orders
            {
                [Dataset("CONTACTS"), Tag("PII", "email")]
                public sealed class Contacts
                {
                    [Column("EMAIL", "VARCHAR(256)")]
                    public string? Email { get; init; }
                }
            }
            """;
        await new AnalyzerTest(source, RequirePii).RunAsync();
    }

    [Test]
    public async Task TagValueOutsideTheTaxonomy_IsReportedOnTheTag_AndTheFixPicksAnAllowedValue()
    {
        var pack = Packs.Global(p => p.EnforceTaxonomy("tags.taxonomy", "Tags use the taxonomy", r => r.RejectUnknownTags()));
        var source = Orders("""
                    [Column("CUSTOMER_EMAIL", "VARCHAR(256)"), {|#0:Tag("PII", "mail")|}, {|#1:Tag("COLOUR", "blue")|}]
                    public string? CustomerEmail { get; init; }
            """);
        await new AnalyzerTest(source, pack)
            .Expect(
                AnalyzerTest.Diagnostic("GOV3002", DiagnosticSeverity.Error).WithLocation(0)
                    .WithArguments("board/tags.taxonomy", "tag `PII` on column `CUSTOMER_EMAIL` has value `mail`, expected one of `email`, `phone`, `ssn`; did you mean `email`?"),
                AnalyzerTest.Diagnostic("GOV3003", DiagnosticSeverity.Error).WithLocation(1))
            .Fixed(Orders("""
                    [Column("CUSTOMER_EMAIL", "VARCHAR(256)"), Tag("PII", "email"), {|#1:Tag("COLOUR", "blue")|}]
                    public string? CustomerEmail { get; init; }
            """), equivalenceKey: "GOV3002:value-from-name")
            .RunAsync();
    }

    /// <summary>A pack that only declares its taxonomy enforces it in the IDE too: the default rule is in its manifest.</summary>
    [Test]
    public async Task DeclaredTaxonomy_IsEnforcedByDefault_MisspeltValueErrorAndMisspeltTagWarning()
    {
        var pack = Packs.Global(p => p);
        var source = Orders("""
                    [Column("CUSTOMER_EMAIL", "VARCHAR(256)"), {|#0:Tag("PII", "emial")|}, {|#1:Tag("SENSITIVTY", "restricted")|}]
                    public string? CustomerEmail { get; init; }
            """);
        await new AnalyzerTest(source, pack)
            .Expect(
                AnalyzerTest.Diagnostic("GOV3002", DiagnosticSeverity.Error).WithLocation(0)
                    .WithArguments("board/taxonomy", "tag `PII` on column `CUSTOMER_EMAIL` has value `emial`, expected one of `email`, `phone`, `ssn`; did you mean `email`?"),
                AnalyzerTest.Diagnostic("GOV3003", DiagnosticSeverity.Warning).WithLocation(1)
                    .WithArguments("board/taxonomy", "tag `SENSITIVTY` on column `CUSTOMER_EMAIL` is not declared in any taxonomy; did you mean `SENSITIVITY`?"))
            .RunAsync();
    }

    [Test]
    public async Task ProductWithoutOwner_IsReportedOnDataProduct()
    {
        var pack = Packs.Global(p => p.RequireMetadata("product.owner", "Every product has an owner", r => r.Owner()));
        var source = Packs.Usings + """
            [{|#0:DataProduct("sales", "orders")|}]
            public static class Orders
            {
            }
            """;
        await new AnalyzerTest(source, pack)
            .Expect(AnalyzerTest.Diagnostic("GOV3004", DiagnosticSeverity.Error).WithLocation(0).WithArguments("board/product.owner", "product `sales/orders` has no owner"))
            .RunAsync();
    }
}
