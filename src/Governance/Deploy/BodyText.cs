using System.Text;

namespace Governance.Deploy;

/// <summary>
/// Compares a policy body the account returns with the one the tool would write, as Snowflake reads them: by tokens,
/// so that white space, line breaks, comments and the case of unquoted names (stored upper case) do not make a
/// difference, and string literals and quoted names compare exactly. A body that does not split into tokens (an
/// unterminated literal, a character outside Snowflake's expression syntax) is never equal to anything: it is planned
/// as changed.
/// </summary>
public static class BodyText
{
    /// <summary>True when both bodies split into the same tokens.</summary>
    public static bool Same(string actual, string desired)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(desired);
        var a = Tokens(actual);
        var d = Tokens(desired);
        return a is not null && d is not null && a.SequenceEqual(d, StringComparer.Ordinal);
    }

    /// <summary>
    /// The tokens of <paramref name="text"/>: <c>I:NAME</c> for a name (unquoted ones upper-cased, quoted ones as
    /// written), <c>S:…</c> for a string literal (its text between the quotes, escapes as written), <c>N:…</c> for a
    /// number, <c>P:…</c> for an operator or punctuation; null when the text is not an expression Snowflake could read.
    /// </summary>
    public static IReadOnlyList<string>? Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && At(text, i + 1, '-'))
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if (c == '/' && At(text, i + 1, '*'))
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0) return null;
                i = end + 2;
                continue;
            }
            if (c == '\'')
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '\\' && i + 1 < text.Length) { sb.Append(text, i, 2); i += 2; continue; }
                    if (text[i] == '\'' && At(text, i + 1, '\'')) { sb.Append("''"); i += 2; continue; }
                    if (text[i] == '\'') { closed = true; i++; break; }
                    sb.Append(text[i++]);
                }
                if (!closed) return null;
                tokens.Add("S:" + sb);
                continue;
            }
            if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                var closed = false;
                while (i < text.Length)
                {
                    if (text[i] == '"' && At(text, i + 1, '"')) { sb.Append('"'); i += 2; continue; }
                    if (text[i] == '"') { closed = true; i++; break; }
                    sb.Append(text[i++]);
                }
                if (!closed || sb.Length == 0) return null;
                tokens.Add("I:" + sb);
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '$')) i++;
                tokens.Add("I:" + text[start..i].ToUpperInvariant());
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
                if (i < text.Length && text[i] is 'e' or 'E')
                {
                    i++;
                    if (i < text.Length && text[i] is '+' or '-') i++;
                    while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
                }
                tokens.Add("N:" + text[start..i].ToUpperInvariant());
                continue;
            }
            var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
            if (two is "->" or "<=" or ">=" or "<>" or "!=" or "||" or "::" or "=>")
            {
                tokens.Add("P:" + two);
                i += 2;
                continue;
            }
            if ("(),.=<>+-*/%:;[]".Contains(c, StringComparison.Ordinal))
            {
                tokens.Add("P:" + c);
                i++;
                continue;
            }
            return null;
        }
        return tokens;
    }

    private static bool At(string text, int index, char c) => index < text.Length && text[index] == c;
}
