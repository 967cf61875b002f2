using System;
using System.Collections.Generic;

namespace Governance;

/// <summary>A unit for date and timestamp truncation, coarsest first.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum DatePart { Year, Quarter, Month, Week, Day, Hour }

/// <summary>
/// How a masked value is computed. Each strategy says which data type families it can mask while keeping the
/// column's type (Snowflake requires a masking policy to return its input type).
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract class MaskingStrategy
{
    private protected MaskingStrategy() { }

    /// <summary>The JSON name of the strategy: <c>redact</c>, <c>keepLast</c>, <c>hash</c> …</summary>
    public abstract string Name { get; }

    /// <summary>A short, stable description for reports: <c>keepLast(4)</c>, <c>truncate(YEAR)</c> …</summary>
    public abstract string Describe();

    /// <summary>
    /// How much of the value the strategy leaves visible: 0 reveals nothing (nullify), higher reveals more. The
    /// combining rule prefers the lowest rank, and a domain rule may only keep or lower a global rule's rank.
    /// </summary>
    public abstract int Rank { get; }

    /// <summary>True when the strategy can mask a value of <paramref name="family"/> and return that same type.</summary>
    public abstract bool Supports(DataTypeFamily family);

    public override string ToString() => Describe();
}

/// <summary>Replaces the value with a fixed text (default <c>***MASKED***</c>). Text columns only.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class RedactStrategy : MaskingStrategy
{
    public const string DefaultReplacement = "***MASKED***";
    public RedactStrategy(string replacement = DefaultReplacement) => Replacement = replacement ?? throw new ArgumentNullException(nameof(replacement));
    public string Replacement { get; }
    public override string Name => "redact";
    public override string Describe() => "redact";
    public override int Rank => 1;
    public override bool Supports(DataTypeFamily family) => family == DataTypeFamily.Text;
}

/// <summary>Keeps the last <see cref="Count"/> characters and replaces the others with <see cref="MaskCharacter"/>.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class KeepLastStrategy : MaskingStrategy
{
    /// <summary>The most characters a rule may keep.</summary>
    public const int MaxCount = 1000;

    public KeepLastStrategy(int count, string maskCharacter = "*")
    {
        if (count < 0 || count > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), "the number of characters kept is 0 to 1000");
        Count = count;
        MaskCharacter = maskCharacter ?? throw new ArgumentNullException(nameof(maskCharacter));
    }

    public int Count { get; }
    public string MaskCharacter { get; }
    public override string Name => "keepLast";
    public override string Describe() => "keepLast(" + Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    public override int Rank => 4;
    public override bool Supports(DataTypeFamily family) => family == DataTypeFamily.Text;
}

/// <summary>SHA-256 of the value (64 hex characters), optionally salted. A pseudonym: equal inputs give equal outputs.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class HashStrategy : MaskingStrategy
{
    /// <summary>The length of the hex digest.</summary>
    public const int DigestLength = 64;

    public HashStrategy(string? salt = null) => Salt = salt;

    /// <summary>Prepended to the value before hashing. Policy bodies are readable metadata in Snowflake; see the docs.</summary>
    public string? Salt { get; }
    public override string Name => "hash";
    public override string Describe() => Salt is null ? "hash(sha256)" : "hash(sha256, salted)";
    public override int Rank => 2;
    public override bool Supports(DataTypeFamily family) => family == DataTypeFamily.Text;
}

/// <summary>Returns NULL. Works for every data type: the safest default.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class NullifyStrategy : MaskingStrategy
{
    public static readonly NullifyStrategy Instance = new NullifyStrategy();
    private NullifyStrategy() { }
    public override string Name => "nullify";
    public override string Describe() => "nullify";
    public override int Rank => 0;
    public override bool Supports(DataTypeFamily family) => true;
}

/// <summary>Keeps only the domain of an e-mail address: <c>*****@acme.example</c>.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class EmailDomainStrategy : MaskingStrategy
{
    public static readonly EmailDomainStrategy Instance = new EmailDomainStrategy();
    private EmailDomainStrategy() { }
    public override string Name => "emailDomain";
    public override string Describe() => "emailDomain";
    public override int Rank => 3;
    public override bool Supports(DataTypeFamily family) => family == DataTypeFamily.Text;
}

/// <summary>Truncates a date or timestamp to <see cref="Unit"/> (keeps its type).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class TruncateDateStrategy : MaskingStrategy
{
    public TruncateDateStrategy(DatePart unit) => Unit = unit;
    public DatePart Unit { get; }
    public override string Name => "truncateDate";
    public override string Describe() => "truncate(" + Unit.ToString().ToUpperInvariant() + ")";
    public override int Rank => 3;
    public override bool Supports(DataTypeFamily family)
        => family == DataTypeFamily.Date || (family == DataTypeFamily.Timestamp) || (family == DataTypeFamily.Time && Unit == DatePart.Hour);
}

/// <summary>Replaces the value with a constant of the column's own type.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class ConstantStrategy : MaskingStrategy
{
    public ConstantStrategy(Literal value) => Value = value ?? throw new ArgumentNullException(nameof(value));
    public Literal Value { get; }
    public override string Name => "constant";
    public override string Describe() => "constant(" + Value + ")";
    public override int Rank => 1;
    public override bool Supports(DataTypeFamily family) => Value.Fits(family);
}

/// <summary>A typed expression over the value (see <see cref="MaskExpression"/>); it must return the column's type.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class CustomStrategy : MaskingStrategy
{
    public CustomStrategy(MaskExpression expression) => Expression = expression ?? throw new ArgumentNullException(nameof(expression));
    public MaskExpression Expression { get; }
    public override string Name => "custom";
    public override string Describe() => "custom(" + Expression + ")";
    public override int Rank => 5;
    public override bool Supports(DataTypeFamily family) => MaskFunctions.TypeOf(Expression, family, out _) == family;
}

/// <summary>
/// Conditional masking: the clear value is shown only when, in the same row, <see cref="Column"/> equals
/// <see cref="Value"/> (for example a consent flag) — and the session has a reveal role.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class MaskingCondition
{
    public MaskingCondition(string column, Literal value)
    {
        Column = column ?? throw new ArgumentNullException(nameof(column));
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    public string Column { get; }
    public Literal Value { get; }
}
