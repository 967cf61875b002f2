using System.Globalization;
using System.Text;
using Governance.Snapshots;

namespace Governance.Examples.Synthetic;

/// <summary>
/// Writes a snapshot as C# product definitions — <c>[DataProduct]</c> classes with nested <c>[Dataset]</c> classes and
/// <c>[Column]</c> properties, every name and type explicit, tags as <c>[Tag]</c> — so that the analyzers (symbols) and
/// the runtime reader (reflection) can be run on the same definitions. Used by the analyzer conformance tests and the
/// analyzer benchmark (a generated project of many product classes).
/// </summary>
public static class DefinitionSource
{
    public static string Render(MetadataSnapshot snapshot) => Render(snapshot.Domains.SelectMany(d => d.Products.Select(p => (d, p))), snapshot.Domains, 0);

    /// <summary>The given products only (class names numbered from <paramref name="firstClass"/>), with the owners of
    /// <paramref name="domains"/>.</summary>
    public static string Render(IEnumerable<(Domain Domain, DataProduct Product)> products, IEnumerable<Domain> domains, int firstClass)
    {
        var sb = new StringBuilder();
        sb.Append("using Governance;\n\n");
        foreach (var d in domains.Where(d => d.Owner is not null))
            sb.Append("[assembly: DataDomain(").Append(Lit(d.Name)).Append(", Owner = ").Append(Lit(d.Owner!)).Append(")]\n");
        sb.Append("\nnamespace Mesh;\n");
        var p = firstClass;
        foreach (var (domain, product) in products)
        {
            {
                sb.Append('\n').Append("[DataProduct(").Append(Lit(domain.Name)).Append(", ").Append(Lit(product.Name))
                    .Append(", Database = ").Append(Lit(product.Database)).Append(", Schema = ").Append(Lit(product.Schema));
                if (product.Owner is not null) sb.Append(", Owner = ").Append(Lit(product.Owner));
                if (product.Version is not null) sb.Append(", Version = ").Append(Lit(product.Version));
                sb.Append(")]\n");
                Tags(sb, product.Tags, "");
                sb.Append("public static class Product").Append(p++.ToString(CultureInfo.InvariantCulture)).Append("\n{\n");
                var s = 0;
                foreach (var dataset in product.Datasets)
                {
                    sb.Append("    [Dataset(").Append(Lit(dataset.Name)).Append(", Kind = DatasetKind.").Append(dataset.Kind).Append(")]\n");
                    Tags(sb, dataset.Tags, "    ");
                    sb.Append("    public sealed class Dataset").Append(s++.ToString(CultureInfo.InvariantCulture)).Append("\n    {\n");
                    var c = 0;
                    foreach (var column in dataset.Columns)
                    {
                        sb.Append("        [Column(").Append(Lit(column.Name)).Append(", ").Append(Lit(column.Type.Text)).Append(")]\n");
                        Tags(sb, column.Tags, "        ");
                        sb.Append("        public ").Append(column.Nullable ? "string?" : "int").Append(" Column").Append(c++.ToString(CultureInfo.InvariantCulture)).Append(" { get; init; }\n");
                    }
                    sb.Append("    }\n");
                }
                sb.Append("}\n");
            }
        }
        return sb.ToString();
    }

    private static void Tags(StringBuilder sb, TagSet tags, string indent)
    {
        foreach (var t in tags.Items) sb.Append(indent).Append("[Tag(").Append(Lit(t.Key)).Append(", ").Append(Lit(t.Value)).Append(")]\n");
    }

    /// <summary>A C# string literal: quotes and backslashes escaped, every character outside printable ASCII as \uXXXX
    /// (lone surrogates included), so any name survives the round trip.</summary>
    private static string Lit(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c == '"' || c == '\\') sb.Append('\\').Append(c);
            else if (c >= ' ' && c < 0x7f) sb.Append(c);
            else sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }
        return sb.Append('"').ToString();
    }
}
