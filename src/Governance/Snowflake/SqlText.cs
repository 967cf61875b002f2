using System.Globalization;
using System.Text;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Snowflake;

/// <summary>
/// A Snowflake statement cannot be emitted safely: an identifier or a value that Snowflake would refuse or that could
/// change the statement's structure (empty, too long, NUL, unpaired surrogate), or a policy body of the wrong type.
/// Nothing is emitted when this is thrown.
/// </summary>
public sealed class SnowflakeCompileException : Exception
{
    /// <summary>An exception with <paramref name="message"/>, which names the offending value.</summary>
    public SnowflakeCompileException(string message) : base(message) { }
    /// <summary>An exception with <paramref name="message"/>, caused by <paramref name="inner"/>.</summary>
    public SnowflakeCompileException(string message, Exception inner) : base(message, inner) { }
    /// <summary>An exception with a generic message.</summary>
    public SnowflakeCompileException() : base("cannot compile to Snowflake SQL") { }
}

/// <summary>
/// The one identifier helper and the one literal writer of the compiler. Every piece of user data (names, tag values,
/// role names, comments, constants) reaches SQL text through <see cref="Identifier"/> or <see cref="Literal(string)"/>;
/// nothing else in <c>Governance.Snowflake</c> concatenates user data into SQL.
/// </summary>
public static class SqlText
{
    /// <summary>
    /// A stored name as a quoted identifier: <c>"</c> + name with <c>"</c> doubled + <c>"</c>. The name is used as
    /// stored (case kept): quoting always makes reserved words, dots, spaces and Unicode harmless. Refuses names that
    /// Snowflake cannot store (empty, longer than 255 characters, NUL, unpaired surrogate).
    /// </summary>
    public static string Identifier(string storedName)
    {
        RequireIdentifier(storedName);
        return AppendIdentifier(new StringBuilder(storedName.Length + 2), storedName).ToString();
    }

    /// <summary><see cref="Identifier"/> appended to <paramref name="sb"/>, with no string of its own.</summary>
    internal static StringBuilder AppendIdentifier(StringBuilder sb, string storedName)
    {
        RequireIdentifier(storedName);
        sb.Append('"');
        var from = 0;
        for (var quote = storedName.IndexOf('"', StringComparison.Ordinal); quote >= 0; quote = storedName.IndexOf('"', from))
        {
            sb.Append(storedName, from, quote + 1 - from).Append('"');
            from = quote + 1;
        }
        return sb.Append(storedName, from, storedName.Length - from).Append('"');
    }

    /// <summary>A qualified name: each part through <see cref="Identifier"/>, joined with <c>.</c>.</summary>
    public static string Qualified(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Length == 0) throw new SnowflakeCompileException("a qualified name needs at least one part");
        var sb = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) sb.Append('.');
            AppendIdentifier(sb, parts[i]);
        }
        return sb.ToString();
    }

    /// <summary>Throws <see cref="SnowflakeCompileException"/> when <paramref name="storedName"/> cannot be a stored identifier.</summary>
    public static void RequireIdentifier(string storedName)
    {
        ArgumentNullException.ThrowIfNull(storedName);
        var problem = SnowflakeIdentifier.Problem(storedName);
        if (problem is not null) throw new SnowflakeCompileException(problem + ": " + Show(storedName));
    }

    /// <summary>
    /// A single-quoted string literal that Snowflake reads back as exactly <paramref name="value"/>. Backslash escapes
    /// are active in Snowflake strings, so: <c>\</c> → <c>\\</c> first, then <c>'</c> → <c>\'</c>, then
    /// <c>\n \r \t \b \f</c>, and every other C0 control character and DEL as <c>\x</c> + exactly two lower-case hex
    /// digits (<c>\x01</c>). Every other character, Unicode included, is written as itself. NUL and unpaired
    /// surrogates are refused. Never dollar-quoted: <c>$$…$$</c> has no escapes.
    /// </summary>
    public static string Literal(string value)
    {
        RequireLiteral(value);
        return AppendLiteral(new StringBuilder(value.Length + 2), value).ToString();
    }

    /// <summary><see cref="Literal(string)"/> appended to <paramref name="sb"/>, with no string of its own.</summary>
    internal static StringBuilder AppendLiteral(StringBuilder sb, string value)
    {
        RequireLiteral(value);
        sb.Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ' || c == '\u007f')
                        sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('\'');
    }

    /// <summary>Throws <see cref="SnowflakeCompileException"/> when <paramref name="value"/> cannot be written as a literal.</summary>
    public static void RequireLiteral(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0') throw new SnowflakeCompileException("a string value cannot contain NUL: " + Show(value));
            if (char.IsHighSurrogate(c) && (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1])))
                throw new SnowflakeCompileException("a string value cannot contain an unpaired surrogate: " + Show(value));
            if (char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(value[i - 1])))
                throw new SnowflakeCompileException("a string value cannot contain an unpaired surrogate: " + Show(value));
        }
    }

    /// <summary>Throws when <paramref name="value"/> cannot be a tag value (as a literal, and at most 256 characters).</summary>
    public static void RequireTagValue(string value)
    {
        RequireLiteral(value);
        if (value.Length > TagSet.MaxValueLength)
        {
            throw new SnowflakeCompileException("a tag value has at most 256 characters, this one has "
                + value.Length.ToString(CultureInfo.InvariantCulture) + ": " + Show(value));
        }
    }

    /// <summary>
    /// A typed literal: a string through <see cref="Literal(string)"/>; a number as its invariant text; a boolean as
    /// <c>TRUE</c>/<c>FALSE</c>; a date as <c>'yyyy-MM-dd'::DATE</c>; a timestamp as <c>'yyyy-MM-dd HH:mm:ss[.f]'</c>
    /// cast to <paramref name="timestampKind"/> (TIMESTAMP_NTZ unless the policy's type says LTZ or TZ).
    /// </summary>
    public static string TypedLiteral(Governance.Rules.Literal value, SnowflakeTypeKind timestampKind = SnowflakeTypeKind.TimestampNtz)
        => TypedLiteral(value, timestampKind, Literal);

    /// <summary>
    /// <see cref="TypedLiteral(Governance.Rules.Literal, SnowflakeTypeKind)"/> with the strings (a text value, a date's or a
    /// timestamp's text) written by <paramref name="quote"/>: the simulation writes DuckDB's literals with it.
    /// </summary>
    internal static string TypedLiteral(Governance.Rules.Literal value, SnowflakeTypeKind timestampKind, Func<string, string> quote)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case LiteralKind.String:
                return quote(value.Text);
            case LiteralKind.Number:
                if (!decimal.TryParse(value.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
                    throw new SnowflakeCompileException("not a number: " + Show(value.Text));
                return d.ToString(CultureInfo.InvariantCulture);
            case LiteralKind.Boolean:
                return value.Text == "TRUE" ? "TRUE" : "FALSE";
            case LiteralKind.Date:
                if (!DateTime.TryParseExact(value.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    throw new SnowflakeCompileException("not a date: " + Show(value.Text));
                return quote(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) + "::DATE";
            default:
                if (!DateTime.TryParseExact(value.Text, new[] { "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out var ts))
                    throw new SnowflakeCompileException("not a timestamp: " + Show(value.Text));
                var cast = timestampKind switch
                {
                    SnowflakeTypeKind.TimestampLtz => "TIMESTAMP_LTZ",
                    SnowflakeTypeKind.TimestampTz => "TIMESTAMP_TZ",
                    _ => "TIMESTAMP_NTZ",
                };
                return quote(ts.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')) + "::" + cast;
        }
    }

    /// <summary>A value for an error message: in backticks, control characters shown as <c>\uXXXX</c>, cut after 64 characters.</summary>
    internal static string Show(string value)
    {
        var sb = new StringBuilder("`");
        var n = Math.Min(value.Length, 64);
        for (var i = 0; i < n; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || char.IsSurrogate(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        if (value.Length > n) sb.Append('…');
        return sb.Append('`').ToString();
    }
}
