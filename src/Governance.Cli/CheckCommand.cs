using System.CommandLine;
using System.Diagnostics;
using Governance.Examples;
using Governance.Reporting;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Cli;

/// <summary><c>governance check</c>: evaluate snapshots against rule packs.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, bool stderrRedirected, long progressThreshold = CheckProgress.Threshold, int? stdoutWidth = null)
    {
        var snapshots = Inputs.SnapshotArgument();
        var packs = Inputs.PackOption();
        var assemblies = Inputs.AssemblyOption();
        var waivers = Inputs.WaiversOption();
        var format = CommandLine.Choice("--format", "Output format.", "table", "json", "sarif");
        var failOn = CommandLine.Choice("--fail-on", "Exit 1 when an unwaived finding is at least this severe.", "error", "warning", "note", "never");
        var waiverDays = Inputs.WaiverDaysOption();
        var sources = new SourceOptions();
        var all = new Option<bool>("--all") { Description = "Table: every row of every section (a section of more than " + GroupedSection.Threshold
            + " rows is otherwise grouped by rule, with the first " + GroupedSection.FirstRows + " rows of each)." };
        var docsUrl = new Option<string?>("--docs-url") { Description = "SARIF: the documentation the rules' help links point at (default: $GOVERNANCE_DOCS_URL, else the URL the tool was built with).", HelpName = "URL" };
        var command = new GovernanceCommand("check", "Check metadata snapshots against rule packs. With neither snapshots nor packs, checks the bundled Acme example.")
        {
            Examples = new[]
            {
                "governance check                                                        # the bundled example",
                "governance check mesh.snapshot.json --pack acme-global.rulepack.json",
                "governance check a.snapshot.json b.snapshot.json --pack global.rulepack.json --pack sales.rulepack.json",
                "governance check mesh.snapshot.json --pack acme-global.rulepack.json --format sarif > governance.sarif",
                "governance check mesh.snapshot.json --pack acme-global.rulepack.json --all                # every row, never grouped by rule",
                "governance check --assembly bin/Release/net10.0/Acme.Sales.Products.dll --pack acme-global.rulepack.json",
                "governance check mesh.snapshot.json --pack acme-global.rulepack.json --waivers waivers.json --fail-on warning",
                "governance check --dbt target/ --pack acme-global.rulepack.json                # a dbt project, as dbt left it",
                "governance check --odcs contracts/ --mapping mapping.yaml --pack acme-global.rulepack.json",
            },
        };
        command.Arguments.Add(snapshots);
        foreach (var o in new Option[] { packs, assemblies, waivers, format, all, failOn, waiverDays, docsUrl }) command.Options.Add(o);
        foreach (var o in sources.All) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var snapshotFiles = parse.GetValue(snapshots) ?? Array.Empty<string>();
            var packFiles = parse.GetValue(packs) ?? Array.Empty<string>();
            var input = Inputs.Load(snapshotFiles, packFiles, stderr, parse.GetValue(assemblies) ?? Array.Empty<string>(), sources.Read(parse, stderr));
            var waiverList = input.Waivers(parse.GetValue(waivers));

            var clock = Stopwatch.StartNew();
            var evaluator = Evaluator.Compile(input.Packs);
            var result = CheckProgress.Evaluate(evaluator, input.Snapshot, waiverList, stderr,
                CheckProgress.Shows(stderrRedirected, input.Snapshot.ColumnCount, progressThreshold), parse.GetValue(waiverDays));
            clock.Stop();

            switch (parse.GetValue(format))
            {
                case "json":
                    WriteBytes(stdout, s => JsonReport.Write(result, s, input.Snapshot));
                    break;
                case "sarif":
                    WriteBytes(stdout, s => SarifReport.Write(result, s, GovernanceCli.Version, input.SnapshotUris, input.Snapshot,
                        DocsUrl.Resolve(parse.GetValue(docsUrl))));
                    break;
                default:
                    // Written whole, in one call: a console writer flushes on every write.
                    var table = new StringWriter();
                    TableReport.Write(result, table, stdoutWidth, input.Snapshot, parse.GetValue(all));
                    stdout.Write(table.ToString());
                    stdout.Flush();
                    break;
            }
            var sum = result.Summary;
            stderr.WriteLine("checked " + Display.Count(sum.Products, "product") + ", " + Display.Count(sum.Datasets, "dataset") + ", "
                + Display.Count(sum.Columns, "column") + " against " + Display.Count(input.Packs.Packs.Count, "pack") + " in "
                + clock.Elapsed.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms: " + TableReport.Counts(sum));

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
    /// <summary>The snapshot files every command that reads a mesh takes.</summary>
    public static Argument<string[]> SnapshotArgument()
        => new("snapshot") { Description = "Metadata snapshot files (governance.snapshot/v1).", Arity = ArgumentArity.ZeroOrMore, HelpName = "SNAPSHOT" };

    public static Option<string[]> PackOption() => CommandLine.Repeated("--pack", "MANIFEST", "A rule pack manifest (*.rulepack.json).");

    public static Option<string[]> AssemblyOption()
        => CommandLine.Repeated("--assembly", "DLL", "A compiled assembly whose [DataProduct] definitions are checked too (build it with `-p:RunAnalyzers=false` while the analyzers report errors).");

    public static Option<string?> WaiversOption()
        => new("--waivers") { Description = "A waiver file: {\"waivers\":[{rule,target,reason,owner,expires}]}.", HelpName = "FILE" };

    public static Option<int> WaiverDaysOption()
        => new("--max-waiver-days") { Description = "A waiver expiring further ahead than this is reported (GOV9008).", HelpName = "DAYS", DefaultValueFactory = _ => Waiver.DefaultHorizonDays };

    /// <summary>The waivers of <paramref name="file"/> (none when null); a waiver of a rule that neither <see cref="Packs"/>
    /// nor <paramref name="otherVersion"/> (<c>diff</c>'s new version) defines is an input error.</summary>
    public IReadOnlyList<Waiver> Waivers(string? file, PackSet? otherVersion = null)
    {
        if (file is null) return Array.Empty<Waiver>();
        var list = WaiverFile.ReadFile(file);
        foreach (var waiver in list)
        {
            if (Packs.Find(waiver.Rule) is null && otherVersion?.Find(waiver.Rule) is null)
                throw new GovernanceInputException(GovIds.InvalidWaivers, file, null, null, "waiver names rule `" + waiver.Rule + "`, which no loaded pack defines"
                    + Suggestions.DidYouMean(waiver.Rule, Packs.AllRules.Concat(otherVersion?.AllRules ?? Enumerable.Empty<BoundRule>()).Select(r => r.Ref).Distinct(StringComparer.Ordinal)));
        }
        return list;
    }

    public static Inputs Load(IReadOnlyList<string> snapshotFiles, IReadOnlyList<string> packFiles, TextWriter stderr, IReadOnlyList<string>? assemblyFiles = null,
        IReadOnlyList<ImportedInput>? imported = null)
    {
        assemblyFiles ??= Array.Empty<string>();
        imported ??= Array.Empty<ImportedInput>();
        if (snapshotFiles.Count == 0 && packFiles.Count == 0 && assemblyFiles.Count == 0 && imported.Count == 0)
        {
            stderr.WriteLine("no snapshot or pack given: using the bundled Acme example (`governance example --out DIR` writes it out)");
            return new Inputs(AcmeExample.Mesh(), PackSet.Create(AcmeExample.Packs()), AcmeExample.SnapshotNames);
        }
        if (packFiles.Count == 0) throw new UsageException("no rule pack given; pass one or more `--pack FILE.rulepack.json`");
        if (snapshotFiles.Count == 0 && assemblyFiles.Count == 0 && imported.Count == 0)
            throw new UsageException("no snapshot given; pass one or more snapshot files, `--dbt DIR_OR_MANIFEST`, `--odcs PATH` or `--assembly FILE.dll`");
        var packSet = LoadPacks(packFiles);
        foreach (var file in snapshotFiles)
        {
            if (!File.Exists(file)) throw new UsageException("snapshot `" + file + "` does not exist");
        }
        var parts = new List<SnapshotPart>();
        if (snapshotFiles.Count > 0) parts.AddRange(SnapshotReader.ReadParts(snapshotFiles));
        foreach (var file in assemblyFiles) parts.Add(ProductAssemblies.Read(file));
        parts.AddRange(imported.Select(i => new SnapshotPart(i.Snapshot, i.File, i.GovId)));
        var snapshot = MetadataSnapshot.Merge(parts);
        var uris = snapshotFiles.Concat(assemblyFiles).Concat(imported.Select(i => i.File)).Select(f => Path.GetRelativePath(Environment.CurrentDirectory, f).Replace('\\', '/')).ToList();
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

/// <summary>The human-readable report: findings, then decisions, then a summary; tables fit <c>width</c> (null: unlimited).</summary>
internal static class TableReport
{
    /// <summary>Writes the report; <paramref name="all"/>: every row of every section, however many (else a section of
    /// more than <see cref="GroupedSection.Threshold"/> rows is grouped by rule, see <see cref="GroupedSection"/>).</summary>
    /// <param name="snapshot">The mesh checked: a finding on an imported object names it as the source does too (a dbt
    /// unique_id, a contract's schema.property), under its Snowflake name.</param>
    public static void Write(EvaluationResult result, TextWriter writer, int? width, MetadataSnapshot? snapshot = null, bool all = false)
    {
        var sources = snapshot is null ? null : TargetLookup.Find(snapshot, result.Findings.Select(f => f.Target));
        if (GroupedSection.Applies(result.Findings.Count, all))
        {
            var grouped = new GroupedSection("Findings", "finding", new TextColumn[] { new("Severity"), new("ID", Wrap.None), new("Target", Wrap.Names, 2),
                new("Message", Weight: 3), new("Rule", Wrap.Names) }, keyColumns: new[] { 1, 4 });
            foreach (var f in result.Findings) grouped.Add(SeverityText(f), f.Id, Target(f, sources), f.Message, f.Rule ?? "");
            grouped.Write(writer, width);
        }
        else
        {
            var findings = Findings(result, ruleColumn: true, sources);
            // Too wide for the terminal: the rule goes under the message, and the columns wrap.
            if (width is { } w && findings.NaturalWidth > w) findings = Findings(result, ruleColumn: false, sources);
            TextTable.Section(writer, "Findings", findings, width);
        }

        var masking = new GroupedSection("Masking decisions", "decision", new TextColumn[] { new("Column", Wrap.Names, 2), new("Type", Wrap.Names),
            new("Strategy"), new("Clear for", Weight: 2), new("Rule", Wrap.Names) }, keyColumns: new[] { 4 });
        foreach (var d in result.Masking)
        {
            var reveal = d.RevealClauses.Count == 0 ? "nobody" : string.Join(" and ", d.RevealClauses.Select(c => string.Join(" or ", c)));
            if (d.Conditions.Count > 0) reveal += " when " + string.Join(" and ", d.Conditions.Select(c => c.Column + " = " + c.Value.Text));
            masking.Add(d.Target, d.Column.Type.Text, d.Strategy.Describe(), reveal, d.Rule.Ref);
        }
        masking.Write(writer, width, all);

        var rows = new GroupedSection("Row access decisions", "decision", new TextColumn[] { new("Dataset", Wrap.Names, 2), new("Filter"), new("On"),
            new("Bypass"), new("Rule", Wrap.Names) }, keyColumns: new[] { 4 });
        foreach (var d in result.RowAccess)
        {
            var on = d.Columns.Count == 0 ? "(missing: deny all)" : string.Join(", ", d.Columns);
            rows.Add(d.Target, string.Join(" and ", d.Parts.Select(p => p.Filter.Name)), on,
                string.Join(" and ", d.Parts.Select(p => string.Join(" or ", p.BypassRoles))), string.Join(", ", d.Parts.Select(p => p.Rule.Ref)));
        }
        rows.Write(writer, width, all);

        var s = result.Summary;
        var summary = Counts(s) + "; " + Display.Count(s.MaskedColumns, "masked column") + ", " + Display.Count(s.RowAccessDatasets, "dataset") + " with row access ("
            + Display.Count(s.Products, "product") + ", " + Display.Count(s.Datasets, "dataset") + ", " + Display.Count(s.Columns, "column") + ")";
        foreach (var line in TextTable.Lines(summary, width ?? int.MaxValue, Wrap.Words)) writer.Write(line + "\n");
    }

    private static TextTable Findings(EvaluationResult result, bool ruleColumn, IReadOnlyDictionary<string, TargetLookup.Element>? sources)
    {
        var columns = new List<TextColumn> { new("Severity"), new("ID", Wrap.None), new("Target", Wrap.Names, 2), new("Message", Weight: 3) };
        if (ruleColumn) columns.Add(new TextColumn("Rule", Wrap.Names));
        var table = new TextTable(columns.ToArray());
        foreach (var f in result.Findings)
        {
            var severity = SeverityText(f);
            var target = Target(f, sources);
            if (ruleColumn) table.Add(severity, f.Id, target, f.Message, f.Rule ?? "");
            else table.Add(severity, f.Id, target, f.Message + (f.Rule is null ? "" : "\nrule " + f.Rule));
        }
        return table;
    }

    private static string SeverityText(Finding f) => Names.Of(f.Severity) + (f.Waived ? " (waived)" : "");

    /// <summary>The finding's target, with the source object under it when the target was imported.</summary>
    private static string Target(Finding f, IReadOnlyDictionary<string, TargetLookup.Element>? sources)
        => sources is not null && sources.TryGetValue(f.Target, out var e) && e.Source?.Name is { } name ? f.Target + "\n(" + name + ")" : f.Target;

    /// <summary><c>2 errors, 1 warning, 0 notes, 0 waived</c>.</summary>
    public static string Counts(EvaluationSummary s)
        => Display.Count(s.Errors, "error") + ", " + Display.Count(s.Warnings, "warning") + ", " + Display.Count(s.Notes, "note") + ", "
            + s.Waived.ToString(System.Globalization.CultureInfo.InvariantCulture) + " waived";
}

/// <summary>Product definitions from a compiled assembly, as a part of the mesh (validated as they are read).</summary>
internal static class ProductAssemblies
{
    public static SnapshotPart Read(string path)
        => new(InputAssembly.Use(path, (assembly, file) => ProductDefinitionReader.Read(assembly, file)), path, GovIds.InvalidProductDefinition, validated: true, rolesLine: null);
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
        if (!File.Exists(path))
            throw new UsageException("assembly `" + path + "` does not exist; build the project first — while the analyzers report errors a normal build"
                + " writes no assembly, so build it for checking with `dotnet build -p:RunAnalyzers=false` (or `-p:TreatWarningsAsErrors=false` when the"
                + " errors are warnings made errors)");
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
            RequireToolVersion(assembly, path);
            try
            {
                return use(assembly, path);
            }
            catch (FileLoadException e) when (e.FileName?.StartsWith("Governance,", StringComparison.Ordinal) == true)
            {
                throw new UsageException("`" + path + "` needs another version of Governance than this tool has (" + e.Message + ")");
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// An assembly built against a newer Governance than the tool's cannot run in it (its types would fail to load with
    /// "Could not load file or assembly 'Governance, Version=…'"): say which tool it needs.
    /// </summary>
    private static void RequireToolVersion(System.Reflection.Assembly assembly, string path)
    {
        var tool = typeof(RulePack).Assembly.GetName();
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            if (reference.Name != tool.Name || reference.Version is null || tool.Version is null || reference.Version <= tool.Version) continue;
            throw new UsageException("`" + path + "` was built against Governance " + Short(reference.Version) + ", newer than this tool's "
                + Short(tool.Version) + "; install governance " + Short(reference.Version) + " or later (`dotnet tool update governance`)"
                + " or build the assembly against Governance " + Short(tool.Version));
        }
    }

    private static string Short(Version v) => v.Major.ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + v.Minor.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + "." + Math.Max(0, v.Build).ToString(System.Globalization.CultureInfo.InvariantCulture);

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

/// <summary>The documentation base URL of SARIF help links: <c>--docs-url</c>, else <c>GOVERNANCE_DOCS_URL</c>, else the build's.</summary>
internal static class DocsUrl
{
    public const string Variable = "GOVERNANCE_DOCS_URL";

    public static string Resolve(string? option)
    {
        var (value, from) = option is not null ? (option, "`--docs-url`")
            : Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } env ? (env, "`" + Variable + "`")
            : (GovCatalog.DocsUrl, "");
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new UsageException(from + " must be an absolute http(s) URL of the documentation folder, like `https://github.com/acme/governance/blob/main/docs/`, not `" + value + "`");
        return value.EndsWith('/') ? value : value + "/";
    }
}
