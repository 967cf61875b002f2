using System;
using System.Globalization;

namespace Governance.Snapshots;

/// <summary>A Snowflake data type after normalization: the distinct types Snowflake stores.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum SnowflakeTypeKind
{
    /// <summary><c>VARCHAR(n)</c>; also STRING, TEXT, CHAR ….</summary>
    Varchar,
    /// <summary><c>NUMBER(p,s)</c>; also DECIMAL, INT, BIGINT ….</summary>
    Number,
    /// <summary><c>FLOAT</c>; also DOUBLE, REAL ….</summary>
    Float,
    /// <summary><c>DECFLOAT</c>.</summary>
    Decfloat,
    /// <summary><c>BOOLEAN</c>.</summary>
    Boolean,
    /// <summary><c>DATE</c>.</summary>
    Date,
    /// <summary><c>TIME(p)</c>.</summary>
    Time,
    /// <summary><c>TIMESTAMP_NTZ(p)</c>; also DATETIME.</summary>
    TimestampNtz,
    /// <summary><c>TIMESTAMP_LTZ(p)</c>.</summary>
    TimestampLtz,
    /// <summary><c>TIMESTAMP_TZ(p)</c>.</summary>
    TimestampTz,
    /// <summary><c>BINARY(n)</c>; also VARBINARY.</summary>
    Binary,
    /// <summary><c>VARIANT</c>.</summary>
    Variant,
    /// <summary><c>OBJECT</c>.</summary>
    Object,
    /// <summary><c>ARRAY</c>.</summary>
    Array,
    /// <summary><c>GEOGRAPHY</c>.</summary>
    Geography,
    /// <summary><c>GEOMETRY</c>.</summary>
    Geometry,
    /// <summary><c>VECTOR(INT|FLOAT, n)</c>.</summary>
    Vector,
}

/// <summary>
/// A parsed, normalized Snowflake data type. <see cref="ToString"/> gives the form Snowflake stores:
/// <c>STRING</c> → <c>VARCHAR(16777216)</c>, <c>NUMBER</c> → <c>NUMBER(38,0)</c>, <c>TIME</c> → <c>TIME(9)</c>.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class SnowflakeType : IEquatable<SnowflakeType>
{
    /// <summary>The length of a VARCHAR declared without one.</summary>
    public const int MaxVarcharLength = 16777216;
    /// <summary>The length of a BINARY declared without one.</summary>
    public const int MaxBinaryLength = 8388608;
    /// <summary>The longest VARCHAR Snowflake accepts (128 MB; docs/snowflake.md, "Data types").</summary>
    public const int VarcharLengthLimit = 134217728;
    /// <summary>The longest BINARY Snowflake accepts (64 MB; docs/snowflake.md, "Data types").</summary>
    public const int BinaryLengthLimit = 67108864;

    // The ranges of docs/snowflake.md, "Data types": one check each, used by Parse and by the factories.
    private static string? NumberProblem(int precision, int scale)
        => precision < 1 || precision > 38 || scale < 0 || scale > 37 ? "`NUMBER(precision, scale)` with precision 1–38 and scale 0–37 was expected"
        : scale > precision ? "the scale cannot exceed the precision"
        : null;

    private static string? LengthProblem(int length, int max)
        => length < 1 || length > max ? "a length from 1 to " + max.ToString(CultureInfo.InvariantCulture) + " was expected" : null;

    private static string? FractionalProblem(int precision)
        => precision < 0 || precision > 9 ? "a fractional-second precision from 0 to 9 was expected" : null;

    private SnowflakeType(SnowflakeTypeKind kind, int length, int precision, int scale, string? vectorElement)
    {
        Kind = kind; Length = length; Precision = precision; Scale = scale; VectorElement = vectorElement;
        Text = Render();
    }

    /// <summary>The normalized type.</summary>
    public SnowflakeTypeKind Kind { get; }
    /// <summary>VARCHAR and BINARY: the maximum length; VECTOR: the dimension; otherwise 0.</summary>
    public int Length { get; }
    /// <summary>NUMBER: precision; DECFLOAT: 38; TIME and TIMESTAMP_*: fractional-second precision; otherwise 0.</summary>
    public int Precision { get; }
    /// <summary>NUMBER: scale; otherwise 0.</summary>
    public int Scale { get; }
    /// <summary>VECTOR: INT or FLOAT.</summary>
    public string? VectorElement { get; }
    /// <summary>The normalized text, as Snowflake stores it.</summary>
    public string Text { get; }

    /// <summary>The family selectors and masking strategies see the type as.</summary>
    public DataTypeFamily Family => FamilyOf(Kind);

    /// <summary>The family of a kind of type.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static DataTypeFamily FamilyOf(SnowflakeTypeKind kind) => kind switch
    {
        SnowflakeTypeKind.Varchar => DataTypeFamily.Text,
        SnowflakeTypeKind.Number or SnowflakeTypeKind.Float or SnowflakeTypeKind.Decfloat => DataTypeFamily.Numeric,
        SnowflakeTypeKind.Boolean => DataTypeFamily.Boolean,
        SnowflakeTypeKind.Date => DataTypeFamily.Date,
        SnowflakeTypeKind.Time => DataTypeFamily.Time,
        SnowflakeTypeKind.TimestampNtz or SnowflakeTypeKind.TimestampLtz or SnowflakeTypeKind.TimestampTz => DataTypeFamily.Timestamp,
        SnowflakeTypeKind.Binary => DataTypeFamily.Binary,
        SnowflakeTypeKind.Variant or SnowflakeTypeKind.Object or SnowflakeTypeKind.Array => DataTypeFamily.SemiStructured,
        SnowflakeTypeKind.Geography or SnowflakeTypeKind.Geometry => DataTypeFamily.Geospatial,
        SnowflakeTypeKind.Vector => DataTypeFamily.Vector,
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "unknown Snowflake type kind"),
    };

    /// <summary><c>VARCHAR(length)</c>, checked as <see cref="Parse"/> checks it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not from 1 to <see cref="VarcharLengthLimit"/>.</exception>
    public static SnowflakeType Varchar(int length = MaxVarcharLength)
        => LengthProblem(length, VarcharLengthLimit) is { } problem
            ? throw new ArgumentOutOfRangeException(nameof(length), length, problem)
            : new SnowflakeType(SnowflakeTypeKind.Varchar, length, 0, 0, null);
    /// <summary><c>NUMBER(precision,scale)</c>, checked as <see cref="Parse"/> checks them.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not from 1 to 38, or <paramref name="scale"/> not from 0 to 37 or above the precision.</exception>
    public static SnowflakeType Number(int precision = 38, int scale = 0)
        => NumberProblem(precision, scale) is { } problem
            ? throw (precision < 1 || precision > 38 ? new ArgumentOutOfRangeException(nameof(precision), precision, problem) : new ArgumentOutOfRangeException(nameof(scale), scale, problem))
            : new SnowflakeType(SnowflakeTypeKind.Number, 0, precision, scale, null);
    /// <summary><c>BOOLEAN</c>.</summary>
    public static readonly SnowflakeType Boolean = new SnowflakeType(SnowflakeTypeKind.Boolean, 0, 0, 0, null);
    /// <summary><c>DATE</c>.</summary>
    public static readonly SnowflakeType Date = new SnowflakeType(SnowflakeTypeKind.Date, 0, 0, 0, null);
    /// <summary><c>FLOAT</c>.</summary>
    public static readonly SnowflakeType Float = new SnowflakeType(SnowflakeTypeKind.Float, 0, 0, 0, null);
    /// <summary><c>TIMESTAMP_NTZ(precision)</c>; the precision is not checked.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="precision"/> is not from 0 to 9.</exception>
    public static SnowflakeType TimestampNtz(int precision = 9)
        => FractionalProblem(precision) is { } problem
            ? throw new ArgumentOutOfRangeException(nameof(precision), precision, problem)
            : new SnowflakeType(SnowflakeTypeKind.TimestampNtz, 0, precision, 0, null);

    /// <summary>Parses a type as Snowflake spells it (case-insensitive, synonyms allowed) and normalizes it.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is not a Snowflake type; the message says what was expected.</exception>
    public static SnowflakeType Parse(string text)
    {
        if (TryParse(text, out var type, out var error)) return type!;
        throw new FormatException(error);
    }

    /// <summary>Parses and normalizes; on failure <paramref name="error"/> says what was expected.</summary>
    public static bool TryParse(string text, out SnowflakeType? type, out string? error)
    {
        type = null;
        error = null;
        var s = text.Trim();
        var open = s.IndexOf('(');
        string name;
        string[] args;
        if (open < 0)
        {
            name = s;
            args = System.Array.Empty<string>();
        }
        else
        {
            if (!s.EndsWith(")", StringComparison.Ordinal)) { error = "unbalanced parentheses in type `" + text + "`"; return false; }
            name = s.Substring(0, open).Trim();
            var inner = s.Substring(open + 1, s.Length - open - 2);
            args = inner.Split(',');
            for (var i = 0; i < args.Length; i++) args[i] = args[i].Trim();
        }
        name = CollapseSpaces(name).ToUpperInvariant();

        switch (name)
        {
            case "VARCHAR": case "STRING": case "TEXT": case "NVARCHAR": case "NVARCHAR2": case "CHAR VARYING": case "NCHAR VARYING":
                return Sized(SnowflakeTypeKind.Varchar, args, MaxVarcharLength, VarcharLengthLimit, text, out type, out error);
            case "CHAR": case "CHARACTER": case "NCHAR":
                return Sized(SnowflakeTypeKind.Varchar, args, 1, VarcharLengthLimit, text, out type, out error);
            case "BINARY": case "VARBINARY":
                return Sized(SnowflakeTypeKind.Binary, args, MaxBinaryLength, BinaryLengthLimit, text, out type, out error);
            case "NUMBER": case "DECIMAL": case "DEC": case "NUMERIC":
                return ParseNumber(args, text, out type, out error);
            case "INT": case "INTEGER": case "BIGINT": case "SMALLINT": case "TINYINT": case "BYTEINT":
                if (args.Length != 0) { error = "`" + name + "` takes no precision, in type `" + text + "`"; return false; }
                type = Number(38, 0); return true;
            case "FLOAT": case "FLOAT4": case "FLOAT8": case "DOUBLE": case "DOUBLE PRECISION": case "REAL":
                return Plain(SnowflakeTypeKind.Float, args, text, out type, out error);
            case "DECFLOAT":
                if (args.Length != 0) { error = "`DECFLOAT` takes no arguments, in type `" + text + "`"; return false; }
                type = new SnowflakeType(SnowflakeTypeKind.Decfloat, 0, 38, 0, null); return true;
            case "BOOLEAN": return Plain(SnowflakeTypeKind.Boolean, args, text, out type, out error);
            case "DATE": return Plain(SnowflakeTypeKind.Date, args, text, out type, out error);
            case "TIME": return Fractional(SnowflakeTypeKind.Time, args, text, out type, out error);
            case "DATETIME": case "TIMESTAMP": case "TIMESTAMP_NTZ": case "TIMESTAMPNTZ": case "TIMESTAMP WITHOUT TIME ZONE":
                return Fractional(SnowflakeTypeKind.TimestampNtz, args, text, out type, out error);
            case "TIMESTAMP_LTZ": case "TIMESTAMPLTZ": case "TIMESTAMP WITH LOCAL TIME ZONE":
                return Fractional(SnowflakeTypeKind.TimestampLtz, args, text, out type, out error);
            case "TIMESTAMP_TZ": case "TIMESTAMPTZ": case "TIMESTAMP WITH TIME ZONE":
                return Fractional(SnowflakeTypeKind.TimestampTz, args, text, out type, out error);
            case "VARIANT": return Plain(SnowflakeTypeKind.Variant, args, text, out type, out error);
            case "OBJECT": return Plain(SnowflakeTypeKind.Object, args, text, out type, out error);
            case "ARRAY": return Plain(SnowflakeTypeKind.Array, args, text, out type, out error);
            case "GEOGRAPHY": return Plain(SnowflakeTypeKind.Geography, args, text, out type, out error);
            case "GEOMETRY": return Plain(SnowflakeTypeKind.Geometry, args, text, out type, out error);
            case "VECTOR":
                if (args.Length != 2) { error = "`VECTOR` needs an element type and a dimension, like `VECTOR(FLOAT, 256)`, in type `" + text + "`"; return false; }
                var element = args[0].ToUpperInvariant();
                if (element != "INT" && element != "FLOAT") { error = "a VECTOR element is INT or FLOAT, in type `" + text + "`"; return false; }
                if (!TryInt(args[1], 1, 4096, out var dim)) { error = "a VECTOR dimension is an integer from 1 to 4096, in type `" + text + "`"; return false; }
                type = new SnowflakeType(SnowflakeTypeKind.Vector, dim, 0, 0, element); return true;
            default:
                error = "unknown Snowflake data type `" + text + "`";
                return false;
        }
    }

    private static string CollapseSpaces(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { space = true; continue; }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool TryInt(string s, int min, int max, out int value) => TryInt(s, out value) && value >= min && value <= max;

    // Digits only (NumberStyles.None: no sign, no white space); a number too large for an int is out of every range.
    private static bool TryInt(string s, out int value) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool Plain(SnowflakeTypeKind kind, string[] args, string text, out SnowflakeType? type, out string? error)
    {
        type = null; error = null;
        if (args.Length != 0) { error = "`" + kind.ToString().ToUpperInvariant() + "` takes no arguments, in type `" + text + "`"; return false; }
        type = new SnowflakeType(kind, 0, 0, 0, null);
        return true;
    }

    private static bool Sized(SnowflakeTypeKind kind, string[] args, int defaultLength, int max, string text, out SnowflakeType? type, out string? error)
    {
        type = null;
        var length = defaultLength;
        error = args.Length > 1 || (args.Length == 1 && !TryInt(args[0], out length)) ? LengthProblem(0, max) : LengthProblem(length, max);
        if (error is not null) { error += ", in type `" + text + "`"; return false; }
        type = new SnowflakeType(kind, length, 0, 0, null);
        return true;
    }

    private static bool ParseNumber(string[] args, string text, out SnowflakeType? type, out string? error)
    {
        type = null;
        int precision = 38, scale = 0;
        error = args.Length > 2 || (args.Length >= 1 && !TryInt(args[0], out precision)) || (args.Length == 2 && !TryInt(args[1], out scale))
            ? NumberProblem(0, 0)
            : NumberProblem(precision, scale);
        if (error is not null) { error += ", in type `" + text + "`"; return false; }
        type = Number(precision, scale);
        return true;
    }

    private static bool Fractional(SnowflakeTypeKind kind, string[] args, string text, out SnowflakeType? type, out string? error)
    {
        type = null;
        var precision = 9;
        error = args.Length > 1 || (args.Length == 1 && !TryInt(args[0], out precision)) ? FractionalProblem(-1) : FractionalProblem(precision);
        if (error is not null) { error += ", in type `" + text + "`"; return false; }
        type = new SnowflakeType(kind, 0, precision, 0, null);
        return true;
    }

    private string Render()
    {
        var inv = CultureInfo.InvariantCulture;
        return Kind switch
        {
            SnowflakeTypeKind.Varchar => "VARCHAR(" + Length.ToString(inv) + ")",
            SnowflakeTypeKind.Binary => "BINARY(" + Length.ToString(inv) + ")",
            SnowflakeTypeKind.Number => "NUMBER(" + Precision.ToString(inv) + "," + Scale.ToString(inv) + ")",
            SnowflakeTypeKind.Float => "FLOAT",
            SnowflakeTypeKind.Decfloat => "DECFLOAT(38)",
            SnowflakeTypeKind.Boolean => "BOOLEAN",
            SnowflakeTypeKind.Date => "DATE",
            SnowflakeTypeKind.Time => "TIME(" + Precision.ToString(inv) + ")",
            SnowflakeTypeKind.TimestampNtz => "TIMESTAMP_NTZ(" + Precision.ToString(inv) + ")",
            SnowflakeTypeKind.TimestampLtz => "TIMESTAMP_LTZ(" + Precision.ToString(inv) + ")",
            SnowflakeTypeKind.TimestampTz => "TIMESTAMP_TZ(" + Precision.ToString(inv) + ")",
            SnowflakeTypeKind.Variant => "VARIANT",
            SnowflakeTypeKind.Object => "OBJECT",
            SnowflakeTypeKind.Array => "ARRAY",
            SnowflakeTypeKind.Geography => "GEOGRAPHY",
            SnowflakeTypeKind.Geometry => "GEOMETRY",
            SnowflakeTypeKind.Vector => "VECTOR(" + VectorElement + ", " + Length.ToString(inv) + ")",
            _ => throw new System.ArgumentOutOfRangeException(nameof(Kind), Kind, "unknown Snowflake type kind"),
        };
    }

    /// <summary>The normalized text (<see cref="Text"/>).</summary>
    public override string ToString() => Text;
    /// <summary>True when both normalize to the same text: <c>STRING</c> equals <c>VARCHAR(16777216)</c>.</summary>
    public bool Equals(SnowflakeType? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SnowflakeType);
    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);
}
