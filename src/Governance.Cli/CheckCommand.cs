using System.CommandLine;
using System.Diagnostics;
using Governance.Examples;
using Spectre.Console;

namespace Governance.Cli;

/// <summary><c>governance check</c>: evaluate snapshots against rule packs.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool stderrRedirected, long progressThreshold = CheckProgress.Threshold)
    {
        var snapshots = new Argument<string[]>("snapshot") { Description = "Metadata snapshot files (governance.snapshot/v1).", Arity = ArgumentArity.ZeroOrMore };
        var packs = new Option<string[]>("--pack") { Description = "Rule pack manifests (*.rulepack.json); repeat for several.", AllowMultipleArgumentsPerToken = true };
        var assemblies = new Option<string[]>("--assembly") { Description = "A compiled assembly whose [DataProduct] definitions are checked too; repeat for several.", AllowMultipleArgumentsPerToken = true };
        var waivers = new Option<string?>("--waivers") { Description = "A waiver file: {\"waivers\":[{rule,target,reason,owner,expires}]}." };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "sarif");
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 when an unwaived finding is at least this severe.", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "note", "never");
        var command = new Command("check", "Check metadata snapshots against rule packs. With neither snapshots nor packs, checks the bundled Acme example.")
        {
            snapshots, packs, assemblies, waivers, format, failOn,
        };
        command.SetAction(parse =>
        {
            var snapshotFiles = parse.GetValue(snapshots) ?? Array.Empty<string>();
            var packFiles = parse.GetValue(packs) ?? Array.Empty<string>();
            var input = Inputs.Load(snapshotFiles, packFiles, stderr, parse.GetValue(assemblies) ?? Array.Empty<string>());
            var waiverList = parse.GetValue(waivers) is { } w ? WaiverFile.ReadFile(w) : Array.Empty<Waiver>();
            foreach (var waiver in waiverList)
            {
                if (input.Packs.Find(waiver.Rule) is null)
                    throw new GovernanceInputException(GovIds.InvalidWaivers, parse.GetValue(waivers), null, null, "waiver names rule `" + waiver.Rule + "`, which no loaded pack defines");
            }

            var clock = Stopwatch.StartNew();
            var evaluator = Evaluator.Compile(input.Packs);
            var result = CheckProgress.Evaluate(evaluator, input.Snapshot, waiverList, stderr,
                CheckProgress.Shows(stderrRedirected, input.Snapshot.ColumnCount, progressThreshold));
            clock.Stop();

            switch (parse.GetValue(format))
            {
                case "json":
                    WriteBytes(stdout, s => JsonReport.Write(result, s));
                    break;
                case "sarif":
                    WriteBytes(stdout, s => SarifReport.Write(result, s, GovernanceCli.Version, input.SnapshotUris));
                    break;
                default:
                    TableReport.Write(result, stdout);
                    break;
            }
            var sum = result.Summary;
            stderr.WriteLine(FormattableString.Invariant(
                $"checked {sum.Products} products, {sum.Datasets} datasets, {sum.Columns} columns against {input.Packs.Packs.Count} packs in {clock.Elapsed.TotalMilliseconds:0} ms: {sum.Errors} errors, {sum.Warnings} warnings, {sum.Notes} notes, {sum.Waived} waived"));

            var threshold = parse.GetValue(failOn);
            if (threshold == "never") return GovernanceCli.Ok;
            var level = threshold == "warning" ? Severity.Warning : threshold == "note" ? Severity.Note : Severity.Error;
            return result.HasUnwaivedAtLeast(level) ? GovernanceCli.Violations : GovernanceCli.Ok;
        });
        return command;
    }

    private static void WriteBytes(TextWriter writer, Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        writer.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Flush();
    }
}

/// <summary>Snapshots and packs from files, or the bundled example when neither is given.</summary>
internal sealed record Inputs(MetadataSnapshot Snapshot, PackSet Packs, IReadOnlyList<string> SnapshotUris)
{
    public static Inputs Load(IReadOnlyList<string> snapshotFiles, IReadOnlyList<string> packFiles, TextWriter stderr, IReadOnlyList<string>? assemblyFiles = null)
    {
        assemblyFiles ??= Array.Empty<string>();
        if (snapshotFiles.Count == 0 && packFiles.Count == 0 && assemblyFiles.Count == 0)
        {
            stderr.WriteLine("no snapshot or pack given: using the bundled Acme example (`governance example --out DIR` writes it out)");
            return new Inputs(AcmeExample.Mesh(), PackSet.Create(AcmeExample.Packs()), AcmeExample.SnapshotNames);
        }
        if (packFiles.Count == 0) throw new UsageException("no rule pack given; pass one or more `--pack FILE.rulepack.json`");
        if (snapshotFiles.Count == 0 && assemblyFiles.Count == 0) throw new UsageException("no snapshot given; pass one or more snapshot files or `--assembly FILE.dll`");
        var packSet = LoadPacks(packFiles);
        foreach (var file in snapshotFiles)
        {
            if (!File.Exists(file)) throw new UsageException("snapshot `" + file + "` does not exist");
        }
        var parts = new List<MetadataSnapshot>();
        if (snapshotFiles.Count > 0) parts.Add(SnapshotReader.ReadFiles(snapshotFiles));
        foreach (var file in assemblyFiles) parts.Add(ProductAssemblies.Read(file));
        var snapshot = MetadataSnapshot.Merge(parts);
        var uris = snapshotFiles.Concat(assemblyFiles).Select(f => Path.GetRelativePath(Environment.CurrentDirectory, f).Replace('\\', '/')).ToList();
        return new Inputs(snapshot, packSet, uris);
    }

    /// <summary>The packs of <paramref name="packFiles"/>, layered (each pack's problems name its file).</summary>
    public static PackSet LoadPacks(IReadOnlyList<string> packFiles)
    {
        var sources = new Dictionary<RulePack, string>(ReferenceEqualityComparer.Instance);
        var packs = new List<RulePack>();
        foreach (var file in packFiles)
        {
            var pack = RulePackLoader.LoadFile(file);
            packs.Add(pack);
            sources[pack] = file;
        }
        return PackSet.Create(packs, sources);
    }
}

/// <summary>The human-readable report: findings, then decisions, then a summary.</summary>
internal static class TableReport
{
    public static void Write(EvaluationResult result, TextWriter writer)
    {
        var console = Console(writer, 180);

        var findings = new Table().Border(TableBorder.Simple).Title("Findings");
        findings.AddColumn("Severity").AddColumn("ID").AddColumn("Target").AddColumn("Message").AddColumn("Rule");
        foreach (var f in result.Findings)
        {
            var severity = Names.Of(f.Severity) + (f.Waived ? " (waived)" : "");
            findings.AddRow(Cell(severity), Cell(f.Id), Cell(f.Target), Cell(f.Message), Cell(f.Rule ?? ""));
        }
        console.Write(findings);

        var masking = new Table().Border(TableBorder.Simple).Title("Masking decisions");
        masking.AddColumn("Column").AddColumn("Type").AddColumn("Strategy").AddColumn("Clear for").AddColumn("Rule");
        foreach (var d in result.Masking)
        {
            var reveal = d.RevealClauses.Count == 0 ? "nobody" : string.Join(" and ", d.RevealClauses.Select(c => string.Join(" or ", c)));
            if (d.Conditions.Count > 0) reveal += " when " + string.Join(" and ", d.Conditions.Select(c => c.Column + " = " + c.Value.Text));
            masking.AddRow(Cell(d.Target), Cell(d.Column.Type.Text), Cell(d.Strategy.Describe()), Cell(reveal), Cell(d.Rule.Ref));
        }
        console.Write(masking);

        var rows = new Table().Border(TableBorder.Simple).Title("Row access decisions");
        rows.AddColumn("Dataset").AddColumn("Filter").AddColumn("On").AddColumn("Bypass").AddColumn("Rule");
        foreach (var d in result.RowAccess)
        {
            var on = d.Columns.Count == 0 ? "(missing: deny all)" : string.Join(", ", d.Columns);
            rows.AddRow(Cell(d.Target), Cell(string.Join(" and ", d.Parts.Select(p => p.Filter.Name))), Cell(on),
                Cell(string.Join(" and ", d.Parts.Select(p => string.Join(" or ", p.BypassRoles)))), Cell(string.Join(", ", d.Parts.Select(p => p.Rule.Ref))));
        }
        console.Write(rows);

        var s = result.Summary;
        console.WriteLine(FormattableString.Invariant(
            $"{s.Errors} errors, {s.Warnings} warnings, {s.Notes} notes, {s.Waived} waived; {s.MaskedColumns} masked columns, {s.RowAccessDatasets} datasets with row access ({s.Products} products, {s.Datasets} datasets, {s.Columns} columns)"));
    }

    private static Text Cell(string text) => new(text);

    /// <summary>A plain-text console (no colours, no ANSI) of <paramref name="width"/> characters writing to <paramref name="writer"/>.</summary>
    internal static IAnsiConsole Console(TextWriter writer, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }
}

/// <summary>Product definitions from a compiled assembly.</summary>
internal static class ProductAssemblies
{
    public static MetadataSnapshot Read(string path) => InputAssembly.Use(path, (assembly, file) => ProductDefinitionReader.Read(assembly, file));
}

/// <summary>
/// A user's assembly (rule packs to publish, product definitions to check), loaded in its own collectible context for
/// one use: what the tool has itself (Governance, the BCL) comes from the tool, so types are shared; the assembly's own
/// dependencies come from its folder.
/// </summary>
internal static class InputAssembly
{
    public static T Use<T>(string path, Func<System.Reflection.Assembly, string, T> use)
    {
        if (!File.Exists(path)) throw new UsageException("assembly `" + path + "` does not exist");
        var full = Path.GetFullPath(path);
        var context = new FolderLoadContext(Path.GetDirectoryName(full)!);
        try
        {
            System.Reflection.Assembly assembly;
            try
            {
                assembly = context.LoadFromAssemblyPath(full);
            }
            catch (BadImageFormatException)
            {
                throw new UsageException("`" + path + "` is not a .NET assembly");
            }
            return use(assembly, path);
        }
        finally
        {
            context.Unload();
        }
    }

    private sealed class FolderLoadContext(string folder) : System.Runtime.Loader.AssemblyLoadContext("input", isCollectible: true)
    {
        protected override System.Reflection.Assembly? Load(System.Reflection.AssemblyName name)
        {
            if (Default.Assemblies.Any(a => a.GetName().Name == name.Name)) return null;
            var candidate = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
