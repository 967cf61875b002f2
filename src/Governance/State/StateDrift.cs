using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Diagnostics;
using Governance.Snowflake;

namespace Governance.State;

/// <summary>
/// The drift report of an account state: what someone made by hand where the tool works. GOV9018 for each tag or
/// policy of the tool's schemas without its <c>governance:</c> comment; GOV9019 for each masking or row access policy
/// the tool does not manage that is set on a column or dataset of the scope or on a tag of the tool's tag schema;
/// GOV9020, an error, for each tag of the tool's tag schema that takes several values per object; GOV9021 for each that
/// propagates. Sorted like every finding list (by target, ID, message).
/// </summary>
public static class StateDrift
{
    /// <summary>The drift findings of <paramref name="state"/>: GOV9018, GOV9019 and GOV9021 warnings, GOV9020 errors, sorted; empty when nothing was made by hand.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> is null.</exception>
    public static IReadOnlyList<Finding> Findings(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var findings = new List<Finding>();
        var foreignObject = GovCatalog.Get(GovIds.ForeignObject);
        var foreignAttachment = GovCatalog.Get(GovIds.ForeignAttachment);
        void Object(string what, Governance.Snowflake.SchemaObjectName name, SchemaName schema)
            => findings.Add(new Finding(GovIds.ForeignObject, null, Severity.Warning, name.ToString(), foreignObject.Format(what, name, schema)));
        void Attachment(string what, string target, string policyKind, Governance.Snowflake.SchemaObjectName policy)
            => findings.Add(new Finding(GovIds.ForeignAttachment, null, Severity.Warning, target, foreignAttachment.Format(what, target, policyKind, policy)));

        foreach (var t in state.Tags.Where(t => state.Scope.TagSchema.Contains(t.Name) && !state.IsManaged(t))) Object("tag", t.Name, state.Scope.TagSchema);
        foreach (var t in state.Tags.Where(t => state.Scope.TagSchema.Contains(t.Name)))
        {
            if (t.MultiValue) findings.Add(new Finding(GovIds.MultiValueTag, null, Severity.Error, t.Name.ToString(), GovCatalog.Get(GovIds.MultiValueTag).Format(t.Name)));
            if (t.Propagate is { } how) findings.Add(new Finding(GovIds.PropagatingTag, null, Severity.Warning, t.Name.ToString(), GovCatalog.Get(GovIds.PropagatingTag).Format(t.Name, how)));
        }
        foreach (var p in state.MaskingPolicies.Where(p => state.Scope.PolicySchema.Contains(p.Name) && !state.IsManaged(p))) Object("masking policy", p.Name, state.Scope.PolicySchema);
        foreach (var p in state.RowAccessPolicies.Where(p => state.Scope.PolicySchema.Contains(p.Name) && !state.IsManaged(p))) Object("row access policy", p.Name, state.Scope.PolicySchema);

        // A tag-based reference of a column is the tag's attachment, reported once, on the tag.
        foreach (var r in state.ColumnMasking.Where(r => r.Tag is null && InScope(state, r.Dataset) && !state.IsManagedPolicy(PolicyKind.Masking, r.Policy)))
            Attachment("column", r.Dataset + "." + r.Column, "masking policy", r.Policy);
        foreach (var r in state.RowAccess.Where(r => InScope(state, r.Dataset) && !state.IsManagedPolicy(PolicyKind.RowAccess, r.Policy)))
            Attachment("dataset", r.Dataset.ToString(), "row access policy", r.Policy);
        foreach (var r in state.TagMasking.Where(r => state.Scope.TagSchema.Contains(r.Tag) && !state.IsManagedPolicy(PolicyKind.Masking, r.Policy)))
            Attachment("tag", r.Tag.ToString(), "masking policy", r.Policy);

        findings.Sort(Finding.Compare);
        return findings;
    }

    private static bool InScope(AccountState state, Governance.Snowflake.SchemaObjectName dataset) => state.Scope.Find(dataset) is not null;
}
