using System.Globalization;
using System.Text;
using Governance.Snowflake;
using Governance.Rules;

namespace Governance.Simulation;

/// <summary>
/// Snowflake's functions on DuckDB: one DuckDB macro per function of the catalog (<see cref="SqlFunctions"/>: every
/// function a compiled body calls, and the context functions a body written by hand may call), each with Snowflake's
/// semantics where DuckDB's built-in differs (<see cref="SqlFunction.DuckDbNote"/>). The session (its primary role and
/// every role it has) lives in two one-table views of the connection. The emulated account, which receives SQL text,
/// translates a body's tokens here (<see cref="Translate"/>); the simulation writes DuckDB from the compiled expression
/// itself (<see cref="DuckDbExpressionWriter"/>). Both call the catalog's macros.
/// </summary>
internal static class SnowflakeCompatibility
{
    /// <summary>The parameter through which a tag-based masking macro receives the current column's tags.</summary>
    public const string ColumnTagsParameter = SqlFunctions.ColumnTagsParameter;

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
        foreach (var function in SqlFunctions.All) yield return "CREATE " + temp + function.DuckDbMacroStatement;
    }

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
    /// <item>a word followed by <c>(</c> is a function: it becomes its macro of <see cref="SqlFunctions"/>, with its
    /// implicit leading argument (<c>SYSTEM$GET_TAG_ON_CURRENT_COLUMN</c>'s); a function the catalog lacks is refused;</item>
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
                    var function = SqlFunctions.Find(t.Text) ?? throw new SimulationException("function `" + t.Text + "` has no DuckDB counterpart in the simulation");
                    Emit(function.DuckDbMacro);
                    Emit("(");
                    i++;
                    if (function.DuckDbImplicitArgument is { } implicitArgument)
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
