using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.State;

namespace Governance.Simulation.Emulation;

internal sealed record TagValue(SchemaObjectName Tag, string Value);

/// <summary>SET TAG and UNSET TAG on a database, schema, dataset or column.</summary>
internal static class TagAssignments
{
    /// <summary><c>t1 = 'v1' [, t2 = 'v2' …]</c>.</summary>
    public static List<TagValue> Parse(Parser p)
    {
        var values = new List<TagValue>();
        do
        {
            var tag = p.ObjectName();
            p.ExpectPunctuation("=");
            values.Add(new TagValue(tag, p.StringLiteral()));
        }
        while (p.AcceptPunctuation(","));
        return values;
    }

    public static List<SchemaObjectName> ParseNames(Parser p)
    {
        var names = new List<SchemaObjectName> { p.ObjectName() };
        while (p.AcceptPunctuation(",")) names.Add(p.ObjectName());
        return names;
    }

    /// <summary>Sets each tag (it must exist, its value must be allowed); a tag already set gets the new value.</summary>
    public static void Set(Account account, TagDomain domain, string database, string schema, string name, string column, IReadOnlyList<TagValue> values)
    {
        var twice = values.GroupBy(v => v.Tag).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw Errors.Compilation("Tag " + twice.Key.Name + " is set twice in one statement.");
        foreach (var v in values) TagValues.CheckAllowed(account.RequireTag(v.Tag), v.Value);
        account.Catalog.Transaction(() =>
        {
            foreach (var v in values)
            {
                Delete(account.Catalog, domain, database, schema, name, column, v.Tag);
                account.Catalog.Execute("INSERT INTO governance_account.tag_assignments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    domain.ToString(), database, schema, name, column, v.Tag.Database, v.Tag.Schema, v.Tag.Name, v.Value);
            }
        });
    }

    /// <summary>Unsets each tag (it must exist); a tag that is not set is no error.</summary>
    public static void Unset(Account account, TagDomain domain, string database, string schema, string name, string column, IReadOnlyList<SchemaObjectName> tags)
    {
        foreach (var t in tags) account.RequireTag(t);
        account.Catalog.Transaction(() =>
        {
            foreach (var t in tags) Delete(account.Catalog, domain, database, schema, name, column, t);
        });
    }

    private static void Delete(Catalog catalog, TagDomain domain, string database, string schema, string name, string column, SchemaObjectName tag)
        => catalog.Execute("DELETE FROM governance_account.tag_assignments WHERE domain = ? AND object_database = ? AND object_schema = ? AND object_name = ? AND column_name = ? "
            + "AND tag_database = ? AND tag_schema = ? AND tag_name = ?", domain.ToString(), database, schema, name, column, tag.Database, tag.Schema, tag.Name);
}

/// <summary><c>ALTER DATABASE d {SET | UNSET} TAG …</c> and <c>ALTER SCHEMA d.s {SET | UNSET} TAG …</c>.</summary>
internal sealed record ContainerTags(TagDomain Domain, string Database, string Schema, bool IfExists, IReadOnlyList<TagValue>? Set, IReadOnlyList<SchemaObjectName>? Unset) : Statement
{
    public static ContainerTags Parse(Parser p, TagDomain domain)
    {
        var ifExists = p.AcceptWord("IF", "EXISTS");
        var name = p.DottedName();
        if (name.Count != (domain == TagDomain.Database ? 1 : 2))
            throw Errors.Unsupported("`" + string.Join(".", name) + "` as a " + (domain == TagDomain.Database ? "database" : "schema") + " name (write `DATABASE` or `DATABASE.SCHEMA`)");
        var schema = domain == TagDomain.Schema ? name[1] : "";
        if (p.AcceptWord("SET", "TAG")) return new ContainerTags(domain, name[0], schema, ifExists, TagAssignments.Parse(p), null);
        if (p.AcceptWord("UNSET", "TAG")) return new ContainerTags(domain, name[0], schema, ifExists, null, TagAssignments.ParseNames(p));
        throw Errors.Unsupported("`ALTER " + (domain == TagDomain.Database ? "DATABASE" : "SCHEMA") + " … " + (p.Peek()?.Text.ToUpperInvariant() ?? "") + " …` (SET TAG and UNSET TAG only)");
    }

    public override ResultSet Execute(Account account)
    {
        var exists = Domain == TagDomain.Database ? account.State.Databases.Contains(Database) : account.State.Schemas.Contains((Database, Schema));
        if (!exists)
        {
            if (IfExists) return Done();
            throw Domain == TagDomain.Database ? Errors.DoesNotExist("Database", Database) : Errors.DoesNotExist("Schema", Database + "." + Schema);
        }
        if (Set is not null) TagAssignments.Set(account, Domain, Database, Schema, "", "", Set);
        else TagAssignments.Unset(account, Domain, Database, Schema, "", "", Unset!);
        return Done();
    }
}

/// <summary>
/// <c>ALTER {TABLE | VIEW | MATERIALIZED VIEW | DYNAMIC TABLE | ICEBERG TABLE | EXTERNAL TABLE} [IF EXISTS] name action</c>.
/// The keyword must fit the dataset's kind as Snowflake's documentation says: a materialized view takes policies
/// through ALTER VIEW (ALTER MATERIALIZED VIEW has no policy clauses), an external table takes policies and tags
/// through ALTER TABLE (ALTER EXTERNAL TABLE has none), an Iceberg table needs ALTER ICEBERG TABLE.
/// </summary>
internal sealed record AlterDataset(string Keyword, SchemaObjectName Name, bool IfExists, DatasetAction Action) : Statement
{
    /// <summary>The keywords, longest first.</summary>
    public static readonly string[] Keywords = { "MATERIALIZED VIEW", "DYNAMIC TABLE", "ICEBERG TABLE", "EXTERNAL TABLE", "TABLE", "VIEW" };

    public static AlterDataset Parse(Parser p, string keyword)
    {
        var ifExists = p.AcceptWord("IF", "EXISTS");
        var name = p.ObjectName();
        return new AlterDataset(keyword, name, ifExists, ParseAction(p, keyword));
    }

    private static DatasetAction ParseAction(Parser p, string keyword)
    {
        if (keyword == "MATERIALIZED VIEW")
        {
            if (p.AcceptWord("SET", "TAG")) return new SetDatasetTags(TagAssignments.Parse(p));
            if (p.AcceptWord("UNSET", "TAG")) return new UnsetDatasetTags(TagAssignments.ParseNames(p));
            throw WrongAlter(p, keyword,
                new Dictionary<string, string[]> { ["DROP"] = new[] { "CLUSTERING" }, ["SET"] = new[] { "SECURE", "CONTACT", "COMMENT", "DATA_METRIC_SCHEDULE" }, ["UNSET"] = new[] { "SECURE", "CONTACT", "COMMENT", "DATA_METRIC_SCHEDULE" } },
                new[] { "RENAME", "CLUSTER", "SUSPEND", "RESUME" },
                "Snowflake's ALTER MATERIALIZED VIEW has no column, masking policy or row access policy clause: use ALTER VIEW on a materialized view");
        }
        if (keyword == "EXTERNAL TABLE")
        {
            throw WrongAlter(p, keyword,
                new Dictionary<string, string[]> { ["ADD"] = new[] { "FILES", "PARTITION" }, ["DROP"] = new[] { "PARTITION" }, ["SET"] = new[] { "AUTO_REFRESH" } },
                new[] { "REFRESH", "REMOVE" },
                "Snowflake's ALTER EXTERNAL TABLE has no policy or tag clause: use ALTER TABLE on an external table");
        }
        if (p.AcceptWord("ALTER") || p.AcceptWord("MODIFY"))
        {
            p.AcceptWord("COLUMN");
            var column = p.Identifier();
            DatasetAction action;
            if (p.AcceptWord("SET", "MASKING", "POLICY"))
            {
                var policy = p.ObjectName();
                var usingColumns = p.AcceptWord("USING") ? p.IdentifierList() : null;
                action = new SetColumnMasking(column, policy, usingColumns, p.AcceptWord("FORCE"));
            }
            else if (p.AcceptWord("UNSET", "MASKING", "POLICY")) action = new UnsetColumnMasking(column);
            else if (p.AcceptWord("SET", "TAG")) action = new SetColumnTags(column, TagAssignments.Parse(p));
            else if (p.AcceptWord("UNSET", "TAG")) action = new UnsetColumnTags(column, TagAssignments.ParseNames(p));
            else throw Errors.Unsupported("`ALTER " + keyword + " … COLUMN … " + (p.Peek()?.Text.ToUpperInvariant() ?? "") + " …` (masking policies and tags only)");
            if (p.AtPunctuation(",")) throw Errors.Unsupported("several columns in one ALTER … COLUMN statement: write one statement per column");
            return action;
        }
        if (p.AcceptWord("ADD", "ROW", "ACCESS", "POLICY"))
        {
            var policy = p.ObjectName();
            p.ExpectWord("ON");
            var on = p.IdentifierList();
            if (!p.AcceptPunctuation(",")) return new AddRowAccess(policy, on);
            p.ExpectWord("DROP", "ROW", "ACCESS", "POLICY");
            return new SwapRowAccess(p.ObjectName(), policy, on);
        }
        if (p.AcceptWord("DROP", "ALL", "ROW", "ACCESS", "POLICIES")) return new DropAllRowAccess();
        if (p.AcceptWord("DROP", "ROW", "ACCESS", "POLICY"))
        {
            var old = p.ObjectName();
            if (!p.AcceptPunctuation(",")) return new DropRowAccess(old);
            p.ExpectWord("ADD", "ROW", "ACCESS", "POLICY");
            var policy = p.ObjectName();
            p.ExpectWord("ON");
            return new SwapRowAccess(old, policy, p.IdentifierList());
        }
        if (p.AcceptWord("SET", "TAG")) return new SetDatasetTags(TagAssignments.Parse(p));
        if (p.AcceptWord("UNSET", "TAG")) return new UnsetDatasetTags(TagAssignments.ParseNames(p));
        throw Errors.Unsupported("`ALTER " + keyword + " … " + (p.Peek()?.Text.ToUpperInvariant() ?? "") + " …` (masking and row access policies and tags only)");
    }

    // A clause of the documented grammar that the emulator does not run is unsupported; anything else is the syntax
    // error Snowflake gives at the first token its grammar does not have.
    private static EmulatorException WrongAlter(Parser p, string keyword, Dictionary<string, string[]> heads, string[] single, string hint)
    {
        var word = p.Peek() is { Kind: TokenKind.Word } w ? w.Text.ToUpperInvariant() : "";
        if (single.Contains(word)) return Errors.Unsupported("`ALTER " + keyword + " … " + word + " …`");
        if (heads.TryGetValue(word, out var seconds))
        {
            var second = p.Peek(1) is { Kind: TokenKind.Word } s ? s.Text.ToUpperInvariant() : "";
            if (seconds.Contains(second)) return Errors.Unsupported("`ALTER " + keyword + " … " + word + " " + second + " …`");
            p.Skip();
        }
        return p.SyntaxError(hint);
    }

    public override ResultSet Execute(Account account)
    {
        if (!account.State.Datasets.TryGetValue(Name, out var dataset))
        {
            if (IfExists) return Done();
            throw Errors.DoesNotExist(Noun(Keyword), Errors.Show(Name));
        }
        var fits = Keyword switch
        {
            "TABLE" => dataset.Kind is DatasetKind.Table or DatasetKind.ExternalTable,
            "VIEW" => dataset.Kind is DatasetKind.View or DatasetKind.MaterializedView,
            "MATERIALIZED VIEW" => dataset.Kind == DatasetKind.MaterializedView,
            "DYNAMIC TABLE" => dataset.Kind == DatasetKind.DynamicTable,
            "ICEBERG TABLE" => dataset.Kind == DatasetKind.IcebergTable,
            _ => dataset.Kind == DatasetKind.ExternalTable,
        };
        if (!fits)
        {
            if (Keyword == "TABLE" && dataset.Kind == DatasetKind.IcebergTable)
                throw Errors.Compilation("The table " + Name.Name + " is an Iceberg table. Iceberg tables should use ALTER ICEBERG TABLE commands.");
            throw Errors.Compilation("Object found is of type '" + KindName(dataset.Kind) + "', not specified type '" + Keyword + "'.");
        }
        Action.Run(account, dataset);
        return Done();
    }

    private static string Noun(string keyword) => keyword switch
    {
        "TABLE" => "Table",
        "VIEW" => "View",
        "MATERIALIZED VIEW" => "Materialized view",
        "DYNAMIC TABLE" => "Dynamic table",
        "ICEBERG TABLE" => "Iceberg table",
        _ => "External table",
    };

    public static string KindName(DatasetKind kind) => kind.ToJson().ToUpperInvariant();
}

/// <summary>What an ALTER of a dataset does.</summary>
internal abstract record DatasetAction
{
    public abstract void Run(Account account, DatasetInfo dataset);

    protected static ColumnInfo FindColumn(DatasetInfo dataset, string name)
        => dataset.Find(name) ?? throw Errors.Compilation("invalid identifier '" + name + "'");

    protected static bool Exempt(AccountState state, SchemaObjectName policy) => state.Policies[policy].ExemptOtherPolicies;

    /// <summary>
    /// "A given table or view column can be specified in either a row access policy signature or a masking policy
    /// signature" (security-row-intro); "this behavior also applies to columns used as conditional columns in a masking
    /// policy" (security-column-intro). EXEMPT_OTHER_POLICIES = TRUE on the masking policy of a column lets a row
    /// access policy reference that column.
    /// </summary>
    protected static EmulatorException BothSignatures(DatasetInfo dataset, string column)
        => Errors.Compilation("Column " + column + " of " + dataset.Name.Name + " cannot be in both a masking policy signature and a row access policy signature: "
            + "a given table or view column can be specified in either a row access policy signature or a masking policy signature.");
}

/// <summary>
/// <c>{ALTER | MODIFY} [COLUMN] c SET MASKING POLICY p [USING (c, cond …)] [FORCE]</c>: one masking policy per column,
/// FORCE replaces it (of the same data type only); the policy's data type is the column's; the USING columns map to the
/// policy's arguments by position and type.
/// </summary>
internal sealed record SetColumnMasking(string Column, SchemaObjectName Policy, IReadOnlyList<string>? Using, bool Force) : DatasetAction
{
    public override void Run(Account account, DatasetInfo dataset)
    {
        var state = account.State;
        var column = FindColumn(dataset, this.Column);
        var policy = account.RequirePolicy(Policy, PolicyKind.Masking);
        if (state.MaskingOf(dataset.Name, column.Name) is { } current && (!current.Policy.Equals(policy.Name) || !Force))
        {
            if (!Force)
                throw new EmulatorException("Specified column already attached to another masking policy. A column cannot be attached to multiple masking policies. "
                    + "Please drop the current association in order to attach a new masking policy.", ErrorCodes.ColumnAlreadyMasked, "42601");
            var was = state.Policies[current.Policy];
            if (was.Arguments[0].Type.Kind != policy.Arguments[0].Type.Kind)
                throw Errors.Compilation("FORCE requires the data type of masking policy " + policy.Name.Name + " (" + Show.BaseType(policy.Arguments[0].Type)
                    + ") to match the data type of masking policy " + was.Name.Name + " currently set on column " + column.Name + " (" + Show.BaseType(was.Arguments[0].Type) + ").");
        }
        if (column.Type.Kind != policy.Arguments[0].Type.Kind)
            throw Errors.Compilation("Masking policy " + policy.Name.Name + " takes " + Show.BaseType(policy.Arguments[0].Type) + " but column " + column.Name
                + " is " + column.Type.Text + ": the data type of the policy must match the data type of the column.");
        var usingColumns = Using ?? Array.Empty<string>();
        if (usingColumns.Count == 0 && policy.Arguments.Count > 1)
            throw Errors.Unsupported("a conditional masking policy set without USING (Snowflake then treats it as a plain one): pass its columns with USING");
        if (usingColumns.Count > 0)
        {
            if (!string.Equals(usingColumns[0], column.Name, StringComparison.Ordinal))
                throw Errors.Compilation("The first column in USING must be the masked column " + column.Name + ", not " + usingColumns[0] + ".");
            if (usingColumns.Count != policy.Arguments.Count)
                throw Errors.Compilation("USING passes " + usingColumns.Count + " columns but masking policy " + policy.Name.Name + " takes " + policy.Arguments.Count + " arguments.");
            for (var i = 1; i < usingColumns.Count; i++)
            {
                var c = FindColumn(dataset, usingColumns[i]);
                if (c.Type.Kind != policy.Arguments[i].Type.Kind)
                    throw Errors.Compilation("Column " + c.Name + " is " + c.Type.Text + " but argument " + policy.Arguments[i].Name + " of masking policy "
                        + policy.Name.Name + " is " + Show.BaseType(policy.Arguments[i].Type) + ".");
                if (state.MaskingOf(dataset.Name, c.Name) is { } masked && !Exempt(state, masked.Policy))
                    throw Errors.Compilation("A masked column cannot be used as a conditional column in a masking policy: column " + c.Name + " of "
                        + dataset.Name.Name + " has masking policy " + masked.Policy.Name + ".");
            }
        }
        if (state.RowAccess.TryGetValue(dataset.Name, out var rap))
        {
            var signature = usingColumns.Count == 0 ? new[] { column.Name } : usingColumns.ToArray();
            foreach (var x in signature.Where(x => rap.On.Contains(x, StringComparer.Ordinal)))
            {
                if (!(x == column.Name && policy.ExemptOtherPolicies)) throw BothSignatures(dataset, x);
            }
        }
        if (!policy.ExemptOtherPolicies && state.ColumnMasking.Any(m => m.Table.Equals(dataset.Name) && m.Using.Skip(1).Contains(column.Name, StringComparer.Ordinal)))
            throw Errors.Compilation("A masked column cannot be used as a conditional column in a masking policy: column " + column.Name + " of "
                + dataset.Name.Name + " is a conditional column of another masking policy.");
        account.Catalog.Transaction(() =>
        {
            UnsetColumnMasking.Delete(account.Catalog, dataset.Name, column.Name);
            account.Catalog.Execute("INSERT INTO governance_account.column_masking VALUES (?, ?, ?, ?, ?, ?, ?, ?)", dataset.Name.Database, dataset.Name.Schema, dataset.Name.Name,
                column.Name, policy.Name.Database, policy.Name.Schema, policy.Name.Name, Catalog.Json(usingColumns));
        });
    }
}

/// <summary><c>{ALTER | MODIFY} [COLUMN] c UNSET MASKING POLICY</c>.</summary>
internal sealed record UnsetColumnMasking(string Column) : DatasetAction
{
    public override void Run(Account account, DatasetInfo dataset)
    {
        var column = FindColumn(dataset, this.Column);
        account.Catalog.Transaction(() => Delete(account.Catalog, dataset.Name, column.Name));
    }

    public static void Delete(Catalog catalog, SchemaObjectName table, string column)
        => catalog.Execute("DELETE FROM governance_account.column_masking WHERE database_name = ? AND schema_name = ? AND table_name = ? AND column_name = ?",
            table.Database, table.Schema, table.Name, column);
}

internal sealed record SetColumnTags(string Column, IReadOnlyList<TagValue> Values) : DatasetAction
{
    public override void Run(Account account, DatasetInfo dataset)
        => TagAssignments.Set(account, TagDomain.Column, dataset.Name.Database, dataset.Name.Schema, dataset.Name.Name, FindColumn(dataset, Column).Name, Values);
}

internal sealed record UnsetColumnTags(string Column, IReadOnlyList<SchemaObjectName> Tags) : DatasetAction
{
    public override void Run(Account account, DatasetInfo dataset)
        => TagAssignments.Unset(account, TagDomain.Column, dataset.Name.Database, dataset.Name.Schema, dataset.Name.Name, FindColumn(dataset, Column).Name, Tags);
}

internal sealed record SetDatasetTags(IReadOnlyList<TagValue> Values) : DatasetAction
{
    public override void Run(Account account, DatasetInfo dataset)
        => TagAssignments.Set(account, TagDomain.Dataset, dataset.Name.Database, dataset.Name.Schema, dataset.Name.Name, "", Values);
}

internal sealed record UnsetDatasetTags(IReadOnlyList<SchemaObjectName> Tags) : DatasetAction
{
    public override void Run(Account account, DatasetInfo dataset)
        => TagAssignments.Unset(account, TagDomain.Dataset, dataset.Name.Database, dataset.Name.Schema, dataset.Name.Name, "", Tags);
}

/// <summary>Checks shared by ADD ROW ACCESS POLICY and the swap.</summary>
internal abstract record RowAccessAction : DatasetAction
{
    protected static void Check(Account account, DatasetInfo dataset, PolicyInfo policy, IReadOnlyList<string> on)
    {
        var state = account.State;
        if (on.Count != policy.Arguments.Count)
            throw Errors.Compilation("ON passes " + on.Count + " columns but row access policy " + policy.Name.Name + " takes " + policy.Arguments.Count + " arguments.");
        if (dataset.Kind == DatasetKind.ExternalTable && !(on.Count == 1 && on[0] == "VALUE"))
            throw Errors.Compilation("A row access policy cannot be added to a virtual column directly: on external table " + dataset.Name.Name
                + " it goes on the VALUE column.");
        for (var i = 0; i < on.Count; i++)
        {
            var c = FindColumn(dataset, on[i]);
            if (c.Type.Kind != policy.Arguments[i].Type.Kind)
                throw Errors.Compilation("Column " + c.Name + " is " + c.Type.Text + " but argument " + policy.Arguments[i].Name + " of row access policy "
                    + policy.Name.Name + " is " + Show.BaseType(policy.Arguments[i].Type) + ".");
            if (state.MaskingOf(dataset.Name, c.Name) is { } masked && !Exempt(state, masked.Policy)) throw BothSignatures(dataset, c.Name);
            if (state.ColumnMasking.Any(m => m.Table.Equals(dataset.Name) && m.Using.Skip(1).Contains(c.Name, StringComparer.Ordinal))) throw BothSignatures(dataset, c.Name);
        }
    }

    protected static void Write(Account account, DatasetInfo dataset, SchemaObjectName? policy, IReadOnlyList<string> on)
        => account.Catalog.Transaction(() =>
        {
            var n = dataset.Name;
            account.Catalog.Execute("DELETE FROM governance_account.row_access WHERE database_name = ? AND schema_name = ? AND table_name = ?", n.Database, n.Schema, n.Name);
            if (policy is not null)
            {
                account.Catalog.Execute("INSERT INTO governance_account.row_access VALUES (?, ?, ?, ?, ?, ?, ?)",
                    n.Database, n.Schema, n.Name, policy.Database, policy.Schema, policy.Name, Catalog.Json(on));
            }
        });

    protected static void RequireAttached(Account account, DatasetInfo dataset, SchemaObjectName policy)
    {
        account.RequirePolicy(policy, PolicyKind.RowAccess);
        if (!account.State.RowAccess.TryGetValue(dataset.Name, out var rap) || !rap.Policy.Equals(policy))
            throw Errors.Compilation("Row access policy " + policy.Name + " is not attached to " + dataset.Name.Name + ".");
    }
}

/// <summary><c>ADD ROW ACCESS POLICY p ON (c, …)</c>: "a table or view can only be protected by one row access policy at a time".</summary>
internal sealed record AddRowAccess(SchemaObjectName Policy, IReadOnlyList<string> On) : RowAccessAction
{
    public override void Run(Account account, DatasetInfo dataset)
    {
        var policy = account.RequirePolicy(Policy, PolicyKind.RowAccess);
        if (account.State.RowAccess.TryGetValue(dataset.Name, out var existing))
            throw Errors.Compilation("Object " + dataset.Name.Name + " already has row access policy " + existing.Policy.Name
                + ": a table or view can only be protected by one row access policy at a time.");
        Check(account, dataset, policy, On);
        Write(account, dataset, Policy, On);
    }
}

/// <summary><c>DROP ROW ACCESS POLICY p</c>: <c>p</c> must be the dataset's.</summary>
internal sealed record DropRowAccess(SchemaObjectName Policy) : RowAccessAction
{
    public override void Run(Account account, DatasetInfo dataset)
    {
        RequireAttached(account, dataset, Policy);
        Write(account, dataset, null, Array.Empty<string>());
    }
}

/// <summary><c>DROP ROW ACCESS POLICY old, ADD ROW ACCESS POLICY new ON (…)</c>: one statement, no moment without a policy.</summary>
internal sealed record SwapRowAccess(SchemaObjectName Old, SchemaObjectName Policy, IReadOnlyList<string> On) : RowAccessAction
{
    public override void Run(Account account, DatasetInfo dataset)
    {
        RequireAttached(account, dataset, Old);
        Check(account, dataset, account.RequirePolicy(Policy, PolicyKind.RowAccess), On);
        Write(account, dataset, Policy, On);
    }
}

/// <summary><c>DROP ALL ROW ACCESS POLICIES</c>: no error when there is none (behaviour change bundle 2023_07).</summary>
internal sealed record DropAllRowAccess : RowAccessAction
{
    public override void Run(Account account, DatasetInfo dataset) => Write(account, dataset, null, Array.Empty<string>());
}
