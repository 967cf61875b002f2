using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Governance.Tests.Generators;
using Governance.Tests.Snowflake;

namespace Governance.Tests.Reporting;

/// <summary>
/// Snapshots whose every name (domains, products, databases, schemas, datasets, columns, roles, owners, tag values)
/// is hostile: the strings of the SQL injection properties, and markup that a browser would run or render.
/// </summary>
internal static class HostileNames
{
    private static readonly string[] Markup =
    {
        "<script>window.__pwned=1</script>", "\"><img src=x onerror=\"window.__pwned=2\">", "'><svg onload='window.__pwned=3'>", "</td></tr></table>",
        "<!--", "-->", "]]>", "&amp;", "&lt;b&gt;", "&#60;i&#62;", "<b>bold</b>", "javascript:alert(1)", "<style>body{display:none}</style>",
        "</textarea><textarea>", "<a href=\"https://evil.example\">x</a>", "| pipe |", "`code`", "*em*", "[link](https://evil.example)", "\u0000", "\r\n",
    };

    public static Gen<string> Name() => Gen.Frequency((3, SqlInjectionPropertyTests.Hostile()), (2, Gen.Elements(Markup)),
        (1, from a in Gen.Elements(Markup) from b in SqlInjectionPropertyTests.Hostile() select a + b));

    /// <summary>A generated snapshot with every name replaced by a hostile one (distinct among siblings).</summary>
    public static Gen<MetadataSnapshot> Snapshot() =>
        from snapshot in SnapshotGen.Snapshot(maxDomains: 2, maxProducts: 2, maxDatasets: 2, maxColumns: 5)
        from names in Gen.ArrayOf(Name(), 400)
        select Rename(snapshot, names);

    /// <summary>Two versions of a pack (<see cref="DiffLawTests.Versions"/>) and a hostile mesh.</summary>
    public static Gen<(RulePack From, RulePack To, MetadataSnapshot Snapshot)> Versions() =>
        from versions in DiffLawTests.Versions
        from snapshot in Snapshot()
        select (versions.From, versions.To, snapshot);

    private static MetadataSnapshot Rename(MetadataSnapshot s, string[] pool)
    {
        var next = 0;
        string Fresh() => pool[next++ % pool.Length] + "#" + next.ToString(CultureInfo.InvariantCulture);
        var roles = s.Roles.ToDictionary(r => r.Name, _ => Fresh(), StringComparer.Ordinal);
        string Role(string r) => roles.TryGetValue(r, out var n) ? n : r;
        TagSet Tags(TagSet t) => TagSet.Create(t.Items.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Key == SnapshotGen.DataDomain ? Fresh() : kv.Value)));
        var domains = s.Domains.Select(d => new Domain(Fresh(), d.Owner is null ? null : Fresh(), d.Products.Select(p => new DataProduct(Fresh(), p.Version, p.Owner is null ? null : Fresh(),
            Fresh(), Fresh(), p.Datasets.Select(ds => new Dataset(Fresh(), ds.Kind, ds.Columns.Select(c => new Column(Fresh(), c.Type, c.Nullable, Tags(c.Tags))).ToArray(), Tags(ds.Tags))).ToArray(),
            Tags(p.Tags))).ToArray())).ToArray();
        return new MetadataSnapshot(s.Roles.Select(r => new RoleDefinition(Role(r.Name), r.Inherits.Select(Role).ToArray())).ToArray(), domains, s.TakenAt);
    }

    /// <summary>What a reader must see for <paramref name="s"/>, written from the rule and not from the library:
    /// control characters, line and paragraph separators and lone surrogates as <c>\uXXXX</c>, everything else as is.</summary>
    public static string Shown(string s)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(s[i - 1]);
            if (char.IsControl(c) || c == '\u2028' || c == '\u2029' || (char.IsSurrogate(c) && !paired)) sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
