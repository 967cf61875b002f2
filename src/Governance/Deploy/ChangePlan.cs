using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Snowflake;
using Governance.State;
using Governance.Evaluation;
using Governance.Reporting;

namespace Governance.Deploy;

/// <summary>What a change does to its object, as <c>terraform plan</c> marks it.</summary>
public enum ChangeAction
{
    /// <summary><c>+</c>: the object or attachment is created.</summary>
    Create,
    /// <summary><c>~</c>: changed in place (a body, allowed values, the policy on a column, a tag's value).</summary>
    Change,
    /// <summary><c>±</c>: a policy replaced by a new version (its signature, return type or <c>EXEMPT_OTHER_POLICIES</c> changed).</summary>
    Replace,
    /// <summary><c>-</c>: the object or attachment is removed.</summary>
    Remove,
}

/// <summary>
/// One object's change: its kind (<c>tag</c>, <c>masking policy</c>, <c>row access policy</c>, <c>tag masking</c>,
/// <c>tag assignment</c>, <c>column masking</c>, <c>row access</c>), its name, what changes, and its statements in the
/// order the plan runs them.
/// </summary>
public sealed class Change
{
    internal Change(ChangeAction action, string kind, string @object, string detail)
    {
        Action = action; Kind = kind; Object = @object; Detail = detail;
    }

    /// <summary>Create, change, replace or remove.</summary>
    public ChangeAction Action { get; }
    /// <summary>The object's kind: <c>tag</c>, <c>masking policy</c>, <c>row access policy</c>, <c>tag masking</c>, <c>tag assignment</c>, <c>column masking</c> or <c>row access</c>.</summary>
    public string Kind { get; }
    /// <summary>The object's name (<c>GOVERNANCE.POLICIES.MP_MASK_EMAIL_TEXT</c>, <c>SALES.CRM.CUSTOMERS.EMAIL</c>).</summary>
    public string Object { get; }
    /// <summary>What changes, for a reader (<c>body</c>, <c>allowed values: + iban</c>).</summary>
    public string Detail { get; }
    /// <summary>The statements that make the change, in the order the plan runs them.</summary>
    public IReadOnlyList<Operation> Operations => _operations;

    internal readonly List<Operation> _operations = new();

    /// <summary><c>+</c>, <c>~</c>, <c>±</c> or <c>-</c>.</summary>
    public string Symbol => Symbols[(int)Action];

    /// <summary><c>create</c>, <c>change</c>, <c>replace</c> or <c>remove</c>.</summary>
    public string ActionName => ActionNames[(int)Action];

    internal static readonly string[] Symbols = { "+", "~", "±", "-" };
    internal static readonly string[] ActionNames = { "create", "change", "replace", "remove" };
}

/// <summary>
/// The smallest safe change from an account's state (<see cref="Base"/>) to what the rule packs want: the changes, one
/// per object, and the statements that make them, in an order that never leaves a column that the old or the new rules
/// mask readable in clear, nor a dataset that either filters unfiltered (tags and policies first, then attachments
/// set or moved in one statement, then what no rule wants is detached, then unreferenced policies are dropped). Every
/// statement is safe to run again after the state is read again; <see cref="Deployment.ApplyAsync"/> runs them.
/// </summary>
public sealed class ChangePlan
{
    internal ChangePlan(AccountState @base, IReadOnlyList<Operation> session, IReadOnlyList<Change> changes, IReadOnlyList<Operation> statements,
        IReadOnlyList<Finding> findings, IReadOnlyList<string> notes)
    {
        Base = @base; Changes = changes; Findings = findings; Notes = notes;
        Statements = changes.Count == 0 ? Array.Empty<Operation>() : session.Concat(statements).ToArray();
    }

    /// <summary>The state the plan was made against: <see cref="Deployment.ApplyAsync"/> refuses to run it on another.</summary>
    public AccountState Base { get; }
    /// <summary>Sorted by kind, then object.</summary>
    public IReadOnlyList<Change> Changes { get; }
    /// <summary>Every statement, in the order they run (the session's first); empty when there is nothing to do.</summary>
    public IReadOnlyList<Operation> Statements { get; }
    /// <summary>The drift findings of <see cref="Base"/> (<see cref="State.StateDrift"/>): what was made by hand where the tool works (GOV9018, GOV9019, GOV9021), reported, never touched; GOV9020 errors, which <see cref="Deployment.ApplyAsync"/> refuses to run with.</summary>
    public IReadOnlyList<Finding> Findings { get; }
    /// <summary>What the plan leaves as it is and why (a policy of someone else's where a rule wants one, a tag no taxonomy holds any more), sorted.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>True when there is no change to make (<see cref="Statements"/> is empty).</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>The number of changes of <paramref name="action"/>.</summary>
    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);

    /// <summary><c>1 to create, 1 to change, 0 to replace, 1 to remove</c>.</summary>
    public string Counts => Count(ChangeAction.Create).ToString(CultureInfo.InvariantCulture) + " to create, "
        + Count(ChangeAction.Change).ToString(CultureInfo.InvariantCulture) + " to change, "
        + Count(ChangeAction.Replace).ToString(CultureInfo.InvariantCulture) + " to replace, "
        + Count(ChangeAction.Remove).ToString(CultureInfo.InvariantCulture) + " to remove";

    /// <summary><c>Plan: 1 to create, 1 to change, 0 to replace, 1 to remove.</c></summary>
    public string Summary => "Plan: " + Counts + ".";

    /// <summary>
    /// The plan as <c>terraform plan</c> shows one: a line per change (<c>+</c> create, <c>~</c> change in place, <c>±</c>
    /// replace, <c>-</c> remove; kind, object, what changes), the notes, then the summary. Line feeds only.
    /// </summary>
    public string ToText()
    {
        var sb = new StringBuilder();
        if (IsEmpty)
        {
            sb.Append("No changes: the account matches the rule packs.\n");
        }
        else
        {
            foreach (var c in Changes)
            {
                sb.Append("  ").Append(c.Symbol).Append(' ').Append(c.Kind).Append(' ').Append(c.Object);
                if (c.Detail.Length > 0) sb.Append(" (").Append(c.Detail).Append(')');
                sb.Append('\n');
            }
        }
        if (Notes.Count > 0)
        {
            sb.Append('\n');
            foreach (var n in Notes) sb.Append("note: ").Append(n).Append('\n');
        }
        if (!IsEmpty) sb.Append('\n').Append(Summary).Append('\n');
        return sb.ToString();
    }

    /// <summary>The statements as a script: a header, the changes as comments, then every statement in order.</summary>
    public string ToSql()
    {
        var sb = new StringBuilder();
        sb.Append("-- Snowflake governance change, generated by `governance plan`: the smallest safe change from the account's state.\n");
        if (IsEmpty)
        {
            sb.Append("-- Nothing to do: the account matches the rule packs.\n");
            return sb.ToString();
        }
        SnowflakePlan.Comment(sb, Summary);
        foreach (var c in Changes) SnowflakePlan.Comment(sb, "  " + c.Symbol + " " + c.Kind + " " + c.Object + (c.Detail.Length > 0 ? " (" + c.Detail + ")" : ""));
        SnowflakePlan.Comment(sb, "Each statement commits on its own and is safe to run again; `governance apply` reads the state again and refuses a plan made against state that has changed.");
        sb.Append('\n');
        var previousMultiline = false;
        for (var i = 0; i < Statements.Count; i++)
        {
            var statement = SqlGenerator.Generate(Statements[i]);
            var multiline = statement.Contains('\n', StringComparison.Ordinal);
            if (i > 0 && (multiline || previousMultiline)) sb.Append('\n');
            sb.Append(statement).Append('\n');
            previousMultiline = multiline;
        }
        return sb.ToString();
    }

    /// <summary>
    /// <c>{ "changes": [ { "action", "object", "kind", "statements": [...] } ], "summary": { "create", "change", "replace", "remove" } }</c>,
    /// two-space indentation, line feeds.
    /// </summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonReport.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("changes");
            foreach (var c in Changes)
            {
                json.WriteStartObject();
                json.WriteString("action", c.ActionName);
                json.WriteString("object", c.Object);
                json.WriteString("kind", c.Kind);
                json.WriteStartArray("statements");
                foreach (var op in c.Operations) json.WriteStringValue(SqlGenerator.Generate(op));
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("create", Count(ChangeAction.Create));
            json.WriteNumber("change", Count(ChangeAction.Change));
            json.WriteNumber("replace", Count(ChangeAction.Replace));
            json.WriteNumber("remove", Count(ChangeAction.Remove));
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
