using System.Text;

namespace Governance.Snowflake;

/// <summary>
/// Writes a policy expression as SQL text. The structure — operators, CASE, EXISTS, calls, and the parentheses that
/// precedence requires — is written here once, for every dialect; the dialect's atoms (quoted identifiers, literals,
/// function names) by the derived writer: Snowflake's in <see cref="SqlGenerator"/>, DuckDB's in the simulation. Both
/// are visitors (<see cref="IPolicyExpressionVisitor{TResult}"/>), so a new node fails to compile until it is written.
/// </summary>
internal abstract class PolicyExpressionWriter : IPolicyExpressionVisitor<StringBuilder>
{
    private readonly StringBuilder _sb;

    protected PolicyExpressionWriter(StringBuilder sb) => _sb = sb ?? throw new ArgumentNullException(nameof(sb));

    /// <summary>A stored name as the dialect's quoted identifier.</summary>
    protected abstract string Identifier(string storedName);
    /// <summary>A schema-level object's name as the dialect's qualified name.</summary>
    protected abstract string Qualified(SchemaObjectName name);
    /// <summary>A string value as the dialect's string literal.</summary>
    protected abstract string StringLiteral(string value);
    /// <summary>A typed literal (<see cref="SqlText.TypedLiteral(Literal, SnowflakeTypeKind)"/>) in the dialect.</summary>
    protected abstract string TypedLiteral(Literal literal, SnowflakeTypeKind timestampKind);
    /// <summary>The name a call of <paramref name="function"/> writes before <c>(</c>.</summary>
    protected abstract string FunctionName(SqlFunction function);
    /// <summary>A leading argument the dialect passes that the Snowflake call leaves implicit, or null.</summary>
    protected virtual string? ImplicitArgument(SqlFunction function) => null;

    /// <summary>Appends <paramref name="expression"/> on one line.</summary>
    public StringBuilder Write(PolicyExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression.Accept(this);
    }

    /// <summary>
    /// Appends a whole body as it follows <c>-&gt;</c>: a top-level CASE with CASE, each WHEN and the ELSE on their own
    /// lines (WHEN and ELSE 2 spaces deeper), anything else on one line; every line starts with <paramref name="indent"/>.
    /// </summary>
    public StringBuilder WriteBody(PolicyExpression body, string indent)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(indent);
        if (body is not CaseExpression c)
        {
            _sb.Append(indent);
            return Write(body);
        }
        _sb.Append(indent).Append("CASE\n");
        foreach (var (when, then) in c.Branches)
        {
            _sb.Append(indent).Append("  WHEN ");
            Write(when);
            _sb.Append(" THEN ");
            Write(then);
            _sb.Append('\n');
        }
        _sb.Append(indent).Append("  ELSE ");
        Write(c.Else);
        return _sb.Append('\n').Append(indent).Append("END");
    }

    public StringBuilder Visit(ArgumentReference expression) => _sb.Append(Identifier(expression.Argument.Name));

    public StringBuilder Visit(LiteralValue expression) => _sb.Append(TypedLiteral(expression.Literal, expression.TimestampKind));

    public StringBuilder Visit(NullValue expression) => _sb.Append("NULL");

    public StringBuilder Visit(RoleInSession expression)
    {
        OpenCall(SqlFunctions.IsRoleInSession, 1);
        return _sb.Append(StringLiteral(expression.Role)).Append(')');
    }

    public StringBuilder Visit(FunctionCall expression)
    {
        OpenCall(expression.Definition, expression.Arguments.Count);
        for (var i = 0; i < expression.Arguments.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            Child(expression.Arguments[i], 0);
        }
        return _sb.Append(')');
    }

    public StringBuilder Visit(Comparison expression)
    {
        Child(expression.Left, Precedence.Additive);
        _sb.Append(' ').Append(Symbol(expression.Operator)).Append(' ');
        return Child(expression.Right, Precedence.Additive);
    }

    // Left-associative: a right operand that is itself a subtraction keeps its parentheses.
    public StringBuilder Visit(Subtraction expression)
    {
        Child(expression.Left, Precedence.Additive);
        _sb.Append(" - ");
        return Child(expression.Right, Precedence.Additive + 1);
    }

    public StringBuilder Visit(Logical expression)
    {
        for (var i = 0; i < expression.Operands.Count; i++)
        {
            if (i > 0) _sb.Append(expression.IsAnd ? " AND " : " OR ");
            // An AND or OR operand of the other one keeps its parentheses.
            Child(expression.Operands[i], Precedence.Relational - 1);
        }
        return _sb;
    }

    public StringBuilder Visit(CaseExpression expression)
    {
        _sb.Append("CASE");
        foreach (var (when, then) in expression.Branches)
        {
            _sb.Append(" WHEN ");
            Write(when);
            _sb.Append(" THEN ");
            Write(then);
        }
        _sb.Append(" ELSE ");
        Write(expression.Else);
        return _sb.Append(" END");
    }

    public StringBuilder Visit(EntitlementExists expression)
    {
        _sb.Append("EXISTS (SELECT 1 FROM ").Append(Qualified(expression.Table)).Append(" m WHERE ");
        OpenCall(SqlFunctions.IsRoleInSession, 1);
        _sb.Append("m.").Append(Identifier(expression.RoleColumn)).Append(") AND m.").Append(Identifier(expression.ValueColumn)).Append(" = ");
        Child(expression.Value, Precedence.Additive);
        return _sb.Append(')');
    }

    public StringBuilder Visit(TagOnCurrentColumn expression)
    {
        OpenCall(SqlFunctions.GetTagOnCurrentColumn, 1);
        // The tag's Snowflake name is the value: the same string in every dialect.
        return _sb.Append(StringLiteral(expression.Tag.Sql)).Append(')');
    }

    // name(implicit, — followed by the call's own arguments.
    private void OpenCall(SqlFunction function, int arguments)
    {
        _sb.Append(FunctionName(function)).Append('(');
        if (ImplicitArgument(function) is { } implicitArgument)
        {
            _sb.Append(implicitArgument);
            if (arguments > 0) _sb.Append(", ");
        }
    }

    // A child that binds less tightly than its place requires is parenthesized.
    private StringBuilder Child(PolicyExpression child, int minimum)
    {
        if (child.Accept(Precedence.Instance) >= minimum) return Write(child);
        _sb.Append('(');
        Write(child);
        return _sb.Append(')');
    }

    // Every operator is handled: a new one fails to compile here (CS8509); CS8524 is only about values outside the enum.
#pragma warning disable CS8524
    private static string Symbol(SqlComparison op) => op switch
    {
        SqlComparison.Equal => "=",
        SqlComparison.NotEqual => "<>",
        SqlComparison.Less => "<",
        SqlComparison.LessOrEqual => "<=",
        SqlComparison.Greater => ">",
        SqlComparison.GreaterOrEqual => ">=",
    };
#pragma warning restore CS8524

    /// <summary>
    /// How tightly a node binds, for parentheses: OR 1, AND 2, a comparison 4, a subtraction (and a negative number,
    /// whose sign an operator could bind to) 5, everything else (atoms, calls, CASE, EXISTS) 10.
    /// </summary>
    private sealed class Precedence : IPolicyExpressionVisitor<int>
    {
        public const int Disjunction = 1;
        public const int Conjunction = 2;
        public const int Relational = 4;
        public const int Additive = 5;
        public const int Atom = 10;

        public static readonly Precedence Instance = new();

        public int Visit(ArgumentReference expression) => Atom;
        public int Visit(LiteralValue expression) => expression.Literal.Kind == LiteralKind.Number && expression.Literal.Text.StartsWith('-') ? Additive : Atom;
        public int Visit(NullValue expression) => Atom;
        public int Visit(RoleInSession expression) => Atom;
        public int Visit(FunctionCall expression) => Atom;
        public int Visit(Comparison expression) => Relational;
        public int Visit(Subtraction expression) => Additive;
        public int Visit(Logical expression) => expression.IsAnd ? Conjunction : Disjunction;
        public int Visit(CaseExpression expression) => Atom;
        public int Visit(EntitlementExists expression) => Atom;
        public int Visit(TagOnCurrentColumn expression) => Atom;
    }
}
