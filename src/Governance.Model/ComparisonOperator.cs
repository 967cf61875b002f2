namespace Governance;

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum ComparisonOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }
