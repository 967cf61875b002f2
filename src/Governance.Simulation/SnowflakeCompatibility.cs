using System.Globalization;
using System.Text;
using Governance.Snowflake;

namespace Governance.Simulation;

/// <summary>
/// Snowflake's functions on DuckDB: one DuckDB macro per function a policy body can call (the compiler's catalog,
/// <see cref="FunctionCall.Names"/>, plus <c>IS_ROLE_IN_SESSION</c>, <c>SYSTEM$GET_TAG_ON_CURRENT_COLUMN</c> and the
/// other context functions), each with Snowflake's semantics where DuckDB's built-in differs: <c>CONCAT</c>,
/// <c>GREATEST</c> and <c>LEAST</c> return NULL when an argument is NULL (DuckDB's skip NULLs); <c>LEFT</c> and
/// <c>RIGHT</c> of a negative length are empty (DuckDB's drop characters); <c>REGEXP_REPLACE</c> replaces every match
/// (DuckDB's only the first); <c>POSITION(needle, haystack[, from])</c> takes Snowflake's argument order.
/// The session (its primary role and every role it has) lives in two one-table views of the connection.
/// </summary>
internal static class SnowflakeCompatibility
{
    /// <summary>The parameter through which a tag-based masking macro receives the current column's tags.</summary>
    public const string ColumnTagsParameter = "governance_column_tags";

    /// <summary>Snowflake function (upper case) → the DuckDB macro that implements it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Functions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["IS_ROLE_IN_SESSION"] = "sf_is_role_in_session",
        ["CURRENT_ROLE"] = "sf_current_role",
        ["CURRENT_USER"] = "sf_current_user",
        ["INVOKER_ROLE"] = "sf_invoker_role",
        ["SYSTEM$GET_TAG_ON_CURRENT_COLUMN"] = "sf_get_tag_on_current_column",
        ["SHA2"] = "sf_sha2",
        ["SHA2_HEX"] = "sf_sha2_hex",
        ["MD5"] = "sf_md5",
        ["CONCAT"] = "sf_concat",
        ["REPEAT"] = "sf_repeat",
        ["LENGTH"] = "sf_length",
        ["LEFT"] = "sf_left",
        ["RIGHT"] = "sf_right",
        ["SUBSTR"] = "sf_substr",
        ["POSITION"] = "sf_position",
        ["UPPER"] = "sf_upper",
        ["LOWER"] = "sf_lower",
        ["REGEXP_REPLACE"] = "sf_regexp_replace",
        ["GREATEST"] = "sf_greatest",
        ["LEAST"] = "sf_least",
        ["ROUND"] = "sf_round",
        ["FLOOR"] = "sf_floor",
        ["DATE_TRUNC"] = "sf_date_trunc",
        ["IFF"] = "sf_iff",
    };

    /// <summary>Functions whose DuckDB macro takes a leading argument the Snowflake call leaves implicit.</summary>
    public static readonly IReadOnlyDictionary<string, string> ImplicitArguments = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SYSTEM$GET_TAG_ON_CURRENT_COLUMN"] = ColumnTagsParameter,
    };

    /// <summary>
    /// The session tables and every macro, in the order they must be created. <paramref name="temporary"/>: as
    /// temporary objects of the connection (the emulated account, whose database file outlives the session); the type
    /// aliases are then created if missing.
    /// </summary>
    public static IEnumerable<string> Setup(bool temporary = false)
    {
        var temp = temporary ? "TEMP " : "";
        yield return "SET TimeZone = 'UTC'";
        // Snowflake's TIMESTAMP_* type names, as aliases: typed literals in bodies are written '…'::TIMESTAMP_NTZ.
        var type = temporary ? "CREATE TYPE IF NOT EXISTS " : "CREATE TYPE ";
        yield return type + "TIMESTAMP_NTZ AS TIMESTAMP";
        yield return type + "TIMESTAMP_LTZ AS TIMESTAMPTZ";
        yield return type + "TIMESTAMP_TZ AS TIMESTAMPTZ";
        yield return "CREATE " + temp + "TABLE governance_session (role_name VARCHAR NOT NULL, user_name VARCHAR NOT NULL)";
        yield return "CREATE " + temp + "TABLE governance_session_roles (role_name VARCHAR NOT NULL)";
        foreach (var macro in Macros()) yield return "CREATE " + temp + macro;
    }

    private static IEnumerable<string> Macros()
    {

        yield return "MACRO sf_is_role_in_session(r) AS EXISTS (SELECT 1 FROM governance_session_roles s WHERE s.role_name = r)";
        yield return "MACRO sf_current_role() AS (SELECT role_name FROM governance_session)";
        yield return "MACRO sf_current_user() AS (SELECT user_name FROM governance_session)";
        // A policy body runs as the querying session: the invoker is its primary role.
        yield return "MACRO sf_invoker_role() AS (SELECT role_name FROM governance_session)";
        yield return "MACRO sf_get_tag_on_current_column(" + ColumnTagsParameter + ", t) AS map_extract_value(" + ColumnTagsParameter + ", t)";
        yield return "MACRO sf_sha2(v) AS sha256(v), (v, bits) AS CASE WHEN bits = 256 THEN sha256(v) ELSE error('SHA2 is simulated for 256 bits only') END";
        yield return "MACRO sf_sha2_hex(v) AS sha256(v), (v, bits) AS CASE WHEN bits = 256 THEN sha256(v) ELSE error('SHA2_HEX is simulated for 256 bits only') END";
        yield return "MACRO sf_md5(v) AS md5(v)";
        yield return "MACRO sf_concat" + Overloads(1, 16, args => string.Join(" || ", args.Select(a => "CAST(" + a + " AS VARCHAR)")));
        yield return "MACRO sf_repeat(s, n) AS repeat(s, CAST(CASE WHEN n < 0 THEN 0 ELSE n END AS BIGINT))";
        yield return "MACRO sf_length(s) AS length(s)";
        yield return "MACRO sf_left(s, n) AS CASE WHEN n < 0 THEN '' ELSE left(s, CAST(n AS BIGINT)) END";
        yield return "MACRO sf_right(s, n) AS CASE WHEN n < 0 THEN '' ELSE right(s, CAST(n AS BIGINT)) END";
        yield return "MACRO sf_substr(s, p) AS substring(s, CAST(p AS BIGINT)), (s, p, l) AS substring(s, CAST(p AS BIGINT), CAST(l AS BIGINT))";
        yield return "MACRO sf_position(needle, haystack) AS instr(haystack, needle), "
            + "(needle, haystack, p) AS CASE WHEN instr(substring(haystack, CAST(p AS BIGINT)), needle) = 0 THEN 0 ELSE instr(substring(haystack, CAST(p AS BIGINT)), needle) + CAST(p AS BIGINT) - 1 END";
        yield return "MACRO sf_upper(s) AS upper(s)";
        yield return "MACRO sf_lower(s) AS lower(s)";
        yield return "MACRO sf_regexp_replace(s, p, r) AS regexp_replace(s, p, r, 'g')";
        yield return "MACRO sf_greatest" + Overloads(2, 16, args => NullIfAnyNull(args, "greatest"));
        yield return "MACRO sf_least" + Overloads(2, 16, args => NullIfAnyNull(args, "least"));
        yield return "MACRO sf_round(n) AS round(n), (n, d) AS round(n, CAST(d AS INTEGER))";
        yield return "MACRO sf_floor(n) AS floor(n)";
        yield return "MACRO sf_date_trunc(part, v) AS date_trunc(lower(part), v)";
        yield return "MACRO sf_iff(c, a, b) AS CASE WHEN c THEN a ELSE b END";
    }

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

    /// <summary>Words that may precede <c>(</c> in a body without being a function call.</summary>
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "AND", "OR", "NOT", "EXISTS", "IN", "CASE", "WHEN", "THEN", "ELSE", "END", "SELECT", "FROM", "WHERE", "AS", "IS", "ON",
    };

    /// <summary>
    /// Translates a Snowflake policy body (the text the script holds after <c>-&gt;</c>) to DuckDB, token by token
    /// (<see cref="SnowflakeLexer"/>), never on raw text:
    /// <list type="number">
    /// <item>a string literal (Snowflake's backslash escapes, <c>''</c>, or <c>$$…$$</c>) is decoded and written again by
    /// <see cref="DuckDbText.Literal"/> (DuckDB's <c>'…'</c> has no backslash escapes);</item>
    /// <item>a quoted identifier is decoded and written by <see cref="DuckDbText.Identifier"/> (case-safe encoding);</item>
    /// <item>a word followed by <c>(</c> is a function: it becomes its macro of <see cref="Functions"/>, with an implicit
    /// leading argument for <c>SYSTEM$GET_TAG_ON_CURRENT_COLUMN</c>; a function without a counterpart is refused;</item>
    /// <item>comments are dropped; keywords, other words (aliases, type names), numbers and punctuation are kept.</item>
    /// </list>
    /// Tokens are joined with single spaces. With <paramref name="names"/> (the emulated account, whose bodies are
    /// written by people too), also: a three-part name <c>db.schema.object</c> becomes the DuckDB relation that
    /// <see cref="BodyNames.Objects"/> gives; an unquoted word that names an argument of the policy, or follows
    /// <c>alias.</c>, is an identifier stored in upper case and is written by <see cref="DuckDbText.Identifier"/>.
    /// </summary>
    public static string Translate(string snowflakeBody, BodyNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(snowflakeBody);
        List<Token> tokens;
        try
        {
            tokens = SnowflakeLexer.Tokenize(snowflakeBody).Where(t => t.Kind != TokenKind.Comment).ToList();
        }
        catch (FormatException e)
        {
            throw new SimulationException("cannot read the policy body: " + e.Message, e);
        }
        var sb = new StringBuilder();
        void Emit(string text)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(text);
        }
        bool Is(int k, string punctuation) => k >= 0 && k < tokens.Count && tokens[k] == new Token(TokenKind.Punctuation, punctuation);
        bool IsName(int k) => k < tokens.Count && (tokens[k].Kind == TokenKind.QuotedIdentifier || tokens[k].Kind == TokenKind.Word && !Keywords.Contains(tokens[k].Text));
        string Stored(int k) => tokens[k].Kind == TokenKind.QuotedIdentifier ? tokens[k].Text : tokens[k].Text.ToUpperInvariant();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (names?.Objects is { } objects && !Is(i - 1, ".") && IsName(i) && Is(i + 1, ".") && IsName(i + 2) && Is(i + 3, ".") && IsName(i + 4) && !Is(i + 5, "("))
            {
                Emit(objects(Stored(i), Stored(i + 2), Stored(i + 4)));
                i += 4;
                continue;
            }
            if (names is not null && t.Kind == TokenKind.Word && !Is(i + 1, "(") && !Keywords.Contains(t.Text)
                && ((Is(i - 1, ".") && i >= 2 && IsName(i - 2)) || names.Arguments.Contains(t.Text.ToUpperInvariant())))
            {
                Emit(DuckDbText.Identifier(t.Text.ToUpperInvariant()));
                continue;
            }
            switch (t.Kind)
            {
                case TokenKind.String:
                case TokenKind.DollarString:
                    Emit(DuckDbText.Literal(t.Text));
                    break;
                case TokenKind.QuotedIdentifier:
                    Emit(DuckDbText.Identifier(t.Text));
                    break;
                case TokenKind.Word when i + 1 < tokens.Count && tokens[i + 1] == new Token(TokenKind.Punctuation, "(") && !Keywords.Contains(t.Text):
                    var name = t.Text.ToUpperInvariant();
                    if (!Functions.TryGetValue(name, out var macro))
                        throw new SimulationException("function `" + t.Text + "` has no DuckDB counterpart in the simulation");
                    Emit(macro);
                    Emit("(");
                    i++;
                    if (ImplicitArguments.TryGetValue(name, out var implicitArgument))
                    {
                        Emit(implicitArgument);
                        if (i + 1 < tokens.Count && tokens[i + 1] != new Token(TokenKind.Punctuation, ")")) Emit(",");
                    }
                    break;
                default:
                    Emit(t.Text);
                    break;
            }
        }
        return sb.ToString();
    }
}

/// <summary>How the emulated account resolves the names of a body it translates (see <see cref="SnowflakeCompatibility.Translate"/>).</summary>
internal sealed class BodyNames
{
    public BodyNames(IEnumerable<string> arguments, Func<string, string, string, string>? objects)
    {
        Arguments = new HashSet<string>(arguments, StringComparer.Ordinal);
        Objects = objects;
    }

    /// <summary>The policy's argument names, as stored.</summary>
    public IReadOnlySet<string> Arguments { get; }

    /// <summary>(database, schema, object) as stored → the DuckDB relation; throws when there is none.</summary>
    public Func<string, string, string, string>? Objects { get; }
}
