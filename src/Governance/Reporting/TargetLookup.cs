using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Reporting;

/// <summary>The products, datasets and columns that targets name (<c>DB.SCHEMA[.DATASET[.COLUMN]]</c>).</summary>
public static class TargetLookup
{
    /// <summary>One element of a snapshot: a product of a domain, or a dataset of it, or a column of that.</summary>
    public sealed class Element(Domain domain, DataProduct product, Dataset? dataset, Column? column)
    {
        /// <summary>The product's domain.</summary>
        public Domain Domain { get; } = domain;
        /// <summary>The product, or the product that holds the dataset.</summary>
        public DataProduct Product { get; } = product;
        /// <summary>The dataset, or the column's dataset; null for a product.</summary>
        public Dataset? Dataset { get; } = dataset;
        /// <summary>The column; null for a product or a dataset.</summary>
        public Column? Column { get; } = column;

        /// <summary>The identity of the element's product, <c>domain/product</c> (<see cref="MeshIdentity"/>).</summary>
        public string ProductIdentity => MeshIdentity.Product(Domain.Name, Product.Name);

        /// <summary>
        /// Where the element is written in what the tool read: a column at its line in its dataset's file (the dataset's
        /// line when the column's is unknown), a dataset or product at its own; null when unknown.
        /// </summary>
        public SourceLocation? Location
        {
            get
            {
                if (Column is null) return Dataset is not null ? Dataset.Location : Product.Location;
                if ((Dataset!.Location ?? Product.Location)?.File is not { } file) return null;
                return new SourceLocation(file, line: Column.Line > 0 ? Column.Line : Dataset.Location?.Line);
            }
        }

        /// <summary>Where an importer found the element itself (its <c>source</c>), or null.</summary>
        public SourceLocation? Source => Column is not null ? Column.Source : Dataset is not null ? Dataset.Source : Product.Source;
    }

    /// <summary>
    /// The elements <paramref name="targets"/> name. Only the datasets and columns under a wanted prefix are visited, so
    /// a few targets in a large mesh cost little.
    /// </summary>
    public static IReadOnlyDictionary<string, Element> Find(MetadataSnapshot snapshot, IEnumerable<string> targets)
    {
        var wanted = new HashSet<string>(targets, StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in wanted)
        {
            for (var i = t.IndexOf('.', StringComparison.Ordinal); i >= 0; i = t.IndexOf('.', i + 1)) prefixes.Add(t.Substring(0, i));
        }
        var found = new Dictionary<string, Element>(StringComparer.Ordinal);
        foreach (var domain in snapshot.Domains)
        {
            foreach (var p in domain.Products)
            {
                var pt = Targets.Of(p);
                if (wanted.Contains(pt)) found.TryAdd(pt, new Element(domain, p, null, null));
                if (!prefixes.Contains(pt)) continue;
                foreach (var d in p.Datasets)
                {
                    var dt = Targets.Of(p, d);
                    if (wanted.Contains(dt)) found.TryAdd(dt, new Element(domain, p, d, null));
                    if (!prefixes.Contains(dt)) continue;
                    foreach (var c in d.Columns)
                    {
                        var ct = dt + "." + c.Name;
                        if (wanted.Contains(ct)) found.TryAdd(ct, new Element(domain, p, d, c));
                    }
                }
            }
        }
        return found;
    }
}
