namespace Governance.Rules;

/// <summary>
/// One method per concrete <see cref="Selector"/>: <see cref="Selector.Accept{TResult}(ISelectorVisitor{TResult})"/> calls
/// the one for its own type. A new selector adds a method here, so every consumer — matching, validation, the manifest
/// writer, the evaluator's index, the planner — stops compiling until it handles it.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
interface ISelectorVisitor<out TResult>
{
    TResult Visit(AlwaysSelector selector);
    TResult Visit(TagSelector selector);
    TResult Visit(NameSelector selector);
    TResult Visit(TypeSelector selector);
    TResult Visit(KindSelector selector);
    TResult Visit(DomainSelector selector);
    TResult Visit(ProductSelector selector);
    TResult Visit(HasColumnSelector selector);
    TResult Visit(AllSelector selector);
    TResult Visit(AnySelector selector);
    TResult Visit(NotSelector selector);
}
