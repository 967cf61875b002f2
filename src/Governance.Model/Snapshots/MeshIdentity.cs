using System;
using System.Collections.Generic;
using System.Text;

namespace Governance.Snapshots;

/// <summary>
/// The one identity of a product and of a dataset in the mesh: a product is <c>domain/product</c> and a dataset
/// <c>domain/product/DATASET</c>, the stored names joined with <c>/</c>. Selectors, command-line options, messages and
/// reports name products and datasets this way. Inside a name, <c>%</c> is written <c>%25</c> and <c>/</c> is written
/// <c>%2F</c> (upper-case hex, nothing else is escaped), so every identity reads back as exactly one product or dataset
/// and every product or dataset has exactly one identity: <c>ops/eu%2Fnorth</c> is product <c>eu/north</c> of domain
/// <c>ops</c>.
/// <para>
/// This is the mesh's identity, not Snowflake's: where the finding is in Snowflake — what a waiver matches and a
/// Snowflake user searches for — is the target, <c>DB.SCHEMA[.DATASET[.COLUMN]]</c> (<see cref="Governance.Evaluation.Targets"/>).
/// </para>
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class MeshIdentity
{
    /// <summary>The identity of a product: <c>domain/product</c>.</summary>
    public static string Product(string domain, string product)
    {
        if (domain is null) throw new ArgumentNullException(nameof(domain));
        if (product is null) throw new ArgumentNullException(nameof(product));
        var sb = new StringBuilder(domain.Length + product.Length + 1);
        Append(sb, domain).Append('/');
        return Append(sb, product).ToString();
    }

    /// <summary>The identity of a dataset: <c>domain/product/DATASET</c>.</summary>
    public static string Dataset(string domain, string product, string dataset)
    {
        if (dataset is null) throw new ArgumentNullException(nameof(dataset));
        var sb = new StringBuilder(Product(domain, product)).Append('/');
        return Append(sb, dataset).ToString();
    }

    /// <summary>
    /// True when <paramref name="identity"/> is the identity of product <paramref name="product"/> of domain
    /// <paramref name="domain"/>; compares in place, without building the identity.
    /// </summary>
    public static bool IsProduct(string identity, string domain, string product)
    {
        var i = 0;
        return Matches(identity, ref i, domain) && i < identity.Length && identity[i++] == '/' && Matches(identity, ref i, product) && i == identity.Length;
    }

    /// <summary>Reads a product identity; false, with what is wrong, when <paramref name="identity"/> is not one.</summary>
    public static bool TryParseProduct(string identity, out string domain, out string product, out string? problem)
    {
        domain = product = "";
        if (!TryParse(identity, 2, "domain/product", out var names, out problem)) return false;
        domain = names[0];
        product = names[1];
        return true;
    }

    /// <summary>Reads a dataset identity; false, with what is wrong, when <paramref name="identity"/> is not one.</summary>
    public static bool TryParseDataset(string identity, out string domain, out string product, out string dataset, out string? problem)
    {
        domain = product = dataset = "";
        if (!TryParse(identity, 3, "domain/product/DATASET", out var names, out problem)) return false;
        domain = names[0];
        product = names[1];
        dataset = names[2];
        return true;
    }

    /// <summary>Why <paramref name="identity"/> is not a product identity, or null when it is one.</summary>
    public static string? ProductProblem(string identity) => TryParseProduct(identity, out _, out _, out var problem) ? null : problem;

    private static StringBuilder Append(StringBuilder sb, string name)
    {
        foreach (var c in name)
        {
            if (c == '%') sb.Append("%25");
            else if (c == '/') sb.Append("%2F");
            else sb.Append(c);
        }
        return sb;
    }

    /// <summary>Whether <paramref name="name"/>, escaped, is written at <paramref name="i"/>; advances past it.</summary>
    private static bool Matches(string identity, ref int i, string name)
    {
        foreach (var c in name)
        {
            if (c == '%' || c == '/')
            {
                if (i + 3 > identity.Length || identity[i] != '%' || identity[i + 1] != '2' || identity[i + 2] != (c == '%' ? '5' : 'F')) return false;
                i += 3;
            }
            else
            {
                if (i >= identity.Length || identity[i] != c) return false;
                i++;
            }
        }
        return true;
    }

    private static bool TryParse(string identity, int parts, string shape, out List<string> names, out string? problem)
    {
        if (identity is null) throw new ArgumentNullException(nameof(identity));
        names = new List<string>(parts);
        problem = null;
        var sb = new StringBuilder();
        for (var i = 0; i <= identity.Length; i++)
        {
            if (i == identity.Length || identity[i] == '/')
            {
                names.Add(sb.ToString());
                sb.Clear();
                continue;
            }
            var c = identity[i];
            if (c == '%')
            {
                if (i + 2 < identity.Length && identity[i + 1] == '2' && (identity[i + 2] == '5' || identity[i + 2] == 'F'))
                {
                    sb.Append(identity[i + 2] == '5' ? '%' : '/');
                    i += 2;
                    continue;
                }
                problem = "`" + identity + "` is not a " + (parts == 2 ? "product" : "dataset") + ": a `%` in a name is written `%25` (and a `/` `%2F`)";
                return false;
            }
            sb.Append(c);
        }
        if (names.Count != parts || names.Exists(n => n.Length == 0))
        {
            problem = "`" + identity + "` is not a " + (parts == 2 ? "product" : "dataset") + ": expected `" + shape + "`, each name non-empty (a `/` in a name is written `%2F`)";
            return false;
        }
        return true;
    }
}
