namespace Governance.Snowflake;

/// <summary>
/// One method per concrete <see cref="PolicyExpression"/>: <see cref="PolicyExpression.Accept{TResult}"/> calls the one
/// for its own type. A new node adds a method here, so every writer (the generator's Snowflake text, the simulation's
/// DuckDB text) and the precedence rules stop compiling until they handle it.
/// </summary>
public interface IPolicyExpressionVisitor<out TResult>
{
    TResult Visit(ArgumentReference expression);
    TResult Visit(LiteralValue expression);
    TResult Visit(NullValue expression);
    TResult Visit(RoleInSession expression);
    TResult Visit(FunctionCall expression);
    TResult Visit(Comparison expression);
    TResult Visit(Subtraction expression);
    TResult Visit(Logical expression);
    TResult Visit(CaseExpression expression);
    TResult Visit(EntitlementExists expression);
    TResult Visit(TagOnCurrentColumn expression);
}
