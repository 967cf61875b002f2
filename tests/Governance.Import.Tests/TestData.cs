
namespace Governance.Import.Tests;

/// <summary>The third-party files copied under <c>data/</c> (see data/README.md), as the test output holds them.</summary>
internal static class TestData
{
    public static string Path(params string[] parts)
        => System.IO.Path.Combine(new[] { TestContext.CurrentContext.TestDirectory, "data" }.Concat(parts).ToArray());

    public static string Dbt(string project, string file) => Path("dbt", project, file);

    public static string Odcs(string folder, string file) => Path("odcs", folder, file);

    public const string PiiTags = "jaffle-shop-pii-tags-dbt1.8";
    public const string Duckdb112 = "jaffle-shop-duckdb-dbt1.12";
    public const string BigQuery19 = "jaffle-shop-bigquery-dbt1.9";
    public const string BigQueryV11 = "jaffle-shop-bigquery-dbt1.7-schema-v11";
    public const string Stripe = "fivetran-stripe-postgres-dbt1.12";

    /// <summary>A file of the test's own, in a fresh temporary folder deleted when the test ends (<see cref="TemporaryFoldersAttribute"/>).</summary>
    public static string Temp(string name, string content)
    {
        var dir = TemporaryFoldersAttribute.Create();
        var path = System.IO.Path.Combine(dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static IEnumerable<DataProduct> Products(this MetadataSnapshot s) => s.Domains.SelectMany(d => d.Products);

    public static IEnumerable<Dataset> Datasets(this MetadataSnapshot s) => s.Products().SelectMany(p => p.Datasets);

    public static Dataset Dataset(this MetadataSnapshot s, string name) => s.Datasets().Single(d => d.Name == name);

    public static Column Column(this Dataset d, string name) => d.Columns.Single(c => c.Name == name);

    public static Dictionary<string, string> TagMap(this TagSet tags) => tags.Items.ToDictionary(t => t.Key, t => t.Value);
}
