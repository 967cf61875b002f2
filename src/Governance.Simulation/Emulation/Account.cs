using System.Globalization;
using DuckDB.NET.Data;
using Governance.Snowflake;
using Governance.Rules;
using Governance.Evaluation;
using Governance.State;

namespace Governance.Simulation.Emulation;

/// <summary>The errors of the emulated account, worded as Snowflake words them where its documentation or public issues show it.</summary>
internal static class Errors
{
    public static EmulatorException DoesNotExist(string noun, string name)
        => new("SQL compilation error:\n" + noun + " '" + name + "' does not exist or not authorized.", ErrorCodes.DoesNotExist, "02000");

    public static EmulatorException AlreadyExists(string name)
        => new("SQL compilation error:\nObject '" + name + "' already exists.", ErrorCodes.AlreadyExists, "42710");

    public static EmulatorException Compilation(string message) => new("SQL compilation error:\n" + message, ErrorCodes.Compilation, "42000");

    public static EmulatorException Execution(string message) => new("SQL execution error: " + message, ErrorCodes.Execution, "P0000");

    /// <summary>A statement or clause the emulated account does not run (the project's own wording: it is not Snowflake's).</summary>
    public static EmulatorException Unsupported(string what)
        => new("the emulated account does not support " + what, ErrorCodes.Compilation, "0A000");

    /// <summary><c>DB.SCHEMA.NAME</c> as Snowflake prints a name in a message.</summary>
    public static string Show(SchemaObjectName name) => name.ToString();
}

/// <summary>
/// One session of the emulated account: its catalog, its DuckDB connection, the current role and the clock. Statements
/// read <see cref="State"/>, check what Snowflake checks and write through <see cref="Catalog"/>; queries of datasets
/// run through <see cref="View"/>, which applies the attached policies as the current role.
/// </summary>
internal sealed class Account
{
    private int _views;

    public Account(DuckDBConnection duck, Catalog catalog, string role, string user, TimeProvider clock)
    {
        Duck = duck;
        Catalog = catalog;
        Role = role;
        User = user;
        Clock = clock;
    }

    public DuckDBConnection Duck { get; }
    public Catalog Catalog { get; }
    public string Role { get; set; }
    public string User { get; }
    public TimeProvider Clock { get; }

    public AccountState State => Catalog.State;

    public DateTimeOffset Now => Clock.GetUtcNow();

    public void RequireSchema(string database, string schema)
    {
        if (!State.Schemas.Contains((database, schema))) throw Errors.DoesNotExist("Schema", database + "." + schema);
    }

    public TagInfo RequireTag(SchemaObjectName name)
        => State.Tags.TryGetValue(name, out var tag) ? tag : throw Errors.DoesNotExist("Tag", Errors.Show(name));

    public PolicyInfo RequirePolicy(SchemaObjectName name, PolicyKind kind)
        => State.Policies.TryGetValue(name, out var p) && p.Kind == kind
            ? p
            : throw Errors.DoesNotExist(kind == PolicyKind.Masking ? "Masking policy" : "Row access policy", Errors.Show(name));

    /// <summary>Writes the session's roles (the current role, the roles granted to it, PUBLIC) where <c>IS_ROLE_IN_SESSION</c> reads them.</summary>
    public void WriteSession()
    {
        Simulator.Execute(Duck, "DELETE FROM governance_session");
        Simulator.Execute(Duck, "DELETE FROM governance_session_roles");
        Simulator.Execute(Duck, "INSERT INTO governance_session VALUES (?, ?)", Role, User);
        foreach (var r in State.SessionRoles(Role)) Simulator.Execute(Duck, "INSERT INTO governance_session_roles VALUES (?)", r);
    }

    /// <summary>
    /// The body names of a policy: its arguments, and three-part names resolved to the DuckDB tables of the account's
    /// datasets (a mapping table is read unmasked, as the policy's owner reads it); a name the account does not hold
    /// fails as Snowflake fails the query.
    /// </summary>
    public BodyNames Names(PolicyInfo policy) => new(policy.Arguments.Select(a => a.Name), (db, schema, name) =>
        State.Datasets.TryGetValue(Parser.Name(db, schema, name), out var ds) ? ds.Storage : throw Errors.DoesNotExist("Object", db + "." + schema + "." + name));

    /// <summary>
    /// Checks that DuckDB can run <paramref name="body"/>: every function has a counterpart and, when every table the body
    /// names exists, DuckDB accepts it as a macro. The emulator refuses at creation a body it could not run at query time.
    /// </summary>
    public void CheckBody(IReadOnlyList<PolicyArgument> arguments, string body)
    {
        var missing = false;
        var names = new BodyNames(arguments.Select(a => a.Name), (db, schema, name) =>
        {
            if (State.Datasets.TryGetValue(Parser.Name(db, schema, name), out var ds)) return ds.Storage;
            missing = true;
            return "governance_data.governance_missing";
        });
        try
        {
            var sql = PolicyViews.CreateMacro("governance_body_check", arguments.Select(a => a.Name), body, names);
            if (missing) return; // DuckDB binds tables when it creates a macro: the body's tables are checked when it runs
            Simulator.Execute(Duck, sql);
            Simulator.Execute(Duck, "DROP MACRO IF EXISTS temp.governance_body_check");
        }
        catch (SimulationException e)
        {
            throw Errors.Unsupported("this policy body on DuckDB: " + e.Message);
        }
    }

    private string Macro(PolicyInfo policy, Dictionary<SchemaObjectName, string> macros)
    {
        if (macros.TryGetValue(policy.Name, out var macro)) return macro;
        macro = "governance_policy_" + (macros.Count + 1).ToString(CultureInfo.InvariantCulture);
        try
        {
            Simulator.Execute(Duck, PolicyViews.CreateMacro(macro, policy.Arguments.Select(a => a.Name), policy.Body, Names(policy)));
        }
        catch (SimulationException e)
        {
            throw Errors.Execution("policy " + policy.Name.Name + " cannot run on DuckDB: " + e.Message);
        }
        macros[policy.Name] = macro;
        return macro;
    }

    /// <summary>
    /// A temporary DuckDB view of <paramref name="dataset"/> as the current role: the sample position, then each of
    /// <paramref name="columns"/> through its masking policy (a direct one wins over a tag-based one), rows through the
    /// row access policy. A column that two tags' policies mask fails, as in Snowflake.
    /// </summary>
    public string View(DatasetInfo dataset, IReadOnlyList<ColumnInfo> columns)
    {
        WriteSession();
        var state = State;
        var macros = new Dictionary<SchemaObjectName, string>();
        const string table = "governance_t";
        var select = new List<string> { table + "." + PolicyViews.RowColumn };
        foreach (var column in columns)
        {
            select.Add((MaskedColumn(state, dataset, column, table, macros) ?? table + "." + DuckDbText.Identifier(column.Name)) + " AS " + DuckDbText.Identifier(column.Name));
        }
        var where = state.RowAccess.TryGetValue(dataset.Name, out var rap)
            ? " WHERE " + PolicyViews.RowFilter(Macro(state.Policies[rap.Policy], macros), table, rap.On)
            : "";
        var view = "governance_view_" + (++_views).ToString(CultureInfo.InvariantCulture);
        Simulator.Execute(Duck, "CREATE OR REPLACE TEMP VIEW " + view + " AS SELECT " + string.Join(", ", select) + " FROM " + dataset.Storage + " AS " + table + where);
        return view;
    }

    // A virtual column of an external table is computed from VALUE, so VALUE's policy reaches it: it reads NULL where the
    // session does not read VALUE as stored (security-column-intro). Its own policy overrides VALUE's when VALUE's is
    // EXEMPT_OTHER_POLICIES (create-masking-policy); without the exemption both apply (unverified: the stricter reading).
    private string? MaskedColumn(AccountState state, DatasetInfo dataset, ColumnInfo column, string table, Dictionary<SchemaObjectName, string> macros)
    {
        var own = OwnMaskedColumn(state, dataset, column, table, macros);
        if (dataset.Kind != DatasetKind.ExternalTable || column.Name == SnowflakePlanner.ExternalValueColumn
            || dataset.Find(SnowflakePlanner.ExternalValueColumn) is not { } value
            || OwnMaskedColumn(state, dataset, value, table, macros) is not { } maskedValue)
            return own;
        var valuePolicy = state.MaskingOf(dataset.Name, value.Name) is { } direct ? state.Policies[direct.Policy] : TagPolicies(state, dataset, value)[0].Policy;
        if (own is not null && valuePolicy.ExemptOtherPolicies) return own;
        return PolicyViews.DerivedFromValue(maskedValue, table + "." + DuckDbText.Identifier(value.Name), own ?? table + "." + DuckDbText.Identifier(column.Name));
    }

    private string? OwnMaskedColumn(AccountState state, DatasetInfo dataset, ColumnInfo column, string table, Dictionary<SchemaObjectName, string> macros)
    {
        if (state.MaskingOf(dataset.Name, column.Name) is { } direct)
        {
            var policy = state.Policies[direct.Policy];
            return PolicyViews.MaskedColumn(Macro(policy, macros), table, direct.Arguments, column.Type, ColumnTags(state, dataset, column, policy));
        }
        var covering = TagPolicies(state, dataset, column);
        if (covering.Count > 1)
            throw Errors.Execution("Column " + column.Name + " is mapped to multiple masking policies by tags.Please contact your local administrator to fix the issue.");
        if (covering.Count == 0) return null;
        var (_, tagPolicy) = covering[0];
        var args = new List<string> { column.Name };
        foreach (var argument in tagPolicy.Arguments.Skip(1))
        {
            var other = dataset.Find(argument.Name)
                ?? throw Errors.Execution("Column " + column.Name + " is mapped to a masking policy where the table doesn't have a column for a secondary argument name of the policy.Please contact your local administrator to fix the issue.");
            if (other.Type.Kind != argument.Type.Kind)
                throw Errors.Execution("Column " + column.Name + " is mapped to a masking policy where the table has a column with different data-type for a secondary argument name.Please contact your local administrator to fix the issue.");
            args.Add(other.Name);
        }
        return PolicyViews.MaskedColumn(Macro(tagPolicy, macros), table, args, column.Type, ColumnTags(state, dataset, column, tagPolicy));
    }

    /// <summary>The tag-based masking policies that reach a column: for each tag on it (set or inherited), the tag's policy of the column's data type.</summary>
    public static List<(SchemaObjectName Tag, PolicyInfo Policy)> TagPolicies(AccountState state, DatasetInfo dataset, ColumnInfo column)
        => state.TagsOnColumn(dataset.Name, column.Name)
            .Where(t => state.TagMasking.ContainsKey(t.Tag))
            .Select(t => (t.Tag, Policy: state.TagMasking[t.Tag].Select(p => state.Policies[p]).FirstOrDefault(p => p.Arguments[0].Type.Kind == column.Type.Kind)))
            .Where(t => t.Policy is not null)
            .Select(t => (t.Tag, t.Policy!))
            .ToList();

    // SYSTEM$GET_TAG_ON_CURRENT_COLUMN('…') reads the column's tags by the name written in the body: the quoted form the
    // compiler writes ('"DB"."SCHEMA"."TAG"') and, for plain upper-case names, the unquoted one ('DB.SCHEMA.TAG').
    private static IEnumerable<KeyValuePair<string, string>>? ColumnTags(AccountState state, DatasetInfo dataset, ColumnInfo column, PolicyInfo policy)
    {
        if (!PolicyViews.ReadsColumnTags(policy.Body)) return null;
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var (tag, value, _) in state.TagsOnColumn(dataset.Name, column.Name))
        {
            var quoted = SqlText.Qualified(tag.Database, tag.Schema, tag.Name);
            tags.Add(KeyValuePair.Create(quoted, value));
            var plain = tag.Database + "." + tag.Schema + "." + tag.Name;
            if (new[] { tag.Database, tag.Schema, tag.Name }.All(IsPlain) && plain != quoted) tags.Add(KeyValuePair.Create(plain, value));
        }
        // DuckDB cannot type an empty MAP literal: a key no body names stands in.
        if (tags.Count == 0) tags.Add(KeyValuePair.Create("", ""));
        return tags;
    }

    private static bool IsPlain(string part)
        => part.Length > 0 && (char.IsAsciiLetterUpper(part[0]) || part[0] == '_') && part.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '_' or '$');
}

/// <summary>Snowflake's error codes the emulator gives.</summary>
internal static class ErrorCodes
{
    /// <summary>A syntax error (Snowflake 001003).</summary>
    public const int Syntax = 1003;
    /// <summary>An object that does not exist or is not authorized (Snowflake 002003).</summary>
    public const int DoesNotExist = 2003;
    /// <summary>An object that already exists (Snowflake 002002).</summary>
    public const int AlreadyExists = 2002;
    /// <summary>Any other compilation error (Snowflake 002043).</summary>
    public const int Compilation = 2043;
    /// <summary>A column that already has a masking policy (Snowflake 003529).</summary>
    public const int ColumnAlreadyMasked = 3529;
    /// <summary>An error while a query runs (Snowflake 100xxx: execution errors).</summary>
    public const int Execution = 100132;
    /// <summary>A multi-statement command (Snowflake's driver: 000008).</summary>
    public const int StatementCount = 8;
    /// <summary>The connection lost on purpose (<c>GOVERNANCE_EMULATOR_FAIL_AFTER</c>); its SQLSTATE is 08006 (connection failure).</summary>
    public const int Injected = 0;
}
