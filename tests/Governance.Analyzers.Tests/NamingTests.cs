using Microsoft.CodeAnalysis;

namespace Governance.Analyzers.Tests;

public sealed class NamingTests
{
    private static RulePack Naming(Func<NamingRuleBuilder, NamingRuleBuilder> rule)
        => Packs.Global(p => p.Naming("names.rule", "A naming rule", r => rule(r)));

    private static string Product(string columns, string datasetAttribute = "Dataset(\"ORDERS\")", string productAttribute = "DataProduct(\"sales\", \"orders\", Owner = \"o@acme.example\")") => Packs.Usings + $$"""
        [{{productAttribute}}]
        public static class Orders
        {
            [{{datasetAttribute}}]
            public sealed class OrdersTable
            {
        {{columns}}
            }
        }
        """;

    [Test]
    public async Task ColumnNotUpperSnake_IsReportedOnItsAttribute_AndRenamedByTheFix()
    {
        var source = Product("""
                    [{|#0:Column("customerEmail", "VARCHAR(256)")|}]
                    public string? CustomerEmail { get; init; }
            """);
        await new AnalyzerTest(source, Naming(r => r.Columns().UpperSnakeCase()))
            .Expect(AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("board/names.rule", "column name `customerEmail` is not UPPER_SNAKE; expected `CUSTOMER_EMAIL`"))
            .Fixed(source.Replace("{|#0:Column(\"customerEmail\", \"VARCHAR(256)\")|}", "Column(\"CUSTOMER_EMAIL\", \"VARCHAR(256)\")", StringComparison.Ordinal))
            .RunAsync();
    }

    [Test]
    public async Task InferredColumnName_IsTheUpperSnakePropertyName_SoAnUpperSnakeRuleIsSatisfied()
    {
        var source = Product("""
                    [Column]
                    public string? CustomerEmail { get; init; }
                    [Column(Type = "NUMBER(12,2)")]
                    public decimal OrderTotal { get; init; }
            """);
        await new AnalyzerTest(source, Naming(r => r.Columns().UpperSnakeCase())).RunAsync();
    }

    [Test]
    public async Task InferredName_InTheWrongCase_GetsAnExplicitNameFromTheFix()
    {
        var source = Product("""
                    [{|#0:Column|}]
                    public string? CustomerEmail { get; init; }
            """);
        await new AnalyzerTest(source, Naming(r => r.Columns().Case(CaseStyle.LowerSnake)))
            .Expect(AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(0))
            .Fixed(source.Replace("{|#0:Column|}", "Column(\"customer_email\")", StringComparison.Ordinal))
            .RunAsync();
    }

    [Test]
    public async Task BooleanWithoutPrefix_IsRenamedWithThePrefix()
    {
        var source = Product("""
                    [{|#0:Column("ACTIVE")|}]
                    public bool Active { get; init; }
            """);
        await new AnalyzerTest(source, Naming(r => r.Columns(Select.Type(DataTypeFamily.Boolean)).StartsWith("IS_", "HAS_")))
            .Expect(AnalyzerTest.Diagnostic("GOV4003", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("board/names.rule", "column name `ACTIVE` does not start with `HAS_` or `IS_`"))
            .Fixed(source.Replace("{|#0:Column(\"ACTIVE\")|}", "Column(\"HAS_ACTIVE\")", StringComparison.Ordinal))
            .RunAsync();
    }

    [Test]
    public async Task TimestampWithoutSuffix_IsRenamedWithTheSuffix()
    {
        var source = Product("""
                    [{|#0:Column("CREATED")|}]
                    public DateTime Created { get; init; }
            """);
        await new AnalyzerTest(source, Naming(r => r.Columns(Select.Type(DataTypeFamily.Timestamp)).EndsWith("_AT")))
            .Expect(AnalyzerTest.Diagnostic("GOV4004", DiagnosticSeverity.Warning).WithLocation(0))
            .Fixed(source.Replace("{|#0:Column(\"CREATED\")|}", "Column(\"CREATED_AT\")", StringComparison.Ordinal))
            .RunAsync();
    }

    [Test]
    public async Task PatternLengthAndReservedWords_AreReported()
    {
        var source = Product("""
                    [{|#0:Column("SELECT", "VARCHAR(10)")|}]
                    public string? Select { get; init; }
            """);
        var pack = RulePackBuilder.Global("board", "1.0.0", "the board")
            .Naming("names.pattern", "Names start with a letter and have two parts", r => r.Columns().Matches("^[A-Z]+_[A-Z]+$"))
            .Naming("names.length", "Short names", r => r.Columns().MaxLength(4))
            .Naming("names.reserved", "No reserved words", r => r.Columns().NotReservedWord())
            .Build();
        await new AnalyzerTest(source, pack)
            .Expect(
                AnalyzerTest.Diagnostic("GOV4002", DiagnosticSeverity.Warning).WithLocation(0),
                AnalyzerTest.Diagnostic("GOV4005", DiagnosticSeverity.Warning).WithLocation(0)
                    .WithArguments("board/names.length", "column name `SELECT` has 6 characters, more than 4"),
                AnalyzerTest.Diagnostic("GOV4006", DiagnosticSeverity.Warning).WithLocation(0))
            .RunAsync();
    }

    [Test]
    public async Task DatasetAndProductNames_AreReportedOnTheirAttributes()
    {
        var source = Product("""
                    [Column("ID")]
                    public long Id { get; init; }
            """, datasetAttribute: "{|#0:Dataset(\"Orders\")|}", productAttribute: "{|#1:DataProduct(\"sales\", \"Orders\", Owner = \"o@acme.example\")|}");
        var pack = RulePackBuilder.Global("board", "1.0.0", "the board")
            .Naming("names.dataset", "Dataset names are UPPER_SNAKE", r => r.Datasets().UpperSnakeCase())
            .Naming("names.product", "Product names are lower_snake", r => r.Products().Case(CaseStyle.LowerSnake))
            .Build();
        await new AnalyzerTest(source, pack)
            .Expect(
                AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("board/names.dataset", "dataset name `Orders` is not UPPER_SNAKE; expected `ORDERS`"),
                AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("board/names.product", "product name `Orders` is not lower_snake; expected `orders`"))
            .Fixed(source.Replace("{|#0:Dataset(\"Orders\")|}", "Dataset(\"ORDERS\")", StringComparison.Ordinal)
                .Replace("{|#1:DataProduct(\"sales\", \"Orders\", Owner = \"o@acme.example\")|}", "DataProduct(\"sales\", \"orders\", Owner = \"o@acme.example\")", StringComparison.Ordinal))
            .RunAsync();
    }
}
