using Governance.Snowflake;
using Governance.Snapshots;
using Governance.State;

namespace Governance.Simulation.Emulation;

/// <summary>
/// The Information Schema of the emulated account, with Snowflake's documented column names, in their documented
/// order: the POLICY_REFERENCES and TAG_REFERENCES_ALL_COLUMNS table functions and the COLUMNS view. Rows are sorted
/// (Snowflake does not promise an order).
/// </summary>
internal static class InformationSchema
{
    /// <summary>REF_ENTITY_DOMAIN of a dataset (POLICY_REFERENCES' documented values: TABLE, VIEW, DYNAMIC_TABLE, ICEBERG_TABLE …).</summary>
    public static string Domain(DatasetKind kind) => kind switch
    {
        DatasetKind.View or DatasetKind.MaterializedView => "VIEW",
        DatasetKind.DynamicTable => "DYNAMIC_TABLE",
        DatasetKind.IcebergTable => "ICEBERG_TABLE",
        _ => "TABLE",
    };

    private static readonly string[] PolicyReferenceColumns =
    {
        "POLICY_DB", "POLICY_SCHEMA", "POLICY_NAME", "POLICY_KIND", "REF_DATABASE_NAME", "REF_SCHEMA_NAME", "REF_ENTITY_NAME", "REF_ENTITY_DOMAIN",
        "REF_COLUMN_NAME", "REF_ARG_COLUMN_NAMES", "TAG_DATABASE", "TAG_SCHEMA", "TAG_NAME", "POLICY_STATUS",
    };

    /// <summary>
    /// <c>POLICY_REFERENCES(POLICY_NAME =&gt; '…')</c> or <c>(REF_ENTITY_NAME =&gt; '…', REF_ENTITY_DOMAIN =&gt; '…')</c>: a row per
    /// column a masking policy is set on (REF_ARG_COLUMN_NAMES: the USING columns after the masked one), per dataset a
    /// row access policy is added to (REF_ARG_COLUMN_NAMES: the ON columns), per tag a masking policy is set on
    /// (REF_ENTITY_DOMAIN TAG), and per column a tag-based policy reaches (TAG_* filled; POLICY_STATUS
    /// MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN when two tags' policies reach it).
    /// </summary>
    public static Source PolicyReferences(Account account, IReadOnlyDictionary<string, string> named, IReadOnlyList<string> positional)
    {
        var state = account.State;
        if (positional.Count > 0 || named.Keys.Any(k => k is not ("POLICY_NAME" or "REF_ENTITY_NAME" or "REF_ENTITY_DOMAIN" or "POLICY_KIND")))
            throw Errors.Compilation("Invalid argument for POLICY_REFERENCES: pass POLICY_NAME => '…', or REF_ENTITY_NAME => '…' and REF_ENTITY_DOMAIN => '…'.");
        Func<object?[], bool> filter;
        if (named.TryGetValue("POLICY_NAME", out var policyText))
        {
            if (named.ContainsKey("REF_ENTITY_NAME")) throw Errors.Compilation("Invalid argument for POLICY_REFERENCES: POLICY_NAME and REF_ENTITY_NAME cannot be combined.");
            var policy = Parser.Qualified(Parser.NameInString(policyText));
            if (!state.Policies.ContainsKey(policy)) throw Errors.DoesNotExist("Policy", Errors.Show(policy));
            filter = r => (string)r[0]! == policy.Database && (string)r[1]! == policy.Schema && (string)r[2]! == policy.Name;
        }
        else if (named.TryGetValue("REF_ENTITY_NAME", out var entityText) && named.TryGetValue("REF_ENTITY_DOMAIN", out var domainText))
        {
            var entity = Parser.Qualified(Parser.NameInString(entityText));
            var domain = domainText.ToUpperInvariant();
            if (domain == "TAG")
            {
                account.RequireTag(entity);
            }
            else
            {
                var fits = state.Datasets.TryGetValue(entity, out var dataset) && domain switch
                {
                    "TABLE" => dataset.Kind is DatasetKind.Table or DatasetKind.ExternalTable or DatasetKind.DynamicTable or DatasetKind.IcebergTable,
                    "VIEW" => dataset.Kind is DatasetKind.View or DatasetKind.MaterializedView,
                    "DYNAMIC_TABLE" => dataset.Kind == DatasetKind.DynamicTable,
                    "ICEBERG_TABLE" => dataset.Kind == DatasetKind.IcebergTable,
                    _ => throw Errors.Compilation("Invalid value ['" + domainText + "'] for argument REF_ENTITY_DOMAIN: the emulated account knows TABLE, VIEW, DYNAMIC_TABLE, ICEBERG_TABLE and TAG."),
                };
                if (!fits) throw Errors.DoesNotExist(domain == "VIEW" ? "View" : "Table", Errors.Show(entity));
            }
            filter = r => (string)r[4]! == entity.Database && (string)r[5]! == entity.Schema && (string)r[6]! == entity.Name && (domain == "TAG") == ((string)r[7]! == "TAG");
        }
        else throw Errors.Compilation("Invalid argument for POLICY_REFERENCES: pass POLICY_NAME => '…', or REF_ENTITY_NAME => '…' and REF_ENTITY_DOMAIN => '…'.");
        if (named.TryGetValue("POLICY_KIND", out var kind) && kind.ToUpperInvariant() is not ("MASKING_POLICY" or "ROW_ACCESS_POLICY"))
            throw Errors.Unsupported("POLICY_KIND => '" + kind + "' (masking and row access policies only)");

        var rows = new List<object?[]>();
        object?[] Row(SchemaObjectName policy, PolicyKind kind, SchemaObjectName entity, string domain, string? column, IReadOnlyList<string>? args,
            SchemaObjectName? tag, string status)
            => new object?[] { policy.Database, policy.Schema, policy.Name, Policies.KindName(kind), entity.Database, entity.Schema, entity.Name, domain, column,
                args is null ? null : Catalog.Json(args), tag?.Database, tag?.Schema, tag?.Name, status };
        foreach (var m in state.ColumnMasking)
        {
            rows.Add(Row(m.Policy, PolicyKind.Masking, m.Table, Domain(state.Datasets[m.Table].Kind), m.Column, m.Using.Count > 1 ? m.Using.Skip(1).ToList() : null, null, "ACTIVE"));
        }
        foreach (var r in state.RowAccess.Values)
        {
            rows.Add(Row(r.Policy, PolicyKind.RowAccess, r.Table, Domain(state.Datasets[r.Table].Kind), null, r.On, null, "ACTIVE"));
        }
        foreach (var (tag, policies) in state.TagMasking)
        {
            foreach (var p in policies) rows.Add(Row(p, PolicyKind.Masking, tag, "TAG", null, null, null, "ACTIVE"));
        }
        foreach (var dataset in state.Datasets.Values)
        {
            foreach (var column in dataset.Columns)
            {
                if (state.MaskingOf(dataset.Name, column.Name) is not null) continue;
                var reaching = Account.TagPolicies(state, dataset, column);
                foreach (var (tag, policy) in reaching)
                {
                    var status = reaching.Count > 1 ? "MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN"
                        : policy.Arguments.Skip(1).Any(a => dataset.Find(a.Name) is null) ? "COLUMN_IS_MISSING_FOR_SECONDARY_ARG"
                        : policy.Arguments.Skip(1).Any(a => dataset.Find(a.Name)!.Type.Kind != a.Type.Kind) ? "COLUMN_DATATYPE_MISMATCH_FOR_SECONDARY_ARG"
                        : "ACTIVE";
                    rows.Add(Row(policy.Name, PolicyKind.Masking, dataset.Name, Domain(dataset.Kind), column.Name, null, tag, status));
                }
            }
        }
        if (kind is not null) rows.RemoveAll(r => (string)r[3]! != kind.ToUpperInvariant());
        var sorted = rows.Where(filter).OrderBy(r => string.Join("\u0001", r.Select(v => v as string ?? "")), StringComparer.Ordinal).ToList();
        return new Source(PolicyReferenceColumns.Select(ResultColumn.Text).ToList(), sorted, null);
    }

    private static readonly string[] TagReferenceColumns =
    {
        "TAG_DATABASE", "TAG_SCHEMA", "TAG_NAME", "TAG_VALUE", "APPLY_METHOD", "LEVEL", "OBJECT_DATABASE", "OBJECT_SCHEMA", "OBJECT_NAME", "DOMAIN", "COLUMN_NAME",
    };

    /// <summary>
    /// <c>TAG_REFERENCES_ALL_COLUMNS('db.schema.table', 'table')</c>: every tag on every column, set on it (APPLY_METHOD
    /// MANUAL, LEVEL COLUMN) or inherited from the dataset, schema or database (INHERITED, LEVEL the domain it is set on).
    /// </summary>
    public static Source TagReferencesAllColumns(Account account, IReadOnlyDictionary<string, string> named, IReadOnlyList<string> positional)
    {
        if (named.Count > 0 || positional.Count != 2)
            throw Errors.Compilation("Invalid arguments for TAG_REFERENCES_ALL_COLUMNS: pass '<object_name>', 'table'.");
        if (!string.Equals(positional[1], "TABLE", StringComparison.OrdinalIgnoreCase))
            throw Errors.Compilation("Invalid value ['" + positional[1] + "'] for argument object_domain: TAG_REFERENCES_ALL_COLUMNS supports the domain TABLE only (for views too).");
        var state = account.State;
        var name = Parser.Qualified(Parser.NameInString(positional[0]));
        if (!state.Datasets.TryGetValue(name, out var dataset)) throw Errors.DoesNotExist("Table", Errors.Show(name));
        var rows = new List<object?[]>();
        foreach (var column in dataset.Columns)
        {
            foreach (var (tag, value, level) in state.TagsOnColumn(dataset.Name, column.Name))
            {
                var levelName = level switch { TagDomain.Column => "COLUMN", TagDomain.Dataset => Domain(dataset.Kind), TagDomain.Schema => "SCHEMA", _ => "DATABASE" };
                rows.Add(new object?[] { tag.Database, tag.Schema, tag.Name, value, level == TagDomain.Column ? "MANUAL" : "INHERITED", levelName,
                    dataset.Name.Database, dataset.Name.Schema, dataset.Name.Name, "COLUMN", column.Name });
            }
        }
        return new Source(TagReferenceColumns.Select(ResultColumn.Text).ToList(), rows, null);
    }

    /// <summary>
    /// <c>TAG_REFERENCES('db.schema.table', 'table')</c>: every tag on the dataset itself, set on it (APPLY_METHOD MANUAL,
    /// LEVEL TABLE or the view's domain) or inherited from its schema or database (INHERITED, LEVEL SCHEMA or DATABASE);
    /// DOMAIN TABLE, COLUMN_NAME NULL.
    /// </summary>
    public static Source TagReferences(Account account, IReadOnlyDictionary<string, string> named, IReadOnlyList<string> positional)
    {
        if (named.Count > 0 || positional.Count != 2)
            throw Errors.Compilation("Invalid arguments for TAG_REFERENCES: pass '<object_name>', '<object_domain>'.");
        if (!string.Equals(positional[1], "TABLE", StringComparison.OrdinalIgnoreCase))
            throw Errors.Unsupported("TAG_REFERENCES on the domain `" + positional[1] + "` (TABLE only, for tables and views)");
        var state = account.State;
        var name = Parser.Qualified(Parser.NameInString(positional[0]));
        if (!state.Datasets.TryGetValue(name, out var dataset)) throw Errors.DoesNotExist("Table", Errors.Show(name));
        var rows = new List<object?[]>();
        foreach (var tag in state.Assignments.Where(a => a.Domain != TagDomain.Column && Covers(a, dataset.Name)).Select(a => a.Tag).Distinct().OrderBy(t => t.ToString(), StringComparer.Ordinal))
        {
            foreach (var level in new[] { TagDomain.Dataset, TagDomain.Schema, TagDomain.Database })
            {
                var a = state.Assignments.FirstOrDefault(a => a.Domain == level && a.Tag.Equals(tag) && Covers(a, dataset.Name));
                if (a is null) continue;
                var levelName = level switch { TagDomain.Dataset => Domain(dataset.Kind), TagDomain.Schema => "SCHEMA", _ => "DATABASE" };
                rows.Add(new object?[] { tag.Database, tag.Schema, tag.Name, a.Value, level == TagDomain.Dataset ? "MANUAL" : "INHERITED", levelName,
                    dataset.Name.Database, dataset.Name.Schema, dataset.Name.Name, "TABLE", null });
                break;
            }
        }
        return new Source(TagReferenceColumns.Select(ResultColumn.Text).ToList(), rows, null);
    }

    private static bool Covers(TagAssignmentInfo a, SchemaObjectName table) => a.Domain switch
    {
        TagDomain.Dataset => a.Database == table.Database && a.Schema == table.Schema && a.Object == table.Name,
        TagDomain.Schema => a.Database == table.Database && a.Schema == table.Schema,
        TagDomain.Database => a.Database == table.Database,
        _ => false,
    };

    private static readonly (string Name, bool Number)[] TablesView =
    {
        ("TABLE_CATALOG", false), ("TABLE_SCHEMA", false), ("TABLE_NAME", false), ("TABLE_OWNER", false), ("TABLE_TYPE", false), ("IS_TRANSIENT", false),
        ("CLUSTERING_KEY", false), ("ROW_COUNT", true), ("BYTES", true), ("RETENTION_TIME", true), ("SELF_REFERENCING_COLUMN_NAME", false),
        ("REFERENCE_GENERATION", false), ("USER_DEFINED_TYPE_CATALOG", false), ("USER_DEFINED_TYPE_SCHEMA", false), ("USER_DEFINED_TYPE_NAME", false),
        ("IS_INSERTABLE_INTO", false), ("IS_TYPED", false), ("COMMIT_ACTION", false),
    };

    /// <summary>
    /// TABLE_TYPE of a dataset: the documented BASE TABLE, EXTERNAL TABLE, VIEW, MATERIALIZED VIEW; DYNAMIC TABLE and
    /// ICEBERG TABLE are what the catalog importer reads (unverified, docs/snowflake.md).
    /// </summary>
    public static string TableType(DatasetKind kind) => kind switch
    {
        DatasetKind.View => "VIEW",
        DatasetKind.MaterializedView => "MATERIALIZED VIEW",
        DatasetKind.DynamicTable => "DYNAMIC TABLE",
        DatasetKind.IcebergTable => "ICEBERG TABLE",
        DatasetKind.ExternalTable => "EXTERNAL TABLE",
        _ => "BASE TABLE",
    };

    /// <summary>
    /// <c>db.INFORMATION_SCHEMA.TABLES</c>: a row per dataset of the database, with the documented columns up to
    /// COMMIT_ACTION (IS_TRANSIENT <c>NO</c>; what the emulator does not track, such as the owner and sizes, NULL).
    /// The views of INFORMATION_SCHEMA itself are not listed.
    /// </summary>
    public static Source Tables(Account account, string database)
    {
        var state = account.State;
        if (!state.Databases.Contains(database)) throw Errors.DoesNotExist("Database", database);
        var rows = new List<object?[]>();
        foreach (var dataset in state.Datasets.Values.Where(d => d.Name.Database == database)
                     .OrderBy(d => d.Name.Schema, StringComparer.Ordinal).ThenBy(d => d.Name.Name, StringComparer.Ordinal))
        {
            var row = new object?[TablesView.Length];
            row[0] = dataset.Name.Database;
            row[1] = dataset.Name.Schema;
            row[2] = dataset.Name.Name;
            row[4] = TableType(dataset.Kind);
            row[5] = "NO";
            rows.Add(row);
        }
        return new Source(TablesView.Select(c => c.Number ? ResultColumn.Number(c.Name) : ResultColumn.Text(c.Name)).ToList(), rows, null);
    }

    private static readonly (string Name, bool Number)[] ColumnsView =
    {
        ("TABLE_CATALOG", false), ("TABLE_SCHEMA", false), ("TABLE_NAME", false), ("COLUMN_NAME", false), ("ORDINAL_POSITION", true), ("COLUMN_DEFAULT", false),
        ("IS_NULLABLE", false), ("DATA_TYPE", false), ("CHARACTER_MAXIMUM_LENGTH", true), ("CHARACTER_OCTET_LENGTH", true), ("NUMERIC_PRECISION", true),
        ("NUMERIC_PRECISION_RADIX", true), ("NUMERIC_SCALE", true), ("DATETIME_PRECISION", true), ("INTERVAL_TYPE", false), ("INTERVAL_PRECISION", true),
        ("CHARACTER_SET_CATALOG", false), ("CHARACTER_SET_SCHEMA", false), ("CHARACTER_SET_NAME", false), ("COLLATION_CATALOG", false), ("COLLATION_SCHEMA", false),
        ("COLLATION_NAME", false), ("DOMAIN_CATALOG", false), ("DOMAIN_SCHEMA", false), ("DOMAIN_NAME", false), ("UDT_CATALOG", false), ("UDT_SCHEMA", false),
        ("UDT_NAME", false), ("SCOPE_CATALOG", false), ("SCOPE_SCHEMA", false), ("SCOPE_NAME", false),
    };

    /// <summary>
    /// <c>db.INFORMATION_SCHEMA.COLUMNS</c>: a row per column of every dataset of the database, with the documented
    /// columns up to SCOPE_NAME. DATA_TYPE is the standard name (VARCHAR → TEXT); lengths, precision and scale as
    /// Snowflake reports them (VARCHAR(n): n and min(4n, 16777216); NUMBER(p,s): p, 10, s).
    /// </summary>
    public static Source Columns(Account account, string database, string view)
    {
        if (view == "TABLES") return Tables(account, database);
        if (view != "COLUMNS") throw Errors.Unsupported("the Information Schema view `" + view + "` (COLUMNS and TABLES only)");
        var state = account.State;
        if (!state.Databases.Contains(database)) throw Errors.DoesNotExist("Database", database);
        var rows = new List<object?[]>();
        foreach (var dataset in state.Datasets.Values.Where(d => d.Name.Database == database)
                     .OrderBy(d => d.Name.Schema, StringComparer.Ordinal).ThenBy(d => d.Name.Name, StringComparer.Ordinal))
        {
            foreach (var column in dataset.Columns)
            {
                var t = column.Type;
                var text = t.Kind is SnowflakeTypeKind.Varchar or SnowflakeTypeKind.Binary;
                var row = new object?[ColumnsView.Length];
                row[0] = dataset.Name.Database;
                row[1] = dataset.Name.Schema;
                row[2] = dataset.Name.Name;
                row[3] = column.Name;
                row[4] = (long)column.Ordinal;
                row[6] = column.Nullable ? "YES" : "NO";
                row[7] = t.Kind == SnowflakeTypeKind.Varchar ? "TEXT" : Show.BaseType(t);
                row[8] = text ? (long?)t.Length : null;
                row[9] = text ? (long?)(t.Kind == SnowflakeTypeKind.Varchar ? Math.Min(4L * t.Length, SnowflakeType.MaxVarcharLength) : t.Length) : null;
                row[10] = t.Kind == SnowflakeTypeKind.Number ? (long?)t.Precision : null;
                row[11] = t.Kind == SnowflakeTypeKind.Number ? 10L : null;
                row[12] = t.Kind == SnowflakeTypeKind.Number ? (long?)t.Scale : null;
                rows.Add(row);
            }
        }
        return new Source(ColumnsView.Select(c => c.Number ? ResultColumn.Number(c.Name) : ResultColumn.Text(c.Name)).ToList(), rows, null);
    }
}
