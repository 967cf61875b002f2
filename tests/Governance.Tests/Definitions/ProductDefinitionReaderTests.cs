using System.Runtime.Loader;

namespace Governance.Tests.Definitions;

/// <summary>The runtime reader of C# product definitions: the documented defaults, and clear errors.</summary>
public class ProductDefinitionReaderTests
{
    private static MetadataSnapshot Read(string source)
    {
        var compilation = TestCompilation.Compile("Defs" + Guid.NewGuid().ToString("N"), ("using System;\nusing Governance;\nnamespace Mesh;\n" + source, ""));
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
    public void UnparsableType_IsGov9001_NamingThePropertyAndTheType()
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
            Assert.That(e!.GovId, Is.EqualTo(GovIds.InvalidSnapshot));
            Assert.That(e.Message, Does.StartWith("Defs.dll: Mesh.Orders+OrdersTable.Total: column `TOTAL`:").And.Contain("NUMBR"));
        });
    }

    [Test]
    public void DatasetOutsideAProduct_IsGov9001_NamingTheClass()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read("""
            [Dataset("LOOSE")]
            public sealed class Loose { [Column("ID")] public long Id { get; init; } }
            """));
        Assert.That(e!.Message, Is.EqualTo("Defs.dll: Mesh.Loose: " + ProductDefinitions.OrphanDataset));
    }

    [Test]
    public void TooLongTagValue_IsGov9001_NamingTheTag()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Read($$"""
            [DataProduct("sales", "orders"), Tag("NOTE", "{{new string('x', 300)}}")]
            public static class Orders { }
            """));
        Assert.That(e!.Message, Does.Contain("Mesh.Orders [Tag(\"NOTE\"").And.Contain("at most 256 characters"));
    }
}
