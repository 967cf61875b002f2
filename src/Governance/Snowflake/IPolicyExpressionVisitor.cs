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
    /// <summary>Handles a <see cref="ArgumentReference"/> expression.</summary>
    void Visit(ArgumentReference expression);
    /// <summary>Handles a <see cref="LiteralValue"/> expression.</summary>
    void Visit(LiteralValue expression);
    /// <summary>Handles a <see cref="NullValue"/> expression.</summary>
    void Visit(NullValue expression);
    /// <summary>Handles a <see cref="RoleInSession"/> expression.</summary>
    void Visit(RoleInSession expression);
    /// <summary>Handles a <see cref="FunctionCall"/> expression.</summary>
    void Visit(FunctionCall expression);
    /// <summary>Handles a <see cref="Comparison"/> expression.</summary>
    void Visit(Comparison expression);
    /// <summary>Handles a <see cref="Subtraction"/> expression.</summary>
    void Visit(Subtraction expression);
    /// <summary>Handles a <see cref="Logical"/> expression.</summary>
    void Visit(Logical expression);
    /// <summary>Handles a <see cref="CaseExpression"/> expression.</summary>
    void Visit(CaseExpression expression);
    /// <summary>Handles a <see cref="EntitlementExists"/> expression.</summary>
    void Visit(EntitlementExists expression);
    /// <summary>Handles a <see cref="TagOnCurrentColumn"/> expression.</summary>
    void Visit(TagOnCurrentColumn expression);
}
