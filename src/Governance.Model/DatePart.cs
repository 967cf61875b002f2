namespace Governance;

/// <summary>A unit for date and timestamp truncation, coarsest first.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum DatePart { Year, Quarter, Month, Week, Day, Hour }
