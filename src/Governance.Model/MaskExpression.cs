using System;
using System.Collections.Generic;
using System.Linq;

namespace Governance;

/// <summary>
/// A small typed expression language for custom masking: the value being masked, typed literals, and calls of a fixed
/// catalog of Snowflake functions (<see cref="MaskFunctions"/>). Not a SQL string: it can be type-checked and compiled.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract class MaskExpression
{
    private protected MaskExpression() { }

    /// <summary>The value being masked.</summary>
    public static readonly MaskExpression Value = new ValueExpression();
    public static MaskExpression Of(Literal literal) => new LiteralExpression(literal);
    public static MaskExpression Call(string function, params MaskExpression[] args) => new CallExpression(function, args);
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class ValueExpression : MaskExpression
{
    internal ValueExpression() { }
    public override string ToString() => "value";
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class LiteralExpression : MaskExpression
{
    public LiteralExpression(Literal literal) => Literal = literal ?? throw new ArgumentNullException(nameof(literal));
    public Literal Literal { get; }
    public override string ToString() => Literal.ToString();
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class CallExpression : MaskExpression
{
    public CallExpression(string function, IReadOnlyList<MaskExpression> arguments)
    {
        Function = (function ?? throw new ArgumentNullException(nameof(function))).ToUpperInvariant();
        Arguments = new List<MaskExpression>(arguments ?? throw new ArgumentNullException(nameof(arguments))).ToArray();
    }

    public string Function { get; }
    public IReadOnlyList<MaskExpression> Arguments { get; }
    public override string ToString() => Function + "(" + string.Join(", ", Arguments.Select(a => a.ToString())) + ")";
}

/// <summary>The functions a custom masking expression may call, with their types.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class MaskFunctions
{
    private const DataTypeFamily T = DataTypeFamily.Text;
    private const DataTypeFamily N = DataTypeFamily.Numeric;

    // name → (parameter families, result family); null result means "the family of the first argument".
    private static readonly Dictionary<string, (DataTypeFamily?[] Params, DataTypeFamily? Result)> Catalog =
        new Dictionary<string, (DataTypeFamily?[], DataTypeFamily?)>(StringComparer.Ordinal)
        {
            ["CONCAT"] = (new DataTypeFamily?[] { T, T }, T),
            ["LEFT"] = (new DataTypeFamily?[] { T, N }, T),
            ["RIGHT"] = (new DataTypeFamily?[] { T, N }, T),
            ["SUBSTR"] = (new DataTypeFamily?[] { T, N, N }, T),
            ["UPPER"] = (new DataTypeFamily?[] { T }, T),
            ["LOWER"] = (new DataTypeFamily?[] { T }, T),
            ["REPEAT"] = (new DataTypeFamily?[] { T, N }, T),
            ["LENGTH"] = (new DataTypeFamily?[] { T }, N),
            ["REGEXP_REPLACE"] = (new DataTypeFamily?[] { T, T, T }, T),
            ["ROUND"] = (new DataTypeFamily?[] { N, N }, N),
            ["FLOOR"] = (new DataTypeFamily?[] { N }, N),
            ["GREATEST"] = (new DataTypeFamily?[] { N, N }, N),
            ["LEAST"] = (new DataTypeFamily?[] { N, N }, N),
        };

    /// <summary>The names of the functions a custom expression may call.</summary>
    public static IEnumerable<string> Names => Catalog.Keys.OrderBy(k => k, StringComparer.Ordinal);

    /// <summary>
    /// The result family of <paramref name="expression"/> when the masked value has <paramref name="input"/>, or null
    /// with <paramref name="error"/> saying what is wrong (unknown function, wrong arity, wrong argument type).
    /// </summary>
    public static DataTypeFamily? TypeOf(MaskExpression expression, DataTypeFamily input, out string? error)
    {
        error = null;
        switch (expression)
        {
            case ValueExpression:
                return input;
            case LiteralExpression l:
                return l.Literal.Kind switch
                {
                    LiteralKind.String => T,
                    LiteralKind.Number => N,
                    LiteralKind.Boolean => DataTypeFamily.Boolean,
                    LiteralKind.Date => DataTypeFamily.Date,
                    _ => DataTypeFamily.Timestamp,
                };
            case CallExpression c:
                if (!Catalog.TryGetValue(c.Function, out var sig))
                {
                    error = "unknown function `" + c.Function + "`; expected one of " + string.Join(", ", Names);
                    return null;
                }
                if (c.Arguments.Count != sig.Params.Length)
                {
                    error = "`" + c.Function + "` takes " + sig.Params.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " arguments";
                    return null;
                }
                for (var i = 0; i < sig.Params.Length; i++)
                {
                    var t = TypeOf(c.Arguments[i], input, out error);
                    if (t is null) return null;
                    if (sig.Params[i] is { } p && t != p)
                    {
                        error = "argument " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " of `" + c.Function + "` must be " + p + ", not " + t;
                        return null;
                    }
                }
                return sig.Result ?? TypeOf(c.Arguments[0], input, out error);
            default:
                error = "unknown expression";
                return null;
        }
    }
}
