using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Snowflake;

/// <summary>A row access policy for one dataset: its signature, body, and the dataset columns to attach it ON (by position).</summary>
public sealed class RowAccessBody
{
    internal RowAccessBody(PolicySignature signature, PolicyExpression body, IReadOnlyList<string> onColumns)
    {
        Signature = signature;
        Body = body;
        OnColumns = onColumns;
    }

    /// <summary>The policy's arguments (<c>ARG_1</c> …), one per column of <see cref="OnColumns"/>.</summary>
    public PolicySignature Signature { get; }
    /// <summary>The policy's body, a BOOLEAN.</summary>
    public PolicyExpression Body { get; }
    /// <summary>The columns of <c>ADD ROW ACCESS POLICY … ON (…)</c>, one per argument, in order.</summary>
    public IReadOnlyList<string> OnColumns { get; }
}

/// <summary>
/// Row access bodies from the evaluator's decision. Snowflake attaches one row access policy per dataset, so every
/// part becomes one conjunct (deny overrides): <c>(IS_ROLE_IN_SESSION('BYPASS') OR … OR &lt;filter&gt;) AND …</c>.
/// An entitlement filter is <c>EXISTS</c> over its mapping table; a predicate is a comparison with a typed literal.
/// A part whose filter column is missing admits only its bypass roles (<c>FALSE</c> without any).
/// </summary>
public static class RowAccessBodies
{
    /// <summary>
    /// The policy for <paramref name="decision"/>. <paramref name="standIn"/> is the column it attaches on when no filter
    /// column is present (an external table's VALUE); null: the dataset's first column.
    /// </summary>
    public static RowAccessBody For(RowAccessDecision decision, Column? standIn = null)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var columns = decision.Columns.ToList();
        // A policy needs at least one argument. When no filter column is present the body reads none, so a column
        // stands in (the policy then admits bypass roles only).
        if (columns.Count == 0)
        {
            standIn ??= decision.Dataset.Columns.Count > 0 ? decision.Dataset.Columns[0]
                : throw new SnowflakeCompileException("dataset `" + decision.Target + "` has no column to attach a row access policy on");
            columns.Add(standIn.Name);
        }
        var types = columns.Select(c => (decision.Dataset.FindColumn(c)
            ?? (standIn is not null && string.Equals(standIn.Name, c, StringComparison.Ordinal) ? standIn : null)
            ?? throw new SnowflakeCompileException("dataset `" + decision.Target + "` has no column " + SqlText.Show(c))).Type).ToArray();
        var signature = PolicySignature.ForRowAccess(types);
        PolicyExpression ArgFor(string column) => PolicyExpression.ArgumentOf(signature.Arguments[columns.IndexOf(column)]);

        var conjuncts = new List<PolicyExpression>();
        foreach (var part in decision.Parts)
        {
            var disjuncts = part.BypassRoles.Select(PolicyExpression.IsRoleInSession).ToList();
            if (part.ColumnPresent)
            {
                var arg = ArgFor(part.Filter.Column);
                disjuncts.Add(part.Filter.Accept(new Admits(arg, types[columns.IndexOf(part.Filter.Column)])));
            }
            conjuncts.Add(disjuncts.Count == 0 ? PolicyExpression.Boolean(false) : PolicyExpression.Or(disjuncts.ToArray()));
        }
        if (conjuncts.Count == 0) throw new SnowflakeCompileException("dataset `" + decision.Target + "` has no row access rule");
        var body = PolicyExpression.And(conjuncts.ToArray());
        PolicyBodies.Check(signature, body, SnowflakeType.Boolean, "the row access policy of `" + decision.Target + "`");
        return new RowAccessBody(signature, body, columns);
    }

    /// <summary>Which rows a filter admits, given the policy's argument for its column (of <paramref name="type"/>).</summary>
    private sealed class Admits(PolicyExpression argument, SnowflakeType type) : IRowFilterVisitor<PolicyExpression>
    {
        public PolicyExpression Visit(EntitlementFilter filter)
            => PolicyExpression.EntitlementExists(new SchemaObjectName(filter.Database, filter.Schema, filter.Table), filter.RoleColumn, filter.ValueColumn, argument);

        public PolicyExpression Visit(PredicateFilter filter)
            => PolicyExpression.Compare(argument, filter.Operator, PolicyExpression.Typed(filter.Value, type.Kind));
    }
}
