using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.State;

namespace Governance.Simulation.Emulation;

/// <summary>A dataset of the account: its kind, the DuckDB table that holds its rows, and its columns.</summary>
internal sealed record DatasetInfo(SchemaObjectName Name, DatasetKind Kind, string Storage, IReadOnlyList<ColumnInfo> Columns)
{
    /// <summary>The column stored as <paramref name="name"/>, or null.</summary>
    public ColumnInfo? Find(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}

internal sealed record ColumnInfo(string Name, SnowflakeType Type, bool Nullable, int Ordinal);

internal sealed record TagInfo(SchemaObjectName Name, IReadOnlyList<string>? AllowedValues, string? Comment, string Owner, DateTimeOffset CreatedOn);

internal enum PolicyKind { Masking, RowAccess }

internal sealed record PolicyArgument(string Name, SnowflakeType Type);

internal sealed record PolicyInfo(SchemaObjectName Name, PolicyKind Kind, IReadOnlyList<PolicyArgument> Arguments, SnowflakeType ReturnType,
    string Body, string? Comment, bool ExemptOtherPolicies, string Owner, DateTimeOffset CreatedOn);

/// <summary>A masking policy set on a column; <see cref="Using"/> is the USING list as written, empty without one.</summary>
internal sealed record ColumnMaskingInfo(SchemaObjectName Table, string Column, SchemaObjectName Policy, IReadOnlyList<string> Using)
{
    /// <summary>The columns the policy's arguments read: the USING list, or the masked column alone.</summary>
    public IReadOnlyList<string> Arguments => Using.Count == 0 ? new[] { Column } : Using;
}

internal sealed record RowAccessInfo(SchemaObjectName Table, SchemaObjectName Policy, IReadOnlyList<string> On);

internal enum TagDomain { Database, Schema, Dataset, Column }

/// <summary>A tag set on a database (Schema, Object and Column empty), a schema, a dataset or a column.</summary>
internal sealed record TagAssignmentInfo(TagDomain Domain, string Database, string Schema, string Object, string Column, SchemaObjectName Tag, string Value);

/// <summary>Everything the account holds, read from its DuckDB tables once per change.</summary>
internal sealed class AccountState
{
    public required IReadOnlySet<string> Databases { get; init; }
    public required IReadOnlySet<(string Database, string Schema)> Schemas { get; init; }
    /// <summary>Role → the roles granted to it.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; init; }
    public required IReadOnlyDictionary<SchemaObjectName, DatasetInfo> Datasets { get; init; }
    public required IReadOnlyDictionary<SchemaObjectName, TagInfo> Tags { get; init; }
    public required IReadOnlyDictionary<SchemaObjectName, PolicyInfo> Policies { get; init; }
    public required IReadOnlyList<ColumnMaskingInfo> ColumnMasking { get; init; }
    /// <summary>Tag → its masking policies, in the order they were set.</summary>
    public required IReadOnlyDictionary<SchemaObjectName, IReadOnlyList<SchemaObjectName>> TagMasking { get; init; }
    public required IReadOnlyDictionary<SchemaObjectName, RowAccessInfo> RowAccess { get; init; }
    public required IReadOnlyList<TagAssignmentInfo> Assignments { get; init; }

    public ColumnMaskingInfo? MaskingOf(SchemaObjectName table, string column)
        => ColumnMasking.FirstOrDefault(m => m.Table.Equals(table) && string.Equals(m.Column, column, StringComparison.Ordinal));

    /// <summary>The roles a session of <paramref name="role"/> has: the role, every role granted to it, and PUBLIC.</summary>
    public IReadOnlyList<string> SessionRoles(string role)
    {
        var graph = RoleGraph.TryBuild(Roles.Select(r => new RoleDefinition(r.Key, r.Value)).ToList(), out var error)
            ?? throw new EmulatorException("SQL execution error: the account's role grants are invalid: " + error, ErrorCodes.Execution, "P0000");
        return graph.RolesOf(role);
    }

    /// <summary>The value of <paramref name="tag"/> on a column, the closest first: column, dataset, schema, database; and the level it is set at.</summary>
    public (string Value, TagDomain Level)? TagOnColumn(SchemaObjectName table, string column, SchemaObjectName tag)
    {
        foreach (var level in new[] { TagDomain.Column, TagDomain.Dataset, TagDomain.Schema, TagDomain.Database })
        {
            var a = Assignments.FirstOrDefault(a => a.Domain == level && a.Tag.Equals(tag) && Covers(a, table, column));
            if (a is not null) return (a.Value, level);
        }
        return null;
    }

    /// <summary>Every tag that reaches a column (set on it or inherited), the closest value of each, ordered by tag.</summary>
    public IReadOnlyList<(SchemaObjectName Tag, string Value, TagDomain Level)> TagsOnColumn(SchemaObjectName table, string column)
        => Assignments.Where(a => Covers(a, table, column)).Select(a => a.Tag).Distinct()
            .Select(t => (Tag: t, On: TagOnColumn(table, column, t)!.Value))
            .Select(x => (x.Tag, x.On.Value, x.On.Level))
            .OrderBy(x => x.Tag.ToString(), StringComparer.Ordinal).ToList();

    private static bool Covers(TagAssignmentInfo a, SchemaObjectName table, string column) => a.Domain switch
    {
        TagDomain.Column => a.Database == table.Database && a.Schema == table.Schema && a.Object == table.Name && a.Column == column,
        TagDomain.Dataset => a.Database == table.Database && a.Schema == table.Schema && a.Object == table.Name,
        TagDomain.Schema => a.Database == table.Database && a.Schema == table.Schema,
        _ => a.Database == table.Database,
    };
}

/// <summary>
/// The account's catalog in DuckDB tables of the schema <c>governance_account</c> (and the datasets' rows in
/// <c>governance_data</c>), in the same database as the data, so that a <c>.duckdb</c> file holds the whole account
/// between processes. Lists (allowed values, arguments, USING and ON columns) are JSON arrays; times are ISO 8601 text.
/// </summary>
internal sealed class Catalog
{
    /// <summary>The format of the catalog tables; a file of another format is refused.</summary>
    public const string Format = "governance.emulated-account/v1";

    private static readonly string[] Tables =
    {
        "CREATE TABLE governance_account.meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
        "CREATE TABLE governance_account.databases (name VARCHAR PRIMARY KEY)",
        "CREATE TABLE governance_account.schemas (database_name VARCHAR, name VARCHAR, PRIMARY KEY (database_name, name))",
        "CREATE TABLE governance_account.roles (name VARCHAR PRIMARY KEY)",
        "CREATE TABLE governance_account.role_grants (role_name VARCHAR, granted_role VARCHAR, PRIMARY KEY (role_name, granted_role))",
        "CREATE TABLE governance_account.datasets (database_name VARCHAR, schema_name VARCHAR, name VARCHAR, kind VARCHAR NOT NULL, storage VARCHAR NOT NULL, PRIMARY KEY (database_name, schema_name, name))",
        "CREATE TABLE governance_account.columns (database_name VARCHAR, schema_name VARCHAR, table_name VARCHAR, name VARCHAR, ordinal INTEGER NOT NULL, type VARCHAR NOT NULL, nullable BOOLEAN NOT NULL, PRIMARY KEY (database_name, schema_name, table_name, name))",
        "CREATE TABLE governance_account.tags (database_name VARCHAR, schema_name VARCHAR, name VARCHAR, allowed_values VARCHAR, comment VARCHAR, owner VARCHAR NOT NULL, created_on VARCHAR NOT NULL, PRIMARY KEY (database_name, schema_name, name))",
        "CREATE TABLE governance_account.policies (database_name VARCHAR, schema_name VARCHAR, name VARCHAR, kind VARCHAR NOT NULL, arguments VARCHAR NOT NULL, return_type VARCHAR NOT NULL, body VARCHAR NOT NULL, comment VARCHAR, exempt_other_policies BOOLEAN NOT NULL, owner VARCHAR NOT NULL, created_on VARCHAR NOT NULL, PRIMARY KEY (database_name, schema_name, name))",
        "CREATE TABLE governance_account.column_masking (database_name VARCHAR, schema_name VARCHAR, table_name VARCHAR, column_name VARCHAR, policy_database VARCHAR NOT NULL, policy_schema VARCHAR NOT NULL, policy_name VARCHAR NOT NULL, using_columns VARCHAR NOT NULL, PRIMARY KEY (database_name, schema_name, table_name, column_name))",
        "CREATE TABLE governance_account.tag_masking (tag_database VARCHAR, tag_schema VARCHAR, tag_name VARCHAR, policy_database VARCHAR, policy_schema VARCHAR, policy_name VARCHAR, position INTEGER NOT NULL, PRIMARY KEY (tag_database, tag_schema, tag_name, policy_database, policy_schema, policy_name))",
        "CREATE TABLE governance_account.row_access (database_name VARCHAR, schema_name VARCHAR, table_name VARCHAR, policy_database VARCHAR NOT NULL, policy_schema VARCHAR NOT NULL, policy_name VARCHAR NOT NULL, on_columns VARCHAR NOT NULL, PRIMARY KEY (database_name, schema_name, table_name))",
        "CREATE TABLE governance_account.tag_assignments (domain VARCHAR, object_database VARCHAR, object_schema VARCHAR, object_name VARCHAR, column_name VARCHAR, tag_database VARCHAR, tag_schema VARCHAR, tag_name VARCHAR, tag_value VARCHAR NOT NULL, PRIMARY KEY (domain, object_database, object_schema, object_name, column_name, tag_database, tag_schema, tag_name))",
    };

    private readonly DuckDBConnection _duck;
    private AccountState? _state;

    public Catalog(DuckDBConnection duck) => _duck = duck;

    /// <summary>Creates the catalog in an empty database (true), or checks the format of an existing one (false).</summary>
    public bool Open(string source)
    {
        var exists = Scalar("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'governance_account'") is long n && n > 0;
        if (!exists)
        {
            var other = Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('information_schema', 'pg_catalog') AND table_catalog = current_database()");
            if (other is long k && k > 0)
                throw new EmulatorException("`" + source + "` is a DuckDB database but not an emulated account (it has tables and no governance_account schema)", ErrorCodes.Compilation, "08001");
            Execute("CREATE SCHEMA governance_account");
            Execute("CREATE SCHEMA governance_data");
            foreach (var t in Tables) Execute(t);
            Execute("INSERT INTO governance_account.meta VALUES ('format', ?), ('next_storage', '1')", Format);
            return true;
        }
        var format = Scalar("SELECT value FROM governance_account.meta WHERE key = 'format'") as string;
        if (!string.Equals(format, Format, StringComparison.Ordinal))
            throw new EmulatorException("`" + source + "` holds an emulated account of format `" + (format ?? "unknown") + "`; expected `" + Format + "`", ErrorCodes.Compilation, "08001");
        return false;
    }

    /// <summary>The state, read again after every change.</summary>
    public AccountState State => _state ??= Load();

    /// <summary>Forgets the state read so far: the next <see cref="State"/> reads the tables again.</summary>
    public void Changed() => _state = null;

    /// <summary>A new name for a dataset's DuckDB table: <c>governance_data.d_N</c>.</summary>
    public string NewStorage()
    {
        var n = long.Parse((string)Scalar("SELECT value FROM governance_account.meta WHERE key = 'next_storage'")!, CultureInfo.InvariantCulture);
        Execute("UPDATE governance_account.meta SET value = ? WHERE key = 'next_storage'", (n + 1).ToString(CultureInfo.InvariantCulture));
        return "governance_data.d_" + n.ToString(CultureInfo.InvariantCulture);
    }

    public static string Json(IEnumerable<string> items) => JsonSerializer.Serialize(items.ToArray());
    public static IReadOnlyList<string> List(string json) => JsonSerializer.Deserialize<string[]>(json) ?? Array.Empty<string>();
    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Runs a statement against the catalog (the caller wraps a statement's writes in one transaction).</summary>
    public void Execute(string sql, params object?[] parameters)
    {
        using var command = Simulator.Command(_duck, sql, parameters);
        command.ExecuteNonQuery();
    }

    public object? Scalar(string sql, params object?[] parameters)
    {
        using var command = Simulator.Command(_duck, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public List<object?[]> Rows(string sql, params object?[] parameters)
    {
        using var command = Simulator.Command(_duck, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Runs <paramref name="change"/> in one DuckDB transaction: all of a statement's writes, or none.</summary>
    public void Transaction(Action change)
    {
        Execute("BEGIN TRANSACTION");
        try
        {
            change();
            Execute("COMMIT");
        }
        catch
        {
            try { Execute("ROLLBACK"); } catch (DbException) { /* the transaction is already gone */ }
            throw;
        }
        finally
        {
            Changed();
        }
    }

    private static SchemaObjectName Name(object?[] row, int at) => new((string)row[at]!, (string)row[at + 1]!, (string)row[at + 2]!);

    private AccountState Load()
    {
        var roles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var r in Rows("SELECT name FROM governance_account.roles ORDER BY name")) roles[(string)r[0]!] = new List<string>();
        foreach (var g in Rows("SELECT role_name, granted_role FROM governance_account.role_grants ORDER BY role_name, granted_role"))
        {
            if (roles.TryGetValue((string)g[0]!, out var list)) list.Add((string)g[1]!);
        }
        var columns = Rows("SELECT database_name, schema_name, table_name, name, ordinal, type, nullable FROM governance_account.columns ORDER BY database_name, schema_name, table_name, ordinal")
            .GroupBy(r => Name(r, 0))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ColumnInfo>)g.Select(r => new ColumnInfo((string)r[3]!, SnowflakeType.Parse((string)r[5]!), (bool)r[6]!, (int)r[4]!)).ToList());
        var datasets = Rows("SELECT database_name, schema_name, name, kind, storage FROM governance_account.datasets")
            .Select(r =>
            {
                var name = Name(r, 0);
                DatasetKinds.TryParse((string)r[3]!, out var kind);
                return new DatasetInfo(name, kind, (string)r[4]!, columns.TryGetValue(name, out var c) ? c : Array.Empty<ColumnInfo>());
            })
            .ToDictionary(d => d.Name);
        var tags = Rows("SELECT database_name, schema_name, name, allowed_values, comment, owner, created_on FROM governance_account.tags")
            .Select(r => new TagInfo(Name(r, 0), r[3] is string a ? List(a) : null, (string?)r[4], (string)r[5]!, DateTimeOffset.Parse((string)r[6]!, CultureInfo.InvariantCulture)))
            .ToDictionary(t => t.Name);
        var policies = Rows("SELECT database_name, schema_name, name, kind, arguments, return_type, body, comment, exempt_other_policies, owner, created_on FROM governance_account.policies")
            .Select(r =>
            {
                var args = JsonSerializer.Deserialize<string[][]>((string)r[4]!)!.Select(a => new PolicyArgument(a[0], SnowflakeType.Parse(a[1]))).ToList();
                return new PolicyInfo(Name(r, 0), (string)r[3]! == "MASKING_POLICY" ? PolicyKind.Masking : PolicyKind.RowAccess, args, SnowflakeType.Parse((string)r[5]!),
                    (string)r[6]!, (string?)r[7], (bool)r[8]!, (string)r[9]!, DateTimeOffset.Parse((string)r[10]!, CultureInfo.InvariantCulture));
            })
            .ToDictionary(p => p.Name);
        var masking = Rows("SELECT database_name, schema_name, table_name, column_name, policy_database, policy_schema, policy_name, using_columns FROM governance_account.column_masking ORDER BY database_name, schema_name, table_name, column_name")
            .Select(r => new ColumnMaskingInfo(Name(r, 0), (string)r[3]!, Name(r, 4), List((string)r[7]!))).ToList();
        var tagMasking = Rows("SELECT tag_database, tag_schema, tag_name, policy_database, policy_schema, policy_name FROM governance_account.tag_masking ORDER BY tag_database, tag_schema, tag_name, position")
            .GroupBy(r => Name(r, 0))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SchemaObjectName>)g.Select(r => Name(r, 3)).ToList());
        var rowAccess = Rows("SELECT database_name, schema_name, table_name, policy_database, policy_schema, policy_name, on_columns FROM governance_account.row_access")
            .Select(r => new RowAccessInfo(Name(r, 0), Name(r, 3), List((string)r[6]!))).ToDictionary(r => r.Table);
        var assignments = Rows("SELECT domain, object_database, object_schema, object_name, column_name, tag_database, tag_schema, tag_name, tag_value FROM governance_account.tag_assignments ORDER BY domain, object_database, object_schema, object_name, column_name, tag_database, tag_schema, tag_name")
            .Select(r => new TagAssignmentInfo(Enum.Parse<TagDomain>((string)r[0]!), (string)r[1]!, (string)r[2]!, (string)r[3]!, (string)r[4]!, Name(r, 5), (string)r[8]!)).ToList();
        return new AccountState
        {
            Databases = Rows("SELECT name FROM governance_account.databases").Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal),
            Schemas = Rows("SELECT database_name, name FROM governance_account.schemas").Select(r => ((string)r[0]!, (string)r[1]!)).ToHashSet(),
            Roles = roles.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value, StringComparer.Ordinal),
            Datasets = datasets,
            Tags = tags,
            Policies = policies,
            ColumnMasking = masking,
            TagMasking = tagMasking,
            RowAccess = rowAccess,
            Assignments = assignments,
        };
    }
}
