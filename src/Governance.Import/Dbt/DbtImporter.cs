using System.Globalization;
using System.Text.Json;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Import.Dbt;

/// <summary>One column as the manifest documents it.</summary>
internal sealed record ManifestColumn(string Name, string? DataType, bool Quote, bool NotNull, IReadOnlyList<string> Tags, IReadOnlyList<(string Key, string? Value, bool Nested)> Meta, string Suffix, long Line);

/// <summary>A node of the manifest, reduced to what the import needs (the rest of the node is not kept).</summary>
internal sealed class ManifestNode
{
    public required string UniqueId { get; init; }
    public required string ResourceType { get; init; }
    public required string Package { get; init; }
    public string? FilePath { get; init; }
    public string? Group { get; init; }
    public string? Materialized { get; init; }
    public string? TableFormat { get; init; }
    public bool External { get; init; }
    public required string Database { get; init; }
    public required string Schema { get; init; }
    public required string Identifier { get; init; }
    public string? RelationName { get; init; }
    public (bool Database, bool Schema, bool Identifier) Quoting { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<(string Key, string? Value, bool Nested)> Meta { get; init; }
    public string? Owner { get; init; }
    public required IReadOnlyList<ManifestColumn> Columns { get; init; }
    public required string Path { get; init; }
    public long Line { get; init; }
}

/// <summary>One column as the catalog reports it.</summary>
internal sealed record CatalogColumn(string Name, string Type, long Index, long Line);

internal sealed record CatalogNode(string Path, long Line, IReadOnlyList<CatalogColumn> Columns);

/// <summary>Reads the artifacts node by node and maps them (docs/import.md, "dbt").</summary>
internal sealed class DbtImporter(DbtSource source, ImportLog log)
{
    private const string Gov = GovIds.InvalidDbtArtifact;
    private readonly List<ManifestNode> _nodes = new();
    private readonly Dictionary<string, (string? Email, string? Name)> _groups = new(StringComparer.Ordinal);
    private string? _project;
    /// <summary>The lines of the columns of the node being read.</summary>
    private Dictionary<string, long>? _memberLines;
    private string? _adapter;
    private long _nodeCount;

    public MetadataSnapshot Run()
    {
        var catalog = source.Catalog is { } catalogFile ? ReadCatalog(catalogFile) : null;
        ReadManifest();
        return Assemble(catalog);
    }

    // ───────────────────────────── manifest ─────────────────────────────

    private void ReadManifest()
    {
        var file = source.Manifest;
        using var stream = InputFiles.Open(file, Gov, "a dbt manifest.json");
        using var json = new JsonStream(stream, file, Gov, "a dbt manifest");
        json.Next();
        if (json.TokenType != JsonTokenType.StartObject) throw json.Fail("$", json.TokenLine, "expected a dbt manifest (a JSON object with `metadata` and `nodes`), found " + Describe(json.TokenType));
        var sawMetadata = false;
        var sawNodes = false;
        while (true)
        {
            json.Next();
            if (json.TokenType == JsonTokenType.EndObject) break;
            var key = json.Text!;
            var keyLine = json.TokenLine;
            switch (key)
            {
                case "metadata":
                {
                    using var doc = json.ReadValue();
                    ReadMetadata(doc.RootElement, json, json.TokenLine);
                    sawMetadata = true;
                    break;
                }
                case "nodes":
                    sawNodes = true;
                    ReadEntries(json, "nodes", (_, element, path, line) => AddNode(element, path, line, isSource: false));
                    break;
                case "sources":
                    ReadEntries(json, "sources", (_, element, path, line) => AddNode(element, path, line, isSource: true));
                    break;
                case "groups":
                    ReadEntries(json, "groups", (_, element, path, line) => ReadGroup(element, path, line));
                    break;
                case "disabled" when source.Mapping.IncludeDisabled:
                    ReadEntries(json, "disabled", (_, element, path, line) =>
                    {
                        if (element.ValueKind != JsonValueKind.Array) throw json.Fail(path, line, "expected a list of disabled nodes, found " + Describe(element.ValueKind));
                        var i = 0;
                        foreach (var item in element.EnumerateArray())
                        {
                            var itemPath = path + "[" + i++.ToString(CultureInfo.InvariantCulture) + "]";
                            var isSource = Str(item, "resource_type") == "source";
                            AddNode(item, itemPath, line, isSource, disabled: true);
                        }
                    });
                    break;
                default:
                    _ = keyLine;
                    json.SkipValue();
                    break;
            }
        }
        json.EnsureEnd();
        if (!sawMetadata) throw json.Fail("$", 1, "missing `metadata`; expected a dbt manifest with `metadata.dbt_schema_version`");
        if (!sawNodes) throw json.Fail("$", 1, "missing `nodes`; expected a dbt manifest with `nodes`");
        log.Progress("read " + SnapshotAssembler.Count(_nodeCount) + " manifest nodes from " + file);
    }

    private void ReadMetadata(JsonElement metadata, JsonStream json, long line)
    {
        if (metadata.ValueKind != JsonValueKind.Object) throw json.Fail("$.metadata", line, "expected an object, found " + Describe(metadata.ValueKind));
        var version = Str(metadata, "dbt_schema_version");
        if (version is null || !DbtSource.ManifestVersions.Contains(version))
        {
            throw json.Fail("$.metadata.dbt_schema_version", line, (version is null ? "no manifest schema version" : "manifest schema `" + version + "` is not supported")
                + "; expected " + string.Join(" or ", DbtSource.ManifestVersions.Select(v => "`" + v + "`")) + " (dbt 1.7 to 1.12)");
        }
        _project = Str(metadata, "project_name");
        _adapter = Str(metadata, "adapter_type");
    }

    /// <summary>Walks <c>{ key: value, … }</c>, parsing one value at a time.</summary>
    private void ReadEntries(JsonStream json, string name, Action<string, JsonElement, string, long> each)
    {
        json.Next();
        if (json.TokenType == JsonTokenType.Null) return;
        if (json.TokenType != JsonTokenType.StartObject) throw json.Fail("$." + name, json.TokenLine, "expected an object keyed by unique_id, found " + Describe(json.TokenType));
        while (true)
        {
            json.Next();
            if (json.TokenType == JsonTokenType.EndObject) return;
            var key = json.Text!;
            using var doc = json.ReadValue("columns");
            _memberLines = json.MemberLines;
            each(key, doc.RootElement, "$." + name + JsonStream.Member(key), json.TokenLine);
            if (++_nodeCount % 20_000 == 0) log.Progress("read " + SnapshotAssembler.Count(_nodeCount) + " nodes (" + SnapshotAssembler.Count(json.Position / (1024 * 1024)) + " MiB)");
        }
    }

    private void ReadGroup(JsonElement group, string path, long line)
    {
        if (group.ValueKind != JsonValueKind.Object || Str(group, "name") is not { } name) return;
        var owner = group.TryGetProperty("owner", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
        _groups[name] = owner.ValueKind == JsonValueKind.Object ? (Str(owner, "email"), Str(owner, "name")) : (null, null);
    }

    private static readonly string[] DatasetTypes = { "model", "seed", "snapshot" };

    private void AddNode(JsonElement node, string path, long line, bool isSource, bool disabled = false)
    {
        var file = source.Manifest;
        if (node.ValueKind != JsonValueKind.Object) throw Fail(file, path, line, "expected a node object, found " + Describe(node.ValueKind));
        var type = Str(node, "resource_type") ?? throw Fail(file, path, line, "a node without `resource_type`; expected a dbt manifest node");
        if (!isSource && Array.IndexOf(DatasetTypes, type) < 0) return;
        var config = node.TryGetProperty("config", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        if (!disabled && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.False) return;

        var uniqueId = Str(node, "unique_id") ?? throw Fail(file, path, line, "a node without `unique_id`");
        var package = Str(node, "package_name") ?? throw Fail(file, path, line, "node `" + uniqueId + "` has no `package_name`");
        var database = Str(node, "database");
        var schema = Str(node, "schema") ?? throw Fail(file, path + ".schema", line, "node `" + uniqueId + "` has no `schema`; expected the schema dbt resolved");
        var identifier = (isSource ? Str(node, "identifier") : null) ?? Str(node, "alias") ?? Str(node, "name")
            ?? throw Fail(file, path, line, "node `" + uniqueId + "` has no `alias` or `name`");
        var quotingElement = isSource ? Prop(node, "quoting") : Prop(config, "quoting");
        var quoting = (Bool(quotingElement, "database"), Bool(quotingElement, "schema"), Bool(quotingElement, "identifier"));

        var tags = new List<string>();
        AddStrings(tags, Prop(node, "tags"));
        AddStrings(tags, Prop(config, "tags"));
        var meta = new List<(string, string?, bool)>();
        AddMeta(meta, Prop(node, "meta"));
        AddMeta(meta, Prop(config, "meta"));
        string? owner = null;
        foreach (var (key, value, _) in meta)
        {
            if (key == "owner" && value is not null) { owner = value; break; }
        }

        var columns = new List<ManifestColumn>();
        if (node.TryGetProperty("columns", out var cols) && cols.ValueKind == JsonValueKind.Object)
        {
            foreach (var col in cols.EnumerateObject())
            {
                var colSuffix = ".columns" + JsonStream.Member(col.Name);
                if (col.Value.ValueKind != JsonValueKind.Object) throw Fail(file, path + colSuffix, line, "expected a column object, found " + Describe(col.Value.ValueKind));
                var v = col.Value;
                var colConfig = Prop(v, "config");
                var colTags = new List<string>();
                AddStrings(colTags, Prop(v, "tags"));
                AddStrings(colTags, Prop(colConfig, "tags"));
                var colMeta = new List<(string, string?, bool)>();
                AddMeta(colMeta, Prop(v, "meta"));
                AddMeta(colMeta, Prop(colConfig, "meta"));
                var notNull = Prop(v, "constraints") is { ValueKind: JsonValueKind.Array } constraints
                    && constraints.EnumerateArray().Any(x => Str(x, "type") == "not_null");
                columns.Add(new ManifestColumn(Str(v, "name") ?? col.Name, Str(v, "data_type"), Bool(v, "quote"), notNull, colTags, colMeta, colSuffix,
                    !disabled && _memberLines is not null && _memberLines.TryGetValue(col.Name, out var colLine) ? colLine : line));
            }
        }

        var filePath = Str(node, "original_file_path");
        _nodes.Add(new ManifestNode
        {
            UniqueId = uniqueId,
            ResourceType = type,
            Package = package,
            FilePath = filePath,
            Group = Str(node, "group") ?? Str(config, "group"),
            Materialized = isSource ? null : Str(config, "materialized"),
            TableFormat = Str(config, "table_format"),
            External = isSource && Prop(node, "external") is { ValueKind: JsonValueKind.Object } external && Str(external, "location") is not null,
            Database = database ?? "",
            Schema = schema,
            Identifier = identifier,
            RelationName = Str(node, "relation_name"),
            Quoting = quoting,
            Tags = tags,
            Meta = meta,
            Owner = owner,
            Columns = columns,
            Path = path,
            Line = line,
        });
    }

    // ───────────────────────────── catalog ─────────────────────────────

    private Dictionary<string, CatalogNode> ReadCatalog(string file)
    {
        var nodes = new Dictionary<string, CatalogNode>(StringComparer.Ordinal);
        using var stream = InputFiles.Open(file, Gov, "a dbt catalog.json");
        using var json = new JsonStream(stream, file, Gov, "a dbt catalog");
        json.Next();
        if (json.TokenType != JsonTokenType.StartObject) throw json.Fail("$", json.TokenLine, "expected a dbt catalog (a JSON object with `metadata` and `nodes`), found " + Describe(json.TokenType));
        var sawMetadata = false;
        while (true)
        {
            json.Next();
            if (json.TokenType == JsonTokenType.EndObject) break;
            switch (json.Text)
            {
                case "metadata":
                {
                    using var doc = json.ReadValue();
                    var version = doc.RootElement.ValueKind == JsonValueKind.Object ? Str(doc.RootElement, "dbt_schema_version") : null;
                    if (version != DbtSource.CatalogVersion)
                    {
                        throw json.Fail("$.metadata.dbt_schema_version", json.TokenLine, (version is null ? "no catalog schema version" : "catalog schema `" + version + "` is not supported")
                            + "; expected `" + DbtSource.CatalogVersion + "`, the catalog.json `dbt docs generate` writes");
                    }
                    sawMetadata = true;
                    break;
                }
                case "nodes":
                case "sources":
                    ReadEntries(json, json.Text!, (key, element, path, line) => nodes[key] = ReadCatalogNode(element, file, path, line, json.MemberLines));
                    break;
                default:
                    json.SkipValue();
                    break;
            }
        }
        json.EnsureEnd();
        if (!sawMetadata) throw json.Fail("$", 1, "missing `metadata`; expected a dbt catalog with `metadata.dbt_schema_version`");
        log.Progress("read " + SnapshotAssembler.Count(nodes.Count) + " catalog nodes from " + file);
        return nodes;
    }

    private static CatalogNode ReadCatalogNode(JsonElement node, string file, string path, long line, Dictionary<string, long> lines)
    {
        if (node.ValueKind != JsonValueKind.Object) throw Fail(file, path, line, "expected a catalog node object, found " + Describe(node.ValueKind));
        var columns = new List<CatalogColumn>();
        if (node.TryGetProperty("columns", out var cols) && cols.ValueKind == JsonValueKind.Object)
        {
            foreach (var col in cols.EnumerateObject())
            {
                var colPath = path + ".columns" + JsonStream.Member(col.Name);
                var v = col.Value;
                if (v.ValueKind != JsonValueKind.Object) throw Fail(file, colPath, line, "expected a column object, found " + Describe(v.ValueKind));
                var type = Str(v, "type") ?? throw Fail(file, colPath + ".type", line, "column `" + col.Name + "` has no `type`; expected the type the database reports");
                var index = v.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt64(out var n) ? n : long.MaxValue;
                columns.Add(new CatalogColumn(Str(v, "name") ?? col.Name, type, index, lines.TryGetValue(col.Name, out var colLine) ? colLine : line));
            }
        }
        columns.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new CatalogNode(path, line, columns);
    }

    // ───────────────────────────── mapping ─────────────────────────────

    private MetadataSnapshot Assemble(Dictionary<string, CatalogNode>? catalog)
    {
        var mapping = source.Mapping;
        var assembler = new SnapshotAssembler(Gov);
        var matched = 0;
        var imported = 0;
        var skippedPackages = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var placed = new List<(ManifestNode Node, ProductRule? Rule, string Database, string Schema, Dataset Dataset)>();
        var snowflake = string.Equals(_adapter, "snowflake", StringComparison.OrdinalIgnoreCase);
        foreach (var node in _nodes)
        {
            if (!string.Equals(node.Package, _project, StringComparison.Ordinal) && !mapping.Packages.Contains(node.Package))
            {
                skippedPackages[node.Package] = skippedPackages.GetValueOrDefault(node.Package) + 1;
                continue;
            }
            var kind = KindOf(node);
            if (kind is null) continue; // ephemeral: no relation in the database

            var (database, schema, identifier) = Resolve(node, snowflake);
            var nodeSource = new SourceLocation(source.Manifest, node.Path, node.Line, node.UniqueId);
            CatalogNode? catalogNode = null;
            if (catalog is not null && catalog.TryGetValue(node.UniqueId, out catalogNode)) matched++;
            else if (catalog is not null)
                log.Warn(Gov, source.Catalog!, null, null, "`" + node.UniqueId + "` is not in the catalog; its columns and types come from the manifest");

            var columns = Columns(node, nodeSource, catalogNode, snowflake);
            var tags = new TagBuilder(mapping, log, Gov);
            foreach (var tag in node.Tags) tags.AddListTag(tag, source.Manifest, node.Path + ".tags", node.Line);
            foreach (var (key, value, nested) in node.Meta) tags.AddMeta(key, value, nested, source.Manifest, node.Path + ".meta" + JsonStream.Member(key), node.Line);
            var dataset = new Dataset(identifier, kind.Value, columns, tags.Build(), source: nodeSource);

            var subject = new MatchSubject
            {
                Package = node.Package,
                Group = node.Group,
                Folder = FolderOf(node.FilePath),
                Database = database,
                Schema = schema,
            };
            placed.Add((node, mapping.Find(subject), database, schema, dataset));
            imported++;
        }

        // A product is one schema: the schema's nodes decide its domain together (a mapping rule's, else their package
        // when they share one, else the project), and its name (a rule's, else the schema as dbt wrote it).
        foreach (var group in placed.GroupBy(p => (p.Database, p.Schema)))
        {
            var members = group.ToList();
            var packages = members.Select(m => m.Node.Package).Distinct(StringComparer.Ordinal).ToList();
            var domainName = members.Select(m => m.Rule?.Domain).FirstOrDefault(d => d is not null) ?? (packages.Count == 1 ? packages[0] : _project ?? packages[0]);
            var productName = members.Select(m => m.Rule?.Product).FirstOrDefault(p => p is not null) ?? members[0].Node.Schema;
            foreach (var (node, rule, database, schema, dataset) in members)
            {
                var product = assembler.Product(domainName, productName, database, schema, dataset.Source);
                if (product.Datasets.Count == 0) product.Source = new SourceLocation(source.Manifest, null, null, MeshIdentity.Product(domainName, productName));
                product.Owner ??= rule?.Owner ?? node.Owner ?? GroupOwner(node.Group);
                var index = product.Datasets.FindIndex(d => d.Name == dataset.Name);
                if (index < 0) product.Datasets.Add(dataset);
                else product.Datasets[index] = SameRelation(product.Datasets[index], dataset, node);
            }
        }
        if (catalog is not null && catalog.Count > 0 && matched == 0)
        {
            throw new GovernanceInputException(Gov, source.Catalog, "$.nodes", null,
                "the catalog describes none of the manifest's imported nodes; expected the catalog.json `dbt docs generate` wrote for this project (" + (_project is null ? "" : "`" + _project + "`, ") + "beside " + source.Manifest + ")");
        }
        foreach (var (package, count) in skippedPackages)
        {
            log.Warn(Gov, source.Manifest, null, null, SnapshotAssembler.Count(count) + " nodes of package `" + package + "` are not imported: it is not the project `"
                + _project + "`; add it to `packages` in the mapping file to import them");
        }
        log.Progress("mapped " + SnapshotAssembler.Count(imported) + " datasets");
        return assembler.Build();
    }

    /// <summary>
    /// Two nodes on one relation — a source that reads a seed's or another project's table — are one dataset: the
    /// first node's kind and column types stay, the second adds the columns and tags the first lacks.
    /// </summary>
    private Dataset SameRelation(Dataset first, Dataset second, ManifestNode node)
    {
        var columns = first.Columns.ToList();
        foreach (var column in second.Columns)
        {
            var index = columns.FindIndex(c => c.Name == column.Name);
            if (index < 0) { columns.Add(column); continue; }
            var mine = columns[index];
            if (!mine.Type.Equals(column.Type))
            {
                log.Warn(Gov, source.Manifest, column.Source?.Path, node.Line, "`" + node.UniqueId + "` types column `" + column.Name + "` as `" + column.Type.Text
                    + "`, but " + (mine.Source?.Name ?? first.Source?.Name) + " on the same relation as `" + mine.Type.Text + "`; the first is kept");
            }
            columns[index] = new Column(mine.Name, mine.Type, mine.Nullable, Union(mine.Tags, column.Tags, node, column.Source?.Path), mine.Source);
        }
        return new Dataset(first.Name, first.Kind, columns.ToArray(), Union(first.Tags, second.Tags, node, node.Path), first.Sources, first.Source);
    }

    private TagSet Union(TagSet a, TagSet b, ManifestNode node, string? path)
    {
        if (b.Count == 0) return a;
        var items = a.Items.ToList();
        foreach (var tag in b.Items)
        {
            if (a.Get(tag.Key) is not { } existing) items.Add(tag);
            else if (existing != tag.Value)
                throw Fail(source.Manifest, path ?? node.Path, node.Line, "`" + node.UniqueId + "` tags `" + tag.Key + "` = `" + tag.Value + "`, but another node on the same relation tags it `" + existing + "`; expected one value per tag");
        }
        return TagSet.Create(items);
    }

    private DatasetKind? KindOf(ManifestNode node)
    {
        if (node.ResourceType == "source") return node.External ? DatasetKind.ExternalTable : DatasetKind.Table;
        if (string.Equals(node.TableFormat, "iceberg", StringComparison.OrdinalIgnoreCase)) return DatasetKind.IcebergTable;
        switch (node.Materialized)
        {
            case "ephemeral": return null;
            case "view": return DatasetKind.View;
            case "materialized_view": return DatasetKind.MaterializedView;
            case "dynamic_table": return DatasetKind.DynamicTable;
            case "table": case "incremental": case "seed": case "snapshot": case null: return DatasetKind.Table;
            default:
                log.Warn(Gov, source.Manifest, node.Path + ".config.materialized", node.Line,
                    "materialization `" + node.Materialized + "` of `" + node.UniqueId + "` is not one dbt ships; imported as a table");
                return DatasetKind.Table;
        }
    }

    /// <summary>
    /// Database, schema and identifier as Snowflake stores what dbt emits: from <c>relation_name</c> when dbt
    /// rendered one, else from the node's fields. On the Snowflake adapter the quotes in <c>relation_name</c> are
    /// what dbt sent; other adapters quote by their own defaults, so there the node's <c>quoting</c> config decides,
    /// with dbt-snowflake's default (not quoted).
    /// </summary>
    private (string Database, string Schema, string Identifier) Resolve(ManifestNode node, bool snowflake)
    {
        var parts = node.RelationName is { } relation ? SnowflakeNames.SplitRelation(relation) : null;
        if (parts is { Count: 3 })
        {
            return snowflake
                ? (SnowflakeNames.Resolve(parts[0].Text, parts[0].Quoted), SnowflakeNames.Resolve(parts[1].Text, parts[1].Quoted), SnowflakeNames.Resolve(parts[2].Text, parts[2].Quoted))
                : (SnowflakeNames.Resolve(parts[0].Text, node.Quoting.Database), SnowflakeNames.Resolve(parts[1].Text, node.Quoting.Schema),
                    SnowflakeNames.Resolve(parts[2].Text, node.Quoting.Identifier));
        }
        if (node.Database.Length == 0)
            throw Fail(source.Manifest, node.Path + ".database", node.Line, "node `" + node.UniqueId + "` has no database and no three-part `relation_name`; expected the database dbt resolved");
        return (SnowflakeNames.Resolve(node.Database, node.Quoting.Database), SnowflakeNames.Resolve(node.Schema, node.Quoting.Schema),
            SnowflakeNames.Resolve(node.Identifier, node.Quoting.Identifier));
    }

    private IReadOnlyList<Column> Columns(ManifestNode node, SourceLocation nodeSource, CatalogNode? catalogNode, bool snowflake)
    {
        var mapping = source.Mapping;
        var documented = new Dictionary<string, ManifestColumn>(StringComparer.Ordinal);
        foreach (var col in node.Columns) documented.TryAdd(SnowflakeNames.Resolve(col.Name, col.Quote), col);
        var result = new List<Column>();
        if (catalogNode is not null)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var cat in catalogNode.Columns)
            {
                // A Snowflake catalog reports stored names; another engine's names are resolved as dbt-snowflake would emit them.
                var name = snowflake ? cat.Name : SnowflakeNames.Resolve(cat.Name, quoted: false);
                if (!documented.TryGetValue(name, out var doc) && !snowflake) documented.TryGetValue(cat.Name, out doc);
                if (doc is not null) found.Add(SnowflakeNames.Resolve(doc.Name, doc.Quote));
                var catPath = catalogNode.Path + ".columns" + JsonStream.Member(cat.Name);
                var type = ForeignTypes.ToSnowflake(cat.Type) ?? Untyped(node, name, "catalog type `" + cat.Type + "` has no Snowflake equivalent", source.Catalog!, catPath, cat.Line);
                var colSource = doc is not null
                    ? nodeSource.Inner(doc.Suffix, doc.Name, doc.Line)
                    : new SourceLocation(source.Catalog!, catPath, cat.Line, node.UniqueId + "." + cat.Name);
                result.Add(new Column(name, type, nullable: doc is null || !doc.NotNull, ColumnTags(doc, node), colSource));
            }
            foreach (var col in node.Columns)
            {
                if (found.Contains(SnowflakeNames.Resolve(col.Name, col.Quote))) continue;
                log.Warn(Gov, source.Manifest, node.Path + col.Suffix, col.Line, "column `" + col.Name + "` of `" + node.UniqueId
                    + "` is documented but the catalog does not have it (it is not in the database); not imported");
            }
            return result;
        }
        foreach (var col in node.Columns)
        {
            var name = SnowflakeNames.Resolve(col.Name, col.Quote);
            SnowflakeType type;
            if (col.DataType is { Length: > 0 } dataType)
            {
                type = ForeignTypes.ToSnowflake(dataType) ?? Untyped(node, name, "`data_type` `" + dataType + "` has no Snowflake equivalent", source.Manifest, node.Path + col.Suffix + ".data_type", col.Line);
            }
            else
            {
                type = mapping.UnknownType ?? throw Fail(source.Manifest, node.Path + col.Suffix, col.Line, "column `" + col.Name + "` of `" + node.UniqueId
                    + "` has no type; expected `data_type` in the manifest, the catalog.json of `dbt docs generate` (--catalog), or `unknownType` in the mapping file");
            }
            result.Add(new Column(name, type, nullable: !col.NotNull, ColumnTags(col, node), nodeSource.Inner(col.Suffix, col.Name, col.Line)));
        }
        return result;
    }

    private SnowflakeType Untyped(ManifestNode node, string column, string why, string file, string path, long line)
        => source.Mapping.UnknownType ?? throw Fail(file, path, line, "column `" + column + "` of `" + node.UniqueId + "`: " + why
            + "; expected a type Snowflake knows, or `unknownType` in the mapping file");

    private TagSet ColumnTags(ManifestColumn? col, ManifestNode node)
    {
        if (col is null || (col.Tags.Count == 0 && col.Meta.Count == 0)) return TagSet.Empty;
        var tags = new TagBuilder(source.Mapping, log, Gov);
        foreach (var tag in col.Tags) tags.AddListTag(tag, source.Manifest, node.Path + col.Suffix + ".tags", col.Line);
        foreach (var (key, value, nested) in col.Meta) tags.AddMeta(key, value, nested, source.Manifest, node.Path + col.Suffix + ".meta" + JsonStream.Member(key), col.Line);
        return tags.Build();
    }

    private string? GroupOwner(string? group)
        => group is not null && _groups.TryGetValue(group, out var owner) ? owner.Email ?? owner.Name : null;

    /// <summary>The first folder of the node's file under its resource folder: <c>models/marts/x.sql</c> → <c>marts</c>.</summary>
    internal static string? FolderOf(string? filePath)
    {
        if (filePath is null) return null;
        var parts = filePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 ? parts[1] : null;
    }

    // ───────────────────────────── JSON helpers ─────────────────────────────

    private static JsonElement Prop(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) ? v : default;

    private static string? Str(JsonElement element, string name)
        => Prop(element, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    private static bool Bool(JsonElement element, string name) => Prop(element, name).ValueKind == JsonValueKind.True;

    private static void AddStrings(List<string> into, JsonElement array)
    {
        if (array.ValueKind == JsonValueKind.String) { into.Add(array.GetString()!); return; }
        if (array.ValueKind != JsonValueKind.Array) return;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && !into.Contains(item.GetString()!)) into.Add(item.GetString()!);
        }
    }

    private static void AddMeta(List<(string, string?, bool)> into, JsonElement meta)
    {
        if (meta.ValueKind != JsonValueKind.Object) return;
        foreach (var p in meta.EnumerateObject())
        {
            (string, string?, bool) entry = p.Value.ValueKind switch
            {
                JsonValueKind.String => (p.Name, p.Value.GetString(), false),
                JsonValueKind.Number => (p.Name, p.Value.GetRawText(), false),
                JsonValueKind.True => (p.Name, "true", false),
                JsonValueKind.False => (p.Name, "false", false),
                JsonValueKind.Null => (p.Name, null, false),
                _ => (p.Name, null, true),
            };
            if (!into.Contains(entry)) into.Add(entry);
        }
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "`" + type + "`",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static GovernanceInputException Fail(string file, string path, long line, string problem) => new(Gov, file, path, line, problem);
}
