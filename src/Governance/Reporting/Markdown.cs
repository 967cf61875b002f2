using System.Text;

namespace Governance.Reporting;

/// <summary>Markdown that GitHub renders as the text it holds: identifiers in code spans, prose with its markup
/// characters escaped, so nothing from a snapshot or pack becomes a link, emphasis, HTML or a table cell boundary.</summary>
internal static class Markdown
{
    /// <summary>An identifier as a code span. One with a <c>|</c> is escaped prose instead: renderers disagree on an
    /// escaped pipe inside a code span in a table cell, and agree on one outside.</summary>
    public static string Code(string text)
    {
        var d = Display.Text(text);
        if (d.Length == 0) return "";
        if (d.Contains('|', StringComparison.Ordinal)) return KeepEdgeSpaces(Text(text));
        var longest = 0;
        var run = 0;
        foreach (var c in d)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = d[0] is '`' or ' ' || d[^1] is '`' or ' ' ? " " : "";
        return fence + pad + d + pad + fence;
    }

    /// <summary>
    /// Spaces at either end written as <c>&amp;#32;</c>: a table cell's content is trimmed before it is read, so a name
    /// that starts or ends with a space would otherwise lose it.
    /// </summary>
    private static string KeepEdgeSpaces(string text)
    {
        var inner = text.Trim(' ');
        if (inner.Length == text.Length) return text;
        var lead = text.Length - text.TrimStart(' ').Length;
        var trail = inner.Length == 0 ? 0 : text.Length - text.TrimEnd(' ').Length;
        return string.Concat(Enumerable.Repeat("&#32;", lead)) + inner + string.Concat(Enumerable.Repeat("&#32;", trail));
    }

    /// <summary>Prose with every character that Markdown or HTML reads as markup backslash-escaped.</summary>
    public static string Text(string text)
    {
        var d = Display.Text(text);
        var sb = new StringBuilder(d.Length + 8);
        foreach (var c in d)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '~' or '&' or '!') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>A message whose `quoted` parts (names, values) become code spans and whose other parts are prose.</summary>
    public static string Message(string message)
    {
        var parts = message.Split('`');
        if (parts.Length % 2 == 0) return Text(message); // an unbalanced backtick: all prose
        var sb = new StringBuilder();
        for (var i = 0; i < parts.Length; i++) sb.Append(i % 2 == 0 ? Text(parts[i]) : Code(parts[i]));
        return sb.ToString();
    }
}
