namespace Governance.Rules;

/// <summary>
/// One method per concrete <see cref="RowFilter"/>: <see cref="RowFilter.Accept{TResult}"/> calls the one for its own
/// type. A new filter adds a method here, so every consumer — evaluation, validation, the manifest writer, the compiled
/// row access bodies — stops compiling until it handles it.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
interface IRowFilterVisitor<out TResult>
{
    /// <summary>Visits a <see cref="EntitlementFilter"/>.</summary>
    TResult Visit(EntitlementFilter filter);
    /// <summary>Visits a <see cref="PredicateFilter"/>.</summary>
    TResult Visit(PredicateFilter filter);
}
