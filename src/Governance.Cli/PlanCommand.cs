using System.CommandLine;
using System.Text;
using Governance.Reporting;
using Governance.Snowflake;

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
        var snapshots = Inputs.SnapshotArgument();
        var packs = Inputs.PackOption();
        var sources = new SourceOptions();
        var waivers = Inputs.WaiversOption();
        var waiverDays = Inputs.WaiverDaysOption();
        var mode = CommandLine.Choice("--mode", "column: a masking policy on each masked column; tag: tag-based masking where a decision depends on one tag's value only.", "column", "tag");
        var output = new Option<string?>("--out") { Description = "Write the script to this file instead of stdout.", HelpName = "FILE" };
        var assignTags = new Option<bool>("--assign-tags") { Description = "Also set the tags the snapshot records on schemas, datasets and columns." };
        var role = new Option<string?>("--role") { Description = "Start the script with USE ROLE of this role (stored name): the role that runs it and owns the policies it creates.", HelpName = "ROLE" };
        var policySchema = new Option<string?>("--policy-schema") { Description = "Where the masking and row access policies are created (default GOVERNANCE.POLICIES).", HelpName = "DB.SCHEMA" };
        var tagSchema = new Option<string?>("--tag-schema") { Description = "Where the tags are created (default GOVERNANCE.TAGS).", HelpName = "DB.SCHEMA" };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Exit 0 even with error findings; they stay listed at the top of the script, with what they leave unprotected." };
        var command = new GovernanceCommand("plan", "Write the Snowflake SQL script (tags, masking and row access policies, attachments) that enforces the rule packs on the snapshot, after the same checks as `check`. With neither snapshots nor packs, plans the bundled Acme example.")
        {
            Examples = new[]
            {
                "governance plan --out plan.sql                                          # the bundled example",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --out plan.sql",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --mode tag --policy-schema SECURITY.POLICIES --tag-schema SECURITY.TAGS",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --role GOVERNANCE_ADMIN --out plan.sql",
                "governance plan mesh.snapshot.json --pack acme-global.rulepack.json --waivers waivers.json --allow-errors",
            },
        };
        command.Arguments.Add(snapshots);
        foreach (var o in new Option[] { packs, waivers, waiverDays, mode, output, assignTags, role, policySchema, tagSchema, allowErrors }) command.Options.Add(o);
        foreach (var o in sources.All) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var input = Inputs.Load(parse.GetValue(snapshots) ?? Array.Empty<string>(), parse.GetValue(packs) ?? Array.Empty<string>(), stderr, imported: sources.Read(parse, stderr));
            var result = Evaluator.Compile(input.Packs).Evaluate(input.Snapshot, input.Waivers(parse.GetValue(waivers)), waiverHorizonDays: parse.GetValue(waiverDays));
            var defaults = PlanOptions.Default;
            var (policyDatabase, policySchemaName) = Schema(parse.GetValue(policySchema), "--policy-schema", defaults.PolicyDatabase, defaults.PolicySchema);
            var (tagDatabase, tagSchemaName) = Schema(parse.GetValue(tagSchema), "--tag-schema", defaults.TagDatabase, defaults.TagSchema);
            var options = defaults with
            {
                Mode = parse.GetValue(mode) == "tag" ? PlanMode.Tag : PlanMode.Column,
                AssignTags = parse.GetValue(assignTags),
                Role = parse.GetValue(role),
                PolicyDatabase = policyDatabase,
                PolicySchema = policySchemaName,
                TagDatabase = tagDatabase,
                TagSchema = tagSchemaName,
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

            var checkErrors = result.Findings.Where(f => !f.Waived && f.Severity == Severity.Error).ToList();
            var inClear = LeftInClear(input.Snapshot, result, checkErrors.Concat(plan.Findings.Where(f => f.Severity == Severity.Error)));
            if (checkErrors.Count > 0) sql = CheckErrorsHeader(checkErrors, inClear) + sql;

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
            stderr.WriteLine("planned " + Display.Count(plan.Operations.Count(), "statement") + " in " + Display.Count(plan.Groups.Count, "group") + " ("
                + (options.Mode == PlanMode.Tag ? "tag" : "column") + " mode): " + Display.Count(errors, "error") + ", " + Display.Count(warnings, "warning")
                + "; the checks: " + TableReport.Counts(result.Summary));
            var total = checkErrors.Count + errors;
            if (total == 0) return GovernanceCli.Ok;
            var unprotected = inClear.Count == 0 ? "" : "; left in clear: " + string.Join(", ", inClear.Select(t => "`" + t + "`"));
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

    /// <summary>The checks' error findings, as comments above the plan's own header.</summary>
    private static string CheckErrorsHeader(IReadOnlyList<Finding> errors, IReadOnlyList<string> inClear)
    {
        var sb = new StringBuilder();
        SnowflakePlan.Comment(sb, "CHECK ERRORS (" + errors.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)
            + "): `governance check` fails on these inputs, and this script does not resolve them. Fix or waive them, then plan again.");
        foreach (var f in errors) SnowflakePlan.Comment(sb, "  " + f.Id + " " + f.Target + ": " + f.Message + (f.Rule is null ? "" : " (rule " + f.Rule + ")"));
        if (inClear.Count > 0)
            SnowflakePlan.Comment(sb, "Left in clear by this script (no masking policy): " + string.Join(", ", inClear) + ".");
        sb.Append("--\n");
        return sb.ToString();
    }
}
