using System;
using System.Collections.Generic;
using System.Globalization;
using Governance.Rules;
using Governance.Evaluation;

namespace Governance.Snapshots;

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
    /// <summary>A product definition as a reader found it; nothing is checked until <see cref="ProductDefinitions.Build"/>.</summary>
    public ProductDefinition(object source, string domain, string name, string? owner, string? version, string? database, string? schema,
        IReadOnlyList<TagDefinitionUse> tags, IReadOnlyList<DatasetDefinition> datasets)
    {
        Source = source; Domain = domain; Name = name; Owner = owner; Version = version; Database = database; Schema = schema;
        Tags = tags; Datasets = datasets;
    }

    /// <summary>The reader's handle of the definition (a <c>Type</c>, a symbol).</summary>
    public object Source { get; }
    /// <summary>The domain, as <c>[DataProduct]</c> gives it.</summary>
    public string Domain { get; }
    /// <summary>The product's name, as <c>[DataProduct]</c> gives it.</summary>
    public string Name { get; }
    /// <summary>The owner, or null.</summary>
    public string? Owner { get; }
    /// <summary>The version, or null.</summary>
    public string? Version { get; }
    /// <summary>Null: the domain's name in UPPER_SNAKE (<c>sales</c> → <c>SALES</c>).</summary>
    public string? Database { get; }
    /// <summary>Null: the product's name in UPPER_SNAKE (<c>orders</c> → <c>ORDERS</c>).</summary>
    public string? Schema { get; }
    /// <summary>The product's <c>[Tag]</c> attributes.</summary>
    public IReadOnlyList<TagDefinitionUse> Tags { get; }
    /// <summary>The product's datasets.</summary>
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
    /// <summary>A dataset definition as a reader found it.</summary>
    public DatasetDefinition(object source, string className, string? name, int kind, IReadOnlyList<TagDefinitionUse> tags, IReadOnlyList<ColumnDefinition> columns)
    {
        Source = source; ClassName = className; Name = name; Kind = kind; Tags = tags; Columns = columns;
    }

    /// <summary>The reader's handle of the dataset's class.</summary>
    public object Source { get; }
    /// <summary>The class's metadata name, as reflection and Roslyn's <c>MetadataName</c> give it: <c>OrderLines</c>,
    /// <c>SensorReadings`1</c>, <c>&lt;Products&gt;F…__Readings</c> (see <see cref="ProductDefinitions.SourceName"/>).</summary>
    public string ClassName { get; }
    /// <summary>Null: the class's source name in UPPER_SNAKE (<c>OrderLines</c> → <c>ORDER_LINES</c>).</summary>
    public string? Name { get; }
    /// <summary>The <see cref="DatasetKind"/> as its number (attribute constants are numbers to the analyzers).</summary>
    public int Kind { get; }
    /// <summary>The dataset's <c>[Tag]</c> attributes.</summary>
    public IReadOnlyList<TagDefinitionUse> Tags { get; }
    /// <summary>The dataset's columns, in declaration order.</summary>
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
    /// <summary>A column definition as a reader found it.</summary>
    public ColumnDefinition(object source, string propertyName, string? name, string? type, string clrType, bool nullable, IReadOnlyList<TagDefinitionUse> tags)
    {
        Source = source; PropertyName = propertyName; Name = name; Type = type; ClrType = clrType; Nullable = nullable; Tags = tags;
    }

    /// <summary>The reader's handle of the property.</summary>
    public object Source { get; }
    /// <summary>The property's name.</summary>
    public string PropertyName { get; }
    /// <summary>Null: the property name in UPPER_SNAKE (<c>CustomerEmail</c> → <c>CUSTOMER_EMAIL</c>).</summary>
    public string? Name { get; }
    /// <summary>Null: inferred from <see cref="ClrType"/> (see <see cref="ProductDefinitions.InferType"/>).</summary>
    public string? Type { get; }
    /// <summary>The property type's full metadata name without nullability: <c>System.String</c>, <c>System.Int32</c>, <c>System.Byte[]</c>.</summary>
    public string ClrType { get; }
    /// <summary>A nullable value type or a reference type not annotated as non-nullable.</summary>
    public bool Nullable { get; }
    /// <summary>The column's <c>[Tag]</c> attributes.</summary>
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
    /// <summary>A tag <paramref name="name"/> set to <paramref name="value"/> by the attribute <paramref name="source"/>.</summary>
    public TagDefinitionUse(object source, string name, string value)
    {
        Source = source; Name = name; Value = value;
    }

    /// <summary>The reader's handle of the attribute.</summary>
    public object Source { get; }
    /// <summary>The tag's name.</summary>
    public string Name { get; }
    /// <summary>The tag's value.</summary>
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
    /// <summary>A problem described by <paramref name="message"/>, at <paramref name="source"/>.</summary>
    public DefinitionProblem(object source, string message)
    {
        Source = source; Message = message;
    }

    /// <summary>The reader's handle of the definition at fault.</summary>
    public object Source { get; }
    /// <summary>What is wrong, in the style of the project's messages.</summary>
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
    /// <summary>Every problem of the definitions, reported as GOV9010.</summary>
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
    /// The name a class has in its C# source, from the name it has in metadata — what both readers see: a generic class's
    /// arity goes (<c>SensorReadings`1</c> → <c>SensorReadings</c>) and a <c>file</c>-local class loses the prefix the
    /// compiler gives it (<c>&lt;Products&gt;F1A2B…__Readings</c> → <c>Readings</c>: <c>&lt;</c>, the file name in
    /// letters, digits and <c>_</c>, <c>&gt;F</c>, the file path's checksum in hex, <c>__</c>). Any other name is its own.
    /// </summary>
    public static string SourceName(string metadataName)
    {
        if (metadataName is null) throw new ArgumentNullException(nameof(metadataName));
        var name = metadataName;
        if (name.Length > 0 && name[0] == '<')
        {
            var close = name.IndexOf(">F", StringComparison.Ordinal);
            var separator = close < 0 ? -1 : name.IndexOf("__", close + 2, StringComparison.Ordinal);
            if (separator > 0 && separator + 2 < name.Length) name = name.Substring(separator + 2);
        }
        var tick = name.LastIndexOf('`');
        if (tick > 0 && tick + 1 < name.Length)
        {
            var digits = true;
            for (var i = tick + 1; i < name.Length; i++) digits &= name[i] >= '0' && name[i] <= '9';
            if (digits) name = name.Substring(0, tick);
        }
        return name;
    }

    /// <summary>The stored name of a dataset: its <c>[Dataset]</c> name, else its class's source name in UPPER_SNAKE.</summary>
    public static string DatasetName(DatasetDefinition dataset) => dataset.Name ?? InferName(SourceName(dataset.ClassName));

    /// <summary>
    /// The columns of a dataset class, its base classes' included, as both readers take them: <paramref name="levels"/>
    /// holds the properties each class declares (name, and the column when it has <c>[Column]</c>, else null), the
    /// dataset class first and then its base classes, nearest first, each in declaration order. A property declared again
    /// closer to the dataset class (<c>new</c> or <c>override</c>) hides the base declaration: the nearest declaration's
    /// <c>[Column]</c>, or its absence, decides. The columns come base classes first, outermost first, then each class's
    /// own, in declaration order.
    /// </summary>
    public static List<T> InheritedColumns<T>(IReadOnlyList<IReadOnlyList<KeyValuePair<string, T?>>> levels) where T : class
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<List<T>>(levels.Count);
        foreach (var level in levels)
        {
            var columns = new List<T>();
            foreach (var property in level)
            {
                if (declared.Add(property.Key) && property.Value is { } column) columns.Add(column);
            }
            kept.Add(columns);
        }
        var all = new List<T>();
        for (var i = kept.Count - 1; i >= 0; i--) all.AddRange(kept[i]);
        return all;
    }

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
    /// Builds the snapshot of the definitions, ordered by domain, product, dataset name (definitions of one name in the given order; columns keep their declaration
    /// order, inherited ones first). What the model cannot hold — a type that cannot be inferred or parsed, a kind that is
    /// not a <see cref="DatasetKind"/>, a tag given twice — is a problem of the definition; the rest goes through the
    /// <see cref="SnapshotValidator"/>, as every snapshot does, and each of its problems is reported on the definition at
    /// fault (the <c>[Tag]</c> for a tag's). A definition with a problem is left out, with its datasets and columns; the
    /// rest is still built. <paramref name="domainOwners"/> gives domain owners (<c>[assembly: DataDomain]</c>);
    /// <paramref name="locate"/>, where the definitions' sources are in files (a product's, a dataset's, a column's
    /// <c>Source</c>); <paramref name="describe"/>, how a problem names another definition (default: the property, the
    /// class or the product).
    /// </summary>
    public static DefinedMesh Build(IEnumerable<ProductDefinition> definitions, IReadOnlyDictionary<string, string>? domainOwners = null,
        IEnumerable<DefinitionProblem>? readerProblems = null, Func<object, SourceLocation?>? locate = null, Func<object, string>? describe = null)
    {
        var problems = readerProblems is null ? new List<DefinitionProblem>() : new List<DefinitionProblem>(readerProblems);
        var defined = new Dictionary<object, object>();                  // model object → its definition
        var tagUses = new Dictionary<(object, string), object>();         // (model object, tag) → the [Tag]'s source
        var byDomain = new SortedDictionary<string, List<DataProduct>>(StringComparer.Ordinal);

        // By domain and name; definitions of one product keep their given order (the later one is the duplicate).
        var sorted = new List<ProductDefinition>(definitions);
        SortStable(sorted, (a, b) =>
        {
            var c = string.CompareOrdinal(a.Domain, b.Domain);
            return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name);
        });

        foreach (var p in sorted)
        {
            var productTags = Tags(p.Tags, problems);
            if (productTags is null) continue;
            var builtDatasets = new List<Dataset>();
            var datasetDefs = new List<DatasetDefinition>(p.Datasets);
            SortStable(datasetDefs, (a, b) => string.CompareOrdinal(DatasetName(a), DatasetName(b)));
            foreach (var d in datasetDefs)
            {
                if (d.Kind < 0 || d.Kind > (int)DatasetKind.ExternalTable)
                {
                    problems.Add(new DefinitionProblem(d.Source, "dataset kind " + d.Kind.ToString(CultureInfo.InvariantCulture) + " is not a DatasetKind"));
                    continue;
                }
                var datasetTags = Tags(d.Tags, problems);
                if (datasetTags is null) continue;
                var columns = new List<Column>();
                foreach (var c in d.Columns)
                {
                    var columnName = c.Name ?? InferName(c.PropertyName);
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
                    var columnTags = Tags(c.Tags, problems);
                    if (columnTags is null) continue;
                    var column = new Column(columnName, type!, c.Nullable, columnTags, line: locate?.Invoke(c.Source)?.Line is { } line and <= int.MaxValue ? (int)line : 0);
                    Define(column, c, c.Tags, defined, tagUses);
                    columns.Add(column);
                }
                var dataset = new Dataset(DatasetName(d), (DatasetKind)d.Kind, columns, datasetTags, location: locate?.Invoke(d.Source));
                Define(dataset, d, d.Tags, defined, tagUses);
                builtDatasets.Add(dataset);
            }
            var product = new DataProduct(p.Name, p.Version, p.Owner, p.Database ?? InferName(p.Domain), p.Schema ?? InferName(p.Name), builtDatasets, productTags,
                location: locate?.Invoke(p.Source));
            Define(product, p, p.Tags, defined, tagUses);
            if (!byDomain.TryGetValue(p.Domain, out var products)) byDomain[p.Domain] = products = new List<DataProduct>();
            products.Add(product);
        }

        var domains = new List<Domain>();
        foreach (var kv in byDomain)
        {
            string? owner = null;
            domainOwners?.TryGetValue(kv.Key, out owner);
            domains.Add(new Domain(kv.Key, owner, kv.Value));
        }

        // The validator's problems, on the definitions at fault; they are left out.
        var left = new HashSet<object>();
        foreach (var problem in SnapshotValidator.Problems(new MetadataSnapshot(Array.Empty<RoleDefinition>(), domains), o => Describe(defined[o], describe)))
        {
            if (problem.Subject is Domain domain)
            {
                foreach (var product in domain.Products)
                {
                    problems.Add(new DefinitionProblem(Source(defined[product]), problem.Message));
                    left.Add(product);
                }
                continue;
            }
            problems.Add(new DefinitionProblem(problem.Tag is null ? Source(defined[problem.Subject]) : tagUses[(problem.Subject, problem.Tag)], problem.Message));
            left.Add(problem.Subject);
        }
        return Keep(domains, left, defined, tagUses, problems);
    }

    /// <summary>The mesh without the objects left out, and where each remaining target and tag was defined.</summary>
    private static DefinedMesh Keep(List<Domain> domains, HashSet<object> left, Dictionary<object, object> defined,
        Dictionary<(object, string), object> tagUses, List<DefinitionProblem> problems)
    {
        var sources = new Dictionary<string, object>(StringComparer.Ordinal);
        var tagSources = new Dictionary<string, Dictionary<string, object>>(StringComparer.Ordinal);
        void Sources(object o, TagSet tags, string target)
        {
            sources[target] = Source(defined[o]);
            if (tags.Count == 0) return;
            var byTag = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var tag in tags.Items) byTag[tag.Key] = tagUses[(o, tag.Key)];
            tagSources[target] = byTag;
        }

        // An object is rebuilt only when something inside it is left out.
        var kept = new List<Domain>();
        foreach (var domain in domains)
        {
            var products = new List<DataProduct>();
            foreach (var p in domain.Products)
            {
                if (left.Contains(p)) continue;
                var datasets = new List<Dataset>();
                foreach (var d in p.Datasets)
                {
                    if (left.Contains(d)) continue;
                    var columns = new List<Column>();
                    foreach (var c in d.Columns)
                    {
                        if (left.Contains(c)) continue;
                        Sources(c, c.Tags, Targets.Of(p, d, c));
                        columns.Add(c);
                    }
                    Sources(d, d.Tags, Targets.Of(p, d));
                    datasets.Add(Same(columns, d.Columns) ? d : new Dataset(d.Name, d.Kind, columns, d.Tags, d.Sources, d.Source, d.Location));
                }
                Sources(p, p.Tags, Targets.Of(p));
                products.Add(Same(datasets, p.Datasets) ? p : new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema, datasets, p.Tags, p.Source, p.Location));
            }
            if (products.Count > 0) kept.Add(Same(products, domain.Products) ? domain : new Domain(domain.Name, domain.Owner, products));
        }
        return new DefinedMesh(new MetadataSnapshot(Array.Empty<RoleDefinition>(), kept), problems, sources, tagSources);
    }

    /// <summary>Sorts <paramref name="list"/>, keeping the given order of items that compare equal.</summary>
    private static void SortStable<T>(List<T> list, Comparison<T> compare) where T : class
    {
        var given = new Dictionary<T, int>(list.Count);
        for (var i = 0; i < list.Count; i++) given[list[i]] = i;
        list.Sort((a, b) =>
        {
            var c = compare(a, b);
            return c != 0 ? c : given[a].CompareTo(given[b]);
        });
    }

    private static bool Same<T>(List<T> kept, IReadOnlyList<T> all) where T : class
    {
        if (kept.Count != all.Count) return false;
        for (var i = 0; i < kept.Count; i++)
        {
            if (!ReferenceEquals(kept[i], all[i])) return false;
        }
        return true;
    }

    private static void Define(object built, object definition, IReadOnlyList<TagDefinitionUse> tags, Dictionary<object, object> defined,
        Dictionary<(object, string), object> tagUses)
    {
        defined[built] = definition;
        foreach (var t in tags) tagUses[(built, t.Name)] = t.Source;
    }

    private static object Source(object definition) => definition switch
    {
        ProductDefinition p => p.Source,
        DatasetDefinition d => d.Source,
        ColumnDefinition c => c.Source,
        _ => throw new ArgumentException("not a definition", nameof(definition)),
    };

    /// <summary>How a problem names another definition: the reader's name for its source, else the property, class or product.</summary>
    private static string Describe(object definition, Func<object, string>? describe) => describe is not null ? describe(Source(definition)) : definition switch
    {
        ProductDefinition p => "product `" + MeshIdentity.Product(p.Domain, p.Name) + "`",
        DatasetDefinition d => "class `" + SourceName(d.ClassName) + "`",
        ColumnDefinition c => "property `" + c.PropertyName + "`",
        _ => throw new ArgumentException("not a definition", nameof(definition)),
    };

    /// <summary>The tags of a definition, or null when one is given twice (a problem: a set holds each tag once).</summary>
    private static TagSet? Tags(IReadOnlyList<TagDefinitionUse> uses, List<DefinitionProblem> problems)
    {
        if (uses.Count == 0) return TagSet.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<KeyValuePair<string, string>>(uses.Count);
        var ok = true;
        foreach (var t in uses)
        {
            if (!seen.Add(t.Name))
            {
                problems.Add(new DefinitionProblem(t.Source, SnapshotValidator.DuplicateTag(t.Name)));
                ok = false;
                continue;
            }
            list.Add(new KeyValuePair<string, string>(t.Name, t.Value));
        }
        return ok ? TagSet.Create(list) : null;
    }
}
