using System;
using System.Globalization;

namespace Governance.Rules;

/// <summary>The type of a literal value in a rule: what it can be compared with or returned as.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum LiteralKind
{
    /// <summary>A string; compared with and returned as text.</summary>
    String,
    /// <summary>An exact decimal number.</summary>
    Number,
    /// <summary><c>TRUE</c> or <c>FALSE</c>.</summary>
    Boolean,
    /// <summary>A calendar date, without time or zone.</summary>
    Date,
    /// <summary>A date and time of day, without zone.</summary>
    Timestamp,
}

/// <summary>
/// A typed literal in a rule (a masking constant, a predicate value, a condition value). The text is canonical:
/// numbers in invariant culture, dates as <c>yyyy-MM-dd</c>, timestamps as <c>yyyy-MM-ddTHH:mm:ss[.fffffff]</c>,
/// booleans as <c>TRUE</c>/<c>FALSE</c>. User text stays user text: it only ever reaches SQL through the literal writer.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record Literal
{
    private Literal(LiteralKind kind, string text) { Kind = kind; Text = text; }

    /// <summary>The type of the value.</summary>
    public LiteralKind Kind { get; }
    /// <summary>The value's canonical text (see <see cref="Literal"/>); for a string, the string itself, unquoted and unescaped.</summary>
    public string Text { get; }

    /// <summary>A string literal, kept exactly as given.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static Literal String(string value) => new Literal(LiteralKind.String, value ?? throw new ArgumentNullException(nameof(value)));
    /// <summary>A number literal, written in invariant culture (scale kept: <c>1.50m</c> is <c>1.50</c>).</summary>
    public static Literal Number(decimal value) => new Literal(LiteralKind.Number, value.ToString(CultureInfo.InvariantCulture));
    /// <summary>A boolean literal, <c>TRUE</c> or <c>FALSE</c>.</summary>
    public static Literal Boolean(bool value) => new Literal(LiteralKind.Boolean, value ? "TRUE" : "FALSE");
    /// <summary>A date literal, <c>yyyy-MM-dd</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year, month and day are not a valid date.</exception>
    public static Literal Date(int year, int month, int day) => new Literal(LiteralKind.Date, new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    /// <summary>
    /// A timestamp literal, <c>yyyy-MM-ddTHH:mm:ss</c> with up to seven fractional digits, trailing zeros dropped: a
    /// wall-clock value without a time zone, as a <c>TIMESTAMP_NTZ</c> holds it. A <see cref="DateTimeKind.Utc"/> or
    /// <see cref="DateTimeKind.Unspecified"/> value is taken as the clock it shows, never converted; a
    /// <see cref="DateTimeKind.Local"/> one is refused, since its meaning depends on the machine's time zone (the same
    /// rule would compile to other SQL elsewhere): convert it first (<c>value.ToUniversalTime()</c>, or
    /// <c>DateTimeOffset.UtcDateTime</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is a local time.</exception>
    public static Literal Timestamp(DateTime value) => value.Kind == DateTimeKind.Local
        ? throw new ArgumentException("a local time depends on the machine's time zone; pass a UTC or unspecified time, the wall-clock value a TIMESTAMP_NTZ holds", nameof(value))
        : new Literal(LiteralKind.Timestamp, value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'));

    /// <summary>
    /// Parses the canonical text of a literal of the given kind, as the manifest reader does; false when
    /// <paramref name="text"/> is not a value of that kind (a number is an optional sign, digits and a decimal point, no
    /// exponent or group separators).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static bool TryParse(LiteralKind kind, string text, out Literal? literal)
    {
        literal = null;
        switch (kind)
        {
            case LiteralKind.String:
                literal = String(text); return true;
            case LiteralKind.Number:
                if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d)) return false;
                literal = Number(d); return true;
            case LiteralKind.Boolean:
                if (text == "TRUE") { literal = Boolean(true); return true; }
                if (text == "FALSE") { literal = Boolean(false); return true; }
                return false;
            case LiteralKind.Date:
                if (!DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return false;
                literal = Date(date.Year, date.Month, date.Day); return true;
            case LiteralKind.Timestamp:
                if (!DateTime.TryParseExact(text, new[] { "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF" }, CultureInfo.InvariantCulture, DateTimeStyles.None, out var ts)) return false;
                literal = Timestamp(ts); return true;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown literal kind");
        }
    }

    /// <summary>The type family of this literal's value.</summary>
    public DataTypeFamily Family => Kind switch
    {
        LiteralKind.String => DataTypeFamily.Text,
        LiteralKind.Number => DataTypeFamily.Numeric,
        LiteralKind.Boolean => DataTypeFamily.Boolean,
        LiteralKind.Date => DataTypeFamily.Date,
        LiteralKind.Timestamp => DataTypeFamily.Timestamp,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown literal kind"),
    };

    /// <summary>True when a value of this literal can stand where a column of <paramref name="family"/> is expected.</summary>
    public bool Fits(DataTypeFamily family) => Family == family;

    /// <summary>The name of a literal kind in manifests and messages: <c>string</c>, <c>number</c>, <c>boolean</c>, <c>date</c> or <c>timestamp</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static string KindName(LiteralKind kind) => kind switch
    {
        LiteralKind.String => "string",
        LiteralKind.Number => "number",
        LiteralKind.Boolean => "boolean",
        LiteralKind.Date => "date",
        LiteralKind.Timestamp => "timestamp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown literal kind"),
    };

    /// <summary>The kind named <paramref name="name"/> (as <see cref="KindName"/> writes it, case-sensitive); false for any other name.</summary>
    public static bool TryParseKindName(string name, out LiteralKind kind)
    {
        for (var k = LiteralKind.String; k <= LiteralKind.Timestamp; k++)
        {
            if (KindName(k) == name) { kind = k; return true; }
        }
        kind = default;
        return false;
    }

    /// <summary>The literal as a message shows it: a string in single quotes (not escaped), any other kind as its text.</summary>
    public override string ToString() => Kind == LiteralKind.String ? "'" + Text + "'" : Text;
}
