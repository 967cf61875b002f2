using System.Runtime.Loader;

namespace Governance.Tests.Definitions;

/// <summary>The runtime reader of C# product definitions: the documented defaults, and clear errors.</summary>
public class ProductDefinitionReaderTests
{
    private static MetadataSnapshot Read(string source)
    {
        var compilation = TestCompilation.Compile("Defs" + Guid.NewGuid().ToString("N"), ("using System;\nusing Governance;\nnamespace Mesh;\n" + source, "/src/Products.cs"));
        var context = new AssemblyLoadContext("defs", isCollectible: true);
        try
        {
            return ProductDefinitionReader.Read(TestCompilation.EmitAndLoad(compilation, context), "Defs.dll");
        }
        finally
        {
            context.Unload();
        }
    }

    [Test]
    public void Defaults_NamesInUpperSnake_TypesFromClrTypes_NullabilityFromAnnotations()
    {
        var snapshot = Read("""
            [DataProduct("sales", "order_history", Owner = "o@acme.example")]
            public static class OrderHistory
            {
                [Dataset]
                public sealed class OrderLines
                {
                    [Column] public string? CustomerEmail { get; init; }
                    [Column] public string Sku { get; init; } = "";
                    [Column] public long Quantity { get; init; }
                    [Column] public decimal? UnitPrice { get; init; }
                    [Column] public bool IsGift { get; init; }
                    [Column] public DateTime CreatedAt { get; init; }
                    [Column] public DateOnly ShippedOn { get; init; }
                    [Column("NOTE", "VARCHAR(500)")] public string? Note { get; init; }
                }
            }
            """);
        var product = snapshot.Domains.Single().Products.Single();
        var dataset = product.Datasets.Single();
        Assert.Multiple(() =>
        {
            Assert.That((product.Database, product.Schema), Is.EqualTo(("SALES", "ORDER_HISTORY")));
            Assert.That((dataset.Name, dataset.Kind), Is.EqualTo(("ORDER_LINES", DatasetKind.Table)));
            Assert.That(dataset.Columns.Select(c => c.Name + " " + c.Type.Text + (c.Nullable ? " null" : "")), Is.EqualTo(new[]
            {
                "CUSTOMER_EMAIL " + SnowflakeType.Parse("VARCHAR").Text + " null", "SKU " + SnowflakeType.Parse("VARCHAR").Text, "QUANTITY NUMBER(38,0)",
                "UNIT_PRICE NUMBER(38,9) null", "IS_GIFT BOOLEAN", "CREATED_AT " + SnowflakeType.Parse("TIMESTAMP_NTZ").Text,
                "SHIPPED_ON DATE", "NOTE VARCHAR(500) null",
            }));
        });
    }

    [Test]
    public void TagsAndKinds_AreRead_AtEveryLevel()
    {
        var snapshot = Read("""
            [DataProduct("finance", "ledger", Database = "FIN", Schema = "GL"), Tag("DATA_DOMAIN", "finance")]
            public static class Ledger
            {
                [Dataset("ENTRIES", Kind = DatasetKind.View), Tag("SENSITIVITY", "confidential")]
                public sealed class Entries
                {
                    [Column("AMOUNT", "NUMBER(12,2)"), Tag("SENSITIVITY", "restricted")] public decimal Amount { get; init; }
                }
            }
            """);
        var product = snapshot.Domains.Single().Products.Single();
        var dataset = product.Datasets.Single();
        Assert.Multiple(() =>
        {
            Assert.That((product.Database, product.Schema, product.Tags.Get("DATA_DOMAIN")), Is.EqualTo(("FIN", "GL", "finance")));
            Assert.That((dataset.Kind, dataset.Tags.Get("SENSITIVITY")), Is.EqualTo((DatasetKind.View, "confidential")));
            Assert.That(dataset.Columns.Single().Tags.Get("SENSITIVITY"), Is.EqualTo("restricted"));
        });
    }

    [Test]
    public void UnparsableType_IsGov9010_NamingThePropertyAndTheType()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read("""
            [DataProduct("sales", "orders")]
            public static class Orders
            {
                [Dataset("ORDERS")]
                public sealed class OrdersTable { [Column("TOTAL", "NUMBR(12,2)")] public decimal Total { get; init; } }
            }
            """));
        Assert.Multiple(() =>
        {
            Assert.That(e!.GovId, Is.EqualTo(GovIds.InvalidProductDefinition));
            Assert.That(e.Message, Does.StartWith("Defs.dll: Mesh.Orders+OrdersTable.Total: column `TOTAL`:").And.Contain("NUMBR"));
        });
    }

    [Test]
    public void DatasetOutsideAProduct_IsGov9010_NamingTheClass()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read("""
            [Dataset("LOOSE")]
            public sealed class Loose { [Column("ID")] public long Id { get; init; } }
            """));
        Assert.That(e!.Message, Is.EqualTo("Defs.dll: Mesh.Loose: " + ProductDefinitions.OrphanDataset));
    }

    [Test]
    public void TooLongTagValue_IsGov9010_NamingTheTag()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read($$"""
            [DataProduct("sales", "orders"), Tag("NOTE", "{{new string('x', 300)}}")]
            public static class Orders { }
            """));
        Assert.That(e!.Message, Does.Contain("Mesh.Orders [Tag(\"NOTE\"").And.Contain("at most 256 characters"));
    }
    private static string Columns(Dataset d) => d.Name + ": " + string.Join(", ", d.Columns.Select(c => c.Name + " " + c.Type.Text));

    [Test]
    public void GenericAndFileLocalDatasetClasses_AreNamedAsInTheirSource_NotAsInMetadata()
    {
        var snapshot = Read("""
            [DataProduct("iot", "telemetry")]
            public static class Telemetry
            {
                [Dataset] public sealed class SensorReadings<TReading> { [Column] public long SensorId { get; init; } }
                [Dataset] public sealed class Pair<TKey, TValue> { [Column] public long Id { get; init; } }
            }

            [Dataset(Product = typeof(Telemetry))]
            file sealed class Calibrations { [Column] public long SensorId { get; init; } }
            """);
        Assert.That(snapshot.Domains.Single().Products.Single().Datasets.Select(d => d.Name), Is.EqualTo(new[] { "CALIBRATIONS", "PAIR", "SENSOR_READINGS" }));
    }

    [Test]
    public void FileLocalClass_IsNamedByItsSourceName_InAProblem()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read("""
            [Dataset("LOOSE")]
            file sealed class Loose { [Column("ID")] public long Id { get; init; } }
            """));
        Assert.That(e!.Message, Is.EqualTo("Defs.dll: Mesh.Loose: " + ProductDefinitions.OrphanDataset));
    }

    [Test]
    public void InheritedColumns_AreColumns_BaseFirst_AndTheNearestDeclarationDecides()
    {
        var snapshot = Read("""
            public abstract class AuditColumns
            {
                [Column] public DateTime CreatedAt { get; init; }
                [Column] public string? CreatedBy { get; init; }
                [Column] public virtual long Version { get; init; }
                [Column] public string? Note { get; init; }
            }

            public abstract class Tracked : AuditColumns
            {
                [Column] public DateTime? DeletedAt { get; init; }
            }

            [DataProduct("sales", "orders")]
            public static class Orders
            {
                [Dataset]
                public sealed class OrderLines : Tracked
                {
                    [Column] public long LineId { get; init; }
                    [Column("CREATED_BY", "VARCHAR(64)")] public new string? CreatedBy { get; init; }
                    public override long Version { get; init; }
                }
            }
            """);
        Assert.That(Columns(snapshot.Domains.Single().Products.Single().Datasets.Single()), Is.EqualTo(
            "ORDER_LINES: CREATED_AT TIMESTAMP_NTZ(9), NOTE " + SnowflakeType.Parse("VARCHAR").Text + ", DELETED_AT TIMESTAMP_NTZ(9), LINE_ID NUMBER(38,0), CREATED_BY VARCHAR(64)"));
    }

    [Test]
    public void InheritedColumnNamedAsAnOwnOne_IsGov9010_TheValidatorsDuplicate_NamingTheOtherProperty()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read("""
            public abstract class Keyed { [Column("ID")] public long Id { get; init; } }

            [DataProduct("sales", "orders")]
            public static class Orders
            {
                [Dataset("ORDERS")] public sealed class OrdersTable : Keyed { [Column("ID")] public long Identifier { get; init; } }
            }
            """));
        Assert.Multiple(() =>
        {
            Assert.That(e!.GovId, Is.EqualTo(GovIds.InvalidProductDefinition));
            Assert.That(e.Message, Is.EqualTo("Defs.dll: Mesh.Orders+OrdersTable.Identifier: " + SnapshotValidator.Duplicate("column", "ID", "`Mesh.Keyed.Id`")));
        });
    }

    [Test]
    public void TwoProductsOnOneSchema_IsGov9010_NamingTheOtherProductClass()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read("""
            [DataProduct("sales", "orders", Schema = "SHARED")] public static class Orders { }
            [DataProduct("sales", "returns", Schema = "SHARED")] public static class Returns { }
            """));
        Assert.That(e!.Message, Is.EqualTo("Defs.dll: Mesh.Returns: " + SnapshotValidator.SchemaTaken("SALES", "SHARED", "`Mesh.Orders`")));
    }

    [Test]
    public void OneProductDefinedByTwoClasses_IsGov9010OnTheLater_AsTheAnalyzersSay()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read("""
            [DataProduct("sales", "orders")] public static class OrdersB { }
            [DataProduct("sales", "orders")] public static class OrdersA { }
            """));
        Assert.That(e!.Message, Is.EqualTo("Defs.dll: Mesh.OrdersB: " + SnapshotValidator.Duplicate("product", "orders", "`Mesh.OrdersA`")));
    }

    [Test]
    public void NameSnowflakeCannotStore_IsTheValidatorsMessage_AndTheOtherDefinitionsAreStillBuilt()
    {
        var types = new[] { "[DataProduct(\"sales\", \"orders\")] public static class Orders { [Dataset(\"\")] public sealed class Bad { [Column] public long Id { get; init; } } [Dataset] public sealed class Good { [Column] public long Id { get; init; } } }" };
        var compilation = TestCompilation.Compile("Defs" + Guid.NewGuid().ToString("N"), ("using System;\nusing Governance;\nnamespace Mesh;\n" + types[0], "/src/Products.cs"));
        var context = new AssemblyLoadContext("defs", isCollectible: true);
        try
        {
            var assembly = TestCompilation.EmitAndLoad(compilation, context);
            var mesh = ProductDefinitionReader.Build(assembly, assembly.GetTypes());
            Assert.Multiple(() =>
            {
                Assert.That(mesh.Problems.Select(p => p.Message), Is.EqualTo(new[] { SnapshotValidator.NameProblem("dataset name", "") }));
                Assert.That(mesh.Snapshot.Domains.Single().Products.Single().Datasets.Select(d => d.Name), Is.EqualTo(new[] { "GOOD" }));
            });
        }
        finally
        {
            context.Unload();
        }
    }
}
