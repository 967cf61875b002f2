using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DuckDB.NET.Data;
using Governance.Simulation.Emulation;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Simulation;

/// <summary>
/// An emulated Snowflake account, reached like Snowflake through ADO.NET: code written against
/// <see cref="DbConnection"/> runs unchanged against Snowflake's driver or this connection. The account lives in a
/// DuckDB database — a file (<c>Data Source=account.duckdb</c>, created empty when missing, so the account outlives the
/// process) or memory (<c>Data Source=:memory:</c>). It runs the governance DDL the tool emits and refuses what
/// Snowflake's documentation says Snowflake refuses; it answers SHOW, DESCRIBE and the Information Schema with
/// Snowflake's column names; and it runs SELECTs of datasets as the current role through the attached masking and row
/// access policies. See docs/emulator.md for the statements it accepts and its limits.
/// </summary>
/// <remarks>
/// Connection string keys: <c>Data Source</c> (required), <c>Role</c> (the session's role when it opens; default
/// ACCOUNTADMIN), <c>User</c> (what <c>CURRENT_USER()</c> returns; default GOVERNANCE). Every statement runs on its own,
/// as DDL does in Snowflake: transactions are not emulated. The environment variable
/// <c>GOVERNANCE_EMULATOR_FAIL_AFTER=K</c> (or <see cref="FailAfter"/>) makes the connection's K+1-th statement fail with
/// a transient <see cref="EmulatorException"/> before it runs.
/// </remarks>
public sealed class EmulatorConnection : DbConnection
{
    /// <summary>The environment variable read when <see cref="FailAfter"/> is not set: the number of statements that succeed before one fails.</summary>
    public const string FailAfterVariable = "GOVERNANCE_EMULATOR_FAIL_AFTER";

    /// <summary>The role a session starts with when the connection string names none.</summary>
    public const string DefaultRole = "ACCOUNTADMIN";

    private string _connectionString = "";
    private DuckDBConnection? _duck;
    private Account? _account;
    private ConnectionState _state = ConnectionState.Closed;
    private int _statements;
    private string _source = "";

    /// <summary>A closed connection; set <see cref="ConnectionString"/> before <see cref="Open"/>.</summary>
    public EmulatorConnection() { }

    /// <summary>A closed connection to the account that <paramref name="connectionString"/> names.</summary>
    public EmulatorConnection(string connectionString) => ConnectionString = connectionString;

    /// <summary>
    /// After how many statements the next one fails, for fault tests (a transient error; the statement does not run).
    /// Null when it opens: read from <see cref="FailAfterVariable"/>, unset means never. Statements are counted from
    /// <see cref="Open"/>; the failure happens once.
    /// </summary>
    public int? FailAfter { get; set; }

    /// <summary>How many statements ran since <see cref="Open"/> (what <see cref="FailAfter"/> counts), for fault tests that aim at one.</summary>
    internal int StatementCount => _statements;

    /// <summary>The account's catalog as it is now, for tests that check it between two statements without running one.</summary>
    internal AccountState Catalog => RequireOpen().State;

    /// <summary>The clock that stamps <c>created_on</c>; set it before <see cref="Open"/> for reproducible output.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <inheritdoc />
    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_state != ConnectionState.Closed) throw new InvalidOperationException("the connection string cannot change while the connection is open");
            _connectionString = value ?? "";
        }
    }

    /// <inheritdoc />
    public override string Database => "";

    /// <summary>The DuckDB database that holds the account: a file path or <c>:memory:</c>.</summary>
    public override string DataSource => _source;

    /// <inheritdoc />
    public override string ServerVersion => "governance emulated account 1";

    /// <inheritdoc />
    public override ConnectionState State => _state;

    /// <summary>The session's current role (what <c>USE ROLE</c> set).</summary>
    public string Role => RequireOpen().Role;

    /// <summary>
    /// Opens the account: creates the DuckDB file and the account's catalog when missing (with the system roles
    /// ACCOUNTADMIN, SECURITYADMIN, SYSADMIN, USERADMIN and PUBLIC), and starts a session as the connection string's role.
    /// </summary>
    public override void Open()
    {
        if (_state == ConnectionState.Open) return;
        var builder = new DbConnectionStringBuilder { ConnectionString = _connectionString };
        string? Value(string key) => builder.TryGetValue(key, out var v) && v is string s && s.Length > 0 ? s : null;
        var source = Value("Data Source") ?? Value("DataSource")
            ?? throw new ArgumentException("the connection string names no account: give `Data Source=FILE.duckdb` or `Data Source=:memory:`");
        var role = DefaultRole;
        if (Value("Role") is { } r)
        {
            var parts = Parser.NameInString(r);
            if (parts.Count != 1) throw new ArgumentException("the connection string's Role is `" + r + "`; expected one role name");
            role = parts[0];
        }
        var user = Value("User") ?? "GOVERNANCE";
        var failAfter = FailAfter ?? FromEnvironment();
        var duck = new DuckDBConnection("DataSource=" + source);
        try
        {
            duck.Open();
            foreach (var statement in SnowflakeCompatibility.Setup(temporary: true)) Simulator.Execute(duck, statement);
            var catalog = new Catalog(duck);
            var fresh = catalog.Open(source);
            if (fresh) SystemRoles(catalog);
            var account = new Account(duck, catalog, role, user, Clock);
            if (!account.State.Roles.ContainsKey(role)) throw Errors.DoesNotExist("Role", role);
            account.WriteSession();
            (_duck, _account, _source, _statements, FailAfter) = (duck, account, source, 0, failAfter);
            _state = ConnectionState.Open;
        }
        catch (DbException e) when (e is not EmulatorException)
        {
            duck.Dispose();
            throw new EmulatorException("cannot open the emulated account `" + source + "`: " + Simulator.FirstLine(e.Message), ErrorCodes.Compilation, "08001");
        }
        catch
        {
            duck.Dispose();
            throw;
        }
    }

    private static int? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(FailAfterVariable);
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            throw new ArgumentException(FailAfterVariable + " must be a whole number of statements (0 or more), not `" + text + "`");
        return k;
    }

    private static void SystemRoles(Catalog catalog) => catalog.Transaction(() =>
    {
        foreach (var role in new[] { "ACCOUNTADMIN", "SECURITYADMIN", "SYSADMIN", "USERADMIN", RoleGraph.Public })
            catalog.Execute("INSERT INTO governance_account.roles VALUES (?)", role);
        foreach (var (role, granted) in new[] { ("ACCOUNTADMIN", "SECURITYADMIN"), ("ACCOUNTADMIN", "SYSADMIN"), ("SECURITYADMIN", "USERADMIN") })
            catalog.Execute("INSERT INTO governance_account.role_grants VALUES (?, ?)", role, granted);
    });

    /// <inheritdoc />
    public override void Close()
    {
        _duck?.Dispose();
        (_duck, _account) = (null, null);
        _state = ConnectionState.Closed;
    }

    /// <summary>Not supported: the emulated account has no current database (name objects in full).</summary>
    public override void ChangeDatabase(string databaseName)
        => throw new NotSupportedException("the emulated account has no current database: name objects in full, DATABASE.SCHEMA.NAME");

    /// <summary>Not supported: every statement runs on its own, as DDL does in Snowflake (each DDL statement commits).</summary>
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel)
        => throw new NotSupportedException("the emulated account runs every statement on its own, as Snowflake runs DDL: transactions are not emulated");

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => new EmulatorCommand(this);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }

    private Account RequireOpen() => _account ?? throw new InvalidOperationException("the connection is not open");

    /// <summary>Runs one statement (the command's text); counts it for <see cref="FailAfter"/>.</summary>
    internal ResultSet Run(string sql)
    {
        var account = RequireOpen();
        _statements++;
        if (FailAfter is { } k && _statements == k + 1)
        {
            throw new EmulatorException("connection lost: the emulated account failed statement " + _statements.ToString(CultureInfo.InvariantCulture)
                + " on purpose (" + FailAfterVariable + "=" + k.ToString(CultureInfo.InvariantCulture) + "); it did not run", ErrorCodes.Injected, "08006", isTransient: true);
        }
        var statements = SqlScript.Statements(sql);
        if (statements.Count == 0) throw new EmulatorException("SQL compilation error:\nEmpty SQL statement.", ErrorCodes.Syntax, "42000");
        if (statements.Count > 1)
            throw new EmulatorException("Actual statement count " + statements.Count.ToString(CultureInfo.InvariantCulture) + " did not match the desired statement count 1.",
                ErrorCodes.StatementCount, "0A000");
        try
        {
            return Statement.Parse(statements[0]).Execute(account);
        }
        catch (SimulationException e)
        {
            throw Errors.Execution(e.Message);
        }
        catch (DbException e) when (e is not EmulatorException)
        {
            throw Errors.Execution(Simulator.FirstLine(e.Message));
        }
    }

    /// <summary>
    /// Creates in the account what <paramref name="snapshot"/> describes and it does not hold yet: the roles and their
    /// grants (<c>roles[].inherits</c>), the databases and schemas of the products, and each dataset (of its kind,
    /// with its columns) filled with <paramref name="rows"/> deterministic sample rows (<see cref="SampleData"/>, the rows
    /// <see cref="Simulator"/> uses for the same <paramref name="seed"/>). A dataset the account already holds keeps its rows.
    /// </summary>
    public void CreateDatasets(MetadataSnapshot snapshot, int rows = 10, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var account = RequireOpen();
        if (RoleGraph.TryBuild(snapshot.Roles, out var error) is null) throw new SimulationException(error ?? "the role hierarchy is invalid");
        var datasets = snapshot.Domains.SelectMany(d => d.Products).SelectMany(p => p.Datasets.Select(ds => (Product: p, Dataset: Stored(ds)))).ToList();
        var tables = datasets.Select(x => new Simulator.EntitlementTable(x.Product.Database, x.Product.Schema, x.Dataset.Name, x.Dataset.Columns.Select(c => (c.Name, c.Type)).ToList(),
            SampleData.Rows(x.Product.Database + "." + x.Product.Schema + "." + x.Dataset.Name, x.Dataset, rows, seed))).ToList();
        var kinds = datasets.Select(x => (Name: x.Product.Database + "." + x.Product.Schema + "." + x.Dataset.Name, x.Dataset.Kind, x.Dataset.Columns))
            .ToDictionary(x => x.Name, StringComparer.Ordinal);
        account.Catalog.Transaction(() =>
        {
            var state = account.State;
            foreach (var role in snapshot.Roles)
            {
                if (!state.Roles.ContainsKey(role.Name)) account.Catalog.Execute("INSERT INTO governance_account.roles VALUES (?)", role.Name);
            }
            foreach (var role in snapshot.Roles)
            {
                foreach (var parent in role.Inherits.Where(p => p != RoleGraph.Public && !(state.Roles.TryGetValue(role.Name, out var g) && g.Contains(p))))
                    account.Catalog.Execute("INSERT INTO governance_account.role_grants VALUES (?, ?)", role.Name, parent);
            }
            foreach (var t in tables)
            {
                var x = kinds[t.Database + "." + t.Schema + "." + t.Table];
                Create(account, state, t, x.Kind, x.Columns.Select(c => c.Nullable).ToList());
            }
        });
    }

    /// <summary>
    /// The dataset as Snowflake holds it: an external table always has <c>VALUE</c>, a VARIANT that holds the whole row
    /// (create-external-table), which a snapshot may leave out; the account then adds it as the first column.
    /// </summary>
    private static Dataset Stored(Dataset dataset)
        => dataset.Kind != DatasetKind.ExternalTable || dataset.FindColumn(SnowflakePlanner.ExternalValueColumn) is not null
            ? dataset
            : new Dataset(dataset.Name, dataset.Kind,
                dataset.Columns.Prepend(new Column(SnowflakePlanner.ExternalValueColumn, SnowflakeType.Parse("VARIANT"), false)).ToArray(), dataset.Tags, dataset.Sources, dataset.Source, dataset.Location);

    /// <summary>
    /// Creates the mapping tables the row access rules of <paramref name="result"/> read (a role column and the value
    /// columns, typed like the dataset columns they are compared with), filled with <paramref name="entitlements"/>
    /// (default: <see cref="Simulator.DefaultEntitlements"/>), as tables of the account. A mapping table the account
    /// already holds is left as it is.
    /// </summary>
    public void CreateEntitlementTables(MetadataSnapshot snapshot, EvaluationResult result, IReadOnlyList<Entitlement>? entitlements = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(result);
        var account = RequireOpen();
        var tables = Simulator.EntitlementTables(result, entitlements ?? Simulator.DefaultEntitlements(snapshot, result));
        account.Catalog.Transaction(() =>
        {
            var state = account.State;
            foreach (var t in tables) Create(account, state, t, DatasetKind.Table, t.Columns.Select(_ => true).ToList());
        });
    }

    private static void Create(Account account, AccountState state, Simulator.EntitlementTable t, DatasetKind kind, IReadOnlyList<bool> nullable)
    {
        var catalog = account.Catalog;
        var name = Parser.Name(t.Database, t.Schema, t.Table);
        if (state.Datasets.ContainsKey(name)) return;
        if (!state.Databases.Contains(t.Database) && Convert.ToInt64(catalog.Scalar("SELECT count(*) FROM governance_account.databases WHERE name = ?", t.Database), CultureInfo.InvariantCulture) == 0)
            catalog.Execute("INSERT INTO governance_account.databases VALUES (?)", t.Database);
        if (!state.Schemas.Contains((t.Database, t.Schema))
            && Convert.ToInt64(catalog.Scalar("SELECT count(*) FROM governance_account.schemas WHERE database_name = ? AND name = ?", t.Database, t.Schema), CultureInfo.InvariantCulture) == 0)
            catalog.Execute("INSERT INTO governance_account.schemas VALUES (?, ?)", t.Database, t.Schema);
        var storage = catalog.NewStorage();
        catalog.Execute("CREATE TABLE " + storage + " (" + PolicyViews.RowColumn + " INTEGER"
            + string.Concat(t.Columns.Select(c => ", " + DuckDbText.Identifier(c.Name) + " " + DuckDbText.TypeOf(c.Type))) + ")");
        catalog.Execute("INSERT INTO governance_account.datasets VALUES (?, ?, ?, ?, ?)", t.Database, t.Schema, t.Table, kind.ToJson(), storage);
        for (var i = 0; i < t.Columns.Count; i++)
        {
            catalog.Execute("INSERT INTO governance_account.columns VALUES (?, ?, ?, ?, ?, ?, ?)", t.Database, t.Schema, t.Table, t.Columns[i].Name, i + 1, t.Columns[i].Type.Text, nullable[i]);
        }
        Simulator.Insert(account.Duck, storage, t.Columns, t.Rows, rowColumn: true);
    }

    /// <summary>
    /// The rows a session of <paramref name="role"/> sees of a dataset (stored names), in sample order: through its masking
    /// policies and row access policy as the account holds them, each value as DuckDB renders it as text — the shape of
    /// <see cref="SimulatedDataset.Rows"/>, so a simulation of what was applied compares with one of the plan. Fails as
    /// Snowflake fails the query (a column two tags' policies mask, a policy whose mapping table is missing).
    /// </summary>
    public IReadOnlyList<SimulatedRow> ReadAs(string role, string database, string schema, string dataset) => ReadAs(role, database, schema, dataset, null);

    /// <summary>
    /// The same, for <paramref name="columns"/> (stored names) in that order, as a <c>SELECT</c> of those columns reads
    /// them; null: every column, as <c>SELECT *</c> reads them (an external table's <c>VALUE</c> first).
    /// </summary>
    public IReadOnlyList<SimulatedRow> ReadAs(string role, string database, string schema, string dataset, IReadOnlyList<string>? columns)
    {
        ArgumentNullException.ThrowIfNull(role);
        var account = RequireOpen();
        var name = Parser.Name(database, schema, dataset);
        if (!account.State.Datasets.TryGetValue(name, out var info)) throw Errors.DoesNotExist("Object", Errors.Show(name));
        if (!account.State.Roles.ContainsKey(role)) throw Errors.DoesNotExist("Role", role);
        var read = columns is null ? info.Columns : columns.Select(c => info.Find(c) ?? throw Errors.Compilation("invalid identifier '" + c + "'")).ToList();
        var previous = account.Role;
        account.Role = role;
        try
        {
            return PolicyViews.Read(account.Duck, account.View(info, read), read.Select(c => c.Name).ToList());
        }
        catch (SimulationException e)
        {
            throw Errors.Execution(e.Message);
        }
        finally
        {
            account.Role = previous;
        }
    }

    /// <summary>
    /// What <paramref name="role"/> reads of the snapshot's datasets (those of <paramref name="products"/>, or all)
    /// through the policies the account holds now — the shape of <see cref="Simulator.Run(PackSet, MetadataSnapshot, EvaluationResult, string, SimulationOptions?, Func{DataProduct, bool}?)"/>'s
    /// result, so that <c>governance simulate --emulator</c> shows what was applied rather than what the packs compile to.
    /// </summary>
    public SimulationResult Simulate(MetadataSnapshot snapshot, string role, Func<DataProduct, bool>? products = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(role);
        var account = RequireOpen();
        if (!account.State.Roles.ContainsKey(role)) throw Errors.DoesNotExist("Role", role);
        var datasets = new List<SimulatedDataset>();
        foreach (var (product, dataset, target) in snapshot.Domains.SelectMany(d => d.Products).Where(p => products is null || products(p))
                     .SelectMany(p => p.Datasets.Select(ds => (Product: p, Dataset: ds, Target: p.Database + "." + p.Schema + "." + ds.Name)))
                     .OrderBy(x => x.Target, StringComparer.Ordinal))
        {
            var name = Parser.Name(product.Database, product.Schema, dataset.Name);
            if (!account.State.Datasets.TryGetValue(name, out var info)) throw Errors.DoesNotExist("Object", Errors.Show(name));
            var names = dataset.Columns.Select(c => c.Name).ToList();
            var rows = ReadAs(role, product.Database, product.Schema, dataset.Name, names);
            var sample = PolicyViews.Read(account.Duck, info.Storage, names);
            datasets.Add(new SimulatedDataset(target, product, dataset, dataset.Columns.Select(c => new SimulatedColumn(c.Name, c.Type)).ToList(), rows, sample));
        }
        return new SimulationResult(role, account.State.SessionRoles(role), datasets, Array.Empty<Entitlement>());
    }
}

/// <summary>A statement for the emulated account (<see cref="EmulatorConnection"/>): one statement per command, no parameters.</summary>
public sealed class EmulatorCommand : DbCommand
{
    private readonly DuckDBParameterCollection _parameters = new();
    private EmulatorConnection? _connection;

    internal EmulatorCommand(EmulatorConnection connection) => _connection = connection;

    /// <inheritdoc />
    [AllowNull]
    public override string CommandText { get; set; } = "";
    /// <inheritdoc />
    public override int CommandTimeout { get; set; } = 30;
    /// <summary>Text only.</summary>
    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text) throw new NotSupportedException("the emulated account runs SQL text only");
        }
    }
    /// <inheritdoc />
    public override bool DesignTimeVisible { get; set; }
    /// <inheritdoc />
    public override UpdateRowSource UpdatedRowSource { get; set; }

    /// <inheritdoc />
    protected override DbConnection? DbConnection
    {
        get => _connection;
        set => _connection = value as EmulatorConnection ?? (value is null ? null : throw new ArgumentException("an emulator command runs on an EmulatorConnection"));
    }

    /// <inheritdoc />
    protected override DbParameterCollection DbParameterCollection => _parameters;
    /// <inheritdoc />
    protected override DbTransaction? DbTransaction { get; set; }

    /// <inheritdoc />
    public override void Cancel() { }
    /// <inheritdoc />
    public override void Prepare() { }
    /// <inheritdoc />
    protected override DbParameter CreateDbParameter() => new DuckDBParameter();

    private ResultSet Run()
    {
        var connection = _connection ?? throw new InvalidOperationException("the command has no connection");
        if (_parameters.Count > 0) throw new NotSupportedException("the emulated account does not bind parameters: write the values as literals");
        return connection.Run(CommandText);
    }

    /// <inheritdoc />
    public override int ExecuteNonQuery() => Run().RecordsAffected is var n and >= 0 ? n : -1;

    /// <inheritdoc />
    public override object? ExecuteScalar()
    {
        var result = Run();
        return result.Rows.Count == 0 || result.Columns.Count == 0 ? null : result.Rows[0][0] ?? DBNull.Value;
    }

    /// <inheritdoc />
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => new EmulatorDataReader(Run());
}
