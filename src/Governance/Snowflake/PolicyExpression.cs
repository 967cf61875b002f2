using System.Globalization;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Snowflake;

/// <summary>One argument of a policy signature: a fixed generic name (<c>VAL</c>, <c>COND_1</c>, <c>ARG_1</c>) and a type.</summary>
public sealed record PolicyArgument
{
    /// <summary>An argument named <paramref name="name"/> (stored name) of type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="name"/> cannot be a stored identifier.</exception>
    public PolicyArgument(string name, SnowflakeType type)
    {
        SqlText.RequireIdentifier(name);
        Name = name;
        Type = type ?? throw new ArgumentNullException(nameof(type));
    }

    /// <summary>The argument's stored name (<c>VAL</c>, <c>COND_1</c>, <c>ARG_1</c> …).</summary>
    public string Name { get; }
    /// <summary>The argument's Snowflake type.</summary>
    public SnowflakeType Type { get; }
}

/// <summary>The arguments of a masking or row access policy, in order. Names are distinct.</summary>
public sealed class PolicySignature
{
    /// <summary>The name of a masking policy's first argument, the value being masked.</summary>
    public const string ValueArgument = "VAL";

    /// <summary>A signature of <paramref name="arguments"/>, in order (copied).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="arguments"/> or one of them is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="arguments"/> is empty or has a name twice.</exception>
    public PolicySignature(IReadOnlyList<PolicyArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (arguments.Count == 0) throw new SnowflakeCompileException("a policy needs at least one argument");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in arguments)
        {
            ArgumentNullException.ThrowIfNull(a);
            if (!names.Add(a.Name)) throw new SnowflakeCompileException("policy argument " + SqlText.Show(a.Name) + " is given twice");
        }
        Arguments = arguments.ToArray();
    }

    /// <summary>The arguments, in order; never empty, names distinct.</summary>
    public IReadOnlyList<PolicyArgument> Arguments { get; }

    /// <summary>A masking signature: <c>VAL</c> of <paramref name="value"/>, then <c>COND_1</c>, <c>COND_2</c> … of <paramref name="conditions"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/>, <paramref name="conditions"/> or one of them is null.</exception>
    public static PolicySignature ForMasking(SnowflakeType value, params SnowflakeType[] conditions)
    {
        ArgumentNullException.ThrowIfNull(value);
        var list = new List<PolicyArgument> { new(ValueArgument, value) };
        for (var i = 0; i < NoNulls(conditions, nameof(conditions)).Length; i++) list.Add(new PolicyArgument(ConditionArgument(i), conditions[i]));
        return new PolicySignature(list);
    }

    /// <summary>A row access signature: <c>ARG_1</c>, <c>ARG_2</c> … of <paramref name="types"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="types"/> or one of them is null.</exception>
    public static PolicySignature ForRowAccess(params SnowflakeType[] types)
    {
        var list = new List<PolicyArgument>();
        for (var i = 0; i < NoNulls(types, nameof(types)).Length; i++) list.Add(new PolicyArgument("ARG_" + (i + 1).ToString(CultureInfo.InvariantCulture), types[i]));
        return new PolicySignature(list);
    }

    /// <summary><paramref name="items"/>, refused with <see cref="ArgumentNullException"/> naming <paramref name="parameter"/> when it or an element is null.</summary>
    internal static T[] NoNulls<T>(T[]? items, string parameter) where T : class
    {
        if (items is null) throw new ArgumentNullException(parameter);
        foreach (var item in items)
        {
            if (item is null) throw new ArgumentNullException(parameter, "an element cannot be null");
        }
        return items;
    }

    /// <summary>The name of the conditional argument at 0-based <paramref name="index"/>: <c>COND_1</c> …</summary>
    public static string ConditionArgument(int index) => "COND_" + (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The argument named exactly <paramref name="name"/> (ordinal, case-sensitive), or null.</summary>
    public PolicyArgument? Find(string name) => Arguments.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));

    /// <summary>A reference to the argument named <paramref name="name"/>, for use in a body.</summary>
    public PolicyExpression Ref(string name)
    {
        var a = Find(name) ?? throw new SnowflakeCompileException("the signature has no argument " + SqlText.Show(name));
        return PolicyExpression.ArgumentOf(a);
    }
}

/// <summary>
/// A typed SQL expression for a policy body: never a string. Every node knows its Snowflake type family (null for
/// <c>NULL</c>, which fits any), and is checked when it is built: a function gets arguments of the families it takes,
/// the branches of a CASE share one family, conditions are boolean. User values reach SQL only as literals. Nodes do
/// not write SQL: the generator does (<see cref="SqlGenerator.Expression"/>, <see cref="SqlGenerator.Body"/>), and
/// the simulation writes DuckDB from the same nodes, both through <see cref="IPolicyExpressionVisitor"/>.
/// </summary>
public abstract class PolicyExpression
{
    private protected PolicyExpression() { }

    /// <summary>The type family of the value, or null for <c>NULL</c>.</summary>
    public abstract DataTypeFamily? Family { get; }

    /// <summary>The direct sub-expressions.</summary>
    public abstract IEnumerable<PolicyExpression> Children { get; }

    /// <summary>Calls <paramref name="visitor"/>'s method for this node's own type.</summary>
    public abstract void Accept(IPolicyExpressionVisitor visitor);

    /// <summary>The expression on one line, as the generator writes it (<see cref="SqlGenerator.Expression"/>).</summary>
    public override string ToString() => SqlGenerator.Expression(this);

    /// <summary>This expression and all its descendants, depth first.</summary>
    public IEnumerable<PolicyExpression> Descendants()
    {
        yield return this;
        foreach (var c in Children)
        {
            foreach (var d in c.Descendants()) yield return d;
        }
    }

    /// <summary>A reference to <paramref name="argument"/>; its family is the argument type's.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="argument"/> is null.</exception>
    public static PolicyExpression ArgumentOf(PolicyArgument argument) => new ArgumentReference(argument);
    /// <summary>A literal of <paramref name="literal"/>'s kind; a timestamp is cast to <paramref name="timestampKind"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="literal"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException">A string literal contains NUL or an unpaired surrogate.</exception>
    public static PolicyExpression Typed(Literal literal, SnowflakeTypeKind timestampKind = SnowflakeTypeKind.TimestampNtz) => new LiteralValue(literal, timestampKind);
    /// <summary>A text literal, written escaped (<see cref="SqlText.Literal(string)"/>).</summary>
    /// <exception cref="SnowflakeCompileException"><paramref name="value"/> contains NUL or an unpaired surrogate.</exception>
    public static PolicyExpression String(string value) => new LiteralValue(Literal.String(value), SnowflakeTypeKind.TimestampNtz);
    /// <summary>A numeric literal.</summary>
    public static PolicyExpression Number(decimal value) => new LiteralValue(Literal.Number(value), SnowflakeTypeKind.TimestampNtz);
    /// <summary>A boolean literal, <c>TRUE</c> or <c>FALSE</c>.</summary>
    public static PolicyExpression Boolean(bool value) => new LiteralValue(Literal.Boolean(value), SnowflakeTypeKind.TimestampNtz);
    /// <summary><c>NULL</c>: fits every type (its <see cref="Family"/> is null).</summary>
    public static readonly PolicyExpression Null = new NullValue();
    /// <summary><c>IS_ROLE_IN_SESSION('role')</c> for the stored role name <paramref name="role"/> (see <see cref="RoleInSession"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="role"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="role"/> cannot be a stored identifier.</exception>
    public static PolicyExpression IsRoleInSession(string role) => new RoleInSession(role);
    /// <summary>A call of <paramref name="function"/>, one of <see cref="FunctionCall.Names"/>, type-checked against its definition.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="SnowflakeCompileException">The function is unknown or not allowed in bodies, or the arguments have the wrong number or types.</exception>
    public static PolicyExpression Call(string function, params PolicyExpression[] arguments) => new FunctionCall(function, arguments);
    /// <summary><c>left op right</c>, a boolean; both sides must have the same family.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="left"/> or <paramref name="right"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException">A side is <c>NULL</c>, or the sides have different families.</exception>
    public static PolicyExpression Compare(PolicyExpression left, ComparisonOperator op, PolicyExpression right) => new Comparison(left, op, right);
    /// <summary><c>left - right</c>, both numeric.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="left"/> or <paramref name="right"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException">A side is not numeric.</exception>
    public static PolicyExpression Subtract(PolicyExpression left, PolicyExpression right) => new Subtraction(left, right);

    /// <summary>All of <paramref name="operands"/> (one operand: itself).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="operands"/> or one of them is null.</exception>
    /// <exception cref="SnowflakeCompileException">No operand, or an operand that is not boolean.</exception>
    public static PolicyExpression And(params PolicyExpression[] operands)
        => PolicySignature.NoNulls(operands, nameof(operands)).Length == 1 ? Check(operands[0]) : new Logical(true, operands);
    /// <summary>Any of <paramref name="operands"/> (one operand: itself).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="operands"/> or one of them is null.</exception>
    /// <exception cref="SnowflakeCompileException">No operand, or an operand that is not boolean.</exception>
    public static PolicyExpression Or(params PolicyExpression[] operands)
        => PolicySignature.NoNulls(operands, nameof(operands)).Length == 1 ? Check(operands[0]) : new Logical(false, operands);

    /// <summary><c>CASE WHEN … THEN … ELSE otherwise END</c> with <paramref name="branches"/> in order.</summary>
    /// <exception cref="ArgumentNullException">An argument or a branch's expression is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="branches"/> is empty, a condition is not boolean, or the results (NULL aside) are of different families.</exception>
    public static PolicyExpression Case(IReadOnlyList<(PolicyExpression When, PolicyExpression Then)> branches, PolicyExpression otherwise) => new CaseExpression(branches, otherwise);
    /// <summary><c>CASE WHEN when THEN then ELSE otherwise END</c>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="when"/> is not boolean, or the results (NULL aside) are of different families.</exception>
    public static PolicyExpression Case(PolicyExpression when, PolicyExpression then, PolicyExpression otherwise) => new CaseExpression(new[] { (when, then) }, otherwise);

    /// <summary><c>EXISTS (SELECT 1 FROM table m WHERE IS_ROLE_IN_SESSION(m.roleColumn) AND m.valueColumn = value)</c>.</summary>
    public static PolicyExpression EntitlementExists(SchemaObjectName table, string roleColumn, string valueColumn, PolicyExpression value)
        => new EntitlementExists(table, roleColumn, valueColumn, value);

    private static PolicyExpression Check(PolicyExpression e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Family != DataTypeFamily.Boolean) throw new SnowflakeCompileException("a condition must be boolean, not " + FamilyName(e.Family) + ": `" + e + "`");
        return e;
    }

    internal static string FamilyName(DataTypeFamily? f) => SqlFunction.FamilyName(f);
}

/// <summary>A reference to a policy argument; rendered as its quoted name.</summary>
public sealed class ArgumentReference : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal ArgumentReference(PolicyArgument argument) => Argument = argument ?? throw new ArgumentNullException(nameof(argument));
    /// <summary>The argument referenced.</summary>
    public PolicyArgument Argument { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => Argument.Type.Family;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => Array.Empty<PolicyExpression>();
}

/// <summary>A typed literal (<see cref="SqlText.TypedLiteral(Literal, SnowflakeTypeKind)"/>).</summary>
public sealed class LiteralValue : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal LiteralValue(Literal literal, SnowflakeTypeKind timestampKind)
    {
        Literal = literal ?? throw new ArgumentNullException(nameof(literal));
        TimestampKind = timestampKind;
        if (literal.Kind == LiteralKind.String) SqlText.RequireLiteral(literal.Text);
    }

    /// <summary>The literal's kind and text.</summary>
    public Literal Literal { get; }
    /// <summary>The type a timestamp literal is cast to (TIMESTAMP_NTZ unless the policy's type is LTZ or TZ); ignored for other kinds.</summary>
    public SnowflakeTypeKind TimestampKind { get; }

    /// <inheritdoc/>
    public override DataTypeFamily? Family => Literal.Kind switch
    {
        LiteralKind.String => DataTypeFamily.Text,
        LiteralKind.Number => DataTypeFamily.Numeric,
        LiteralKind.Boolean => DataTypeFamily.Boolean,
        LiteralKind.Date => DataTypeFamily.Date,
        _ => DataTypeFamily.Timestamp,
    };

    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => Array.Empty<PolicyExpression>();
}

/// <summary><c>NULL</c>: fits every type.</summary>
public sealed class NullValue : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal NullValue() { }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => null;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => Array.Empty<PolicyExpression>();
}

/// <summary><c>IS_ROLE_IN_SESSION('ROLE')</c>: honours the role hierarchy and secondary roles (never <c>CURRENT_ROLE()</c>).</summary>
public sealed class RoleInSession : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal RoleInSession(string role)
    {
        SqlText.RequireIdentifier(role);
        Role = role;
    }

    /// <summary>The stored role name (case as stored).</summary>
    public string Role { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => DataTypeFamily.Boolean;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => Array.Empty<PolicyExpression>();
}

/// <summary>A call of a function that a body may call (<see cref="FunctionCall.Names"/>, from <see cref="SqlFunctions"/>), type-checked by its entry.</summary>
public sealed class FunctionCall : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    private static readonly HashSet<string> DateParts = new(StringComparer.Ordinal)
    {
        "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND",
    };

    /// <summary>The functions a body may call, sorted (those of <see cref="SqlFunctions"/> that <see cref="SqlFunction.InBodies"/>).</summary>
    public static IEnumerable<string> Names => SqlFunctions.BodyNames;

    internal FunctionCall(string function, IReadOnlyList<PolicyExpression> arguments)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(arguments);
        if (SqlFunctions.Find(function) is not { InBodies: true } definition)
            throw new SnowflakeCompileException("unknown function " + SqlText.Show(function) + "; expected one of " + string.Join(", ", Names));
        var families = new DataTypeFamily?[arguments.Count];
        for (var i = 0; i < families.Length; i++) families[i] = (arguments[i] ?? throw new ArgumentNullException(nameof(arguments))).Family;
        var result = definition.ResultOf(families, out var error, out var bad);
        // The arity and the arguments' types first, then DATE_TRUNC's date part, then the result's rule.
        if (error is not null && (bad >= 0 || definition.ArityError(arguments.Count) is not null))
            throw new SnowflakeCompileException(bad >= 0 ? error + ": `" + arguments[bad] + "`" : error);
        if (definition == SqlFunctions.DateTrunc)
        {
            if (arguments[0] is not LiteralValue { Literal.Kind: LiteralKind.String } unit || !DateParts.Contains(unit.Literal.Text))
                throw new SnowflakeCompileException("the first argument of `DATE_TRUNC` is a date part: " + string.Join(", ", DateParts.OrderBy(p => p, StringComparer.Ordinal)));
            if (error is null && result == DataTypeFamily.Time && unit.Literal.Text is not ("HOUR" or "MINUTE" or "SECOND"))
                throw new SnowflakeCompileException("`DATE_TRUNC` on a time truncates to HOUR, MINUTE or SECOND, not " + unit.Literal.Text);
        }
        if (error is not null) throw new SnowflakeCompileException(error);
        Definition = definition;
        Arguments = arguments.ToArray();
        _family = result;
    }

    private readonly DataTypeFamily? _family;

    /// <summary>The function's Snowflake name, upper case.</summary>
    public string Function => Definition.Name;
    /// <summary>The function's entry in <see cref="SqlFunctions"/>.</summary>
    public SqlFunction Definition { get; }
    /// <summary>The call's arguments, in order.</summary>
    public IReadOnlyList<PolicyExpression> Arguments { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => _family;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => Arguments;
}

/// <summary><c>left op right</c> over one family; boolean.</summary>
public sealed class Comparison : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal Comparison(PolicyExpression left, ComparisonOperator op, PolicyExpression right)
    {
        Left = left ?? throw new ArgumentNullException(nameof(left));
        Right = right ?? throw new ArgumentNullException(nameof(right));
        Operator = op;
        if (left.Family is null || right.Family is null)
            throw new SnowflakeCompileException("a comparison with NULL is never true; use a value");
        if (left.Family != right.Family)
            throw new SnowflakeCompileException("cannot compare " + Names.Of(left.Family.Value) + " with " + Names.Of(right.Family.Value) + ": `" + left + "` and `" + right + "`");
    }

    /// <summary>The left operand.</summary>
    public PolicyExpression Left { get; }
    /// <summary>The comparison operator.</summary>
    public ComparisonOperator Operator { get; }
    /// <summary>The right operand.</summary>
    public PolicyExpression Right { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => DataTypeFamily.Boolean;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => new[] { Left, Right };
}

/// <summary><c>left - right</c> over numbers.</summary>
public sealed class Subtraction : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal Subtraction(PolicyExpression left, PolicyExpression right)
    {
        Left = left ?? throw new ArgumentNullException(nameof(left));
        Right = right ?? throw new ArgumentNullException(nameof(right));
        if (left.Family != DataTypeFamily.Numeric || right.Family != DataTypeFamily.Numeric)
            throw new SnowflakeCompileException("`-` subtracts numbers, not " + FamilyName(left.Family) + " and " + FamilyName(right.Family));
    }

    /// <summary>The number subtracted from.</summary>
    public PolicyExpression Left { get; }
    /// <summary>The number subtracted.</summary>
    public PolicyExpression Right { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => DataTypeFamily.Numeric;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => new[] { Left, Right };
}

/// <summary><c>a AND b …</c> or <c>a OR b …</c> over booleans.</summary>
public sealed class Logical : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal Logical(bool isAnd, IReadOnlyList<PolicyExpression> operands)
    {
        ArgumentNullException.ThrowIfNull(operands);
        if (operands.Count < 2) throw new SnowflakeCompileException("AND and OR take at least two operands");
        foreach (var o in operands)
        {
            ArgumentNullException.ThrowIfNull(o);
            if (o.Family != DataTypeFamily.Boolean)
                throw new SnowflakeCompileException("an operand of " + (isAnd ? "AND" : "OR") + " must be boolean, not " + FamilyName(o.Family) + ": `" + o + "`");
        }
        IsAnd = isAnd;
        Operands = operands.ToArray();
    }

    /// <summary>True for <c>AND</c>, false for <c>OR</c>.</summary>
    public bool IsAnd { get; }
    /// <summary>The operands, in order; at least two, all boolean.</summary>
    public IReadOnlyList<PolicyExpression> Operands { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => DataTypeFamily.Boolean;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => Operands;
}

/// <summary><c>CASE WHEN … THEN … [WHEN …] ELSE … END</c>: boolean conditions, every branch of one family.</summary>
public sealed class CaseExpression : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal CaseExpression(IReadOnlyList<(PolicyExpression When, PolicyExpression Then)> branches, PolicyExpression otherwise)
    {
        ArgumentNullException.ThrowIfNull(branches);
        Else = otherwise ?? throw new ArgumentNullException(nameof(otherwise));
        if (branches.Count == 0) throw new SnowflakeCompileException("a CASE needs at least one WHEN");
        DataTypeFamily? family = otherwise.Family;
        foreach (var (when, then) in branches)
        {
            ArgumentNullException.ThrowIfNull(when);
            ArgumentNullException.ThrowIfNull(then);
            if (when.Family != DataTypeFamily.Boolean)
                throw new SnowflakeCompileException("a WHEN condition must be boolean, not " + FamilyName(when.Family) + ": `" + when + "`");
            if (then.Family is { } f)
            {
                if (family is { } g && g != f)
                    throw new SnowflakeCompileException("the branches of a CASE must have one type, not " + Names.Of(g) + " and " + Names.Of(f) + ": `" + then + "`");
                family = f;
            }
        }
        Branches = branches.ToArray();
        _family = family;
    }

    private readonly DataTypeFamily? _family;

    /// <summary>The WHEN … THEN … branches, in order; at least one.</summary>
    public IReadOnlyList<(PolicyExpression When, PolicyExpression Then)> Branches { get; }
    /// <summary>The ELSE result.</summary>
    public PolicyExpression Else { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => _family;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => Branches.SelectMany(b => new[] { b.When, b.Then }).Append(Else);

}

/// <summary>
/// The mapping-table pattern: <c>EXISTS (SELECT 1 FROM "DB"."S"."T" m WHERE IS_ROLE_IN_SESSION(m."ROLE_NAME") AND
/// m."REGION" = value)</c>. Boolean.
/// </summary>
public sealed class EntitlementExists : PolicyExpression
{
    /// <inheritdoc/>
    public override void Accept(IPolicyExpressionVisitor visitor) => visitor.Visit(this);

    internal EntitlementExists(SchemaObjectName table, string roleColumn, string valueColumn, PolicyExpression value)
    {
        Table = table ?? throw new ArgumentNullException(nameof(table));
        SqlText.RequireIdentifier(roleColumn);
        SqlText.RequireIdentifier(valueColumn);
        RoleColumn = roleColumn;
        ValueColumn = valueColumn;
        Value = value ?? throw new ArgumentNullException(nameof(value));
        if (value.Family is null) throw new SnowflakeCompileException("an entitlement lookup needs a value, not NULL");
    }

    /// <summary>The mapping table.</summary>
    public SchemaObjectName Table { get; }
    /// <summary>The stored name of the mapping table's column holding role names.</summary>
    public string RoleColumn { get; }
    /// <summary>The stored name of the mapping table's column compared with <see cref="Value"/>.</summary>
    public string ValueColumn { get; }
    /// <summary>The value looked up (usually a policy argument); never <c>NULL</c>.</summary>
    public PolicyExpression Value { get; }
    /// <inheritdoc/>
    public override DataTypeFamily? Family => DataTypeFamily.Boolean;
    /// <inheritdoc/>
    public override IEnumerable<PolicyExpression> Children => new[] { Value };
}

/// <summary>Type checks and layout of whole policy bodies.</summary>
public static class PolicyBodies
{
    /// <summary>
    /// Checks that <paramref name="body"/> returns <paramref name="returns"/>'s family (NULL fits) — every branch,
    /// since a CASE is checked to be of one family — and that it references only arguments of
    /// <paramref name="signature"/>, with their types.
    /// </summary>
    /// <param name="signature">The policy's arguments.</param>
    /// <param name="body">The body checked.</param>
    /// <param name="returns">The policy's return type.</param>
    /// <param name="what">The policy, as named in the error message (<c>masking policy `…`</c>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="signature"/>, <paramref name="body"/> or <paramref name="returns"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException">The body has another family, or references an argument not in the signature.</exception>
    public static void Check(PolicySignature signature, PolicyExpression body, SnowflakeType returns, string what)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(returns);
        if (body.Family is { } f && f != returns.Family)
        {
            throw new SnowflakeCompileException(what + " returns " + returns + " (" + Names.Of(returns.Family) + ") but its body is "
                + Names.Of(f) + ": `" + Offending(body, returns.Family) + "`");
        }
        foreach (var node in body.Descendants())
        {
            if (node is ArgumentReference r)
            {
                var a = signature.Find(r.Argument.Name);
                if (a is null || !a.Type.Equals(r.Argument.Type))
                    throw new SnowflakeCompileException(what + " references argument " + SqlText.Show(r.Argument.Name) + " " + r.Argument.Type + ", which is not in its signature");
            }
        }
    }

    // The branch that has the wrong family, for the message.
    private static PolicyExpression Offending(PolicyExpression body, DataTypeFamily expected)
    {
        if (body is CaseExpression c)
        {
            foreach (var b in c.Branches.Select(b => b.Then).Append(c.Else))
            {
                if (b.Family is { } f && f != expected) return Offending(b, expected);
            }
        }
        return body;
    }
}
