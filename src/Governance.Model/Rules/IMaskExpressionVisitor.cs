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
    TResult Visit(ValueExpression expression);
    TResult Visit(LiteralExpression expression);
    TResult Visit(CallExpression expression);
}
