using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Import.Snowflake;

/// <summary>The header of a result: column names, found case-insensitively.</summary>
internal sealed class ResultColumns
{
    private readonly Dictionary<string, int> _index = new(StringComparer.OrdinalIgnoreCase);

    public ResultColumns(IReadOnlyList<string> names, string origin)
    {
        Origin = origin;
        for (var i = 0; i < names.Count; i++) _index.TryAdd(names[i].Trim(), i);
    }

    public string Origin { get; }
    public int Count => _index.Count;
    public int? IndexOf(string name) => _index.TryGetValue(name, out var i) ? i : null;
    public bool Has(string name) => _index.ContainsKey(name);
}

/// <summary>One row of a saved or live result; <see cref="Line"/> is the file line (or the row number of a query).</summary>
internal sealed class ResultRow(ResultColumns columns, string?[] values, string origin, long? line, string? path = null)
{
    public string Origin { get; } = origin;
    public long? Line { get; } = line;
    /// <summary>The row's JSON path (<c>$[3]</c>) or query row (<c>row 3</c>) when it has no line.</summary>
    public string? Path { get; } = path;
    public ResultColumns Columns { get; } = columns;

    public string? Get(string name) => Columns.IndexOf(name) is { } i && i < values.Length ? values[i] : null;

    /// <summary>A value the row must have.</summary>
    public string Required(string name)
    {
        if (Columns.IndexOf(name) is null)
            throw Fail("the result has no `" + name + "` column; expected the columns of the documented query (docs/import.md)");
        var value = Get(name);
        return string.IsNullOrEmpty(value) ? throw Fail("`" + name + "` is empty; expected a value") : value;
    }

    public long? Number(string name)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text)) return null;
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d) && d >= long.MinValue && d <= long.MaxValue
            ? (long)d : throw Fail("`" + name + "` is `" + text + "`; expected a whole number");
    }

    public GovernanceInputException Fail(string problem) => new(GovIds.InvalidSnowflakeCatalog, Origin, Path, Line, problem);
}

/// <summary>
/// Reads a saved result: CSV (RFC 4180, a header row, as Snowsight downloads it) or JSON (an array of row objects, or
/// an object whose <c>rows</c>/<c>data</c> array holds them).
/// </summary>
internal static class ResultFile
{
    public static IReadOnlyList<ResultRow> Read(string file, ImportLog log)
    {
        var text = InputFiles.ReadText(file, GovIds.InvalidSnowflakeCatalog, "a saved Snowflake query result (CSV or JSON)");
        var start = text.AsSpan().TrimStart();
        var rows = start.Length > 0 && (start[0] == '[' || start[0] == '{') ? ReadJson(text, file) : ReadCsv(text, file);
        log.Progress("read " + SnapshotAssembler.Count(rows.Count) + " rows from " + file);
        return rows;
    }

    private static List<ResultRow> ReadCsv(string text, string file)
    {
        var rows = new List<ResultRow>();
        var i = 0;
        var line = 1L;
        if (text.Length > 0 && text[0] == '\uFEFF') i = 1;
        ResultColumns? header = null;
        while (i < text.Length)
        {
            var rowLine = line;
            var fields = new List<string?>();
            var field = new StringBuilder();
            var quoted = false;
            var wasQuoted = false;
            while (true)
            {
                if (i >= text.Length)
                {
                    if (quoted) throw new GovernanceInputException(GovIds.InvalidSnowflakeCatalog, file, null, rowLine, "a quoted field is not closed before the end of the file; expected a closing `\"`");
                    fields.Add(Field(field, wasQuoted));
                    break;
                }
                var c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        quoted = false;
                        i++;
                        continue;
                    }
                    if (c == '\n') line++;
                    field.Append(c);
                    i++;
                    continue;
                }
                if (c == '"' && field.Length == 0) { quoted = true; wasQuoted = true; i++; continue; }
                if (c == ',') { fields.Add(Field(field, wasQuoted)); field.Clear(); wasQuoted = false; i++; continue; }
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                if (c == '\n' || c == '\r') { i++; line++; fields.Add(Field(field, wasQuoted)); break; }
                field.Append(c);
                i++;
            }
            if (fields.Count == 1 && fields[0] is null or "") continue; // a blank line
            if (header is null)
            {
                header = new ResultColumns(fields.Select(f => f ?? "").ToList(), file);
                continue;
            }
            if (fields.Count != header.Count)
            {
                throw new GovernanceInputException(GovIds.InvalidSnowflakeCatalog, file, null, rowLine, "the row has " + fields.Count.ToString(CultureInfo.InvariantCulture)
                    + " fields; expected " + header.Count.ToString(CultureInfo.InvariantCulture) + ", one per header column");
            }
            rows.Add(new ResultRow(header, fields.ToArray(), file, rowLine));
        }
        if (header is null) throw new GovernanceInputException(GovIds.InvalidSnowflakeCatalog, file, null, null, "the file is empty; expected a header row and result rows");
        return rows;
    }

    /// <summary>An unquoted empty field is SQL NULL (Snowsight writes NULL as nothing); a quoted one is the empty string.</summary>
    private static string? Field(StringBuilder field, bool quoted) => field.Length == 0 && !quoted ? null : field.ToString();

    private static List<ResultRow> ReadJson(string text, string file)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new GovernanceInputException(GovIds.InvalidSnowflakeCatalog, file, null, (e.LineNumber ?? 0) + 1, "malformed JSON: " + e.Message.Split(" LineNumber:")[0].TrimEnd('.') + "; expected an array of result rows", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                root = root.TryGetProperty("rows", out var r) ? r : root.TryGetProperty("data", out var d) ? d
                    : throw new GovernanceInputException(GovIds.InvalidSnowflakeCatalog, file, "$", 1, "expected an array of result rows, or an object with a `rows` array");
            }
            if (root.ValueKind != JsonValueKind.Array) throw new GovernanceInputException(GovIds.InvalidSnowflakeCatalog, file, "$", 1, "expected an array of result rows");
            var rows = new List<ResultRow>();
            var n = 0;
            foreach (var item in root.EnumerateArray())
            {
                var path = "$[" + n.ToString(CultureInfo.InvariantCulture) + "]";
                if (item.ValueKind != JsonValueKind.Object)
                    throw new GovernanceInputException(GovIds.InvalidSnowflakeCatalog, file, path, null, "expected a row object of column names to values, found " + item.ValueKind.ToString().ToLowerInvariant());
                var names = new List<string>();
                var values = new List<string?>();
                foreach (var p in item.EnumerateObject())
                {
                    names.Add(p.Name);
                    values.Add(p.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.String => p.Value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText().ToLowerInvariant(),
                        _ => throw new GovernanceInputException(GovIds.InvalidSnowflakeCatalog, file, path + "." + p.Name, null, "expected text, a number or null, found " + p.Value.ValueKind.ToString().ToLowerInvariant()),
                    });
                }
                rows.Add(new ResultRow(new ResultColumns(names, file), values.ToArray(), file, null, path));
                n++;
            }
            return rows;
        }
    }
}

/// <summary>
/// Builds products from catalog rows (docs/import.md, "Snowflake catalog"): a product per database and schema
/// (domain: the database, product: the schema, unless the mapping file says otherwise), a dataset per table with its
/// kind, columns in ordinal order with their types rebuilt from DATA_TYPE and its length, precision and scale, and tags
/// at the level they are set on.
/// </summary>
internal sealed class CatalogBuilder(ImportMapping mapping, ImportLog log)
{
    private const string Gov = GovIds.InvalidSnowflakeCatalog;

    private sealed class TableParts(string database, string schema, string name, DatasetKind kind, SourceLocation source)
    {
        public string Database { get; } = database;
        public string Schema { get; } = schema;
        public string Name { get; } = name;
        public DatasetKind Kind { get; } = kind;
        public SourceLocation Source { get; } = source;
        public List<(long Position, string Name, SnowflakeType Type, bool Nullable, SourceLocation Source)> Columns { get; } = new();
        public Dictionary<string, Dictionary<string, string>> ColumnTags { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    }

    private readonly Dictionary<(string, string, string), TableParts> _tables = new();
    private readonly Dictionary<(string, string), Dictionary<string, string>> _schemaTags = new();
    private bool _warnedKind;

    public IEnumerable<(string Database, string Schema, string Table)> Tables() => _tables.Keys.ToList();

    public void AddColumn(ResultRow row)
    {
        var database = row.Required("TABLE_CATALOG");
        var schema = row.Required("TABLE_SCHEMA");
        var table = row.Required("TABLE_NAME");
        var column = row.Required("COLUMN_NAME");
        var key = (database, schema, table);
        if (!_tables.TryGetValue(key, out var parts))
        {
            var tableType = row.Get("TABLE_TYPE");
            if (!row.Columns.Has("TABLE_TYPE") && !_warnedKind)
            {
                _warnedKind = true;
                log.Warn(Gov, row.Origin, null, null, "the result has no `TABLE_TYPE` column, so every dataset is imported as a table; save the documented query, which joins INFORMATION_SCHEMA.TABLES");
            }
            parts = new TableParts(database, schema, table, KindOf(tableType, row), new SourceLocation(row.Origin, row.Path, row.Line, database + "." + schema + "." + table));
            _tables.Add(key, parts);
        }
        var position = row.Number("ORDINAL_POSITION") ?? parts.Columns.Count + 1;
        var nullable = !string.Equals(row.Get("IS_NULLABLE"), "NO", StringComparison.OrdinalIgnoreCase);
        parts.Columns.Add((position, column, TypeOf(row), nullable, new SourceLocation(row.Origin, row.Path, row.Line, database + "." + schema + "." + table + "." + column)));
    }

    private static DatasetKind KindOf(string? tableType, ResultRow row) => tableType?.ToUpperInvariant() switch
    {
        null or "" or "BASE TABLE" or "TABLE" or "TEMPORARY TABLE" or "LOCAL TEMPORARY" or "EVENT TABLE" or "HYBRID TABLE" => DatasetKind.Table,
        "VIEW" => DatasetKind.View,
        "MATERIALIZED VIEW" => DatasetKind.MaterializedView,
        "DYNAMIC TABLE" => DatasetKind.DynamicTable,
        "EXTERNAL TABLE" => DatasetKind.ExternalTable,
        "ICEBERG TABLE" => DatasetKind.IcebergTable,
        _ => throw row.Fail("`TABLE_TYPE` is `" + tableType + "`; expected BASE TABLE, VIEW, MATERIALIZED VIEW, DYNAMIC TABLE, EXTERNAL TABLE or ICEBERG TABLE"),
    };

    /// <summary>The column's type from DATA_TYPE (the standard name) and its length, precision and scale.</summary>
    private SnowflakeType TypeOf(ResultRow row)
    {
        var dataType = row.Required("DATA_TYPE").Trim();
        var upper = dataType.ToUpperInvariant();
        string text = upper switch
        {
            "TEXT" or "VARCHAR" or "STRING" when row.Number("CHARACTER_MAXIMUM_LENGTH") is { } length => "VARCHAR(" + length.ToString(CultureInfo.InvariantCulture) + ")",
            "BINARY" or "VARBINARY" when row.Number("CHARACTER_MAXIMUM_LENGTH") is { } length => "BINARY(" + length.ToString(CultureInfo.InvariantCulture) + ")",
            "NUMBER" or "DECIMAL" or "NUMERIC" when row.Number("NUMERIC_PRECISION") is { } precision
                => "NUMBER(" + precision.ToString(CultureInfo.InvariantCulture) + "," + (row.Number("NUMERIC_SCALE") ?? 0).ToString(CultureInfo.InvariantCulture) + ")",
            _ => dataType,
        };
        if (SnowflakeType.TryParse(text, out var type, out var error)) return type!;
        return mapping.UnknownType ?? throw row.Fail("`DATA_TYPE` `" + dataType + "`: " + (error ?? "not a Snowflake type") + "; expected a Snowflake data type");
    }

    /// <summary>A tag reference row: on a column, a table or view, or inherited from the schema or database.</summary>
    public void AddTag(ResultRow row)
    {
        var tagDatabase = row.Get("TAG_DATABASE");
        var tagSchema = row.Get("TAG_SCHEMA");
        var tagName = row.Required("TAG_NAME");
        // Snowflake's system tags (classification) keep their qualified name; the board's tags are named as stored.
        var name = string.Equals(tagDatabase, "SNOWFLAKE", StringComparison.Ordinal) ? tagDatabase + "." + tagSchema + "." + tagName : tagName;
        var value = row.Get("TAG_VALUE") ?? "";
        var domain = (row.Get("DOMAIN") ?? "COLUMN").ToUpperInvariant();
        var level = (row.Get("LEVEL") ?? domain).ToUpperInvariant();
        var database = row.Required("OBJECT_DATABASE");
        var schema = row.Required("OBJECT_SCHEMA");
        switch (level)
        {
            case "DATABASE":
            case "SCHEMA":
            {
                // Inherited from the schema or database: the product's tag (the product is the schema).
                if (!_schemaTags.TryGetValue((database, schema), out var tags)) _schemaTags[(database, schema)] = tags = new Dictionary<string, string>(StringComparer.Ordinal);
                Set(tags, name, value, row, "schema `" + database + "." + schema + "`");
                return;
            }
        }
        var table = row.Required("OBJECT_NAME");
        if (!_tables.TryGetValue((database, schema, table), out var parts))
        {
            log.Warn(Gov, row.Origin, row.Path, row.Line, "tag `" + name + "` is on `" + database + "." + schema + "." + table + "`, which the columns result does not have; not imported");
            return;
        }
        if (level is "TABLE" or "VIEW" || domain is "TABLE")
        {
            Set(parts.Tags, name, value, row, "`" + database + "." + schema + "." + table + "`");
            return;
        }
        var column = row.Required("COLUMN_NAME");
        if (!parts.Columns.Exists(c => c.Name == column))
        {
            log.Warn(Gov, row.Origin, row.Path, row.Line, "tag `" + name + "` is on column `" + column + "` of `" + database + "." + schema + "." + table + "`, which the columns result does not have; not imported");
            return;
        }
        if (!parts.ColumnTags.TryGetValue(column, out var columnTags)) parts.ColumnTags[column] = columnTags = new Dictionary<string, string>(StringComparer.Ordinal);
        Set(columnTags, name, value, row, "column `" + column + "`");
    }

    private static void Set(Dictionary<string, string> tags, string name, string value, ResultRow row, string what)
    {
        if (tags.TryGetValue(name, out var existing) && existing != value)
            throw row.Fail("tag `" + name + "` on " + what + " is `" + value + "` here and `" + existing + "` in an earlier row; expected one value per tag (two tags of one name in different schemas?)");
        tags[name] = value;
    }

    public MetadataSnapshot Build()
    {
        var assembler = new SnapshotAssembler(Gov);
        foreach (var parts in _tables.Values)
        {
            var rule = mapping.Find(new MatchSubject { Database = parts.Database, Schema = parts.Schema });
            var product = assembler.Product(rule?.Domain ?? parts.Database, rule?.Product ?? parts.Schema, parts.Database, parts.Schema, parts.Source);
            if (product.Datasets.Count == 0)
            {
                product.Owner = rule?.Owner;
                product.Source = new SourceLocation(parts.Source.File, null, null, parts.Database + "." + parts.Schema);
                if (_schemaTags.TryGetValue((parts.Database, parts.Schema), out var schemaTags)) product.Tags = TagSet.Create(schemaTags);
            }
            var columns = parts.Columns.OrderBy(c => c.Position)
                .Select(c => new Column(c.Name, c.Type, c.Nullable, parts.ColumnTags.TryGetValue(c.Name, out var t) ? TagSet.Create(t) : TagSet.Empty, c.Source))
                .ToArray();
            product.Datasets.Add(new Dataset(parts.Name, parts.Kind, columns, parts.Tags.Count == 0 ? TagSet.Empty : TagSet.Create(parts.Tags), source: parts.Source));
        }
        return assembler.Build();
    }
}
