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
    TResult Visit(MaskingRule rule);
    TResult Visit(RowAccessRule rule);
    TResult Visit(TagRequirementRule rule);
    TResult Visit(TaxonomyRule rule);
    TResult Visit(ProductMetadataRule rule);
    TResult Visit(NamingRule rule);
}
