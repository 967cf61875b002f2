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
    TResult Visit(RedactStrategy strategy);
    TResult Visit(KeepLastStrategy strategy);
    TResult Visit(HashStrategy strategy);
    TResult Visit(NullifyStrategy strategy);
    TResult Visit(EmailDomainStrategy strategy);
    TResult Visit(TruncateDateStrategy strategy);
    TResult Visit(ConstantStrategy strategy);
    TResult Visit(CustomStrategy strategy);
}
