using Governance.Rules;
using Governance.Snapshots;
using Governance.Packs;

namespace Governance.Evaluation;

/// <summary>
/// How one column is masked: the rule whose strategy applies, the strategy (after the fail-closed fallback), and who
/// sees clear values — a session must hold a role of every clause in <see cref="RevealClauses"/> (one per matching
/// rule: deny overrides) and every <see cref="Conditions">condition</see> must hold in the row.
/// </summary>
public sealed class MaskingDecision
{
    internal MaskingDecision(string target, BoundRule rule, IReadOnlyList<BoundRule> matched, DataProduct product, Dataset dataset, Column column,
        MaskingStrategy strategy, IReadOnlyList<IReadOnlyList<string>> revealClauses, IReadOnlyList<MaskingCondition> conditions)
    {
        Target = target; Rule = rule; Matched = matched; Product = product; Dataset = dataset; Column = column; Strategy = strategy;
        RevealClauses = revealClauses; Conditions = conditions;
    }

    /// <summary>The column, <c>DB.SCHEMA.DATASET.COLUMN</c> (stored names joined with dots).</summary>
    public string Target { get; }
    /// <summary>The rule whose strategy applies (the combining rule's winner).</summary>
    public BoundRule Rule { get; }
    /// <summary>Every rule that selected the column, the winner first.</summary>
    public IReadOnlyList<BoundRule> Matched { get; }
    /// <summary>The column's product.</summary>
    public DataProduct Product { get; }
    /// <summary>The column's dataset.</summary>
    public Dataset Dataset { get; }
    /// <summary>The masked column.</summary>
    public Column Column { get; }
    /// <summary>The rule's strategy, or nullify when the rule's cannot return the column's type (GOV1002).</summary>
    public MaskingStrategy Strategy { get; }
    /// <summary>The winner's reveal roles (the first clause), or none when the column is masked for everyone.</summary>
    public IReadOnlyList<string> RevealTo => RevealClauses.Count == 0 ? Array.Empty<string>() : RevealClauses[0];
    /// <summary>A session sees clear values only with a role of each clause. Empty: masked for every session.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RevealClauses { get; }
    /// <summary>Conditions on other columns of the row that must all hold for clear values (conditional masking).</summary>
    public IReadOnlyList<MaskingCondition> Conditions { get; }

    /// <summary>Whether a session with primary role <paramref name="role"/> sees the clear value in a row where the
    /// conditions hold (<paramref name="conditionsHold"/>; ignored when there are none).</summary>
    public bool IsClearFor(RoleGraph roles, string role, bool conditionsHold = true)
        => Semantics.SeesClear(roles, role, RevealClauses, Conditions.Count == 0 || conditionsHold);
}

/// <summary>One matching row access rule's part of a dataset's decision.</summary>
public sealed class RowAccessPart
{
    internal RowAccessPart(BoundRule rule, RowFilter filter, IReadOnlyList<string> bypassRoles, bool columnPresent)
    {
        Rule = rule; Filter = filter; BypassRoles = bypassRoles; ColumnPresent = columnPresent;
    }

    /// <summary>The row access rule of this part.</summary>
    public BoundRule Rule { get; }
    /// <summary>The rule's row filter (entitlement table or predicate) and the column it reads.</summary>
    public RowFilter Filter { get; }
    /// <summary>Sessions with one of these roles pass this part whatever the row.</summary>
    public IReadOnlyList<string> BypassRoles { get; }
    /// <summary>False when the dataset lacks the filter column (or it has another type): only bypass roles pass (GOV2002).</summary>
    public bool ColumnPresent { get; }
}

/// <summary>
/// Which rows of one dataset each session sees. Snowflake attaches one row access policy per dataset, so every
/// matching rule becomes a <see cref="Parts">part</see> of it, and deny overrides: a row is visible only when every
/// part admits it — the session bypasses that part, or the part's filter admits the row.
/// </summary>
public sealed class RowAccessDecision
{
    internal RowAccessDecision(string target, DataProduct product, Dataset dataset, IReadOnlyList<RowAccessPart> parts)
    {
        Target = target; Product = product; Dataset = dataset; Parts = parts;
        Columns = ColumnsOf(parts);
    }

    /// <summary>The distinct filter columns of the parts whose column is present, in part order (a loop: one per dataset).</summary>
    private static string[] ColumnsOf(IReadOnlyList<RowAccessPart> parts)
    {
        var columns = new string[parts.Count];
        var count = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var column = parts[i].Filter.Column;
            // string equality: ordinal
            if (parts[i].ColumnPresent && Array.IndexOf(columns, column, 0, count) < 0) columns[count++] = column;
        }
        if (count == 0) return Array.Empty<string>();
        if (count < columns.Length) Array.Resize(ref columns, count);
        return columns;
    }

    /// <summary>The dataset, <c>DB.SCHEMA.DATASET</c> (stored names joined with dots).</summary>
    public string Target { get; }
    /// <summary>The dataset's product.</summary>
    public DataProduct Product { get; }
    /// <summary>The filtered dataset.</summary>
    public Dataset Dataset { get; }
    /// <summary>One per matching rule, the combining rule's first (fewest bypass roles) first.</summary>
    public IReadOnlyList<RowAccessPart> Parts { get; }
    /// <summary>The first part's rule.</summary>
    public BoundRule Rule => Parts[0].Rule;
    /// <summary>The first part's filter.</summary>
    public RowFilter Filter => Parts[0].Filter;
    /// <summary>The first part's bypass roles.</summary>
    public IReadOnlyList<string> BypassRoles => Parts[0].BypassRoles;
    /// <summary>The dataset columns the policy reads (its arguments); empty when no filter column is present.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>True when a session with primary role <paramref name="role"/> passes every part whatever the row.</summary>
    public bool Bypasses(RoleGraph roles, string role) => Parts.All(p => roles.HasAny(role, p.BypassRoles));
}

/// <summary>An evaluation in numbers.</summary>
public sealed class EvaluationSummary
{
    internal EvaluationSummary(int products, int datasets, long columns, int errors, int warnings, int notes, int waived, int masked, int rowAccess)
    {
        Products = products; Datasets = datasets; Columns = columns; Errors = errors; Warnings = warnings; Notes = notes; Waived = waived;
        MaskedColumns = masked; RowAccessDatasets = rowAccess;
    }

    /// <summary>The products evaluated.</summary>
    public int Products { get; }
    /// <summary>The datasets evaluated.</summary>
    public int Datasets { get; }
    /// <summary>The columns evaluated.</summary>
    public long Columns { get; }
    /// <summary>Unwaived findings by severity.</summary>
    public int Errors { get; }
    /// <summary>Unwaived warnings.</summary>
    public int Warnings { get; }
    /// <summary>Unwaived notes.</summary>
    public int Notes { get; }
    /// <summary>Findings a waiver covers, of any severity.</summary>
    public int Waived { get; }
    /// <summary>The columns with a masking decision.</summary>
    public int MaskedColumns { get; }
    /// <summary>The datasets with a row access decision.</summary>
    public int RowAccessDatasets { get; }
}

/// <summary>Findings and decisions, sorted: findings by (target, ID, rule, message), decisions by target.</summary>
public sealed class EvaluationResult
{
    internal EvaluationResult(IReadOnlyList<Finding> findings, IReadOnlyList<MaskingDecision> masking, IReadOnlyList<RowAccessDecision> rowAccess, EvaluationSummary summary)
    {
        Findings = findings; Masking = masking; RowAccess = rowAccess; Summary = summary;
    }

    /// <summary>Every finding, waived ones included (marked), by target, ID, rule, then message.</summary>
    public IReadOnlyList<Finding> Findings { get; }
    /// <summary>One decision per masked column, by target.</summary>
    public IReadOnlyList<MaskingDecision> Masking { get; }
    /// <summary>One decision per filtered dataset, by target.</summary>
    public IReadOnlyList<RowAccessDecision> RowAccess { get; }
    /// <summary>The evaluation in numbers.</summary>
    public EvaluationSummary Summary { get; }

    /// <summary>True when an unwaived finding is at least <paramref name="threshold"/>.</summary>
    public bool HasUnwaivedAtLeast(Severity threshold) => Findings.Any(f => !f.Waived && f.Severity >= threshold);
}
