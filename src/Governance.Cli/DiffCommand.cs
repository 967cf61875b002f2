using System.CommandLine;
using Governance.Examples;
using Governance.Reporting;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Packs;

namespace Governance.Cli;

/// <summary>
/// <c>governance diff</c>: the impact of new versions of rule packs on the same mesh, before they are published. Exit 0
/// when no unwaived error appears, 1 when one does, 2 on input errors.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, int? stdoutWidth = null)
    {
        var snapshots = Inputs.SnapshotArgument();
        var from = CommandLine.Repeated("--from", "MANIFEST", "A rule pack manifest of the current (published) version.");
        var to = CommandLine.Repeated("--to", "MANIFEST", "A rule pack manifest of the new version (give the unchanged packs too).");
        var assemblies = Inputs.AssemblyOption();
        var waivers = Inputs.WaiversOption();
        var waiverDays = Inputs.WaiverDaysOption();
        var format = CommandLine.Choice("--format", "Output format: markdown fits a pull-request comment, html is a page.", "table", "json", "markdown", "html");
        var output = new Option<string?>("--out") { Description = "Write the output to this file instead of stdout.", HelpName = "FILE" };
        var command = new GovernanceCommand("diff", "Show the impact of new rule pack versions on the mesh: findings that appear and disappear, masking and row access that change per role, the Snowflake objects that change, the global rules weakened. With neither snapshots nor packs, compares the bundled Acme example's packs with the next version of its global pack.")
        {
            Examples = new[]
            {
                "governance diff                                                         # the bundled example's next version",
                "governance diff mesh.snapshot.json --from published/acme-global.rulepack.json --to next/acme-global.rulepack.json",
                "governance diff mesh.snapshot.json --from published/global.rulepack.json --from published/sales.rulepack.json --to next/global.rulepack.json --to published/sales.rulepack.json",
                "governance diff mesh.snapshot.json --from published/acme-global.rulepack.json --to next/acme-global.rulepack.json --format markdown > impact.md",
                "governance diff mesh.snapshot.json --from published/acme-global.rulepack.json --to next/acme-global.rulepack.json --format html --out impact.html",
            },
        };
        command.Arguments.Add(snapshots);
        foreach (var o in new Option[] { from, to, assemblies, waivers, waiverDays, format, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var snapshotFiles = parse.GetValue(snapshots) ?? Array.Empty<string>();
            var fromFiles = parse.GetValue(from) ?? Array.Empty<string>();
            var toFiles = parse.GetValue(to) ?? Array.Empty<string>();
            var assemblyFiles = parse.GetValue(assemblies) ?? Array.Empty<string>();
            Inputs input;
            PackSet toSet;
            if (snapshotFiles.Length == 0 && fromFiles.Length == 0 && toFiles.Length == 0 && assemblyFiles.Length == 0)
            {
                stderr.WriteLine("no snapshot or pack given: comparing the bundled Acme example's packs with acme-global " + AcmeGlobalPackNext.Version
                    + " (`governance example --out DIR` writes both out)");
                input = new Inputs(AcmeExample.Mesh(), PackSet.Create(AcmeExample.Packs()), AcmeExample.SnapshotNames);
                toSet = PackSet.Create(AcmeExample.NextPacks());
            }
            else
            {
                if (fromFiles.Length == 0) throw new UsageException("no current version given; pass `--from FILE.rulepack.json` once per pack");
                if (toFiles.Length == 0) throw new UsageException("no new version given; pass `--to FILE.rulepack.json` once per pack");
                input = Inputs.Load(snapshotFiles, fromFiles, stderr, assemblyFiles);
                toSet = Inputs.LoadPacks(toFiles);
            }
            // Waivers apply to both versions: a waiver of a rule that only the new version defines is fine.
            var waiverList = input.Waivers(parse.GetValue(waivers), toSet);

            var clock = ReportClock.Now();
            PackDiff diff;
            try
            {
                diff = PackDiff.Compute(input.Packs, toSet, input.Snapshot, waiverList, clock, waiverHorizonDays: parse.GetValue(waiverDays));
            }
            catch (SnowflakeCompileException e)
            {
                throw new UsageException("cannot compile to Snowflake SQL: " + e.Message);
            }
            var text = Render(diff, parse.GetValue(format)!, input.Snapshot, clock, parse.GetValue(output) is null ? stdoutWidth : null);
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

    private static string Render(PackDiff diff, string format, MetadataSnapshot snapshot, TimeProvider clock, int? width)
    {
        switch (format)
        {
            case "json":
                using (var buffer = new MemoryStream())
                {
                    DiffReport.WriteJson(diff, buffer, snapshot);
                    return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
                }
            case "markdown":
                return Write(w => DiffReport.WriteMarkdown(diff, w));
            case "html":
                return Write(w => HtmlReport.WriteDiff(diff, w, clock));
            default:
                return Write(w => DiffReport.WriteTable(diff, w, width));
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
