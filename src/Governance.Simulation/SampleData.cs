using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Governance.Snowflake;
using Governance.Snapshots;

namespace Governance.Simulation;

/// <summary>
/// Realistic sample rows for a dataset, by column name and data type: e-mails, phones, SSNs, regions, countries,
/// currencies, names, amounts, identifiers, dates, timestamps, booleans. The same (seed, dataset) gives the same
/// rows whatever the role and whatever the other datasets; a nullable column (other than an identifier) is NULL in
/// about one row in ten. Values are DuckDB input text (<c>12.50</c>, <c>2025-03-14</c>, <c>2025-03-14 09:26:53</c>),
/// cast to the column's type when loaded. An external table's <c>VALUE</c> holds its whole row: a JSON object of the
/// other columns' values (name → text, or null), never NULL.
/// </summary>
public static class SampleData
{
    /// <summary>The values a text column named like <c>REGION</c> takes (also the default entitlement values).</summary>
    public static IReadOnlyList<string>? Vocabulary(string columnName)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        var n = columnName.ToUpperInvariant();
        foreach (var (key, values) in Vocabularies)
        {
            if (n.Contains(key, StringComparison.Ordinal)) return values;
        }
        return null;
    }

    private static readonly (string Key, string[] Values)[] Vocabularies =
    {
        ("REGION", new[] { "EMEA", "AMER", "APAC", "LATAM" }),
        ("COUNTRY", new[] { "DE", "FR", "GB", "US", "BR", "JP", "IN" }),
        ("CURRENCY", new[] { "EUR", "USD", "GBP", "JPY" }),
        ("STATUS", new[] { "open", "paid", "pending", "cancelled" }),
        ("CITY", new[] { "Berlin", "Lyon", "Leeds", "Austin", "Recife", "Osaka", "Pune" }),
        ("CHANNEL", new[] { "web", "store", "partner", "phone" }),
    };

    private static readonly string[] FirstNames = { "ada", "alan", "grace", "edsger", "barbara", "donald", "frances", "ken", "margaret", "niklaus" };
    private static readonly string[] LastNames = { "lovelace", "turing", "hopper", "dijkstra", "liskov", "knuth", "allen", "thompson", "hamilton", "wirth" };
    private static readonly string[] MailDomains = { "acme.example", "mail.example", "example.org" };
    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary><paramref name="rows"/> rows for <paramref name="dataset"/> of <paramref name="target"/> (<c>DB.SCHEMA.DATASET</c>).</summary>
    public static IReadOnlyList<string?[]> Rows(string target, Dataset dataset, int rows, int seed)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        var rng = new SplitMix64(seed ^ (int)Fnv(target));
        var result = new List<string?[]>(rows);
        for (var r = 0; r < rows; r++)
        {
            // One person per row: its name columns and its e-mail agree.
            var person = (First: FirstNames[rng.Next(FirstNames.Length)], Last: LastNames[rng.Next(LastNames.Length)]);
            var row = new string?[dataset.Columns.Count];
            var value = -1;
            for (var c = 0; c < dataset.Columns.Count; c++)
            {
                var column = dataset.Columns[c];
                if (dataset.Kind == DatasetKind.ExternalTable && column.Name == SnowflakePlanner.ExternalValueColumn)
                {
                    value = c; // written from the others below, drawing nothing: the other columns' values do not depend on it
                    continue;
                }
                var isId = IsIdentifier(column.Name);
                var text = Value(column, r, person, rng);
                row[c] = column.Nullable && !isId && rng.Chance(0.1) ? null : text;
            }
            if (value >= 0) row[value] = WholeRow(dataset, row, value);
            result.Add(row);
        }
        return result;
    }

    // An external table's VALUE: the row as a JSON object, its columns in order (as a CSV file's row reads: text values).
    private static string WholeRow(Dataset dataset, string?[] row, int value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            for (var c = 0; c < row.Length; c++)
            {
                if (c == value) continue;
                if (row[c] is { } text) w.WriteString(dataset.Columns[c].Name, text);
                else w.WriteNull(dataset.Columns[c].Name);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool IsIdentifier(string name)
    {
        var n = name.ToUpperInvariant();
        return n == "ID" || n.EndsWith("_ID", StringComparison.Ordinal) || n.EndsWith("ID", StringComparison.Ordinal) && n.Length > 2 && !char.IsAsciiLetterUpper(n[^3]);
    }

    private static string Value(Column column, int row, (string First, string Last) person, SplitMix64 rng)
    {
        var type = column.Type;
        var name = column.Name.ToUpperInvariant();
        var inv = CultureInfo.InvariantCulture;
        switch (type.Family)
        {
            case DataTypeFamily.Text:
                return Fit(Text(name, row, person, rng), type.Length);
            case DataTypeFamily.Numeric:
                if (type.Kind != SnowflakeTypeKind.Number) return (rng.Next(100_000) / 100.0).ToString("0.00", inv);
                var integerDigits = Math.Max(type.Precision - type.Scale, 0);
                var max = integerDigits >= 9 ? 1_000_000_000L : (long)Math.Pow(10, integerDigits) - 1;
                if (IsIdentifier(name)) return Scaled(Math.Min(row + 1, max), 0, type.Scale);
                if (name.EndsWith("YEAR", StringComparison.Ordinal) && max >= 2025) return Scaled(2000 + rng.Next(26), 0, type.Scale);
                var whole = Math.Min(max, name.Contains("QUANTITY", StringComparison.Ordinal) || name.Contains("COUNT", StringComparison.Ordinal) ? 50 : 10_000);
                return Scaled(rng.Next((int)Math.Min(whole + 1, int.MaxValue)), type.Scale == 0 ? 0 : rng.Next(100), type.Scale);
            case DataTypeFamily.Boolean:
                return rng.Chance(0.5) ? "true" : "false";
            case DataTypeFamily.Date:
                return Epoch.AddDays(rng.Next(731)).ToString("yyyy-MM-dd", inv);
            case DataTypeFamily.Time:
                return TimeSpan.FromSeconds(rng.Next(86_400)).ToString("hh\\:mm\\:ss", inv);
            case DataTypeFamily.Timestamp:
                var ts = Epoch.AddDays(rng.Next(731)).AddSeconds(rng.Next(86_400)).ToString("yyyy-MM-dd HH:mm:ss", inv);
                return type.Kind == SnowflakeTypeKind.TimestampNtz ? ts : ts + "+00";
            case DataTypeFamily.Binary:
                return rng.NextULong().ToString("X16", inv);
            case DataTypeFamily.Geospatial:
                return "POINT(" + (rng.Next(360) - 180).ToString(inv) + " " + (rng.Next(180) - 90).ToString(inv) + ")";
            default:
                return "{\"id\":" + (row + 1).ToString(inv) + "}";
        }
    }

    private static string Text(string name, int row, (string First, string Last) person, SplitMix64 rng)
    {
        var inv = CultureInfo.InvariantCulture;
        if (Vocabulary(name) is { } values) return values[rng.Next(values.Count)];
        var (first, last) = person;
        if (name.Contains("EMAIL", StringComparison.Ordinal))
            return first + "." + last + rng.Next(100).ToString(inv) + "@" + MailDomains[rng.Next(MailDomains.Length)];
        if (name.Contains("PHONE", StringComparison.Ordinal)) return "+1-555-" + rng.Next(10_000).ToString("D4", inv);
        if (name.Contains("SSN", StringComparison.Ordinal))
            return (100 + rng.Next(800)).ToString(inv) + "-" + (10 + rng.Next(90)).ToString(inv) + "-" + rng.Next(10_000).ToString("D4", inv);
        if (name.Contains("FIRST_NAME", StringComparison.Ordinal)) return Capital(first);
        if (name.Contains("LAST_NAME", StringComparison.Ordinal)) return Capital(last);
        if (name.Contains("NAME", StringComparison.Ordinal)) return Capital(first) + " " + Capital(last);
        if (name.Contains("ADDRESS", StringComparison.Ordinal) || name.Contains("STREET", StringComparison.Ordinal))
            return (1 + rng.Next(200)).ToString(inv) + " " + Capital(last) + " Street";
        var prefix = new StringBuilder();
        foreach (var ch in name.ToLowerInvariant()) prefix.Append(char.IsAsciiLetterOrDigit(ch) ? ch : '-');
        return prefix.ToString().Trim('-') + "-" + (row + 1).ToString(inv);
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    // A VARCHAR(n) column holds at most n characters.
    private static string Fit(string value, int length)
    {
        var runes = value.EnumerateRunes().ToArray();
        return runes.Length <= length ? value : string.Concat(runes.Take(length).Select(r => r.ToString()));
    }

    private static string Scaled(long whole, int fraction, int scale)
    {
        var inv = CultureInfo.InvariantCulture;
        if (scale == 0) return whole.ToString(inv);
        var digits = fraction.ToString("D2", inv);
        digits = scale >= 2 ? digits + new string('0', scale - 2) : digits[..scale];
        return whole.ToString(inv) + "." + digits;
    }

    // FNV-1a over the UTF-8 bytes: a stable hash of a dataset's name, the same on every runtime.
    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text)) hash = unchecked((hash ^ b) * 16777619u);
        return hash;
    }
}
