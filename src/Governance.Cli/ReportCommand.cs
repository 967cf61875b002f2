using System.CommandLine;
using Governance.Reporting;
using Governance.Evaluation;

namespace Governance.Cli;

/// <summary>
/// <c>governance report</c>: the check's results as one self-contained HTML page (compliance per domain and product,
/// findings with filters, the masking matrix, row access per dataset, the packs and their content hashes). Exit 0 when
/// written, 2 on input errors; findings do not change the exit code (that is <c>check</c>'s job).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stderr)
    {
        var snapshots = Inputs.SnapshotArgument();
        var packs = Inputs.PackOption();
        var assemblies = Inputs.AssemblyOption();
        var waivers = Inputs.WaiversOption();
        var waiverDays = Inputs.WaiverDaysOption();
        var output = new Option<string>("--out") { Description = "The HTML file to write (written all or nothing).", Required = true, HelpName = "FILE" };
        var command = new GovernanceCommand("report", "Write an HTML report of a check: compliance per domain and product, findings with filters, who sees what in clear, row access, the packs. One self-contained file that works offline. With neither snapshots nor packs, reports on the bundled Acme example.")
        {
            Examples = new[]
            {
                "governance report --out report.html                                     # the bundled example",
                "governance report mesh.snapshot.json --pack acme-global.rulepack.json --out report.html",
                "governance report mesh.snapshot.json --pack global.rulepack.json --pack sales.rulepack.json --waivers waivers.json --out report.html",
                "SOURCE_DATE_EPOCH=1795521600 governance report --out report.html        # the same bytes on every run",
            },
        };
        command.Arguments.Add(snapshots);
        foreach (var o in new Option[] { packs, assemblies, waivers, waiverDays, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var input = Inputs.Load(parse.GetValue(snapshots) ?? Array.Empty<string>(), parse.GetValue(packs) ?? Array.Empty<string>(), stderr,
                parse.GetValue(assemblies) ?? Array.Empty<string>());
            var waiverList = input.Waivers(parse.GetValue(waivers));
            var clock = ReportClock.Now();
            var result = Evaluator.Compile(input.Packs).Evaluate(input.Snapshot, waiverList, clock, waiverHorizonDays: parse.GetValue(waiverDays));
            var html = DiffCommand.Write(writer => HtmlReport.Write(result, input.Snapshot, input.Packs, writer, clock));
            var path = parse.GetValue(output)!;
            Output.WriteAll(new Dictionary<string, string>(StringComparer.Ordinal) { [Path.GetFullPath(path)] = html });
            stderr.WriteLine("wrote " + path + ": " + Display.Count(result.Summary.Products, "product") + ", " + TableReport.Counts(result.Summary));
            return GovernanceCli.Ok;
        });
        return command;
    }
}
