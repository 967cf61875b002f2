namespace Governance;

/// <summary>How a row filter's predicate compares a column with a literal: <c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>, in that order.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum ComparisonOperator
{
    /// <summary>Equal (<c>=</c>).</summary>
    Equal,
    /// <summary>Not equal (<c>&lt;&gt;</c>).</summary>
    NotEqual,
    /// <summary>Less than (<c>&lt;</c>).</summary>
    Less,
    /// <summary>Less than or equal (<c>&lt;=</c>).</summary>
    LessOrEqual,
    /// <summary>Greater than (<c>&gt;</c>).</summary>
    Greater,
    /// <summary>Greater than or equal (<c>&gt;=</c>).</summary>
    GreaterOrEqual,
}
