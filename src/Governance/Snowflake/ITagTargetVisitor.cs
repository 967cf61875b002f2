namespace Governance.Snowflake;

/// <summary>One method per concrete <see cref="TagTarget"/>: <see cref="TagTarget.Accept{TResult}"/> calls the one for its own type.</summary>
public interface ITagTargetVisitor<out TResult>
{
    /// <summary>Handles a <see cref="DatabaseTarget"/> target.</summary>
    TResult Visit(DatabaseTarget target);
    /// <summary>Handles a <see cref="SchemaTarget"/> target.</summary>
    TResult Visit(SchemaTarget target);
    /// <summary>Handles a <see cref="DatasetTarget"/> target.</summary>
    TResult Visit(DatasetTarget target);
    /// <summary>Handles a <see cref="ColumnTarget"/> target.</summary>
    TResult Visit(ColumnTarget target);
}
