using System.Text;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
using Governance.Tests.Generators;

namespace Governance.Tests.Snapshots;

/// <summary>Properties over generated snapshots: the writer and the reader agree, whatever the buffer or the order.</summary>
public class SnapshotPropertyTests
{
    [Property(MaxTest = 200)]
    public Property RoundTrip_WriteThenRead_GivesTheSameJson() =>
        Prop.ForAll(Arb.From(SnapshotGen.Snapshot()), s =>
        {
            var json = SnapshotWriter.ToJson(s);
            return SnapshotWriter.ToJson(SnapshotReader.Parse(json)) == json;
        });

    [Property(MaxTest = 200)]
    public Property RoundTrip_WithTinyBuffers_GivesTheSameJson() =>
        Prop.ForAll(Arb.From(SnapshotGen.Snapshot().Zip(Gen.Choose(16, 300))), pair =>
        {
            var (s, bufferSize) = pair;
            var json = SnapshotWriter.ToJson(s);
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
            return SnapshotWriter.ToJson(SnapshotReader.Read(stream, "gen.json", bufferSize)) == json;
        });

    [Property(MaxTest = 200)]
    public Property RoundTrip_KeepsTheModel() =>
        Prop.ForAll(Arb.From(SnapshotGen.Snapshot()), s =>
        {
            var read = SnapshotReader.Parse(SnapshotWriter.ToJson(s));
            var columns = s.Domains.SelectMany(d => d.Products).SelectMany(p => p.Datasets).SelectMany(x => x.Columns).ToList();
            var readColumns = read.Domains.SelectMany(d => d.Products).SelectMany(p => p.Datasets).SelectMany(x => x.Columns).ToList();
            var sources = s.Domains.SelectMany(d => d.Products).SelectMany(p => p.Datasets).Select(x => x.Sources is null ? "absent" : string.Join("|", x.Sources));
            var readSources = read.Domains.SelectMany(d => d.Products).SelectMany(p => p.Datasets).Select(x => x.Sources is null ? "absent" : string.Join("|", x.Sources));
            return read.TakenAt == s.TakenAt
                && readSources.SequenceEqual(sources)
                && read.Roles.Select(r => r.Name + ":" + string.Join(",", r.Inherits)).SequenceEqual(s.Roles.Select(r => r.Name + ":" + string.Join(",", r.Inherits)))
                && readColumns.Count == columns.Count
                && readColumns.Zip(columns).All(p => p.First.Name == p.Second.Name && p.First.Type.Equals(p.Second.Type)
                    && p.First.Nullable == p.Second.Nullable && p.First.Tags.Items.SequenceEqual(p.Second.Tags.Items));
        });

    [Property(MaxTest = 200)]
    public Property Shuffled_ReadsBackWithTheSameContent() =>
        Prop.ForAll(Arb.From(SnapshotGen.Snapshot().SelectMany(s => SnapshotGen.Shuffled(s).Select(t => (s, t)))), pair =>
        {
            var (original, shuffled) = pair;
            var read = SnapshotReader.Parse(SnapshotWriter.ToJson(shuffled));
            return read.ColumnCount == original.ColumnCount
                && Names(read).SetEquals(Names(original))
                && RoleGraph.TryBuild(read.Roles, out _) != null;
        });

    /// <summary>Each domain in a part of its own (the roles in the first), its products split over two parts when it has several.</summary>
    private static List<SnapshotPart> Split(MetadataSnapshot s)
    {
        var parts = new List<SnapshotPart>();
        for (var i = 0; i < s.Domains.Count; i++)
        {
            var d = s.Domains[i];
            var half = (d.Products.Count + 1) / 2;
            var roles = i == 0 ? s.Roles : Array.Empty<RoleDefinition>();
            parts.Add(new SnapshotPart(new MetadataSnapshot(roles, new[] { new Domain(d.Name, d.Owner, d.Products.Take(half).ToList()) }, s.TakenAt), "part" + i + "a.json"));
            if (half < d.Products.Count)
                parts.Add(new SnapshotPart(new MetadataSnapshot(Array.Empty<RoleDefinition>(), new[] { new Domain(d.Name, null, d.Products.Skip(half).ToList()) }), "part" + i + "b.json"));
        }
        return parts;
    }

    [Property(MaxTest = 200)]
    public Property Merge_OfASnapshotSplitIntoParts_IsTheSnapshot() =>
        Prop.ForAll(Arb.From(SnapshotGen.Snapshot()), s => SnapshotWriter.ToJson(MetadataSnapshot.Merge(Split(s))) == SnapshotWriter.ToJson(s));

    [Property(MaxTest = 200)]
    public Property Merge_AProductTwoPartsDefine_IsReportedInTheLaterPart_NamingBoth() =>
        Prop.ForAll(Arb.From(SnapshotGen.Snapshot()), s =>
        {
            var parts = Split(s);
            var domain = s.Domains[^1];
            var product = domain.Products[0];
            var copy = new DataProduct(product.Name, null, null, "ELSEWHERE", "COPY", Array.Empty<Dataset>());
            parts.Add(new SnapshotPart(new MetadataSnapshot(Array.Empty<RoleDefinition>(), new[] { new Domain(domain.Name, null, new[] { copy }) }), "late.json", GovIds.InvalidProductDefinition));
            var e = Assert.Throws<GovernanceInputException>(() => MetadataSnapshot.Merge(parts))!;
            var first = parts.FindIndex(p => p.Snapshot.Domains.Any(d => d.Name == domain.Name && d.Products.Contains(product)));
            return (e.GovId == GovIds.InvalidProductDefinition && e.File == "late.json"
                    && e.Problem == "duplicate product `" + MeshIdentity.Product(domain.Name, product.Name) + "` (also at " + parts[first].File + ": $.domains[0].products[0])")
                .Label(e.Message);
        });

    [Test]
    public void Merge_UnvalidatedPart_IsValidatedWhole_WithItsGovIdAndFile()
    {
        var bad = new MetadataSnapshot(Array.Empty<RoleDefinition>(), new[] { new Domain("sales", null, new[]
        {
            new DataProduct("orders", null, null, "SALES", "ORDERS", new[] { new Dataset("ORDERS", DatasetKind.Table, new[] { new Column("", SnowflakeType.Boolean) }) }),
        }) });
        var e = Assert.Throws<GovernanceInputException>(() => MetadataSnapshot.Merge(new[] { new SnapshotPart(bad, "defs.dll", GovIds.InvalidProductDefinition) }))!;
        Assert.That((e.GovId, e.File, e.Problem), Is.EqualTo((GovIds.InvalidProductDefinition, "defs.dll", "invalid column name: an identifier cannot be empty")));
    }

    private static HashSet<string> Names(MetadataSnapshot s)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in s.Roles) names.Add("role " + r.Name + " < " + string.Join(",", r.Inherits.OrderBy(x => x, StringComparer.Ordinal)));
        foreach (var d in s.Domains)
            foreach (var p in d.Products)
                foreach (var x in p.Datasets)
                    foreach (var c in x.Columns)
                        names.Add(string.Join("/", d.Name, p.Name, p.Database, p.Schema, x.Name, c.Name, c.Type.Text));
        return names;
    }

    [Test]
    public void SnapshotGen_CoversTheVocabulary()
    {
        var samples = SnapshotGen.Snapshot().Sample(100, 20);
        var columns = samples.SelectMany(s => s.Domains).SelectMany(d => d.Products).SelectMany(p => p.Datasets).SelectMany(x => x.Columns).ToList();

        Assert.That(columns.Select(c => c.Name).Distinct(), Is.SupersetOf(new[] { "CUSTOMER_EMAIL", "customerName", "ORDER" }));
        Assert.That(columns.Select(c => c.Type.Text).Distinct(), Is.SupersetOf(new[] { "VARCHAR(16777216)", "NUMBER(38,0)", "TIMESTAMP_LTZ(9)" }));
        Assert.That(columns.SelectMany(c => c.Tags.Items).Select(t => t.Key).Distinct(), Is.EquivalentTo(new[] { "SENSITIVITY", "PII", "DATA_DOMAIN" }));
        Assert.That(samples.Any(s => s.Roles.Any(r => r.Inherits.Count > 0)), Is.True);
        Assert.That(samples.Select(s => s.TakenAt.HasValue).Distinct().Count(), Is.EqualTo(2));
    }
}
