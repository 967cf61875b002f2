using System.Text;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Snowflake;

/// <summary>
/// Turns operations into Snowflake statements: one method per operation, every identifier through
/// <see cref="SqlText.Identifier"/>/<see cref="SqlText.Qualified"/>, every value through <see cref="SqlText.Literal(string)"/>.
/// Each statement ends with <c>;</c>. Policy bodies follow <c>-&gt;</c> on their own lines, indented by 2 spaces
/// (a CASE over several lines), so the output is deterministic and readable. The only writer of Snowflake SQL text:
/// operations dispatch to their method through <see cref="IOperationVisitor{TResult}"/>, and policy expressions are
/// written by <see cref="Expression"/> and <see cref="Body"/>, so a new operation or expression node does not compile
/// until it is written here.
/// </summary>
public sealed class SqlGenerator : IOperationVisitor<string>, ITagTargetVisitor<string>
{
    private static readonly SqlGenerator Instance = new();

    private SqlGenerator() { }

    /// <summary>The statement for any operation.</summary>
    public static string Generate(Operation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Accept(Instance);
    }

    /// <summary>The statements of <paramref name="operations"/>, in order, each followed by a line feed.</summary>
    public static string Script(IEnumerable<Operation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var sb = new StringBuilder();
        foreach (var op in operations) sb.Append(Generate(op)).Append('\n');
        return sb.ToString();
    }

    /// <summary>
    /// The object keyword of the <c>ALTER &lt;keyword&gt;</c> that sets policies and tags on a dataset of this kind.
    /// <c>ALTER MATERIALIZED VIEW</c> and <c>ALTER EXTERNAL TABLE</c> have no policy, column or tag clause: a materialized
    /// view's are set with <c>ALTER VIEW</c>, an external table's with <c>ALTER TABLE</c> (docs/snowflake.md).
    /// </summary>
    // A new kind fails to compile here (CS8509); CS8524 is only about values outside the enum.
#pragma warning disable CS8524
    public static string AlterKeyword(DatasetKind kind) => kind switch
    {
        DatasetKind.Table => "TABLE",
        DatasetKind.View => "VIEW",
        DatasetKind.MaterializedView => "VIEW",
        DatasetKind.DynamicTable => "DYNAMIC TABLE",
        DatasetKind.IcebergTable => "ICEBERG TABLE",
        DatasetKind.ExternalTable => "TABLE",
    };
#pragma warning restore CS8524

    /// <summary>A policy expression on one line, as a statement writes it inside a body.</summary>
    public static string Expression(PolicyExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var writer = RentWriter();
        try
        {
            return writer.Expression(expression);
        }
        finally
        {
            t_writer = writer;
        }
    }

    /// <summary>
    /// A policy body as emitted after <c>-&gt;</c>: a top-level CASE on its own lines (each WHEN and the ELSE 2 spaces
    /// deeper), anything else on one line; every line starts with <paramref name="indent"/>.
    /// </summary>
    public static string Body(PolicyExpression body, string indent = "  ")
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(indent);
        var writer = RentWriter();
        try
        {
            return writer.Body(body, indent);
        }
        finally
        {
            t_writer = writer;
        }
    }

    // One expression writer per thread, reused: the planner writes the masked expression of every masked column (it
    // keys policies by their text), and a writer need not be allocated each time. Rented, so that a call made while
    // one is writing gets a writer of its own.
    [ThreadStatic] private static SnowflakeExpressionWriter? t_writer;

    private static SnowflakeExpressionWriter RentWriter()
    {
        var writer = t_writer ?? new SnowflakeExpressionWriter();
        t_writer = null;
        return writer;
    }

    /// <summary>The statement for a <see cref="UseRole"/>, ending with <c>;</c>.</summary>
    public static string Generate(UseRole op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "USE ROLE " + SqlText.Identifier(op.Role) + ";";
    }

    /// <summary>The statement for a <see cref="SetQuotedIdentifiersCaseSensitive"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetQuotedIdentifiersCaseSensitive op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;";
    }

    /// <summary>The statement for a <see cref="CreateTag"/>, ending with <c>;</c>.</summary>
    public static string Generate(CreateTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var sb = new StringBuilder("CREATE TAG IF NOT EXISTS ").Append(op.Name.Sql);
        // ALLOWED_VALUES must come before every other parameter.
        if (op.AllowedValues.Count > 0) sb.Append(" ALLOWED_VALUES ").Append(Literals(op.AllowedValues));
        if (op.Comment is not null) sb.Append(" COMMENT = ").Append(SqlText.Literal(op.Comment));
        return sb.Append(';').ToString();
    }

    /// <summary>The statement for a <see cref="AddTagAllowedValues"/>, ending with <c>;</c>.</summary>
    public static string Generate(AddTagAllowedValues op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER TAG " + op.Tag.Sql + " ADD ALLOWED_VALUES " + Literals(op.Values) + ";";
    }

    /// <summary>The statement for a <see cref="DropTagAllowedValues"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropTagAllowedValues op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER TAG " + op.Tag.Sql + " DROP ALLOWED_VALUES " + Literals(op.Values) + ";";
    }

    /// <summary>The statement for a <see cref="UnsetTagAllowedValues"/>, ending with <c>;</c>.</summary>
    public static string Generate(UnsetTagAllowedValues op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER TAG " + op.Tag.Sql + " UNSET ALLOWED_VALUES;";
    }

    /// <summary>The statement for a <see cref="CreateMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(CreateMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var sb = new StringBuilder("CREATE MASKING POLICY IF NOT EXISTS ").Append(op.Name.Sql).Append(" AS ").Append(Signature(op.Signature)).Append('\n')
            .Append("RETURNS ").Append(op.ReturnType.Text).Append(" ->\n")
            .Append(Body(op.Body));
        if (op.Comment is not null) sb.Append('\n').Append("COMMENT = ").Append(SqlText.Literal(op.Comment));
        if (op.ExemptOtherPolicies) sb.Append('\n').Append("EXEMPT_OTHER_POLICIES = TRUE");
        return sb.Append(';').ToString();
    }

    /// <summary>The statement for a <see cref="SetMaskingPolicyBody"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetMaskingPolicyBody op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER MASKING POLICY " + op.Name.Sql + " SET BODY ->\n" + Body(op.Body) + ";";
    }

    /// <summary>The statement for a <see cref="SetColumnMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetColumnMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var sb = new StringBuilder(AlterColumn(op.Kind, op.Table, op.Column)).Append(" SET MASKING POLICY ").Append(op.Policy.Sql);
        if (op.UsingColumns.Count > 0) sb.Append(" USING (").Append(IdentifierList(op.UsingColumns)).Append(')');
        if (op.Force) sb.Append(" FORCE");
        return sb.Append(';').ToString();
    }

    /// <summary>The statement for a <see cref="UnsetColumnMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(UnsetColumnMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterColumn(op.Kind, op.Table, op.Column) + " UNSET MASKING POLICY;";
    }

    /// <summary>The statement for a <see cref="SetTagMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetTagMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER TAG " + op.Tag.Sql + " SET " + string.Join(", ", op.Policies.Select(p => "MASKING POLICY " + p.Sql)) + (op.Force ? " FORCE" : "") + ";";
    }

    /// <summary>The statement for a <see cref="UnsetTagMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(UnsetTagMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER TAG " + op.Tag.Sql + " UNSET " + string.Join(", ", op.Policies.Select(p => "MASKING POLICY " + p.Sql)) + ";";
    }

    /// <summary>The statement for a <see cref="CreateRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(CreateRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var sb = new StringBuilder("CREATE ROW ACCESS POLICY IF NOT EXISTS ").Append(op.Name.Sql).Append(" AS ").Append(Signature(op.Signature)).Append('\n')
            .Append("RETURNS BOOLEAN ->\n")
            .Append(Body(op.Body));
        if (op.Comment is not null) sb.Append('\n').Append("COMMENT = ").Append(SqlText.Literal(op.Comment));
        return sb.Append(';').ToString();
    }

    /// <summary>The statement for a <see cref="SetRowAccessPolicyBody"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetRowAccessPolicyBody op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER ROW ACCESS POLICY " + op.Name.Sql + " SET BODY ->\n" + Body(op.Body) + ";";
    }

    /// <summary>The statement for a <see cref="AddRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(AddRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterDataset(op.Kind, op.Table) + " ADD ROW ACCESS POLICY " + op.Policy.Sql + " ON (" + IdentifierList(op.Columns) + ");";
    }

    /// <summary>The statement for a <see cref="DropTableRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropTableRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterDataset(op.Kind, op.Table) + " DROP ROW ACCESS POLICY " + op.Policy.Sql + ";";
    }

    /// <summary>The statement for a <see cref="SwapRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(SwapRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterDataset(op.Kind, op.Table) + " DROP ROW ACCESS POLICY " + op.OldPolicy.Sql
            + ", ADD ROW ACCESS POLICY " + op.NewPolicy.Sql + " ON (" + IdentifierList(op.Columns) + ");";
    }

    /// <summary>The statement for a <see cref="SetTag"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterTarget(op.Target) + " SET TAG " + string.Join(", ", op.Tags.Select(t => t.Tag.Sql + " = " + SqlText.Literal(t.Value))) + ";";
    }

    /// <summary>The statement for a <see cref="UnsetTag"/>, ending with <c>;</c>.</summary>
    public static string Generate(UnsetTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterTarget(op.Target) + " UNSET TAG " + string.Join(", ", op.Tags.Select(t => t.Sql)) + ";";
    }

    /// <summary>The statement for a <see cref="DropMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "DROP MASKING POLICY IF EXISTS " + op.Name.Sql + ";";
    }

    /// <summary>The statement for a <see cref="DropRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "DROP ROW ACCESS POLICY IF EXISTS " + op.Name.Sql + ";";
    }

    /// <summary>The statement for a <see cref="DropTag"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "DROP TAG IF EXISTS " + op.Name.Sql + ";";
    }

    private static string Signature(PolicySignature signature)
        => "(" + string.Join(", ", signature.Arguments.Select(a => SqlText.Identifier(a.Name) + " " + a.Type.Text)) + ")";

    private static string Literals(IEnumerable<string> values) => string.Join(", ", values.Select(SqlText.Literal));

    private static string IdentifierList(IEnumerable<string> names) => string.Join(", ", names.Select(n => SqlText.Identifier(n)));

    private static string AlterDataset(DatasetKind kind, SchemaObjectName dataset) => "ALTER " + AlterKeyword(kind) + " " + dataset.Sql;

    // MODIFY COLUMN works for every kind; ICEBERG TABLE requires it (plain ALTER TABLE is refused on Iceberg tables).
    private static string AlterColumn(DatasetKind kind, SchemaObjectName dataset, string column)
        => AlterDataset(kind, dataset) + " MODIFY COLUMN " + SqlText.Identifier(column);

    // Column tags on views (materialized views included): `ALTER VIEW … { ALTER | MODIFY } [ COLUMN ] … SET TAG` are both
    // documented; ALTER COLUMN is kept. Tables and the other kinds keep MODIFY COLUMN (Iceberg tables require it).
    private static string AlterColumnForTag(DatasetKind kind, SchemaObjectName dataset, string column)
        => kind is DatasetKind.View or DatasetKind.MaterializedView
            ? AlterDataset(kind, dataset) + " ALTER COLUMN " + SqlText.Identifier(column)
            : AlterColumn(kind, dataset, column);

    private static string AlterTarget(TagTarget target) => target.Accept(Instance);

    string ITagTargetVisitor<string>.Visit(DatabaseTarget target) => "ALTER DATABASE " + SqlText.Identifier(target.Database);
    string ITagTargetVisitor<string>.Visit(SchemaTarget target) => "ALTER SCHEMA " + SqlText.Qualified(target.Database, target.Schema);
    string ITagTargetVisitor<string>.Visit(DatasetTarget target) => AlterDataset(target.Kind, target.Dataset);
    string ITagTargetVisitor<string>.Visit(ColumnTarget target) => AlterColumnForTag(target.Kind, target.Dataset, target.Column);

    string IOperationVisitor<string>.Visit(UseRole operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(SetQuotedIdentifiersCaseSensitive operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(CreateTag operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(AddTagAllowedValues operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(DropTagAllowedValues operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(UnsetTagAllowedValues operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(CreateMaskingPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(SetMaskingPolicyBody operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(SetColumnMaskingPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(UnsetColumnMaskingPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(SetTagMaskingPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(UnsetTagMaskingPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(CreateRowAccessPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(SetRowAccessPolicyBody operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(AddRowAccessPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(DropTableRowAccessPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(SwapRowAccessPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(SetTag operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(UnsetTag operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(DropMaskingPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(DropRowAccessPolicy operation) => Generate(operation);
    string IOperationVisitor<string>.Visit(DropTag operation) => Generate(operation);

    /// <summary>Snowflake's atoms for the policy expression writer: quoted identifiers, escaped literals, the catalog's function names.</summary>
    private sealed class SnowflakeExpressionWriter : PolicyExpressionWriter
    {
        protected override string Identifier(string storedName) => SqlText.Identifier(storedName);
        protected override string Qualified(SchemaObjectName name) => name.Sql;
        protected override string StringLiteral(string value) => SqlText.Literal(value);
        protected override string TypedLiteral(Literal literal, SnowflakeTypeKind timestampKind) => SqlText.TypedLiteral(literal, timestampKind);
        protected override string FunctionName(SqlFunction function) => function.Name;
    }
}
