using System.Globalization;
using System.Text;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Snowflake;

/// <summary>How masking policies reach columns.</summary>
public enum PlanMode
{
    /// <summary>Every masked column gets its own policy: <c>ALTER … MODIFY COLUMN … SET MASKING POLICY … FORCE</c>.</summary>
    Column,
    /// <summary>
    /// Tag-based masking where a decision depends on one tag's value only (<c>ALTER TAG … SET MASKING POLICY</c>,
    /// one policy per data type per tag); every other decision falls back to a direct column policy.
    /// </summary>
    Tag,
}

/// <summary>Where the plan puts its objects and what it does. Names are stored names (case kept, always quoted).</summary>
public sealed record PlanOptions
{
    /// <summary>How masking policies reach columns; <see cref="PlanMode.Column"/> by default.</summary>
    public PlanMode Mode { get; init; } = PlanMode.Column;
    /// <summary>The stored name of the database that holds the masking and row access policies; <c>GOVERNANCE</c> by default.</summary>
    public string PolicyDatabase { get; init; } = "GOVERNANCE";
    /// <summary>The stored name of the schema (in <see cref="PolicyDatabase"/>) that holds the policies; <c>POLICIES</c> by default.</summary>
    public string PolicySchema { get; init; } = "POLICIES";
    /// <summary>The stored name of the database that holds the tags; <c>GOVERNANCE</c> by default.</summary>
    public string TagDatabase { get; init; } = "GOVERNANCE";
    /// <summary>The stored name of the schema (in <see cref="TagDatabase"/>) that holds the tags; <c>TAGS</c> by default.</summary>
    public string TagSchema { get; init; } = "TAGS";
    /// <summary>
    /// Also set, on the schemas, datasets and columns, the tags the snapshot says they carry. (In tag mode, a column that a
    /// tag-based policy protects gets its tag whatever this says.)
    /// </summary>
    public bool AssignTags { get; init; }
    /// <summary>
    /// The role that runs the script (stored name): it starts with <c>USE ROLE</c> of it. It creates, and so owns, the
    /// policies and tags; null: the script runs as the session's current role.
    /// </summary>
    public string? Role { get; init; }

    /// <summary>The default: column mode, policies in <c>"GOVERNANCE"."POLICIES"</c>, tags in <c>"GOVERNANCE"."TAGS"</c>.</summary>
    public static PlanOptions Default { get; } = new();
}

/// <summary>What a group of statements does, in the order a plan must run.</summary>
public enum PlanStep
{
    /// <summary>Session setup: <c>USE ROLE</c> (when <see cref="PlanOptions.Role"/> is set) and case-sensitive quoted identifiers.</summary>
    Session,
    /// <summary>The taxonomy's tags and their allowed values.</summary>
    Tags,
    /// <summary>The masking policies.</summary>
    MaskingPolicies,
    /// <summary>The row access policies.</summary>
    RowAccessPolicies,
    /// <summary>Tag-based masking: masking policies set on tags (tag mode).</summary>
    TagMaskingAttachments,
    /// <summary>The tags set on the columns that a tag-based policy protects (tag mode).</summary>
    TagProtection,
    /// <summary>Masking policies set directly on columns.</summary>
    ColumnMaskingAttachments,
    /// <summary>Row access policies added to (or swapped on) datasets.</summary>
    RowAccessAttachments,
    /// <summary>The tags the snapshot records, set on schemas, datasets and columns (with <see cref="PlanOptions.AssignTags"/>).</summary>
    TagAssignments,
}

/// <summary>One group of a plan: statements of one kind, the privilege they need, and notes for the reviewer.</summary>
public sealed class PlanGroup
{
    internal PlanGroup(PlanStep step, string title, string description, string privilege, IReadOnlyList<Operation> operations, IReadOnlyList<string> notes)
    {
        Step = step; Title = title; Description = description; Privilege = privilege; Operations = operations; Notes = notes;
    }

    /// <summary>What the group's statements do; groups run in the order of <see cref="PlanStep"/>.</summary>
    public PlanStep Step { get; }
    /// <summary>The group's heading in the script (<c>Masking policies</c>).</summary>
    public string Title { get; }
    /// <summary>What the statements do.</summary>
    public string Description { get; }
    /// <summary>The Snowflake privilege the role that runs the group needs.</summary>
    public string Privilege { get; }
    /// <summary>Sorted deterministically.</summary>
    public IReadOnlyList<Operation> Operations { get; }
    /// <summary>Remarks for the reviewer (a narrowed taxonomy, a fallback), sorted.</summary>
    public IReadOnlyList<string> Notes { get; }
}

/// <summary>
/// The DDL that enforces a PackSet's decisions in Snowflake: groups in dependency order (session → tags → masking
/// policies → row access policies → tag-based masking and the tags of the columns it protects → column masking
/// attachments → row access attachments → tag assignments) and the plan's own findings (GOV1004–GOV1009,
/// GOV2003–GOV2006). The same inputs give the same plan, whatever the snapshot's order.
/// </summary>
public sealed class SnowflakePlan
{
    internal SnowflakePlan(PlanOptions options, IReadOnlyList<string> inputs, IReadOnlyList<PlanGroup> groups, IReadOnlyList<Finding> findings)
    {
        Options = options; Inputs = inputs; Groups = groups; Findings = findings;
    }

    /// <summary>The options the plan was made with.</summary>
    public PlanOptions Options { get; }
    /// <summary>The plan's masking mode (<see cref="PlanOptions.Mode"/>).</summary>
    public PlanMode Mode => Options.Mode;
    /// <summary>Lines describing the inputs, for the script's header.</summary>
    public IReadOnlyList<string> Inputs { get; }
    /// <summary>Non-empty groups, in dependency order.</summary>
    public IReadOnlyList<PlanGroup> Groups { get; }
    /// <summary>Sorted by (target, ID, rule, message).</summary>
    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Every statement of the plan, group after group, in the order they run.</summary>
    public IEnumerable<Operation> Operations => Groups.SelectMany(g => g.Operations);
    /// <summary>True when at least one of <see cref="Findings"/> is an error.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>
    /// The script: a header comment (what, inputs, mode), the findings as comments (errors first), then each group
    /// under a comment that says what it does and the privilege it needs. Statements end with <c>;</c>; a policy
    /// is followed by a blank line. Line feeds only.
    /// </summary>
    public string ToSql()
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteSql(writer);
        return writer.ToString();
    }

    /// <summary>
    /// <see cref="ToSql"/> written to <paramref name="writer"/> statement by statement: the same text, never held whole.
    /// </summary>
    public void WriteSql(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("-- Snowflake governance plan, generated by `governance plan`: review it, then run it top to bottom.\n");
        foreach (var line in Inputs) Comment(writer, line);
        Comment(writer, "Mode: " + (Mode == PlanMode.Tag
            ? "tag (tag-based masking where a decision depends on one tag's value only; direct column policies elsewhere)"
            : "column (a masking policy set on each masked column)"));
        Comment(writer, "Policies in " + SqlText.Qualified(Options.PolicyDatabase, Options.PolicySchema) + ", tags in "
            + SqlText.Qualified(Options.TagDatabase, Options.TagSchema) + " (the schemas must exist).");
        Comment(writer, "Each DDL statement commits on its own; an existing policy is never replaced (CREATE … IF NOT EXISTS keeps it as it is).");
        Comment(writer, RunTwice());
        var errors = Findings.Where(f => f.Severity == Severity.Error).ToList();
        var others = Findings.Where(f => f.Severity != Severity.Error).ToList();
        if (errors.Count > 0)
        {
            writer.Write("--\n");
            Comment(writer, "ERRORS (" + errors.Count.ToString(CultureInfo.InvariantCulture) + "): fix them before running this script.");
            foreach (var f in errors) Comment(writer, "  " + f.Id + " " + f.Target + ": " + f.Message);
        }
        if (others.Count > 0)
        {
            writer.Write("--\n");
            Comment(writer, "Warnings (" + others.Count.ToString(CultureInfo.InvariantCulture) + "):");
            foreach (var f in others) Comment(writer, "  " + f.Id + " " + f.Target + ": " + f.Message);
        }
        var number = 0;
        var statement = new StringBuilder();
        foreach (var g in Groups)
        {
            number++;
            writer.Write('\n');
            writer.Write("-- ");
            writer.Write(Rule);
            writer.Write('\n');
            Comment(writer, number.ToString(CultureInfo.InvariantCulture) + ". " + g.Title + " (" + g.Operations.Count.ToString(CultureInfo.InvariantCulture) + ")");
            Comment(writer, g.Description);
            Comment(writer, "Privilege: " + g.Privilege);
            foreach (var n in g.Notes) Comment(writer, "Note: " + n);
            writer.Write("-- ");
            writer.Write(Rule);
            writer.Write('\n');
            var previousMultiline = false;
            for (var i = 0; i < g.Operations.Count; i++)
            {
                SqlGenerator.Append(statement.Clear(), g.Operations[i]);
                var multiline = Contains(statement, '\n');
                if (i > 0 && (multiline || previousMultiline)) writer.Write('\n');
                writer.Write(statement);
                writer.Write('\n');
                previousMultiline = multiline;
            }
        }
        if (Groups.Count == 0) writer.Write("\n-- Nothing to do: no tag, masking or row access decision.\n");
    }

    private static readonly string Rule = new('=', 100);

    private static bool Contains(StringBuilder sb, char c)
    {
        foreach (var chunk in sb.GetChunks())
        {
            if (chunk.Span.Contains(c)) return true;
        }
        return false;
    }

    /// <summary>Whether the script can be run a second time as it is, and what a second run does.</summary>
    public bool CanRunTwice => !Operations.OfType<AddRowAccessPolicy>().Any();

    private string RunTwice() => CanRunTwice
        ? "Run twice: yes. Every statement can be run again: CREATE … IF NOT EXISTS leaves an existing object, SET … FORCE and SET TAG set the same again."
        : "Run twice: no. A second run stops at the first ADD ROW ACCESS POLICY (a dataset holds one row access policy); the statements before it can be run again.";

    // A comment line: user text may contain line breaks; each becomes its own comment line, so it cannot end the comment.
    internal static void Comment(StringBuilder sb, string text) => Comment(new StringWriter(sb, CultureInfo.InvariantCulture), text);

    /// <summary>The same comment lines, written to <paramref name="writer"/>.</summary>
    internal static void Comment(TextWriter writer, string text)
    {
        if (text.AsSpan().IndexOfAny(LineBreaks) < 0 && !HasControl(text))
        {
            // One line with nothing to show: as it is.
            writer.Write(text.Length > 0 ? "-- " : "--");
            writer.Write(text);
            writer.Write('\n');
            return;
        }
        foreach (var line in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r', '\u2028', '\u2029', '\u0085'))
        {
            writer.Write("--");
            if (line.Length > 0)
            {
                writer.Write(' ');
                writer.Write(Safe(line));
            }
            writer.Write('\n');
        }
    }

    private static readonly System.Buffers.SearchValues<char> LineBreaks = System.Buffers.SearchValues.Create("\n\r\u2028\u2029\u0085");

    private static bool HasControl(string line)
    {
        foreach (var c in line)
        {
            if (char.IsControl(c)) return true;
        }
        return false;
    }

    // Control characters (NUL included) are shown, never written raw into the script.
    private static string Safe(string line)
    {
        var sb = new StringBuilder(line.Length);
        foreach (var c in line)
        {
            if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
