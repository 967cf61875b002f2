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
    /// <summary>Visits a <see cref="CaseConstraint"/>.</summary>
    TResult Visit(CaseConstraint constraint);
    /// <summary>Visits a <see cref="PatternConstraint"/>.</summary>
    TResult Visit(PatternConstraint constraint);
    /// <summary>Visits a <see cref="AffixConstraint"/>.</summary>
    TResult Visit(AffixConstraint constraint);
    /// <summary>Visits a <see cref="MaxLengthConstraint"/>.</summary>
    TResult Visit(MaxLengthConstraint constraint);
    /// <summary>Visits a <see cref="NotReservedConstraint"/>.</summary>
    TResult Visit(NotReservedConstraint constraint);
}
