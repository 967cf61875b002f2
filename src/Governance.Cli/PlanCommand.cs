using System.CommandLine;
using System.Text;
using Governance.Reporting;
using Governance.Snowflake;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Cli;

/// <summary>
/// <c>governance plan</c>: the Snowflake DDL that enforces the packs' decisions on the snapshot. It runs the same checks
/// as <c>check</c> first: error findings (the checks' or the plan's own) are written at the top of the script and make
/// the exit code 1, unless <c>--allow-errors</c>; what they leave unprotected is said. 2 on input errors.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var inputs = new PlanInputs();
        var output = new Option<string?>("--out") { Description = "Write the script to this file instead of stdout.", HelpName = "FILE" };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Exit 0 even with error findings; they stay listed at the top of the script, with what they leave unprotected." };
        var command = new GovernanceCommand("plan", "Write the Snowflake SQL script (tags, masking and row access policies, attachments) that enforces the rule packs on the snapshot, after the same checks as `check`. With `--state`, `--emulator` or `--connection-string`, plan the change from what the account holds instead (exit 0: nothing to do, 1: changes). With neither snapshots nor packs, plans the bundled Acme example.")
        {
            Examples = new[]
            {
                "governance plan --out plan.sql                                          # the bundled example",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --out plan.sql",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --mode tag --policy-schema SECURITY.POLICIES --tag-schema SECURITY.TAGS",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --role GOVERNANCE_ADMIN --out plan.sql",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --waivers waivers.json --allow-errors",
                "governance plan --emulator acme.duckdb                                  # the change against an emulated account",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --state acme.state.json --format json",
            },
        };
        var account = new AccountOptions();
        inputs.AddTo(command, output, new Option[] { allowErrors }.Concat(account.PlanOptions).ToArray());
        command.SetAction(parse =>
        {
            var (input, result, options) = inputs.Load(parse, stderr);
            if (account.Requested(parse)) return PlanChanges.Run(parse, account, input, result, options, parse.GetValue(output), stdout, stderr);
            if (parse.GetValue(account.Format) is not null)
                throw new UsageException("`--format` goes with `--state`, `--emulator` or `--connection-string`: without them `plan` writes the first-deploy script");
            SnowflakePlan plan;
            try
            {
                plan = SnowflakePlanner.Plan(input.Packs, input.Snapshot, result, options);
            }
            catch (SnowflakeCompileException e)
            {
                throw new UsageException("cannot compile to Snowflake SQL: " + e.Message);
            }

            var checkErrors = result.Findings.Where(f => !f.Waived && f.Severity == Severity.Error).ToList();
            var inClear = LeftInClear(input.Snapshot, result, checkErrors.Concat(plan.Findings.Where(f => f.Severity == Severity.Error)));
            // The script is written statement by statement, to the file (all or nothing) or to stdout.
            Output.Text(writer =>
            {
                if (checkErrors.Count > 0) CheckErrorsHeader(writer, checkErrors, inClear);
                try
                {
                    plan.WriteSql(writer);
                }
                catch (SnowflakeCompileException e)
                {
                    throw new UsageException("cannot compile to Snowflake SQL: " + e.Message);
                }
            }, parse.GetValue(output), stdout, stderr);

            var errors = plan.Findings.Count(f => f.Severity == Severity.Error);
            var warnings = plan.Findings.Count - errors;
            foreach (var f in plan.Findings) stderr.WriteLine(Names.Of(f.Severity) + " " + f.Id + " " + f.Target + ": " + f.Message);
            stderr.WriteLine("planned " + Display.Count(plan.Operations.Count(), "statement") + " in " + Display.Count(plan.Groups.Count, "group") + " ("
                + (options.Mode == PlanMode.Tag ? "tag" : "column") + " mode): " + Display.Count(errors, "error") + ", " + Display.Count(warnings, "warning")
                + "; the checks: " + TableReport.Counts(result.Summary));
            var total = checkErrors.Count + errors;
            if (total == 0) return GovernanceCli.Ok;
            var unprotected = inClear.Count == 0 ? "" : "; left in clear: " + Listed(inClear);
            if (parse.GetValue(allowErrors))
            {
                stderr.WriteLine("warning: planned with " + Display.Count(total, "error finding") + " (`--allow-errors`), listed at the top of the script" + unprotected);
                return GovernanceCli.Ok;
            }
            stderr.WriteLine("error: " + Display.Count(total, "error finding") + " (listed at the top of the script)" + unprotected
                + "; fix or waive them, or pass `--allow-errors` to plan anyway");
            return GovernanceCli.Violations;
        });
        return command;
    }

    /// <summary><c>DB.SCHEMA</c> as stored names; a part may be double-quoted (<c>"My.Db".POLICIES</c>, <c>""</c> for a quote).</summary>
    internal static (string Database, string Schema) Schema(string? text, string option, string database, string schema)
    {
        if (text is null) return (database, schema);
        var parts = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"' && quoted && i + 1 < text.Length && text[i + 1] == '"') { sb.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == '.' && !quoted) { parts.Add(sb.ToString()); sb.Clear(); }
            else sb.Append(c);
        }
        parts.Add(sb.ToString());
        if (quoted || parts.Count != 2 || parts.Any(p => p.Length == 0) || parts.Any(p => SnowflakeIdentifier.Problem(p) is not null))
            throw new UsageException("`" + option + "` must be DATABASE.SCHEMA, like `GOVERNANCE.POLICIES` (a part with a dot in double quotes), not `" + text + "`");
        return (parts[0], parts[1]);
    }

    /// <summary>The columns that error findings name and that no masking decision covers: the script leaves them in clear.</summary>
    private static List<string> LeftInClear(MetadataSnapshot snapshot, EvaluationResult result, IEnumerable<Finding> errors)
    {
        var targets = errors.Select(f => f.Target).Distinct(StringComparer.Ordinal).ToList();
        var masked = new HashSet<string>(result.Masking.Select(m => m.Target), StringComparer.Ordinal);
        var elements = TargetLookup.Find(snapshot, targets);
        return targets.Where(t => elements.TryGetValue(t, out var e) && e.Column is not null && !masked.Contains(t)).OrderBy(t => t, StringComparer.Ordinal).ToList();
    }

    /// <summary>How many names <see cref="Listed"/> shows before it says how many more there are.</summary>
    internal const int ListedNames = 5;

    /// <summary>
    /// The columns left in clear for a message on one line: all of them when there are a few, else the first
    /// <see cref="ListedNames"/>, how many more, and where they are all listed.
    /// </summary>
    internal static string Listed(IReadOnlyList<string> columns)
    {
        var shown = string.Join(", ", columns.Take(ListedNames).Select(t => "`" + t + "`"));
        if (columns.Count <= ListedNames) return shown;
        return Display.Count(columns.Count, "column") + ", " + shown + " and " + Display.Number(columns.Count - ListedNames) + " more (the script lists them all at the top)";
    }

    /// <summary>The checks' error findings, as comments above the plan's own header.</summary>
    private static void CheckErrorsHeader(TextWriter writer, IReadOnlyList<Finding> errors, IReadOnlyList<string> inClear)
    {
        SnowflakePlan.Comment(writer, "CHECK ERRORS (" + errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "): `governance check` fails on these inputs, and this script does not resolve them. Fix or waive them, then plan again.");
        foreach (var f in errors) SnowflakePlan.Comment(writer, "  " + f.Id + " " + f.Target + ": " + f.Message + (f.Rule is null ? "" : " (rule " + f.Rule + ")"));
        if (inClear.Count > 0)
            SnowflakePlan.Comment(writer, "Left in clear by this script (no masking policy): " + string.Join(", ", inClear) + ".");
        writer.Write("--\n");
    }
}
