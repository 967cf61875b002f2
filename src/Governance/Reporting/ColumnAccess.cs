using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Reporting;

/// <summary>What a session sees of a column: its value in clear, in clear only where the row's conditions hold, or masked.</summary>
public enum ColumnAccessKind
{
    /// <summary>The value in clear, in every row.</summary>
    Clear,
    /// <summary>The value in clear only in the rows where the masking conditions hold, else masked.</summary>
    ClearWhen,
    /// <summary>The value masked, in every row.</summary>
    Masked,
}

/// <summary>What a session with one primary role sees of one column, with the strategy that masks it.</summary>
public sealed class ColumnAccess : IEquatable<ColumnAccess>
{
    private ColumnAccess(ColumnAccessKind kind, string? strategy, string? conditions)
    {
        Kind = kind; Strategy = strategy; Conditions = conditions;
    }

    /// <summary>No masking policy: every session sees the value.</summary>
    public static ColumnAccess Clear { get; } = new(ColumnAccessKind.Clear, null, null);

    /// <summary>Clear, clear where conditions hold, or masked.</summary>
    public ColumnAccessKind Kind { get; }
    /// <summary>The strategy that masks the value (<see cref="MaskingStrategy.Describe"/>); null when clear.</summary>
    public string? Strategy { get; }
    /// <summary>For <see cref="ColumnAccessKind.ClearWhen"/>: the row conditions, <c>CONSENT = true and …</c>.</summary>
    public string? Conditions { get; }
    /// <summary>True when the masked value is NULL (the nullify strategy).</summary>
    public bool IsNull => Kind == ColumnAccessKind.Masked && Strategy == NullifyStrategy.Instance.Describe();

    /// <summary><c>clear</c>, <c>masked (emailDomain)</c>, <c>null</c>, or <c>clear when CONSENT = true, else masked (redact)</c>.</summary>
    public string Text => Kind switch
    {
        ColumnAccessKind.Clear => "clear",
        ColumnAccessKind.Masked => IsNull ? "null" : "masked (" + Strategy + ")",
        _ => "clear when " + Conditions + ", else " + (Strategy == NullifyStrategy.Instance.Describe() ? "null" : "masked (" + Strategy + ")"),
    };

    /// <summary>What a session with primary role <paramref name="role"/> sees of the column <paramref name="decision"/>
    /// masks (null: no policy, clear).</summary>
    public static ColumnAccess Of(MaskingDecision? decision, RoleGraph roles, string role)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(role);
        if (decision is null) return Clear;
        var strategy = decision.Strategy.Describe();
        if (!decision.IsClearFor(roles, role)) return new ColumnAccess(ColumnAccessKind.Masked, strategy, null);
        return decision.Conditions.Count == 0 ? Clear : new ColumnAccess(ColumnAccessKind.ClearWhen, strategy, MaskingState.ConditionText(decision.Conditions));
    }

    /// <summary>True when <paramref name="other"/> has the same kind, strategy and conditions (ordinal).</summary>
    public bool Equals(ColumnAccess? other) => other is not null && Kind == other.Kind
        && string.Equals(Strategy, other.Strategy, StringComparison.Ordinal) && string.Equals(Conditions, other.Conditions, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ColumnAccess);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Strategy, Conditions);
    /// <summary>The same as <see cref="Text"/>.</summary>
    public override string ToString() => Text;
}

/// <summary>Which rows of a dataset a session sees: all of them, those its row access admits, or none.</summary>
public enum RowVisibility
{
    /// <summary>Every row: no row access policy, or the session bypasses every part.</summary>
    AllRows,
    /// <summary>The rows the filters admit.</summary>
    SomeRows,
    /// <summary>No row: a part the session does not bypass filters on a column the dataset lacks.</summary>
    NoRows,
}

/// <summary>The names of the row visibilities in reports.</summary>
public static class RowVisibilities
{
    /// <summary><c>all rows</c>, <c>filtered</c>, <c>no rows</c>.</summary>
    public static string Text(RowVisibility v) => v switch { RowVisibility.AllRows => "all rows", RowVisibility.SomeRows => "filtered", _ => "no rows" };

    /// <summary>What a session with primary role <paramref name="role"/> sees of the dataset of <paramref name="decision"/>
    /// (null: no row access policy, every row). A part whose filter column is missing admits only its bypass roles.</summary>
    public static RowVisibility Of(RowAccessDecision? decision, RoleGraph roles, string role)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (decision is null) return RowVisibility.AllRows;
        var filtered = false;
        foreach (var part in decision.Parts)
        {
            if (roles.HasAny(role, part.BypassRoles)) continue;
            if (!part.ColumnPresent) return RowVisibility.NoRows;
            filtered = true;
        }
        return filtered ? RowVisibility.SomeRows : RowVisibility.AllRows;
    }
}

/// <summary>A column's masking decision as the diff and the reports show it.</summary>
public sealed class MaskingState : IEquatable<MaskingState>
{
    /// <summary>A masking decision as shown; the lists are copied.</summary>
    /// <param name="rule">The rule whose strategy applies, <c>pack/ruleId</c>.</param>
    /// <param name="strategy">The strategy as described (<c>emailDomain</c>).</param>
    /// <param name="revealClauses">Clear values need a role of each clause; none: masked for every session.</param>
    /// <param name="conditions">Row conditions for clear values: the column must hold the value.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public MaskingState(string rule, string strategy, IReadOnlyList<IReadOnlyList<string>> revealClauses, IReadOnlyList<(string Column, string Value)> conditions)
    {
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
        Strategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        _revealClauses = new ValueList<ValueList<string>>((revealClauses ?? throw new ArgumentNullException(nameof(revealClauses))).Select(c => new ValueList<string>(c)));
        _conditions = new ValueList<(string Column, string Value)>(conditions ?? throw new ArgumentNullException(nameof(conditions)));
    }

    private readonly ValueList<ValueList<string>> _revealClauses;
    private readonly ValueList<(string Column, string Value)> _conditions;

    /// <summary>The rule whose strategy applies, <c>pack/ruleId</c>.</summary>
    public string Rule { get; }
    /// <summary>The masking strategy as described (<c>emailDomain</c>, <c>nullify</c> …; <see cref="MaskingStrategy.Describe"/>).</summary>
    public string Strategy { get; }
    /// <summary>Clear values need a role of each clause; none: masked for every session.</summary>
    public IReadOnlyList<IReadOnlyList<string>> RevealClauses => _revealClauses;
    /// <summary>Row conditions for clear values: the column must hold the value.</summary>
    public IReadOnlyList<(string Column, string Value)> Conditions => _conditions;

    /// <summary>The state of the evaluator's decision <paramref name="d"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="d"/> is null.</exception>
    public static MaskingState Of(MaskingDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new MaskingState(d.Rule.Ref, d.Strategy.Describe(), d.RevealClauses, d.Conditions.Select(c => (c.Column, c.Value.Text)).ToArray());
    }

    /// <summary><c>emailDomain, clear for PII_READER or GLOBAL_ANALYST</c> (… <c>when CONSENT = true</c>), or <c>… masked for every role</c>.</summary>
    public string Text
    {
        get
        {
            var reveal = RevealClauses.Count == 0 ? "masked for every role" : "clear for " + string.Join(" and ", RevealClauses.Select(c => string.Join(" or ", c)));
            if (Conditions.Count > 0 && RevealClauses.Count > 0) reveal += " when " + string.Join(" and ", Conditions.Select(c => c.Column + " = " + c.Value));
            return Strategy + ", " + reveal;
        }
    }

    internal static string ConditionText(IReadOnlyList<MaskingCondition> conditions) => string.Join(" and ", conditions.Select(Condition));

    private static string Condition(MaskingCondition c) => c.Column + " = " + c.Value.Text;

    /// <summary>True when <paramref name="other"/> has the same rule, strategy, reveal clauses and conditions, in the same order (ordinal).</summary>
    public bool Equals(MaskingState? other) => other is not null && Rule == other.Rule && Strategy == other.Strategy
        && _revealClauses == other._revealClauses && _conditions == other._conditions;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MaskingState);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Rule, Strategy, _revealClauses, _conditions);
    /// <summary>The same as <see cref="Text"/>.</summary>
    public override string ToString() => Text;
}

/// <summary>One rule's part of a dataset's row access, as the diff and the reports show it.</summary>
public sealed class RowAccessPartState
{
    /// <summary>A part as shown; <paramref name="bypassRoles"/> is copied.</summary>
    /// <param name="rule">The rule, <c>pack/ruleId</c>.</param>
    /// <param name="filter"><c>entitlement</c> or <c>predicate</c>.</param>
    /// <param name="column">The column the rule filters on.</param>
    /// <param name="bypassRoles">The roles that see every row whatever the filter.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RowAccessPartState(string rule, string filter, string column, IReadOnlyList<string> bypassRoles)
    {
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
        Filter = filter ?? throw new ArgumentNullException(nameof(filter));
        Column = column ?? throw new ArgumentNullException(nameof(column));
        _bypassRoles = new ValueList<string>(bypassRoles ?? throw new ArgumentNullException(nameof(bypassRoles)));
    }

    private readonly ValueList<string> _bypassRoles;

    /// <summary>The rule, <c>pack/ruleId</c>.</summary>
    public string Rule { get; }
    /// <summary><c>entitlement</c> or <c>predicate</c>.</summary>
    public string Filter { get; }
    /// <summary>The column the rule filters on (the dataset may lack it).</summary>
    public string Column { get; }
    /// <summary>The roles that see every row whatever the filter, in the decision's order.</summary>
    public IReadOnlyList<string> BypassRoles => _bypassRoles;

    /// <summary>The same rule, filter and bypass roles; the column only when <paramref name="withColumn"/>.</summary>
    internal bool SameAs(RowAccessPartState other, bool withColumn)
        => Rule == other.Rule && Filter == other.Filter && _bypassRoles == other._bypassRoles && (!withColumn || Column == other.Column);
}

/// <summary>
/// A dataset's row access decision as the diff and the reports show it: every part must admit a row; a part whose column
/// is not among <see cref="Columns"/> admits only its bypass roles. Two states are equal when <c>check</c> shows the
/// same decision: the parts' rules, filters and bypass roles, the further parts' columns, and the columns read.
/// </summary>
public sealed class RowAccessState : IEquatable<RowAccessState>
{
    /// <summary>A row access decision as shown; the lists are copied.</summary>
    /// <param name="parts">The parts, in the decision's order; at least one.</param>
    /// <param name="columns">The dataset columns the policy reads.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty.</exception>
    public RowAccessState(IReadOnlyList<RowAccessPartState> parts, IReadOnlyList<string> columns)
    {
        Parts = (parts ?? throw new ArgumentNullException(nameof(parts))).ToArray();
        if (Parts.Count == 0) throw new ArgumentException("a row access decision has at least one part", nameof(parts));
        _columns = new ValueList<string>(columns ?? throw new ArgumentNullException(nameof(columns)));
    }

    private readonly ValueList<string> _columns;

    /// <summary>The parts, in the decision's order; never empty. A row is seen when every part admits it.</summary>
    public IReadOnlyList<RowAccessPartState> Parts { get; }
    /// <summary>The dataset columns the policy reads: the parts' columns the dataset has.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>The state of the evaluator's decision <paramref name="d"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="d"/> is null.</exception>
    public static RowAccessState Of(RowAccessDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new RowAccessState(d.Parts.Select(p => new RowAccessPartState(p.Rule.Ref, p.Filter.Name, p.Filter.Column, p.BypassRoles)).ToArray(), d.Columns);
    }

    /// <summary><c>entitlement on REGION, bypass GLOBAL_ANALYST (acme-global/rows.region)</c>, parts joined with <c>and</c>.</summary>
    public string Text => string.Join(" and ", Parts.Select(p => p.Filter + " on " + p.Column + (Columns.Contains(p.Column) ? "" : " (missing: no rows)")
        + (p.BypassRoles.Count == 0 ? "" : ", bypass " + string.Join(" or ", p.BypassRoles)) + " (" + p.Rule + ")"));

    /// <summary>True when <c>check</c> would show <paramref name="other"/> as the same decision (see the class summary).</summary>
    public bool Equals(RowAccessState? other)
    {
        if (other is null || Parts.Count != other.Parts.Count || _columns != other._columns) return false;
        for (var i = 0; i < Parts.Count; i++)
        {
            // The first part's column is not shown by `check` (only the columns read are).
            if (!Parts[i].SameAs(other.Parts[i], withColumn: i > 0)) return false;
        }
        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RowAccessState);
    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Parts.Count, _columns);
    /// <summary>The same as <see cref="Text"/>.</summary>
    public override string ToString() => Text;
}

/// <summary>
/// Which domain and product a target belongs to. Targets are stored names joined with dots
/// (<c>DB.SCHEMA[.DATASET[.COLUMN]]</c>); a product is found by the longest product prefix, so names that contain dots
/// are found too. A target outside every product (an expired waiver's glob, a role) has none.
/// </summary>
public sealed class ProductIndex
{
    private readonly Dictionary<string, (Domain Domain, DataProduct Product)> _byPrefix = new(StringComparer.Ordinal);

    /// <summary>Indexes the products of <paramref name="snapshot"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public ProductIndex(MetadataSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var products = new List<(Domain, DataProduct)>();
        foreach (var d in snapshot.Domains)
        {
            foreach (var p in d.Products)
            {
                _byPrefix[Targets.Of(p)] = (d, p);
                products.Add((d, p));
            }
        }
        Products = products.OrderBy(x => x.Item1.Name, StringComparer.Ordinal).ThenBy(x => x.Item2.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every product of the snapshot with its domain, by domain then product name.</summary>
    public IReadOnlyList<(Domain Domain, DataProduct Product)> Products { get; }

    /// <summary>The domain and product of <paramref name="target"/>, or null.</summary>
    public (Domain Domain, DataProduct Product)? Find(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (_byPrefix.TryGetValue(target, out var exact)) return exact;
        for (var i = target.Length - 1; i > 0; i--)
        {
            if (target[i] == '.' && _byPrefix.TryGetValue(target[..i], out var found)) return found;
        }
        return null;
    }

    /// <summary>The snapshot's roles and <c>PUBLIC</c>, sorted, with their inheritance.</summary>
    public static (RoleGraph Graph, IReadOnlyList<string> Roles) RolesOf(MetadataSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var graph = RoleGraph.TryBuild(snapshot.Roles, out var error) ?? throw new ArgumentException("the snapshot's roles are invalid: " + error, nameof(snapshot));
        return (graph, graph.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray());
    }
}
