using System.CommandLine;
using Governance.Snowflake;

namespace Governance.Cli;

/// <summary>
/// <c>governance plan</c>: the Snowflake DDL that enforces the packs' decisions on the snapshot. Exit 0; 1 when the
/// plan has an error finding (the script is still written, the errors at its top); 2 on input errors.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var snapshots = new Argument<string[]>("snapshot") { Description = "Metadata snapshot files (governance.snapshot/v1).", Arity = ArgumentArity.ZeroOrMore };
        var packs = new Option<string[]>("--pack") { Description = "Rule pack manifests (*.rulepack.json); repeat for several.", AllowMultipleArgumentsPerToken = true };
        var mode = new Option<string>("--mode") { Description = "column: a masking policy on each masked column; tag: tag-based masking where a decision depends on one tag's value only.", DefaultValueFactory = _ => "column" };
        mode.AcceptOnlyFromAmong("column", "tag");
        var output = new Option<string?>("--out") { Description = "Write the script to this file instead of stdout." };
        var assignTags = new Option<bool>("--assign-tags") { Description = "Also set the tags the snapshot records on schemas, datasets and columns." };
        var role = new Option<string?>("--role") { Description = "Start the script with USE ROLE of this role (stored name): the role that runs it and owns the policies it creates." };
        var command = new Command("plan", "Write the Snowflake SQL script (tags, masking and row access policies, attachments) that enforces the rule packs on the snapshot. With neither snapshots nor packs, plans the bundled Acme example.")
        {
            snapshots, packs, mode, output, assignTags, role,
        };
        command.SetAction(parse =>
        {
            var input = Inputs.Load(parse.GetValue(snapshots) ?? Array.Empty<string>(), parse.GetValue(packs) ?? Array.Empty<string>(), stderr);
            var result = Evaluator.Compile(input.Packs).Evaluate(input.Snapshot);
            var options = new PlanOptions
            {
                Mode = parse.GetValue(mode) == "tag" ? PlanMode.Tag : PlanMode.Column,
                AssignTags = parse.GetValue(assignTags),
                Role = parse.GetValue(role),
            };
            SnowflakePlan plan;
            string sql;
            try
            {
                plan = SnowflakePlanner.Plan(input.Packs, input.Snapshot, result, options);
                sql = plan.ToSql();
            }
            catch (SnowflakeCompileException e)
            {
                throw new UsageException("cannot compile to Snowflake SQL: " + e.Message);
            }

            var path = parse.GetValue(output);
            if (path is null)
            {
                stdout.Write(sql);
                stdout.Flush();
            }
            else
            {
                Output.WriteAll(new Dictionary<string, string>(StringComparer.Ordinal) { [Path.GetFullPath(path)] = sql });
                stderr.WriteLine("wrote " + path);
            }

            var errors = plan.Findings.Count(f => f.Severity == Severity.Error);
            var warnings = plan.Findings.Count - errors;
            foreach (var f in plan.Findings) stderr.WriteLine(Names.Of(f.Severity) + " " + f.Id + " " + f.Target + ": " + f.Message);
            stderr.WriteLine(FormattableString.Invariant(
                $"planned {plan.Operations.Count()} statements in {plan.Groups.Count} groups ({(options.Mode == PlanMode.Tag ? "tag" : "column")} mode): {errors} errors, {warnings} warnings"));
            return errors > 0 ? GovernanceCli.Violations : GovernanceCli.Ok;
        });
        return command;
    }
}
