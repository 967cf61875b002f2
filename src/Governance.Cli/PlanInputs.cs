using System.CommandLine;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Cli;

/// <summary>
/// What <c>plan</c> and <c>apply</c> both read: the snapshots and packs, the waivers, and where and how the policies
/// are planned (<c>--mode</c>, <c>--assign-tags</c>, <c>--role</c>, <c>--policy-schema</c>, <c>--tag-schema</c>).
/// </summary>
internal sealed class PlanInputs
{
    public Argument<string[]> Snapshots { get; } = Inputs.SnapshotArgument();
    public Option<string[]> Packs { get; } = Inputs.PackOption();
    public Option<string?> Waivers { get; } = Inputs.WaiversOption();
    public Option<int> WaiverDays { get; } = Inputs.WaiverDaysOption();
    public Option<string> Mode { get; } = CommandLine.Choice("--mode", "column: a masking policy on each masked column; tag: tag-based masking where a decision depends on one tag's value only.", "column", "tag");
    public Option<bool> AssignTags { get; } = new("--assign-tags") { Description = "Also set the tags the snapshot records on schemas, datasets and columns." };
    public Option<string?> Role { get; } = new("--role") { Description = "Start the script with USE ROLE of this role (stored name): the role that runs it and owns the policies it creates.", HelpName = "ROLE" };
    public Option<string?> PolicySchema { get; } = new("--policy-schema") { Description = "Where the masking and row access policies are created (default GOVERNANCE.POLICIES).", HelpName = "DB.SCHEMA" };
    public SourceOptions Sources { get; } = new();
    public Option<string?> TagSchema { get; } = new("--tag-schema") { Description = "Where the tags are created (default GOVERNANCE.TAGS).", HelpName = "DB.SCHEMA" };

    /// <summary>Adds the snapshot argument and the options: <paramref name="afterMode"/> after <c>--mode</c>, <paramref name="atEnd"/> last.</summary>
    public void AddTo(Command command, Option afterMode, params Option[] atEnd)
    {
        command.Arguments.Add(Snapshots);
        foreach (var o in new Option[] { Packs, Waivers, WaiverDays, Mode, afterMode, AssignTags, Role, PolicySchema, TagSchema }.Concat(atEnd)) command.Options.Add(o);
        foreach (var o in Sources.All) command.Options.Add(o);
    }

    /// <summary>The inputs, the evaluation (with the waivers) and the plan's options.</summary>
    public (Inputs Input, EvaluationResult Result, PlanOptions Options) Load(ParseResult parse, TextWriter stderr)
    {
        var input = Inputs.Load(parse.GetValue(Snapshots) ?? Array.Empty<string>(), parse.GetValue(Packs) ?? Array.Empty<string>(), stderr, imported: Sources.Read(parse, stderr));
        var result = Evaluator.Compile(input.Packs).Evaluate(input.Snapshot, input.Waivers(parse.GetValue(Waivers)), waiverHorizonDays: parse.GetValue(WaiverDays));
        var defaults = PlanOptions.Default;
        var (policyDatabase, policySchemaName) = PlanCommand.Schema(parse.GetValue(PolicySchema), "--policy-schema", defaults.PolicyDatabase, defaults.PolicySchema);
        var (tagDatabase, tagSchemaName) = PlanCommand.Schema(parse.GetValue(TagSchema), "--tag-schema", defaults.TagDatabase, defaults.TagSchema);
        var options = defaults with
        {
            Mode = parse.GetValue(Mode) == "tag" ? PlanMode.Tag : PlanMode.Column,
            AssignTags = parse.GetValue(AssignTags),
            Role = parse.GetValue(Role),
            PolicyDatabase = policyDatabase,
            PolicySchema = policySchemaName,
            TagDatabase = tagDatabase,
            TagSchema = tagSchemaName,
        };
        return (input, result, options);
    }
}
