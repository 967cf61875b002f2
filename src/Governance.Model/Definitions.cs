using System;
using System.Collections.Generic;
using System.Globalization;

namespace Governance;

/// <summary>
/// A data product as its C# definition gives it (<c>[DataProduct]</c> and the attributes inside), before names and
/// types are inferred. Two readers fill it — the runtime reader from a compiled assembly (reflection) and the analyzers
/// from symbols — and <see cref="ProductDefinitions.Build"/> turns it into the snapshot model the same way for both.
/// <see cref="Source"/> is the reader's own handle (a <c>Type</c>, a symbol), carried through to problems.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class ProductDefinition
{
    public ProductDefinition(object source, string domain, string name, string? owner, string? version, string? database, string? schema,
        IReadOnlyList<TagDefinitionUse> tags, IReadOnlyList<DatasetDefinition> datasets)
    {
        Source = source; Domain = domain; Name = name; Owner = owner; Version = version; Database = database; Schema = schema;
        Tags = tags; Datasets = datasets;
    }

    public object Source { get; }
    public string Domain { get; }
    public string Name { get; }
    public string? Owner { get; }
    public string? Version { get; }
    /// <summary>Null: the domain's name in UPPER_SNAKE (<c>sales</c> → <c>SALES</c>).</summary>
    public string? Database { get; }
    /// <summary>Null: the product's name in UPPER_SNAKE (<c>orders</c> → <c>ORDERS</c>).</summary>
    public string? Schema { get; }
    public IReadOnlyList<TagDefinitionUse> Tags { get; }
    public IReadOnlyList<DatasetDefinition> Datasets { get; }
}

/// <summary>A dataset as <c>[Dataset]</c> on a class gives it.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class DatasetDefinition
{
    public DatasetDefinition(object source, string className, string? name, int kind, IReadOnlyList<TagDefinitionUse> tags, IReadOnlyList<ColumnDefinition> columns)
    {
        Source = source; ClassName = className; Name = name; Kind = kind; Tags = tags; Columns = columns;
    }

    public object Source { get; }
    public string ClassName { get; }
    /// <summary>Null: the class name in UPPER_SNAKE (<c>OrderLines</c> → <c>ORDER_LINES</c>).</summary>
    public string? Name { get; }
    /// <summary>The <see cref="DatasetKind"/> as its number (attribute constants are numbers to the analyzers).</summary>
    public int Kind { get; }
    public IReadOnlyList<TagDefinitionUse> Tags { get; }
    public IReadOnlyList<ColumnDefinition> Columns { get; }
}

/// <summary>A column as <c>[Column]</c> on a property gives it.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class ColumnDefinition
{
    public ColumnDefinition(object source, string propertyName, string? name, string? type, string clrType, bool nullable, IReadOnlyList<TagDefinitionUse> tags)
    {
        Source = source; PropertyName = propertyName; Name = name; Type = type; ClrType = clrType; Nullable = nullable; Tags = tags;
    }

    public object Source { get; }
    public string PropertyName { get; }
    /// <summary>Null: the property name in UPPER_SNAKE (<c>CustomerEmail</c> → <c>CUSTOMER_EMAIL</c>).</summary>
    public string? Name { get; }
    /// <summary>Null: inferred from <see cref="ClrType"/> (see <see cref="ProductDefinitions.InferType"/>).</summary>
    public string? Type { get; }
    /// <summary>The property type's full metadata name without nullability: <c>System.String</c>, <c>System.Int32</c>, <c>System.Byte[]</c>.</summary>
    public string ClrType { get; }
    /// <summary>A nullable value type or a reference type not annotated as non-nullable.</summary>
    public bool Nullable { get; }
    public IReadOnlyList<TagDefinitionUse> Tags { get; }
}

/// <summary>One <c>[Tag(name, value)]</c>; <see cref="Source"/> is the attribute, so a problem can point at it.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class TagDefinitionUse
{
    public TagDefinitionUse(object source, string name, string value)
    {
        Source = source; Name = name; Value = value;
    }

    public object Source { get; }
    public string Name { get; }
    public string Value { get; }
}

/// <summary>A definition that cannot become a snapshot: what is wrong, and the reader's handle of where.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class DefinitionProblem
{
    public DefinitionProblem(object source, string message)
    {
        Source = source; Message = message;
    }

    public object Source { get; }
    public string Message { get; }
}

/// <summary>The definitions of a compilation or assembly as a snapshot, with where each target came from.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class DefinedMesh
{
    internal DefinedMesh(MetadataSnapshot snapshot, IReadOnlyList<DefinitionProblem> problems, Dictionary<string, object> sources,
        Dictionary<string, Dictionary<string, object>> tagSources)
    {
        Snapshot = snapshot; Problems = problems; _sources = sources; _tagSources = tagSources;
    }

    private readonly Dictionary<string, object> _sources;
    private readonly Dictionary<string, Dictionary<string, object>> _tagSources;

    /// <summary>The valid definitions; a definition with a problem is left out (with its datasets and columns).</summary>
    public MetadataSnapshot Snapshot { get; }
    public IReadOnlyList<DefinitionProblem> Problems { get; }

    /// <summary>The definition's <c>Source</c> for a target (<c>DB.SCHEMA[.DATASET[.COLUMN]]</c>), or null.</summary>
    public object? SourceOf(string target) => _sources.TryGetValue(target, out var s) ? s : null;

    /// <summary>The <c>[Tag]</c> that sets <paramref name="tag"/> on the target itself, or null.</summary>
    public object? TagSourceOf(string target, string tag)
        => _tagSources.TryGetValue(target, out var tags) && tags.TryGetValue(tag, out var s) ? s : null;
}

/// <summary>
/// How C# product definitions become the snapshot model: the defaults, written once for the reflection reader and the
/// analyzers.
/// <list type="bullet">
/// <item>A product's database is its domain and its schema its name, both in UPPER_SNAKE; a dataset's name is its class
/// name and a column's its property name, in UPPER_SNAKE (<c>CustomerEmail</c> → <c>CUSTOMER_EMAIL</c>).</item>
/// <item>A column's type, when not given, comes from the property type (<see cref="InferType"/>).</item>
/// <item>A column is nullable when its property is a nullable value type or a reference type not declared
/// non-nullable.</item>
/// </list>
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class ProductDefinitions
{
    /// <summary>The problem of a <c>[Dataset]</c> class that is neither nested in a product class nor names one.</summary>
    public const string OrphanDataset = "dataset class belongs to no product: nest it in a [DataProduct] class or set Product = typeof(...) to one";

    /// <summary>The stored name of a C# name: UPPER_SNAKE (<c>CustomerEmail</c> → <c>CUSTOMER_EMAIL</c>).</summary>
    public static string InferName(string clrName) => Semantics.ToCase(clrName, CaseStyle.UpperSnake);

    /// <summary>
    /// The Snowflake type of a property type: <c>string</c> VARCHAR, <c>bool</c> BOOLEAN, integers NUMBER(38,0),
    /// <c>decimal</c> NUMBER(38,9), <c>float</c>/<c>double</c> FLOAT, <c>DateOnly</c> DATE, <c>TimeOnly</c> TIME,
    /// <c>DateTime</c> TIMESTAMP_NTZ, <c>DateTimeOffset</c> TIMESTAMP_TZ, <c>Guid</c> VARCHAR(36), <c>byte[]</c> BINARY;
    /// null for any other type (give the type in <c>[Column]</c>).
    /// </summary>
    public static string? InferType(string clrType) => clrType switch
    {
        "System.String" => "VARCHAR",
        "System.Boolean" => "BOOLEAN",
        "System.Byte" or "System.SByte" or "System.Int16" or "System.UInt16" or "System.Int32" or "System.UInt32"
            or "System.Int64" or "System.UInt64" => "NUMBER(38,0)",
        "System.Decimal" => "NUMBER(38,9)",
        "System.Single" or "System.Double" => "FLOAT",
        "System.DateOnly" => "DATE",
        "System.TimeOnly" => "TIME",
        "System.DateTime" => "TIMESTAMP_NTZ",
        "System.DateTimeOffset" => "TIMESTAMP_TZ",
        "System.Guid" => "VARCHAR(36)",
        "System.Byte[]" => "BINARY",
        _ => null,
    };

    /// <summary>
    /// Builds the snapshot of the definitions, ordered by domain, product, dataset name (columns keep their declaration
    /// order). A definition with a problem is reported and left out; the rest is still built.
    /// <paramref name="domainOwners"/> gives domain owners (<c>[assembly: DataDomain]</c>); <paramref name="locate"/>, where
    /// the definitions' sources are in files (a product's, a dataset's, a column's <c>Source</c>).
    /// </summary>
    public static DefinedMesh Build(IEnumerable<ProductDefinition> definitions, IReadOnlyDictionary<string, string>? domainOwners = null,
        IEnumerable<DefinitionProblem>? readerProblems = null, Func<object, SourceLocation?>? locate = null)
    {
        var problems = readerProblems is null ? new List<DefinitionProblem>() : new List<DefinitionProblem>(readerProblems);
        var sources = new Dictionary<string, object>(StringComparer.Ordinal);
        var tagSources = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        var byDomain = new SortedDictionary<string, List<DataProduct>>(StringComparer.Ordinal);
        var productKeys = new HashSet<string>(StringComparer.Ordinal);

        var sorted = new List<ProductDefinition>(definitions);
        sorted.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Domain, b.Domain);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });

        foreach (var p in sorted)
        {
            var database = p.Database ?? InferName(p.Domain);
            var schema = p.Schema ?? InferName(p.Name);
            var ok = Identifier(p.Source, "domain", p.Domain, problems) & Identifier(p.Source, "product", p.Name, problems)
                & Identifier(p.Source, "database", database, problems) & Identifier(p.Source, "schema", schema, problems);
            if (!ok) continue;
            var productTarget = database + "." + schema;
            if (!productKeys.Add(p.Domain + "/" + p.Name))
            {
                problems.Add(new DefinitionProblem(p.Source, "product `" + p.Domain + "/" + p.Name + "` is defined twice"));
                continue;
            }
            if (sources.ContainsKey(productTarget))
            {
                problems.Add(new DefinitionProblem(p.Source, "another product already uses schema `" + productTarget + "`"));
                continue;
            }
            var productTags = Tags(p.Tags, productTarget, problems, tagSources);
            if (productTags is null) continue;
            sources[productTarget] = p.Source;

            var builtDatasets = new List<Dataset>();
            var datasetDefs = new List<DatasetDefinition>(p.Datasets);
            datasetDefs.Sort((a, b) => string.CompareOrdinal(a.Name ?? InferName(a.ClassName), b.Name ?? InferName(b.ClassName)));
            foreach (var d in datasetDefs)
            {
                var name = d.Name ?? InferName(d.ClassName);
                if (!Identifier(d.Source, "dataset", name, problems)) continue;
                if (d.Kind < 0 || d.Kind > (int)DatasetKind.ExternalTable)
                {
                    problems.Add(new DefinitionProblem(d.Source, "dataset kind " + d.Kind.ToString(CultureInfo.InvariantCulture) + " is not a DatasetKind"));
                    continue;
                }
                var target = productTarget + "." + name;
                if (sources.ContainsKey(target))
                {
                    problems.Add(new DefinitionProblem(d.Source, "dataset `" + name + "` is defined twice in product `" + p.Domain + "/" + p.Name + "`"));
                    continue;
                }
                var datasetTags = Tags(d.Tags, target, problems, tagSources);
                if (datasetTags is null) continue;
                sources[target] = d.Source;
                var columns = new List<Column>();
                foreach (var c in d.Columns)
                {
                    var columnName = c.Name ?? InferName(c.PropertyName);
                    if (!Identifier(c.Source, "column", columnName, problems)) continue;
                    var typeText = c.Type ?? InferType(c.ClrType);
                    if (typeText is null)
                    {
                        problems.Add(new DefinitionProblem(c.Source, "cannot infer a Snowflake type for property type `" + c.ClrType
                            + "`; give it, as in [Column(\"" + columnName + "\", \"VARCHAR(100)\")]"));
                        continue;
                    }
                    if (!SnowflakeType.TryParse(typeText, out var type, out var error))
                    {
                        problems.Add(new DefinitionProblem(c.Source, "column `" + columnName + "`: " + error));
                        continue;
                    }
                    var columnTarget = target + "." + columnName;
                    if (sources.ContainsKey(columnTarget))
                    {
                        problems.Add(new DefinitionProblem(c.Source, "column `" + columnName + "` is defined twice in dataset `" + name + "`"));
                        continue;
                    }
                    var columnTags = Tags(c.Tags, columnTarget, problems, tagSources);
                    if (columnTags is null) continue;
                    sources[columnTarget] = c.Source;
                    columns.Add(new Column(columnName, type!, c.Nullable, columnTags, line: locate?.Invoke(c.Source)?.Line is { } line and <= int.MaxValue ? (int)line : 0));
                }
                builtDatasets.Add(new Dataset(name, (DatasetKind)d.Kind, columns, datasetTags, location: locate?.Invoke(d.Source)));
            }
            if (!byDomain.TryGetValue(p.Domain, out var products)) byDomain[p.Domain] = products = new List<DataProduct>();
            products.Add(new DataProduct(p.Name, p.Version, p.Owner, database, schema, builtDatasets, productTags, location: locate?.Invoke(p.Source)));
        }

        var domains = new List<Domain>();
        foreach (var kv in byDomain)
        {
            string? owner = null;
            domainOwners?.TryGetValue(kv.Key, out owner);
            domains.Add(new Domain(kv.Key, owner, kv.Value));
        }
        return new DefinedMesh(new MetadataSnapshot(Array.Empty<RoleDefinition>(), domains), problems, sources, tagSources);
    }

    private static bool Identifier(object source, string what, string name, List<DefinitionProblem> problems)
    {
        if (SnowflakeIdentifier.Problem(name) is not { } problem) return true;
        problems.Add(new DefinitionProblem(source, what + " name `" + name + "`: " + problem));
        return false;
    }

    private static TagSet? Tags(IReadOnlyList<TagDefinitionUse> uses, string target, List<DefinitionProblem> problems,
        Dictionary<string, Dictionary<string, object>> tagSources)
    {
        if (uses.Count == 0) return TagSet.Empty;
        var seen = new Dictionary<string, object>(StringComparer.Ordinal);
        var list = new List<KeyValuePair<string, string>>(uses.Count);
        var ok = true;
        foreach (var t in uses)
        {
            if (!Identifier(t.Source, "tag", t.Name, problems)) { ok = false; continue; }
            if (t.Value.Length > TagSet.MaxValueLength)
            {
                problems.Add(new DefinitionProblem(t.Source, "a tag value has at most " + TagSet.MaxValueLength.ToString(CultureInfo.InvariantCulture)
                    + " characters, this one has " + t.Value.Length.ToString(CultureInfo.InvariantCulture)));
                ok = false;
                continue;
            }
            if (seen.ContainsKey(t.Name))
            {
                problems.Add(new DefinitionProblem(t.Source, "tag `" + t.Name + "` is given twice"));
                ok = false;
                continue;
            }
            seen.Add(t.Name, t.Source);
            list.Add(new KeyValuePair<string, string>(t.Name, t.Value));
        }
        if (!ok) return null;
        tagSources[target] = seen;
        return TagSet.Create(list);
    }
}
