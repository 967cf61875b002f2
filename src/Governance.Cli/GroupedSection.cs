using System.Globalization;
using Governance.Reporting;
using Governance.Rules;

namespace Governance.Cli;

/// <summary>
/// A section of the <c>check</c> table too long to read row by row. Up to <see cref="Threshold"/> rows, a section is one
/// table, as <see cref="TextTable.Section"/> writes it. Above, its rows are grouped by their key columns (the rule, for
/// findings the GOV ID and the rule), the largest group first: each group is a heading — the key and its number of rows
/// — and a table of its first <see cref="FirstRows"/> rows without the key columns, then how many more there are. The
/// section's title says how to see every row (<c>--all</c>) or get them for a program (<c>--format json</c>).
/// </summary>
internal sealed class GroupedSection(string title, string noun, TextColumn[] columns, int[] keyColumns)
{
    /// <summary>The most rows a section shows as one table (without <c>--all</c>).</summary>
    public const int Threshold = 100;

    /// <summary>The rows each group shows.</summary>
    public const int FirstRows = 5;

    private readonly List<string[]> _rows = new();

    public int Count => _rows.Count;

    public void Add(params string[] cells) => _rows.Add(cells);

    /// <summary>Whether a section of <paramref name="count"/> rows is grouped (not with <c>--all</c>).</summary>
    public static bool Applies(int count, bool all) => !all && count > Threshold;

    /// <summary>Writes the section: one table, as <see cref="TextTable.Section"/> writes it, when <paramref name="all"/>
    /// or short; else grouped.</summary>
    public void Write(TextWriter writer, int? width, bool all)
    {
        if (!Applies(_rows.Count, all))
        {
            var table = new TextTable(columns);
            foreach (var row in _rows) table.Add(row);
            TextTable.Section(writer, title, table, width);
            return;
        }
        Write(writer, width);
    }

    /// <summary>Writes the section grouped.</summary>
    public void Write(TextWriter writer, int? width)
    {
        var groups = Groups();
        var keyNames = string.Join(" and ", keyColumns.Select(i => columns[i].Header.ToLowerInvariant()));
        var intro = title + " (" + Number(_rows.Count) + "), by " + keyNames + ": " + Display.Count(groups.Count, "group") + ", the first "
            + Number(FirstRows) + " " + noun + "s of each, the largest first; `--all` shows every " + noun + ", `--format json` lists them all";
        foreach (var line in TextTable.Lines(intro, width ?? int.MaxValue, Wrap.Words)) writer.Write(line + "\n");
        writer.Write('\n');
        var shown = Enumerable.Range(0, columns.Length).Where(i => Array.IndexOf(keyColumns, i) < 0).ToArray();
        foreach (var (key, rows) in groups)
        {
            var heading = string.Join("  ", key.Where(k => k.Length > 0)) + ": " + Display.Count(rows.Count, noun);
            foreach (var line in TextTable.Lines(heading, width ?? int.MaxValue, Wrap.Names)) writer.Write(line + "\n");
            var table = new TextTable(shown.Select(i => columns[i]).ToArray());
            foreach (var row in rows.Take(FirstRows)) table.Add(shown.Select(i => row[i]).ToArray());
            table.Write(writer, width);
            if (rows.Count > FirstRows) writer.Write("… " + Number(rows.Count - FirstRows) + " more\n");
            writer.Write('\n');
        }
    }

    /// <summary>The rows by key, the largest group first (equal sizes: by key, ordinal); rows keep their order.</summary>
    private List<(string[] Key, List<string[]> Rows)> Groups()
    {
        var byKey = new Dictionary<string, (string[] Key, List<string[]> Rows)>(StringComparer.Ordinal);
        foreach (var row in _rows)
        {
            var key = keyColumns.Select(i => row[i]).ToArray();
            var joined = string.Join("\u0000", key);
            if (!byKey.TryGetValue(joined, out var group)) byKey[joined] = group = (key, new List<string[]>());
            group.Rows.Add(row);
        }
        return byKey.OrderByDescending(g => g.Value.Rows.Count).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value).ToList();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
