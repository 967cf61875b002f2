using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Import;

/// <summary>
/// ODCS v3.0.x and v3.1 data contracts (YAML). Each contract is checked against the official ODCS v3.1.0 JSON Schema
/// (shipped in this assembly; its <c>apiVersion</c> list accepts v3.0.x contracts too), then mapped: the contract is a
/// product, each schema object a dataset, each top-level property a column (docs/import.md, "ODCS"). With
/// <see cref="Lenient"/>, a contract that fails the schema but can be mapped is imported and each schema error is a
/// warning. Input errors are GOV9014.
/// </summary>
public sealed class OdcsSource : ImportSource
{
    public OdcsSource(IReadOnlyList<string> contracts, bool lenient = false, ImportMapping? mapping = null)
    {
        Contracts = contracts ?? throw new ArgumentNullException(nameof(contracts));
        Lenient = lenient;
        Mapping = mapping ?? ImportMapping.Default;
    }

    public IReadOnlyList<string> Contracts { get; }
    public bool Lenient { get; }
    public ImportMapping Mapping { get; }

    public override string GovId => GovIds.InvalidDataContract;

    internal override MetadataSnapshot Read(ImportLog log) => new Odcs.OdcsImporter(this, log).Run();

    /// <summary>
    /// The contract files among <paramref name="paths"/>: files as given, and the <c>*.yaml</c> and <c>*.yml</c> files
    /// under each folder (recursively, in ordinal order).
    /// </summary>
    /// <exception cref="GovernanceInputException">A path does not exist, or a folder holds no contract.</exception>
    public static IReadOnlyList<string> FindContracts(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .OrderBy(f => f, StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                    throw new GovernanceInputException(GovIds.InvalidDataContract, path, null, null, "the folder holds no *.yaml or *.yml file; expected ODCS contracts");
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new GovernanceInputException(GovIds.InvalidDataContract, path, null, null, "no such file or folder; expected an ODCS contract or a folder of contracts");
            }
        }
        return files;
    }
}
