using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Governance.Import;
using Governance.Simulation;
using Governance.Snapshots;

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
        var command = new GovernanceCommand("import", "Import dbt artifacts, ODCS data contracts or the Snowflake catalog (saved or live) as a metadata snapshot.")
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
        var columns = new Option<string?>("--columns") { Description = "A saved INFORMATION_SCHEMA.COLUMNS result (CSV or JSON, as Snowsight exports it).", HelpName = "FILE" };
        var tags = new Option<string?>("--tags") { Description = "A saved TAG_REFERENCES_ALL_COLUMNS / TAG_REFERENCES result (CSV or JSON).", HelpName = "FILE" };
        var account = new AccountOptions();
        var emulator = new Option<string?>("--emulator") { Description = "Read the catalog of this emulated account (a DuckDB file, see `governance apply`).", HelpName = "FILE.duckdb" };
        var databases = new Option<string[]>("--database") { Description = "With an account: a database to read, as Snowflake stores its name (ANALYTICS); repeat for several.", HelpName = "NAME" };
        var mapping = Mapping();
        var output = Out();
        var command = new GovernanceCommand("snowflake", "Import the Snowflake catalog, from saved query results or read live from an account, as a snapshot.")
        {
            Examples = new[] { SnowflakeExample, SnowflakeLiveExample },
        };
        foreach (var o in new Option[] { columns, tags, account.ConnectionString, account.Provider, emulator, databases, mapping, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var columnsFile = parse.GetValue(columns);
            var tagsFile = parse.GetValue(tags);
            var names = parse.GetValue(databases) ?? Array.Empty<string>();
            var files = columnsFile is not null || tagsFile is not null;
            if (files && (parse.GetValue(account.ConnectionString) is not null || parse.GetValue(account.Provider) is not null || parse.GetValue(emulator) is not null || names.Length > 0))
                throw new UsageException("read the catalog either from saved results (`--columns FILE [--tags FILE]`) or from an account (`--connection-string …` with `--provider-assembly PATH`, or `--emulator FILE.duckdb`, and `--database NAME`), not both");
            var map = ReadMapping(parse.GetValue(mapping));
            if (files)
            {
                if (columnsFile is null) throw new UsageException("`--tags` goes with `--columns FILE`: the columns are what the tags are on");
                return Run(new SnowflakeCatalogFiles(columnsFile, tagsFile, map), new[] { columnsFile, tagsFile }, parse.GetValue(output)!, stderr, progressBytes);
            }
            var emulated = parse.GetValue(emulator);
            var secrets = emulated is null ? account.Connection(parse) : parse.GetValue(account.ConnectionString);
            if (secrets is null && emulated is null)
                throw new UsageException("name the catalog: `--columns FILE [--tags FILE]`, or an account: `--connection-string …` (or the " + AccountOptions.ConnectionVariable
                    + " environment variable) with `--provider-assembly PATH`, or `--emulator FILE.duckdb`; with `--database NAME`");
            if (names.Length == 0) throw new UsageException("name the databases to read: `--database NAME`, once per database");
            return AccountConnection.Read(secrets, parse.GetValue(account.Provider), emulated, (connection, source) =>
            {
                var result = ReadCatalog(new SnowflakeCatalogConnection(connection, names, map), source, secrets, stderr);
                return Write(result, parse.GetValue(output)!, stderr);
            });
        });
        return command;
    }

    private const string SnowflakeLiveExample = "governance import snowflake --connection-string \"account=acme;user=importer;authenticator=externalbrowser\" --provider-assembly lib/Snowflake.Data.dll --database SALES --out mesh.snapshot.json";

    // The catalog read over a connection; a failing query is an input error (exit 2) with the server's message, secrets redacted.
    private static ImportResult ReadCatalog(SnowflakeCatalogConnection source, string name, string? secrets, TextWriter stderr)
    {
        try
        {
            return Import(source, Array.Empty<string>(), stderr);
        }
        catch (Exception e) when (e is DbException or SimulationException)
        {
            throw new UsageException("cannot read the catalog of " + name + ": " + AccountConnection.Redact(AccountConnection.Message(e), secrets));
        }
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
        => Write(Import(source, inputs, stderr, progressBytes), output, stderr);

    private static int Write(ImportResult result, string output, TextWriter stderr)
    {
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
