namespace Governance.Snowflake;

/// <summary>One method per concrete <see cref="TagTarget"/>: <see cref="TagTarget.Accept{TResult}"/> calls the one for its own type.</summary>
public interface ITagTargetVisitor<out TResult>
{
    TResult Visit(DatabaseTarget target);
    TResult Visit(SchemaTarget target);
    TResult Visit(DatasetTarget target);
    TResult Visit(ColumnTarget target);
}
