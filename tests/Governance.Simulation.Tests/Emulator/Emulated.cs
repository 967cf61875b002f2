using System.Data.Common;
using System.Globalization;
using Governance.Simulation;
using Governance.Simulation.Emulation;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>A statement the emulated account refused, and its message.</summary>
internal sealed record Refusal(string Statement, string Message)
{
    public override string ToString() => Statement + "\n  → " + Message;
}

/// <summary>A fixed clock, so that <c>created_on</c> is reproducible.</summary>
internal sealed class FixedClock : TimeProvider
{
    public static readonly DateTimeOffset Time = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Time;
}

/// <summary>Helpers for tests of the emulated account: open one, run statements, read results by column name.</summary>
internal static class Emulated
{
    /// <summary>An open in-memory account with the GOVERNANCE database and its POLICIES, TAGS and SECURITY schemas.</summary>
    public static EmulatorConnection Account(string source = ":memory:")
    {
        var connection = new EmulatorConnection("Data Source=" + source) { Clock = new FixedClock() };
        connection.Open();
        foreach (var sql in new[]
                 {
                     "CREATE DATABASE IF NOT EXISTS GOVERNANCE", "CREATE SCHEMA IF NOT EXISTS GOVERNANCE.POLICIES", "CREATE SCHEMA IF NOT EXISTS GOVERNANCE.TAGS",
                     "CREATE SCHEMA IF NOT EXISTS GOVERNANCE.SECURITY",
                 })
        {
            Execute(connection, sql);
        }
        return connection;
    }

    public static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Runs every statement of a script in order (statement by statement, as an apply does).</summary>
    public static void Script(DbConnection connection, string script)
    {
        foreach (var statement in SqlScript.Statements(script)) Execute(connection, statement);
    }

    /// <summary>Runs a plan's script statement by statement and returns the refused statements with their messages.</summary>
    public static List<Refusal> Apply(DbConnection connection, string script)
    {
        var refused = new List<Refusal>();
        foreach (var statement in SqlScript.Statements(script))
        {
            try
            {
                Execute(connection, statement);
            }
            catch (EmulatorException e)
            {
                refused.Add(new Refusal(statement, e.Message));
            }
        }
        return refused;
    }

    /// <summary>The result: its column names and its rows, each value rendered as invariant text (NULL as null).</summary>
    public static (List<string> Columns, List<string?[]> Rows) Query(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray());
        }
        return (columns, rows);
    }

    /// <summary>The rows as name → value maps.</summary>
    public static List<Dictionary<string, string?>> Records(DbConnection connection, string sql)
    {
        var (columns, rows) = Query(connection, sql);
        return rows.Select(r => columns.Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal)).ToList();
    }

    /// <summary>The statement's refusal.</summary>
    public static EmulatorException Refused(DbConnection connection, string sql)
    {
        try
        {
            Execute(connection, sql);
        }
        catch (EmulatorException e)
        {
            return e;
        }
        throw new AssertionException("the emulated account accepted `" + sql + "`");
    }
}

/// <summary>A small account for refusal and introspection tests: SALES.ORDERS with a table, a view, a materialized view, an external table and an Iceberg table.</summary>
internal static class Small
{
    public static readonly MetadataSnapshot Snapshot = new(
        new[] { new RoleDefinition("ANALYST"), new RoleDefinition("PII_READER", new[] { "ANALYST" }) },
        new[]
        {
            new Domain("sales", null, new[]
            {
                new DataProduct("orders", "1.0.0", null, "SALES", "ORDERS", new[]
                {
                    new Dataset("ORDERS", DatasetKind.Table, new[]
                    {
                        new Column("ORDER_ID", SnowflakeType.Number(), false), new Column("CUSTOMER_EMAIL", SnowflakeType.Varchar(256)),
                        new Column("REGION", SnowflakeType.Varchar(16)), new Column("AMOUNT", SnowflakeType.Number(12, 2)),
                        new Column("HAS_CONSENT", SnowflakeType.Boolean),
                    }),
                    new Dataset("ORDERS_V", DatasetKind.View, new[] { new Column("ORDER_ID", SnowflakeType.Number()), new Column("REGION", SnowflakeType.Varchar(16)) }),
                    new Dataset("ORDERS_MV", DatasetKind.MaterializedView, new[] { new Column("REGION", SnowflakeType.Varchar(16)), new Column("AMOUNT", SnowflakeType.Number(12, 2)) }),
                    new Dataset("EVENTS", DatasetKind.ExternalTable, new[] { new Column("VALUE", SnowflakeType.Parse("VARIANT")), new Column("REGION", SnowflakeType.Varchar(16)) }),
                    new Dataset("LEDGER", DatasetKind.IcebergTable, new[] { new Column("REGION", SnowflakeType.Varchar(16)), new Column("AMOUNT", SnowflakeType.Number(12, 2)) }),
                }),
            }),
        });

    /// <summary>The account, with the tag PII ('email', 'phone') and policies: MP_TEXT (VARCHAR), MP_TEXT_2 (VARCHAR), MP_NUMBER (NUMBER), RAP_REGION (VARCHAR).</summary>
    public static EmulatorConnection Account()
    {
        var account = Emulated.Account();
        account.CreateDatasets(Snapshot, rows: 6);
        foreach (var sql in new[]
                 {
                     "CREATE TAG GOVERNANCE.TAGS.PII ALLOWED_VALUES 'email', 'phone' COMMENT = 'personal data'",
                     "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT AS (VAL VARCHAR) RETURNS VARCHAR -> CASE WHEN IS_ROLE_IN_SESSION('PII_READER') THEN VAL ELSE '***' END",
                     "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT_2 AS (VAL VARCHAR) RETURNS VARCHAR -> '###'",
                     "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_NUMBER AS (VAL NUMBER(38,0)) RETURNS NUMBER(38,0) -> NULL",
                     "CREATE ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION AS (R VARCHAR) RETURNS BOOLEAN -> R = 'EMEA' OR IS_ROLE_IN_SESSION('PII_READER')",
                 })
        {
            Emulated.Execute(account, sql);
        }
        return account;
    }
}
