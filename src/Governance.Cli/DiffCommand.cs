using System.CommandLine;
using Governance.Examples;
using Governance.Reporting;
using Governance.Snowflake;

namespace Governance.Cli;

/// <summary>
/// <c>governance diff</c>: the impact of new versions of rule packs on the same mesh, before they are published. Exit 0
/// when no unwaived error appears, 1 when one does, 2 on input errors.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var snapshots = new Argument<string[]>("snapshot") { Description = "Metadata snapshot files (governance.snapshot/v1).", Arity = ArgumentArity.ZeroOrMore };
        var from = new Option<string[]>("--from") { Description = "A rule pack manifest of the current (published) version; repeat it for each pack." };
        var to = new Option<string[]>("--to") { Description = "A rule pack manifest of the new version; repeat it for each pack (unchanged packs too)." };
        var assemblies = new Option<string[]>("--assembly") { Description = "A compiled assembly whose [DataProduct] definitions are part of the mesh; repeat for several." };
        var waivers = new Option<string?>("--waivers") { Description = "A waiver file, applied to both versions." };
        var format = new Option<string>("--format") { Description = "Output format: table, json, markdown (a pull-request comment) or html (a page).", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "markdown", "html");
        var output = new Option<string?>("--out") { Description = "Write the output to this file instead of stdout." };
        var command = new Command("diff", "Show the impact of new rule pack versions on the mesh: findings that appear and disappear, masking and row access that change per role, the Snowflake objects that change. With neither snapshots nor packs, compares the bundled Acme example's packs with the next version of its global pack.")
        {
            snapshots, from, to, assemblies, waivers, format, output,
        };
        command.SetAction(parse =>
        {
            var snapshotFiles = parse.GetValue(snapshots) ?? Array.Empty<string>();
            var fromFiles = parse.GetValue(from) ?? Array.Empty<string>();
            var toFiles = parse.GetValue(to) ?? Array.Empty<string>();
            var assemblyFiles = parse.GetValue(assemblies) ?? Array.Empty<string>();
            MetadataSnapshot snapshot;
            PackSet fromSet, toSet;
            if (snapshotFiles.Length == 0 && fromFiles.Length == 0 && toFiles.Length == 0 && assemblyFiles.Length == 0)
            {
                stderr.WriteLine("no snapshot or pack given: comparing the bundled Acme example's packs with acme-global " + AcmeGlobalPackNext.Version
                    + " (`governance example --out DIR` writes both out)");
                snapshot = AcmeExample.Mesh();
                fromSet = PackSet.Create(AcmeExample.Packs());
                toSet = PackSet.Create(AcmeExample.NextPacks());
            }
            else
            {
                if (fromFiles.Length == 0) throw new UsageException("no current version given; pass `--from FILE.rulepack.json` once per pack");
                if (toFiles.Length == 0) throw new UsageException("no new version given; pass `--to FILE.rulepack.json` once per pack");
                var input = Inputs.Load(snapshotFiles, fromFiles, stderr, assemblyFiles);
                snapshot = input.Snapshot;
                fromSet = input.Packs;
                toSet = Inputs.LoadPacks(toFiles);
            }
            var waiverList = parse.GetValue(waivers) is { } w ? WaiverFile.ReadFile(w) : Array.Empty<Waiver>();
            foreach (var waiver in waiverList)
            {
                if (fromSet.Find(waiver.Rule) is null && toSet.Find(waiver.Rule) is null)
                    throw new GovernanceInputException(GovIds.InvalidWaivers, parse.GetValue(waivers), null, null, "waiver names rule `" + waiver.Rule + "`, which neither version defines");
            }

            PackDiff diff;
            try
            {
                diff = PackDiff.Compute(fromSet, toSet, snapshot, waiverList);
            }
            catch (SnowflakeCompileException e)
            {
                throw new UsageException("cannot compile to Snowflake SQL: " + e.Message);
            }
            var text = Render(diff, parse.GetValue(format)!);
            if (parse.GetValue(output) is { } path)
            {
                Output.WriteAll(new Dictionary<string, string>(StringComparer.Ordinal) { [Path.GetFullPath(path)] = text });
                stderr.WriteLine("wrote " + path);
            }
            else
            {
                stdout.Write(text);
                stdout.Flush();
            }
            var s = diff.Summary;
            stderr.WriteLine("diff " + DiffReport.PacksLine(diff) + ": " + Display.Count(s.NewErrors, "new error") + ", "
                + Display.Count(s.Products.Count, "product") + " affected, " + Display.Count(s.Weakenings, "weakened global rule"));
            return diff.HasNewErrors ? GovernanceCli.Violations : GovernanceCli.Ok;
        });
        return command;
    }

    private static string Render(PackDiff diff, string format)
    {
        switch (format)
        {
            case "json":
                using (var buffer = new MemoryStream())
                {
                    DiffReport.WriteJson(diff, buffer);
                    return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
                }
            case "markdown":
                return Write(w => DiffReport.WriteMarkdown(diff, w));
            case "html":
                return Write(w => HtmlReport.WriteDiff(diff, w, ReportClock.Now()));
            default:
                return Write(w => DiffReport.WriteTable(diff, w));
        }
    }

    internal static string Write(Action<TextWriter> write)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        write(writer);
        return writer.ToString();
    }
}

/// <summary>
/// The clock of generated reports: <c>SOURCE_DATE_EPOCH</c> (seconds since 1970, the reproducible-builds convention)
/// when set, so that the same inputs give the same bytes; otherwise the system clock.
/// </summary>
internal static class ReportClock
{
    public static TimeProvider Now()
    {
        var epoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH");
        if (string.IsNullOrEmpty(epoch)) return TimeProvider.System;
        if (!long.TryParse(epoch, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds > 253402300799)
            throw new UsageException("SOURCE_DATE_EPOCH must be a number of seconds since 1970-01-01, not `" + epoch + "`");
        return new FixedClock(DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
