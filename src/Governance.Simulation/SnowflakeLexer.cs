using System.Globalization;
using System.Text;

namespace Governance.Simulation;

internal enum TokenKind { Word, QuotedIdentifier, String, DollarString, Number, Punctuation, Comment }

/// <summary>A token; <see cref="Text"/> is the decoded value for strings and quoted identifiers, the source text otherwise.</summary>
internal sealed record Token(TokenKind Kind, string Text)
{
    public override string ToString() => Kind + "«" + Text + "»";
}

/// <summary>A token and where it stands in the source: <c>[Start, End)</c>.</summary>
internal readonly record struct SpannedToken(Token Token, int Start, int End);

/// <summary>
/// A tokenizer written from Snowflake's lexical rules (reference §7, §8), independently of the generator:
/// whitespace; <c>--</c> and <c>//</c> line comments; <c>/* */</c> block comments; single-quoted strings with
/// <c>''</c> and the backslash escapes <c>\\ \' \" \b \f \n \r \t \0 \ooo \xhh \uhhhh</c> (a backslash before any
/// other character is dropped); <c>$$…$$</c> strings without escapes; <c>"…"</c> identifiers with <c>""</c>; words;
/// numbers; punctuation (<c>-&gt; :: &lt;= &gt;= &lt;&gt; != ||</c> and single characters). The simulation translates
/// policy bodies token by token with it; the compiler's injection tests check emitted statements against it.
/// </summary>
internal static class SnowflakeLexer
{
    private static readonly string[] TwoCharacterPunctuation = { "->", "::", "<=", ">=", "<>", "!=", "||" };

    public static List<Token> Tokenize(string sql) => TokenizeWithSpans(sql).ConvertAll(t => t.Token);

    /// <summary>The tokens with their source spans (the emulator keeps a policy body as written).</summary>
    public static List<SpannedToken> TokenizeWithSpans(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SpannedToken>();
        var i = 0;
        void Add(TokenKind kind, string text, int start) => tokens.Add(new SpannedToken(new Token(kind, text), start, i));
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (c is ' ' or '\t' or '\n' or '\r' or '\f') { i++; continue; }
            if (At(sql, i, "--") || At(sql, i, "//"))
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
                Add(TokenKind.Comment, sql[start..i], start);
                continue;
            }
            if (At(sql, i, "/*"))
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new FormatException("unterminated block comment");
                i = end + 2;
                Add(TokenKind.Comment, sql[start..i], start);
                continue;
            }
            if (At(sql, i, "$$"))
            {
                var end = sql.IndexOf("$$", i + 2, StringComparison.Ordinal);
                if (end < 0) throw new FormatException("unterminated $$ string");
                i = end + 2;
                Add(TokenKind.DollarString, sql[(start + 2)..end], start);
                continue;
            }
            if (c == '\'') { var text = ReadString(sql, ref i); Add(TokenKind.String, text, start); continue; }
            if (c == '"') { var text = ReadQuoted(sql, ref i); Add(TokenKind.QuotedIdentifier, text, start); continue; }
            if (IsWordStart(c))
            {
                while (i < sql.Length && IsWordPart(sql[i])) i++;
                Add(TokenKind.Word, sql[start..i], start);
                continue;
            }
            if (c is >= '0' and <= '9')
            {
                while (i < sql.Length && (sql[i] is >= '0' and <= '9' or '.')) i++;
                Add(TokenKind.Number, sql[start..i], start);
                continue;
            }
            var two = TwoCharacterPunctuation.FirstOrDefault(p => At(sql, i, p));
            i += two is null ? 1 : 2;
            Add(TokenKind.Punctuation, two ?? c.ToString(), start);
        }
        return tokens;
    }

    private static bool At(string s, int i, string what) => i + what.Length <= s.Length && string.CompareOrdinal(s, i, what, 0, what.Length) == 0;
    private static bool IsWordStart(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or '_';
    private static bool IsWordPart(char c) => IsWordStart(c) || c is >= '0' and <= '9' or '$';
    private static bool IsOctal(char c) => c is >= '0' and <= '7';

    private static string ReadQuoted(string sql, ref int i)
    {
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= sql.Length) throw new FormatException("unterminated quoted identifier");
            var c = sql[i];
            if (c == '"')
            {
                if (i + 1 < sql.Length && sql[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                i++;
                return sb.ToString();
            }
            sb.Append(c);
            i++;
        }
    }

    private static string ReadString(string sql, ref int i)
    {
        var sb = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= sql.Length) throw new FormatException("unterminated string literal");
            var c = sql[i];
            if (c == '\'')
            {
                if (i + 1 < sql.Length && sql[i + 1] == '\'') { sb.Append('\''); i += 2; continue; }
                i++;
                return sb.ToString();
            }
            if (c != '\\') { sb.Append(c); i++; continue; }
            if (i + 1 >= sql.Length) throw new FormatException("unterminated escape");
            var e = sql[i + 1];
            if (i + 3 < sql.Length && IsOctal(e) && IsOctal(sql[i + 2]) && IsOctal(sql[i + 3]))
            {
                sb.Append((char)Convert.ToInt32(sql.Substring(i + 1, 3), 8));
                i += 4;
                continue;
            }
            if (e == 'x' && i + 3 < sql.Length && Uri.IsHexDigit(sql[i + 2]) && Uri.IsHexDigit(sql[i + 3]))
            {
                sb.Append((char)int.Parse(sql.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 4;
                continue;
            }
            if (e == 'u' && i + 5 < sql.Length && Enumerable.Range(i + 2, 4).All(k => Uri.IsHexDigit(sql[k])))
            {
                sb.Append((char)int.Parse(sql.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 6;
                continue;
            }
            sb.Append(e switch
            {
                'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', '0' => '\0',
                _ => e, // \\ \' \" and a backslash before any other character, which is dropped
            });
            i += 2;
        }
    }
}
