using System.Globalization;
using Governance.Snowflake;
using Governance.Snapshots;

namespace Governance.Simulation.Emulation;

/// <summary>
/// A cursor over one statement's tokens (<see cref="SnowflakeLexer"/>, comments dropped) with Snowflake's identifier
/// rules: an unquoted identifier is stored in upper case, a quoted one as written (the session keeps
/// <c>QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE</c>). Errors are Snowflake's syntax errors:
/// <c>SQL compilation error: syntax error line 1 at position 7 unexpected 'FOO'.</c>
/// </summary>
internal sealed class Parser
{
    private readonly string _sql;
    private readonly List<SpannedToken> _tokens;
    private int _i;

    public Parser(string sql)
    {
        _sql = sql;
        try
        {
            _tokens = SnowflakeLexer.TokenizeWithSpans(sql).Where(t => t.Token.Kind != TokenKind.Comment).ToList();
        }
        catch (FormatException e)
        {
            throw new EmulatorException("SQL compilation error:\nsyntax error: " + e.Message + ".", ErrorCodes.Syntax, "42000");
        }
    }

    public string Sql => _sql;

    /// <summary>The statement has no token (only comments or blanks).</summary>
    public bool IsEmpty => _tokens.Count == 0 || _tokens.All(t => t.Token == Semicolon);

    private static readonly Token Semicolon = new(TokenKind.Punctuation, ";");

    public Token? Peek(int k = 0) => _i + k < _tokens.Count ? _tokens[_i + k].Token : null;

    public bool AtEnd => Peek() is null || Peek() == Semicolon;

    /// <summary>The next tokens are the words <paramref name="words"/> (unquoted, any case).</summary>
    public bool AtWord(params string[] words)
    {
        for (var k = 0; k < words.Length; k++)
        {
            if (Peek(k) is not { Kind: TokenKind.Word } t || !string.Equals(t.Text, words[k], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    public bool AcceptWord(params string[] words)
    {
        if (!AtWord(words)) return false;
        _i += words.Length;
        return true;
    }

    public void ExpectWord(params string[] words)
    {
        foreach (var w in words)
        {
            if (!AcceptWord(w)) throw SyntaxError();
        }
    }

    /// <summary>Where the cursor is, for <see cref="TextSince"/>.</summary>
    public int Mark() => _i;

    /// <summary>The source text from the token at <paramref name="mark"/> to the last token read.</summary>
    public string TextSince(int mark) => _i > mark ? _sql[_tokens[mark].Start.._tokens[_i - 1].End] : "";

    /// <summary>Moves past the next token.</summary>
    public void Skip() => _i++;

    public bool AtPunctuation(string p) => Peek() == new Token(TokenKind.Punctuation, p);

    public bool AcceptPunctuation(string p)
    {
        if (!AtPunctuation(p)) return false;
        _i++;
        return true;
    }

    public void ExpectPunctuation(string p)
    {
        if (!AcceptPunctuation(p)) throw SyntaxError();
    }

    /// <summary>An identifier, as stored.</summary>
    public string Identifier()
    {
        var t = Peek();
        if (t is { Kind: TokenKind.QuotedIdentifier }) { _i++; return Stored(t); }
        if (t is { Kind: TokenKind.Word }) { _i++; return Stored(t); }
        throw SyntaxError();
    }

    public static string Stored(Token t) => t.Kind == TokenKind.QuotedIdentifier ? t.Text : t.Text.ToUpperInvariant();

    /// <summary><c>a[.b[.c]]</c>, as stored.</summary>
    public List<string> DottedName()
    {
        var parts = new List<string> { Identifier() };
        while (AtPunctuation(".")) { _i++; parts.Add(Identifier()); }
        return parts;
    }

    /// <summary>A fully qualified <c>db.schema.object</c> name (the emulated account has no current database or schema).</summary>
    public SchemaObjectName ObjectName() => Qualified(DottedName());

    public static SchemaObjectName Qualified(IReadOnlyList<string> parts)
    {
        if (parts.Count != 3)
            throw new EmulatorException("the emulated account has no current database or schema: name objects in full, `DATABASE.SCHEMA.NAME`, not `" + string.Join(".", parts) + "`",
                ErrorCodes.Compilation, "42000");
        return Name(parts[0], parts[1], parts[2]);
    }

    public static SchemaObjectName Name(string database, string schema, string name)
    {
        try
        {
            return new SchemaObjectName(database, schema, name);
        }
        catch (SnowflakeCompileException e)
        {
            throw new EmulatorException("SQL compilation error:\ninvalid identifier: " + e.Message + ".", ErrorCodes.Compilation, "42000");
        }
    }

    /// <summary>A name given as a string literal (<c>'db.schema.object'</c>, <c>'"Db"."S"."o"'</c>), parsed by the same rules.</summary>
    public static List<string> NameInString(string text)
    {
        var inner = new Parser(text);
        if (inner.IsEmpty) throw new EmulatorException("SQL compilation error:\ninvalid object name ''.", ErrorCodes.Compilation, "42000");
        var parts = inner.DottedName();
        if (!inner.AtEnd) throw new EmulatorException("SQL compilation error:\ninvalid object name '" + text + "'.", ErrorCodes.Compilation, "42000");
        return parts;
    }

    public string StringLiteral()
    {
        var t = Peek();
        if (t is { Kind: TokenKind.String or TokenKind.DollarString }) { _i++; return t.Text; }
        throw SyntaxError();
    }

    public List<string> StringList()
    {
        var values = new List<string> { StringLiteral() };
        while (AtPunctuation(",") && Peek(1) is { Kind: TokenKind.String or TokenKind.DollarString }) { _i++; values.Add(StringLiteral()); }
        return values;
    }

    /// <summary><c>( a, b … )</c>: a parenthesised list of identifiers.</summary>
    public List<string> IdentifierList()
    {
        ExpectPunctuation("(");
        var names = new List<string> { Identifier() };
        while (AcceptPunctuation(",")) names.Add(Identifier());
        ExpectPunctuation(")");
        return names;
    }

    public bool Boolean()
    {
        if (AcceptWord("TRUE")) return true;
        if (AcceptWord("FALSE")) return false;
        throw SyntaxError();
    }

    public long Integer()
    {
        if (Peek() is { Kind: TokenKind.Number } t && long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) { _i++; return n; }
        throw SyntaxError();
    }

    /// <summary>A Snowflake data type, normalized (<c>STRING</c> → <c>VARCHAR(16777216)</c>).</summary>
    public SnowflakeType DataType()
    {
        var start = _i;
        if (Peek() is not { Kind: TokenKind.Word }) throw SyntaxError();
        _i++;
        if (AtWord("PRECISION")) _i++; // DOUBLE PRECISION
        if (AtWord("VARYING")) _i++; // CHARACTER VARYING
        if (AcceptPunctuation("("))
        {
            while (!AtEnd && !AtPunctuation(")")) _i++;
            ExpectPunctuation(")");
        }
        var text = _sql[_tokens[start].Start.._tokens[_i - 1].End];
        if (!SnowflakeType.TryParse(text, out var type, out var error))
            throw new EmulatorException("SQL compilation error:\nunsupported data type '" + text + "': " + error + ".", ErrorCodes.Compilation, "42000");
        return type!;
    }

    /// <summary>
    /// A policy body: the source text from here to the first <c>COMMENT =</c> or <c>EXEMPT_OTHER_POLICIES =</c> outside
    /// parentheses, or to the end of the statement, kept as written (trimmed, as Snowflake stores it).
    /// </summary>
    public string Body()
    {
        var start = _i;
        var depth = 0;
        while (!AtEnd)
        {
            if (depth == 0 && (AtWord("COMMENT") || AtWord("EXEMPT_OTHER_POLICIES")) && Peek(1) == new Token(TokenKind.Punctuation, "=")) break;
            if (AtPunctuation("(")) depth++;
            if (AtPunctuation(")")) depth--;
            _i++;
        }
        if (_i == start) throw SyntaxError();
        return _sql[_tokens[start].Start.._tokens[_i - 1].End].Trim();
    }

    /// <summary>The end of the statement: an optional <c>;</c> and nothing after it.</summary>
    public void End()
    {
        AcceptPunctuation(";");
        if (Peek() is not null) throw SyntaxError();
    }

    /// <summary>The statement's first words, to name it in a message.</summary>
    public string Head(int words = 4)
        => string.Join(" ", _tokens.Take(words).Select(t => _sql[t.Start..t.End])) + (_tokens.Count > words ? " …" : "");

    /// <summary>Snowflake's syntax error at the current token.</summary>
    public EmulatorException SyntaxError(string? hint = null)
    {
        string where;
        if (_i < _tokens.Count)
        {
            var start = _tokens[_i].Start;
            var line = 1 + _sql.Take(start).Count(c => c == '\n');
            var position = start - (_sql.LastIndexOf('\n', Math.Max(0, start - 1)) + 1);
            if (start == 0) position = 0;
            where = "line " + line.ToString(CultureInfo.InvariantCulture) + " at position " + position.ToString(CultureInfo.InvariantCulture)
                + " unexpected '" + _sql[_tokens[_i].Start.._tokens[_i].End] + "'.";
        }
        else
        {
            where = "unexpected '<EOF>'.";
        }
        return new EmulatorException("SQL compilation error:\nsyntax error " + where + (hint is null ? "" : "\n" + hint), ErrorCodes.Syntax, "42000");
    }
}

/// <summary>Splits a script into its statements at each <c>;</c> outside strings, identifiers and comments.</summary>
internal static class SqlScript
{
    /// <summary>The statements' texts, without the <c>;</c>; a part with nothing but comments and blanks is dropped.</summary>
    public static List<string> Statements(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        List<SpannedToken> tokens;
        try
        {
            tokens = SnowflakeLexer.TokenizeWithSpans(script);
        }
        catch (FormatException e)
        {
            throw new EmulatorException("SQL compilation error:\nsyntax error: " + e.Message + ".", ErrorCodes.Syntax, "42000");
        }
        var statements = new List<string>();
        var start = 0;
        var any = false;
        foreach (var t in tokens)
        {
            if (t.Token == new Token(TokenKind.Punctuation, ";"))
            {
                if (any) statements.Add(script[start..t.Start].Trim());
                start = t.End;
                any = false;
            }
            else if (t.Token.Kind != TokenKind.Comment) any = true;
        }
        if (any) statements.Add(script[start..].Trim());
        return statements;
    }
}
