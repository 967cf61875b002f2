using Governance.Snowflake;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.State;

/// <summary>How the state normalizes what the server returns, so that equal things compare equal.</summary>
internal static class StateText
{
    /// <summary>Null for null or empty text (Snowflake may show a missing comment as either).</summary>
    public static string? Optional(string? text) => string.IsNullOrEmpty(text) ? null : text;

    /// <summary>A <c>REF_ENTITY_DOMAIN</c>: upper case, not empty.</summary>
    public static string Domain(string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return domain.Trim().ToUpperInvariant();
    }

    public static ValueList<string> Identifiers(IEnumerable<string> names, string parameter)
    {
        ArgumentNullException.ThrowIfNull(names, parameter);
        var list = new ValueList<string>(names);
        foreach (var n in list) SqlText.RequireIdentifier(n);
        return list;
    }

    /// <summary>A type's base name, as a policy signature shows it: <c>VARCHAR(16777216)</c> → <c>VARCHAR</c>, <c>NUMBER(12,2)</c> → <c>NUMBER</c>.</summary>
    public static string BaseType(SnowflakeType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var paren = type.Text.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? type.Text : type.Text[..paren];
    }

    /// <summary>
    /// A data type as the server spells it, normalized through <see cref="SnowflakeType"/> (<c>STRING</c> and
    /// <c>VARCHAR</c> → <c>VARCHAR(16777216)</c>, <c>INT</c> → <c>NUMBER(38,0)</c>); a type the parser does not know is
    /// kept upper-cased with its white space collapsed, so that it still compares equal to itself.
    /// </summary>
    public static string Type(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SnowflakeType.TryParse(text, out var type, out _) ? type!.Text : Collapse(text);
    }

    /// <summary>The base name of a type as the server spells it: <c>STRING</c> → <c>VARCHAR</c>, <c>INT</c> → <c>NUMBER</c>, <c>TIMESTAMP</c> → <c>TIMESTAMP_NTZ</c>.</summary>
    public static string ArgumentType(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (SnowflakeType.TryParse(text, out var type, out _)) return BaseType(type!);
        var collapsed = Collapse(text);
        var paren = collapsed.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? collapsed : collapsed[..paren].TrimEnd();
    }

    /// <summary>
    /// A signature as <c>DESCRIBE … POLICY</c> shows it, <c>(VAL VARCHAR, COND_1 BOOLEAN)</c>, split into names (quoted
    /// or not) and type texts at the commas outside parentheses and double quotes; null when it is not of that shape.
    /// </summary>
    public static List<(string Name, string Type)>? SplitSignature(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.StartsWith('(') && s.EndsWith(')')) s = s[1..^1];
        var parts = new List<string>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == '(') depth++;
            else if (!quoted && c == ')') depth--;
            else if (!quoted && depth == 0 && c == ',')
            {
                parts.Add(s[start..i]);
                start = i + 1;
            }
        }
        parts.Add(s[start..]);
        var arguments = new List<(string Name, string Type)>();
        foreach (var raw in parts)
        {
            var part = raw.Trim();
            string name, type;
            if (part.StartsWith('"'))
            {
                var sb = new System.Text.StringBuilder();
                var i = 1;
                var closed = false;
                for (; i < part.Length; i++)
                {
                    if (part[i] != '"') sb.Append(part[i]);
                    else if (i + 1 < part.Length && part[i + 1] == '"') sb.Append(part[++i]);
                    else { closed = true; break; }
                }
                if (!closed) return null;
                name = sb.ToString();
                type = part[(i + 1)..].Trim();
            }
            else
            {
                var space = part.IndexOfAny(new[] { ' ', '\t', '\n', '\r' });
                name = space < 0 ? part : part[..space];
                type = space < 0 ? "" : part[space..].Trim();
            }
            if (name.Length == 0 || type.Length == 0) return null;
            arguments.Add((name, type));
        }
        return arguments;
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
}

/// <summary>The canonical order of the state's collections: by their names, part by part, ordinally.</summary>
internal static class StateOrder
{
    public static string[] Parts(SchemaObjectName name) => new[] { name.Database, name.Schema, name.Name };

    /// <summary>
    /// The items sorted by <paramref name="key"/>; an item given twice is kept once, two different items with one key
    /// are refused (<paramref name="what"/> names them).
    /// </summary>
    public static ValueList<T> Unique<T>(IEnumerable<T> items, Func<T, IReadOnlyList<string>> key, string what) where T : class
    {
        ArgumentNullException.ThrowIfNull(items);
        var sorted = items.Select(i => (Item: i ?? throw new ArgumentException("a list of the account state cannot hold null"), Key: key(i)))
            .OrderBy(x => x.Key, KeyComparer.Instance).ToList();
        var result = new List<T>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0 && KeyComparer.Instance.Compare(sorted[i - 1].Key, sorted[i].Key) == 0)
            {
                if (sorted[i - 1].Item.Equals(sorted[i].Item)) continue;
                throw new ArgumentException("two different entries for one " + what + ": `" + string.Join(".", sorted[i].Key.Where(k => k.Length > 0)) + "`");
            }
            result.Add(sorted[i].Item);
        }
        return new ValueList<T>(result);
    }

    public static IReadOnlyList<string> Key(ColumnMaskingReference r)
        => new[] { r.Dataset.Database, r.Dataset.Schema, r.Dataset.Name, r.Column, r.Tag?.Database ?? "", r.Tag?.Schema ?? "", r.Tag?.Name ?? "" };

    public static IReadOnlyList<string> Key(RowAccessReference r) => Parts(r.Dataset);

    public static IReadOnlyList<string> Key(TagMaskingReference r) => Parts(r.Tag).Concat(Parts(r.Policy)).ToArray();

    public static IReadOnlyList<string> Key(TagAssignmentState a) => Target(a.Target).Concat(Parts(a.Tag)).ToArray();

    /// <summary>A tag target's level (0 database … 3 column), then its names, padded to four.</summary>
    public static string[] Target(TagTarget target) => target switch
    {
        DatabaseTarget d => new[] { "0", d.Database, "", "", "" },
        SchemaTarget s => new[] { "1", s.Schema.Database, s.Schema.Schema, "", "" },
        DatasetTarget t => new[] { "2", t.Dataset.Database, t.Dataset.Schema, t.Dataset.Name, "" },
        ColumnTarget c => new[] { "3", c.Dataset.Database, c.Dataset.Schema, c.Dataset.Name, c.Column },
        _ => throw new ArgumentException("unknown tag target `" + target + "`", nameof(target)),
    };

    private sealed class KeyComparer : IComparer<IReadOnlyList<string>>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return -1;
            if (y is null) return 1;
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                var c = string.CompareOrdinal(x[i], y[i]);
                if (c != 0) return c;
            }
            return x.Count.CompareTo(y.Count);
        }
    }
}
