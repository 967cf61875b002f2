using System.Globalization;

namespace Governance;

/// <summary>
/// The checks a snapshot must pass that its types cannot express: names that are Snowflake identifiers, names unique
/// where required (domains and roles in the snapshot; products, datasets and columns in their parent; one product per
/// database and schema), tag names that are identifiers and tag values Snowflake accepts, and a role hierarchy that
/// names defined roles and has no cycle. <see cref="SnapshotReader"/> makes them while it streams a file (its messages
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

    /// <summary>Walks a snapshot in memory in the order the writer writes it.</summary>
    private sealed class Walker(string govId, string? file)
    {
        private readonly Dictionary<string, (string Path, SourceLocation? Source)> _domains = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string), (string Path, SourceLocation? Source)> _schemas = new();

        public void Walk(MetadataSnapshot snapshot)
        {
            var roles = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < snapshot.Roles.Count; i++)
            {
                var role = snapshot.Roles[i];
                var path = "$.roles[" + Index(i) + "]";
                Name("role name", role.Name, path + ".name", null);
                if (roles.TryGetValue(role.Name, out var first)) throw Fail(path + ".name", null, Duplicate("role", role.Name, first));
                roles.Add(role.Name, path);
                for (var k = 0; k < role.Inherits.Count; k++) Name("role name", role.Inherits[k], path + ".inherits[" + Index(k) + "]", null);
            }
            if (RoleGraph.TryBuild(snapshot.Roles, out var error) == null) throw Fail("$.roles", null, error!);

            for (var d = 0; d < snapshot.Domains.Count; d++)
            {
                var domain = snapshot.Domains[d];
                var path = "$.domains[" + Index(d) + "]";
                Name("domain name", domain.Name, path + ".name", null);
                if (_domains.TryGetValue(domain.Name, out var other)) throw Fail(path + ".name", null, Duplicate("domain", domain.Name, Where(other)));
                _domains.Add(domain.Name, (path, null));
                var products = new Dictionary<string, (string, SourceLocation?)>(StringComparer.Ordinal);
                for (var p = 0; p < domain.Products.Count; p++) Product(domain.Products[p], path + ".products[" + Index(p) + "]", products);
            }
        }

        private void Product(DataProduct product, string path, Dictionary<string, (string, SourceLocation?)> siblings)
        {
            var source = product.Source;
            Name("product name", product.Name, path + ".name", source);
            Unique(siblings, product.Name, "product", path, source);
            Name("database name", product.Database, path + ".database", source);
            Name("schema name", product.Schema, path + ".schema", source);
            Tags(product.Tags, path, source);
            if (_schemas.TryGetValue((product.Database, product.Schema), out var other))
                throw Fail(path + ".schema", source, SchemaTaken(product.Database, product.Schema, Where(other)));
            _schemas.Add((product.Database, product.Schema), (path, source));
            var datasets = new Dictionary<string, (string, SourceLocation?)>(StringComparer.Ordinal);
            for (var i = 0; i < product.Datasets.Count; i++)
            {
                var dataset = product.Datasets[i];
                var datasetPath = path + ".datasets[" + Index(i) + "]";
                var datasetSource = dataset.Source ?? source;
                Name("dataset name", dataset.Name, datasetPath + ".name", datasetSource);
                Unique(datasets, dataset.Name, "dataset", datasetPath, dataset.Source);
                Tags(dataset.Tags, datasetPath, datasetSource);
                var columns = new Dictionary<string, (string, SourceLocation?)>(StringComparer.Ordinal);
                for (var c = 0; c < dataset.Columns.Count; c++)
                {
                    var column = dataset.Columns[c];
                    var columnPath = datasetPath + ".columns[" + Index(c) + "]";
                    var columnSource = column.Source ?? datasetSource;
                    Name("column name", column.Name, columnPath + ".name", columnSource);
                    Unique(columns, column.Name, "column", columnPath, column.Source);
                    Tags(column.Tags, columnPath, columnSource);
                }
            }
        }

        private void Tags(TagSet tags, string path, SourceLocation? source)
        {
            foreach (var tag in tags.Items)
            {
                var tagPath = path + ".tags" + PathMember(tag.Key);
                if (NameProblem("tag name", tag.Key) is { } problem) throw Fail(tagPath, source, problem);
                if (TagValueProblem(tag.Value) is { } valueProblem) throw Fail(tagPath, source, valueProblem);
            }
        }

        private void Name(string what, string name, string path, SourceLocation? source)
        {
            if (NameProblem(what, name) is { } problem) throw Fail(path, source, problem);
        }

        private void Unique(Dictionary<string, (string, SourceLocation?)> seen, string name, string what, string path, SourceLocation? source)
        {
            if (seen.TryGetValue(name, out var first)) throw Fail(path + ".name", source, Duplicate(what, name, Where(first)));
            seen.Add(name, (path, source));
        }

        private static string Where((string Path, SourceLocation? Source) at) => at.Source?.ToString() ?? at.Path;

        /// <summary>At the object's source when it has one (naming the snapshot path too), else at the snapshot path.</summary>
        private GovernanceInputException Fail(string path, SourceLocation? source, string problem) => source is null
            ? new GovernanceInputException(govId, file, path, null, problem)
            : new GovernanceInputException(govId, source.File, source.Path, source.Line,
                problem + (source.Name is null ? "" : " (`" + source.Name + "`)") + "; in the snapshot at " + path);

        private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
    }
}
