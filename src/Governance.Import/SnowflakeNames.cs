using System.Globalization;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Import;

/// <summary>
/// Names as Snowflake stores what a tool emits (docs/import.md, "Names"): an unquoted identifier folds to upper case;
/// a quoted one keeps its case exactly. A name that could not be written unquoted (it has a space, a dash, a dot, a
/// non-ASCII letter, or starts with a digit) must have been quoted, so it is kept exactly — never altered.
/// </summary>
internal static class SnowflakeNames
{
    /// <summary>The stored name of <paramref name="name"/> written quoted (<paramref name="quoted"/>) or not.</summary>
    public static string Resolve(string name, bool quoted) => quoted || !IsUnquotedIdentifier(name) ? name : name.ToUpperInvariant();

    /// <summary><c>^[A-Za-z_][A-Za-z0-9_$]*$</c>: what Snowflake accepts without quotes.</summary>
    public static bool IsUnquotedIdentifier(string name)
    {
        if (name.Length == 0) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = char.IsAsciiLetter(c) || c == '_' || (i > 0 && (char.IsAsciiDigit(c) || c == '$'));
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>
    /// Splits a relation name as SQL writes it — <c>"db"."schema"."table"</c>, <c>db.schema.table</c>, or with
    /// BigQuery's back-quotes — into its parts, each with whether it was quoted. Doubled quote characters inside a
    /// quoted part stand for one. Returns null when the text is not such a name.
    /// </summary>
    public static IReadOnlyList<(string Text, bool Quoted)>? SplitRelation(string relation)
    {
        var parts = new List<(string, bool)>();
        var i = 0;
        while (i <= relation.Length)
        {
            if (i < relation.Length && (relation[i] == '"' || relation[i] == '`'))
            {
                var quote = relation[i];
                var sb = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= relation.Length) return null;
                    if (relation[i] == quote)
                    {
                        if (i + 1 < relation.Length && relation[i + 1] == quote) { sb.Append(quote); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(relation[i++]);
                }
                parts.Add((sb.ToString(), true));
            }
            else
            {
                var end = relation.IndexOf('.', i);
                if (end < 0) end = relation.Length;
                var text = relation[i..end].Trim();
                if (text.Length == 0) return null;
                parts.Add((text, false));
                i = end;
            }
            if (i == relation.Length) break;
            if (relation[i] != '.') return null;
            i++;
        }
        return parts;
    }
}

/// <summary>
/// Data types written for another engine (the dbt adapters' catalogs, ODCS physical types) as the Snowflake type a
/// column of that type becomes (docs/import.md, "Data types"). Snowflake's own spellings and synonyms parse directly.
/// </summary>
internal static class ForeignTypes
{
    /// <summary>The Snowflake type of <paramref name="text"/>, or null when it is not a type this table knows.</summary>
    public static SnowflakeType? ToSnowflake(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return null;
        if (SnowflakeType.TryParse(trimmed, out var type, out _)) return type;
        var lower = trimmed.ToLowerInvariant();

        // Arrays and nested records: Snowflake stores them as ARRAY and OBJECT.
        if (lower.EndsWith("[]", StringComparison.Ordinal) || lower.StartsWith("array<", StringComparison.Ordinal) || lower.StartsWith("array(", StringComparison.Ordinal)
            || lower.StartsWith("list<", StringComparison.Ordinal))
            return SnowflakeType.Parse("ARRAY");
        if (lower.StartsWith("struct", StringComparison.Ordinal) || lower.StartsWith("record", StringComparison.Ordinal) || lower.StartsWith("map", StringComparison.Ordinal))
            return SnowflakeType.Parse("OBJECT");
        if (lower is "json" or "jsonb" or "super") return SnowflakeType.Parse("VARIANT");

        var open = lower.IndexOf('(');
        var name = (open < 0 ? lower : lower[..open]).Trim();
        var args = open < 0 ? "" : lower[open..];
        switch (name)
        {
            // Integers of any width (DuckDB, Postgres, BigQuery, Spark): Snowflake's integers are NUMBER(38,0).
            case "int2": case "int4": case "int8": case "int16": case "int32": case "int64": case "int128": case "hugeint": case "uhugeint":
            case "ubigint": case "uinteger": case "usmallint": case "utinyint": case "long": case "short": case "serial": case "bigserial": case "smallserial":
            case "oid":
                return SnowflakeType.Number();
            case "float64": case "float32": case "float16":
                return SnowflakeType.Float;
            case "bool": case "boolean":
                return SnowflakeType.Boolean;
            case "bignumeric": case "bigdecimal":
                return SnowflakeType.Parse("NUMBER" + args);
            case "character varying": case "varchar2": case "bpchar": case "citext": case "name": case "uuid": case "enum": case "inet": case "cidr": case "macaddr":
                return SnowflakeType.TryParse("VARCHAR" + (name is "character varying" or "varchar2" or "bpchar" ? args : ""), out var varchar, out _) ? varchar : null;
            case "bytea": case "blob": case "bytes": case "varbinary": case "binary varying":
                return SnowflakeType.Parse("BINARY");
            case "timestamptz": case "timestamp with time zone": case "datetimeoffset":
                return SnowflakeType.Parse("TIMESTAMP_TZ" + args);
            case "timestamp_ns": case "timestamp_ms": case "timestamp_s": case "timestamp_us": case "datetime2": case "smalldatetime":
                return SnowflakeType.TimestampNtz();
            case "timetz": case "time with time zone": case "time without time zone":
                return SnowflakeType.Parse("TIME");
            case "geometry": case "geography":
                return SnowflakeType.Parse(name.ToUpperInvariant());
            case "variant": case "object": case "any":
                return SnowflakeType.Parse("VARIANT");
            default:
                return null;
        }
    }

    /// <summary>
    /// The Snowflake type of an ODCS <c>logicalType</c> with its <c>logicalTypeOptions</c> (docs/import.md): string →
    /// VARCHAR(maxLength), integer → NUMBER(38,0), number → NUMBER(precision, scale) or FLOAT, boolean, date,
    /// timestamp → TIMESTAMP_TZ or TIMESTAMP_NTZ by <c>timezone</c>, time, object → OBJECT, array → ARRAY.
    /// </summary>
    public static SnowflakeType? FromLogical(string logicalType, Func<string, long?> option, Func<string, string?> textOption)
    {
        switch (logicalType)
        {
            case "string":
                return option("maxLength") is { } max && max >= 1 && max <= SnowflakeType.VarcharLengthLimit
                    ? SnowflakeType.Varchar((int)max) : SnowflakeType.Varchar();
            case "integer":
                return SnowflakeType.Number();
            case "number":
                if (option("precision") is { } p && p >= 1 && p <= 38)
                {
                    var scale = option("scale") is { } s && s >= 0 && s <= p ? (int)s : 0;
                    return SnowflakeType.Number((int)p, scale);
                }
                return SnowflakeType.Float;
            case "boolean":
                return SnowflakeType.Boolean;
            case "date":
                return SnowflakeType.Date;
            case "timestamp":
                return textOption("timezone") is { } tz && tz.Length > 0 && !string.Equals(tz, "false", StringComparison.OrdinalIgnoreCase)
                    ? SnowflakeType.Parse("TIMESTAMP_TZ") : SnowflakeType.TimestampNtz();
            case "time":
                return SnowflakeType.Parse("TIME");
            case "object":
                return SnowflakeType.Parse("OBJECT");
            case "array":
                return SnowflakeType.Parse("ARRAY");
            default:
                return null;
        }
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
