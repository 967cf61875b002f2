using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Import;

/// <summary>
/// A dbt project's artifacts: <c>manifest.json</c> (schema v11 or v12, dbt 1.7 to 1.12) and, optionally, the
/// <c>catalog.json</c> that <c>dbt docs generate</c> writes beside it, for the column types the database reports.
/// The mapping is docs/import.md's "dbt" section; input errors are GOV9013.
/// </summary>
public sealed class DbtSource : ImportSource
{
    /// <summary>The manifest schema versions this importer reads.</summary>
    public static readonly IReadOnlyList<string> ManifestVersions = new[]
    {
        "https://schemas.getdbt.com/dbt/manifest/v11.json",
        "https://schemas.getdbt.com/dbt/manifest/v12.json",
    };

    public const string CatalogVersion = "https://schemas.getdbt.com/dbt/catalog/v1.json";

    public DbtSource(string manifest, string? catalog = null, ImportMapping? mapping = null)
    {
        Manifest = manifest ?? throw new ArgumentNullException(nameof(manifest));
        Catalog = catalog;
        Mapping = mapping ?? ImportMapping.Default;
    }

    public string Manifest { get; }
    public string? Catalog { get; }
    public ImportMapping Mapping { get; }

    public override string GovId => GovIds.InvalidDbtArtifact;

    internal override MetadataSnapshot Read(ImportLog log) => new Dbt.DbtImporter(this, log).Run();
}
