namespace Governance.Rules;

/// <summary>
/// One method per concrete <see cref="MaskExpression"/>: <see cref="MaskExpression.Accept{TResult}"/> calls the one for
/// its own type. A new node adds a method here, so every consumer — the type checker, the compiler, the manifest
/// writer — stops compiling until it handles it.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
interface IMaskExpressionVisitor<out TResult>
{
    /// <summary>Visits a <see cref="ValueExpression"/>.</summary>
    TResult Visit(ValueExpression expression);
    /// <summary>Visits a <see cref="LiteralExpression"/>.</summary>
    TResult Visit(LiteralExpression expression);
    /// <summary>Visits a <see cref="CallExpression"/>.</summary>
    TResult Visit(CallExpression expression);
}
