using System.Text;

namespace Governance.Snowflake;

/// <summary>
/// Turns operations into Snowflake statements: one method per operation, every identifier through
/// <see cref="SqlText.Identifier"/>/<see cref="SqlText.Qualified"/>, every value through <see cref="SqlText.Literal(string)"/>.
/// Each statement ends with <c>;</c>. Policy bodies follow <c>-&gt;</c> on their own lines, indented by 2 spaces
/// (a CASE over several lines), so the output is deterministic and readable.
/// </summary>
public static class SqlGenerator
{
    /// <summary>The statement for any operation.</summary>
    public static string Generate(Operation operation) => operation switch
    {
        null => throw new ArgumentNullException(nameof(operation)),
        UseRole op => Generate(op),
        SetQuotedIdentifiersCaseSensitive op => Generate(op),
        CreateTag op => Generate(op),
        AddTagAllowedValues op => Generate(op),
        CreateMaskingPolicy op => Generate(op),
        SetMaskingPolicyBody op => Generate(op),
        SetColumnMaskingPolicy op => Generate(op),
        UnsetColumnMaskingPolicy op => Generate(op),
        SetTagMaskingPolicy op => Generate(op),
        UnsetTagMaskingPolicy op => Generate(op),
        CreateRowAccessPolicy op => Generate(op),
        SetRowAccessPolicyBody op => Generate(op),
        AddRowAccessPolicy op => Generate(op),
        DropTableRowAccessPolicy op => Generate(op),
        SwapRowAccessPolicy op => Generate(op),
        SetTag op => Generate(op),
        UnsetTag op => Generate(op),
        DropMaskingPolicy op => Generate(op),
        DropRowAccessPolicy op => Generate(op),
        DropTag op => Generate(op),
        _ => throw new SnowflakeCompileException("no SQL for operation `" + operation.GetType().Name + "`"),
    };

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
    public static string AlterKeyword(DatasetKind kind) => kind switch
    {
        DatasetKind.Table => "TABLE",
        DatasetKind.View => "VIEW",
        DatasetKind.MaterializedView => "VIEW",
        DatasetKind.DynamicTable => "DYNAMIC TABLE",
        DatasetKind.IcebergTable => "ICEBERG TABLE",
        DatasetKind.ExternalTable => "TABLE",
        _ => throw new SnowflakeCompileException("unknown dataset kind `" + kind + "`"),
    };

    public static string Generate(UseRole op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "USE ROLE " + SqlText.Identifier(op.Role) + ";";
    }

    public static string Generate(SetQuotedIdentifiersCaseSensitive op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;";
    }

    public static string Generate(CreateTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var sb = new StringBuilder("CREATE TAG IF NOT EXISTS ").Append(op.Name.Sql);
        // ALLOWED_VALUES must come before every other parameter.
        if (op.AllowedValues.Count > 0) sb.Append(" ALLOWED_VALUES ").Append(Literals(op.AllowedValues));
        if (op.Comment is not null) sb.Append(" COMMENT = ").Append(SqlText.Literal(op.Comment));
        return sb.Append(';').ToString();
    }

    public static string Generate(AddTagAllowedValues op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER TAG " + op.Tag.Sql + " ADD ALLOWED_VALUES " + Literals(op.Values) + ";";
    }

    public static string Generate(CreateMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var sb = new StringBuilder("CREATE MASKING POLICY IF NOT EXISTS ").Append(op.Name.Sql).Append(" AS ").Append(Signature(op.Signature)).Append('\n')
            .Append("RETURNS ").Append(op.ReturnType.Text).Append(" ->\n")
            .Append(PolicyBodies.Render(op.Body));
        if (op.Comment is not null) sb.Append('\n').Append("COMMENT = ").Append(SqlText.Literal(op.Comment));
        if (op.ExemptOtherPolicies) sb.Append('\n').Append("EXEMPT_OTHER_POLICIES = TRUE");
        return sb.Append(';').ToString();
    }

    public static string Generate(SetMaskingPolicyBody op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER MASKING POLICY " + op.Name.Sql + " SET BODY ->\n" + PolicyBodies.Render(op.Body) + ";";
    }

    public static string Generate(SetColumnMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var sb = new StringBuilder(AlterColumn(op.Kind, op.Table, op.Column)).Append(" SET MASKING POLICY ").Append(op.Policy.Sql);
        if (op.UsingColumns.Count > 0) sb.Append(" USING (").Append(IdentifierList(op.UsingColumns)).Append(')');
        if (op.Force) sb.Append(" FORCE");
        return sb.Append(';').ToString();
    }

    public static string Generate(UnsetColumnMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterColumn(op.Kind, op.Table, op.Column) + " UNSET MASKING POLICY;";
    }

    public static string Generate(SetTagMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER TAG " + op.Tag.Sql + " SET " + string.Join(", ", op.Policies.Select(p => "MASKING POLICY " + p.Sql)) + (op.Force ? " FORCE" : "") + ";";
    }

    public static string Generate(UnsetTagMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER TAG " + op.Tag.Sql + " UNSET " + string.Join(", ", op.Policies.Select(p => "MASKING POLICY " + p.Sql)) + ";";
    }

    public static string Generate(CreateRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var sb = new StringBuilder("CREATE ROW ACCESS POLICY IF NOT EXISTS ").Append(op.Name.Sql).Append(" AS ").Append(Signature(op.Signature)).Append('\n')
            .Append("RETURNS BOOLEAN ->\n")
            .Append(PolicyBodies.Render(op.Body));
        if (op.Comment is not null) sb.Append('\n').Append("COMMENT = ").Append(SqlText.Literal(op.Comment));
        return sb.Append(';').ToString();
    }

    public static string Generate(SetRowAccessPolicyBody op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "ALTER ROW ACCESS POLICY " + op.Name.Sql + " SET BODY ->\n" + PolicyBodies.Render(op.Body) + ";";
    }

    public static string Generate(AddRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterDataset(op.Kind, op.Table) + " ADD ROW ACCESS POLICY " + op.Policy.Sql + " ON (" + IdentifierList(op.Columns) + ");";
    }

    public static string Generate(DropTableRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterDataset(op.Kind, op.Table) + " DROP ROW ACCESS POLICY " + op.Policy.Sql + ";";
    }

    public static string Generate(SwapRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterDataset(op.Kind, op.Table) + " DROP ROW ACCESS POLICY " + op.OldPolicy.Sql
            + ", ADD ROW ACCESS POLICY " + op.NewPolicy.Sql + " ON (" + IdentifierList(op.Columns) + ");";
    }

    public static string Generate(SetTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterTarget(op.Target) + " SET TAG " + string.Join(", ", op.Tags.Select(t => t.Tag.Sql + " = " + SqlText.Literal(t.Value))) + ";";
    }

    public static string Generate(UnsetTag op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return AlterTarget(op.Target) + " UNSET TAG " + string.Join(", ", op.Tags.Select(t => t.Sql)) + ";";
    }

    public static string Generate(DropMaskingPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "DROP MASKING POLICY IF EXISTS " + op.Name.Sql + ";";
    }

    public static string Generate(DropRowAccessPolicy op)
    {
        ArgumentNullException.ThrowIfNull(op);
        return "DROP ROW ACCESS POLICY IF EXISTS " + op.Name.Sql + ";";
    }

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

    private static string AlterTarget(TagTarget target) => target switch
    {
        DatabaseTarget d => "ALTER DATABASE " + SqlText.Identifier(d.Database),
        SchemaTarget s => "ALTER SCHEMA " + SqlText.Qualified(s.Database, s.Schema),
        DatasetTarget t => AlterDataset(t.Kind, t.Dataset),
        ColumnTarget c => AlterColumnForTag(c.Kind, c.Dataset, c.Column),
        _ => throw new SnowflakeCompileException("unknown tag target `" + target + "`"),
    };
}
