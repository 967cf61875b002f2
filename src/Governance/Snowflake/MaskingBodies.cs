using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Snowflake;

/// <summary>A conditional masking argument: <c>COND_n</c> of <see cref="Type"/>, which must equal <see cref="Value"/> for clear values.</summary>
public sealed record MaskingConditionArgument
{
    /// <summary>A conditional argument of <paramref name="type"/> that must equal <paramref name="value"/> for clear values.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public MaskingConditionArgument(SnowflakeType type, Literal value)
    {
        Type = type ?? throw new ArgumentNullException(nameof(type));
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The argument's (and its column's) type.</summary>
    public SnowflakeType Type { get; }
    /// <summary>The value the conditional column must have for the clear value to be shown.</summary>
    public Literal Value { get; }
}

/// <summary>
/// Masking policy bodies from a strategy and a decision's reveal clauses (reference §5). The shape is
/// <c>CASE WHEN &lt;every clause: (IS_ROLE_IN_SESSION('A') OR IS_ROLE_IN_SESSION('B'))&gt; [AND "COND_1" = &lt;literal&gt;]
/// THEN "VAL" ELSE &lt;masked&gt; END</c>; with no clause (or an empty one) nobody sees clear values and the body is the
/// masked expression alone. The ELSE is never the input. Every branch is type-checked against the input type.
/// </summary>
public static class MaskingBodies
{
    /// <summary>The signature matching <see cref="For"/>: <c>VAL</c> of <paramref name="inputType"/>, then <c>COND_n</c>.</summary>
    public static PolicySignature Signature(SnowflakeType inputType, IReadOnlyList<MaskingConditionArgument> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        return PolicySignature.ForMasking(inputType, conditions.Select(c => c.Type).ToArray());
    }

    /// <summary>The body of the masking policy for <paramref name="strategy"/> on <paramref name="inputType"/>.</summary>
    public static PolicyExpression For(MaskingStrategy strategy, SnowflakeType inputType, IReadOnlyList<IReadOnlyList<string>> revealClauses,
        IReadOnlyList<MaskingConditionArgument> conditions)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(inputType);
        ArgumentNullException.ThrowIfNull(revealClauses);
        ArgumentNullException.ThrowIfNull(conditions);
        var signature = Signature(inputType, conditions);
        var val = signature.Ref(PolicySignature.ValueArgument);
        var masked = Masked(strategy, inputType, val);
        PolicyExpression body;
        if (revealClauses.Count == 0 || revealClauses.Any(c => c is null || c.Count == 0))
        {
            body = masked;
        }
        else
        {
            var parts = new List<PolicyExpression>();
            foreach (var clause in revealClauses)
            {
                parts.Add(PolicyExpression.Or(clause.Select(PolicyExpression.IsRoleInSession).ToArray()));
            }
            for (var i = 0; i < conditions.Count; i++)
            {
                var arg = signature.Ref(PolicySignature.ConditionArgument(i));
                var value = PolicyExpression.Typed(conditions[i].Value, conditions[i].Type.Kind);
                if (value.Family != arg.Family)
                {
                    throw new SnowflakeCompileException("condition " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " compares a "
                        + conditions[i].Type + " column with a " + Literal.KindName(conditions[i].Value.Kind) + " value: " + SqlText.Show(conditions[i].Value.Text));
                }
                parts.Add(PolicyExpression.Compare(arg, ComparisonOperator.Equal, value));
            }
            body = PolicyExpression.Case(PolicyExpression.And(parts.ToArray()), val, masked);
        }
        PolicyBodies.Check(signature, body, inputType, "a masking policy on " + inputType);
        return body;
    }

    /// <summary>The masked value of <paramref name="value"/> (of <paramref name="inputType"/>) under <paramref name="strategy"/>, type-checked.</summary>
    public static PolicyExpression Masked(MaskingStrategy strategy, SnowflakeType inputType, PolicyExpression value)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(inputType);
        ArgumentNullException.ThrowIfNull(value);
        PolicyExpression masked;
        try
        {
            masked = strategy.Accept(new MaskedValue(inputType, value));
        }
        catch (SnowflakeCompileException e)
        {
            throw new SnowflakeCompileException("masking strategy `" + strategy.Describe() + "` cannot mask " + inputType + ": " + e.Message, e);
        }
        if (masked.Family is { } f && f != inputType.Family)
        {
            throw new SnowflakeCompileException("masking strategy `" + strategy.Describe() + "` cannot mask " + inputType + ": a masking policy on "
                + inputType + " must return " + Names.Of(inputType.Family) + ", but the masked value is " + Names.Of(f) + ": `" + masked + "`");
        }
        return masked;
    }

    /// <summary>The masked value of each strategy, as a policy body computes it from the value.</summary>
    private sealed class MaskedValue(SnowflakeType inputType, PolicyExpression value) : IMaskingStrategyVisitor<PolicyExpression>
    {
        public PolicyExpression Visit(RedactStrategy strategy) => PolicyExpression.String(strategy.Replacement);

        // KeepLastStrategy.MaskText: IFF(LENGTH(VAL) > n, CONCAT(REPEAT('*', LENGTH(VAL) - n), RIGHT(VAL, n)), REPEAT('*', LENGTH(VAL))).
        // A value of n characters or fewer is masked whole; NULL stays NULL.
        public PolicyExpression Visit(KeepLastStrategy strategy)
        {
            var n = PolicyExpression.Number(strategy.Count);
            var mask = PolicyExpression.String(strategy.MaskCharacter);
            var length = PolicyExpression.Call("LENGTH", value);
            return PolicyExpression.Call("IFF",
                PolicyExpression.Compare(length, ComparisonOperator.Greater, n),
                PolicyExpression.Call("CONCAT", PolicyExpression.Call("REPEAT", mask, PolicyExpression.Subtract(length, n)), PolicyExpression.Call("RIGHT", value, n)),
                PolicyExpression.Call("REPEAT", mask, length));
        }

        public PolicyExpression Visit(HashStrategy strategy)
            => PolicyExpression.Call("SHA2",
                strategy.Salt is null ? value : PolicyExpression.Call("CONCAT", PolicyExpression.String(strategy.Salt), value),
                PolicyExpression.Number(256));

        public PolicyExpression Visit(NullifyStrategy strategy) => PolicyExpression.Null;

        // EmailDomainStrategy.MaskText: a value without '@' becomes '*****' whole; otherwise everything up to the last '@' is
        // replaced by '*****'. REGEXP_REPLACE(REGEXP_REPLACE(VAL, '^[^@]*$', '*****'), '^([^@]*@)+', '*****@'): the first pass
        // masks a value without '@' (its result has none, so the second leaves it); the second masks up to the last '@'.
        public PolicyExpression Visit(EmailDomainStrategy strategy)
            => PolicyExpression.Call("REGEXP_REPLACE",
                PolicyExpression.Call("REGEXP_REPLACE", value, PolicyExpression.String("^[^@]*$"), PolicyExpression.String(EmailDomainStrategy.Mask)),
                PolicyExpression.String("^([^@]*@)+"), PolicyExpression.String(EmailDomainStrategy.Mask + "@"));

        public PolicyExpression Visit(TruncateDateStrategy strategy)
            => PolicyExpression.Call("DATE_TRUNC", PolicyExpression.String(strategy.Unit.ToString().ToUpperInvariant()), value);

        public PolicyExpression Visit(ConstantStrategy strategy) => PolicyExpression.Typed(strategy.Value, inputType.Kind);

        public PolicyExpression Visit(CustomStrategy strategy) => Compile(strategy.Expression, value, inputType);
    }

    /// <summary>Compiles a custom <see cref="MaskExpression"/>: the value, typed literals, calls of <see cref="MaskFunctions"/>.</summary>
    public static PolicyExpression Compile(MaskExpression expression, PolicyExpression value, SnowflakeType inputType)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(inputType);
        if (MaskFunctions.TypeOf(expression, inputType.Family, out var error) is null)
            throw new SnowflakeCompileException(error ?? "the custom expression does not type-check");
        return expression.Accept(new CompiledExpression(inputType, value));
    }

    /// <summary>A custom expression's node as a policy expression: the value, a literal of the input's type, a call.</summary>
    private sealed class CompiledExpression(SnowflakeType inputType, PolicyExpression value) : IMaskExpressionVisitor<PolicyExpression>
    {
        public PolicyExpression Visit(ValueExpression expression) => value;
        public PolicyExpression Visit(LiteralExpression expression) => PolicyExpression.Typed(expression.Literal, inputType.Kind);
        public PolicyExpression Visit(CallExpression expression)
            => PolicyExpression.Call(expression.Function, expression.Arguments.Select(a => a.Accept(this)).ToArray());
    }
}
