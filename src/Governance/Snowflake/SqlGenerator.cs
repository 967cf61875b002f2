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
public sealed class SqlGenerator : IOperationVisitor<StringBuilder>, ITagTargetVisitor<StringBuilder>
{
    private readonly StringBuilder _sb;

    private SqlGenerator(StringBuilder sb) => _sb = sb;

    /// <summary>The statement for any operation.</summary>
    public static string Generate(Operation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Append(new StringBuilder(), operation).ToString();
    }

    /// <summary>
    /// Appends the statement for <paramref name="operation"/> to <paramref name="sb"/> (no line feed after it) and
    /// returns <paramref name="sb"/>: the writer under every other method here, which makes no string of its own for a
    /// statement (names and values are appended as they are escaped). A policy body is written whole first.
    /// </summary>
    public static StringBuilder Append(StringBuilder sb, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(sb);
        ArgumentNullException.ThrowIfNull(operation);
        return operation.Accept(new SqlGenerator(sb));
    }

    /// <summary>The statements of <paramref name="operations"/>, in order, each followed by a line feed.</summary>
    public static string Script(IEnumerable<Operation> operations)
    {
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Script(writer, operations);
        return writer.ToString();
    }

    /// <summary>
    /// Writes the statements of <paramref name="operations"/> to <paramref name="writer"/>, in order, each followed by a
    /// line feed, one statement at a time (through one reused buffer).
    /// </summary>
    public static void Script(TextWriter writer, IEnumerable<Operation> operations)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(operations);
        var statement = new StringBuilder();
        foreach (var op in operations)
        {
            writer.Write(Append(statement.Clear(), op));
            writer.Write('\n');
        }
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
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="SetQuotedIdentifiersCaseSensitive"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetQuotedIdentifiersCaseSensitive op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="CreateTag"/>, ending with <c>;</c>.</summary>
    public static string Generate(CreateTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="AddTagAllowedValues"/>, ending with <c>;</c>.</summary>
    public static string Generate(AddTagAllowedValues op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="DropTagAllowedValues"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropTagAllowedValues op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="UnsetTagAllowedValues"/>, ending with <c>;</c>.</summary>
    public static string Generate(UnsetTagAllowedValues op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="CreateMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(CreateMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="SetMaskingPolicyBody"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetMaskingPolicyBody op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="SetColumnMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetColumnMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="UnsetColumnMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(UnsetColumnMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="SetTagMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetTagMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="UnsetTagMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(UnsetTagMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="CreateRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(CreateRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="SetRowAccessPolicyBody"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetRowAccessPolicyBody op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="AddRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(AddRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="DropTableRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropTableRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="SwapRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(SwapRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="SetTag"/>, ending with <c>;</c>.</summary>
    public static string Generate(SetTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="UnsetTag"/>, ending with <c>;</c>.</summary>
    public static string Generate(UnsetTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="DropMaskingPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="DropRowAccessPolicy"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    /// <summary>The statement for a <see cref="DropTag"/>, ending with <c>;</c>.</summary>
    public static string Generate(DropTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return Generate((Operation)op);
    }

    private StringBuilder Identifier(string storedName) => SqlText.AppendIdentifier(_sb, storedName);

    private static StringBuilder Name(StringBuilder sb, SchemaObjectName name) => name.AppendSql(sb);

    private StringBuilder Signature(PolicySignature signature)
    {
        _sb.Append('(');
        for (var i = 0; i < signature.Arguments.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            Identifier(signature.Arguments[i].Name).Append(' ').Append(signature.Arguments[i].Type.Text);
        }
        return _sb.Append(')');
    }

    private static StringBuilder Literals(StringBuilder sb, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            SqlText.AppendLiteral(sb, values[i]);
        }
        return sb;
    }

    private static StringBuilder IdentifierList(StringBuilder sb, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            SqlText.AppendIdentifier(sb, names[i]);
        }
        return sb;
    }

    private StringBuilder MaskingPolicies(IReadOnlyList<SchemaObjectName> policies)
    {
        for (var i = 0; i < policies.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            Name(_sb.Append("MASKING POLICY "), policies[i]);
        }
        return _sb;
    }

    private StringBuilder AlterDataset(DatasetKind kind, SchemaObjectName dataset) => Name(_sb.Append("ALTER ").Append(AlterKeyword(kind)).Append(' '), dataset);

    // MODIFY COLUMN works for every kind; ICEBERG TABLE requires it (plain ALTER TABLE is refused on Iceberg tables).
    private StringBuilder AlterColumn(DatasetKind kind, SchemaObjectName dataset, string column)
    {
        AlterDataset(kind, dataset).Append(" MODIFY COLUMN ");
        return Identifier(column);
    }

    // Column tags on views (materialized views included): `ALTER VIEW … { ALTER | MODIFY } [ COLUMN ] … SET TAG` are both
    // documented; ALTER COLUMN is kept. Tables and the other kinds keep MODIFY COLUMN (Iceberg tables require it).
    private StringBuilder AlterColumnForTag(DatasetKind kind, SchemaObjectName dataset, string column)
    {
        if (kind is not (DatasetKind.View or DatasetKind.MaterializedView)) return AlterColumn(kind, dataset, column);
        AlterDataset(kind, dataset).Append(" ALTER COLUMN ");
        return Identifier(column);
    }

    StringBuilder ITagTargetVisitor<StringBuilder>.Visit(DatabaseTarget target)
    {
        _sb.Append("ALTER DATABASE ");
        return Identifier(target.Database);
    }
    StringBuilder ITagTargetVisitor<StringBuilder>.Visit(SchemaTarget target)
    {
        _sb.Append("ALTER SCHEMA ");
        Identifier(target.Schema.Database).Append('.');
        return Identifier(target.Schema.Schema);
    }
    StringBuilder ITagTargetVisitor<StringBuilder>.Visit(DatasetTarget target) => AlterDataset(target.Kind, target.Dataset);
    StringBuilder ITagTargetVisitor<StringBuilder>.Visit(ColumnTarget target) => AlterColumnForTag(target.Kind, target.Dataset, target.Column);

    StringBuilder IOperationVisitor<StringBuilder>.Visit(UseRole op)
    {
        _sb.Append("USE ROLE ");
        return Identifier(op.Role).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(SetQuotedIdentifiersCaseSensitive op)
    {
        return _sb.Append("ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;");
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(CreateTag op)
    {
        Name(_sb.Append("CREATE TAG IF NOT EXISTS "), op.Name);
        // ALLOWED_VALUES must come before every other parameter.
        if (op.AllowedValues.Count > 0) Literals(_sb.Append(" ALLOWED_VALUES "), op.AllowedValues);
        if (op.Comment is not null) SqlText.AppendLiteral(_sb.Append(" COMMENT = "), op.Comment);
        return _sb.Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(AddTagAllowedValues op)
    {
        Name(_sb.Append("ALTER TAG "), op.Tag);
        return Literals(_sb.Append(" ADD ALLOWED_VALUES "), op.Values).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(DropTagAllowedValues op)
    {
        Name(_sb.Append("ALTER TAG "), op.Tag);
        return Literals(_sb.Append(" DROP ALLOWED_VALUES "), op.Values).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(UnsetTagAllowedValues op)
    {
        return Name(_sb.Append("ALTER TAG "), op.Tag).Append(" UNSET ALLOWED_VALUES;");
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(CreateMaskingPolicy op)
    {
        Name(_sb.Append("CREATE MASKING POLICY IF NOT EXISTS "), op.Name).Append(" AS ");
        Signature(op.Signature).Append('\n')
            .Append("RETURNS ").Append(op.ReturnType.Text).Append(" ->\n")
            .Append(Body(op.Body));
        if (op.Comment is not null) SqlText.AppendLiteral(_sb.Append('\n').Append("COMMENT = "), op.Comment);
        if (op.ExemptOtherPolicies) _sb.Append('\n').Append("EXEMPT_OTHER_POLICIES = TRUE");
        return _sb.Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(SetMaskingPolicyBody op)
    {
        Name(_sb.Append("ALTER MASKING POLICY "), op.Name);
        return _sb.Append(" SET BODY ->\n").Append(Body(op.Body)).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(SetColumnMaskingPolicy op)
    {
        AlterColumn(op.Kind, op.Table, op.Column);
        Name(_sb.Append(" SET MASKING POLICY "), op.Policy);
        if (op.UsingColumns.Count > 0) IdentifierList(_sb.Append(" USING ("), op.UsingColumns).Append(')');
        if (op.Force) _sb.Append(" FORCE");
        return _sb.Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(UnsetColumnMaskingPolicy op)
    {
        return AlterColumn(op.Kind, op.Table, op.Column).Append(" UNSET MASKING POLICY;");
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(SetTagMaskingPolicy op)
    {
        Name(_sb.Append("ALTER TAG "), op.Tag).Append(" SET ");
        MaskingPolicies(op.Policies);
        return _sb.Append(op.Force ? " FORCE;" : ";");
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(UnsetTagMaskingPolicy op)
    {
        Name(_sb.Append("ALTER TAG "), op.Tag).Append(" UNSET ");
        return MaskingPolicies(op.Policies).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(CreateRowAccessPolicy op)
    {
        Name(_sb.Append("CREATE ROW ACCESS POLICY IF NOT EXISTS "), op.Name).Append(" AS ");
        Signature(op.Signature).Append('\n')
            .Append("RETURNS BOOLEAN ->\n")
            .Append(Body(op.Body));
        if (op.Comment is not null) SqlText.AppendLiteral(_sb.Append('\n').Append("COMMENT = "), op.Comment);
        return _sb.Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(SetRowAccessPolicyBody op)
    {
        Name(_sb.Append("ALTER ROW ACCESS POLICY "), op.Name);
        return _sb.Append(" SET BODY ->\n").Append(Body(op.Body)).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(AddRowAccessPolicy op)
    {
        AlterDataset(op.Kind, op.Table);
        Name(_sb.Append(" ADD ROW ACCESS POLICY "), op.Policy);
        return IdentifierList(_sb.Append(" ON ("), op.Columns).Append(");");
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(DropTableRowAccessPolicy op)
    {
        AlterDataset(op.Kind, op.Table);
        return Name(_sb.Append(" DROP ROW ACCESS POLICY "), op.Policy).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(SwapRowAccessPolicy op)
    {
        AlterDataset(op.Kind, op.Table);
        Name(_sb.Append(" DROP ROW ACCESS POLICY "), op.OldPolicy);
        Name(_sb.Append(", ADD ROW ACCESS POLICY "), op.NewPolicy);
        return IdentifierList(_sb.Append(" ON ("), op.Columns).Append(");");
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(SetTag op)
    {
        op.Target.Accept(this).Append(" SET TAG ");
        for (var i = 0; i < op.Tags.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            SqlText.AppendLiteral(Name(_sb, op.Tags[i].Tag).Append(" = "), op.Tags[i].Value);
        }
        return _sb.Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(UnsetTag op)
    {
        op.Target.Accept(this).Append(" UNSET TAG ");
        for (var i = 0; i < op.Tags.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            Name(_sb, op.Tags[i]);
        }
        return _sb.Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(DropMaskingPolicy op)
    {
        return Name(_sb.Append("DROP MASKING POLICY IF EXISTS "), op.Name).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(DropRowAccessPolicy op)
    {
        return Name(_sb.Append("DROP ROW ACCESS POLICY IF EXISTS "), op.Name).Append(';');
    }

    StringBuilder IOperationVisitor<StringBuilder>.Visit(DropTag op)
    {
        return Name(_sb.Append("DROP TAG IF EXISTS "), op.Name).Append(';');
    }

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
