using Governance.Snapshots;

namespace Governance.Snowflake;

/// <summary>A schema-level object's stored name: database, schema, object. Each part is a valid stored identifier.</summary>
public sealed record SchemaObjectName
{
    public SchemaObjectName(string database, string schema, string name)
    {
        SqlText.RequireIdentifier(database);
        SqlText.RequireIdentifier(schema);
        SqlText.RequireIdentifier(name);
        Database = database;
        Schema = schema;
        Name = name;
    }

    public string Database { get; }
    public string Schema { get; }
    public string Name { get; }

    /// <summary><c>"DB"."SCHEMA"."NAME"</c>.</summary>
    public string Sql => AppendSql(new System.Text.StringBuilder()).ToString();

    /// <summary><see cref="Sql"/> appended to <paramref name="sb"/>, with no string of its own.</summary>
    internal System.Text.StringBuilder AppendSql(System.Text.StringBuilder sb)
    {
        SqlText.AppendIdentifier(sb, Database).Append('.');
        SqlText.AppendIdentifier(sb, Schema).Append('.');
        return SqlText.AppendIdentifier(sb, Name);
    }

    public override string ToString() => Database + "." + Schema + "." + Name;
}

/// <summary>What a tag is set on: a database, a schema, a dataset or a column of a dataset.</summary>
public abstract record TagTarget
{
    /// <summary>Closes the hierarchy: a type outside this assembly cannot override an internal member, so no record
    /// there can derive from this one (its protected copy constructor would otherwise let it).</summary>
    internal abstract void Closed();
    private protected TagTarget() { }

    /// <summary>Calls <paramref name="visitor"/>'s method for this target's own type.</summary>
    public abstract TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor);
}

public sealed record DatabaseTarget : TagTarget
{
    internal override void Closed() { }
    public override TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor) => visitor.Visit(this);

    public DatabaseTarget(string database)
    {
        SqlText.RequireIdentifier(database);
        Database = database;
    }

    public string Database { get; }
}

public sealed record SchemaTarget : TagTarget
{
    internal override void Closed() { }
    public override TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor) => visitor.Visit(this);

    public SchemaTarget(string database, string schema)
    {
        SqlText.RequireIdentifier(database);
        SqlText.RequireIdentifier(schema);
        Database = database;
        Schema = schema;
    }

    public string Database { get; }
    public string Schema { get; }
}

public sealed record DatasetTarget : TagTarget
{
    internal override void Closed() { }
    public override TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor) => visitor.Visit(this);

    public DatasetTarget(DatasetKind kind, SchemaObjectName dataset)
    {
        Kind = kind;
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
    }

    public DatasetKind Kind { get; }
    public SchemaObjectName Dataset { get; }
}

public sealed record ColumnTarget : TagTarget
{
    internal override void Closed() { }
    public override TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor) => visitor.Visit(this);

    public ColumnTarget(DatasetKind kind, SchemaObjectName dataset, string column)
    {
        Kind = kind;
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        SqlText.RequireIdentifier(column);
        Column = column;
    }

    public DatasetKind Kind { get; }
    public SchemaObjectName Dataset { get; }
    public string Column { get; }
}

/// <summary>One <c>tag = 'value'</c> of a SET TAG.</summary>
public sealed record TagAssignment
{
    public TagAssignment(SchemaObjectName tag, string value)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        SqlText.RequireTagValue(value);
        Value = value;
    }

    public SchemaObjectName Tag { get; }
    public string Value { get; }
}

/// <summary>
/// One DDL statement of a plan. Immutable; validated when built (names, values, body types), so a plan that holds
/// an operation can always be emitted. <see cref="SqlGenerator"/> has one method per operation. Every consumer
/// dispatches through <see cref="Accept{TResult}"/> (<see cref="IOperationVisitor{TResult}"/>), never a type switch,
/// so a new operation is a compile error until each one handles it.
/// </summary>
public abstract class Operation
{
    private protected Operation() { }

    /// <summary>Calls <paramref name="visitor"/>'s method for this operation's own type.</summary>
    public abstract TResult Accept<TResult>(IOperationVisitor<TResult> visitor);

    private protected static T[] Copy<T>(IReadOnlyList<T> items, string name) where T : class
    {
        ArgumentNullException.ThrowIfNull(items, name);
        var copy = items.ToArray();
        foreach (var i in copy) ArgumentNullException.ThrowIfNull(i, name);
        return copy;
    }

    private protected static string[] Identifiers(IReadOnlyList<string> items, string name)
    {
        var copy = Copy(items, name);
        foreach (var i in copy) SqlText.RequireIdentifier(i);
        return copy;
    }

    private protected static void RequireDistinct<T>(IEnumerable<T> items, string what)
    {
        var seen = new HashSet<T>();
        foreach (var i in items)
        {
            if (!seen.Add(i)) throw new SnowflakeCompileException(what + " is given twice: " + SqlText.Show(i?.ToString() ?? ""));
        }
    }

    // A non-empty list of distinct, valid tag values.
    private protected static string[] TagValues(IReadOnlyList<string> values, string whenEmpty)
    {
        var copy = Copy(values, nameof(values));
        if (copy.Length == 0) throw new SnowflakeCompileException(whenEmpty);
        foreach (var v in copy) SqlText.RequireTagValue(v);
        RequireDistinct(copy, "allowed value");
        return copy;
    }

    private protected static string? CheckedComment(string? comment)
    {
        if (comment is not null) SqlText.RequireLiteral(comment);
        return comment;
    }
}

/// <summary><c>USE ROLE r</c>: the role that runs the rest of the script (and owns the objects it creates).</summary>
public sealed class UseRole : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public UseRole(string role)
    {
        SqlText.RequireIdentifier(role);
        Role = role;
    }

    /// <summary>The stored role name.</summary>
    public string Role { get; }
}

/// <summary>
/// <c>ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE</c>: quoted identifiers keep their case, as every name
/// of the script is written (<c>"Email"</c> is not <c>"EMAIL"</c>). The account or user may have set it to TRUE.
/// </summary>
public sealed class SetQuotedIdentifiersCaseSensitive : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>CREATE TAG IF NOT EXISTS t [ALLOWED_VALUES 'a', 'b'] [COMMENT = '…']</c>. Allowed values keep their order (ALLOWED_VALUES_SEQUENCE).</summary>
public sealed class CreateTag : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>The most allowed values a tag can have.</summary>
    public const int MaxAllowedValues = 5000;

    public CreateTag(SchemaObjectName name, IReadOnlyList<string> allowedValues, string? comment = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        AllowedValues = Copy(allowedValues, nameof(allowedValues));
        if (AllowedValues.Count > MaxAllowedValues) throw new SnowflakeCompileException("a tag has at most 5000 allowed values: `" + name + "`");
        foreach (var v in AllowedValues) SqlText.RequireTagValue(v);
        RequireDistinct(AllowedValues, "allowed value");
        Comment = CheckedComment(comment);
    }

    public SchemaObjectName Name { get; }
    /// <summary>Empty: any value is allowed.</summary>
    public IReadOnlyList<string> AllowedValues { get; }
    public string? Comment { get; }
}

/// <summary><c>ALTER TAG t ADD ALLOWED_VALUES 'a', 'b'</c>.</summary>
public sealed class AddTagAllowedValues : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public AddTagAllowedValues(SchemaObjectName tag, IReadOnlyList<string> values)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Values = TagValues(values, "no allowed value to add to tag `" + tag + "`");
    }

    public SchemaObjectName Tag { get; }
    public IReadOnlyList<string> Values { get; }
}

/// <summary><c>ALTER TAG t DROP ALLOWED_VALUES 'a', 'b'</c>: values already set on objects stay set.</summary>
public sealed class DropTagAllowedValues : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public DropTagAllowedValues(SchemaObjectName tag, IReadOnlyList<string> values)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Values = TagValues(values, "no allowed value to drop from tag `" + tag + "`");
    }

    public SchemaObjectName Tag { get; }
    public IReadOnlyList<string> Values { get; }
}

/// <summary><c>ALTER TAG t UNSET ALLOWED_VALUES</c>: the tag takes any value again.</summary>
public sealed class UnsetTagAllowedValues : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public UnsetTagAllowedValues(SchemaObjectName tag) => Tag = tag ?? throw new ArgumentNullException(nameof(tag));

    public SchemaObjectName Tag { get; }
}

/// <summary>
/// <c>CREATE MASKING POLICY IF NOT EXISTS p AS (VAL type, COND_1 type …) RETURNS type -&gt; body</c>. Never
/// <c>OR REPLACE</c> (it fails once the policy is attached): a changed body is <see cref="SetMaskingPolicyBody"/>.
/// The return type is the first argument's type; the body is type-checked against it and must not return the
/// input unmasked.
/// </summary>
public sealed class CreateMaskingPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public CreateMaskingPolicy(SchemaObjectName name, PolicySignature signature, PolicyExpression body, string? comment = null, bool exemptOtherPolicies = false)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        MaskingPolicyChecks.Check(name, signature, body);
        Comment = CheckedComment(comment);
        ExemptOtherPolicies = exemptOtherPolicies;
    }

    public SchemaObjectName Name { get; }
    public PolicySignature Signature { get; }
    /// <summary>The first argument's type.</summary>
    public SnowflakeType ReturnType => Signature.Arguments[0].Type;
    public PolicyExpression Body { get; }
    public string? Comment { get; }
    public bool ExemptOtherPolicies { get; }
}

/// <summary><c>ALTER MASKING POLICY p SET BODY -&gt; body</c>: works while attached. The signature is the existing one.</summary>
public sealed class SetMaskingPolicyBody : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public SetMaskingPolicyBody(SchemaObjectName name, PolicySignature signature, PolicyExpression body)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        MaskingPolicyChecks.Check(name, signature, body);
    }

    public SchemaObjectName Name { get; }
    public PolicySignature Signature { get; }
    public PolicyExpression Body { get; }
}

internal static class MaskingPolicyChecks
{
    public static void Check(SchemaObjectName name, PolicySignature signature, PolicyExpression body)
    {
        if (!string.Equals(signature.Arguments[0].Name, PolicySignature.ValueArgument, StringComparison.Ordinal))
            throw new SnowflakeCompileException("the first argument of masking policy `" + name + "` must be `VAL`, the value being masked");
        PolicyBodies.Check(signature, body, signature.Arguments[0].Type, "masking policy `" + name + "`");
        var val = signature.Arguments[0];
        bool IsVal(PolicyExpression e) => e is ArgumentReference r && r.Argument.Equals(val);
        if (IsVal(body) || (body is CaseExpression c && IsVal(c.Else)))
            throw new SnowflakeCompileException("masking policy `" + name + "` would return the input unmasked: its ELSE must be a masked value");
    }
}

/// <summary>
/// <c>ALTER &lt;kind&gt; t MODIFY COLUMN c SET MASKING POLICY p [USING (c, cond …)] [FORCE]</c>. FORCE replaces a
/// policy already on the column in one statement, with no unmasked gap.
/// </summary>
public sealed class SetColumnMaskingPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public SetColumnMaskingPolicy(DatasetKind kind, SchemaObjectName table, string column, SchemaObjectName policy,
        IReadOnlyList<string> conditionColumns, bool force)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        SqlText.RequireIdentifier(column);
        Column = column;
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        ConditionColumns = Identifiers(conditionColumns, nameof(conditionColumns));
        Force = force;
    }

    public DatasetKind Kind { get; }
    public SchemaObjectName Table { get; }
    public string Column { get; }
    public SchemaObjectName Policy { get; }
    /// <summary>The columns passed to COND_1 … (USING is emitted when there is at least one).</summary>
    public IReadOnlyList<string> ConditionColumns { get; }
    /// <summary>The USING list: the masked column, then the condition columns; empty without conditions.</summary>
    public IReadOnlyList<string> UsingColumns => ConditionColumns.Count == 0 ? Array.Empty<string>() : ConditionColumns.Prepend(Column).ToArray();
    public bool Force { get; }
}

/// <summary><c>ALTER &lt;kind&gt; t MODIFY COLUMN c UNSET MASKING POLICY</c>.</summary>
public sealed class UnsetColumnMaskingPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public UnsetColumnMaskingPolicy(DatasetKind kind, SchemaObjectName table, string column)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        SqlText.RequireIdentifier(column);
        Column = column;
    }

    public DatasetKind Kind { get; }
    public SchemaObjectName Table { get; }
    public string Column { get; }
}

/// <summary><c>ALTER TAG t SET MASKING POLICY p1, MASKING POLICY p2 [FORCE]</c> (one policy per data type).</summary>
public sealed class SetTagMaskingPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public SetTagMaskingPolicy(SchemaObjectName tag, IReadOnlyList<SchemaObjectName> policies, bool force)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Policies = Copy(policies, nameof(policies));
        if (Policies.Count == 0) throw new SnowflakeCompileException("no masking policy to set on tag `" + tag + "`");
        RequireDistinct(Policies, "masking policy");
        Force = force;
    }

    public SchemaObjectName Tag { get; }
    public IReadOnlyList<SchemaObjectName> Policies { get; }
    public bool Force { get; }
}

/// <summary><c>ALTER TAG t UNSET MASKING POLICY p1, MASKING POLICY p2</c>.</summary>
public sealed class UnsetTagMaskingPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public UnsetTagMaskingPolicy(SchemaObjectName tag, IReadOnlyList<SchemaObjectName> policies)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Policies = Copy(policies, nameof(policies));
        if (Policies.Count == 0) throw new SnowflakeCompileException("no masking policy to unset from tag `" + tag + "`");
        RequireDistinct(Policies, "masking policy");
    }

    public SchemaObjectName Tag { get; }
    public IReadOnlyList<SchemaObjectName> Policies { get; }
}

/// <summary><c>CREATE ROW ACCESS POLICY IF NOT EXISTS p AS (ARG_1 type …) RETURNS BOOLEAN -&gt; body</c>.</summary>
public sealed class CreateRowAccessPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public CreateRowAccessPolicy(SchemaObjectName name, PolicySignature signature, PolicyExpression body, string? comment = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        RowAccessChecks.Check(name, signature, body);
        Comment = CheckedComment(comment);
    }

    public SchemaObjectName Name { get; }
    public PolicySignature Signature { get; }
    public PolicyExpression Body { get; }
    public string? Comment { get; }
}

/// <summary><c>ALTER ROW ACCESS POLICY p SET BODY -&gt; body</c>.</summary>
public sealed class SetRowAccessPolicyBody : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public SetRowAccessPolicyBody(SchemaObjectName name, PolicySignature signature, PolicyExpression body)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        RowAccessChecks.Check(name, signature, body);
    }

    public SchemaObjectName Name { get; }
    public PolicySignature Signature { get; }
    public PolicyExpression Body { get; }
}

internal static class RowAccessChecks
{
    public static void Check(SchemaObjectName name, PolicySignature signature, PolicyExpression body)
    {
        PolicyBodies.Check(signature, body, SnowflakeType.Boolean, "row access policy `" + name + "`");
        if (body.Family is null) throw new SnowflakeCompileException("row access policy `" + name + "` must return a boolean, not NULL");
    }
}

/// <summary><c>ALTER &lt;kind&gt; t ADD ROW ACCESS POLICY p ON (c1, …)</c>; the columns map to the arguments by position.</summary>
public sealed class AddRowAccessPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public AddRowAccessPolicy(DatasetKind kind, SchemaObjectName table, SchemaObjectName policy, IReadOnlyList<string> columns)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Columns = Identifiers(columns, nameof(columns));
        if (Columns.Count == 0) throw new SnowflakeCompileException("a row access policy is attached on at least one column: `" + table + "`");
    }

    public DatasetKind Kind { get; }
    public SchemaObjectName Table { get; }
    public SchemaObjectName Policy { get; }
    public IReadOnlyList<string> Columns { get; }
}

/// <summary><c>ALTER &lt;kind&gt; t DROP ROW ACCESS POLICY p</c>.</summary>
public sealed class DropTableRowAccessPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public DropTableRowAccessPolicy(DatasetKind kind, SchemaObjectName table, SchemaObjectName policy)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    public DatasetKind Kind { get; }
    public SchemaObjectName Table { get; }
    public SchemaObjectName Policy { get; }
}

/// <summary><c>ALTER &lt;kind&gt; t DROP ROW ACCESS POLICY old, ADD ROW ACCESS POLICY new ON (…)</c>: one statement, no gap.</summary>
public sealed class SwapRowAccessPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public SwapRowAccessPolicy(DatasetKind kind, SchemaObjectName table, SchemaObjectName oldPolicy, SchemaObjectName newPolicy, IReadOnlyList<string> columns)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        OldPolicy = oldPolicy ?? throw new ArgumentNullException(nameof(oldPolicy));
        NewPolicy = newPolicy ?? throw new ArgumentNullException(nameof(newPolicy));
        Columns = Identifiers(columns, nameof(columns));
        if (Columns.Count == 0) throw new SnowflakeCompileException("a row access policy is attached on at least one column: `" + table + "`");
    }

    public DatasetKind Kind { get; }
    public SchemaObjectName Table { get; }
    public SchemaObjectName OldPolicy { get; }
    public SchemaObjectName NewPolicy { get; }
    public IReadOnlyList<string> Columns { get; }
}

/// <summary><c>ALTER … SET TAG t1 = 'v1', t2 = 'v2'</c> on a database, schema, dataset or column: several tags in one statement.</summary>
public sealed class SetTag : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public SetTag(TagTarget target, IReadOnlyList<TagAssignment> tags)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Tags = Copy(tags, nameof(tags));
        if (Tags.Count == 0) throw new SnowflakeCompileException("no tag to set");
        RequireDistinct(Tags.Select(t => t.Tag), "tag");
    }

    public TagTarget Target { get; }
    public IReadOnlyList<TagAssignment> Tags { get; }
}

/// <summary><c>ALTER … UNSET TAG t1, t2</c> on a database, schema, dataset or column.</summary>
public sealed class UnsetTag : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public UnsetTag(TagTarget target, IReadOnlyList<SchemaObjectName> tags)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Tags = Copy(tags, nameof(tags));
        if (Tags.Count == 0) throw new SnowflakeCompileException("no tag to unset");
        RequireDistinct(Tags, "tag");
    }

    public TagTarget Target { get; }
    public IReadOnlyList<SchemaObjectName> Tags { get; }
}

/// <summary><c>DROP MASKING POLICY IF EXISTS p</c> (refused by Snowflake while attached).</summary>
public sealed class DropMaskingPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public DropMaskingPolicy(SchemaObjectName name) => Name = name ?? throw new ArgumentNullException(nameof(name));
    public SchemaObjectName Name { get; }
}

/// <summary><c>DROP ROW ACCESS POLICY IF EXISTS p</c> (refused by Snowflake while attached).</summary>
public sealed class DropRowAccessPolicy : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public DropRowAccessPolicy(SchemaObjectName name) => Name = name ?? throw new ArgumentNullException(nameof(name));
    public SchemaObjectName Name { get; }
}

/// <summary><c>DROP TAG IF EXISTS t</c>.</summary>
public sealed class DropTag : Operation
{
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    public DropTag(SchemaObjectName name) => Name = name ?? throw new ArgumentNullException(nameof(name));
    public SchemaObjectName Name { get; }
}
