using System.Globalization;
using Governance.Import.Yaml;
using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Import.Odcs;

/// <summary>Maps ODCS contracts to products (docs/import.md, "ODCS").</summary>
internal sealed class OdcsImporter(OdcsSource source, ImportLog log)
{
    private const string Gov = GovIds.InvalidDataContract;
    /// <summary>The domain of a contract that names none.</summary>
    public const string DefaultDomain = "unassigned";

    private readonly SnapshotAssembler _assembler = new(Gov);
    /// <summary>Datasets per product, by name, to merge two contracts' descriptions of one table.</summary>
    private readonly Dictionary<ProductDraft, Dictionary<string, DatasetParts>> _datasets = new(ReferenceEqualityComparer.Instance);

    public MetadataSnapshot Run()
    {
        for (var i = 0; i < source.Contracts.Count; i++)
        {
            var file = source.Contracts[i];
            ReadContract(file);
            if ((i + 1) % 100 == 0) log.Progress("read " + SnapshotAssembler.Count(i + 1) + " of " + SnapshotAssembler.Count(source.Contracts.Count) + " contracts");
        }
        foreach (var (product, datasets) in _datasets)
        {
            foreach (var parts in datasets.Values) product.Datasets.Add(parts.Build());
        }
        return _assembler.Build();
    }

    private void ReadContract(string file)
    {
        var text = InputFiles.ReadText(file, Gov, "an ODCS data contract");
        var root = YamlTree.Parse(text, file, Gov) ?? throw new GovernanceInputException(Gov, file, null, null, "the file is empty; expected an ODCS data contract");
        if (root is not YamlMapping contract) throw new GovernanceInputException(Gov, file, "$", root.Line, "expected an ODCS data contract (a mapping with `apiVersion`, `kind`, `id` …), found " + root.Describe());
        var reader = new Reader(file);

        var apiVersion = reader.OptionalText(contract, "apiVersion", "$");
        if (apiVersion is not null && !apiVersion.StartsWith("v3.0", StringComparison.Ordinal) && !apiVersion.StartsWith("v3.1", StringComparison.Ordinal))
        {
            throw reader.Fail(contract.Get("apiVersion")!, "$.apiVersion", "`apiVersion` `" + apiVersion + "` is not supported; expected ODCS v3.0.x or v3.1.x");
        }

        var errors = OdcsSchema.Check(contract);
        if (errors.Count > 0)
        {
            if (!source.Lenient)
            {
                var first = errors[0];
                var rest = errors.Count == 1 ? "" : "; also " + string.Join("; ", errors.Skip(1).Select(e => "line " + e.Line.ToString(CultureInfo.InvariantCulture) + " " + e.Path + ": " + e.Message));
                throw new GovernanceInputException(Gov, file, first.Path, first.Line, first.Message + " (ODCS " + OdcsSchema.Version + " schema" + rest
                    + "); expected a contract that follows the schema, or --lenient to import it with warnings");
            }
            foreach (var e in errors) log.Warn(Gov, file, e.Path, e.Line, "ODCS " + OdcsSchema.Version + " schema: " + e.Message);
        }

        var domain = reader.OptionalText(contract, "domain", "$");
        var productName = reader.OptionalText(contract, "dataProduct", "$") ?? reader.OptionalText(contract, "name", "$") ?? reader.OptionalText(contract, "id", "$")
            ?? Path.GetFileNameWithoutExtension(file);
        var rule = source.Mapping.Find(new MatchSubject { Domain = domain, DataProduct = productName });
        var domainName = rule?.Domain ?? domain ?? DefaultDomain;
        var product = rule?.Product ?? productName;
        var contractName = reader.OptionalText(contract, "id", "$") ?? reader.OptionalText(contract, "name", "$") ?? Path.GetFileName(file);
        var productSource = new SourceLocation(file, "$", contract.Line, contractName);

        var (database, schema) = Placement(reader, contract, rule, domainName, product, file);
        var draft = _assembler.Product(domainName, product, database, schema, productSource);
        if (!_datasets.ContainsKey(draft)) _datasets[draft] = new Dictionary<string, DatasetParts>(StringComparer.Ordinal);

        var version = reader.OptionalText(contract, "version", "$");
        var owner = rule?.Owner ?? Owner(reader, contract);
        var tags = new TagBuilder(source.Mapping, log, Gov);
        AddTags(reader, tags, contract, "$", file);
        var productTags = tags.Build();
        if (_datasets[draft].Count == 0 && draft.Version is null && draft.Owner is null && draft.Tags.Count == 0)
        {
            draft.Version = version;
            draft.Owner = owner;
            draft.Tags = productTags;
        }
        else
        {
            if (version is not null && draft.Version is not null && version != draft.Version)
                log.Warn(Gov, file, "$.version", contract.Get("version")?.Line, "product `" + MeshIdentity.Product(domainName, product) + "` already has version `" + draft.Version + "` from " + draft.Source + "; this contract's `" + version + "` is not used");
            draft.Version ??= version;
            draft.Owner ??= owner;
            draft.Tags = Merge(draft.Tags, productTags, file, contract.Line, "product `" + MeshIdentity.Product(domainName, product) + "`");
        }

        if (contract.Get("schema") is { } schemaValue && schemaValue is not YamlScalar { IsNull: true })
        {
            var objects = reader.Sequence(schemaValue, "$.schema", "a list of schema objects");
            for (var i = 0; i < objects.Items.Count; i++)
            {
                var path = "$.schema[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                var obj = reader.Mapping(objects.Items[i], path, "a schema object");
                AddDataset(reader, draft, obj, path, file);
            }
        }
    }

    /// <summary>Database and schema: the mapping rule's, else the contract's Snowflake server's, else from the domain and product.</summary>
    private (string Database, string Schema) Placement(Reader reader, YamlMapping contract, ProductRule? rule, string domain, string product, string file)
    {
        if (rule?.Database is { } db && rule.Schema is { } sc) return (db, sc);
        if (contract.Get("servers") is YamlSequence servers)
        {
            for (var i = 0; i < servers.Items.Count; i++)
            {
                if (servers.Items[i] is not YamlMapping server || !string.Equals(reader.OptionalText(server, "type", "$.servers"), "snowflake", StringComparison.OrdinalIgnoreCase)) continue;
                var path = "$.servers[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                var database = reader.OptionalText(server, "database", path);
                var schema = reader.OptionalText(server, "schema", path);
                if (database is null || schema is null)
                    throw reader.Fail(server, path, "the Snowflake server has no `database` or `schema`; expected both, to place the contract's tables");
                return (SnowflakeNames.Resolve(database, quoted: false), SnowflakeNames.Resolve(schema, quoted: false));
            }
        }
        var placed = (SnowflakeNames.Resolve(domain, quoted: false), SnowflakeNames.Resolve(product, quoted: false));
        log.Warn(Gov, file, "$.servers", contract.Get("servers")?.Line ?? contract.Line, "no Snowflake server: the contract's tables are placed in database `" + placed.Item1
            + "` schema `" + placed.Item2 + "` (from its domain and product); add a Snowflake server or a mapping rule with `database` and `schema`");
        return placed;
    }

    /// <summary>The owner: the team member whose role is owner (and who has not left), else the team's name.</summary>
    private static string? Owner(Reader reader, YamlMapping contract)
    {
        var team = contract.Get("team");
        IEnumerable<YamlValue> members = team switch
        {
            YamlMapping t when t.Get("members") is YamlSequence m => m.Items,
            YamlSequence s => s.Items, // v3.0: `team` is the list of members
            _ => Array.Empty<YamlValue>(),
        };
        foreach (var member in members.OfType<YamlMapping>())
        {
            var role = reader.OptionalText(member, "role", "$.team");
            if (role is null || !string.Equals(role, "owner", StringComparison.OrdinalIgnoreCase)) continue;
            if (member.Get("dateOut") is YamlScalar { IsNull: false }) continue;
            if ((reader.OptionalText(member, "username", "$.team") ?? reader.OptionalText(member, "name", "$.team")) is { } who) return who;
        }
        return team is YamlMapping named ? reader.OptionalText(named, "name", "$.team") : null;
    }

    private void AddDataset(Reader reader, ProductDraft product, YamlMapping obj, string path, string file)
    {
        var logical = reader.OptionalText(obj, "name", path);
        var physical = reader.OptionalText(obj, "physicalName", path);
        var written = physical ?? logical ?? throw reader.Fail(obj, path, "a schema object without `name` or `physicalName`; expected the table's name");
        var name = SnowflakeNames.Resolve(written, quoted: false);
        var kind = Kind(reader.OptionalText(obj, "physicalType", path), file, path, obj.Line);
        var objectName = logical ?? written;
        var datasetSource = new SourceLocation(file, path, obj.Line, objectName);

        var tags = new TagBuilder(source.Mapping, log, Gov);
        AddTags(reader, tags, obj, path, file);
        var columns = new List<Column>();
        if (obj.Get("properties") is { } propsValue && propsValue is not YamlScalar { IsNull: true })
        {
            var props = reader.Sequence(propsValue, path + ".properties", "a list of properties");
            for (var i = 0; i < props.Items.Count; i++)
            {
                var suffix = ".properties[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                columns.Add(ReadColumn(reader, reader.Mapping(props.Items[i], path + suffix, "a property"), path + suffix, file, datasetSource, suffix));
            }
        }

        var datasets = _datasets[product];
        if (datasets.TryGetValue(name, out var existing)) existing.Merge(kind, tags.Build(), columns, datasetSource, this);
        else datasets.Add(name, new DatasetParts(name, kind, tags.Build(), columns, datasetSource));
    }

    private Column ReadColumn(Reader reader, YamlMapping prop, string path, string file, SourceLocation dataset, string suffix)
    {
        var logical = reader.OptionalText(prop, "name", path);
        var physical = reader.OptionalText(prop, "physicalName", path);
        var written = physical ?? logical ?? throw reader.Fail(prop, path, "a property without `name` or `physicalName`; expected the column's name");
        var name = SnowflakeNames.Resolve(written, quoted: false);
        var type = TypeOf(reader, prop, path, file, written);
        var nullable = prop.Get("required") is not YamlScalar { Kind: ScalarKind.Boolean, ValueText: "true" };
        var tags = new TagBuilder(source.Mapping, log, Gov);
        AddTags(reader, tags, prop, path, file);
        // Nested properties are not columns in Snowflake: the column holds the whole OBJECT or ARRAY, so what they are tagged with tags it.
        tags.WarnOnConflict = true;
        AddNestedTags(reader, tags, prop, path, file);
        return new Column(name, type, nullable, tags.Build(), dataset.Inner(suffix, logical ?? written, prop.Line));
    }

    private void AddNestedTags(Reader reader, TagBuilder tags, YamlMapping prop, string path, string file)
    {
        if (prop.Get("properties") is YamlSequence nested)
        {
            for (var i = 0; i < nested.Items.Count; i++)
            {
                if (nested.Items[i] is not YamlMapping child) continue;
                var childPath = path + ".properties[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                AddTags(reader, tags, child, childPath, file);
                AddNestedTags(reader, tags, child, childPath, file);
            }
        }
        if (prop.Get("items") is YamlMapping items)
        {
            AddTags(reader, tags, items, path + ".items", file);
            AddNestedTags(reader, tags, items, path + ".items", file);
        }
    }

    /// <summary>The column type: <c>physicalType</c> when it is a type Snowflake knows, else the <c>logicalType</c> with its options.</summary>
    private SnowflakeType TypeOf(Reader reader, YamlMapping prop, string path, string file, string column)
    {
        var physical = reader.OptionalText(prop, "physicalType", path);
        if (physical is not null && ForeignTypes.ToSnowflake(physical) is { } fromPhysical) return fromPhysical;
        var logical = reader.OptionalText(prop, "logicalType", path);
        if (logical is null && (prop.Get("properties") is YamlSequence)) logical = "object";
        if (logical is null && prop.Get("items") is YamlMapping) logical = "array";
        var options = prop.Get("logicalTypeOptions") as YamlMapping;
        if (logical is not null && ForeignTypes.FromLogical(logical, key => Number(options, key), key => options is null ? null : reader.OptionalText(options, key, path)) is { } fromLogical)
            return fromLogical;
        return source.Mapping.UnknownType ?? throw reader.Fail(prop, path, "property `" + column + "` has no type Snowflake knows"
            + (physical is null ? "" : " (physicalType `" + physical + "`)") + (logical is null ? "" : " (logicalType `" + logical + "`)")
            + "; expected a Snowflake `physicalType`, a `logicalType`, or `unknownType` in the mapping file");
    }

    private static long? Number(YamlMapping? options, string key)
        => options?.Get(key) is YamlScalar { Kind: ScalarKind.Integer } s && long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private DatasetKind Kind(string? physicalType, string file, string path, long line)
    {
        switch (physicalType?.Trim().ToLowerInvariant().Replace(' ', '_'))
        {
            case null: case "table": case "object": case "base_table": return DatasetKind.Table;
            case "view": return DatasetKind.View;
            case "materialized_view": return DatasetKind.MaterializedView;
            case "dynamic_table": return DatasetKind.DynamicTable;
            case "iceberg_table": case "iceberg": return DatasetKind.IcebergTable;
            case "external_table": return DatasetKind.ExternalTable;
            default:
                log.Warn(Gov, file, path + ".physicalType", line, "physicalType `" + physicalType + "` is not a Snowflake relation kind; imported as a table");
                return DatasetKind.Table;
        }
    }

    /// <summary>An element's <c>tags</c>, <c>classification</c> and <c>customProperties</c> as tags.</summary>
    private static void AddTags(Reader reader, TagBuilder tags, YamlMapping element, string path, string file)
    {
        if (element.Get("tags") is YamlSequence list)
        {
            for (var i = 0; i < list.Items.Count; i++)
            {
                if (list.Items[i] is YamlScalar { IsNull: false } tag && tag.Text.Length > 0) tags.AddListTag(tag.Text, file, path + ".tags[" + i.ToString(CultureInfo.InvariantCulture) + "]", tag.Line);
            }
        }
        if (element.Get("classification") is YamlScalar { IsNull: false } classification && classification.Text.Length > 0)
            tags.AddNamed("classification", classification.ValueText, file, path + ".classification", classification.Line);
        if (element.Get("customProperties") is YamlSequence properties)
        {
            for (var i = 0; i < properties.Items.Count; i++)
            {
                if (properties.Items[i] is not YamlMapping p) continue;
                var itemPath = path + ".customProperties[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                var key = reader.OptionalText(p, "property", itemPath);
                if (key is null) continue;
                var value = p.Get("value");
                if (key == "tags" && value is YamlScalar { IsNull: false } listed)
                {
                    // datacontract-cli writes a dbt model's or column's tags as the custom property `tags`, comma-separated.
                    foreach (var tag in listed.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) tags.AddListTag(tag, file, itemPath, p.Line);
                    continue;
                }
                tags.AddMeta(key, value is YamlScalar { IsNull: false } s ? s.ValueText : null, value is YamlSequence or YamlMapping, file, itemPath, p.Line);
            }
        }
    }

    private TagSet Merge(TagSet first, TagSet second, string file, long line, string what)
    {
        if (second.Count == 0) return first;
        if (first.Count == 0) return second;
        var items = new List<KeyValuePair<string, string>>(first.Items);
        foreach (var tag in second.Items)
        {
            var existing = first.Get(tag.Key);
            if (existing is null) items.Add(tag);
            else if (existing != tag.Value)
                throw new GovernanceInputException(Gov, file, null, line, what + " is tagged `" + tag.Key + "` = `" + tag.Value + "` here and `" + existing + "` by another contract; expected one value per tag");
        }
        return TagSet.Create(items);
    }

    /// <summary>One table as one or more contracts describe it; descriptions merge when they agree.</summary>
    private sealed class DatasetParts(string name, DatasetKind kind, TagSet tags, List<Column> columns, SourceLocation source)
    {
        private TagSet _tags = tags;

        public void Merge(DatasetKind otherKind, TagSet otherTags, List<Column> otherColumns, SourceLocation at, OdcsImporter importer)
        {
            if (otherKind != kind)
                throw new GovernanceInputException(Gov, at.File, at.Path, at.Line, "table `" + name + "` is a " + otherKind.ToJson() + " here and a " + kind.ToJson() + " in " + source + "; expected one kind");
            _tags = importer.Merge(_tags, otherTags, at.File, at.Line ?? 0, "table `" + name + "`");
            foreach (var column in otherColumns)
            {
                var index = columns.FindIndex(c => c.Name == column.Name);
                if (index < 0) { columns.Add(column); continue; }
                var mine = columns[index];
                if (!mine.Type.Equals(column.Type))
                {
                    throw new GovernanceInputException(Gov, at.File, column.Source?.Path, column.Source?.Line, "column `" + name + "." + column.Name + "` is `" + column.Type.Text
                        + "` here and `" + mine.Type.Text + "` in " + mine.Source + "; expected one type");
                }
                var merged = importer.Merge(mine.Tags, column.Tags, at.File, column.Source?.Line ?? 0, "column `" + name + "." + column.Name + "`");
                columns[index] = new Column(mine.Name, mine.Type, mine.Nullable && column.Nullable, merged, mine.Source);
            }
        }

        public Dataset Build() => new(name, kind, columns.ToArray(), _tags, source: source);
    }

    /// <summary>Typed access to the contract, failing with GOV9014 at the value's path and line.</summary>
    private sealed class Reader(string file)
    {
        public GovernanceInputException Fail(YamlValue at, string path, string problem) => new(Gov, file, path, at.Line, problem);

        public YamlMapping Mapping(YamlValue value, string path, string expected)
            => value as YamlMapping ?? throw Fail(value, path, "expected " + expected + " (a mapping), found " + value.Describe());

        public YamlSequence Sequence(YamlValue value, string path, string expected)
            => value as YamlSequence ?? throw Fail(value, path, "expected " + expected + ", found " + value.Describe());

        /// <summary>A scalar's text, null when absent or null; a list or mapping where text belongs is an error.</summary>
        public string? OptionalText(YamlMapping mapping, string key, string path)
        {
            var value = mapping.Get(key);
            return value switch
            {
                null => null,
                YamlScalar { IsNull: true } => null,
                YamlScalar s => s.Text.Length == 0 ? null : s.Text,
                _ => throw Fail(value, path + Dbt.JsonStream.Member(key), "expected text, found " + value.Describe()),
            };
        }
    }
}
