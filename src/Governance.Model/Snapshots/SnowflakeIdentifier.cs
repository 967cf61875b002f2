using System.Collections.Generic;

namespace Governance.Snapshots;

/// <summary>Snowflake's identifier rules: unquoted shape, reserved words, length.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class SnowflakeIdentifier
{
    /// <summary>The longest identifier Snowflake accepts, quoted or not.</summary>
    public const int MaxLength = 255;

    // Case-insensitive, so that checking a name allocates nothing.
    private static readonly HashSet<string> Reserved = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase)
    {
        "ACCOUNT", "ALL", "ALTER", "AND", "ANY", "AS", "BETWEEN", "BY", "CASE", "CAST", "CHECK", "COLUMN", "CONNECT",
        "CONNECTION", "CONSTRAINT", "CREATE", "CROSS", "CURRENT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP",
        "CURRENT_USER", "DATABASE", "DELETE", "DISTINCT", "DROP", "ELSE", "EXISTS", "FALSE", "FOLLOWING", "FOR", "FROM",
        "FULL", "GRANT", "GROUP", "GSCLUSTER", "HAVING", "ILIKE", "IN", "INCREMENT", "INNER", "INSERT", "INTERSECT",
        "INTO", "IS", "ISSUE", "JOIN", "LATERAL", "LEFT", "LIKE", "LOCALTIME", "LOCALTIMESTAMP", "MINUS", "NATURAL",
        "NOT", "NULL", "OF", "ON", "OR", "ORDER", "ORGANIZATION", "QUALIFY", "REGEXP", "REVOKE", "RIGHT", "RLIKE", "ROW",
        "ROWS", "SAMPLE", "SCHEMA", "SELECT", "SET", "SOME", "START", "TABLE", "TABLESAMPLE", "THEN", "TO", "TRIGGER",
        "TRUE", "TRY_CAST", "UNION", "UNIQUE", "UPDATE", "USING", "VALUES", "VIEW", "WHEN", "WHENEVER", "WHERE", "WITH",
    };

    /// <summary>The reserved and limited keywords, in upper case.</summary>
    public static IReadOnlyCollection<string> ReservedWords => Reserved;

    /// <summary>True when <paramref name="name"/> is a Snowflake reserved or limited keyword (compared upper-case).</summary>
    public static bool IsReserved(string name) => Reserved.Contains(name);

    /// <summary>True when the name can be written without quotes and means itself: <c>^[A-Z_][A-Z0-9_$]*$</c>, upper-case, not reserved.</summary>
    public static bool IsPlainUpper(string name)
    {
        if (name.Length == 0 || name.Length > MaxLength) return false;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && ((c >= '0' && c <= '9') || c == '$'));
            if (!ok) return false;
        }
        return !Reserved.Contains(name);
    }

    /// <summary>Why <paramref name="name"/> cannot be a stored Snowflake identifier, or null when it can.</summary>
    public static string? Problem(string name)
    {
        if (name.Length == 0) return "an identifier cannot be empty";
        if (name.Length > MaxLength) return "an identifier has at most " + MaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters, this one has " + name.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (name.IndexOf('\0') >= 0) return "an identifier cannot contain NUL";
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsHighSurrogate(name[i]) && (i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1]))) return "an identifier cannot contain an unpaired surrogate";
            if (char.IsLowSurrogate(name[i]) && (i == 0 || !char.IsHighSurrogate(name[i - 1]))) return "an identifier cannot contain an unpaired surrogate";
        }
        return null;
    }
}
