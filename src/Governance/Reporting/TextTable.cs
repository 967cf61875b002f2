using System.Text;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Reporting;

/// <summary>How a column's long cells are broken when the table must narrow.</summary>
internal enum Wrap
{
    /// <summary>Never narrower than its widest cell (short codes: IDs, severities without spaces).</summary>
    None,
    /// <summary>At spaces, as prose.</summary>
    Words,
    /// <summary>After dots and slashes, as a dotted name (<c>SALES.ORDERS.</c> / <c>CUSTOMER_EMAIL</c>).</summary>
    Names,
}

/// <summary>A column of a <see cref="TextTable"/>: its header, how it wraps, and its share of the width when the table narrows.</summary>
internal sealed record TextColumn(string Header, Wrap Wrap = Wrap.Words, int Weight = 1);

/// <summary>
/// Plain aligned text tables: a header, a rule of dashes, one line per row, columns two spaces apart, no borders, no
/// colour and no trailing spaces. Without a width (output redirected to a file, a pipe or a CI log) every cell stays on
/// one line. With a width (a terminal), the wrappable columns narrow — the heaviest first — and their cells wrap; a table
/// that cannot fit even so is printed as one block per row (<c>COLUMN  value</c>), like <c>psql</c>'s expanded display.
/// </summary>
internal sealed class TextTable(params TextColumn[] columns)
{
    private const int Gap = 2;
    private const int MinWrapped = 10;
    private readonly List<string[]> _rows = new();

    public int Count => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != columns.Length) throw new ArgumentException("expected " + columns.Length + " cells", nameof(cells));
        // A line break in a cell starts a new line of it (when the table has a width; on one line, a space).
        _rows.Add(cells.Select(c => c.Replace("\r", "", StringComparison.Ordinal).Replace('\t', ' ')).ToArray());
    }

    /// <summary>A titled table — <c>Title (N)</c>, the table — or <c>Title: none</c>, then a blank line.</summary>
    public static void Section(TextWriter writer, string title, TextTable table, int? width)
    {
        if (table.Count == 0)
        {
            writer.Write(title + ": none\n\n");
            return;
        }
        writer.Write(title + " (" + table.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")\n");
        table.Write(writer, width);
        writer.Write('\n');
    }

    /// <summary>The width of the table with every cell on one line.</summary>
    public int NaturalWidth => Natural().Sum() + Gap * (columns.Length - 1);

    private int[] Natural()
    {
        var natural = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
            natural[i] = Math.Max(columns[i].Header.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length));
        return natural;
    }

    /// <summary>Writes the table; <paramref name="width"/> null: unlimited.</summary>
    public void Write(TextWriter writer, int? width)
    {
        if (width is null)
        {
            foreach (var row in _rows)
            {
                for (var i = 0; i < row.Length; i++) row[i] = row[i].Replace('\n', ' ');
            }
        }
        var natural = Natural();
        var widths = width is { } w ? Fit(natural, w) : natural;
        if (widths is null)
        {
            WriteRecords(writer, width!.Value);
            return;
        }
        WriteLine(writer, columns.Select(c => c.Header).ToArray(), widths);
        writer.Write(string.Join(new string(' ', Gap), widths.Select(x => new string('-', x))));
        writer.Write('\n');
        foreach (var row in _rows) WriteLine(writer, row, widths);
    }

    /// <summary>Column widths within <paramref name="width"/>, or null when even the narrowest layout does not fit.</summary>
    private int[]? Fit(int[] natural, int width)
    {
        var widths = (int[])natural.Clone();
        var available = width - Gap * (columns.Length - 1);
        int Min(int i) => columns[i].Wrap == Wrap.None ? natural[i] : Math.Min(natural[i], Math.Max(MinWrapped, LongestWord(i)));
        while (widths.Sum() > available)
        {
            // Narrow the column that is widest for its weight, among those that can still narrow.
            var pick = -1;
            for (var i = 0; i < widths.Length; i++)
            {
                if (widths[i] <= Min(i)) continue;
                if (pick < 0 || widths[i] * columns[pick].Weight > widths[pick] * columns[i].Weight) pick = i;
            }
            if (pick < 0) return null;
            widths[pick]--;
        }
        return widths;
    }

    /// <summary>The longest unbreakable piece of a column when it wraps at words (a severity stays whole), else 0.</summary>
    private int LongestWord(int i)
    {
        if (columns[i].Wrap != Wrap.Words) return 0;
        var longest = columns[i].Header.Split(' ').Max(p => p.Length);
        foreach (var row in _rows) longest = Math.Max(longest, row[i].Split(' ').Max(p => p.Length));
        return Math.Min(longest, 16);
    }

    private void WriteLine(TextWriter writer, string[] cells, int[] widths)
    {
        var wrapped = cells.Select((c, i) => Lines(c, widths[i], columns[i].Wrap)).ToArray();
        var height = wrapped.Max(l => l.Count);
        var sb = new StringBuilder();
        for (var line = 0; line < height; line++)
        {
            sb.Clear();
            for (var i = 0; i < cells.Length; i++)
            {
                var text = line < wrapped[i].Count ? wrapped[i][line] : "";
                sb.Append(text);
                if (i < cells.Length - 1) sb.Append(' ', widths[i] - text.Length + Gap);
            }
            writer.Write(sb.ToString().TrimEnd());
            writer.Write('\n');
        }
    }

    private void WriteRecords(TextWriter writer, int width)
    {
        var names = columns.Max(c => c.Header.Length);
        var valueWidth = Math.Max(MinWrapped, width - names - Gap);
        for (var r = 0; r < _rows.Count; r++)
        {
            if (r > 0) writer.Write('\n');
            for (var i = 0; i < columns.Length; i++)
            {
                var lines = Lines(_rows[r][i], valueWidth, Wrap.Words);
                for (var l = 0; l < lines.Count; l++)
                {
                    var label = l == 0 ? columns[i].Header : "";
                    writer.Write((label.PadRight(names + Gap) + lines[l]).TrimEnd());
                    writer.Write('\n');
                }
            }
        }
    }

    /// <summary>The cell broken into lines of at most <paramref name="width"/> characters.</summary>
    internal static List<string> Lines(string text, int width, Wrap wrap)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            if (paragraph.Length <= width || wrap == Wrap.None || width < 1)
            {
                lines.Add(paragraph);
                continue;
            }
            var rest = paragraph;
            while (rest.Length > width)
            {
                var cut = BreakAt(rest, width, wrap);
                lines.Add(rest.Substring(0, cut).TrimEnd());
                rest = rest.Substring(cut).TrimStart(' ');
            }
            if (rest.Length > 0) lines.Add(rest);
        }
        return lines;
    }

    /// <summary>
    /// Where to end a line of at most <paramref name="width"/> characters: words break at the last space that fits;
    /// names after the last dot or slash that fits, else after an underscore in the line's second half; else at the width.
    /// </summary>
    private static int BreakAt(string text, int width, Wrap wrap)
    {
        if (wrap == Wrap.Words)
        {
            for (var i = width; i > 0; i--)
            {
                if (i < text.Length && text[i] == ' ') return i;
            }
            return width;
        }
        for (var i = width; i > 0; i--)
        {
            if (text[i - 1] is '.' or '/') return i;
        }
        for (var i = width; i > width / 2; i--)
        {
            if (text[i - 1] == '_') return i;
        }
        return width;
    }
}
