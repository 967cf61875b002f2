namespace Governance;

/// <summary>Severity of a rule and its findings. Ordered: a higher value is more severe.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum Severity
{
    /// <summary>Informational; makes <c>governance check</c> fail only with <c>--fail-on note</c>.</summary>
    Note = 0,
    /// <summary>A problem to fix; makes <c>governance check</c> fail with <c>--fail-on warning</c> or <c>note</c>.</summary>
    Warning = 1,
    /// <summary>A violation; makes <c>governance check</c> fail by default, and <c>governance plan</c> exit with code 1.</summary>
    Error = 2,
}
