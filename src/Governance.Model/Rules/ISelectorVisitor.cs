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
    /// <summary>Visits a <see cref="AlwaysSelector"/>.</summary>
    TResult Visit(AlwaysSelector selector);
    /// <summary>Visits a <see cref="TagSelector"/>.</summary>
    TResult Visit(TagSelector selector);
    /// <summary>Visits a <see cref="NameSelector"/>.</summary>
    TResult Visit(NameSelector selector);
    /// <summary>Visits a <see cref="TypeSelector"/>.</summary>
    TResult Visit(TypeSelector selector);
    /// <summary>Visits a <see cref="KindSelector"/>.</summary>
    TResult Visit(KindSelector selector);
    /// <summary>Visits a <see cref="DomainSelector"/>.</summary>
    TResult Visit(DomainSelector selector);
    /// <summary>Visits a <see cref="ProductSelector"/>.</summary>
    TResult Visit(ProductSelector selector);
    /// <summary>Visits a <see cref="HasColumnSelector"/>.</summary>
    TResult Visit(HasColumnSelector selector);
    /// <summary>Visits a <see cref="AllSelector"/>.</summary>
    TResult Visit(AllSelector selector);
    /// <summary>Visits a <see cref="AnySelector"/>.</summary>
    TResult Visit(AnySelector selector);
    /// <summary>Visits a <see cref="NotSelector"/>.</summary>
    TResult Visit(NotSelector selector);
}
