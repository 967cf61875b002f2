namespace Governance.Snowflake;

/// <summary>
/// One method per concrete <see cref="Operation"/>: <see cref="Operation.Accept{TResult}"/> calls the one for its own
/// type. A new operation adds a method here, so every consumer (the generator, the plan's coverage, the simulation)
/// stops compiling until it handles it.
/// </summary>
public interface IOperationVisitor<out TResult>
{
    TResult Visit(UseRole operation);
    TResult Visit(SetQuotedIdentifiersCaseSensitive operation);
    TResult Visit(CreateTag operation);
    TResult Visit(AddTagAllowedValues operation);
    TResult Visit(DropTagAllowedValues operation);
    TResult Visit(UnsetTagAllowedValues operation);
    TResult Visit(CreateMaskingPolicy operation);
    TResult Visit(SetMaskingPolicyBody operation);
    TResult Visit(SetColumnMaskingPolicy operation);
    TResult Visit(UnsetColumnMaskingPolicy operation);
    TResult Visit(SetTagMaskingPolicy operation);
    TResult Visit(UnsetTagMaskingPolicy operation);
    TResult Visit(CreateRowAccessPolicy operation);
    TResult Visit(SetRowAccessPolicyBody operation);
    TResult Visit(AddRowAccessPolicy operation);
    TResult Visit(DropTableRowAccessPolicy operation);
    TResult Visit(SwapRowAccessPolicy operation);
    TResult Visit(SetTag operation);
    TResult Visit(UnsetTag operation);
    TResult Visit(DropMaskingPolicy operation);
    TResult Visit(DropRowAccessPolicy operation);
    TResult Visit(DropTag operation);
}
