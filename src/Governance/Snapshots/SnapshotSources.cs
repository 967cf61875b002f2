namespace Governance;

/// <summary>
/// Where the objects of an imported snapshot came from, by the target a finding names (<c>DB.SCHEMA[.DATASET[.COLUMN]]</c>):
/// a finding on <c>JAFFLE_SHOP.MAIN.CUSTOMERS.FIRST_NAME</c> names <c>model.jaffle_shop.customers.first_name</c> too.
/// Built after evaluation, from the snapshot, so the evaluator never touches sources.
/// </summary>
public static class SnapshotSources
{
    /// <summary>Every product, dataset and column that has a <see cref="SourceLocation"/>, by its target.</summary>
    public static IReadOnlyDictionary<string, SourceLocation> Index(MetadataSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var domain in snapshot.Domains)
        {
            foreach (var product in domain.Products)
            {
                if (product.Source is { } p) index.TryAdd(Targets.Of(product), p);
                foreach (var dataset in product.Datasets)
                {
                    if (dataset.Source is { } d) index.TryAdd(Targets.Of(product, dataset), d);
                    foreach (var column in dataset.Columns)
                    {
                        if (column.Source is { } c) index.TryAdd(Targets.Of(product, dataset, column), c);
                    }
                }
            }
        }
        return index;
    }
}
