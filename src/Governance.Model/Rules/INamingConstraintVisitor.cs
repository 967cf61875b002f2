namespace Governance.Rules;

/// <summary>
/// One method per concrete <see cref="NamingConstraint"/>: <see cref="NamingConstraint.Accept{TResult}(INamingConstraintVisitor{TResult})"/>
/// calls the one for its own type. A new constraint adds a method here, so every consumer — the naming check and its
/// message, validation, federation, the manifest writer — stops compiling until it handles it.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
interface INamingConstraintVisitor<out TResult>
{
    TResult Visit(CaseConstraint constraint);
    TResult Visit(PatternConstraint constraint);
    TResult Visit(AffixConstraint constraint);
    TResult Visit(MaxLengthConstraint constraint);
    TResult Visit(NotReservedConstraint constraint);
}
