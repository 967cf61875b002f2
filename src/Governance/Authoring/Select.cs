namespace Governance;

/// <summary>
/// Selectors for the authoring API. Combine them with <c>&amp;</c>, <c>|</c> and <c>!</c>:
/// <c>Select.Tag("PII", "email") &amp; Select.Type(DataTypeFamily.Text)</c>.
/// </summary>
public static class Select
{
    /// <summary>Everything at the rule's level.</summary>
    public static Selector Everything => Selector.Always;

    /// <summary>Subjects whose effective tag <paramref name="tag"/> is set (to any value when none are given, else to one of <paramref name="values"/>).</summary>
    public static Selector Tag(string tag, params string[] values) => values.Length == 0 ? Selector.HasTag(tag) : Selector.TagIn(tag, values);

    /// <summary>Subjects whose stored name matches the regular expression (.NET syntax; anchor it for a whole-name match).</summary>
    public static Selector Name(string pattern) => Selector.NameMatches(pattern);

    /// <summary>Subjects whose name contains one of the words (case-sensitive, as stored).</summary>
    public static Selector NameContains(params string[] words)
        => Selector.NameMatches(string.Join("|", words.Select(System.Text.RegularExpressions.Regex.Escape)));

    /// <summary>Columns whose data type is in one of the families.</summary>
    public static Selector Type(params DataTypeFamily[] families) => Selector.TypeIs(families);

    /// <summary>Datasets (and their columns) of one of the kinds.</summary>
    public static Selector Kind(params DatasetKind[] kinds) => Selector.KindIs(kinds);

    public static Selector Domain(params string[] domains) => Selector.InDomain(domains);

    /// <summary>Products named <c>domain/product</c>.</summary>
    public static Selector Product(params string[] products) => Selector.InProduct(products);

    /// <summary>Datasets that have a column whose name matches the pattern.</summary>
    public static Selector HasColumn(string pattern) => Selector.HasColumn(pattern);

    public static Selector All(params Selector[] selectors) => Selector.All(selectors);
    public static Selector Any(params Selector[] selectors) => Selector.Any(selectors);
    public static Selector Not(Selector selector) => Selector.Not(selector);
}

/// <summary>Masking strategies for the authoring API.</summary>
public static class Mask
{
    /// <summary>Replaces text with <paramref name="replacement"/>.</summary>
    public static MaskingStrategy Redact(string replacement = RedactStrategy.DefaultReplacement) => new RedactStrategy(replacement);
    /// <summary>Keeps the last <paramref name="count"/> characters: <c>*******1234</c>.</summary>
    public static MaskingStrategy KeepLast(int count, char maskCharacter = '*') => new KeepLastStrategy(count, maskCharacter.ToString());
    /// <summary>SHA-256 hex digest (64 characters), optionally salted.</summary>
    public static MaskingStrategy Sha256(string? salt = null) => new HashStrategy(salt);
    /// <summary>NULL, for any data type.</summary>
    public static MaskingStrategy Nullify => NullifyStrategy.Instance;
    /// <summary>Keeps the e-mail domain only: <c>*****@acme.example</c>.</summary>
    public static MaskingStrategy EmailDomain => EmailDomainStrategy.Instance;
    /// <summary>Truncates dates and timestamps to <paramref name="unit"/>.</summary>
    public static MaskingStrategy TruncateTo(DatePart unit) => new TruncateDateStrategy(unit);
    /// <summary>A text constant.</summary>
    public static MaskingStrategy Constant(string value) => new ConstantStrategy(Literal.String(value));
    /// <summary>A number constant.</summary>
    public static MaskingStrategy Constant(decimal value) => new ConstantStrategy(Literal.Number(value));
    /// <summary>A boolean constant.</summary>
    public static MaskingStrategy Constant(bool value) => new ConstantStrategy(Literal.Boolean(value));
    /// <summary>A date constant.</summary>
    public static MaskingStrategy Constant(DateOnly value) => new ConstantStrategy(Literal.Date(value.Year, value.Month, value.Day));
    /// <summary>A typed expression over the value; see <see cref="Expr"/>.</summary>
    public static MaskingStrategy Custom(MaskExpression expression) => new CustomStrategy(expression);
}

/// <summary>Typed expressions for custom masking (a fixed catalog of functions; see <see cref="MaskFunctions"/>).</summary>
public static class Expr
{
    /// <summary>The value being masked.</summary>
    public static MaskExpression Value => MaskExpression.Value;
    public static MaskExpression Text(string value) => MaskExpression.Of(Literal.String(value));
    public static MaskExpression Number(decimal value) => MaskExpression.Of(Literal.Number(value));
    public static MaskExpression Concat(MaskExpression left, MaskExpression right) => MaskExpression.Call("CONCAT", left, right);
    public static MaskExpression Left(MaskExpression text, int count) => MaskExpression.Call("LEFT", text, Number(count));
    public static MaskExpression Right(MaskExpression text, int count) => MaskExpression.Call("RIGHT", text, Number(count));
    public static MaskExpression Substr(MaskExpression text, int start, int length) => MaskExpression.Call("SUBSTR", text, Number(start), Number(length));
    public static MaskExpression Upper(MaskExpression text) => MaskExpression.Call("UPPER", text);
    public static MaskExpression Lower(MaskExpression text) => MaskExpression.Call("LOWER", text);
    public static MaskExpression Repeat(MaskExpression text, MaskExpression count) => MaskExpression.Call("REPEAT", text, count);
    public static MaskExpression Length(MaskExpression text) => MaskExpression.Call("LENGTH", text);
    public static MaskExpression RegexpReplace(MaskExpression text, string pattern, string replacement) => MaskExpression.Call("REGEXP_REPLACE", text, Text(pattern), Text(replacement));
    public static MaskExpression Round(MaskExpression number, int scale) => MaskExpression.Call("ROUND", number, Number(scale));
    public static MaskExpression Floor(MaskExpression number) => MaskExpression.Call("FLOOR", number);
    public static MaskExpression Greatest(MaskExpression a, MaskExpression b) => MaskExpression.Call("GREATEST", a, b);
    public static MaskExpression Least(MaskExpression a, MaskExpression b) => MaskExpression.Call("LEAST", a, b);
}
