using System.Globalization;
using System.Text;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Simulation;

/// <summary>
/// The DuckDB side's one identifier helper and one literal writer, and the Snowflake → DuckDB type map. Everything
/// the simulation sends to DuckDB that is not a parameter goes through <see cref="Identifier"/> or
/// <see cref="Literal"/>.
/// </summary>
internal static class DuckDbText
{
    /// <summary>
    /// A Snowflake stored name as a DuckDB quoted identifier. DuckDB matches identifiers case-insensitively even when
    /// quoted, and reserves some catalog names (<c>memory</c>, <c>system</c>, <c>temp</c>); Snowflake's quoted
    /// identifiers are case-sensitive. So every name is encoded: <c>Q</c>, then each character A–Z or 0–9 as itself and
    /// every other UTF-8 byte as <c>_</c> + two upper-case hex digits (<c>ROLE_NAME</c> → <c>"QROLE_5FNAME"</c>,
    /// <c>Email</c> → <c>"QE_6D_61_69_6C"</c>). The encoding has no lower
    /// case letter and no quote, so distinct Snowflake names stay distinct in DuckDB and none is a built-in name.
    /// </summary>
    public static string Identifier(string storedName)
    {
        ArgumentNullException.ThrowIfNull(storedName);
        var sb = new StringBuilder("\"Q");
        foreach (var b in Encoding.UTF8.GetBytes(storedName))
        {
            if (b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9') sb.Append((char)b);
            else sb.Append('_').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.Append('"').ToString();
    }

    /// <summary><c>"DB"."SCHEMA"."NAME"</c> through <see cref="Identifier"/>.</summary>
    public static string Qualified(params string[] parts) => string.Join(".", parts.Select(Identifier));

    /// <summary>
    /// A DuckDB string literal that reads back as exactly <paramref name="value"/>: a standard <c>'…'</c> string, in
    /// which DuckDB has no backslash escapes, with <c>'</c> doubled. NUL is refused (as by the Snowflake writer).
    /// </summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('\0', StringComparison.Ordinal)) throw new SimulationException("a string value cannot contain NUL");
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// The DuckDB type that holds values of a Snowflake type: VARCHAR, DECIMAL(p,s), DOUBLE (FLOAT and DECFLOAT),
    /// BOOLEAN, DATE, TIME, TIMESTAMP (TIMESTAMP_NTZ), TIMESTAMPTZ (TIMESTAMP_LTZ and TIMESTAMP_TZ, in a UTC session),
    /// BLOB (BINARY); VARIANT, OBJECT, ARRAY, GEOGRAPHY, GEOMETRY and VECTOR are held as VARCHAR (their JSON or WKT text).
    /// </summary>
    public static string TypeOf(SnowflakeType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            SnowflakeTypeKind.Varchar => "VARCHAR",
            SnowflakeTypeKind.Number => "DECIMAL(" + Math.Clamp(type.Precision, 1, 38).ToString(CultureInfo.InvariantCulture) + ","
                + Math.Min(type.Scale, Math.Clamp(type.Precision, 1, 38)).ToString(CultureInfo.InvariantCulture) + ")",
            SnowflakeTypeKind.Float or SnowflakeTypeKind.Decfloat => "DOUBLE",
            SnowflakeTypeKind.Boolean => "BOOLEAN",
            SnowflakeTypeKind.Date => "DATE",
            SnowflakeTypeKind.Time => "TIME",
            SnowflakeTypeKind.TimestampNtz => "TIMESTAMP",
            SnowflakeTypeKind.TimestampLtz or SnowflakeTypeKind.TimestampTz => "TIMESTAMPTZ",
            SnowflakeTypeKind.Binary => "BLOB",
            _ => "VARCHAR",
        };
    }
}

/// <summary>The simulation cannot run: a policy body it cannot translate, or an input DuckDB cannot hold.</summary>
public sealed class SimulationException : Exception
{
    public SimulationException(string message) : base(message) { }
    public SimulationException(string message, Exception inner) : base(message, inner) { }
    public SimulationException() : base("cannot simulate") { }
}
