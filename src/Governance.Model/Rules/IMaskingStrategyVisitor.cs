namespace Governance.Rules;

/// <summary>
/// One method per concrete <see cref="MaskingStrategy"/>: <see cref="MaskingStrategy.Accept{TResult}"/> calls the one
/// for its own type. A new strategy adds a method here, so every consumer — the manifest writer, validation,
/// federation, the compiled policy bodies, the planner — stops compiling until it handles it.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
interface IMaskingStrategyVisitor<out TResult>
{
    /// <summary>Visits a <see cref="RedactStrategy"/>.</summary>
    TResult Visit(RedactStrategy strategy);
    /// <summary>Visits a <see cref="KeepLastStrategy"/>.</summary>
    TResult Visit(KeepLastStrategy strategy);
    /// <summary>Visits a <see cref="HashStrategy"/>.</summary>
    TResult Visit(HashStrategy strategy);
    /// <summary>Visits a <see cref="NullifyStrategy"/>.</summary>
    TResult Visit(NullifyStrategy strategy);
    /// <summary>Visits a <see cref="EmailDomainStrategy"/>.</summary>
    TResult Visit(EmailDomainStrategy strategy);
    /// <summary>Visits a <see cref="TruncateDateStrategy"/>.</summary>
    TResult Visit(TruncateDateStrategy strategy);
    /// <summary>Visits a <see cref="ConstantStrategy"/>.</summary>
    TResult Visit(ConstantStrategy strategy);
    /// <summary>Visits a <see cref="CustomStrategy"/>.</summary>
    TResult Visit(CustomStrategy strategy);
}
