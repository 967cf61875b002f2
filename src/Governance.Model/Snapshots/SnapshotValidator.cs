using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Governance.Rules;
using Governance.Evaluation;
using Governance.Diagnostics;

namespace Governance.Snapshots;

/// <summary>
/// One source of a merged mesh (<see cref="MetadataSnapshot.Merge"/>): a snapshot, the file it came from (a snapshot
/// file, an assembly of C# definitions) and the GOV ID of its kind of source, which a problem found in it is reported
/// with (GOV9001 snapshot JSON, GOV9010 C# definitions, GOV9013–GOV9016 the importers).
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class SnapshotPart
{
    /// <summary>A part that merging validates whole.</summary>
    /// <param name="snapshot">The part's snapshot.</param>
    /// <param name="file">The file the part came from, as the user named it.</param>
    /// <param name="govId">The GOV ID a problem found in the part is reported with (default GOV9001, snapshot JSON).</param>
    /// <exception cref="ArgumentNullException">A parameter is null.</exception>
    public SnapshotPart(MetadataSnapshot snapshot, string file, string govId = GovIds.InvalidSnapshot)
        : this(snapshot, file, govId, validated: false, rolesLine: null)
    {
    }

    /// <param name="snapshot">The part's snapshot.</param>
    /// <param name="file">The file the part came from.</param>
    /// <param name="govId">The GOV ID a problem found in the part is reported with.</param>
    /// <param name="validated">The source has validated the snapshot on its own (the reader while it streamed, the definitions
    /// builder): merging checks only what parts can break together.</param>
    /// <param name="rolesLine">The line of the part's <c>roles</c>, where a role hierarchy problem found in it is reported.</param>
    internal SnapshotPart(MetadataSnapshot snapshot, string file, string govId, bool validated, long? rolesLine)
    {
        Snapshot = snapshot ?? throw new ArgumentNullException(nameof(snapshot));
        File = file ?? throw new ArgumentNullException(nameof(file));
        GovId = govId ?? throw new ArgumentNullException(nameof(govId));
        Validated = validated;
        RolesLine = rolesLine;
    }

    /// <summary>The part's snapshot.</summary>
    public MetadataSnapshot Snapshot { get; }
    /// <summary>The file the part came from, as the user named it.</summary>
    public string File { get; }
    /// <summary>The GOV ID a problem found in this part is reported with.</summary>
    public string GovId { get; }

    internal bool Validated { get; }
    internal long? RolesLine { get; }

    /// <summary>JSON paths locate this part's objects (it is, or is written as, a snapshot file); C# definitions have none.</summary>
    internal bool HasPaths => !string.Equals(GovId, GovIds.InvalidProductDefinition, StringComparison.Ordinal);
}

/// <summary>A problem the validator found, on the object at fault (and the tag, for a tag's problem).</summary>
internal sealed class SnapshotProblem
{
    internal SnapshotProblem(object subject, string? tag, string message)
    {
        Subject = subject; Tag = tag; Message = message;
    }

    /// <summary>The <see cref="Domain"/>, <see cref="DataProduct"/>, <see cref="Dataset"/>, <see cref="Column"/> or
    /// <see cref="RoleDefinition"/> at fault.</summary>
    public object Subject { get; }
    /// <summary>The tag at fault on <see cref="Subject"/>, or null.</summary>
    public string? Tag { get; }
    public string Message { get; }
}

/// <summary>
/// The one snapshot validator: the checks a snapshot must pass that its types cannot express, whatever it came from.
/// Names are Snowflake identifiers; domains and roles are unique in a mesh, products in their domain, datasets in their
/// product, columns in their dataset, and one product per database and schema; tag names are identifiers and tag values
/// what Snowflake accepts; a role inherits defined roles, each once, without a cycle; only materialized views list
/// <c>sources</c>, each target once. Every source goes through it: <see cref="Validate(MetadataSnapshot, string, string)"/> checks a snapshot built in memory
/// (the importers), the definitions builder takes its problems (<see cref="Problems"/>), <see cref="MetadataSnapshot.Merge"/>
/// checks parts together (a product or a schema two sources define, a domain two sources give different owners), and the
/// streaming reader makes the same checks while it reads, with the messages written here — a property test proves the
/// reader and the validator reject the same snapshots at the same path with the same message.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class SnapshotValidator
{
    /// <summary>
    /// Validates <paramref name="snapshot"/>. The first problem is thrown with <paramref name="govId"/>: located at the
    /// offending object's <see cref="DataProduct.Source"/> when it has one (the file the user fixes), else at its JSON path
    /// in the snapshot as the snapshot writer would write it, in <paramref name="file"/>.
    /// </summary>
    /// <exception cref="GovernanceInputException">The snapshot breaks a rule.</exception>
    public static void Validate(MetadataSnapshot snapshot, string govId = GovIds.InvalidSnapshot, string? file = null)
    {
        if (snapshot is null) throw new ArgumentNullException(nameof(snapshot));
        if (govId is null) throw new ArgumentNullException(nameof(govId));
        new Walker(new[] { new SnapshotPart(snapshot, file ?? "", govId) }, unnamed: file is null, describe: null).Walk();
    }

    /// <summary>
    /// Validates parts together, as <see cref="MetadataSnapshot.Merge"/> merges them: each part that its source has not
    /// validated, then what parts break together. A problem is reported in the later part, with its GOV ID, naming the
    /// earlier part where another is involved.
    /// </summary>
    /// <exception cref="GovernanceInputException">A part breaks a rule, or the parts conflict.</exception>
    internal static void Validate(IReadOnlyList<SnapshotPart> parts)
        => new Walker(parts, unnamed: false, describe: null).Walk();

    /// <summary>
    /// Every problem of <paramref name="snapshot"/>, in the order <see cref="Validate(MetadataSnapshot, string, string)"/> would meet them, for a source that
    /// reports each and leaves the faulty objects out (the C# definitions): an object with a problem is not looked into
    /// further. <paramref name="describe"/> names an object another problem refers to (<c>also at …</c>).
    /// </summary>
    internal static List<SnapshotProblem> Problems(MetadataSnapshot snapshot, Func<object, string> describe)
    {
        var walker = new Walker(new[] { new SnapshotPart(snapshot, "", GovIds.InvalidProductDefinition) }, unnamed: true, describe);
        walker.Walk();
        return walker.Found!;
    }

    // ───────────────── the rules, as messages (shared with the streaming reader) ─────────────────

    /// <summary>Why <paramref name="name"/> cannot be a <paramref name="what"/> (<c>column name</c>), or null.</summary>
    internal static string? NameProblem(string what, string name)
        => SnowflakeIdentifier.Problem(name) is { } problem ? "invalid " + what + ": " + problem : null;

    internal static string Duplicate(string what, string name, string where) => "duplicate " + what + " `" + name + "` (also at " + where + ")";

    internal static string DuplicateInherited(string role, string where) => "role `" + role + "` is inherited twice (also at " + where + "); expected each inherited role once";

    internal static string SchemaTaken(string database, string schema, string where)
        => "database `" + database + "` schema `" + schema + "` is already used by another product (at " + where + "); expected one data product per schema";

    internal static string OwnerConflict(string domain, string owner, string otherOwner, string where)
        => "domain `" + domain + "` has owner `" + owner + "`, but " + where + " gives it owner `" + otherOwner + "`; expected one owner per domain";

    internal static string DuplicateTag(string name) => "tag `" + name + "` is given twice on one object; expected each tag at most once";

    /// <summary>Why dataset <paramref name="name"/> of <paramref name="kind"/> cannot list <c>sources</c>, or null.</summary>
    internal static string? SourcesProblem(string name, DatasetKind kind)
        => kind == DatasetKind.MaterializedView ? null : "property `sources` is for materialized views; dataset `" + name + "` is a " + kind.ToJson();

    /// <summary>Why <paramref name="target"/> cannot be one of a materialized view's <c>sources</c>, or null.</summary>
    internal static string? SourceTargetProblem(string target)
        => target.Length == 0 || target.IndexOf('\0') >= 0
            ? "expected a dataset target like `DB.SCHEMA.DATASET` (stored names joined by dots), found `" + target + "`"
            : null;

    internal static string DuplicateSource(string target, string where) => "source `" + target + "` is given twice (also at " + where + "); expected each source once";

    /// <summary>Why a tag value cannot be stored by Snowflake, or null.</summary>
    internal static string? TagValueProblem(string value)
    {
        if (value.Length > TagSet.MaxValueLength)
        {
            return "a tag value has at most " + TagSet.MaxValueLength.ToString(CultureInfo.InvariantCulture)
                + " characters, this one has " + value.Length.ToString(CultureInfo.InvariantCulture);
        }
        return value.IndexOf('\0') >= 0 ? "a tag value cannot contain NUL" : null;
    }

    /// <summary>A JSON path segment for a property name: <c>.name</c> when it is plain, else <c>['it\'s']</c>.</summary>
    internal static string PathMember(string name)
    {
        var plain = name.Length > 0;
        for (var i = 0; plain && i < name.Length; i++)
        {
            var c = name[i];
            plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
        }
        if (plain) return "." + name;
        var sb = new StringBuilder("['");
        foreach (var c in name)
        {
            if (c == '\\' || c == '\'') sb.Append('\\').Append(c);
            else if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append("']").ToString();
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where an object is in its part as written: indexes of domain, product, dataset and column (-1: none).</summary>
    private readonly struct At
    {
        public At(int domain, int product = -1, int dataset = -1, int column = -1)
        {
            Domain = domain; Product = product; Dataset = dataset; Column = column;
        }

        public int Domain { get; }
        public int Product { get; }
        public int Dataset { get; }
        public int Column { get; }

        public At WithProduct(int i) => new At(Domain, i);
        public At WithDataset(int i) => new At(Domain, Product, i);
        public At WithColumn(int i) => new At(Domain, Product, Dataset, i);

        public string Render(string suffix = "")
        {
            var sb = new StringBuilder("$.domains[").Append(Index(Domain)).Append(']');
            if (Product >= 0) sb.Append(".products[").Append(Index(Product)).Append(']');
            if (Dataset >= 0) sb.Append(".datasets[").Append(Index(Dataset)).Append(']');
            if (Column >= 0) sb.Append(".columns[").Append(Index(Column)).Append(']');
            return sb.Append(suffix).ToString();
        }
    }

    /// <summary>An object seen earlier, for a duplicate's message: its part, its path there (rendered only when a message
    /// asks for it) and the object. A class: the dictionaries of them are then the framework's compiled code for
    /// references, not generic code over a struct that ReadyToRun leaves to the JIT at every start.</summary>
    private sealed class Seen
    {
        private readonly string? _path;
        private readonly At _at;

        public Seen(int part, string path, object subject)
        {
            Part = part; _path = path; _at = default; Subject = subject;
        }

        public Seen(int part, At at, object subject)
        {
            Part = part; _path = null; _at = at; Subject = subject;
        }

        public int Part { get; }
        public string Path => _path ?? _at.Render();
        public object Subject { get; }
    }

    /// <summary>A database and schema (a record class, for the reason <see cref="Seen"/> is one).</summary>
    private sealed record SchemaKey(string Database, string Schema);

    /// <summary>A domain of the mesh, possibly given by several parts: where first, its owner, its products.</summary>
    private sealed class DomainScope
    {
        public DomainScope(Seen first, Domain domain)
        {
            First = first; Owner = domain.Owner; OwnerAt = first;
        }

        public Seen First { get; }
        public string? Owner { get; set; }
        public Seen OwnerAt { get; set; }
        public Dictionary<string, Seen> Products { get; } = new Dictionary<string, Seen>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Walks parts in memory in the order the writer writes them and the reader reads them. Paths are built only for a
    /// problem, names of earlier objects only for a duplicate: a valid snapshot of a million columns is checked without a
    /// string per column. Throws the first problem, or (with a <c>describe</c> function) collects every problem.
    /// </summary>
    private sealed class Walker
    {
        private readonly IReadOnlyList<SnapshotPart> _parts;
        private readonly bool _unnamed;
        private readonly Func<object, string>? _describe;
        private readonly Dictionary<string, Seen> _roles = new Dictionary<string, Seen>(StringComparer.Ordinal);
        private readonly Dictionary<string, DomainScope> _domains = new Dictionary<string, DomainScope>(StringComparer.Ordinal);
        private readonly Dictionary<string, Seen> _partDomains = new Dictionary<string, Seen>(StringComparer.Ordinal);
        private readonly Dictionary<SchemaKey, Seen> _schemas = new Dictionary<SchemaKey, Seen>();
        private readonly Dictionary<string, Seen> _datasets = new Dictionary<string, Seen>(StringComparer.Ordinal);
        private readonly Dictionary<string, Seen> _columns = new Dictionary<string, Seen>(StringComparer.Ordinal);
        private int _part;

        public Walker(IReadOnlyList<SnapshotPart> parts, bool unnamed, Func<object, string>? describe)
        {
            _parts = parts;
            _unnamed = unnamed;
            _describe = describe;
            if (describe is not null) Found = new List<SnapshotProblem>();
        }

        /// <summary>Every problem, when collecting.</summary>
        public List<SnapshotProblem>? Found { get; }

        private SnapshotPart Part => _parts[_part];

        public void Walk()
        {
            for (_part = 0; _part < _parts.Count; _part++) Roles(Part.Snapshot.Roles);
            RoleGraphOfAll();
            for (_part = 0; _part < _parts.Count; _part++)
            {
                _partDomains.Clear();
                var domains = Part.Snapshot.Domains;
                for (var d = 0; d < domains.Count; d++) Domain(domains[d], new At(d));
            }
        }

        // ───────────── roles ─────────────

        private static string RolePath(int i) => "$.roles[" + Index(i) + "]";

        private void Roles(IReadOnlyList<RoleDefinition> roles)
        {
            for (var i = 0; i < roles.Count; i++)
            {
                var role = roles[i];
                if (!Part.Validated && NameProblem("role name", role.Name) is { } problem)
                {
                    Report(RolePath(i) + ".name", role, null, null, problem);
                    continue;
                }
                if (_roles.TryGetValue(role.Name, out var first))
                {
                    Report(RolePath(i) + ".name", role, null, null, Duplicate("role", role.Name, Where(first)));
                    continue;
                }
                _roles.Add(role.Name, new Seen(_part, RolePath(i), role));
                if (Part.Validated) continue;
                for (var k = 0; k < role.Inherits.Count; k++)
                {
                    var path = RolePath(i) + ".inherits[" + Index(k) + "]";
                    if (NameProblem("role name", role.Inherits[k]) is { } inherited) { Report(path, role, null, null, inherited); break; }
                    var earlier = IndexOf(role.Inherits, role.Inherits[k], k);
                    if (earlier >= 0) { Report(path, role, null, null, DuplicateInherited(role.Inherits[k], RolePath(i) + ".inherits[" + Index(earlier) + "]")); break; }
                }
            }
        }

        private static int IndexOf(IReadOnlyList<string> list, string value, int before)
        {
            for (var i = 0; i < before; i++)
            {
                if (string.Equals(list[i], value, StringComparison.Ordinal)) return i;
            }
            return -1;
        }

        /// <summary>
        /// The role hierarchy of all parts. A problem is reported in the part that introduces it: the part of a role that
        /// inherits an undefined role; else the first part whose roles, with the earlier parts', close a cycle.
        /// </summary>
        private void RoleGraphOfAll()
        {
            var all = new List<RoleDefinition>();
            foreach (var part in _parts) all.AddRange(part.Snapshot.Roles);
            if (all.Count == 0 || RoleGraph.TryBuild(all, out var error) != null) return;
            if (_parts.Count == 1)
            {
                _part = 0;
                Report("$.roles", all[0], null, null, error!, Part.RolesLine);
                return;
            }
            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var role in all) defined.Add(role.Name);
            for (_part = 0; _part < _parts.Count; _part++)
            {
                foreach (var role in Part.Snapshot.Roles)
                {
                    foreach (var parent in role.Inherits)
                    {
                        if (!defined.Contains(parent) && !string.Equals(parent, RoleGraph.Public, StringComparison.Ordinal))
                        {
                            Report("$.roles", role, null, null, error!, Part.RolesLine);
                            return;
                        }
                    }
                }
            }
            var prefix = new List<RoleDefinition>();
            var prefixNames = new HashSet<string>(StringComparer.Ordinal);
            for (_part = 0; _part < _parts.Count; _part++)
            {
                foreach (var role in Part.Snapshot.Roles)
                {
                    prefix.Add(role);
                    prefixNames.Add(role.Name);
                }
                var filtered = new List<RoleDefinition>(prefix.Count);
                foreach (var role in prefix)
                {
                    var parents = new List<string>();
                    foreach (var p in role.Inherits)
                    {
                        if (prefixNames.Contains(p)) parents.Add(p);
                    }
                    filtered.Add(new RoleDefinition(role.Name, parents));
                }
                if (RoleGraph.TryBuild(filtered, out var prefixError) == null && Part.Snapshot.Roles.Count > 0)
                {
                    Report("$.roles", Part.Snapshot.Roles[0], null, null, prefixError!, Part.RolesLine);
                    return;
                }
            }
            _part = _parts.Count - 1;
            Report("$.roles", all[all.Count - 1], null, null, error!, Part.RolesLine);
        }

        // ───────────── domains and products ─────────────

        private void Domain(Domain domain, At at)
        {
            if (!Part.Validated && NameProblem("domain name", domain.Name) is { } problem)
            {
                Report(at.Render(".name"), domain, null, null, problem);
                return;
            }
            var seen = new Seen(_part, at, domain);
            if (_partDomains.TryGetValue(domain.Name, out var twice))
            {
                Report(at.Render(".name"), domain, null, null, Duplicate("domain", domain.Name, Where(twice)));
                return;
            }
            _partDomains.Add(domain.Name, seen);
            if (!_domains.TryGetValue(domain.Name, out var scope))
            {
                _domains.Add(domain.Name, scope = new DomainScope(seen, domain));
            }
            else if (domain.Owner is { } owner)
            {
                // The same domain in another part: its products join the domain's, its owner must agree.
                if (scope.Owner is null) { scope.Owner = owner; scope.OwnerAt = seen; }
                else if (!string.Equals(scope.Owner, owner, StringComparison.Ordinal))
                {
                    Report(at.Render(".owner"), domain, null, null, OwnerConflict(domain.Name, owner, scope.Owner, Where(scope.OwnerAt)));
                    return;
                }
            }
            for (var p = 0; p < domain.Products.Count; p++) Product(domain, scope, domain.Products[p], at.WithProduct(p));
        }

        private void Product(Domain domain, DomainScope scope, DataProduct product, At at)
        {
            var source = product.Source;
            var validated = Part.Validated;
            if (!validated && !Name("product name", product.Name, product, at, ".name", source)) return;
            if (scope.Products.TryGetValue(product.Name, out var other))
            {
                // In one domain object the path names the domain; across parts the identity does.
                var name = other.Part == _part ? product.Name : MeshIdentity.Product(domain.Name, product.Name);
                Report(at.Render(".name"), product, null, source, Duplicate("product", name, Where(other)));
                return;
            }
            scope.Products.Add(product.Name, new Seen(_part, at, product));
            if (!validated)
            {
                if (!Name("database name", product.Database, product, at, ".database", source)
                    || !Name("schema name", product.Schema, product, at, ".schema", source)
                    || !Tags(product.Tags, product, at, source)) return;
                Datasets(product, at, source);
            }
            var key = new SchemaKey(product.Database, product.Schema);
            if (_schemas.TryGetValue(key, out var owner))
            {
                Report(at.Render(".schema"), product, null, source, SchemaTaken(product.Database, product.Schema, Where(owner)));
                return;
            }
            _schemas.Add(key, new Seen(_part, at, product));
        }

        // ───────────── datasets and columns ─────────────

        private void Datasets(DataProduct product, At at, SourceLocation? productSource)
        {
            _datasets.Clear();
            for (var i = 0; i < product.Datasets.Count; i++)
            {
                var dataset = product.Datasets[i];
                var datasetAt = at.WithDataset(i);
                var source = dataset.Source ?? productSource;
                if (!Name("dataset name", dataset.Name, dataset, datasetAt, ".name", source)) continue;
                if (_datasets.TryGetValue(dataset.Name, out var first))
                {
                    Report(datasetAt.Render(".name"), dataset, null, dataset.Source, Duplicate("dataset", dataset.Name, Where(first)));
                    continue;
                }
                _datasets.Add(dataset.Name, new Seen(_part, datasetAt, dataset));
                if (!Tags(dataset.Tags, dataset, datasetAt, source)) continue;
                if (dataset.Sources is { } lineage && !SourceTargets(dataset, lineage, datasetAt, source)) continue;
                Columns(dataset, datasetAt, source);
                if (dataset.Sources is not null && SourcesProblem(dataset.Name, dataset.Kind) is { } misplaced)
                    Report(datasetAt.Render(".sources"), dataset, null, source, misplaced);
            }
        }

        private bool SourceTargets(Dataset dataset, IReadOnlyList<string> lineage, At at, SourceLocation? source)
        {
            for (var i = 0; i < lineage.Count; i++)
            {
                var path = at.Render(".sources[" + Index(i) + "]");
                if (SourceTargetProblem(lineage[i]) is { } problem) return Report(path, dataset, null, source, problem);
                var earlier = IndexOf(lineage, lineage[i], i);
                if (earlier >= 0) return Report(path, dataset, null, source, DuplicateSource(lineage[i], at.Render(".sources[" + Index(earlier) + "]")));
            }
            return true;
        }

        private void Columns(Dataset dataset, At at, SourceLocation? datasetSource)
        {
            _columns.Clear();
            var columns = dataset.Columns;
            for (var c = 0; c < columns.Count; c++)
            {
                var column = columns[c];
                var source = column.Source ?? datasetSource;
                if (NameProblem("column name", column.Name) is { } problem)
                {
                    Report(at.WithColumn(c).Render(".name"), column, null, source, problem);
                    continue;
                }
                if (_columns.TryGetValue(column.Name, out var first))
                {
                    Report(at.WithColumn(c).Render(".name"), column, null, column.Source, Duplicate("column", column.Name, Where(first)));
                    continue;
                }
                _columns.Add(column.Name, new Seen(_part, at.WithColumn(c), column));
                if (column.Tags.Count > 0) Tags(column.Tags, column, at.WithColumn(c), source);
            }
        }

        private bool Tags(TagSet tags, object subject, At at, SourceLocation? source)
        {
            foreach (var tag in tags.Items)
            {
                var problem = NameProblem("tag name", tag.Key) ?? TagValueProblem(tag.Value);
                if (problem is not null) return Report(at.Render(".tags" + PathMember(tag.Key)), subject, tag.Key, source, problem);
            }
            return true;
        }

        private bool Name(string what, string name, object subject, At at, string suffix, SourceLocation? source)
            => NameProblem(what, name) is not { } problem || Report(at.Render(suffix), subject, null, source, problem);

        // ───────────── problems ─────────────

        /// <summary>Where an earlier object is, for a message: its source (imported), else its path — with its part's file
        /// when that is another part — or, for C# definitions, what <c>describe</c> calls it.</summary>
        private string Where(Seen seen)
        {
            if (SourceOf(seen.Subject) is { } source) return source.ToString();
            if (_describe is not null) return _describe(seen.Subject);
            var part = _parts[seen.Part];
            if (!part.HasPaths) return LocationOf(seen.Subject)?.ToString() ?? part.File;
            return seen.Part == _part ? seen.Path : part.File + ": " + seen.Path;
        }

        private static SourceLocation? SourceOf(object subject) => subject switch
        {
            DataProduct p => p.Source,
            Dataset d => d.Source,
            Column c => c.Source,
            _ => null,
        };

        private static SourceLocation? LocationOf(object subject) => subject switch
        {
            DataProduct p => p.Location,
            Dataset d => d.Location,
            _ => null,
        };

        /// <summary>
        /// A problem of <paramref name="subject"/>: thrown, at the object's source when it has one (naming the snapshot
        /// path too), else at its path in its part's file (for C# definitions, at the definition's place); or collected.
        /// Returns false (the caller does not look further into the subject).
        /// </summary>
        private bool Report(string path, object subject, string? tag, SourceLocation? source, string problem, long? line = null)
        {
            if (Found is not null)
            {
                Found.Add(new SnapshotProblem(subject, tag, problem));
                return false;
            }
            var part = Part;
            var file = _unnamed ? null : part.File;
            if (source is not null)
            {
                throw new GovernanceInputException(part.GovId, source.File, source.Path, source.Line,
                    problem + (source.Name is null ? "" : " (`" + source.Name + "`)") + "; in the snapshot at " + path);
            }
            if (!part.HasPaths)
            {
                var location = LocationOf(subject);
                throw new GovernanceInputException(part.GovId, location?.File ?? file, null, location?.Line, problem);
            }
            throw new GovernanceInputException(part.GovId, file, path, line ?? LineOf(subject), problem);
        }

        /// <summary>The line of the subject's element in its part's file, when the reader recorded one there.</summary>
        private long? LineOf(object subject)
        {
            if (_unnamed) return null;
            var location = LocationOf(subject);
            return location is not null && string.Equals(location.File, Part.File, StringComparison.Ordinal) ? location.Line : null;
        }
    }
}
