using System.Data.Common;
using System.Globalization;
using DuckDB.NET.Data;
using Governance.Snowflake;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Simulation;

/// <summary>One row of an entitlement (mapping) table: <see cref="Role"/> may see rows whose filter column is <see cref="Value"/>.</summary>
public sealed record Entitlement(string Database, string Schema, string Table, string Role, string Value);

/// <summary>What to simulate: sample size and seed, the plan's mode, and the entitlement rows.</summary>
public sealed record SimulationOptions
{
    /// <summary>Sample rows per dataset.</summary>
    public int Rows { get; init; } = 10;
    public int Seed { get; init; } = 1;
    /// <summary>How masking policies reach columns, as in <c>governance plan --mode</c>.</summary>
    public PlanMode Mode { get; init; } = PlanMode.Column;
    /// <summary>The rows of the entitlement tables; null: <see cref="Simulator.DefaultEntitlements"/>.</summary>
    public IReadOnlyList<Entitlement>? Entitlements { get; init; }
    /// <summary>What <c>CURRENT_USER()</c> returns.</summary>
    public string User { get; init; } = "SIMULATION";
}

/// <summary>A column of a simulated dataset: its stored name and Snowflake type.</summary>
public sealed record SimulatedColumn(string Name, SnowflakeType Type);

/// <summary>A row the role sees: its position in the sample (0-based) and its values as DuckDB renders them (NULL as null).</summary>
public sealed record SimulatedRow(int Sample, IReadOnlyList<string?> Values);

/// <summary>One dataset through its simulated view: the rows the role sees, masked; and the whole sample in clear.</summary>
public sealed class SimulatedDataset
{
    internal SimulatedDataset(string target, DataProduct product, Dataset dataset, IReadOnlyList<SimulatedColumn> columns, IReadOnlyList<SimulatedRow> rows, IReadOnlyList<SimulatedRow> sample)
    {
        Target = target; Product = product; Dataset = dataset; Columns = columns; Rows = rows; Sample = sample;
    }

    /// <summary><c>DB.SCHEMA.DATASET</c>, stored names.</summary>
    public string Target { get; }
    public DataProduct Product { get; }
    public Dataset Dataset { get; }
    public IReadOnlyList<SimulatedColumn> Columns { get; }
    /// <summary>The rows the role sees through the view (row access applied, columns masked), in sample order.</summary>
    public IReadOnlyList<SimulatedRow> Rows { get; }
    /// <summary>Every sample row in clear, as loaded (the same for every role).</summary>
    public IReadOnlyList<SimulatedRow> Sample { get; }
}

/// <summary>What one role sees of every selected dataset.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(string role, IReadOnlyList<string> sessionRoles, IReadOnlyList<SimulatedDataset> datasets, IReadOnlyList<Entitlement> entitlements)
    {
        Role = role; SessionRoles = sessionRoles; Datasets = datasets; Entitlements = entitlements;
    }

    public string Role { get; }
    /// <summary>Every role the session has: the role, the roles it inherits, PUBLIC; sorted.</summary>
    public IReadOnlyList<string> SessionRoles { get; }
    /// <summary>Sorted by target.</summary>
    public IReadOnlyList<SimulatedDataset> Datasets { get; }
    public IReadOnlyList<Entitlement> Entitlements { get; }
}

/// <summary>
/// Runs the compiled policies locally: plans the packs' decisions for Snowflake (<see cref="SnowflakePlanner"/>),
/// installs each masking policy as a DuckDB scalar macro and each row access policy as a boolean macro from the same
/// compiled body the script is generated from (written as DuckDB by <see cref="DuckDbExpressionWriter"/>), loads deterministic
/// sample rows (<see cref="SampleData"/>) and the entitlement tables, and reads every dataset through a view that
/// masks its columns and filters its rows as Snowflake would, in a session of one role (with every role it inherits).
/// One in-memory DuckDB per run.
/// </summary>
public static class Simulator
{
    public static SimulationResult Run(PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, string role,
        SimulationOptions? options = null, Func<DataProduct, bool>? products = null)
        => Run(packs, snapshot, result, role, options, products, null);

    /// <summary>The same, with the sample rows of each dataset given by <paramref name="data"/> (DuckDB input text) instead of generated.</summary>
    internal static SimulationResult Run(PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, string role,
        SimulationOptions? options, Func<DataProduct, bool>? products, Func<string, Dataset, IReadOnlyList<string?[]>>? data)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(role);
        options ??= new SimulationOptions();
        var graph = RoleGraph.TryBuild(snapshot.Roles, out var error) ?? throw new SimulationException(error ?? "the role hierarchy is invalid");
        if (!graph.Roles.Contains(role, StringComparer.Ordinal))
            throw new SimulationException("unknown role `" + role + "`; the snapshot defines " + string.Join(", ", graph.Roles.OrderBy(r => r, StringComparer.Ordinal)));
        data ??= (target, dataset) => SampleData.Rows(target, dataset, options.Rows, options.Seed);

        var plan = SnowflakePlanner.Plan(packs, snapshot, result, new PlanOptions { Mode = options.Mode });
        var entitlements = options.Entitlements ?? DefaultEntitlements(snapshot, result);
        var sessionRoles = graph.RolesOf(role);

        using var connection = OpenSession(role, sessionRoles, options.User);

        CreateEntitlementTables(connection, result, entitlements);
        var installed = new PlanInstaller(connection);
        foreach (var op in plan.Operations) op.Accept(installed);
        var (policies, columnPolicies, rowPolicies) = (installed.Policies, installed.ColumnPolicies, installed.RowPolicies);
        var coverage = new PlanCoverage(plan.Operations);

        var selection = snapshot.Domains.SelectMany(d => d.Products).Where(p => products is null || products(p))
            .SelectMany(p => p.Datasets.Select(ds => (Product: p, Dataset: ds, Target: p.Database + "." + p.Schema + "." + ds.Name)))
            .OrderBy(x => x.Target, StringComparer.Ordinal)
            .ToList();
        var datasets = new List<SimulatedDataset>();
        for (var k = 0; k < selection.Count; k++)
        {
            var (product, dataset, target) = selection[k];
            var name = new SchemaObjectName(product.Database, product.Schema, dataset.Name);
            var table = "governance_data_" + k.ToString(CultureInfo.InvariantCulture);
            var view = "governance_view_" + k.ToString(CultureInfo.InvariantCulture);
            Load(connection, table, dataset, data(target, dataset));

            var select = new List<string> { PolicyViews.RowColumn };
            foreach (var column in dataset.Columns)
            {
                var id = DuckDbText.Identifier(column.Name);
                var expression = MaskedColumn(table, dataset, name, column, columnPolicies, coverage, policies);
                select.Add((expression ?? id) + " AS " + id);
            }
            // Qualified arguments, as for masking (see MaskedColumn).
            var where = rowPolicies.TryGetValue(name, out var rap) ? " WHERE " + PolicyViews.RowFilter(policies[rap.Policy].Macro, table, rap.Columns) : "";
            Execute(connection, "CREATE VIEW " + view + " AS SELECT " + string.Join(", ", select) + " FROM " + table + where);

            var columns = dataset.Columns.Select(c => new SimulatedColumn(c.Name, c.Type)).ToList();
            var names = dataset.Columns.Select(c => c.Name).ToList();
            datasets.Add(new SimulatedDataset(target, product, dataset, columns, PolicyViews.Read(connection, view, names), PolicyViews.Read(connection, table, names)));
        }
        return new SimulationResult(role, sessionRoles, datasets, entitlements);
    }

    /// <summary>
    /// An in-memory DuckDB with the Snowflake compatibility layer (<see cref="SnowflakeCompatibility.Setup"/>) and a
    /// session: primary role <paramref name="role"/>, every role in <paramref name="sessionRoles"/> (given as parameters).
    /// </summary>
    internal static DuckDBConnection OpenSession(string role, IReadOnlyList<string> sessionRoles, string user)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        try
        {
            connection.Open();
            foreach (var statement in SnowflakeCompatibility.Setup()) Execute(connection, statement);
            Execute(connection, "INSERT INTO governance_session VALUES (?, ?)", role, user);
            foreach (var r in sessionRoles) Execute(connection, "INSERT INTO governance_session_roles VALUES (?)", r);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The entitlement rows used when none are given, so that the example filters: for every entitlement table a row
    /// access rule reads, and every role of the snapshot, a role named after a value of the filter column's vocabulary
    /// (<c>EMEA_ANALYST</c> → <c>EMEA</c>, see <see cref="SampleData.Vocabulary"/>) is granted that value, and a role
    /// that inherits no role (<c>ANALYST</c>) is granted the vocabulary's first value no role is named after. Roles inherit their parents' entitlements through
    /// <c>IS_ROLE_IN_SESSION</c>. A filter column without a vocabulary gets no rows.
    /// </summary>
    public static IReadOnlyList<Entitlement> DefaultEntitlements(MetadataSnapshot snapshot, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(result);
        var list = new List<Entitlement>();
        foreach (var filter in EntitlementFilters(result))
        {
            if (SampleData.Vocabulary(filter.Column) is not { } pool) continue;
            string? NamedAfter(string role) => pool.FirstOrDefault(v => role.StartsWith(v.ToUpperInvariant() + "_", StringComparison.Ordinal));
            var unnamed = pool.FirstOrDefault(v => !snapshot.Roles.Any(r => NamedAfter(r.Name) == v));
            foreach (var r in snapshot.Roles.OrderBy(r => r.Name, StringComparer.Ordinal))
            {
                var value = NamedAfter(r.Name) ?? (r.Inherits.Count == 0 ? unnamed : null);
                if (value is not null) list.Add(new Entitlement(filter.Database, filter.Schema, filter.Table, r.Name, value));
            }
        }
        return list.Distinct().ToList();
    }

    private static IEnumerable<EntitlementFilter> EntitlementFilters(EvaluationResult result)
        => result.RowAccess.SelectMany(d => d.Parts).Select(p => p.Filter).OfType<EntitlementFilter>()
            .DistinctBy(f => (f.Database, f.Schema, f.Table, f.RoleColumn, f.ValueColumn, f.Column))
            .OrderBy(f => f.Database, StringComparer.Ordinal).ThenBy(f => f.Schema, StringComparer.Ordinal).ThenBy(f => f.Table, StringComparer.Ordinal)
            .ThenBy(f => f.RoleColumn, StringComparer.Ordinal).ThenBy(f => f.ValueColumn, StringComparer.Ordinal);

    /// <summary>A mapping table a row access rule reads: its stored name, its columns (role column, value columns) and its rows.</summary>
    internal sealed record EntitlementTable(string Database, string Schema, string Table, IReadOnlyList<(string Name, SnowflakeType Type)> Columns, IReadOnlyList<string?[]> Rows);

    /// <summary>
    /// The mapping tables the row access rules of <paramref name="result"/> read, with <paramref name="entitlements"/>
    /// as rows. A value column has the type of the dataset columns it is compared with; NUMBER columns of several
    /// scales share a NUMBER(38, largest scale); columns of different kinds, VARCHAR.
    /// </summary>
    internal static IReadOnlyList<EntitlementTable> EntitlementTables(EvaluationResult result, IReadOnlyList<Entitlement> entitlements)
    {
        var compared = new Dictionary<(string, string, string, string), List<SnowflakeType>>();
        foreach (var d in result.RowAccess)
        {
            foreach (var p in d.Parts)
            {
                if (p.Filter is not EntitlementFilter e || !p.ColumnPresent || d.Dataset.FindColumn(e.Column) is not { } c) continue;
                var key = (e.Database, e.Schema, e.Table, e.ValueColumn);
                if (!compared.TryGetValue(key, out var list)) compared[key] = list = new List<SnowflakeType>();
                list.Add(c.Type);
            }
        }
        SnowflakeType ValueType((string, string, string, string) key)
        {
            if (!compared.TryGetValue(key, out var list)) return SnowflakeType.Varchar();
            var distinct = list.DistinctBy(DuckDbText.TypeOf).ToList();
            if (distinct.Count == 1) return distinct[0];
            return list.All(t => t.Kind == SnowflakeTypeKind.Number) ? SnowflakeType.Number(38, Math.Min(list.Max(t => t.Scale), 37)) : SnowflakeType.Varchar();
        }
        var tables = new List<EntitlementTable>();
        foreach (var byTable in EntitlementFilters(result).GroupBy(f => (f.Database, f.Schema, f.Table)))
        {
            var (db, schema, tableName) = byTable.Key;
            var columns = new List<(string Name, SnowflakeType Type)>();
            void Add(string column, SnowflakeType type)
            {
                if (!columns.Any(c => c.Name == column)) columns.Add((column, type));
            }
            foreach (var f in byTable)
            {
                Add(f.RoleColumn, SnowflakeType.Varchar());
                Add(f.ValueColumn, ValueType((db, schema, tableName, f.ValueColumn)));
            }
            var rows = new List<string?[]>();
            foreach (var f in byTable.DistinctBy(f => (f.RoleColumn, f.ValueColumn)))
            {
                foreach (var e in entitlements.Where(e => e.Database == db && e.Schema == schema && e.Table == tableName))
                {
                    var row = new string?[columns.Count];
                    row[columns.FindIndex(c => c.Name == f.RoleColumn)] = e.Role;
                    if (f.RoleColumn != f.ValueColumn) row[columns.FindIndex(c => c.Name == f.ValueColumn)] = e.Value;
                    rows.Add(row);
                }
            }
            tables.Add(new EntitlementTable(db, schema, tableName, columns, rows));
        }
        return tables;
    }

    // Each mapping table under its own three-part name (an attached in-memory catalog per database), so the body's
    // EXISTS (SELECT 1 FROM "DB"."SCHEMA"."TABLE" m …) reads it unchanged.
    private static void CreateEntitlementTables(DuckDBConnection connection, EvaluationResult result, IReadOnlyList<Entitlement> entitlements)
    {
        var catalogs = new HashSet<string>(StringComparer.Ordinal);
        var schemas = new HashSet<(string, string)>();
        foreach (var t in EntitlementTables(result, entitlements))
        {
            if (catalogs.Add(t.Database)) Execute(connection, "ATTACH ':memory:' AS " + DuckDbText.Identifier(t.Database));
            if (schemas.Add((t.Database, t.Schema))) Execute(connection, "CREATE SCHEMA " + DuckDbText.Qualified(t.Database, t.Schema));
            var table = DuckDbText.Qualified(t.Database, t.Schema, t.Table);
            Execute(connection, "CREATE TABLE " + table + " (" + string.Join(", ", t.Columns.Select(c => DuckDbText.Identifier(c.Name) + " " + DuckDbText.TypeOf(c.Type))) + ")");
            Insert(connection, table, t.Columns.Select(c => (c.Name, c.Type)).ToList(), t.Rows, rowColumn: false);
        }
    }

    private sealed record Policy(string Macro, bool ReadsColumnTags);

    /// <summary>
    /// Runs a plan's statements on the DuckDB session, in order: every policy as a macro (masking → scalar, row access →
    /// boolean, written from the compiled body by <see cref="DuckDbExpressionWriter"/>), and which policy each column
    /// and dataset gets. Tags and tag-based masking are read by <see cref="PlanCoverage"/>; the session, the tags
    /// themselves and their allowed values change nothing a role reads.
    /// </summary>
    private sealed class PlanInstaller(DuckDBConnection connection) : IOperationVisitor<bool>
    {
        private int _macros;

        public Dictionary<SchemaObjectName, Policy> Policies { get; } = new();
        public Dictionary<(SchemaObjectName, string), SetColumnMaskingPolicy> ColumnPolicies { get; } = new();
        public Dictionary<SchemaObjectName, (SchemaObjectName Policy, IReadOnlyList<string> Columns)> RowPolicies { get; } = new();

        public bool Visit(CreateMaskingPolicy operation) => Install(operation.Name, "governance_mp_", operation.Signature, operation.Body);
        public bool Visit(CreateRowAccessPolicy operation) => Install(operation.Name, "governance_rap_", operation.Signature, operation.Body);
        public bool Visit(SetMaskingPolicyBody operation) => Replace(operation.Name, operation.Signature, operation.Body);
        public bool Visit(SetRowAccessPolicyBody operation) => Replace(operation.Name, operation.Signature, operation.Body);
        public bool Visit(DropMaskingPolicy operation) => Policies.Remove(operation.Name);
        public bool Visit(DropRowAccessPolicy operation) => Policies.Remove(operation.Name);

        public bool Visit(SetColumnMaskingPolicy operation)
        {
            ColumnPolicies[(operation.Table, operation.Column)] = operation;
            return true;
        }

        public bool Visit(UnsetColumnMaskingPolicy operation) => ColumnPolicies.Remove((operation.Table, operation.Column));

        public bool Visit(AddRowAccessPolicy operation)
        {
            RowPolicies[operation.Table] = (operation.Policy, operation.Columns);
            return true;
        }

        public bool Visit(SwapRowAccessPolicy operation)
        {
            RowPolicies[operation.Table] = (operation.NewPolicy, operation.Columns);
            return true;
        }

        public bool Visit(DropTableRowAccessPolicy operation) => RowPolicies.Remove(operation.Table);

        // Read by PlanCoverage: the tags on objects and the policies that reach columns through them.
        public bool Visit(SetTag operation) => false;
        public bool Visit(UnsetTag operation) => false;
        public bool Visit(DropTag operation) => false;
        public bool Visit(SetTagMaskingPolicy operation) => false;
        public bool Visit(UnsetTagMaskingPolicy operation) => false;

        // The session, and the tags as objects: nothing a role reads.
        public bool Visit(UseRole operation) => false;
        public bool Visit(SetQuotedIdentifiersCaseSensitive operation) => false;
        public bool Visit(CreateTag operation) => false;
        public bool Visit(AddTagAllowedValues operation) => false;
        public bool Visit(DropTagAllowedValues operation) => false;
        public bool Visit(UnsetTagAllowedValues operation) => false;

        private bool Install(SchemaObjectName name, string prefix, PolicySignature signature, PolicyExpression body)
        {
            var macro = prefix + (++_macros).ToString(CultureInfo.InvariantCulture);
            var (sql, readsColumnTags) = PolicyViews.CreateMacro(macro, signature.Arguments.Select(a => a.Name), body);
            Execute(connection, sql);
            Policies[name] = new Policy(macro, readsColumnTags);
            return true;
        }

        // SET BODY: the policy keeps its macro (the views call it), with the new body.
        private bool Replace(SchemaObjectName name, PolicySignature signature, PolicyExpression body)
        {
            if (!Policies.TryGetValue(name, out var policy))
                throw new SimulationException("policy `" + name + "` does not exist: its body cannot be set");
            var (sql, readsColumnTags) = PolicyViews.CreateMacro(policy.Macro, signature.Arguments.Select(a => a.Name), body);
            Execute(connection, sql);
            Policies[name] = policy with { ReadsColumnTags = readsColumnTags };
            return true;
        }
    }

    // The view's expression for a masked column, or null when no policy covers it. Arguments are qualified with the
    // table: DuckDB expands a macro's parameters textually, so a bare "REGION" passed into a body whose subquery reads
    // a mapping table with a "REGION" column would bind to the mapping table's column. A direct column policy wins over a
    // tag-based one; the tag-based one is the policy for the column's type of a tag the plan sets on the column (or on
    // its table or schema), as Snowflake picks it. A virtual column of an external table without a policy of its own
    // inherits the policy of VALUE, which holds the whole row: it is NULL where VALUE is masked.
    private static string? MaskedColumn(string table, Dataset dataset, SchemaObjectName name, Column column,
        Dictionary<(SchemaObjectName, string), SetColumnMaskingPolicy> columnPolicies, PlanCoverage coverage, Dictionary<SchemaObjectName, Policy> policies)
    {
        if (columnPolicies.TryGetValue((name, column.Name), out var direct))
        {
            var args = direct.UsingColumns.Count == 0 ? new[] { column.Name } : direct.UsingColumns.ToArray();
            return PolicyViews.MaskedColumn(policies[direct.Policy].Macro, table, args, column.Type, null);
        }
        var covering = coverage.TagPoliciesOn(name, column.Name, column.Type);
        // Snowflake refuses to query a column that two tags' policies mask (MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN).
        if (covering.Count > 1)
        {
            throw new SimulationException("column `" + name + "." + column.Name + "` carries " + string.Join(" and ", covering.Select(t => "`" + t.Tag.Name + "`"))
                + ", whose tag-based policies both mask its type: Snowflake refuses to query it (give it a direct policy)");
        }
        if (covering.Count == 1)
        {
            var policy = policies[covering[0].Policy.Name];
            var tags = coverage.TagsOn(name, column.Name).Select(t => KeyValuePair.Create(t.Tag.Sql, t.Value));
            return PolicyViews.MaskedColumn(policy.Macro, table, new[] { column.Name }, column.Type, policy.ReadsColumnTags ? tags : null);
        }
        if (dataset.Kind == DatasetKind.ExternalTable && column.Name != SnowflakePlanner.ExternalValueColumn
            && columnPolicies.TryGetValue((name, SnowflakePlanner.ExternalValueColumn), out var value))
        {
            var own = table + "." + DuckDbText.Identifier(column.Name);
            if (dataset.FindColumn(SnowflakePlanner.ExternalValueColumn) is { } declared)
            {
                var masked = MaskedColumn(table, dataset, name, declared, columnPolicies, coverage, policies)!;
                return PolicyViews.DerivedFromValue(masked, table + "." + DuckDbText.Identifier(declared.Name), own);
            }
            // A snapshot may leave VALUE out (Snowflake's external tables always have it): an empty object stands in for it.
            const string empty = "CAST('{}' AS VARCHAR)";
            return PolicyViews.DerivedFromValue("CAST(" + policies[value.Policy].Macro + "(" + empty + ") AS VARCHAR)", empty, own);
        }
        return null;
    }

    private static void Load(DuckDBConnection connection, string table, Dataset dataset, IReadOnlyList<string?[]> rows)
    {
        var columns = dataset.Columns.Select(c => (c.Name, c.Type)).ToList();
        Execute(connection, "CREATE TABLE " + table + " (" + PolicyViews.RowColumn + " INTEGER"
            + string.Concat(columns.Select(c => ", " + DuckDbText.Identifier(c.Name) + " " + DuckDbText.TypeOf(c.Type))) + ")");
        Insert(connection, table, columns, rows, rowColumn: true);
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> (DuckDB input text, cast to each column's type) into <paramref name="table"/>,
    /// with each row's position first when the table has the <see cref="PolicyViews.RowColumn"/>.
    /// </summary>
    internal static void Insert(DuckDBConnection connection, string table, IReadOnlyList<(string Name, SnowflakeType Type)> columns, IReadOnlyList<string?[]> rows, bool rowColumn)
    {
        var insert = "INSERT INTO " + table + " VALUES (" + (rowColumn ? "?, " : "")
            + string.Join(", ", columns.Select(c => "CAST(? AS " + DuckDbText.TypeOf(c.Type) + ")")) + ")";
        for (var r = 0; r < rows.Count; r++)
        {
            var args = new List<object?>();
            if (rowColumn) args.Add(r);
            args.AddRange(rows[r]);
            Execute(connection, insert, args.ToArray());
        }
    }

    internal static DbCommand Command(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new DuckDBParameter(p ?? DBNull.Value));
        return command;
    }

    internal static void Execute(DuckDBConnection connection, string sql, params object?[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        try
        {
            command.ExecuteNonQuery();
        }
        catch (DbException e)
        {
            throw new SimulationException("DuckDB refused `" + (sql.Length > 200 ? sql[..200] + "…" : sql) + "`: " + FirstLine(e.Message), e);
        }
    }

    internal static string FirstLine(string message) => message.Split('\n')[0];
}
