using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Governance.Analyzers.Tests.Conformance;

/// <summary>
/// Writes a snapshot as C# product definitions — <c>[DataProduct]</c> classes with nested <c>[Dataset]</c> classes and
/// <c>[Column]</c> properties, every name and type explicit, tags as <c>[Tag]</c> — so that the analyzers (symbols) and
/// the runtime reader (reflection) can be run on the same definitions.
/// </summary>
internal static class DefinitionSource
{
    public static string Render(MetadataSnapshot snapshot)
    {
        var sb = new StringBuilder();
        sb.Append("using Governance;\n\n");
        foreach (var d in snapshot.Domains.Where(d => d.Owner is not null))
            sb.Append("[assembly: DataDomain(").Append(Lit(d.Name)).Append(", Owner = ").Append(Lit(d.Owner!)).Append(")]\n");
        sb.Append("\nnamespace Mesh;\n");
        var p = 0;
        foreach (var domain in snapshot.Domains)
        {
            foreach (var product in domain.Products)
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

    private static string Lit(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
