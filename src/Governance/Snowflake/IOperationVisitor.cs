namespace Governance.Snowflake;

/// <summary>
/// One method per concrete <see cref="Operation"/>: <see cref="Operation.Accept{TResult}"/> calls the one for its own
/// type. A new operation adds a method here, so every consumer (the generator, the plan's coverage, the simulation)
/// stops compiling until it handles it.
/// </summary>
public interface IOperationVisitor<out TResult>
{
    /// <summary>Handles a <see cref="UseRole"/> operation.</summary>
    TResult Visit(UseRole operation);
    /// <summary>Handles a <see cref="SetQuotedIdentifiersCaseSensitive"/> operation.</summary>
    TResult Visit(SetQuotedIdentifiersCaseSensitive operation);
    /// <summary>Handles a <see cref="CreateTag"/> operation.</summary>
    TResult Visit(CreateTag operation);
    /// <summary>Handles a <see cref="AddTagAllowedValues"/> operation.</summary>
    TResult Visit(AddTagAllowedValues operation);
    /// <summary>Handles a <see cref="DropTagAllowedValues"/> operation.</summary>
    TResult Visit(DropTagAllowedValues operation);
    /// <summary>Handles a <see cref="UnsetTagAllowedValues"/> operation.</summary>
    TResult Visit(UnsetTagAllowedValues operation);
    /// <summary>Handles a <see cref="CreateMaskingPolicy"/> operation.</summary>
    TResult Visit(CreateMaskingPolicy operation);
    /// <summary>Handles a <see cref="SetMaskingPolicyBody"/> operation.</summary>
    TResult Visit(SetMaskingPolicyBody operation);
    /// <summary>Handles a <see cref="SetColumnMaskingPolicy"/> operation.</summary>
    TResult Visit(SetColumnMaskingPolicy operation);
    /// <summary>Handles a <see cref="UnsetColumnMaskingPolicy"/> operation.</summary>
    TResult Visit(UnsetColumnMaskingPolicy operation);
    /// <summary>Handles a <see cref="SetTagMaskingPolicy"/> operation.</summary>
    TResult Visit(SetTagMaskingPolicy operation);
    /// <summary>Handles a <see cref="UnsetTagMaskingPolicy"/> operation.</summary>
    TResult Visit(UnsetTagMaskingPolicy operation);
    /// <summary>Handles a <see cref="CreateRowAccessPolicy"/> operation.</summary>
    TResult Visit(CreateRowAccessPolicy operation);
    /// <summary>Handles a <see cref="SetRowAccessPolicyBody"/> operation.</summary>
    TResult Visit(SetRowAccessPolicyBody operation);
    /// <summary>Handles a <see cref="AddRowAccessPolicy"/> operation.</summary>
    TResult Visit(AddRowAccessPolicy operation);
    /// <summary>Handles a <see cref="DropTableRowAccessPolicy"/> operation.</summary>
    TResult Visit(DropTableRowAccessPolicy operation);
    /// <summary>Handles a <see cref="SwapRowAccessPolicy"/> operation.</summary>
    TResult Visit(SwapRowAccessPolicy operation);
    /// <summary>Handles a <see cref="SetTag"/> operation.</summary>
    TResult Visit(SetTag operation);
    /// <summary>Handles a <see cref="UnsetTag"/> operation.</summary>
    TResult Visit(UnsetTag operation);
    /// <summary>Handles a <see cref="DropMaskingPolicy"/> operation.</summary>
    TResult Visit(DropMaskingPolicy operation);
    /// <summary>Handles a <see cref="DropRowAccessPolicy"/> operation.</summary>
    TResult Visit(DropRowAccessPolicy operation);
    /// <summary>Handles a <see cref="DropTag"/> operation.</summary>
    TResult Visit(DropTag operation);
}
