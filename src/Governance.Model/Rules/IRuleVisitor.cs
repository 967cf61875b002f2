namespace Governance.Rules;

/// <summary>
/// One method per concrete <see cref="Rule"/>: <see cref="Rule.Accept{TResult}(IRuleVisitor{TResult})"/> calls the one for
/// its own type. A new rule kind adds a method here, so every consumer — evaluation, validation, federation, the
/// manifest writer, the planner — stops compiling until it handles it.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
interface IRuleVisitor<out TResult>
{
    /// <summary>Visits a <see cref="MaskingRule"/>.</summary>
    TResult Visit(MaskingRule rule);
    /// <summary>Visits a <see cref="RowAccessRule"/>.</summary>
    TResult Visit(RowAccessRule rule);
    /// <summary>Visits a <see cref="TagRequirementRule"/>.</summary>
    TResult Visit(TagRequirementRule rule);
    /// <summary>Visits a <see cref="TaxonomyRule"/>.</summary>
    TResult Visit(TaxonomyRule rule);
    /// <summary>Visits a <see cref="ProductMetadataRule"/>.</summary>
    TResult Visit(ProductMetadataRule rule);
    /// <summary>Visits a <see cref="NamingRule"/>.</summary>
    TResult Visit(NamingRule rule);
}
