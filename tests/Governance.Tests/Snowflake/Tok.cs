using Governance.Simulation;

namespace Governance.Tests.Snowflake;

/// <summary>Expected tokens, written by hand in tests.</summary>
internal static class Tok
{
    public static Token W(string word) => new(TokenKind.Word, word);
    public static Token I(string identifier) => new(TokenKind.QuotedIdentifier, identifier);
    public static Token S(string value) => new(TokenKind.String, value);
    public static Token N(string number) => new(TokenKind.Number, number);
    public static Token P(string punctuation) => new(TokenKind.Punctuation, punctuation);

    /// <summary>Words separated by spaces: <c>Ws("ALTER TABLE")</c>.</summary>
    public static IEnumerable<Token> Ws(string words) => words.Split(' ').Select(W);

    /// <summary><c>"a"."b"."c"</c>.</summary>
    public static IEnumerable<Token> Q(params string[] parts)
    {
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) yield return P(".");
            yield return I(parts[i]);
        }
    }

    public static List<Token> Seq(params object[] items)
    {
        var list = new List<Token>();
        foreach (var item in items)
        {
            switch (item)
            {
                case Token t: list.Add(t); break;
                case IEnumerable<Token> ts: list.AddRange(ts); break;
                default: throw new ArgumentException("not a token: " + item);
            }
        }
        return list;
    }
}
