using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Governance.Rules;

/// <summary>Where a function of <see cref="SqlFunctions"/> may be called.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum FunctionUse
{
    /// <summary>In a body written by hand on the emulated account only: the compiler never writes it.</summary>
    Account,
    /// <summary>Written by its own node of a compiled body (<c>IS_ROLE_IN_SESSION</c>, <c>SYSTEM$GET_TAG_ON_CURRENT_COLUMN</c>).</summary>
    Node,
    /// <summary>A function call of a body the compiler builds (a masking strategy's, a row filter's).</summary>
    Body,
    /// <summary>A function call of a body, and also of a custom masking expression (<c>Mask.Custom</c>).</summary>
    CustomMasking,
}

/// <summary>How the type family of a call's result follows from its arguments'.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum FunctionResult
{
    /// <summary>Always text.</summary>
    Text,
    /// <summary>Always numeric.</summary>
    Numeric,
    /// <summary>Always boolean.</summary>
    Boolean,
    /// <summary>The second argument's family, which must be a date, a time or a timestamp (<c>DATE_TRUNC</c>).</summary>
    TruncatedSecond,
    /// <summary>The family the second and third arguments share (<c>IFF</c>); NULL fits either.</summary>
    Branches,
}

/// <summary>
/// One Snowflake function of <see cref="SqlFunctions"/>: its name, arity, the type families of its arguments and of its
/// result, where it may be called, and its DuckDB translation (the macro the simulation and the emulated account create).
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class SqlFunction
{
    internal SqlFunction(string name, int minArguments, int maxArguments, DataTypeFamily?[] parameters, FunctionResult result, FunctionUse use,
        string duckDbMacro, string duckDbDefinition, string? duckDbImplicitArgument = null, string? duckDbNote = null)
    {
        Name = name;
        MinArguments = minArguments;
        MaxArguments = maxArguments;
        _parameters = parameters;
        Parameters = Array.AsReadOnly(parameters);
        Result = result;
        Use = use;
        DuckDbMacro = duckDbMacro;
        DuckDbDefinition = duckDbDefinition;
        DuckDbImplicitArgument = duckDbImplicitArgument;
        DuckDbNote = duckDbNote;
    }

    private readonly DataTypeFamily?[] _parameters;

    /// <summary>The Snowflake name, upper case: what a call writes before <c>(</c>.</summary>
    public string Name { get; }
    /// <summary>The fewest arguments a call takes.</summary>
    public int MinArguments { get; }
    /// <summary>The most arguments a call takes.</summary>
    public int MaxArguments { get; }
    /// <summary>The type family of each parameter (null: any); the last one repeats up to <see cref="MaxArguments"/>.</summary>
    public IReadOnlyList<DataTypeFamily?> Parameters { get; }
    /// <summary>How the family of the result follows from the arguments'.</summary>
    public FunctionResult Result { get; }
    /// <summary>Where the function may be called.</summary>
    public FunctionUse Use { get; }
    /// <summary>Whether a body the compiler builds may call it through a function call.</summary>
    public bool InBodies => Use is FunctionUse.Body or FunctionUse.CustomMasking;
    /// <summary>Whether a custom masking expression may call it.</summary>
    public bool InCustomMasking => Use == FunctionUse.CustomMasking;

    /// <summary>The DuckDB macro that implements it.</summary>
    public string DuckDbMacro { get; }
    /// <summary>The macro's parameters and body, after its name: <c>(s, n) AS …</c>, one overload per arity, comma-separated.</summary>
    public string DuckDbDefinition { get; }
    /// <summary>A leading macro argument the Snowflake call leaves implicit (the current column's tags), or null.</summary>
    public string? DuckDbImplicitArgument { get; }
    /// <summary>Where the DuckDB macro departs from Snowflake, or null where it does not.</summary>
    public string? DuckDbNote { get; }

    /// <summary><c>CREATE MACRO</c>'s text after <c>CREATE [TEMP] </c>.</summary>
    public string DuckDbMacroStatement => "MACRO " + DuckDbMacro + DuckDbDefinition;

    /// <summary>The family of the parameter at 0-based <paramref name="index"/> (the last one repeats); null: any.</summary>
    public DataTypeFamily? Parameter(int index) => _parameters[Math.Min(index, _parameters.Length - 1)];

    /// <summary>
    /// The result family of a call with arguments of <paramref name="arguments"/> (null: <c>NULL</c>, which fits any
    /// parameter), or null with <paramref name="error"/> saying what is wrong: the arity, or the argument at
    /// <paramref name="badArgument"/> (0-based; -1 when the arity or the combination is wrong).
    /// </summary>
    public DataTypeFamily? ResultOf(IReadOnlyList<DataTypeFamily?> arguments, out string? error, out int badArgument)
    {
        if (arguments is null) throw new ArgumentNullException(nameof(arguments));
        error = null;
        badArgument = -1;
        error = ArityError(arguments.Count);
        if (error is not null) return null;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (Parameter(i) is { } expected && arguments[i] is { } actual && actual != expected)
            {
                error = "argument " + (i + 1).ToString(CultureInfo.InvariantCulture) + " of `" + Name + "` must be " + Names.Of(expected) + ", not " + Names.Of(actual);
                badArgument = i;
                return null;
            }
        }
        // Every result rule is handled: a new one fails to compile here (CS8509); CS8524 is only about values outside the enum.
#pragma warning disable CS8524
        return Result switch
        {
            FunctionResult.Text => DataTypeFamily.Text,
            FunctionResult.Numeric => DataTypeFamily.Numeric,
            FunctionResult.Boolean => DataTypeFamily.Boolean,
            FunctionResult.TruncatedSecond => Truncated(arguments[1], out error),
            FunctionResult.Branches => Branches(arguments[1], arguments[2], out error),
        };
#pragma warning restore CS8524
    }

    private DataTypeFamily? Truncated(DataTypeFamily? value, out string? error)
    {
        error = value is DataTypeFamily.Date or DataTypeFamily.Time or DataTypeFamily.Timestamp ? null
            : "`" + Name + "` truncates a date, time or timestamp, not " + FamilyName(value);
        return error is null ? value : null;
    }

    // Both NULL: the call is NULL, of no family, and no error.
    private DataTypeFamily? Branches(DataTypeFamily? a, DataTypeFamily? b, out string? error)
    {
        error = a is { } x && b is { } y && x != y ? "the branches of `" + Name + "` must have one type, not " + Names.Of(x) + " and " + Names.Of(y) : null;
        return error is null ? a ?? b : null;
    }

    /// <summary>What is wrong with a call of <paramref name="count"/> arguments, or null when it may have that many.</summary>
    public string? ArityError(int count)
        => count >= MinArguments && count <= MaxArguments ? null
            : "`" + Name + "` takes " + Arity() + " arguments, not " + count.ToString(CultureInfo.InvariantCulture);

    /// <summary>The family's name, or <c>NULL</c>.</summary>
    public static string FamilyName(DataTypeFamily? family) => family is { } f ? Names.Of(f) : "NULL";

    private string Arity()
        => MinArguments == MaxArguments ? MinArguments.ToString(CultureInfo.InvariantCulture)
            : MinArguments.ToString(CultureInfo.InvariantCulture) + " to " + MaxArguments.ToString(CultureInfo.InvariantCulture);

    /// <summary>The function's name.</summary>
    public override string ToString() => Name;
}

/// <summary>
/// The one catalog of the Snowflake functions Governance knows: what a custom masking expression may call and how it is
/// typed (<see cref="MaskFunctions"/>), what a compiled policy body may call and how it is type-checked (the compiler's
/// function calls), the name the generator writes, and the DuckDB macro through which the simulation and the emulated
/// account run it. Adding a function here is all it takes for every one of them; a test fails when an entry has no
/// DuckDB translation.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class SqlFunctions
{
    private const DataTypeFamily T = DataTypeFamily.Text;
    private const DataTypeFamily N = DataTypeFamily.Numeric;
    private const DataTypeFamily B = DataTypeFamily.Boolean;

    /// <summary>The parameter through which a DuckDB macro that reads the current column's tags receives them.</summary>
    public const string ColumnTagsParameter = "governance_column_tags";

    /// <summary>The most arguments of a function that takes a list (<c>CONCAT</c>, <c>GREATEST</c>, <c>LEAST</c>).</summary>
    public const int MaxListArguments = 16;

    // ------------------------------------------------------------------------------------- the session and context

    /// <summary><c>IS_ROLE_IN_SESSION(role)</c>: whether the session's primary or a secondary role has the role, granted roles included.</summary>
    public static readonly SqlFunction IsRoleInSession = new("IS_ROLE_IN_SESSION", 1, 1, new DataTypeFamily?[] { T }, FunctionResult.Boolean, FunctionUse.Node,
        "sf_is_role_in_session", "(r) AS EXISTS (SELECT 1 FROM governance_session_roles s WHERE s.role_name = r)");
    /// <summary><c>CURRENT_ROLE()</c>: the session's primary role.</summary>
    public static readonly SqlFunction CurrentRole = new("CURRENT_ROLE", 0, 0, new DataTypeFamily?[] { null }, FunctionResult.Text, FunctionUse.Account,
        "sf_current_role", "() AS (SELECT role_name FROM governance_session)");
    /// <summary><c>CURRENT_USER()</c>: the session's user.</summary>
    public static readonly SqlFunction CurrentUser = new("CURRENT_USER", 0, 0, new DataTypeFamily?[] { null }, FunctionResult.Text, FunctionUse.Account,
        "sf_current_user", "() AS (SELECT user_name FROM governance_session)");
    /// <summary><c>INVOKER_ROLE()</c>: the role that runs the query.</summary>
    public static readonly SqlFunction InvokerRole = new("INVOKER_ROLE", 0, 0, new DataTypeFamily?[] { null }, FunctionResult.Text, FunctionUse.Account,
        "sf_invoker_role", "() AS (SELECT role_name FROM governance_session)",
        duckDbNote: "a policy body runs as the querying session: the invoker is its primary role");
    /// <summary><c>SYSTEM$GET_TAG_ON_CURRENT_COLUMN(tag)</c>: the value of a tag on the column a masking policy masks, or NULL.</summary>
    public static readonly SqlFunction GetTagOnCurrentColumn = new("SYSTEM$GET_TAG_ON_CURRENT_COLUMN", 1, 1, new DataTypeFamily?[] { T }, FunctionResult.Text, FunctionUse.Node,
        "sf_get_tag_on_current_column", "(" + ColumnTagsParameter + ", t) AS map_extract_value(" + ColumnTagsParameter + ", t)",
        duckDbImplicitArgument: ColumnTagsParameter);

    // ------------------------------------------------------------------------------------------------- digests

    /// <summary><c>SHA2(value[, bits])</c>: the hex SHA-2 digest (simulated for 256 bits only).</summary>
    public static readonly SqlFunction Sha2 = new("SHA2", 1, 2, new DataTypeFamily?[] { T, N }, FunctionResult.Text, FunctionUse.Body,
        "sf_sha2", "(v) AS sha256(v), (v, bits) AS CASE WHEN bits = 256 THEN sha256(v) ELSE error('SHA2 is simulated for 256 bits only') END",
        duckDbNote: "256 bits only");
    /// <summary><c>SHA2_HEX(value[, bits])</c>: the same as <c>SHA2</c> (simulated for 256 bits only).</summary>
    public static readonly SqlFunction Sha2Hex = new("SHA2_HEX", 1, 2, new DataTypeFamily?[] { T, N }, FunctionResult.Text, FunctionUse.Account,
        "sf_sha2_hex", "(v) AS sha256(v), (v, bits) AS CASE WHEN bits = 256 THEN sha256(v) ELSE error('SHA2_HEX is simulated for 256 bits only') END",
        duckDbNote: "256 bits only");
    /// <summary><c>MD5(value)</c>: the hex MD5 digest.</summary>
    public static readonly SqlFunction Md5 = new("MD5", 1, 1, new DataTypeFamily?[] { T }, FunctionResult.Text, FunctionUse.Account,
        "sf_md5", "(v) AS md5(v)");

    // ---------------------------------------------------------------------------------------------------- text

    /// <summary><c>CONCAT(a, …)</c>: the texts joined; NULL when an argument is NULL.</summary>
    public static readonly SqlFunction Concat = new("CONCAT", 1, MaxListArguments, new DataTypeFamily?[] { T }, FunctionResult.Text, FunctionUse.CustomMasking,
        "sf_concat", Overloads(1, MaxListArguments, args => string.Join(" || ", args.Select(a => "CAST(" + a + " AS VARCHAR)"))),
        duckDbNote: "NULL when an argument is NULL, as in Snowflake (DuckDB's concat skips NULLs)");
    /// <summary><c>REPEAT(text, n)</c>: the text repeated <c>n</c> times (none for a negative <c>n</c>).</summary>
    public static readonly SqlFunction Repeat = new("REPEAT", 2, 2, new DataTypeFamily?[] { T, N }, FunctionResult.Text, FunctionUse.CustomMasking,
        "sf_repeat", "(s, n) AS repeat(s, CAST(CASE WHEN n < 0 THEN 0 ELSE n END AS BIGINT))");
    /// <summary><c>LENGTH(text)</c>: the number of characters.</summary>
    public static readonly SqlFunction Length = new("LENGTH", 1, 1, new DataTypeFamily?[] { T }, FunctionResult.Numeric, FunctionUse.CustomMasking,
        "sf_length", "(s) AS length(s)");
    /// <summary><c>LEFT(text, n)</c>: the first <c>n</c> characters; empty for a negative <c>n</c>.</summary>
    public static readonly SqlFunction Left = new("LEFT", 2, 2, new DataTypeFamily?[] { T, N }, FunctionResult.Text, FunctionUse.CustomMasking,
        "sf_left", "(s, n) AS CASE WHEN n < 0 THEN '' ELSE left(s, CAST(n AS BIGINT)) END",
        duckDbNote: "empty for a negative length, as in Snowflake (DuckDB's left drops characters)");
    /// <summary><c>RIGHT(text, n)</c>: the last <c>n</c> characters; empty for a negative <c>n</c>.</summary>
    public static readonly SqlFunction Right = new("RIGHT", 2, 2, new DataTypeFamily?[] { T, N }, FunctionResult.Text, FunctionUse.CustomMasking,
        "sf_right", "(s, n) AS CASE WHEN n < 0 THEN '' ELSE right(s, CAST(n AS BIGINT)) END",
        duckDbNote: "empty for a negative length, as in Snowflake (DuckDB's right drops characters)");
    /// <summary><c>SUBSTR(text, start[, length])</c>: the characters from the 1-based <c>start</c>.</summary>
    public static readonly SqlFunction Substr = new("SUBSTR", 2, 3, new DataTypeFamily?[] { T, N, N }, FunctionResult.Text, FunctionUse.CustomMasking,
        "sf_substr", "(s, p) AS substring(s, CAST(p AS BIGINT)), (s, p, l) AS substring(s, CAST(p AS BIGINT), CAST(l AS BIGINT))");
    /// <summary><c>POSITION(needle, haystack[, start])</c>: the 1-based position of the first occurrence, 0 when none.</summary>
    public static readonly SqlFunction Position = new("POSITION", 2, 3, new DataTypeFamily?[] { T, T, N }, FunctionResult.Numeric, FunctionUse.Body,
        "sf_position", "(needle, haystack) AS instr(haystack, needle), "
            + "(needle, haystack, p) AS CASE WHEN instr(substring(haystack, CAST(p AS BIGINT)), needle) = 0 THEN 0 ELSE instr(substring(haystack, CAST(p AS BIGINT)), needle) + CAST(p AS BIGINT) - 1 END",
        duckDbNote: "Snowflake's argument order (needle, haystack), which DuckDB's instr reverses");
    /// <summary><c>UPPER(text)</c>: the text in upper case.</summary>
    public static readonly SqlFunction Upper = new("UPPER", 1, 1, new DataTypeFamily?[] { T }, FunctionResult.Text, FunctionUse.CustomMasking,
        "sf_upper", "(s) AS upper(s)");
    /// <summary><c>LOWER(text)</c>: the text in lower case.</summary>
    public static readonly SqlFunction Lower = new("LOWER", 1, 1, new DataTypeFamily?[] { T }, FunctionResult.Text, FunctionUse.CustomMasking,
        "sf_lower", "(s) AS lower(s)");
    /// <summary><c>REGEXP_REPLACE(text, pattern, replacement)</c>: every match of the pattern replaced.</summary>
    public static readonly SqlFunction RegexpReplace = new("REGEXP_REPLACE", 3, 3, new DataTypeFamily?[] { T, T, T }, FunctionResult.Text, FunctionUse.CustomMasking,
        "sf_regexp_replace", "(s, p, r) AS regexp_replace(s, p, r, 'g')",
        duckDbNote: "every match, as in Snowflake (DuckDB's regexp_replace replaces the first only)");

    // ------------------------------------------------------------------------------------------------- numbers

    /// <summary><c>GREATEST(a, b, …)</c>: the largest number; NULL when an argument is NULL.</summary>
    public static readonly SqlFunction Greatest = new("GREATEST", 2, MaxListArguments, new DataTypeFamily?[] { N }, FunctionResult.Numeric, FunctionUse.CustomMasking,
        "sf_greatest", Overloads(2, MaxListArguments, args => NullIfAnyNull(args, "greatest")),
        duckDbNote: "NULL when an argument is NULL, as in Snowflake (DuckDB's greatest skips NULLs)");
    /// <summary><c>LEAST(a, b, …)</c>: the smallest number; NULL when an argument is NULL.</summary>
    public static readonly SqlFunction Least = new("LEAST", 2, MaxListArguments, new DataTypeFamily?[] { N }, FunctionResult.Numeric, FunctionUse.CustomMasking,
        "sf_least", Overloads(2, MaxListArguments, args => NullIfAnyNull(args, "least")),
        duckDbNote: "NULL when an argument is NULL, as in Snowflake (DuckDB's least skips NULLs)");
    /// <summary><c>ROUND(n[, scale])</c>: the number rounded to <c>scale</c> decimals (default 0).</summary>
    public static readonly SqlFunction Round = new("ROUND", 1, 2, new DataTypeFamily?[] { N, N }, FunctionResult.Numeric, FunctionUse.CustomMasking,
        "sf_round", "(n) AS round(n), (n, d) AS round(n, CAST(d AS INTEGER))");
    /// <summary><c>FLOOR(n)</c>: the largest integer not greater than the number.</summary>
    public static readonly SqlFunction Floor = new("FLOOR", 1, 1, new DataTypeFamily?[] { N }, FunctionResult.Numeric, FunctionUse.CustomMasking,
        "sf_floor", "(n) AS floor(n)");

    // ------------------------------------------------------------------------------------ dates and conditionals

    /// <summary><c>DATE_TRUNC(part, value)</c>: a date, time or timestamp truncated to a unit; keeps the value's type.</summary>
    public static readonly SqlFunction DateTrunc = new("DATE_TRUNC", 2, 2, new DataTypeFamily?[] { T, null }, FunctionResult.TruncatedSecond, FunctionUse.Body,
        "sf_date_trunc", "(part, v) AS date_trunc(lower(part), v)");
    /// <summary><c>IFF(condition, then, else)</c>: <c>then</c> where the condition is true, else <c>else</c>.</summary>
    public static readonly SqlFunction Iff = new("IFF", 3, 3, new DataTypeFamily?[] { B, null, null }, FunctionResult.Branches, FunctionUse.Body,
        "sf_iff", "(c, a, b) AS CASE WHEN c THEN a ELSE b END");

    /// <summary>Every function, in the order their DuckDB macros are created.</summary>
    public static IReadOnlyList<SqlFunction> All { get; } = new[]
    {
        IsRoleInSession, CurrentRole, CurrentUser, InvokerRole, GetTagOnCurrentColumn, Sha2, Sha2Hex, Md5,
        Concat, Repeat, Length, Left, Right, Substr, Position, Upper, Lower, RegexpReplace, Greatest, Least, Round, Floor, DateTrunc, Iff,
    };

    private static readonly Dictionary<string, SqlFunction> ByName = All.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The function named <paramref name="name"/> (any case), or null.</summary>
    public static SqlFunction? Find(string name)
    {
        if (name is null) throw new ArgumentNullException(nameof(name));
        return ByName.TryGetValue(name.ToUpperInvariant(), out var f) ? f : null;
    }

    /// <summary>The names of the functions a compiled body may call, sorted.</summary>
    public static IEnumerable<string> BodyNames => All.Where(f => f.InBodies).Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal);

    /// <summary>The names of the functions a custom masking expression may call, sorted.</summary>
    public static IEnumerable<string> CustomMaskingNames => All.Where(f => f.InCustomMasking).Select(f => f.Name).OrderBy(n => n, StringComparer.Ordinal);

    // (a1) AS …, (a1, a2) AS …, …: one overload per arity.
    private static string Overloads(int min, int max, Func<string[], string> body)
    {
        var parts = new List<string>();
        for (var n = min; n <= max; n++)
        {
            var args = Enumerable.Range(1, n).Select(i => "a" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            parts.Add("(" + string.Join(", ", args) + ") AS " + body(args));
        }
        return string.Join(", ", parts);
    }

    private static string NullIfAnyNull(string[] args, string function)
        => "CASE WHEN " + string.Join(" OR ", args.Select(a => a + " IS NULL")) + " THEN NULL ELSE " + function + "(" + string.Join(", ", args) + ") END";
}
