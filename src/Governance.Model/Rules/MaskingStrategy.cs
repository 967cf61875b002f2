using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Governance.Snapshots;

namespace Governance.Rules;

/// <summary>
/// How a masked value is computed. Each strategy says which data type families it can mask while keeping the
/// column's type (Snowflake requires a masking policy to return its input type).
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract record MaskingStrategy
{
    /// <summary>Closes the hierarchy: a type outside this assembly cannot override an internal member, so no record
    /// there can derive from this one (its protected copy constructor would otherwise let it).</summary>
    internal abstract void Closed();
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

    /// <summary>
    /// The masked value of a text value: the one meaning of the strategy that the compiled policy bodies, the DuckDB
    /// simulation and the tests agree with. Characters are Unicode code points (a surrogate pair is one character).
    /// A NULL value stays NULL except where the strategy returns a constant.
    /// </summary>
    /// <exception cref="NotSupportedException">The strategy does not return text of its own (truncateDate, a constant
    /// that is not a string), or only Snowflake computes its value (custom).</exception>
    public abstract string? MaskText(string? value);

    /// <summary>Calls the <paramref name="visitor"/>'s method for this strategy's type.</summary>
    public abstract TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor);

    /// <summary>The same for a predicate, without a generic virtual call over a value type (compiled at run time at every
    /// start: the pack validator asks it of every strategy).</summary>
    internal abstract bool Accept(IMaskingStrategyVisitor<bool> visitor);

    /// <summary>The same as <see cref="Describe"/>.</summary>
    public sealed override string ToString() => Describe();
}

/// <summary>Replaces the value with a fixed text (default <c>***MASKED***</c>). Text columns only.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record RedactStrategy : MaskingStrategy
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IMaskingStrategyVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>The replacement when none is given.</summary>
    public const string DefaultReplacement = "***MASKED***";
    /// <summary>Replaces every value with <paramref name="replacement"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="replacement"/> is null.</exception>
    public RedactStrategy(string replacement = DefaultReplacement) => Replacement = replacement ?? throw new ArgumentNullException(nameof(replacement));
    /// <summary>The text that replaces every value.</summary>
    public string Replacement { get; }
    /// <inheritdoc/>
    public override string Name => "redact";
    /// <inheritdoc/>
    public override string Describe() => "redact";
    /// <inheritdoc/>
    public override int Rank => 1;
    /// <inheritdoc/>
    public override bool Supports(DataTypeFamily family) => family == DataTypeFamily.Text;
    /// <summary>The replacement, whatever the value (NULL included).</summary>
    public override string? MaskText(string? value) => Replacement;
}

/// <summary>
/// Keeps the last <see cref="Count"/> characters of a value longer than <see cref="Count"/> and replaces each other
/// character with <see cref="MaskCharacter"/>; a value of <see cref="Count"/> characters or fewer is masked whole (each
/// of its characters replaced), so no value is ever shown whole.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record KeepLastStrategy : MaskingStrategy
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IMaskingStrategyVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>The most characters a rule may keep.</summary>
    public const int MaxCount = 1000;

    /// <summary>Keeps the last <paramref name="count"/> characters and replaces the others with <paramref name="maskCharacter"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or more than <see cref="MaxCount"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="maskCharacter"/> is null.</exception>
    public KeepLastStrategy(int count, string maskCharacter = "*")
    {
        if (count < 0 || count > MaxCount) throw new ArgumentOutOfRangeException(nameof(count), "the number of characters kept is 0 to 1000");
        Count = count;
        MaskCharacter = maskCharacter ?? throw new ArgumentNullException(nameof(maskCharacter));
    }

    /// <summary>How many characters (Unicode code points) stay visible at the end of a value longer than that; 0 to <see cref="MaxCount"/>.</summary>
    public int Count { get; }
    /// <summary>The text written once for each masked character (default <c>*</c>).</summary>
    public string MaskCharacter { get; }
    /// <inheritdoc/>
    public override string Name => "keepLast";
    /// <inheritdoc/>
    public override string Describe() => "keepLast(" + Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    /// <inheritdoc/>
    public override int Rank => 4;
    /// <inheritdoc/>
    public override bool Supports(DataTypeFamily family) => family == DataTypeFamily.Text;

    /// <summary><c>****1234</c> for <c>555-1234</c> (keepLast(4)); <c>***</c> for <c>123</c>: a short value is masked whole.</summary>
    public override string? MaskText(string? value)
    {
        if (value is null) return null;
        var length = CodePoints.Count(value);
        var masked = length > Count ? length - Count : length;
        var sb = new StringBuilder();
        for (var i = 0; i < masked; i++) sb.Append(MaskCharacter);
        return sb.Append(value, CodePoints.Offset(value, masked), value.Length - CodePoints.Offset(value, masked)).ToString();
    }
}

/// <summary>SHA-256 of the value (64 hex characters), optionally salted. A pseudonym: equal inputs give equal outputs.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record HashStrategy : MaskingStrategy
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IMaskingStrategyVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>The length of the hex digest.</summary>
    public const int DigestLength = 64;

    /// <summary>A hash of the value, with <paramref name="salt"/> prepended when it is not null.</summary>
    public HashStrategy(string? salt = null) => Salt = salt;

    /// <summary>Prepended to the value before hashing. Policy bodies are readable metadata in Snowflake; see the docs.</summary>
    public string? Salt { get; }
    /// <inheritdoc/>
    public override string Name => "hash";
    /// <inheritdoc/>
    public override string Describe() => Salt is null ? "hash(sha256)" : "hash(sha256, salted)";
    /// <inheritdoc/>
    public override int Rank => 2;
    /// <inheritdoc/>
    public override bool Supports(DataTypeFamily family) => family == DataTypeFamily.Text;
    /// <summary>The lower-case hex SHA-256 of the UTF-8 bytes of the salt and the value; NULL stays NULL.</summary>
    public override string? MaskText(string? value) => value is null ? null : TextDigest.Sha256Hex((Salt ?? "") + value);
}

/// <summary>Returns NULL. Works for every data type: the safest default.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record NullifyStrategy : MaskingStrategy
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IMaskingStrategyVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>The one instance.</summary>
    public static readonly NullifyStrategy Instance = new NullifyStrategy();
    private NullifyStrategy() { }
    /// <inheritdoc/>
    public override string Name => "nullify";
    /// <inheritdoc/>
    public override string Describe() => "nullify";
    /// <inheritdoc/>
    public override int Rank => 0;
    /// <inheritdoc/>
    public override bool Supports(DataTypeFamily family) => true;
    /// <summary>Always null.</summary>
    public override string? MaskText(string? value) => null;
}

/// <summary>
/// Keeps only the domain of an e-mail address: <c>*****@acme.example</c>. Everything up to the last <c>@</c> is
/// replaced by <c>*****</c>; a value without <c>@</c> (the empty string included) is masked whole to <c>*****</c>.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record EmailDomainStrategy : MaskingStrategy
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IMaskingStrategyVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>The one instance.</summary>
    public static readonly EmailDomainStrategy Instance = new EmailDomainStrategy();
    private EmailDomainStrategy() { }
    /// <inheritdoc/>
    public override string Name => "emailDomain";
    /// <inheritdoc/>
    public override string Describe() => "emailDomain";
    /// <inheritdoc/>
    public override int Rank => 3;
    /// <inheritdoc/>
    public override bool Supports(DataTypeFamily family) => family == DataTypeFamily.Text;

    /// <summary>The mask that replaces the local part (or a whole value without <c>@</c>).</summary>
    public const string Mask = "*****";

    /// <summary><c>*****@acme.example</c> for <c>jane@acme.example</c>; <c>*****</c> for a value without <c>@</c>; NULL stays NULL.</summary>
    public override string? MaskText(string? value)
    {
        if (value is null) return null;
        var at = value.LastIndexOf('@');
        return at < 0 ? Mask : Mask + value.Substring(at);
    }
}

/// <summary>Truncates a date or timestamp to <see cref="Unit"/> (keeps its type).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record TruncateDateStrategy : MaskingStrategy
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IMaskingStrategyVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>Truncates to <paramref name="unit"/>.</summary>
    public TruncateDateStrategy(DatePart unit) => Unit = unit;
    /// <summary>The unit truncated to; only <see cref="DatePart.Hour"/> also masks <c>TIME</c> columns.</summary>
    public DatePart Unit { get; }
    /// <inheritdoc/>
    public override string Name => "truncateDate";
    /// <inheritdoc/>
    public override string Describe() => "truncate(" + Unit.ToString().ToUpperInvariant() + ")";
    /// <inheritdoc/>
    public override int Rank => 3;
    /// <inheritdoc/>
    public override bool Supports(DataTypeFamily family)
        => family == DataTypeFamily.Date || family == DataTypeFamily.Timestamp || (family == DataTypeFamily.Time && Unit == DatePart.Hour);
    /// <summary>Not for text.</summary>
    /// <exception cref="NotSupportedException">Always: this strategy masks dates, times and timestamps.</exception>
    public override string? MaskText(string? value) => throw new NotSupportedException("truncateDate masks dates and timestamps, not text");
}

/// <summary>Replaces the value with a constant of the column's own type.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record ConstantStrategy : MaskingStrategy
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IMaskingStrategyVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>Replaces every value with <paramref name="value"/>, which must fit the column's type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public ConstantStrategy(Literal value) => Value = value ?? throw new ArgumentNullException(nameof(value));
    /// <summary>The constant that replaces every value.</summary>
    public Literal Value { get; }
    /// <inheritdoc/>
    public override string Name => "constant";
    /// <inheritdoc/>
    public override string Describe() => "constant(" + Value + ")";
    /// <inheritdoc/>
    public override int Rank => 1;
    /// <inheritdoc/>
    public override bool Supports(DataTypeFamily family) => Value.Fits(family);
    /// <summary>The constant's text, whatever the value (NULL included); only a string constant masks text.</summary>
    public override string? MaskText(string? value)
        => Value.Kind == LiteralKind.String ? Value.Text : throw new NotSupportedException("a " + Literal.KindName(Value.Kind) + " constant does not mask text");
}

/// <summary>A typed expression over the value (see <see cref="MaskExpression"/>); it must return the column's type.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record CustomStrategy : MaskingStrategy
{
    internal override void Closed() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IMaskingStrategyVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>Masks with <paramref name="expression"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="expression"/> is null.</exception>
    public CustomStrategy(MaskExpression expression) => Expression = expression ?? throw new ArgumentNullException(nameof(expression));
    /// <summary>The expression that computes the masked value.</summary>
    public MaskExpression Expression { get; }
    /// <inheritdoc/>
    public override string Name => "custom";
    /// <inheritdoc/>
    public override string Describe() => "custom(" + Expression + ")";
    /// <inheritdoc/>
    public override int Rank => 5;
    /// <inheritdoc/>
    public override bool Supports(DataTypeFamily family) => MaskFunctions.TypeOf(Expression, family, out _) == family;
    /// <summary>Not computed here.</summary>
    /// <exception cref="NotSupportedException">Always: Snowflake computes a custom expression's value.</exception>
    public override string? MaskText(string? value) => throw new NotSupportedException("a custom expression's masked value is computed by Snowflake");
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
sealed record MaskingCondition
{
    /// <summary>A condition that holds in the rows where <paramref name="column"/> equals <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="column"/> or <paramref name="value"/> is null.</exception>
    public MaskingCondition(string column, Literal value)
    {
        Column = column ?? throw new ArgumentNullException(nameof(column));
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The column of the same dataset the condition reads.</summary>
    public string Column { get; }
    /// <summary>The value <see cref="Column"/> must equal for the clear value to be shown.</summary>
    public Literal Value { get; }
}

/// <summary>Unicode code points of a string (a surrogate pair is one): how Snowflake's LENGTH and RIGHT count characters.</summary>
internal static class CodePoints
{
    /// <summary>The number of code points in <paramref name="text"/>.</summary>
    public static int Count(string text)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++, n++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        }
        return n;
    }

    /// <summary>The UTF-16 offset of code point <paramref name="index"/> (the length for an index past the end).</summary>
    public static int Offset(string text, int index)
    {
        var i = 0;
        for (var n = 0; n < index && i < text.Length; n++, i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
        }
        return i;
    }
}

/// <summary>SHA-256 digests of text, as the manifests and the hash strategy write them.</summary>
internal static class TextDigest
{
    /// <summary>The lower-case hex SHA-256 of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static string Sha256Hex(string text)
    {
        var hash = Sha256.Hash(Encoding.UTF8.GetBytes(text));
        var sb = new StringBuilder(64);
        foreach (var b in hash) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
