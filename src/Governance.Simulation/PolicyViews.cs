using System.Data.Common;
using DuckDB.NET.Data;
using Governance.Snowflake;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Simulation;

/// <summary>
/// The DuckDB text both the simulation and the emulated account build from policies: a macro per policy (the emulated
/// account's from the body text Snowflake holds, translated by <see cref="SnowflakeCompatibility.Translate"/>; the
/// simulation's from the compiled body, by <see cref="DuckDbExpressionWriter"/>), a masked column and a row filter
/// of a view, and the reading of a view's rows. Arguments are always qualified with the table: DuckDB expands a macro's
/// parameters into its body, so a bare <c>"REGION"</c> passed into a body whose subquery reads a mapping table with a
/// <c>"REGION"</c> column would bind to the mapping table's column.
/// </summary>
internal static class PolicyViews
{
    /// <summary>The column of every loaded sample that holds its position (0-based).</summary>
    public const string RowColumn = "governance_row";

    /// <summary>True when the body reads the current column's tags (<c>SYSTEM$GET_TAG_ON_CURRENT_COLUMN</c>).</summary>
    public static bool ReadsColumnTags(string snowflakeBody)
    {
        var tokens = SnowflakeLexer.Tokenize(snowflakeBody);
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.Word && string.Equals(tokens[i].Text, "SYSTEM$GET_TAG_ON_CURRENT_COLUMN", StringComparison.OrdinalIgnoreCase)
                && tokens[i + 1] == new Token(TokenKind.Punctuation, "(")) return true;
        }
        return false;
    }

    /// <summary>
    /// <c>CREATE OR REPLACE TEMP MACRO macro(args [, tags]) AS body</c> from a body's Snowflake text (the emulated
    /// account's, translated by <see cref="SnowflakeCompatibility.Translate"/>): the signature's arguments are the
    /// parameters, and the current column's tags one more for a body that reads them.
    /// </summary>
    public static string CreateMacro(string macro, IEnumerable<string> arguments, string snowflakeBody, BodyNames names)
        => Macro(macro, arguments, SnowflakeCompatibility.Translate(snowflakeBody, names), ReadsColumnTags(snowflakeBody), "CREATE OR REPLACE TEMP MACRO ");

    /// <summary>
    /// <c>CREATE OR REPLACE MACRO macro(args [, tags]) AS body</c> from a compiled body (the simulation's, written by
    /// <see cref="DuckDbExpressionWriter"/>), and whether the macro takes the current column's tags.
    /// </summary>
    public static (string Sql, bool ReadsColumnTags) CreateMacro(string macro, IEnumerable<string> arguments, PolicyExpression body)
    {
        var (sql, readsColumnTags) = DuckDbExpressionWriter.Body(body);
        return (Macro(macro, arguments, sql, readsColumnTags, "CREATE OR REPLACE MACRO "), readsColumnTags);
    }

    private static string Macro(string macro, IEnumerable<string> arguments, string duckDbBody, bool readsColumnTags, string create)
    {
        var parameters = arguments.Select(DuckDbText.Identifier).ToList();
        if (readsColumnTags) parameters.Add(SnowflakeCompatibility.ColumnTagsParameter);
        return create + macro + "(" + string.Join(", ", parameters) + ") AS " + duckDbBody;
    }

    /// <summary>
    /// A masked column of a view: the policy's macro on the table's columns (<paramref name="arguments"/>, stored names),
    /// with the current column's tags (qualified tag name → value) when the macro reads them, cast to the column's type
    /// as a policy's <c>RETURNS</c> does.
    /// </summary>
    public static string MaskedColumn(string macro, string table, IEnumerable<string> arguments, SnowflakeType columnType,
        IEnumerable<KeyValuePair<string, string>>? columnTags)
    {
        var args = arguments.Select(a => table + "." + DuckDbText.Identifier(a)).ToList();
        if (columnTags is not null)
            args.Add("MAP {" + string.Join(", ", columnTags.Select(t => DuckDbText.Literal(t.Key) + ": " + DuckDbText.Literal(t.Value))) + "}");
        return "CAST(" + macro + "(" + string.Join(", ", args) + ") AS " + DuckDbText.TypeOf(columnType) + ")";
    }

    /// <summary>
    /// A virtual column of an external table, which Snowflake computes from <c>VALUE</c>, through <c>VALUE</c>'s masking
    /// policy: the column's value where the session reads <paramref name="value"/> as it is stored, NULL where the policy
    /// changes it (a path into a masked VALUE finds nothing). <paramref name="column"/> is the column's own expression
    /// (its stored value, or its own policy's).
    /// </summary>
    public static string DerivedFromValue(string maskedValue, string value, string column)
        => "CASE WHEN " + maskedValue + " IS NOT DISTINCT FROM " + value + " THEN " + column + " END";

    /// <summary>A row filter: the row access policy's macro on the table's <c>ON</c> columns.</summary>
    public static string RowFilter(string macro, string table, IEnumerable<string> columns)
        => macro + "(" + string.Join(", ", columns.Select(c => table + "." + DuckDbText.Identifier(c))) + ")";

    /// <summary>The rows of <paramref name="relation"/> in sample order, every value as DuckDB renders it as text (NULL as null).</summary>
    public static List<SimulatedRow> Read(DuckDBConnection connection, string relation, IReadOnlyList<string> columns)
    {
        var select = RowColumn + string.Concat(columns.Select(c => ", CAST(" + DuckDbText.Identifier(c) + " AS VARCHAR)"));
        using var command = Simulator.Command(connection, "SELECT " + select + " FROM " + relation + " ORDER BY " + RowColumn);
        var rows = new List<SimulatedRow>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var values = new string?[columns.Count];
                for (var c = 0; c < values.Length; c++) values[c] = reader.IsDBNull(c + 1) ? null : reader.GetString(c + 1);
                rows.Add(new SimulatedRow(reader.GetInt32(0), values));
            }
        }
        catch (DbException e)
        {
            throw new SimulationException("DuckDB cannot read `" + relation + "`: " + Simulator.FirstLine(e.Message), e);
        }
        return rows;
    }
}
