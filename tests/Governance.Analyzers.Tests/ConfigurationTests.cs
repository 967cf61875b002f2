using Microsoft.CodeAnalysis;

namespace Governance.Analyzers.Tests;

public sealed class ConfigurationTests
{
    private static readonly RulePack UpperSnake = Packs.Global(p => p.Naming("names.column-case", "Column names are UPPER_SNAKE", r => r.Columns().UpperSnakeCase()));

    private static string Orders(string columns, string datasetAttribute = "Dataset(\"ORDERS\")") => Packs.Usings + $$"""
        [DataProduct("sales", "orders", Owner = "o@acme.example")]
        public static class Orders
        {
            [{{datasetAttribute}}]
            public sealed class OrdersTable
            {
        {{columns}}
            }
        }
        """;

    private static readonly string BadName = Orders("""
                [{|#0:Column("customerEmail", "VARCHAR(256)")|}]
                public string? CustomerEmail { get; init; }
        """);

    private static readonly string Plain = Orders("""
                [Column("customerEmail", "VARCHAR(256)")]
                public string? CustomerEmail { get; init; }
        """);

    [Test]
    public async Task MalformedManifest_IsOneGov9002InThatFile_AndNothingElseRuns()
    {
        var test = new AnalyzerTest(Plain).WithManifest("board.rulepack.json", "{\n  \"format\": 3\n}\n");
        test.ExpectedDiagnostics.Add(AnalyzerTest.Diagnostic("GOV9002", DiagnosticSeverity.Error).WithSpan("board.rulepack.json", 2, 1, 2, 14));
        await test.RunAsync();
    }

    [Test]
    public async Task EditedManifest_IsGov9003()
    {
        var text = ManifestCodec.Write(UpperSnake).Replace("Column names are UPPER_SNAKE", "Column names are anything", StringComparison.Ordinal);
        var test = new AnalyzerTest(Plain).WithManifest("board.rulepack.json", text);
        test.ExpectedDiagnostics.Add(AnalyzerTest.Diagnostic("GOV9003", DiagnosticSeverity.Error).WithSpan("board.rulepack.json", 1, 1, 1, 2));
        await test.RunAsync();
    }

    [Test]
    public async Task DomainPackThatWeakensAGlobalRule_IsGov9004InTheDomainPack()
    {
        var strict = RulePackBuilder.Global("board", "1.0.0", "the board")
            .Naming("names.length", "Short names", r => r.Columns().MaxLength(30).AsError()).Build();
        var weaker = RulePackBuilder.ForDomain("sales", "sales-rules", "1.0.0", "sales")
            .Naming("names.length", "Longer names", r => r.Columns().MaxLength(60).AsError().Tightens("board/names.length")).Build();
        var test = new AnalyzerTest(Plain, strict, weaker);
        test.ExpectedDiagnostics.Add(AnalyzerTest.Diagnostic("GOV9004", DiagnosticSeverity.Error).WithSpan("sales-rules.rulepack.json", 1, 1, 1, 2));
        await test.RunAsync();
    }

    [Test]
    public async Task NoManifest_NoDiagnostics() => await new AnalyzerTest(Plain).RunAsync();

    [Test]
    public async Task RuleSeverity_IsTheDiagnosticsSeverity()
    {
        var error = Packs.Global(p => p.Naming("names.column-case", "Column names are UPPER_SNAKE", r => r.Columns().UpperSnakeCase().AsError()));
        await new AnalyzerTest(BadName, error).Expect(AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Error).WithLocation(0)).RunAsync();
        var note = Packs.Global(p => p.Naming("names.column-case", "Column names are UPPER_SNAKE", r => r.Columns().UpperSnakeCase().AsNote()));
        await new AnalyzerTest(BadName, note).Expect(AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Info).WithLocation(0)).RunAsync();
    }

    [Test]
    public async Task EditorConfigSeverity_OverridesTheRules()
    {
        await new AnalyzerTest(Plain, UpperSnake).WithEditorConfig("dotnet_diagnostic.GOV4001.severity = none").RunAsync();
        // The compiler's own pipeline (the test framework re-checks severities against its defaults).
        static async Task<DiagnosticSeverity[]> Severities(string? config)
            => (await AnalyzerRun.Diagnostics(AnalyzerRun.Compile(Plain, config), UpperSnake)).Where(d => d.Id == "GOV4001").Select(d => d.Severity).ToArray();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await Severities(null), Is.EqualTo(new[] { DiagnosticSeverity.Warning }));
            Assert.That(await Severities("root = true\n[*]\ndotnet_diagnostic.GOV4001.severity = error\n"), Is.EqualTo(new[] { DiagnosticSeverity.Error }));
            Assert.That(await Severities("root = true\n[*]\ndotnet_diagnostic.GOV4001.severity = suggestion\n"), Is.EqualTo(new[] { DiagnosticSeverity.Info }));
            Assert.That(await Severities("root = true\n[*]\ndotnet_diagnostic.GOV4001.severity = none\n"), Is.Empty);
        });
    }

    [Test]
    public async Task UnparsableColumnType_IsGov9010OnTheColumn()
    {
        var source = Orders("""
                [{|#0:Column("TOTAL", "NUMBR(12,2)")|}]
                public decimal Total { get; init; }
        """);
        await new AnalyzerTest(source, UpperSnake).Expect(AnalyzerTest.Diagnostic("GOV9010", DiagnosticSeverity.Error).WithLocation(0)).RunAsync();
    }

    [Test]
    public async Task PropertyTypeWithoutASnowflakeType_IsGov9010_UntilTheTypeIsGiven()
    {
        var source = Orders("""
                [{|#0:Column("TAGS")|}]
                public string[]? Tags { get; init; }
        """);
        await new AnalyzerTest(source, UpperSnake).Expect(AnalyzerTest.Diagnostic("GOV9010", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("cannot infer a Snowflake type for property type `System.String[]`; give it, as in [Column(\"TAGS\", \"VARCHAR(100)\")]")).RunAsync();
        var typed = Orders("""
                [Column("TAGS", "ARRAY")]
                public string[]? Tags { get; init; }
        """);
        await new AnalyzerTest(typed, UpperSnake).RunAsync();
    }

    [Test]
    public async Task DatasetOutsideAnyProduct_IsGov9010()
    {
        var source = Packs.Usings + """
            [{|#0:Dataset("LOOSE")|}]
            public sealed class Loose
            {
                [Column("ID")]
                public long Id { get; init; }
            }
            """;
        await new AnalyzerTest(source, UpperSnake).Expect(AnalyzerTest.Diagnostic("GOV9010", DiagnosticSeverity.Error).WithLocation(0)).RunAsync();
    }

    [Test]
    public async Task DatasetNamingItsProductWithTypeof_BelongsToIt()
    {
        var source = Packs.Usings + """
            [DataProduct("sales", "orders", Owner = "o@acme.example")]
            public static class Orders { }

            [Dataset("ORDER_LINES", Product = typeof(Orders))]
            public sealed class OrderLines
            {
                [{|#0:Column("lineNo")|}]
                public int LineNo { get; init; }
            }
            """;
        await new AnalyzerTest(source, UpperSnake).Expect(AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(0)).RunAsync();
    }

    [Test]
    public async Task DuplicateColumnName_IsGov9010OnTheSecond()
    {
        var source = Orders("""
                [Column("ID")]
                public long Id { get; init; }
                [{|#0:Column("ID")|}]
                public long Identifier { get; init; }
        """);
        await new AnalyzerTest(source, UpperSnake).Expect(AnalyzerTest.Diagnostic("GOV9010", DiagnosticSeverity.Error).WithLocation(0)).RunAsync();
    }
    [Test]
    public async Task InheritedColumn_IsCheckedAsTheDatasetsOwn_OnItsAttributeInTheBaseClass()
    {
        var source = Packs.Usings + """
            public abstract class AuditColumns
            {
                [{|#0:Column("createdAt")|}]
                public DateTime CreatedAt { get; init; }
            }

            [DataProduct("sales", "orders", Owner = "o@acme.example")]
            public static class Orders
            {
                [Dataset("ORDERS")]
                public sealed class OrdersTable : AuditColumns
                {
                    [Column("ORDER_ID")]
                    public long OrderId { get; init; }
                }
            }
            """;
        await new AnalyzerTest(source, UpperSnake).Expect(AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(0)).RunAsync();
    }

    [Test]
    public async Task InheritedColumnNamedAsAnOwnOne_IsGov9010OnTheOwnColumn_TheValidatorsDuplicate()
    {
        var source = Packs.Usings + """
            public abstract class Keyed
            {
                [Column("ID")]
                public long Id { get; init; }
            }

            [DataProduct("sales", "orders", Owner = "o@acme.example")]
            public static class Orders
            {
                [Dataset("ORDERS")]
                public sealed class OrdersTable : Keyed
                {
                    [{|#0:Column("ID")|}]
                    public long Identifier { get; init; }
                }
            }
            """;
        await new AnalyzerTest(source, UpperSnake).Expect(AnalyzerTest.Diagnostic("GOV9010", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("duplicate column `ID` (also at property `Id`)")).RunAsync();
    }

    /// <summary>
    /// Two products on one schema: GOV9010 on the later product (as <c>check --assembly</c> reports it), which is left
    /// out; the earlier one is still checked.
    /// </summary>
    [Test]
    public async Task TwoProductsOnOneSchema_IsGov9010OnTheLater_WhichIsLeftOut()
    {
        var source = Packs.Usings + """
            [DataProduct("sales", "orders", Owner = "o@acme.example", Schema = "SHARED")]
            public static class Orders
            {
                [Dataset("ORDERS")]
                public sealed class OrdersTable { [{|#1:Column("orderId", "NUMBER(38,0)")|}] public long OrderId { get; init; } }
            }

            [{|#0:DataProduct("sales", "returns", Owner = "o@acme.example", Schema = "SHARED")|}]
            public static class Returns
            {
                [Dataset("RETURNS")]
                public sealed class ReturnsTable { [Column("returnId", "NUMBER(38,0)")] public long ReturnId { get; init; } }
            }
            """;
        await new AnalyzerTest(source, UpperSnake).Expect(
            AnalyzerTest.Diagnostic("GOV9010", DiagnosticSeverity.Error).WithLocation(0)
                .WithArguments("database `SALES` schema `SHARED` is already used by another product (at product `sales/orders`); expected one data product per schema"),
            AnalyzerTest.Diagnostic("GOV4001", DiagnosticSeverity.Warning).WithLocation(1)).RunAsync();
    }

    [Test]
    public async Task OneProductDefinedByTwoClasses_IsGov9010OnTheLater()
    {
        var source = Packs.Usings + """
            [DataProduct("sales", "orders", Owner = "o@acme.example")]
            public static class OrdersA { }

            [{|#0:DataProduct("sales", "orders", Owner = "o@acme.example")|}]
            public static class OrdersB { }
            """;
        await new AnalyzerTest(source, UpperSnake).Expect(AnalyzerTest.Diagnostic("GOV9010", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("duplicate product `orders` (also at product `sales/orders`)")).RunAsync();
    }

    [Test]
    public async Task GenericDatasetClass_IsNamedWithoutItsArity()
    {
        var pack = Packs.Global(p => p.Naming("names.dataset-prefix", "Datasets start with DS_", r => r.Datasets().StartsWith("DS_")));
        var source = Packs.Usings + """
            [DataProduct("iot", "telemetry", Owner = "o@acme.example")]
            public static class Telemetry
            {
                [{|#0:Dataset|}]
                public sealed class SensorReadings<TReading>
                {
                    [Column("SENSOR_ID")]
                    public long SensorId { get; init; }
                }
            }
            """;
        await new AnalyzerTest(source, pack).Expect(AnalyzerTest.Diagnostic("GOV4003", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("board/names.dataset-prefix", "dataset name `SENSOR_READINGS` does not start with `DS_`")).RunAsync();
    }
}
