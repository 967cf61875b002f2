namespace Governance;

/// <summary>Severity of a rule and its findings. Ordered: a higher value is more severe.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum Severity { Note = 0, Warning = 1, Error = 2 }
