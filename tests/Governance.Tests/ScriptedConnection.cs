using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Governance.Tests;

/// <summary>
/// A <see cref="DbConnection"/> that answers each query text with a canned table and records what it was sent: a driver
/// double for the readers' contract (text in, rows out) — the shapes Snowflake's documentation and other tools describe,
/// including those the emulated account does not produce. The state reader's tests and the Snowflake catalog
/// importer's use it.
/// </summary>
internal sealed class ScriptedConnection(Func<string, DataTable> answer) : DbConnection
{
    private ConnectionState _state = ConnectionState.Open;

    public List<string> Queries { get; } = new();

    /// <summary>A table with text columns and rows.</summary>
    public static DataTable Table(string[] columns, params object?[][] rows)
    {
        var table = new DataTable();
        foreach (var c in columns) table.Columns.Add(c, typeof(string));
        foreach (var r in rows) table.Rows.Add(r.Select(v => v ?? DBNull.Value).ToArray());
        return table;
    }

    [AllowNull]
    public override string ConnectionString { get; set; } = "";
    public override string Database => "";
    public override string DataSource => "scripted";
    public override string ServerVersion => "0";
    public override ConnectionState State => _state;
    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();
    public override void Close() => _state = ConnectionState.Closed;
    public override void Open() => _state = ConnectionState.Open;
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();
    protected override DbCommand CreateDbCommand() => new Command(this);

    private sealed class Command(ScriptedConnection account) : DbCommand
    {
        [AllowNull]
        public override string CommandText { get; set; } = "";
        public override int CommandTimeout { get; set; }
        public override CommandType CommandType { get; set; }
        public override bool DesignTimeVisible { get; set; }
        public override UpdateRowSource UpdatedRowSource { get; set; }
        protected override DbConnection? DbConnection { get; set; }
        protected override DbParameterCollection DbParameterCollection => throw new NotSupportedException();
        protected override DbTransaction? DbTransaction { get; set; }
        public override void Cancel() { }
        public override int ExecuteNonQuery() => throw new NotSupportedException();
        public override object? ExecuteScalar() => throw new NotSupportedException();
        public override void Prepare() { }
        protected override DbParameter CreateDbParameter() => throw new NotSupportedException();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            account.Queries.Add(CommandText);
            return account.Answer(CommandText).CreateDataReader();
        }
    }

    private DataTable Answer(string query) => answer(query);
}

/// <summary>A server error, as a provider raises it.</summary>
internal sealed class FakeServerException(string message) : DbException(message);
