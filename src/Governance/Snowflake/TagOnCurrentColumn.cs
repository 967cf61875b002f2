namespace Governance.Snowflake;

/// <summary>
/// <c>SYSTEM$GET_TAG_ON_CURRENT_COLUMN('"DB"."SCHEMA"."TAG"')</c>: the value of a tag on the column a masking policy
/// protects, or NULL (text). Usable in masking policy bodies only. The tag's name is written as its quoted, fully
/// qualified identifier inside one string literal (<see cref="SqlText.Literal(string)"/>), so any stored name —
/// dots, quotes, case — names exactly that tag.
/// </summary>
public sealed class TagOnCurrentColumn : PolicyExpression
{
    /// <summary>The value of tag <paramref name="tag"/> on the protected column.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    public TagOnCurrentColumn(SchemaObjectName tag) => Tag = tag ?? throw new ArgumentNullException(nameof(tag));

    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    /// <summary>The tag read.</summary>
    public SchemaObjectName Tag { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => DataTypeFamily.Text;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => Array.Empty<PolicyExpression>();
}
