using System.CommandLine;
using Governance.Import;
using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Cli;

/// <summary>
/// The importers' sources that <c>check</c>, <c>plan</c> and <c>simulate</c> read directly, beside snapshot files:
/// <c>--dbt DIR_OR_MANIFEST</c> (a dbt <c>target/</c> folder: its manifest.json and, when there, catalog.json),
/// <c>--odcs PATH</c> (an ODCS contract or a folder of contracts) and the import commands' <c>--mapping FILE</c>.
/// Each is imported as <c>governance import</c> would (warnings and, for large inputs, progress on stderr), so a
/// domain team's CI runs <c>governance check --dbt target/ --pack …</c> with nothing in between.
/// </summary>
internal sealed class SourceOptions
{
    public Option<string[]> Dbt { get; } = CommandLine.Repeated("--dbt", "DIR_OR_MANIFEST",
        "A dbt project's target/ folder (its manifest.json and catalog.json) or a manifest.json, imported as `governance import dbt` does.");

    public Option<string[]> Odcs { get; } = CommandLine.Repeated("--odcs", "PATH",
        "An ODCS v3 data contract (YAML) or a folder of contracts, imported as `governance import odcs` does.");

    public Option<string?> Mapping { get; } = ImportCommand.Mapping();

    public IEnumerable<Option> All => new Option[] { Dbt, Odcs, Mapping };

    /// <summary>The sources the command line names, imported (none when it names none).</summary>
    public IReadOnlyList<ImportedInput> Read(System.CommandLine.ParseResult parse, TextWriter stderr)
    {
        var dbt = parse.GetValue(Dbt) ?? Array.Empty<string>();
        var odcs = parse.GetValue(Odcs) ?? Array.Empty<string>();
        var mappingFile = parse.GetValue(Mapping);
        if (dbt.Length == 0 && odcs.Length == 0)
        {
            if (mappingFile is not null) throw new UsageException("`--mapping` maps what `--dbt` or `--odcs` imports; give one of them too");
            return Array.Empty<ImportedInput>();
        }
        return Import(dbt, odcs, mappingFile, stderr);
    }

    // Apart, so that a command without --dbt or --odcs never loads the importers' assembly (start-up time).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static List<ImportedInput> Import(string[] dbt, string[] odcs, string? mappingFile, TextWriter stderr)
    {
        var mapping = ImportCommand.ReadMapping(mappingFile);
        var imported = new List<ImportedInput>();
        foreach (var path in dbt)
        {
            var (manifest, catalog) = DbtFiles(path);
            var result = ImportCommand.Import(new DbtSource(manifest, catalog, mapping), new[] { manifest, catalog }, stderr);
            imported.Add(new ImportedInput(result.Snapshot, manifest, GovIds.InvalidDbtArtifact));
        }
        if (odcs.Length > 0)
        {
            var files = OdcsSource.FindContracts(odcs);
            var result = ImportCommand.Import(new OdcsSource(files, lenient: false, mapping), files, stderr);
            imported.Add(new ImportedInput(result.Snapshot, files[0], GovIds.InvalidDataContract));
        }
        return imported;
    }

    /// <summary>A <c>target/</c> folder's manifest.json and catalog.json (when there), or a manifest file alone.</summary>
    internal static (string Manifest, string? Catalog) DbtFiles(string path)
    {
        if (Directory.Exists(path))
        {
            var manifest = Path.Combine(path, "manifest.json");
            if (!File.Exists(manifest))
                throw new GovernanceInputException(GovIds.InvalidDbtArtifact, path, null, null,
                    "the folder holds no manifest.json; expected dbt's target/ folder (run `dbt compile` or `dbt build` first) or the manifest's path");
            var catalog = Path.Combine(path, "catalog.json");
            return (manifest, File.Exists(catalog) ? catalog : null);
        }
        if (!File.Exists(path))
            throw new GovernanceInputException(GovIds.InvalidDbtArtifact, path, null, null, "no such file or folder; expected dbt's target/ folder or its manifest.json");
        return (path, null);
    }
}

/// <summary>A snapshot an importer read for a command, the file a report names for it, and the GOV ID of a problem found when it is merged with the other inputs.</summary>
internal sealed record ImportedInput(MetadataSnapshot Snapshot, string File, string GovId);
