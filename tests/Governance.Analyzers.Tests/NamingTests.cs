using Microsoft.CodeAnalysis;

namespace Governance.Analyzers.Tests;

public sealed class NamingTests
{
    private static readonly RulePack UpperSnake = Packs.Global(p => p.Naming("names.column-case", "Column names are UPPER_SNAKE", r => r.Columns().UpperSnakeCase()));

    [Test]
    public async Task ColumnNotUpperSnake_IsReportedOnItsAttribute_AndRenamedByTheFix()
    {
        var source = Packs.Usings + """
            [DataProduct("sales", "orders", Owner = "orders@acme.example")]
            public static class Orders
            {
                [Dataset("ORDERS")]
                public sealed class OrdersTable
                {
                    [{|#0:Column("customerEmail", "VARCHAR(256)")|}]
                    public string? CustomerEmail { get; init; }
                }
            }
            """;
        var fixedSource = source.Replace("{|#0:Column(\"customerEmail\", \"VARCHAR(256)\")|}", "Column(\"CUSTOMER_EMAIL\", \"VARCHAR(256)\")", StringComparison.Ordinal);
        await new AnalyzerTest(source, UpperSnake)
            .Expect(AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(0)
                .WithArguments("board/names.column-case", "column name `customerEmail` is not UPPER_SNAKE; expected `CUSTOMER_EMAIL`"))
            .Fixed(fixedSource)
            .RunAsync();
    }
}
