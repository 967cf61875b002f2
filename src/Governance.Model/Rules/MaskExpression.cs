using System;
using System.Collections.Generic;
using System.Linq;

namespace Governance.Rules;

/// <summary>
/// A small typed expression language for custom masking: the value being masked, typed literals, and calls of the
/// functions of the catalog that custom masking may call (<see cref="SqlFunctions"/>, typed by <see cref="MaskFunctions"/>).
/// Not a SQL string: it can be type-checked and compiled.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract record MaskExpression
{
    /// <summary>Closes the hierarchy: a type outside this assembly cannot override an internal member, so no record
    /// there can derive from this one (its protected copy constructor would otherwise let it).</summary>
    internal abstract void Closed();
    private protected MaskExpression() { }

    /// <summary>Calls the <paramref name="visitor"/>'s method for this node's type.</summary>
    public abstract TResult Accept<TResult>(IMaskExpressionVisitor<TResult> visitor);

    /// <summary>The value being masked.</summary>
    public static readonly MaskExpression Value = new ValueExpression();
    /// <summary>The literal <paramref name="literal"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="literal"/> is null.</exception>
    public static MaskExpression Of(Literal literal) => new LiteralExpression(literal);
    /// <summary>A call of <paramref name="function"/>, by name (case-insensitive); the name and the argument types are checked with <see cref="MaskFunctions.TypeOf"/>, not here.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> or <paramref name="args"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    public static MaskExpression Call(string function, params MaskExpression[] args) => new CallExpression(function, args);
    /// <summary>A call of a function of the catalog; whether a custom expression may call it is checked with its types (<see cref="MaskFunctions.TypeOf"/>).</summary>
    public static MaskExpression Call(SqlFunction function, params MaskExpression[] args)
        => new CallExpression((function ?? throw new ArgumentNullException(nameof(function))).Name, args);
}

/// <summary>The value being masked: <see cref="MaskExpression.Value"/>. Its type is the column's.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record ValueExpression : MaskExpression
{
    internal override void Closed() { }
    internal ValueExpression() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskExpressionVisitor<TResult> visitor) => visitor.Visit(this);
    /// <summary><c>value</c>.</summary>
    public override string ToString() => "value";
}

/// <summary>A typed literal.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record LiteralExpression : MaskExpression
{
    internal override void Closed() { }
    /// <summary>The literal <paramref name="literal"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="literal"/> is null.</exception>
    public LiteralExpression(Literal literal) => Literal = literal ?? throw new ArgumentNullException(nameof(literal));
    /// <summary>The literal.</summary>
    public Literal Literal { get; }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskExpressionVisitor<TResult> visitor) => visitor.Visit(this);
    /// <summary>The literal as <see cref="Literal.ToString"/> writes it.</summary>
    public override string ToString() => Literal.ToString();
}

/// <summary>A call of a function of the catalog, by name.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record CallExpression : MaskExpression
{
    internal override void Closed() { }
    private readonly ValueList<MaskExpression> _arguments;

    /// <summary>A call of <paramref name="function"/> (stored upper-cased) with <paramref name="arguments"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> or <paramref name="arguments"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument is null.</exception>
    public CallExpression(string function, IReadOnlyList<MaskExpression> arguments)
    {
        Function = (function ?? throw new ArgumentNullException(nameof(function))).ToUpperInvariant();
        _arguments = new ValueList<MaskExpression>(arguments ?? throw new ArgumentNullException(nameof(arguments)));
    }

    /// <summary>The function's name, upper case.</summary>
    public string Function { get; }
    /// <summary>The arguments, in order.</summary>
    public IReadOnlyList<MaskExpression> Arguments => _arguments;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskExpressionVisitor<TResult> visitor) => visitor.Visit(this);
    /// <summary>The call as <c>FUNCTION(arg, …)</c>.</summary>
    public override string ToString() => Function + "(" + string.Join(", ", Arguments.Select(a => a.ToString())) + ")";
}

/// <summary>
/// The type checker of custom masking expressions: the functions they may call, with their types, are those of
/// <see cref="SqlFunctions"/> that <see cref="SqlFunction.InCustomMasking">custom masking may call</see>.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class MaskFunctions
{
    /// <summary>The names of the functions a custom expression may call, sorted.</summary>
    public static IEnumerable<string> Names => SqlFunctions.CustomMaskingNames;

    /// <summary>
    /// The result family of <paramref name="expression"/> when the masked value has <paramref name="input"/>, or null
    /// with <paramref name="error"/> saying what is wrong (unknown function, wrong arity, wrong argument type).
    /// </summary>
    public static DataTypeFamily? TypeOf(MaskExpression expression, DataTypeFamily input, out string? error)
    {
        if (expression is null) throw new ArgumentNullException(nameof(expression));
        var checker = new TypeChecker(input);
        var family = expression.Accept(checker);
        error = checker.Error;
        return family;
    }

    /// <summary>The result family of each node, or null with the first error.</summary>
    private sealed class TypeChecker : IMaskExpressionVisitor<DataTypeFamily?>
    {
        private readonly DataTypeFamily _input;
        public TypeChecker(DataTypeFamily input) => _input = input;
        public string? Error { get; private set; }

        public DataTypeFamily? Visit(ValueExpression expression) => _input;

        public DataTypeFamily? Visit(LiteralExpression expression) => expression.Literal.Family;

        public DataTypeFamily? Visit(CallExpression expression)
        {
            if (SqlFunctions.Find(expression.Function) is not { InCustomMasking: true } function)
            {
                Error = "unknown function `" + expression.Function + "`; expected one of " + string.Join(", ", Names);
                return null;
            }
            // The arguments first, then the call: the order in which the compiler builds (and checks) the calls.
            var arguments = new DataTypeFamily?[expression.Arguments.Count];
            for (var i = 0; i < arguments.Length; i++)
            {
                arguments[i] = expression.Arguments[i].Accept(this);
                if (arguments[i] is null) return null;
            }
            var result = function.ResultOf(arguments, out var error, out _);
            Error = error;
            return result;
        }
    }
}
