namespace Governance.Simulation.Emulation;

/// <summary>A column of a result: its name as Snowflake gives it, Snowflake's type name and the .NET type of its values.</summary>
internal sealed record ResultColumn(string Name, string TypeName, Type ClrType)
{
    public static ResultColumn Text(string name) => new(name, "TEXT", typeof(string));
    public static ResultColumn Number(string name) => new(name, "NUMBER", typeof(long));
    public static ResultColumn Timestamp(string name) => new(name, "TIMESTAMP_LTZ", typeof(DateTimeOffset));
    public static ResultColumn Boolean(string name) => new(name, "BOOLEAN", typeof(bool));
}

/// <summary>A whole result, read into memory: the emulated account answers statement by statement.</summary>
internal sealed class ResultSet
{
    public ResultSet(IReadOnlyList<ResultColumn> columns, IReadOnlyList<object?[]> rows, int recordsAffected = -1)
    {
        Columns = columns;
        Rows = rows;
        RecordsAffected = recordsAffected;
    }

    public IReadOnlyList<ResultColumn> Columns { get; }
    public IReadOnlyList<object?[]> Rows { get; }
    public int RecordsAffected { get; }

    /// <summary>The one-row <c>status</c> result of a DDL statement, as Snowflake returns it.</summary>
    public static ResultSet Status(string message) => new(new[] { ResultColumn.Text("status") }, new[] { new object?[] { message } }, 0);
}
