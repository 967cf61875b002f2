using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.NUnit;
using Governance.Tests.Generators;

namespace Governance.Import.Tests;

/// <summary>
/// Laws of the importers: a snapshot written as the documents a source holds (ODCS contracts, a dbt manifest) imports
/// back to the same snapshot, where the format can carry it; and the validator an import runs is the reader's.
/// </summary>
public class RoundTripProperties
{
    /// <summary>
    /// What Snowflake stores for the generated names when they are written unquoted — what a contract, which has no
    /// quoting, can say — and the fields ODCS carries: no roles, no domain owner, no time; a version on every product
    /// (the schema requires one); domains and products in name order.
    /// </summary>
    private static MetadataSnapshot AsOdcsCarries(MetadataSnapshot s) => new(Array.Empty<RoleDefinition>(),
        s.Domains.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => new Domain(d.Name, null, d.Products.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p =>
            new DataProduct(p.Name, p.Version ?? "0.0.0", p.Owner, p.Database, p.Schema, p.Datasets.Select(x =>
                new Dataset(Stored(x.Name), x.Kind, x.Columns.Select(c => new Column(Stored(c.Name), c.Type, c.Nullable, c.Tags)).ToArray(), x.Tags)).ToArray(), p.Tags)).ToArray()))
        .ToArray());

    private static string Stored(string name) => SnowflakeNames.Resolve(name, quoted: false);

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property OdcsContracts_ImportBackToTheSnapshot() => Prop.ForAll(SnapshotGen.Snapshot().ToArbitrary(), generated =>
    {
        var expected = AsOdcsCarries(generated);
        var dir = Path.GetDirectoryName(TestData.Temp("README", ""))!;
        var files = new List<string>();
        var n = 0;
        foreach (var domain in expected.Domains)
        {
            foreach (var product in domain.Products)
            {
                var file = Path.Combine(dir, "c" + (n++).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".odcs.yaml");
                File.WriteAllText(file, OdcsContract(domain.Name, product));
                files.Add(file);
            }
        }
        var imported = SnapshotImport.Import(new OdcsSource(files)).Snapshot;
        return SnapshotWriter.ToJson(SnowflakeCatalogTests.Strip(imported)) == SnapshotWriter.ToJson(expected);
    });

    /// <summary>A contract as JSON, which is YAML: the product, a Snowflake server, tags as custom properties.</summary>
    private static string OdcsContract(string domain, DataProduct product)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("apiVersion", "v3.1.0");
            w.WriteString("kind", "DataContract");
            w.WriteString("id", "contract-" + domain + "-" + product.Name);
            w.WriteString("version", product.Version);
            w.WriteString("status", "active");
            w.WriteString("domain", domain);
            w.WriteString("dataProduct", product.Name);
            if (product.Owner is not null)
            {
                w.WriteStartObject("team");
                w.WriteString("name", product.Owner);
                w.WriteEndObject();
            }
            w.WriteStartArray("servers");
            w.WriteStartObject();
            w.WriteString("server", "snowflake");
            w.WriteString("type", "snowflake");
            w.WriteString("account", "acme");
            w.WriteString("database", product.Database);
            w.WriteString("schema", product.Schema);
            w.WriteEndObject();
            w.WriteEndArray();
            CustomProperties(w, product.Tags);
            w.WriteStartArray("schema");
            foreach (var dataset in product.Datasets)
            {
                w.WriteStartObject();
                w.WriteString("name", dataset.Name);
                w.WriteString("physicalType", dataset.Kind.ToJson());
                CustomProperties(w, dataset.Tags);
                w.WriteStartArray("properties");
                foreach (var column in dataset.Columns)
                {
                    w.WriteStartObject();
                    w.WriteString("name", column.Name);
                    w.WriteString("physicalType", column.Type.Text);
                    w.WriteBoolean("required", !column.Nullable);
                    CustomProperties(w, column.Tags);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void CustomProperties(Utf8JsonWriter w, TagSet tags)
    {
        if (tags.Count == 0) return;
        w.WriteStartArray("customProperties");
        foreach (var tag in tags.Items)
        {
            w.WriteStartObject();
            w.WriteString("property", tag.Key);
            w.WriteString("value", tag.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// What a dbt manifest carries: names exactly (the Snowflake adapter's quoted relation names, <c>quote: true</c>
    /// columns), kinds, types, NOT NULL constraints, meta; domain, product and owner through a mapping rule per schema;
    /// not a product's version or tags, not products without datasets, not roles. Datasets compare in name order.
    /// </summary>
    private static MetadataSnapshot AsDbtCarries(MetadataSnapshot s) => new(Array.Empty<RoleDefinition>(),
        s.Domains.OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new Domain(d.Name, null, d.Products.Where(p => p.Datasets.Count > 0).OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new DataProduct(p.Name, null, p.Owner, p.Database, p.Schema,
                    // a materialized view's lineage (`sources`) is not imported (docs/import.md)
                    SortedDatasets(p.Datasets.Select(x => new Dataset(x.Name, x.Kind, x.Columns, x.Tags))))).ToArray()))
            .Where(d => d.Products.Count > 0).ToArray());

    private static Dataset[] SortedDatasets(IEnumerable<Dataset> datasets) => datasets.OrderBy(x => x.Name, StringComparer.Ordinal).ToArray();

    private static MetadataSnapshot SortDatasets(MetadataSnapshot s) => new(s.Roles, s.Domains.Select(d => new Domain(d.Name, d.Owner,
        d.Products.Select(p => new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema, SortedDatasets(p.Datasets), p.Tags)).ToArray())).ToArray());

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public Property DbtManifestAndMapping_ImportBackToTheSnapshot() => Prop.ForAll(SnapshotGen.Snapshot().ToArbitrary(), generated =>
    {
        var expected = AsDbtCarries(generated);
        var (manifest, mapping) = DbtProject(expected);
        var imported = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", manifest), null, ImportMapping.Parse(mapping, "mapping.yaml"))).Snapshot;
        return SnapshotWriter.ToJson(SortDatasets(SnowflakeCatalogTests.Strip(imported))) == SnapshotWriter.ToJson(expected);
    });

    private static (string Manifest, string Mapping) DbtProject(MetadataSnapshot s)
    {
        var mapping = new StringBuilder("products:\n");
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteString("dbt_schema_version", "https://schemas.getdbt.com/dbt/manifest/v12.json");
            w.WriteString("project_name", "mesh");
            w.WriteString("adapter_type", "snowflake");
            w.WriteEndObject();
            var sources = new List<(DataProduct Product, Dataset Dataset)>();
            w.WriteStartObject("nodes");
            foreach (var domain in s.Domains)
            {
                foreach (var product in domain.Products)
                {
                    mapping.Append("  - match: { database: ").Append(JsonSerializer.Serialize(product.Database)).Append(", schema: ").Append(JsonSerializer.Serialize(product.Schema)).Append(" }\n")
                        .Append("    domain: ").Append(JsonSerializer.Serialize(domain.Name)).Append('\n')
                        .Append("    product: ").Append(JsonSerializer.Serialize(product.Name)).Append('\n');
                    if (product.Owner is not null) mapping.Append("    owner: ").Append(JsonSerializer.Serialize(product.Owner)).Append('\n');
                    foreach (var dataset in product.Datasets)
                    {
                        if (dataset.Kind == DatasetKind.ExternalTable) { sources.Add((product, dataset)); continue; }
                        Node(w, "model.mesh." + product.Database + "." + product.Schema + "." + dataset.Name, "model", product, dataset);
                    }
                }
            }
            w.WriteEndObject();
            w.WriteStartObject("sources");
            foreach (var (product, dataset) in sources) Node(w, "source.mesh." + product.Database + "." + product.Schema + "." + dataset.Name, "source", product, dataset);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return (Encoding.UTF8.GetString(stream.ToArray()), mapping.ToString());
    }

    private static void Node(Utf8JsonWriter w, string id, string type, DataProduct product, Dataset dataset)
    {
        w.WriteStartObject(id);
        w.WriteString("unique_id", id);
        w.WriteString("resource_type", type);
        w.WriteString("package_name", "mesh");
        w.WriteString("name", dataset.Name);
        w.WriteString("database", product.Database);
        w.WriteString("schema", product.Schema);
        w.WriteString(type == "source" ? "identifier" : "alias", dataset.Name);
        w.WriteString("relation_name", string.Join(".", new[] { product.Database, product.Schema, dataset.Name }.Select(p => "\"" + p.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"")));
        if (type == "source")
        {
            w.WriteStartObject("external");
            w.WriteString("location", "@stage/path");
            w.WriteEndObject();
        }
        w.WriteStartObject("config");
        w.WriteString("materialized", dataset.Kind switch
        {
            DatasetKind.View => "view",
            DatasetKind.MaterializedView => "materialized_view",
            DatasetKind.DynamicTable => "dynamic_table",
            _ => "table",
        });
        if (dataset.Kind == DatasetKind.IcebergTable) w.WriteString("table_format", "iceberg");
        Meta(w, dataset.Tags);
        w.WriteEndObject();
        w.WriteStartObject("columns");
        foreach (var column in dataset.Columns)
        {
            w.WriteStartObject(column.Name);
            w.WriteString("name", column.Name);
            w.WriteString("data_type", column.Type.Text);
            w.WriteBoolean("quote", true);
            w.WriteStartArray("constraints");
            if (!column.Nullable)
            {
                w.WriteStartObject();
                w.WriteString("type", "not_null");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            // dbt >= 1.10 keeps a column's meta under config.
            w.WriteStartObject("config");
            Meta(w, column.Tags);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Meta(Utf8JsonWriter w, TagSet tags)
    {
        w.WriteStartObject("meta");
        foreach (var tag in tags.Items) w.WriteString(tag.Key, tag.Value);
        w.WriteEndObject();
    }

    // ───────────── one validator: the import's checks are the reader's ─────────────

    private enum Defect
    {
        DuplicateColumn, DuplicateDataset, DuplicateProduct, SharedSchema, DuplicateDomain, LongTagValue, NulInName, UnknownParentRole, DuplicateRole,
        SourcesOnATable, DuplicateSource, EmptySource, DuplicateInheritedRole, EmptyDatabaseName, EmptyTagName,
        // Two defects: the reader and the validator meet them in the same order.
        DuplicateSourceOnATable, SharedSchemaAndBadColumn,
    }

    [FsCheck.NUnit.Property(MaxTest = 150)]
    public Property Validator_RejectsWhatTheReaderRejects_WithTheSamePathAndMessage() => Prop.ForAll(
        SnapshotGen.Snapshot().ToArbitrary(), Gen.Elements(Enum.GetValues<Defect>()).ToArbitrary(), (snapshot, defect) =>
        {
            var broken = Break(snapshot, defect);
            if (broken is null) return true.Label("defect not applicable");
            var fromReader = Assert.Throws<GovernanceInputException>(() => SnapshotReader.Parse(SnapshotWriter.ToJson(broken), "s.json"))!;
            var fromValidator = Assert.Throws<GovernanceInputException>(() => SnapshotValidator.Validate(broken, GovIds.InvalidSnapshot, "s.json"))!;
            return (fromValidator.JsonPath == fromReader.JsonPath && fromValidator.Problem == fromReader.Problem)
                .Label(defect + ": reader " + fromReader.JsonPath + " " + fromReader.Problem + " / validator " + fromValidator.JsonPath + " " + fromValidator.Problem);
        });

    [FsCheck.NUnit.Property(MaxTest = 100)]
    public Property Validator_AcceptsWhatTheReaderAccepts() => Prop.ForAll(SnapshotGen.Snapshot().ToArbitrary(), snapshot =>
    {
        SnapshotValidator.Validate(SnapshotReader.Parse(SnapshotWriter.ToJson(snapshot)));
        return true;
    });

    private static MetadataSnapshot? Break(MetadataSnapshot s, Defect defect)
    {
        var domain = s.Domains[^1];
        var product = domain.Products[^1];
        var dataset = product.Datasets[^1];
        MetadataSnapshot WithProduct(DataProduct p) => Replace(s, domain, new Domain(domain.Name, domain.Owner, domain.Products.Take(domain.Products.Count - 1).Append(p).ToArray()));
        DataProduct WithDataset(Dataset d) => new(product.Name, product.Version, product.Owner, product.Database, product.Schema, product.Datasets.Take(product.Datasets.Count - 1).Append(d).ToArray(), product.Tags);
        switch (defect)
        {
            case Defect.DuplicateColumn:
                return WithProduct(WithDataset(new Dataset(dataset.Name, dataset.Kind, dataset.Columns.Append(dataset.Columns[0]).ToArray(), dataset.Tags)));
            case Defect.DuplicateDataset:
                return WithProduct(new DataProduct(product.Name, product.Version, product.Owner, product.Database, product.Schema, product.Datasets.Append(product.Datasets[0]).ToArray(), product.Tags));
            case Defect.DuplicateProduct:
                return Replace(s, domain, new Domain(domain.Name, domain.Owner, domain.Products.Append(new DataProduct(product.Name, null, null, "OTHER_DB", "OTHER", product.Datasets)).ToArray()));
            case Defect.SharedSchema:
                return Replace(s, domain, new Domain(domain.Name, domain.Owner, domain.Products.Append(new DataProduct("zz_other", null, null, product.Database, product.Schema, product.Datasets)).ToArray()));
            case Defect.DuplicateDomain:
                return new MetadataSnapshot(s.Roles, s.Domains.Append(new Domain(s.Domains[0].Name, null, Array.Empty<DataProduct>())).ToArray(), s.TakenAt);
            case Defect.LongTagValue:
                return WithProduct(WithDataset(new Dataset(dataset.Name, dataset.Kind, dataset.Columns, TagSet.Of(("NOTE", new string('x', 257))))));
            case Defect.NulInName:
                return WithProduct(WithDataset(new Dataset(dataset.Name, dataset.Kind, dataset.Columns.Take(dataset.Columns.Count - 1).Append(new Column("BAD\0NAME", SnowflakeType.Boolean)).ToArray(), dataset.Tags)));
            case Defect.UnknownParentRole:
                return new MetadataSnapshot(s.Roles.Append(new RoleDefinition("NEW_ROLE", new[] { "NO_SUCH_ROLE" })).ToArray(), s.Domains, s.TakenAt);
            case Defect.DuplicateRole:
                return s.Roles.Count == 0 ? null : new MetadataSnapshot(s.Roles.Append(new RoleDefinition(s.Roles[0].Name)).ToArray(), s.Domains, s.TakenAt);
            case Defect.SourcesOnATable:
                return WithProduct(WithDataset(new Dataset(dataset.Name, DatasetKind.Table, dataset.Columns, dataset.Tags, new[] { "A.B.C" })));
            case Defect.DuplicateSource:
                return WithProduct(WithDataset(new Dataset(dataset.Name, DatasetKind.MaterializedView, dataset.Columns, dataset.Tags, new[] { "A.B.C", "D.E.F", "A.B.C" })));
            case Defect.EmptySource:
                return WithProduct(WithDataset(new Dataset(dataset.Name, DatasetKind.MaterializedView, dataset.Columns, dataset.Tags, new[] { "A.B.C", "" })));
            case Defect.DuplicateInheritedRole:
                return s.Roles.Count == 0 ? null : new MetadataSnapshot(s.Roles.Append(new RoleDefinition("NEW_ROLE", new[] { s.Roles[0].Name, s.Roles[0].Name })).ToArray(), s.Domains, s.TakenAt);
            case Defect.EmptyDatabaseName:
                return WithProduct(new DataProduct(product.Name, product.Version, product.Owner, "", product.Schema, product.Datasets, product.Tags));
            case Defect.EmptyTagName:
                return WithProduct(WithDataset(new Dataset(dataset.Name, dataset.Kind, dataset.Columns.Take(dataset.Columns.Count - 1)
                    .Append(new Column("TAGGED", SnowflakeType.Boolean, tags: TagSet.Of(("", "x")))).ToArray(), dataset.Tags)));
            case Defect.DuplicateSourceOnATable:
                return WithProduct(WithDataset(new Dataset(dataset.Name, DatasetKind.Table, dataset.Columns, dataset.Tags, new[] { "A.B.C", "A.B.C" })));
            case Defect.SharedSchemaAndBadColumn:
            {
                var bad = new Dataset("BAD", DatasetKind.Table, new[] { new Column("", SnowflakeType.Boolean) });
                return Replace(s, domain, new Domain(domain.Name, domain.Owner, domain.Products.Append(new DataProduct("zz_other", null, null, product.Database, product.Schema, new[] { bad })).ToArray()));
            }
            default:
                return null;
        }
    }

    private static MetadataSnapshot Replace(MetadataSnapshot s, Domain old, Domain replacement)
        => new(s.Roles, s.Domains.Select(d => ReferenceEquals(d, old) ? replacement : d).ToArray(), s.TakenAt);
}
