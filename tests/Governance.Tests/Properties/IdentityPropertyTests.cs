using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Governance.Tests.Generators;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Properties;

/// <summary>
/// One identity for a product (<c>domain/product</c>) and a dataset (<c>domain/product/DATASET</c>): whatever the names
/// hold — <c>/</c>, <c>%</c>, what looks like an escape — an identity reads back as its names, two products never share
/// one, and a product selector matches exactly the product its identity names.
/// </summary>
public sealed class IdentityPropertyTests
{
    /// <summary>Names made of the characters the escaping is about, and others.</summary>
    private static readonly Gen<string> Name =
        Gen.Elements('/', '%', '2', '5', 'F', 'f', 'a', '.', ' ', 'é').ArrayOf().Where(a => a.Length is > 0 and < 8).Select(a => new string(a));

    private static readonly Gen<string> Text =
        Gen.Elements('/', '%', '2', '5', 'F', 'a', '.').ArrayOf().Where(a => a.Length < 10).Select(a => new string(a));

    [Property(MaxTest = 500)]
    public Property ProductIdentity_ReadsBackAsItsNames() => Prop.ForAll(Arb.From(Name), Arb.From(Name), (domain, product) =>
        MeshIdentity.TryParseProduct(MeshIdentity.Product(domain, product), out var d, out var p, out var problem)
            && d == domain && p == product && problem is null);

    [Property(MaxTest = 500)]
    public Property DatasetIdentity_ReadsBackAsItsNames() => Prop.ForAll(Arb.From(Name), Arb.From(Name), Arb.From(Name), (domain, product, dataset) =>
        MeshIdentity.TryParseDataset(MeshIdentity.Dataset(domain, product, dataset), out var d, out var p, out var x, out _)
            && d == domain && p == product && x == dataset);

    [Property(MaxTest = 500)]
    public Property TwoProducts_NeverShareAnIdentity() => Prop.ForAll(Arb.From(Name.Two()), Arb.From(Name.Two()), (a, b) =>
        (MeshIdentity.Product(a.Item1, a.Item2) == MeshIdentity.Product(b.Item1, b.Item2)) == (a == b));

    /// <summary>Any text, identity or not: it selects a product exactly when it is that product's identity.</summary>
    [Property(MaxTest = 1000)]
    public Property IsProduct_IsTheIdentitysEquality() => Prop.ForAll(Arb.From(Text), Arb.From(Name), Arb.From(Name), (text, domain, product) =>
        MeshIdentity.IsProduct(text, domain, product) == (text == MeshIdentity.Product(domain, product)));

    /// <summary>Text that parses is the one spelling of what it names: escapes are written one way only.</summary>
    [Property(MaxTest = 1000)]
    public Property ParsedText_IsTheCanonicalIdentity() => Prop.ForAll(Arb.From(Text), text =>
        !MeshIdentity.TryParseProduct(text, out var d, out var p, out _) || MeshIdentity.Product(d, p) == text);

    [TestCase("sales.orders", "`sales.orders` is not a product: expected `domain/product`, each name non-empty (a `/` in a name is written `%2F`)")]
    [TestCase("sales/", "`sales/` is not a product: expected `domain/product`, each name non-empty (a `/` in a name is written `%2F`)")]
    [TestCase("a/b/c", "`a/b/c` is not a product: expected `domain/product`, each name non-empty (a `/` in a name is written `%2F`)")]
    [TestCase("ops/50%", "`ops/50%` is not a product: a `%` in a name is written `%25` (and a `/` `%2F`)")]
    [TestCase("ops/eu%2fnorth", "`ops/eu%2fnorth` is not a product: a `%` in a name is written `%25` (and a `/` `%2F`)")]
    public void NotAProduct_SaysWhatIsExpected(string text, string problem)
        => Assert.That(MeshIdentity.ProductProblem(text), Is.EqualTo(problem));

    [Test]
    public void Identities_AsTheConceptsPageWritesThem()
        => Assert.Multiple(() =>
        {
            Assert.That(MeshIdentity.Product("sales", "orders"), Is.EqualTo("sales/orders"));
            Assert.That(MeshIdentity.Dataset("sales", "orders", "ORDER_LINES"), Is.EqualTo("sales/orders/ORDER_LINES"));
            Assert.That(MeshIdentity.Product("ops", "eu/north"), Is.EqualTo("ops/eu%2Fnorth"));
            Assert.That(MeshIdentity.Product("ops", "50%"), Is.EqualTo("ops/50%25"));
        });

    private static MetadataSnapshot Mesh(params (string Domain, string Product, string Schema)[] products)
        => new(Array.Empty<RoleDefinition>(), products.GroupBy(p => p.Domain).Select(g => new Domain(g.Key, null,
            g.Select(p => new DataProduct(p.Product, null, null, "DB", p.Schema, new[] { new Dataset("T", DatasetKind.Table, new[] { new Column("C", SnowflakeType.Boolean) }) })).ToList())).ToList());

    [Test]
    public void ProductSelector_SelectsByIdentity_NamesWithASlashIncluded()
    {
        var pack = RulePackBuilder.Global("g", "1.0.0", "board")
            .Tag("X", "A tag nobody sets")
            .RequireTag("tags.x", "X", r => r.OnProducts(Select.Product("ops/eu%2Fnorth")).Tag("X"))
            .Build();
        var result = Evaluator.Compile(PackSet.Create(new[] { pack })).Evaluate(Mesh(("ops", "eu/north", "A"), ("ops/eu", "north", "B"), ("ops", "eu", "C")));
        Assert.That(result.Findings.Select(f => f.Target), Is.EqualTo(new[] { "DB.A" }));
    }

    [Test]
    public void ProductSelector_ThatIsNotAnIdentity_IsAnInvalidPack()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RulePackBuilder.Global("g", "1.0.0", "board")
            .Masking("mask", "M", r => r.Columns(Select.Product("sales.orders")).With(Mask.Nullify))
            .Build());
        Assert.That(e!.Message, Does.Contain("$.rules[0].columns.products[0]: `sales.orders` is not a product: expected `domain/product`"));
    }

    /// <summary>The identity of the product each target of <paramref name="snapshot"/> is in (the first product, as a report looks it up).</summary>
    private static Dictionary<string, string> ProductOfTarget(MetadataSnapshot snapshot)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var d in snapshot.Domains)
        {
            foreach (var p in d.Products)
            {
                var identity = MeshIdentity.Product(d.Name, p.Name);
                owners.TryAdd(Targets.Of(p), identity);
                foreach (var x in p.Datasets)
                {
                    owners.TryAdd(Targets.Of(p, x), identity);
                    foreach (var c in x.Columns) owners.TryAdd(Targets.Of(p, x, c), identity);
                }
            }
        }
        return owners;
    }

    /// <summary>Each finding's (target, product identity or null), as the JSON report and SARIF write them.</summary>
    private static (List<(string Target, string? Product)> Json, List<(string Target, string? Product)> Sarif) Reported(EvaluationResult result, MetadataSnapshot snapshot)
    {
        using var json = new MemoryStream();
        JsonReport.Write(result, json, snapshot);
        using var sarif = new MemoryStream();
        SarifReport.Write(result, sarif, "1.0.0", snapshot: snapshot);
        using var jd = JsonDocument.Parse(json.ToArray());
        using var sd = JsonDocument.Parse(sarif.ToArray());
        var fromJson = jd.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("target").GetString()!, f.TryGetProperty("product", out var p) ? p.GetString() : null)).ToList();
        var fromSarif = sd.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("locations")[0].GetProperty("logicalLocations")[0].GetProperty("fullyQualifiedName").GetString()!,
                r.TryGetProperty("properties", out var props) && props.TryGetProperty("product", out var p) ? p.GetString() : null)).ToList();
        return (fromJson, fromSarif);
    }

    /// <summary>
    /// A finding keeps its Snowflake target and, in JSON and SARIF alike, carries the identity of the product its target
    /// is in — exactly when the target is in a product.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Findings_CarryTheIdentityOfTheirTargetsProduct_InJsonAndSarif()
    {
        var gen = from pack in PackGen.GlobalPack()
                  from snapshot in SnapshotGen.Snapshot()
                  select (Pack: pack, Snapshot: snapshot);
        return Prop.ForAll(Arb.From(gen), x =>
        {
            var result = Evaluator.Compile(PackSet.Create(new[] { x.Pack })).Evaluate(x.Snapshot);
            var owners = ProductOfTarget(x.Snapshot);
            var (json, sarif) = Reported(result, x.Snapshot);
            var expected = result.Findings.Select(f => (f.Target, owners.TryGetValue(f.Target, out var p) ? p : null)).ToList();
            return json.SequenceEqual(expected) && sarif.SequenceEqual(expected);
        });
    }

    [Test]
    public void Findings_NameTheProductByIdentity_WhereverItsSchemaIs()
    {
        var pack = RulePackBuilder.Global("g", "1.0.0", "board")
            .Tag("X", "A tag nobody sets")
            .RequireTag("tags.x", "X", r => r.OnProducts().Tag("X"))
            .Build();
        var mesh = Mesh(("ops", "eu/north", "A"), ("ops", "50%", "B"));
        var (json, sarif) = Reported(Evaluator.Compile(PackSet.Create(new[] { pack })).Evaluate(mesh), mesh);
        var expected = new List<(string, string?)> { ("DB.A", "ops/eu%2Fnorth"), ("DB.B", "ops/50%25") };
        Assert.That(json, Is.EqualTo(expected));
        Assert.That(sarif, Is.EqualTo(expected));
    }
}
