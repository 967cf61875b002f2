using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance;

/// <summary>
/// Selectors for the authoring API. Combine them with <c>&amp;</c>, <c>|</c> and <c>!</c>:
/// <c>Select.Tag("PII", "email") &amp; Select.Type(DataTypeFamily.Text)</c>.
/// </summary>
public static class Select
{
    /// <summary>Everything at the rule's level.</summary>
    public static Selector Everything => Selector.Always;

    /// <summary>
    /// Subjects whose effective tag <paramref name="tag"/> is set: to any value when no values are given (or
    /// <paramref name="values"/> is null, as <see cref="Selector.HasTag"/>), else to one of <paramref name="values"/>.
    /// </summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="tag"/> is null.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="tag"/> is empty or blank, or a value is null.</exception>
    public static Selector Tag(string tag, params string[]? values)
    {
        NotBlank(tag ?? throw new System.ArgumentNullException(nameof(tag)), nameof(tag), "tag name");
        if (values is null || values.Length == 0) return Selector.HasTag(tag);
        return Selector.TagIn(tag, NoNulls(values, nameof(values), "tag value"));
    }

    /// <summary>Subjects whose stored name matches the regular expression (.NET syntax; anchor it for a whole-name match).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="pattern"/> is empty (it would match every name; use <see cref="Everything"/>).</exception>
    public static Selector Name(string pattern) => Selector.NameMatches(Pattern(pattern, nameof(pattern)));

    /// <summary>Subjects whose name contains one of the words (case-sensitive, as stored).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="words"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No word is given, or one is null, empty or blank (it would match every name).</exception>
    public static Selector NameContains(params string[] words)
    {
        foreach (var word in Required(words, nameof(words), "word")) NotBlank(word, nameof(words), "word");
        return Selector.NameMatches(string.Join("|", words.Select(System.Text.RegularExpressions.Regex.Escape)));
    }

    /// <summary>Columns whose data type is in one of the families.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="families"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No family is given.</exception>
    public static Selector Type(params DataTypeFamily[] families) => Selector.TypeIs(Required(families, nameof(families), "type family"));

    /// <summary>Datasets (and their columns) of one of the kinds.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="kinds"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No kind is given.</exception>
    public static Selector Kind(params DatasetKind[] kinds) => Selector.KindIs(Required(kinds, nameof(kinds), "dataset kind"));

    /// <summary>Products, datasets and columns of one of the domains (by name, case-sensitive).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="domains"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No domain is given, or one is null, empty or blank.</exception>
    public static Selector Domain(params string[] domains) => Selector.InDomain(NoBlanks(domains, nameof(domains), "domain"));

    /// <summary>Products named <c>domain/product</c>.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="products"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No product is given, or one is null, empty or blank.</exception>
    public static Selector Product(params string[] products) => Selector.InProduct(NoBlanks(products, nameof(products), "product"));

    /// <summary>Datasets that have a column whose name matches the pattern.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    /// <exception cref="System.ArgumentException"><paramref name="pattern"/> is empty (every dataset with a column would match).</exception>
    public static Selector HasColumn(string pattern) => Selector.HasColumn(Pattern(pattern, nameof(pattern)));

    /// <summary>Every one of the selectors matches (the same as <c>&amp;</c>); a single selector is returned as it is.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="selectors"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No selector is given, or one is null.</exception>
    public static Selector All(params Selector[] selectors) => Selector.All(NoNulls(selectors, nameof(selectors), "selector"));
    /// <summary>At least one of the selectors matches (the same as <c>|</c>); a single selector is returned as it is.</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="selectors"/> is null.</exception>
    /// <exception cref="System.ArgumentException">No selector is given, or one is null.</exception>
    public static Selector Any(params Selector[] selectors) => Selector.Any(NoNulls(selectors, nameof(selectors), "selector"));
    /// <summary>The selector does not match (the same as <c>!</c>).</summary>
    /// <exception cref="System.ArgumentNullException"><paramref name="selector"/> is null.</exception>
    public static Selector Not(Selector selector) => Selector.Not(selector ?? throw new System.ArgumentNullException(nameof(selector)));

    private static T[] Required<T>(T[]? items, string parameter, string what)
    {
        if (items is null) throw new System.ArgumentNullException(parameter);
        if (items.Length == 0) throw new System.ArgumentException("at least one " + what + " is required", parameter);
        return items;
    }

    private static T[] NoNulls<T>(T[]? items, string parameter, string what) where T : class
    {
        foreach (var item in Required(items, parameter, what))
        {
            if (item is null) throw new System.ArgumentException("a " + what + " cannot be null", parameter);
        }
        return items!;
    }

    private static string[] NoBlanks(string[]? items, string parameter, string what)
    {
        foreach (var item in Required(items, parameter, what)) NotBlank(item, parameter, what);
        return items!;
    }

    private static void NotBlank(string? text, string parameter, string what)
    {
        if (text is null) throw new System.ArgumentException("a " + what + " cannot be null", parameter);
        if (string.IsNullOrWhiteSpace(text)) throw new System.ArgumentException("a " + what + " cannot be empty or blank", parameter);
    }

    private static string Pattern(string? pattern, string parameter)
    {
        if (pattern is null) throw new System.ArgumentNullException(parameter);
        if (pattern.Length == 0) throw new System.ArgumentException("an empty pattern matches every name; use `Select.Everything`", parameter);
        return pattern;
    }
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

/// <summary>
/// Typed expressions for custom masking: the value, literals, and the functions of the catalog that a custom expression
/// may call (<see cref="SqlFunctions"/>, <see cref="MaskFunctions"/>), with their arities.
/// </summary>
public static class Expr
{
    /// <summary>The value being masked.</summary>
    public static MaskExpression Value => MaskExpression.Value;
    /// <summary>A text literal.</summary>
    public static MaskExpression Text(string value) => MaskExpression.Of(Literal.String(value));
    /// <summary>A number literal.</summary>
    public static MaskExpression Number(decimal value) => MaskExpression.Of(Literal.Number(value));
    /// <summary><c>CONCAT</c> of 1 to 16 texts.</summary>
    public static MaskExpression Concat(params MaskExpression[] parts) => MaskExpression.Call(SqlFunctions.Concat, parts);
    /// <summary><c>LEFT</c>: the first <paramref name="count"/> characters; empty for a negative count.</summary>
    public static MaskExpression Left(MaskExpression text, int count) => MaskExpression.Call(SqlFunctions.Left, text, Number(count));
    /// <summary><c>RIGHT</c>: the last <paramref name="count"/> characters; empty for a negative count.</summary>
    public static MaskExpression Right(MaskExpression text, int count) => MaskExpression.Call(SqlFunctions.Right, text, Number(count));
    /// <summary>The characters from <paramref name="start"/> (1-based) to the end.</summary>
    public static MaskExpression Substr(MaskExpression text, int start) => MaskExpression.Call(SqlFunctions.Substr, text, Number(start));
    /// <summary><c>SUBSTR</c>: at most <paramref name="length"/> characters from <paramref name="start"/> (1-based).</summary>
    public static MaskExpression Substr(MaskExpression text, int start, int length) => MaskExpression.Call(SqlFunctions.Substr, text, Number(start), Number(length));
    /// <summary><c>UPPER</c>: the text in upper case.</summary>
    public static MaskExpression Upper(MaskExpression text) => MaskExpression.Call(SqlFunctions.Upper, text);
    /// <summary><c>LOWER</c>: the text in lower case.</summary>
    public static MaskExpression Lower(MaskExpression text) => MaskExpression.Call(SqlFunctions.Lower, text);
    /// <summary><c>REPEAT</c>: the text repeated <paramref name="count"/> times (none for a negative count).</summary>
    public static MaskExpression Repeat(MaskExpression text, MaskExpression count) => MaskExpression.Call(SqlFunctions.Repeat, text, count);
    /// <summary><c>LENGTH</c>: the number of characters of the text.</summary>
    public static MaskExpression Length(MaskExpression text) => MaskExpression.Call(SqlFunctions.Length, text);
    /// <summary><c>REGEXP_REPLACE</c>: every match of <paramref name="pattern"/> (Snowflake's regular expression syntax, POSIX extended) replaced with <paramref name="replacement"/>.</summary>
    public static MaskExpression RegexpReplace(MaskExpression text, string pattern, string replacement) => MaskExpression.Call(SqlFunctions.RegexpReplace, text, Text(pattern), Text(replacement));
    /// <summary>Rounded to a whole number.</summary>
    public static MaskExpression Round(MaskExpression number) => MaskExpression.Call(SqlFunctions.Round, number);
    /// <summary><c>ROUND</c> to <paramref name="scale"/> decimals.</summary>
    public static MaskExpression Round(MaskExpression number, int scale) => MaskExpression.Call(SqlFunctions.Round, number, Number(scale));
    /// <summary><c>FLOOR</c>: the largest whole number not greater than the number.</summary>
    public static MaskExpression Floor(MaskExpression number) => MaskExpression.Call(SqlFunctions.Floor, number);
    /// <summary><c>GREATEST</c> of 2 to 16 numbers.</summary>
    public static MaskExpression Greatest(params MaskExpression[] numbers) => MaskExpression.Call(SqlFunctions.Greatest, numbers);
    /// <summary><c>LEAST</c> of 2 to 16 numbers.</summary>
    public static MaskExpression Least(params MaskExpression[] numbers) => MaskExpression.Call(SqlFunctions.Least, numbers);
}
