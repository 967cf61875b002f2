using Governance.Snapshots;

namespace Governance.Snowflake;

/// <summary>A schema-level object's stored name: database, schema, object. Each part is a valid stored identifier.</summary>
public sealed record SchemaObjectName
{
    /// <summary>A name from its three stored parts (case kept, not quoted).</summary>
    /// <exception cref="ArgumentNullException">A part is null.</exception>
    /// <exception cref="SnowflakeCompileException">A part cannot be a stored Snowflake identifier (empty, longer than 255 characters, NUL, unpaired surrogate).</exception>
    public SchemaObjectName(string database, string schema, string name)
    {
        SqlText.RequireIdentifier(database);
        SqlText.RequireIdentifier(schema);
        SqlText.RequireIdentifier(name);
        Database = database;
        Schema = schema;
        Name = name;
    }

    /// <summary>The stored database name.</summary>
    public string Database { get; }
    /// <summary>The stored schema name.</summary>
    public string Schema { get; }
    /// <summary>The stored object name.</summary>
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

    /// <summary>The three parts joined with <c>.</c>, unquoted: for messages, not for SQL (use <see cref="Sql"/>).</summary>
    public override string ToString() => Database + "." + Schema + "." + Name;
}

/// <summary>A schema, by its stored names: <c>"DB"."SCHEMA"</c>.</summary>
public sealed record SchemaName
{
    /// <summary>The schema <paramref name="schema"/> of database <paramref name="database"/> (stored names, case kept).</summary>
    /// <exception cref="ArgumentNullException">A name is null.</exception>
    /// <exception cref="SnowflakeCompileException">A name cannot be a stored identifier.</exception>
    public SchemaName(string database, string schema)
    {
        SqlText.RequireIdentifier(database);
        SqlText.RequireIdentifier(schema);
        Database = database;
        Schema = schema;
    }

    /// <summary>The stored database name.</summary>
    public string Database { get; }
    /// <summary>The stored schema name.</summary>
    public string Schema { get; }

    /// <summary><c>"DB"."SCHEMA"</c>.</summary>
    public string Sql => SqlText.Qualified(Database, Schema);

    /// <summary>True when <paramref name="name"/> is an object of this schema.</summary>
    public bool Contains(SchemaObjectName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.Equals(name.Database, Database, StringComparison.Ordinal) && string.Equals(name.Schema, Schema, StringComparison.Ordinal);
    }

    /// <summary>The object <paramref name="name"/> of this schema.</summary>
    public SchemaObjectName Object(string name) => new(Database, Schema, name);

    /// <summary><c>DB.SCHEMA</c>, unquoted: for messages, not for SQL (use <see cref="Sql"/>).</summary>
    public override string ToString() => Database + "." + Schema;
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

/// <summary>A tag set on a database.</summary>
public sealed record DatabaseTarget : TagTarget
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>A target for the database with this stored name.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="database"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="database"/> cannot be a stored identifier.</exception>
    public DatabaseTarget(string database)
    {
        SqlText.RequireIdentifier(database);
        Database = database;
    }

    /// <summary>The stored database name.</summary>
    public string Database { get; }
}

/// <summary>A tag set on a schema.</summary>
public sealed record SchemaTarget : TagTarget
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>A target for the schema <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="schema"/> is null.</exception>
    public SchemaTarget(SchemaName schema)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
    }

    /// <summary>The schema's name.</summary>
    public SchemaName Schema { get; }
}

/// <summary>A tag set on a dataset (the <c>ALTER</c> keyword follows its <see cref="Kind"/>).</summary>
public sealed record DatasetTarget : TagTarget
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>A target for the dataset <paramref name="dataset"/> of kind <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> is null.</exception>
    public DatasetTarget(DatasetKind kind, SchemaObjectName dataset)
    {
        Kind = kind;
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
    }

    /// <summary>The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</summary>
    public DatasetKind Kind { get; }
    /// <summary>The dataset's name.</summary>
    public SchemaObjectName Dataset { get; }
}

/// <summary>A tag set on one column of a dataset.</summary>
public sealed record ColumnTarget : TagTarget
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ITagTargetVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>A target for column <paramref name="column"/> (stored name) of the dataset <paramref name="dataset"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dataset"/> or <paramref name="column"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="column"/> cannot be a stored identifier.</exception>
    public ColumnTarget(DatasetKind kind, SchemaObjectName dataset, string column)
    {
        Kind = kind;
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        SqlText.RequireIdentifier(column);
        Column = column;
    }

    /// <summary>The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</summary>
    public DatasetKind Kind { get; }
    /// <summary>The dataset's name.</summary>
    public SchemaObjectName Dataset { get; }
    /// <summary>The stored column name.</summary>
    public string Column { get; }
}

/// <summary>One <c>tag = 'value'</c> of a SET TAG.</summary>
public sealed record TagAssignment
{
    /// <summary>Sets tag <paramref name="tag"/> to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> or <paramref name="value"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="value"/> is longer than 256 characters or contains NUL or an unpaired surrogate.</exception>
    public TagAssignment(SchemaObjectName tag, string value)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        SqlText.RequireTagValue(value);
        Value = value;
    }

    /// <summary>The tag's name.</summary>
    public SchemaObjectName Tag { get; }
    /// <summary>The value set, exactly as stored (escaped when emitted).</summary>
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

    private protected static void RequireDistinct<T>(IReadOnlyList<T> items, string what) => RequireDistinct(items, static i => i, what);

    // A few items are compared pairwise, with no set: a plan makes such a statement per tag-protected column.
    private protected static void RequireDistinct<T, TKey>(IReadOnlyList<T> items, Func<T, TKey> key, string what)
    {
        var few = items.Count <= 8;
        var seen = few ? null : new HashSet<TKey>();
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            var twice = few ? Earlier(i, k) : !seen!.Add(k);
            if (twice) throw new SnowflakeCompileException(what + " is given twice: " + SqlText.Show(k?.ToString() ?? ""));
        }

        bool Earlier(int end, TKey k)
        {
            for (var j = 0; j < end; j++)
            {
                if (EqualityComparer<TKey>.Default.Equals(key(items[j]), k)) return true;
            }
            return false;
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
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Switches to the role with stored name <paramref name="role"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="role"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="role"/> cannot be a stored identifier.</exception>
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
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);
}

/// <summary><c>CREATE TAG IF NOT EXISTS t [ALLOWED_VALUES 'a', 'b'] [COMMENT = '…']</c>. Allowed values keep their order (ALLOWED_VALUES_SEQUENCE).</summary>
public sealed class CreateTag : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>The most allowed values a tag can have.</summary>
    public const int MaxAllowedValues = 5000;

    /// <summary>Creates tag <paramref name="name"/>.</summary>
    /// <param name="name">The tag's name.</param>
    /// <param name="allowedValues">The allowed values, in order; empty allows any value.</param>
    /// <param name="comment">The tag's comment, or null for none.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="comment"/> is null, or a value is.</exception>
    /// <exception cref="SnowflakeCompileException">More than <see cref="MaxAllowedValues"/> values, a value given twice, or a value or comment that cannot be written (too long, NUL, unpaired surrogate).</exception>
    public CreateTag(SchemaObjectName name, IReadOnlyList<string> allowedValues, string? comment = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        AllowedValues = Copy(allowedValues, nameof(allowedValues));
        if (AllowedValues.Count > MaxAllowedValues) throw new SnowflakeCompileException("a tag has at most 5000 allowed values: `" + name + "`");
        foreach (var v in AllowedValues) SqlText.RequireTagValue(v);
        RequireDistinct(AllowedValues, "allowed value");
        Comment = CheckedComment(comment);
    }

    /// <summary>The tag's name.</summary>
    public SchemaObjectName Name { get; }
    /// <summary>Empty: any value is allowed.</summary>
    public IReadOnlyList<string> AllowedValues { get; }
    /// <summary>The tag's comment; null for none.</summary>
    public string? Comment { get; }
}

/// <summary><c>ALTER TAG t ADD ALLOWED_VALUES 'a', 'b'</c>.</summary>
public sealed class AddTagAllowedValues : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Adds <paramref name="values"/> to the allowed values of tag <paramref name="tag"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument or a value is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="values"/> is empty, has a value twice, or a value that cannot be a tag value.</exception>
    public AddTagAllowedValues(SchemaObjectName tag, IReadOnlyList<string> values)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Values = TagValues(values, "no allowed value to add to tag `" + tag + "`");
    }

    /// <summary>The tag's name.</summary>
    public SchemaObjectName Tag { get; }
    /// <summary>The values added, in order; never empty, distinct.</summary>
    public IReadOnlyList<string> Values { get; }
}

/// <summary><c>ALTER TAG t DROP ALLOWED_VALUES 'a', 'b'</c>: values already set on objects stay set.</summary>
public sealed class DropTagAllowedValues : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Removes <paramref name="values"/> from the allowed values of tag <paramref name="tag"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument or a value is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="values"/> is empty, has a value twice, or a value that cannot be a tag value.</exception>
    public DropTagAllowedValues(SchemaObjectName tag, IReadOnlyList<string> values)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Values = TagValues(values, "no allowed value to drop from tag `" + tag + "`");
    }

    /// <summary>The tag's name.</summary>
    public SchemaObjectName Tag { get; }
    /// <summary>The values removed, in order; never empty, distinct.</summary>
    public IReadOnlyList<string> Values { get; }
}

/// <summary><c>ALTER TAG t UNSET ALLOWED_VALUES</c>: the tag takes any value again.</summary>
public sealed class UnsetTagAllowedValues : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Removes every allowed-value restriction from tag <paramref name="tag"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    public UnsetTagAllowedValues(SchemaObjectName tag) => Tag = tag ?? throw new ArgumentNullException(nameof(tag));

    /// <summary>The tag's name.</summary>
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
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Creates masking policy <paramref name="name"/>.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="signature">The arguments: <c>VAL</c> (the masked value) first, then the condition columns.</param>
    /// <param name="body">The body; its type must be the first argument's type.</param>
    /// <param name="comment">The policy's comment, or null for none.</param>
    /// <param name="exemptOtherPolicies">Emits <c>EXEMPT_OTHER_POLICIES = TRUE</c>.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="comment"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException">The first argument is not <c>VAL</c>, the body has the wrong type or returns the input unmasked (as a whole or as its ELSE), or the comment cannot be written.</exception>
    public CreateMaskingPolicy(SchemaObjectName name, PolicySignature signature, PolicyExpression body, string? comment = null, bool exemptOtherPolicies = false)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        MaskingPolicyChecks.Check(name, signature, body);
        Comment = CheckedComment(comment);
        ExemptOtherPolicies = exemptOtherPolicies;
    }

    /// <summary>The policy's name.</summary>
    public SchemaObjectName Name { get; }
    /// <summary>The policy's arguments, <c>VAL</c> first.</summary>
    public PolicySignature Signature { get; }
    /// <summary>The first argument's type.</summary>
    public SnowflakeType ReturnType => Signature.Arguments[0].Type;
    /// <summary>The policy's body, type-checked against <see cref="ReturnType"/>.</summary>
    public PolicyExpression Body { get; }
    /// <summary>The policy's comment; null for none.</summary>
    public string? Comment { get; }
    /// <summary>True: the policy is created with <c>EXEMPT_OTHER_POLICIES = TRUE</c>, which lifts the rule that a column masked by it cannot also be in another policy's signature (used for an external table's <c>VALUE</c> column).</summary>
    public bool ExemptOtherPolicies { get; }
}

/// <summary><c>ALTER MASKING POLICY p SET BODY -&gt; body</c>: works while attached. The signature is the existing one.</summary>
public sealed class SetMaskingPolicyBody : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Replaces the body of masking policy <paramref name="name"/>.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="signature">The policy's existing signature, against which <paramref name="body"/> is checked.</param>
    /// <param name="body">The new body.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="SnowflakeCompileException">The first argument is not <c>VAL</c>, or the body has the wrong type or returns the input unmasked.</exception>
    public SetMaskingPolicyBody(SchemaObjectName name, PolicySignature signature, PolicyExpression body)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        MaskingPolicyChecks.Check(name, signature, body);
    }

    /// <summary>The policy's name.</summary>
    public SchemaObjectName Name { get; }
    /// <summary>The policy's existing arguments, <c>VAL</c> first.</summary>
    public PolicySignature Signature { get; }
    /// <summary>The new body.</summary>
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
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Attaches masking policy <paramref name="policy"/> to column <paramref name="column"/> of <paramref name="table"/>.</summary>
    /// <param name="kind">The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</param>
    /// <param name="table">The dataset's name.</param>
    /// <param name="column">The stored name of the masked column.</param>
    /// <param name="policy">The policy's name.</param>
    /// <param name="conditionColumns">The stored names of the columns passed as the policy's conditional arguments, in order; empty for none.</param>
    /// <param name="force">Emits FORCE: replaces a policy already on the column.</param>
    /// <exception cref="ArgumentNullException">An argument or a column name is null.</exception>
    /// <exception cref="SnowflakeCompileException">A column name cannot be a stored identifier.</exception>
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

    /// <summary>The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</summary>
    public DatasetKind Kind { get; }
    /// <summary>The dataset's name.</summary>
    public SchemaObjectName Table { get; }
    /// <summary>The stored name of the masked column.</summary>
    public string Column { get; }
    /// <summary>The masking policy's name.</summary>
    public SchemaObjectName Policy { get; }
    /// <summary>The columns passed to COND_1 … (USING is emitted when there is at least one).</summary>
    public IReadOnlyList<string> ConditionColumns { get; }
    /// <summary>The USING list: the masked column, then the condition columns; empty without conditions.</summary>
    public IReadOnlyList<string> UsingColumns => ConditionColumns.Count == 0 ? Array.Empty<string>() : ConditionColumns.Prepend(Column).ToArray();
    /// <summary>True: FORCE is emitted and a policy already on the column is replaced in the same statement.</summary>
    public bool Force { get; }
}

/// <summary><c>ALTER &lt;kind&gt; t MODIFY COLUMN c UNSET MASKING POLICY</c>.</summary>
public sealed class UnsetColumnMaskingPolicy : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Detaches the masking policy from column <paramref name="column"/> of <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="column"/> cannot be a stored identifier.</exception>
    public UnsetColumnMaskingPolicy(DatasetKind kind, SchemaObjectName table, string column)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        SqlText.RequireIdentifier(column);
        Column = column;
    }

    /// <summary>The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</summary>
    public DatasetKind Kind { get; }
    /// <summary>The dataset's name.</summary>
    public SchemaObjectName Table { get; }
    /// <summary>The stored column name.</summary>
    public string Column { get; }
}

/// <summary><c>ALTER TAG t SET MASKING POLICY p1, MASKING POLICY p2 [FORCE]</c> (one policy per data type).</summary>
public sealed class SetTagMaskingPolicy : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Attaches <paramref name="policies"/> to tag <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag's name.</param>
    /// <param name="policies">The masking policies, in order; at least one, distinct.</param>
    /// <param name="force">Emits FORCE: replaces a policy of the same data type already on the tag.</param>
    /// <exception cref="ArgumentNullException">An argument or a policy is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="policies"/> is empty or names a policy twice.</exception>
    public SetTagMaskingPolicy(SchemaObjectName tag, IReadOnlyList<SchemaObjectName> policies, bool force)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Policies = Copy(policies, nameof(policies));
        if (Policies.Count == 0) throw new SnowflakeCompileException("no masking policy to set on tag `" + tag + "`");
        RequireDistinct(Policies, "masking policy");
        Force = force;
    }

    /// <summary>The tag's name.</summary>
    public SchemaObjectName Tag { get; }
    /// <summary>The masking policies attached, in order; never empty, distinct.</summary>
    public IReadOnlyList<SchemaObjectName> Policies { get; }
    /// <summary>True: FORCE is emitted.</summary>
    public bool Force { get; }
}

/// <summary><c>ALTER TAG t UNSET MASKING POLICY p1, MASKING POLICY p2</c>.</summary>
public sealed class UnsetTagMaskingPolicy : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Detaches <paramref name="policies"/> from tag <paramref name="tag"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument or a policy is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="policies"/> is empty or names a policy twice.</exception>
    public UnsetTagMaskingPolicy(SchemaObjectName tag, IReadOnlyList<SchemaObjectName> policies)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Policies = Copy(policies, nameof(policies));
        if (Policies.Count == 0) throw new SnowflakeCompileException("no masking policy to unset from tag `" + tag + "`");
        RequireDistinct(Policies, "masking policy");
    }

    /// <summary>The tag's name.</summary>
    public SchemaObjectName Tag { get; }
    /// <summary>The masking policies detached, in order; never empty, distinct.</summary>
    public IReadOnlyList<SchemaObjectName> Policies { get; }
}

/// <summary><c>CREATE ROW ACCESS POLICY IF NOT EXISTS p AS (ARG_1 type …) RETURNS BOOLEAN -&gt; body</c>.</summary>
public sealed class CreateRowAccessPolicy : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Creates row access policy <paramref name="name"/>.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="signature">The arguments, mapped by position to the columns named when it is attached.</param>
    /// <param name="body">The body; must be a BOOLEAN, not NULL.</param>
    /// <param name="comment">The policy's comment, or null for none.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="comment"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException">The body is not BOOLEAN (or is NULL), or the comment cannot be written.</exception>
    public CreateRowAccessPolicy(SchemaObjectName name, PolicySignature signature, PolicyExpression body, string? comment = null)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        RowAccessChecks.Check(name, signature, body);
        Comment = CheckedComment(comment);
    }

    /// <summary>The policy's name.</summary>
    public SchemaObjectName Name { get; }
    /// <summary>The policy's arguments.</summary>
    public PolicySignature Signature { get; }
    /// <summary>The policy's body, a BOOLEAN.</summary>
    public PolicyExpression Body { get; }
    /// <summary>The policy's comment; null for none.</summary>
    public string? Comment { get; }
}

/// <summary><c>ALTER ROW ACCESS POLICY p SET BODY -&gt; body</c>.</summary>
public sealed class SetRowAccessPolicyBody : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Replaces the body of row access policy <paramref name="name"/>.</summary>
    /// <param name="name">The policy's name.</param>
    /// <param name="signature">The policy's existing signature, against which <paramref name="body"/> is checked.</param>
    /// <param name="body">The new body, a BOOLEAN.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="SnowflakeCompileException">The body is not BOOLEAN (or is NULL).</exception>
    public SetRowAccessPolicyBody(SchemaObjectName name, PolicySignature signature, PolicyExpression body)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Signature = signature ?? throw new ArgumentNullException(nameof(signature));
        Body = body ?? throw new ArgumentNullException(nameof(body));
        RowAccessChecks.Check(name, signature, body);
    }

    /// <summary>The policy's name.</summary>
    public SchemaObjectName Name { get; }
    /// <summary>The policy's existing arguments.</summary>
    public PolicySignature Signature { get; }
    /// <summary>The new body.</summary>
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
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Attaches row access policy <paramref name="policy"/> to <paramref name="table"/>.</summary>
    /// <param name="kind">The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</param>
    /// <param name="table">The dataset's name.</param>
    /// <param name="policy">The policy's name.</param>
    /// <param name="columns">The stored names of the columns passed to the policy's arguments, in order; at least one.</param>
    /// <exception cref="ArgumentNullException">An argument or a column name is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="columns"/> is empty or has a name that cannot be a stored identifier.</exception>
    public AddRowAccessPolicy(DatasetKind kind, SchemaObjectName table, SchemaObjectName policy, IReadOnlyList<string> columns)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Columns = Identifiers(columns, nameof(columns));
        if (Columns.Count == 0) throw new SnowflakeCompileException("a row access policy is attached on at least one column: `" + table + "`");
    }

    /// <summary>The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</summary>
    public DatasetKind Kind { get; }
    /// <summary>The dataset's name.</summary>
    public SchemaObjectName Table { get; }
    /// <summary>The row access policy's name.</summary>
    public SchemaObjectName Policy { get; }
    /// <summary>The stored names of the columns passed to the policy's arguments, in order; never empty.</summary>
    public IReadOnlyList<string> Columns { get; }
}

/// <summary><c>ALTER &lt;kind&gt; t DROP ROW ACCESS POLICY p</c>.</summary>
public sealed class DropTableRowAccessPolicy : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Detaches row access policy <paramref name="policy"/> from <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DropTableRowAccessPolicy(DatasetKind kind, SchemaObjectName table, SchemaObjectName policy)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <summary>The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</summary>
    public DatasetKind Kind { get; }
    /// <summary>The dataset's name.</summary>
    public SchemaObjectName Table { get; }
    /// <summary>The row access policy's name.</summary>
    public SchemaObjectName Policy { get; }
}

/// <summary><c>ALTER &lt;kind&gt; t DROP ROW ACCESS POLICY old, ADD ROW ACCESS POLICY new ON (…)</c>: one statement, no gap.</summary>
public sealed class SwapRowAccessPolicy : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Replaces row access policy <paramref name="oldPolicy"/> on <paramref name="table"/> with <paramref name="newPolicy"/>.</summary>
    /// <param name="kind">The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</param>
    /// <param name="table">The dataset's name.</param>
    /// <param name="oldPolicy">The policy dropped.</param>
    /// <param name="newPolicy">The policy added.</param>
    /// <param name="columns">The stored names of the columns passed to the new policy's arguments, in order; at least one.</param>
    /// <exception cref="ArgumentNullException">An argument or a column name is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="columns"/> is empty or has a name that cannot be a stored identifier.</exception>
    public SwapRowAccessPolicy(DatasetKind kind, SchemaObjectName table, SchemaObjectName oldPolicy, SchemaObjectName newPolicy, IReadOnlyList<string> columns)
    {
        Kind = kind;
        Table = table ?? throw new ArgumentNullException(nameof(table));
        OldPolicy = oldPolicy ?? throw new ArgumentNullException(nameof(oldPolicy));
        NewPolicy = newPolicy ?? throw new ArgumentNullException(nameof(newPolicy));
        Columns = Identifiers(columns, nameof(columns));
        if (Columns.Count == 0) throw new SnowflakeCompileException("a row access policy is attached on at least one column: `" + table + "`");
    }

    /// <summary>The dataset's kind: chooses the <c>ALTER</c> keyword (<see cref="SqlGenerator.AlterKeyword"/>).</summary>
    public DatasetKind Kind { get; }
    /// <summary>The dataset's name.</summary>
    public SchemaObjectName Table { get; }
    /// <summary>The row access policy dropped.</summary>
    public SchemaObjectName OldPolicy { get; }
    /// <summary>The row access policy added.</summary>
    public SchemaObjectName NewPolicy { get; }
    /// <summary>The stored names of the columns passed to the new policy's arguments, in order; never empty.</summary>
    public IReadOnlyList<string> Columns { get; }
}

/// <summary><c>ALTER … SET TAG t1 = 'v1', t2 = 'v2'</c> on a database, schema, dataset or column: several tags in one statement.</summary>
public sealed class SetTag : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Sets <paramref name="tags"/> on <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument or an assignment is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="tags"/> is empty or sets a tag twice.</exception>
    public SetTag(TagTarget target, IReadOnlyList<TagAssignment> tags)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Tags = Copy(tags, nameof(tags));
        if (Tags.Count == 0) throw new SnowflakeCompileException("no tag to set");
        RequireDistinct(Tags, static t => t.Tag, "tag");
    }

    /// <summary>The object the tags are set on.</summary>
    public TagTarget Target { get; }
    /// <summary>The tags and their values, in order; never empty, each tag once.</summary>
    public IReadOnlyList<TagAssignment> Tags { get; }
}

/// <summary><c>ALTER … UNSET TAG t1, t2</c> on a database, schema, dataset or column.</summary>
public sealed class UnsetTag : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Unsets <paramref name="tags"/> from <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument or a tag is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="tags"/> is empty or names a tag twice.</exception>
    public UnsetTag(TagTarget target, IReadOnlyList<SchemaObjectName> tags)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Tags = Copy(tags, nameof(tags));
        if (Tags.Count == 0) throw new SnowflakeCompileException("no tag to unset");
        RequireDistinct(Tags, "tag");
    }

    /// <summary>The object the tags are unset from.</summary>
    public TagTarget Target { get; }
    /// <summary>The tags unset, in order; never empty, distinct.</summary>
    public IReadOnlyList<SchemaObjectName> Tags { get; }
}

/// <summary><c>DROP MASKING POLICY IF EXISTS p</c> (refused by Snowflake while attached).</summary>
public sealed class DropMaskingPolicy : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Drops masking policy <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public DropMaskingPolicy(SchemaObjectName name) => Name = name ?? throw new ArgumentNullException(nameof(name));
    /// <summary>The policy's name.</summary>
    public SchemaObjectName Name { get; }
}

/// <summary><c>DROP ROW ACCESS POLICY IF EXISTS p</c> (refused by Snowflake while attached).</summary>
public sealed class DropRowAccessPolicy : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Drops row access policy <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public DropRowAccessPolicy(SchemaObjectName name) => Name = name ?? throw new ArgumentNullException(nameof(name));
    /// <summary>The policy's name.</summary>
    public SchemaObjectName Name { get; }
}

/// <summary><c>DROP TAG IF EXISTS t</c>.</summary>
public sealed class DropTag : Operation
{
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IOperationVisitor<TResult> visitor) => visitor.Visit(this);

    /// <summary>Drops tag <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public DropTag(SchemaObjectName name) => Name = name ?? throw new ArgumentNullException(nameof(name));
    /// <summary>The tag's name.</summary>
    public SchemaObjectName Name { get; }
}
