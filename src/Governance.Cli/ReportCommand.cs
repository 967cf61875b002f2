using System.CommandLine;
using Governance.Reporting;

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
        var snapshots = new Argument<string[]>("snapshot") { Description = "Metadata snapshot files (governance.snapshot/v1).", Arity = ArgumentArity.ZeroOrMore };
        var packs = new Option<string[]>("--pack") { Description = "A rule pack manifest (*.rulepack.json); repeat it for each pack." };
        var assemblies = new Option<string[]>("--assembly") { Description = "A compiled assembly whose [DataProduct] definitions are reported too; repeat for several." };
        var waivers = new Option<string?>("--waivers") { Description = "A waiver file: {\"waivers\":[{rule,target,reason,owner,expires}]}." };
        var output = new Option<string>("--out") { Description = "The HTML file to write (written all or nothing).", Required = true };
        var command = new Command("report", "Write an HTML report of a check: compliance per domain and product, findings with filters, who sees what in clear, row access, the packs. One self-contained file that works offline. With neither snapshots nor packs, reports on the bundled Acme example.")
        {
            snapshots, packs, assemblies, waivers, output,
        };
        command.SetAction(parse =>
        {
            var input = Inputs.Load(parse.GetValue(snapshots) ?? Array.Empty<string>(), parse.GetValue(packs) ?? Array.Empty<string>(), stderr,
                parse.GetValue(assemblies) ?? Array.Empty<string>());
            var waiverList = parse.GetValue(waivers) is { } w ? WaiverFile.ReadFile(w) : Array.Empty<Waiver>();
            foreach (var waiver in waiverList)
            {
                if (input.Packs.Find(waiver.Rule) is null)
                    throw new GovernanceInputException(GovIds.InvalidWaivers, parse.GetValue(waivers), null, null, "waiver names rule `" + waiver.Rule + "`, which no loaded pack defines");
            }
            var clock = ReportClock.Now();
            var result = Evaluator.Compile(input.Packs).Evaluate(input.Snapshot, waiverList, clock);
            var html = DiffCommand.Write(writer => HtmlReport.Write(result, input.Snapshot, input.Packs, writer, clock));
            var path = parse.GetValue(output)!;
            Output.WriteAll(new Dictionary<string, string>(StringComparer.Ordinal) { [Path.GetFullPath(path)] = html });
            var s = result.Summary;
            stderr.WriteLine("wrote " + path + ": " + Display.Count(s.Products, "product") + ", " + Display.Count(s.Errors, "error") + ", "
                + Display.Count(s.Warnings, "warning") + ", " + Display.Number(s.Waived) + " waived");
            return GovernanceCli.Ok;
        });
        return command;
    }
}
