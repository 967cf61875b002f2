using System.CommandLine;
using System.Globalization;
using Governance.Import;

namespace Governance.Cli;

/// <summary>
/// <c>governance import dbt|odcs|snowflake</c>: reads dbt artifacts, ODCS contracts or a saved Snowflake catalog and
/// writes a metadata snapshot (docs/import.md). Warnings and progress go to stderr; the snapshot is written only when
/// the whole import succeeded.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Inputs larger than this (all files together) report progress on stderr.</summary>
    public const long ProgressBytes = 16L * 1024 * 1024;

    /// <summary>The command; inputs larger than <paramref name="progressBytes"/> report progress (tests lower it).</summary>
    public static Command Create(TextWriter stderr, long progressBytes = ProgressBytes)
    {
        var command = new GovernanceCommand("import", "Import dbt artifacts, ODCS data contracts or a saved Snowflake catalog as a metadata snapshot.")
        {
            Examples = new[] { DbtExample, OdcsExample, SnowflakeExample },
        };
        command.Subcommands.Add(Dbt(stderr, progressBytes));
        command.Subcommands.Add(Odcs(stderr, progressBytes));
        command.Subcommands.Add(Snowflake(stderr, progressBytes));
        return command;
    }

    private const string DbtExample = "governance import dbt --manifest target/manifest.json --catalog target/catalog.json --out mesh.snapshot.json";
    private const string OdcsExample = "governance import odcs contracts/ --mapping mapping.yaml --out mesh.snapshot.json";
    private const string SnowflakeExample = "governance import snowflake --columns columns.csv --tags tags.csv --out mesh.snapshot.json";

    private static Option<string> Out() => new("--out") { Description = "The snapshot file to write (governance.snapshot/v1).", Required = true, HelpName = "FILE" };

    /// <summary>The mapping option of the import commands and of the commands that read the importers' sources directly.</summary>
    internal static Option<string?> Mapping() => new("--mapping") { Description = "An import mapping file: domains and products, tag names, packages (docs/import.md).", HelpName = "FILE" };

    private static Command Dbt(TextWriter stderr, long progressBytes)
    {
        var manifest = new Option<string>("--manifest") { Description = "dbt's target/manifest.json (schema v11 or v12).", Required = true, HelpName = "FILE" };
        var catalog = new Option<string?>("--catalog") { Description = "dbt's target/catalog.json (from `dbt docs generate`), for column types.", HelpName = "FILE" };
        var mapping = Mapping();
        var output = Out();
        var command = new GovernanceCommand("dbt", "Import a dbt project's manifest (and catalog) as a snapshot.") { Examples = new[] { DbtExample } };
        foreach (var o in new Option[] { manifest, catalog, mapping, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var manifestFile = parse.GetValue(manifest)!;
            var catalogFile = parse.GetValue(catalog);
            var source = new DbtSource(manifestFile, catalogFile, ReadMapping(parse.GetValue(mapping)));
            return Run(source, new[] { manifestFile, catalogFile }, parse.GetValue(output)!, stderr, progressBytes);
        });
        return command;
    }

    private static Command Odcs(TextWriter stderr, long progressBytes)
    {
        var paths = new Argument<string[]>("contract") { Description = "ODCS v3 contract files (YAML), or folders of *.yaml / *.yml contracts.", Arity = ArgumentArity.OneOrMore, HelpName = "CONTRACT" };
        var lenient = new Option<bool>("--lenient") { Description = "Import contracts that fail the ODCS v3.1.0 schema but can be mapped; schema errors become warnings." };
        var mapping = Mapping();
        var output = Out();
        var command = new GovernanceCommand("odcs", "Import ODCS v3.0/v3.1 data contracts as a snapshot: one product per contract.") { Examples = new[] { OdcsExample } };
        command.Arguments.Add(paths);
        foreach (var o in new Option[] { lenient, mapping, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var files = OdcsSource.FindContracts(parse.GetValue(paths)!);
            var source = new OdcsSource(files, parse.GetValue(lenient), ReadMapping(parse.GetValue(mapping)));
            return Run(source, files, parse.GetValue(output)!, stderr, progressBytes);
        });
        return command;
    }

    private static Command Snowflake(TextWriter stderr, long progressBytes)
    {
        var columns = new Option<string>("--columns") { Description = "A saved INFORMATION_SCHEMA.COLUMNS result (CSV or JSON, as Snowsight exports it).", Required = true, HelpName = "FILE" };
        var tags = new Option<string?>("--tags") { Description = "A saved TAG_REFERENCES_ALL_COLUMNS / TAG_REFERENCES result (CSV or JSON).", HelpName = "FILE" };
        var mapping = Mapping();
        var output = Out();
        var command = new GovernanceCommand("snowflake", "Import the Snowflake catalog from saved query results as a snapshot.") { Examples = new[] { SnowflakeExample } };
        foreach (var o in new Option[] { columns, tags, mapping, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var columnsFile = parse.GetValue(columns)!;
            var tagsFile = parse.GetValue(tags);
            var source = new SnowflakeCatalogFiles(columnsFile, tagsFile, ReadMapping(parse.GetValue(mapping)));
            return Run(source, new[] { columnsFile, tagsFile }, parse.GetValue(output)!, stderr, progressBytes);
        });
        return command;
    }

    internal static ImportMapping ReadMapping(string? file) => file is null ? ImportMapping.Default : ImportMapping.ReadFile(file);

    /// <summary>
    /// Imports <paramref name="source"/>, with progress on stderr when its <paramref name="inputs"/> are larger than
    /// <paramref name="progressBytes"/>, and its warnings on stderr.
    /// </summary>
    internal static ImportResult Import(ImportSource source, IEnumerable<string?> inputs, TextWriter stderr, long progressBytes = ProgressBytes)
    {
        var size = 0L;
        foreach (var file in inputs)
        {
            if (file is not null && File.Exists(file)) size += new FileInfo(file).Length;
        }
        var progress = size > progressBytes ? new StderrProgress(stderr) : null;
        var result = SnapshotImport.Import(source, progress);
        foreach (var warning in result.Warnings) stderr.WriteLine("warning " + warning.GovId + ": " + warning);
        return result;
    }

    private static int Run(ImportSource source, IEnumerable<string?> inputs, string output, TextWriter stderr, long progressBytes)
    {
        var result = Import(source, inputs, stderr, progressBytes);
        Output.WriteAll(new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
        {
            [Path.GetFullPath(output)] = stream => SnapshotWriter.Write(result.Snapshot, stream),
        });
        var snapshot = result.Snapshot;
        var products = snapshot.Domains.Sum(d => d.Products.Count);
        var datasets = snapshot.Domains.Sum(d => d.Products.Sum(p => p.Datasets.Count));
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {output}: {snapshot.Domains.Count} domains, {products} products, {datasets} datasets, {snapshot.ColumnCount} columns ({result.Warnings.Count} warnings)"));
        return GovernanceCli.Ok;
    }

    /// <summary>Progress lines on stderr, synchronously (no thread-pool hop, so lines keep their order).</summary>
    private sealed class StderrProgress(TextWriter stderr) : IProgress<string>
    {
        public void Report(string value) => stderr.WriteLine(value);
    }
}
