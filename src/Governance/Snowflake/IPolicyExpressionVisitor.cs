namespace Governance.Snowflake;

/// <summary>
/// One method per concrete <see cref="PolicyExpression"/>: <see cref="PolicyExpression.Accept"/> calls the one for its
/// own type. A new node adds a method here, so every writer (the generator's Snowflake text, the simulation's DuckDB
/// text) and the precedence rules stop compiling until they handle it. The methods return nothing: a visitor writes
/// or records as it goes (the writers visit every node of every body a plan generates, and a non-generic virtual call
/// is the cheap one).
/// </summary>
public interface IPolicyExpressionVisitor
{
    void Visit(ArgumentReference expression);
    void Visit(LiteralValue expression);
    void Visit(NullValue expression);
    void Visit(RoleInSession expression);
    void Visit(FunctionCall expression);
    void Visit(Comparison expression);
    void Visit(Subtraction expression);
    void Visit(Logical expression);
    void Visit(CaseExpression expression);
    void Visit(EntitlementExists expression);
    void Visit(TagOnCurrentColumn expression);
}
