using System.Text;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Snowflake;

/// <summary>
/// Writes a policy expression as SQL text. The structure — operators, CASE, EXISTS, calls, and the parentheses that
/// precedence requires — is written here once, for every dialect; the dialect's atoms (quoted identifiers, literals,
/// function names) by the derived writer: Snowflake's in <see cref="SqlGenerator"/>, DuckDB's in the simulation. Both
/// are visitors (<see cref="IPolicyExpressionVisitor"/>), so a new node fails to compile until it is written.
/// </summary>
internal abstract class PolicyExpressionWriter : IPolicyExpressionVisitor
{
    private readonly StringBuilder _sb = new();
    private Precedence? _precedence;

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

    /// <summary>The expression on one line.</summary>
    public string Expression(PolicyExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        _sb.Clear();
        Write(expression);
        return Taken();
    }

    /// <summary>
    /// A whole body as it follows <c>-&gt;</c>: a top-level CASE with CASE, each WHEN and the ELSE on their own lines
    /// (WHEN and ELSE 2 spaces deeper), anything else on one line; every line starts with <paramref name="indent"/>.
    /// </summary>
    public string Body(PolicyExpression body, string indent)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(indent);
        _sb.Clear();
        if (body is CaseExpression c)
        {
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
            _sb.Append('\n').Append(indent).Append("END");
        }
        else
        {
            _sb.Append(indent);
            Write(body);
        }
        return Taken();
    }

    private void Write(PolicyExpression expression) => expression.Accept(this);

    // The text, and the builder emptied for the next one (a writer is reused).
    private string Taken()
    {
        var text = _sb.ToString();
        _sb.Clear();
        return text;
    }

    public void Visit(ArgumentReference expression) => _sb.Append(Identifier(expression.Argument.Name));

    public void Visit(LiteralValue expression) => _sb.Append(TypedLiteral(expression.Literal, expression.TimestampKind));

    public void Visit(NullValue expression) => _sb.Append("NULL");

    public void Visit(RoleInSession expression)
    {
        OpenCall(SqlFunctions.IsRoleInSession, 1);
        _sb.Append(StringLiteral(expression.Role)).Append(')');
    }

    public void Visit(FunctionCall expression)
    {
        OpenCall(expression.Definition, expression.Arguments.Count);
        for (var i = 0; i < expression.Arguments.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            Child(expression.Arguments[i], 0);
        }
        _sb.Append(')');
    }

    public void Visit(Comparison expression)
    {
        Child(expression.Left, Precedence.Additive);
        _sb.Append(' ').Append(PredicateFilter.Symbol(expression.Operator)).Append(' ');
        Child(expression.Right, Precedence.Additive);
    }

    // Left-associative: a right operand that is itself a subtraction keeps its parentheses.
    public void Visit(Subtraction expression)
    {
        Child(expression.Left, Precedence.Additive);
        _sb.Append(" - ");
        Child(expression.Right, Precedence.Additive + 1);
    }

    public void Visit(Logical expression)
    {
        for (var i = 0; i < expression.Operands.Count; i++)
        {
            if (i > 0) _sb.Append(expression.IsAnd ? " AND " : " OR ");
            // An AND or OR operand of the other one keeps its parentheses.
            Child(expression.Operands[i], Precedence.Relational - 1);
        }
    }

    public void Visit(CaseExpression expression)
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
        _sb.Append(" END");
    }

    public void Visit(EntitlementExists expression)
    {
        _sb.Append("EXISTS (SELECT 1 FROM ").Append(Qualified(expression.Table)).Append(" m WHERE ");
        OpenCall(SqlFunctions.IsRoleInSession, 1);
        _sb.Append("m.").Append(Identifier(expression.RoleColumn)).Append(") AND m.").Append(Identifier(expression.ValueColumn)).Append(" = ");
        Child(expression.Value, Precedence.Additive);
        _sb.Append(')');
    }

    public void Visit(TagOnCurrentColumn expression)
    {
        OpenCall(SqlFunctions.GetTagOnCurrentColumn, 1);
        // The tag's Snowflake name is the value: the same string in every dialect.
        _sb.Append(StringLiteral(expression.Tag.Sql)).Append(')');
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

    // A child that binds less tightly than its place requires is parenthesized (a function's argument never is).
    private void Child(PolicyExpression child, int minimum)
    {
        if (minimum <= Precedence.Disjunction || (_precedence ??= new Precedence()).Of(child) >= minimum)
        {
            Write(child);
            return;
        }
        _sb.Append('(');
        Write(child);
        _sb.Append(')');
    }

    /// <summary>
    /// How tightly a node binds, for parentheses: OR 1, AND 2, a comparison 4, a subtraction (and a negative number,
    /// whose sign an operator could bind to) 5, everything else (atoms, calls, CASE, EXISTS) 10.
    /// </summary>
    private sealed class Precedence : IPolicyExpressionVisitor
    {
        public const int Disjunction = 1;
        public const int Conjunction = 2;
        public const int Relational = 4;
        public const int Additive = 5;
        public const int Atom = 10;

        private int _value;

        public int Of(PolicyExpression expression)
        {
            expression.Accept(this);
            return _value;
        }

        public void Visit(ArgumentReference expression) => _value = Atom;
        public void Visit(LiteralValue expression) => _value = expression.Literal.Kind == LiteralKind.Number && expression.Literal.Text.StartsWith('-') ? Additive : Atom;
        public void Visit(NullValue expression) => _value = Atom;
        public void Visit(RoleInSession expression) => _value = Atom;
        public void Visit(FunctionCall expression) => _value = Atom;
        public void Visit(Comparison expression) => _value = Relational;
        public void Visit(Subtraction expression) => _value = Additive;
        public void Visit(Logical expression) => _value = expression.IsAnd ? Conjunction : Disjunction;
        public void Visit(CaseExpression expression) => _value = Atom;
        public void Visit(EntitlementExists expression) => _value = Atom;
        public void Visit(TagOnCurrentColumn expression) => _value = Atom;
    }
}
