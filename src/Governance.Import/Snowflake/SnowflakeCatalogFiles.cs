using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Diagnostics;
using Governance.Snowflake;

namespace Governance.Import;

/// <summary>
/// The Snowflake catalog from result files a user saved (Snowsight's CSV or JSON download) of the documented queries
/// (<see cref="SnowflakeCatalogQueries"/>): the columns of <c>INFORMATION_SCHEMA.COLUMNS</c> (with <c>TABLE_TYPE</c>
/// from <c>INFORMATION_SCHEMA.TABLES</c> when the export has it) and, optionally, the tag references of
/// <c>TAG_REFERENCES_ALL_COLUMNS</c> / <c>TAG_REFERENCES</c>. Columns are found by name, case-insensitively, never by
/// position. Input errors are GOV9015.
/// </summary>
public sealed class SnowflakeCatalogFiles : ImportSource
{
    public SnowflakeCatalogFiles(string columns, string? tags = null, ImportMapping? mapping = null)
    {
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
        Tags = tags;
        Mapping = mapping ?? ImportMapping.Default;
    }

    public string Columns { get; }
    public string? Tags { get; }
    public ImportMapping Mapping { get; }

    public override string GovId => GovIds.InvalidSnowflakeCatalog;

    internal override MetadataSnapshot Read(ImportLog log)
    {
        var catalog = new Snowflake.CatalogBuilder(Mapping, log);
        foreach (var row in Snowflake.ResultFile.Read(Columns, log)) catalog.AddColumn(row);
        if (Tags is not null)
        {
            foreach (var row in Snowflake.ResultFile.Read(Tags, log)) catalog.AddTag(row);
        }
        return catalog.Build();
    }
}

/// <summary>
/// The Snowflake catalog read live over any ADO.NET connection (Snowflake.Data's <c>SnowflakeDbConnection</c>, or
/// an emulated account), with the queries of <see cref="SnowflakeCatalogQueries"/>: the columns of each database, then
/// the tags of each table. The caller opens and owns the connection.
/// </summary>
public sealed class SnowflakeCatalogConnection : ImportSource
{
    public SnowflakeCatalogConnection(DbConnection connection, IReadOnlyList<string> databases, ImportMapping? mapping = null)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Databases = databases ?? throw new ArgumentNullException(nameof(databases));
        Mapping = mapping ?? ImportMapping.Default;
    }

    public DbConnection Connection { get; }
    /// <summary>The databases to read, as stored (<c>ANALYTICS</c>).</summary>
    public IReadOnlyList<string> Databases { get; }
    public ImportMapping Mapping { get; }

    public override string GovId => GovIds.InvalidSnowflakeCatalog;

    internal override MetadataSnapshot Read(ImportLog log)
    {
        var catalog = new Snowflake.CatalogBuilder(Mapping, log);
        foreach (var database in Databases)
        {
            var origin = "query " + SnowflakeCatalogQueries.Identifier(database) + ".INFORMATION_SCHEMA.COLUMNS";
            foreach (var row in Run(SnowflakeCatalogQueries.Columns(database), origin)) catalog.AddColumn(row);
        }
        foreach (var (database, schema, table) in catalog.Tables())
        {
            var origin = "query TAG_REFERENCES_ALL_COLUMNS(" + SnowflakeCatalogQueries.Identifier(database) + "." + SnowflakeCatalogQueries.Identifier(schema) + "." + SnowflakeCatalogQueries.Identifier(table) + ")";
            foreach (var row in Run(SnowflakeCatalogQueries.ColumnTags(database, schema, table), origin)) catalog.AddTag(row);
            foreach (var row in Run(SnowflakeCatalogQueries.TableTags(database, schema, table), origin.Replace("_ALL_COLUMNS", "", StringComparison.Ordinal))) catalog.AddTag(row);
        }
        return catalog.Build();
    }

    private List<Snowflake.ResultRow> Run(string sql, string origin)
    {
        var rows = new List<Snowflake.ResultRow>();
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var header = new string[reader.FieldCount];
        for (var i = 0; i < header.Length; i++) header[i] = reader.GetName(i);
        var columns = new Snowflake.ResultColumns(header, origin);
        long n = 0;
        while (reader.Read())
        {
            n++;
            var values = new string?[header.Length];
            for (var i = 0; i < header.Length; i++) values[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            rows.Add(new Snowflake.ResultRow(columns, values, origin, null, "row " + n.ToString(CultureInfo.InvariantCulture)));
        }
        return rows;
    }
}

/// <summary>The queries the live reader issues, and that docs/import.md gives for saving results from Snowsight.</summary>
public static class SnowflakeCatalogQueries
{
    /// <summary>Every column of the database's tables and views, with its table's kind, in table and ordinal order.</summary>
    public static string Columns(string database)
    {
        var db = Identifier(database);
        return "SELECT c.TABLE_CATALOG, c.TABLE_SCHEMA, c.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, c.ORDINAL_POSITION, c.IS_NULLABLE, c.DATA_TYPE,\n"
            + "       c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, c.NUMERIC_SCALE\n"
            + "FROM " + db + ".INFORMATION_SCHEMA.COLUMNS c\n"
            + "JOIN " + db + ".INFORMATION_SCHEMA.TABLES t\n"
            + "  ON t.TABLE_CATALOG = c.TABLE_CATALOG AND t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME\n"
            + "WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'\n"
            + "ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION";
    }

    /// <summary>Every tag on every column of one table or view, inherited ones included (the domain is TABLE even for a view).</summary>
    public static string ColumnTags(string database, string schema, string table)
        => "SELECT TAG_DATABASE, TAG_SCHEMA, TAG_NAME, TAG_VALUE, LEVEL, OBJECT_DATABASE, OBJECT_SCHEMA, OBJECT_NAME, DOMAIN, COLUMN_NAME\n"
            + "FROM TABLE(" + Identifier(database) + ".INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS(" + Literal(Qualified(database, schema, table)) + ", 'table'))";

    /// <summary>The tags on one table or view itself, inherited ones included.</summary>
    public static string TableTags(string database, string schema, string table)
        => "SELECT TAG_DATABASE, TAG_SCHEMA, TAG_NAME, TAG_VALUE, LEVEL, OBJECT_DATABASE, OBJECT_SCHEMA, OBJECT_NAME, DOMAIN, COLUMN_NAME\n"
            + "FROM TABLE(" + Identifier(database) + ".INFORMATION_SCHEMA.TAG_REFERENCES(" + Literal(Qualified(database, schema, table)) + ", 'table'))";

    /// <summary>A stored name as a quoted identifier: <c>"name"</c> with <c>"</c> doubled.</summary>
    public static string Identifier(string name) => Governance.Snowflake.SqlText.Identifier(name);

    private static string Qualified(string database, string schema, string table) => Governance.Snowflake.SqlText.Qualified(database, schema, table);

    private static string Literal(string text) => Governance.Snowflake.SqlText.Literal(text);
}
