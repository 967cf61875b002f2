using System.Globalization;

namespace Governance;

/// <summary>
/// The checks a snapshot must pass that its types cannot express: names that are Snowflake identifiers, names unique
/// where required (domains and roles in the snapshot; products, datasets and columns in their parent; one product per
/// database and schema), tag names that are identifiers and tag values Snowflake accepts, a role hierarchy that
/// names defined roles and has no cycle, and lineage (<c>sources</c>) on materialized views only, each target once. <see cref="SnapshotReader"/> makes them while it streams a file (its messages
/// come from here); <see cref="Validate"/> makes them on a snapshot built in memory, by an importer.
/// </summary>
public static class SnapshotValidator
{
    /// <summary>
    /// Validates <paramref name="snapshot"/>. The first problem is thrown with <paramref name="govId"/>: located at the
    /// offending object's <see cref="SourceLocation"/> when it has one (the file the user fixes), else at its JSON path in
    /// the snapshot as <see cref="SnapshotWriter"/> would write it, in <paramref name="file"/>.
    /// </summary>
    /// <exception cref="GovernanceInputException">The snapshot breaks a rule.</exception>
    public static void Validate(MetadataSnapshot snapshot, string govId = GovIds.InvalidSnapshot, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(govId);
        new Walker(govId, file).Walk(snapshot);
    }

    // ───────────────── the rules, as messages (shared with the streaming reader) ─────────────────

    /// <summary>Why <paramref name="name"/> cannot be a <paramref name="what"/> (<c>column name</c>), or null.</summary>
    internal static string? NameProblem(string what, string name)
        => SnowflakeIdentifier.Problem(name) is { } problem ? "invalid " + what + ": " + problem : null;

    internal static string Duplicate(string what, string name, string where) => "duplicate " + what + " `" + name + "` (also at " + where + ")";

    internal static string SchemaTaken(string database, string schema, string where)
        => "database `" + database + "` schema `" + schema + "` is already used by another product (at " + where + "); expected one data product per schema";

    internal static string DuplicateTag(string name) => "tag `" + name + "` is given twice in one tags object; expected each tag at most once";

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
    internal static string? TagValueProblem(ReadOnlySpan<char> value)
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
        var sb = new System.Text.StringBuilder("['");
        foreach (var c in name)
        {
            if (c == '\\' || c == '\'') sb.Append('\\').Append(c);
            else if (c < ' ') sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append("']").ToString();
    }

    /// <summary>Where an object is in the snapshot as written: indexes of domain, product, dataset and column (-1: none).</summary>
    private readonly record struct At(int Domain, int Product = -1, int Dataset = -1, int Column = -1)
    {
        public string Render(string suffix = "")
        {
            var sb = new System.Text.StringBuilder("$.domains[").Append(Domain.ToString(CultureInfo.InvariantCulture)).Append(']');
            if (Product >= 0) sb.Append(".products[").Append(Product.ToString(CultureInfo.InvariantCulture)).Append(']');
            if (Dataset >= 0) sb.Append(".datasets[").Append(Dataset.ToString(CultureInfo.InvariantCulture)).Append(']');
            if (Column >= 0) sb.Append(".columns[").Append(Column.ToString(CultureInfo.InvariantCulture)).Append(']');
            return sb.Append(suffix).ToString();
        }
    }

    /// <summary>
    /// Walks a snapshot in memory in the order the writer writes it. Paths are built only for a problem: a valid
    /// snapshot of a million columns is checked without a string per column.
    /// </summary>
    private sealed class Walker(string govId, string? file)
    {
        private readonly Dictionary<string, At> _domains = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string), (At At, SourceLocation? Source)> _schemas = new();
        private readonly Dictionary<string, (At, SourceLocation?)> _products = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (At, SourceLocation?)> _datasets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (At, SourceLocation?)> _columns = new(StringComparer.Ordinal);

        public void Walk(MetadataSnapshot snapshot)
        {
            var roles = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < snapshot.Roles.Count; i++)
            {
                var role = snapshot.Roles[i];
                if (NameProblem("role name", role.Name) is { } problem) throw Fail(RolePath(i) + ".name", null, problem);
                if (roles.TryGetValue(role.Name, out var first)) throw Fail(RolePath(i) + ".name", null, Duplicate("role", role.Name, RolePath(first)));
                roles.Add(role.Name, i);
                for (var k = 0; k < role.Inherits.Count; k++)
                {
                    if (NameProblem("role name", role.Inherits[k]) is { } inherited)
                        throw Fail(RolePath(i) + ".inherits[" + k.ToString(CultureInfo.InvariantCulture) + "]", null, inherited);
                }
            }
            if (RoleGraph.TryBuild(snapshot.Roles, out var error) == null) throw Fail("$.roles", null, error!);

            for (var d = 0; d < snapshot.Domains.Count; d++)
            {
                var domain = snapshot.Domains[d];
                var at = new At(d);
                if (NameProblem("domain name", domain.Name) is { } problem) throw Fail(at.Render(".name"), null, problem);
                if (_domains.TryGetValue(domain.Name, out var other)) throw Fail(at.Render(".name"), null, Duplicate("domain", domain.Name, other.Render()));
                _domains.Add(domain.Name, at);
                _products.Clear();
                for (var p = 0; p < domain.Products.Count; p++) Product(domain.Products[p], new At(d, p));
            }
        }

        private static string RolePath(int i) => "$.roles[" + i.ToString(CultureInfo.InvariantCulture) + "]";

        private void Product(DataProduct product, At at)
        {
            var source = product.Source;
            Name("product name", product.Name, at, ".name", source);
            Unique(_products, product.Name, "product", at, source);
            Name("database name", product.Database, at, ".database", source);
            Name("schema name", product.Schema, at, ".schema", source);
            Tags(product.Tags, at, source);
            if (_schemas.TryGetValue((product.Database, product.Schema), out var other))
                throw Fail(at.Render(".schema"), source, SchemaTaken(product.Database, product.Schema, Where(other)));
            _schemas.Add((product.Database, product.Schema), (at, source));
            _datasets.Clear();
            for (var i = 0; i < product.Datasets.Count; i++)
            {
                var dataset = product.Datasets[i];
                var datasetAt = at with { Dataset = i };
                var datasetSource = dataset.Source ?? source;
                Name("dataset name", dataset.Name, datasetAt, ".name", datasetSource);
                Unique(_datasets, dataset.Name, "dataset", datasetAt, dataset.Source);
                Tags(dataset.Tags, datasetAt, datasetSource);
                if (dataset.Sources is { } lineage) Sources(dataset, lineage, datasetAt, datasetSource);
                _columns.Clear();
                var columns = dataset.Columns;
                for (var c = 0; c < columns.Count; c++)
                {
                    var column = columns[c];
                    if (NameProblem("column name", column.Name) is { } problem) throw Fail((datasetAt with { Column = c }).Render(".name"), column.Source ?? datasetSource, problem);
                    if (!_columns.TryAdd(column.Name, (datasetAt with { Column = c }, column.Source)))
                        Unique(_columns, column.Name, "column", datasetAt with { Column = c }, column.Source);
                    if (column.Tags.Count > 0) Tags(column.Tags, datasetAt with { Column = c }, column.Source ?? datasetSource);
                }
            }
        }

        private void Sources(Dataset dataset, IReadOnlyList<string> lineage, At at, SourceLocation? source)
        {
            if (SourcesProblem(dataset.Name, dataset.Kind) is { } misplaced) throw Fail(at.Render(".sources"), source, misplaced);
            for (var i = 0; i < lineage.Count; i++)
            {
                var path = at.Render(".sources[" + i.ToString(CultureInfo.InvariantCulture) + "]");
                if (SourceTargetProblem(lineage[i]) is { } problem) throw Fail(path, source, problem);
                for (var k = 0; k < i; k++)
                {
                    if (string.Equals(lineage[k], lineage[i], StringComparison.Ordinal))
                        throw Fail(path, source, DuplicateSource(lineage[i], at.Render(".sources[" + k.ToString(CultureInfo.InvariantCulture) + "]")));
                }
            }
        }

        private void Tags(TagSet tags, At at, SourceLocation? source)
        {
            foreach (var tag in tags.Items)
            {
                if (NameProblem("tag name", tag.Key) is { } problem) throw Fail(at.Render(".tags" + PathMember(tag.Key)), source, problem);
                if (TagValueProblem(tag.Value) is { } valueProblem) throw Fail(at.Render(".tags" + PathMember(tag.Key)), source, valueProblem);
            }
        }

        private void Name(string what, string name, At at, string suffix, SourceLocation? source)
        {
            if (NameProblem(what, name) is { } problem) throw Fail(at.Render(suffix), source, problem);
        }

        private void Unique(Dictionary<string, (At, SourceLocation?)> seen, string name, string what, At at, SourceLocation? source)
        {
            if (seen.TryGetValue(name, out var first)) throw Fail(at.Render(".name"), source, Duplicate(what, name, Where(first)));
            seen.Add(name, (at, source));
        }

        private static string Where((At At, SourceLocation? Source) at) => at.Source?.ToString() ?? at.At.Render();

        /// <summary>At the object's source when it has one (naming the snapshot path too), else at the snapshot path.</summary>
        private GovernanceInputException Fail(string path, SourceLocation? source, string problem) => source is null
            ? new GovernanceInputException(govId, file, path, null, problem)
            : new GovernanceInputException(govId, source.File, source.Path, source.Line,
                problem + (source.Name is null ? "" : " (`" + source.Name + "`)") + "; in the snapshot at " + path);
    }
}
