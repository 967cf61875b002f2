using System.Globalization;
using Governance.Snapshots;

namespace Governance.Import;

/// <summary>
/// Source tags and metadata as snapshot tags (docs/import.md, "Tags"): a plain tag <c>pii</c> is the tag <c>PII</c>
/// with an empty value; <c>key:value</c> (or <c>key=value</c>, <c>key='value'</c>) is the tag <c>KEY</c> with that
/// value; a metadata key with a scalar value is a tag with that value. Tag names resolve as unquoted identifiers (upper
/// case) unless the mapping file renames them; values are kept as written.
/// </summary>
internal sealed class TagBuilder(ImportMapping mapping, ImportLog log, string govId)
{
    private readonly List<KeyValuePair<string, string>> _items = new();
    private readonly List<string> _origins = new();

    /// <summary>When set, a second value for a tag is a warning (the first value stays) instead of an error.</summary>
    public bool WarnOnConflict { get; set; }

    /// <summary>The tag name a source name becomes.</summary>
    public string Name(string sourceName) => mapping.Rename.TryGetValue(sourceName, out var renamed) ? renamed : SnowflakeNames.Resolve(sourceName, quoted: false);

    /// <summary>A tag from a list of tags: <c>pii</c>, <c>key:value</c>, <c>key=value</c>.</summary>
    public void AddListTag(string text, string file, string? path, long? line)
    {
        var name = text;
        var value = "";
        var split = text.IndexOfAny([':', '=']);
        if (split > 0 && split < text.Length - 1 && !text.Contains("://", StringComparison.Ordinal))
        {
            name = text[..split].Trim();
            value = text[(split + 1)..].Trim();
            if (value.Length >= 2 && ((value[0] == '\'' && value[^1] == '\'') || (value[0] == '"' && value[^1] == '"'))) value = value[1..^1];
        }
        Add(Name(name), value, file, path, line, "tag `" + text + "`");
    }

    /// <summary>A metadata entry (dbt meta, ODCS customProperty); only the keys the mapping selects become tags.</summary>
    public void AddMeta(string key, string? scalar, bool nested, string file, string? path, long? line)
    {
        if (mapping.MetaKeys is { } keys && !keys.Contains(key)) return;
        if (nested)
        {
            log.Warn(govId, file, path, line, "`" + key + "` holds a list or an object; only text, number and boolean values become tags, so it is not imported");
            return;
        }
        if (scalar is null) return;
        Add(Name(key), scalar, file, path, line, "`" + key + "`");
    }

    /// <summary>A tag under a fixed name (ODCS <c>classification</c>).</summary>
    public void AddNamed(string sourceName, string value, string file, string? path, long? line) => Add(Name(sourceName), value, file, path, line, "`" + sourceName + "`");

    private void Add(string name, string value, string file, string? path, long? line, string what)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            if (!string.Equals(_items[i].Key, name, StringComparison.Ordinal)) continue;
            if (!string.Equals(_items[i].Value, value, StringComparison.Ordinal))
            {
                if (WarnOnConflict)
                {
                    log.Warn(govId, file, path, line, what + " would set tag `" + name + "` to `" + value + "`, but " + _origins[i] + " set it to `" + _items[i].Value
                        + "` on the same column; the column keeps `" + _items[i].Value + "`");
                    return;
                }
                throw new GovernanceInputException(govId, file, path, line,
                    what + " sets tag `" + name + "` to `" + value + "`, but " + _origins[i] + " already set it to `" + _items[i].Value + "`; expected one value per tag on an object");
            }
            return;
        }
        _items.Add(new KeyValuePair<string, string>(name, value));
        _origins.Add(what);
    }

    public TagSet Build() => _items.Count == 0 ? TagSet.Empty : TagSet.Create(_items);
}

/// <summary>What an importer knows about a product besides its datasets.</summary>
internal sealed class ProductDraft(string domain, string name, string database, string schema)
{
    public string Domain { get; } = domain;
    public string Name { get; } = name;
    public string Database { get; set; } = database;
    public string Schema { get; set; } = schema;
    public string? Version { get; set; }
    public string? Owner { get; set; }
    public TagSet Tags { get; set; } = TagSet.Empty;
    public SourceLocation? Source { get; set; }
    public List<Dataset> Datasets { get; } = new();
    /// <summary>Where the placement (database, schema) came from, for the message when two disagree.</summary>
    public SourceLocation? PlacedBy { get; set; }
}

/// <summary>
/// Groups imported datasets into products and domains — the same way for every source: a product is one database and
/// schema; domains and products sorted by name, datasets in the order the source lists them.
/// </summary>
internal sealed class SnapshotAssembler(string govId)
{
    private readonly Dictionary<(string Domain, string Product), ProductDraft> _products = new();

    /// <summary>The product <paramref name="domain"/>/<paramref name="product"/>, created at the given place on first use.</summary>
    public ProductDraft Product(string domain, string product, string database, string schema, SourceLocation? source)
    {
        if (_products.TryGetValue((domain, product), out var draft))
        {
            if (!string.Equals(draft.Database, database, StringComparison.Ordinal) || !string.Equals(draft.Schema, schema, StringComparison.Ordinal))
            {
                var where = source ?? new SourceLocation("<input>");
                throw new GovernanceInputException(govId, where.File, where.Path, where.Line,
                    (where.Name is null ? "this object" : "`" + where.Name + "`") + " is in `" + database + "`.`" + schema + "`, but product `" + MeshIdentity.Product(domain, product)
                    + "` is already in `" + draft.Database + "`.`" + draft.Schema + "` (" + (draft.PlacedBy?.ToString() ?? "an earlier object")
                    + "); a product is one schema: expected a mapping rule that gives each schema its own product");
            }
            return draft;
        }
        draft = new ProductDraft(domain, product, database, schema) { Source = source, PlacedBy = source };
        _products.Add((domain, product), draft);
        return draft;
    }

    public MetadataSnapshot Build(IReadOnlyList<RoleDefinition>? roles = null, DateTimeOffset? takenAt = null)
    {
        var domains = new List<Domain>();
        foreach (var group in _products.Values.GroupBy(p => p.Domain, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var products = group.OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema, p.Datasets.ToArray(), p.Tags, p.Source))
                .ToArray();
            domains.Add(new Domain(group.Key, null, products));
        }
        return new MetadataSnapshot(roles ?? Array.Empty<RoleDefinition>(), domains, takenAt);
    }

    internal static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
