using System.Globalization;
using System.Text;

namespace Governance.Reporting;

/// <summary>
/// How the human-readable reports (table, Markdown, HTML) show a string that comes from a snapshot or a pack: as it
/// is, except that control characters (line breaks, tabs, NUL …), lone surrogates and the Unicode line and paragraph
/// separators are shown as <c>\uXXXX</c>, so a name cannot break a table row, a Markdown line or an HTML text node,
/// and what a reader sees is the stored name, character for character.
/// </summary>
public static class Display
{
    /// <summary>The displayed form of <paramref name="text"/>.</summary>
    public static string Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++) clean = !NeedsEscape(text, i);
        if (clean) return text;
        var sb = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (NeedsEscape(text, i)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(string s, int i)
    {
        var c = s[i];
        if (char.IsControl(c) || c is '\u2028' or '\u2029') return true;
        if (char.IsHighSurrogate(c)) return i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(s[i - 1]);
        return false;
    }

    /// <summary><c>1 pack</c>, <c>2 packs</c>.</summary>
    internal static string Count(long n, string singular, string? plural = null)
        => n.ToString(CultureInfo.InvariantCulture) + " " + (n == 1 ? singular : plural ?? singular + "s");

    internal static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
