using System;
using System.Collections.Generic;
using Governance.Rules;

namespace Governance.Snapshots;

/// <summary>The snapshot format's names of <see cref="DatasetKind"/> values.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class DatasetKinds
{
    private static readonly string[] Names = { "table", "view", "materialized_view", "dynamic_table", "iceberg_table", "external_table" };

    /// <summary>The snapshot spelling: <c>table</c>, <c>view</c>, <c>materialized_view</c> …</summary>
    public static string ToJson(this DatasetKind kind) => Names[(int)kind];

    /// <summary>The kind spelt <paramref name="text"/> as <see cref="ToJson"/> writes it (case-sensitive); false for any other text.</summary>
    public static bool TryParse(string text, out DatasetKind kind)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.Ordinal)) { kind = (DatasetKind)i; return true; }
        }
        kind = default;
        return false;
    }

    /// <summary>The allowed spellings, for error messages.</summary>
    public static string Expected => string.Join(", ", Names);
}

/// <summary>
/// An immutable set of tags (name → value), sorted by name. Names and values are compared ordinally, as Snowflake
/// stores them.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class TagSet
{
    /// <summary>The set without tags.</summary>
    public static readonly TagSet Empty = new TagSet(System.Array.Empty<KeyValuePair<string, string>>());

    /// <summary>The longest tag value Snowflake accepts, in characters.</summary>
    public const int MaxValueLength = 256;

    private readonly KeyValuePair<string, string>[] _items;

    private TagSet(KeyValuePair<string, string>[] sorted) => _items = sorted;

    /// <summary>Builds a set; a name given twice is an error (the reader reports it with its JSON path).</summary>
    public static TagSet Create(IEnumerable<KeyValuePair<string, string>> tags)
    {
        var list = new List<KeyValuePair<string, string>>(tags);
        if (list.Count == 0) return Empty;
        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        for (var i = 1; i < list.Count; i++)
        {
            if (string.Equals(list[i].Key, list[i - 1].Key, StringComparison.Ordinal))
                throw new ArgumentException("tag `" + list[i].Key + "` is given twice");
        }
        return new TagSet(list.ToArray());
    }

    /// <summary>A set of the given tags.</summary>
    /// <exception cref="ArgumentException">A name is given twice.</exception>
    public static TagSet Of(params (string Name, string Value)[] tags)
    {
        var list = new List<KeyValuePair<string, string>>(tags.Length);
        foreach (var t in tags) list.Add(new KeyValuePair<string, string>(t.Name, t.Value));
        return Create(list);
    }

    /// <summary>The number of tags.</summary>
    public int Count => _items.Length;
    /// <summary>The tags, sorted by name (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

    /// <summary>The value of <paramref name="name"/>, or null when the tag is not set.</summary>
    public string? Get(string name)
    {
        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (string.Equals(items[i].Key, name, StringComparison.Ordinal)) return items[i].Value;
        }
        return null;
    }

    /// <summary>True when the tag <paramref name="name"/> is set (on this subject itself: inherited tags do not count).</summary>
    public bool Contains(string name) => Get(name) != null;
}

/// <summary>
/// A place in a file: the file, the 1-based line (null when unknown), and where useful the path inside the file (a JSON
/// path, an ODCS property path) and the name the object has there (a dbt <c>unique_id</c>, a contract's
/// <c>schema.property</c>). Products, datasets and columns have two of them, never part of what they mean: where the
/// element is written in what the tool read (<see cref="DataProduct.Location"/>: a snapshot file's element, or the C#
/// definition; a column has only its <see cref="Column.Line"/> in its dataset's file), which a finding points at; and
/// where an importer found the object (<see cref="DataProduct.Source"/>, the snapshot's <c>source</c> field), which a
/// report names beside it. The evaluator and the compiler read neither.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class SourceLocation
{
    private readonly SourceLocation? _parent;
    private readonly string? _path;
    private readonly string? _name;

    /// <summary>A place in <paramref name="file"/>; what is unknown stays null.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="file"/> is null.</exception>
    public SourceLocation(string file, string? path = null, long? line = null, string? name = null)
    {
        File = file ?? throw new ArgumentNullException(nameof(file));
        _path = path;
        Line = line;
        _name = name;
    }

    private SourceLocation(SourceLocation parent, string pathSuffix, string nameSuffix, long? line)
    {
        _parent = parent;
        File = parent.File;
        _path = pathSuffix ?? throw new ArgumentNullException(nameof(pathSuffix));
        _name = nameSuffix ?? throw new ArgumentNullException(nameof(nameSuffix));
        Line = line;
    }

    /// <summary>
    /// A location inside this one (a column of a dataset): its path is this one's followed by
    /// <paramref name="pathSuffix"/>, its name this one's, a dot and <paramref name="nameSuffix"/>. Both are composed
    /// when read, so a million imported columns do not hold a million full paths.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="pathSuffix"/> or <paramref name="nameSuffix"/> is null.</exception>
    public SourceLocation Inner(string pathSuffix, string nameSuffix, long? line) => new(this, pathSuffix, nameSuffix, line);

    /// <summary>The file, as the reader or importer was given it.</summary>
    public string File { get; }
    /// <summary>Where in the file: <c>$.nodes['model.jaffle_shop.customers']</c>, <c>$.schema[0].properties[2]</c>.</summary>
    public string? Path => _parent is null ? _path : _parent.Path + _path;
    /// <summary>The 1-based line, or null when unknown.</summary>
    public long? Line { get; }
    /// <summary>The source's own name for the object: <c>model.jaffle_shop.customers</c>, <c>tbl.rcvr_id</c>.</summary>
    public string? Name => _parent is null ? _name : _parent.Name is { } parentName ? parentName + "." + _name : _name;

    /// <summary><c>name (file:line: path)</c>, leaving out what is unknown.</summary>
    public override string ToString()
    {
        var where = File;
        if (Line is { } l) where += ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(Path)) where += ": " + Path;
        return Name is null ? where : Name + " (" + where + ")";
    }
}

/// <summary>A column of a dataset: its stored name, Snowflake type, nullability and own tags.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class Column
{
    /// <summary>A column.</summary>
    /// <param name="name">The stored name (as Snowflake stores it: unquoted names upper case).</param>
    /// <param name="type">The Snowflake type.</param>
    /// <param name="nullable">Whether the column accepts NULL.</param>
    /// <param name="tags">Tags set directly on the column; null: none.</param>
    /// <param name="source">Where an importer found the column, or null.</param>
    /// <param name="line">The 1-based line of the column in the file its dataset was read from; 0 when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="type"/> is null.</exception>
    public Column(string name, SnowflakeType type, bool nullable = true, TagSet? tags = null, SourceLocation? source = null, int line = 0)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Type = type ?? throw new ArgumentNullException(nameof(type));
        Nullable = nullable;
        Tags = tags ?? TagSet.Empty;
        Source = source;
        Line = line;
    }

    /// <summary>The stored name.</summary>
    public string Name { get; }
    /// <summary>The column's Snowflake type.</summary>
    public SnowflakeType Type { get; }
    /// <summary>Whether the column accepts NULL.</summary>
    public bool Nullable { get; }
    /// <summary>Tags set directly on the column.</summary>
    public TagSet Tags { get; }
    /// <summary>Where an importer found the column (the snapshot's <c>source</c>), or null.</summary>
    public SourceLocation? Source { get; }

    /// <summary>The 1-based line of the column's element in the file of its dataset's <see cref="Dataset.Location"/> (a
    /// snapshot, or the C# file of its definition); 0 when unknown. A line, not a <see cref="SourceLocation"/>: a snapshot
    /// of a million columns holds no object per column for it.</summary>
    public int Line { get; }
}

/// <summary>A dataset of a product (table, view …): its stored name, kind, columns in order and own tags.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class Dataset
{
    /// <summary>A dataset.</summary>
    /// <param name="name">The stored name.</param>
    /// <param name="kind">The kind of dataset.</param>
    /// <param name="columns">The columns, in order.</param>
    /// <param name="tags">Tags set directly on the dataset; null: none.</param>
    /// <param name="sources">For a materialized view, the targets (<c>DB.SCHEMA.DATASET</c>) of the datasets it reads; null when unknown.</param>
    /// <param name="source">Where an importer found the dataset, or null.</param>
    /// <param name="location">Where the dataset is written in what the tool read, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="columns"/> is null.</exception>
    public Dataset(string name, DatasetKind kind, IReadOnlyList<Column> columns, TagSet? tags = null, IReadOnlyList<string>? sources = null,
        SourceLocation? source = null, SourceLocation? location = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Kind = kind;
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
        Tags = tags ?? TagSet.Empty;
        Sources = sources;
        Source = source;
        Location = location;
    }

    /// <summary>The stored name.</summary>
    public string Name { get; }
    /// <summary>The kind of dataset.</summary>
    public DatasetKind Kind { get; }
    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<Column> Columns { get; }
    /// <summary>Tags set directly on the dataset.</summary>
    public TagSet Tags { get; }

    /// <summary>
    /// A materialized view's lineage: the targets (<c>DB.SCHEMA.DATASET</c>, stored names joined by dots, as findings
    /// spell them) of the datasets it reads; empty when it reads none of the mesh's; null when the snapshot does not say.
    /// </summary>
    public IReadOnlyList<string>? Sources { get; }

    /// <summary>Where an importer found the dataset (the snapshot's <c>source</c>), or null.</summary>
    public SourceLocation? Source { get; }

    /// <summary>Where the dataset is written in what the tool read (its columns' lines are in the same file), or null.</summary>
    public SourceLocation? Location { get; }

    /// <summary>The column with this stored name, or null.</summary>
    public Column? FindColumn(string name)
    {
        var columns = Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i].Name, name, StringComparison.Ordinal)) return columns[i];
        }
        return null;
    }
}

/// <summary>A data product: one schema of one database, owned by a team, holding datasets.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class DataProduct
{
    /// <summary>A data product.</summary>
    /// <param name="name">The product's name, unique within its domain.</param>
    /// <param name="version">The product's version, or null.</param>
    /// <param name="owner">Who answers for the product, or null.</param>
    /// <param name="database">The stored name of its database.</param>
    /// <param name="schema">The stored name of its schema.</param>
    /// <param name="datasets">Its datasets, in order.</param>
    /// <param name="tags">Tags set on the product (its schema); null: none.</param>
    /// <param name="source">Where an importer found the product, or null.</param>
    /// <param name="location">Where the product is written in what the tool read, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="database"/>, <paramref name="schema"/> or <paramref name="datasets"/> is null.</exception>
    public DataProduct(string name, string? version, string? owner, string database, string schema, IReadOnlyList<Dataset> datasets, TagSet? tags = null,
        SourceLocation? source = null, SourceLocation? location = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Version = version;
        Owner = owner;
        Database = database ?? throw new ArgumentNullException(nameof(database));
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));
        Tags = tags ?? TagSet.Empty;
        Source = source;
        Location = location;
    }

    /// <summary>The product's name, unique within its domain; selectors name it <c>domain/product</c>.</summary>
    public string Name { get; }
    /// <summary>The product's version, or null when it declares none.</summary>
    public string? Version { get; }
    /// <summary>Who answers for the product, or null when it declares no one.</summary>
    public string? Owner { get; }
    /// <summary>The stored name of the product's database.</summary>
    public string Database { get; }
    /// <summary>The stored name of the product's schema.</summary>
    public string Schema { get; }
    /// <summary>The datasets, in order.</summary>
    public IReadOnlyList<Dataset> Datasets { get; }
    /// <summary>Tags set on the product; its datasets and columns inherit them.</summary>
    public TagSet Tags { get; }
    /// <summary>Where an importer found the product (a contract file, a dbt project: the snapshot's <c>source</c>), or null.</summary>
    public SourceLocation? Source { get; }
    /// <summary>Where the product is written in what the tool read (a snapshot file's element, a C# definition), or null.</summary>
    public SourceLocation? Location { get; }
}

/// <summary>A domain of the mesh: its name, owner and products.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class Domain
{
    /// <summary>A domain.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="products"/> is null.</exception>
    public Domain(string name, string? owner, IReadOnlyList<DataProduct> products)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Owner = owner;
        Products = products ?? throw new ArgumentNullException(nameof(products));
    }

    /// <summary>The domain's name.</summary>
    public string Name { get; }
    /// <summary>Who answers for the domain, or null.</summary>
    public string? Owner { get; }
    /// <summary>The products, in order.</summary>
    public IReadOnlyList<DataProduct> Products { get; }
}

/// <summary>A role and the roles granted to it (a session with this role also has those).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class RoleDefinition
{
    /// <summary>A role <paramref name="name"/> that is granted the roles <paramref name="inherits"/> (null: none).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public RoleDefinition(string name, IReadOnlyList<string>? inherits = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Inherits = inherits ?? System.Array.Empty<string>();
    }

    /// <summary>The role's name.</summary>
    public string Name { get; }
    /// <summary>The roles granted to this role directly.</summary>
    public IReadOnlyList<string> Inherits { get; }
}

/// <summary>A metadata snapshot: the roles and the domains of a mesh, as the evaluator and compiler read them.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class MetadataSnapshot
{
    /// <summary>The one format this version reads and writes.</summary>
    public const string FormatV1 = "governance.snapshot/v1";

    /// <summary>A snapshot; nothing is validated here (see <see cref="SnapshotValidator"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="roles"/> or <paramref name="domains"/> is null.</exception>
    public MetadataSnapshot(IReadOnlyList<RoleDefinition> roles, IReadOnlyList<Domain> domains, DateTimeOffset? takenAt = null)
    {
        Roles = roles ?? throw new ArgumentNullException(nameof(roles));
        Domains = domains ?? throw new ArgumentNullException(nameof(domains));
        TakenAt = takenAt;
    }

    /// <summary>When the metadata was read, or null when the snapshot does not say.</summary>
    public DateTimeOffset? TakenAt { get; }
    /// <summary>The account's roles; empty when the snapshot says nothing about roles.</summary>
    public IReadOnlyList<RoleDefinition> Roles { get; }
    /// <summary>The domains, in order.</summary>
    public IReadOnlyList<Domain> Domains { get; }

    /// <summary>Number of columns across all datasets.</summary>
    public long ColumnCount
    {
        get
        {
            long n = 0;
            foreach (var d in Domains) foreach (var p in d.Products) foreach (var s in p.Datasets) n += s.Columns.Count;
            return n;
        }
    }

    /// <summary>
    /// Merges the parts of a mesh (snapshot files, assemblies of C# definitions) into one, after validating them
    /// together (<see cref="SnapshotValidator"/>): each part its source has not validated, then what parts break together
    /// — a role, a product (<c>domain/product</c>) or a schema that two parts define, a domain two parts give different
    /// owners, role inheritance across parts. A problem is reported in the later part, with its GOV ID, naming the earlier.
    /// A domain given by several parts is one domain: its products in part order, its owner the one they give.
    /// </summary>
    /// <exception cref="GovernanceInputException">A part is invalid, or the parts conflict.</exception>
    public static MetadataSnapshot Merge(IReadOnlyList<SnapshotPart> parts)
    {
        if (parts is null) throw new ArgumentNullException(nameof(parts));
        if (parts.Count == 0) throw new ArgumentException("at least one part is needed", nameof(parts));
        SnapshotValidator.Validate(parts);
        if (parts.Count == 1) return parts[0].Snapshot;
        var roles = new List<RoleDefinition>();
        var domains = new List<Domain>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        DateTimeOffset? takenAt = null;
        foreach (var part in parts)
        {
            var s = part.Snapshot;
            roles.AddRange(s.Roles);
            foreach (var d in s.Domains)
            {
                if (!index.TryGetValue(d.Name, out var i))
                {
                    index.Add(d.Name, domains.Count);
                    domains.Add(d);
                    continue;
                }
                var products = new List<DataProduct>(domains[i].Products);
                products.AddRange(d.Products);
                domains[i] = new Domain(d.Name, domains[i].Owner ?? d.Owner, products);
            }
            if (s.TakenAt is { } t && (takenAt is null || t > takenAt)) takenAt = t;
        }
        return new MetadataSnapshot(roles, domains, takenAt);
    }
}

/// <summary>
/// The role hierarchy with its transitive closure. Every role implicitly has PUBLIC, as in Snowflake.
/// <see cref="Has"/> answers what <c>IS_ROLE_IN_SESSION</c> answers for a session whose primary role is given.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class RoleGraph
{
    /// <summary><c>PUBLIC</c>, the role every session has.</summary>
    public const string Public = "PUBLIC";

    private readonly Dictionary<string, HashSet<string>> _closure;

    private RoleGraph(Dictionary<string, HashSet<string>> closure) => _closure = closure;

    /// <summary>Every defined role and <c>PUBLIC</c>, in no particular order.</summary>
    public IEnumerable<string> Roles => _closure.Keys;

    /// <summary>
    /// Builds the closure. Returns null and a message when a role is defined twice, inherits an unknown role, or
    /// inheritance is cyclic.
    /// </summary>
    public static RoleGraph? TryBuild(IReadOnlyList<RoleDefinition> roles, out string? error)
    {
        error = null;
        var direct = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var r in roles)
        {
            if (direct.ContainsKey(r.Name)) { error = "role `" + r.Name + "` is defined twice"; return null; }
            direct.Add(r.Name, r.Inherits);
        }
        foreach (var r in roles)
        {
            foreach (var parent in r.Inherits)
            {
                if (!direct.ContainsKey(parent) && !string.Equals(parent, Public, StringComparison.Ordinal))
                {
                    error = "role `" + r.Name + "` inherits `" + parent + "`, which is not defined";
                    return null;
                }
            }
        }

        var closure = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 visiting, 2 done
        var names = new List<string>(direct.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!Visit(name, direct, closure, state, new List<string>(), out error)) return null;
        }
        if (!closure.ContainsKey(Public)) closure[Public] = new HashSet<string>(StringComparer.Ordinal) { Public };
        return new RoleGraph(closure);
    }

    private static bool Visit(string name, Dictionary<string, IReadOnlyList<string>> direct, Dictionary<string, HashSet<string>> closure,
        Dictionary<string, int> state, List<string> path, out string? error)
    {
        error = null;
        state.TryGetValue(name, out var s);
        if (s == 2) return true;
        if (s == 1)
        {
            var start = path.IndexOf(name);
            var cycle = path.GetRange(start, path.Count - start);
            cycle.Add(name);
            error = "role inheritance is cyclic: " + string.Join(" → ", cycle.ConvertAll(c => "`" + c + "`"));
            return false;
        }
        state[name] = 1;
        path.Add(name);
        var set = new HashSet<string>(StringComparer.Ordinal) { name, Public };
        if (direct.TryGetValue(name, out var parents))
        {
            foreach (var p in parents)
            {
                if (string.Equals(p, Public, StringComparison.Ordinal)) continue;
                if (!Visit(p, direct, closure, state, path, out error)) return false;
                set.UnionWith(closure[p]);
            }
        }
        path.RemoveAt(path.Count - 1);
        state[name] = 2;
        closure[name] = set;
        return true;
    }

    /// <summary>True when a session whose primary role is <paramref name="sessionRole"/> has <paramref name="role"/>.</summary>
    public bool Has(string sessionRole, string role)
        => _closure.TryGetValue(sessionRole, out var set) ? set.Contains(role) : string.Equals(role, Public, StringComparison.Ordinal) || string.Equals(sessionRole, role, StringComparison.Ordinal);

    /// <summary>True when the session has any of <paramref name="roles"/>.</summary>
    public bool HasAny(string sessionRole, IReadOnlyList<string> roles)
    {
        for (var i = 0; i < roles.Count; i++)
        {
            if (Has(sessionRole, roles[i])) return true;
        }
        return false;
    }

    /// <summary>Every role the session has, sorted.</summary>
    public IReadOnlyList<string> RolesOf(string sessionRole)
    {
        var list = _closure.TryGetValue(sessionRole, out var set) ? new List<string>(set) : new List<string> { sessionRole, Public };
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
