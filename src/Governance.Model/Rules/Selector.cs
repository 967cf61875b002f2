using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using System.Threading;
using Governance.Evaluation;

namespace Governance.Rules;

/// <summary>
/// What a rule applies to: a tree of conditions over a product, a dataset or a column and its parents. Selectors are
/// data — no lambdas — so the evaluator, the Snowflake compiler and the analyzers all read the same thing. Records:
/// two selectors are equal when they say the same (their sets are kept sorted and distinct).
/// Semantics: <see cref="Semantics.Matches(Selector, in Subject)"/>.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract record Selector
{
    /// <summary>Closes the hierarchy: a type outside this assembly cannot override an internal member, so no record
    /// there can derive from this one (its protected copy constructor would otherwise let it).</summary>
    internal abstract void Closed();
    private protected Selector() { }

    /// <summary>Matches everything.</summary>
    public static readonly Selector Always = new AlwaysSelector();

    /// <summary>Subjects whose effective tag <paramref name="tag"/> is set, to any value (<see cref="TagSelector"/>).</summary>
    public static Selector HasTag(string tag) => new TagSelector(tag, null);
    /// <summary>Subjects whose effective tag <paramref name="tag"/> is one of <paramref name="values"/> (<see cref="TagSelector"/>).</summary>
    public static Selector TagIn(string tag, params string[] values) => new TagSelector(tag, values);
    /// <summary>Subjects whose name matches the regular expression <paramref name="pattern"/> (<see cref="NameSelector"/>).</summary>
    public static Selector NameMatches(string pattern) => new NameSelector(pattern);
    /// <summary>Columns whose data type is in one of <paramref name="families"/> (<see cref="TypeSelector"/>).</summary>
    public static Selector TypeIs(params DataTypeFamily[] families) => new TypeSelector(families);
    /// <summary>Datasets, and their columns, of one of <paramref name="kinds"/> (<see cref="KindSelector"/>).</summary>
    public static Selector KindIs(params DatasetKind[] kinds) => new KindSelector(kinds);
    /// <summary>Products, datasets and columns of one of <paramref name="domains"/> (<see cref="DomainSelector"/>).</summary>
    public static Selector InDomain(params string[] domains) => new DomainSelector(domains);
    /// <summary>Products named <c>domain/product</c>.</summary>
    public static Selector InProduct(params string[] products) => new ProductSelector(products);
    /// <summary>Datasets with a column whose name matches <paramref name="pattern"/>, and the columns of such datasets (<see cref="HasColumnSelector"/>).</summary>
    public static Selector HasColumn(string pattern) => new HasColumnSelector(pattern);
    /// <summary>Every one of <paramref name="parts"/> matches; a single part is returned as it is.</summary>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty or holds a null.</exception>
    public static Selector All(params Selector[] parts) => parts.Length == 1 ? parts[0] : new AllSelector(parts);
    /// <summary>At least one of <paramref name="parts"/> matches; a single part is returned as it is.</summary>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty or holds a null.</exception>
    public static Selector Any(params Selector[] parts) => parts.Length == 1 ? parts[0] : new AnySelector(parts);
    /// <summary><paramref name="inner"/> does not match.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    public static Selector Not(Selector inner) => new NotSelector(inner);

    /// <summary>Both selectors match.</summary>
    public static Selector operator &(Selector left, Selector right) => new AllSelector(new[] { left, right });
    /// <summary>Either selector matches.</summary>
    public static Selector operator |(Selector left, Selector right) => new AnySelector(new[] { left, right });
    /// <summary>The selector does not match.</summary>
    public static Selector operator !(Selector inner) => new NotSelector(inner);

    /// <summary>Calls the <paramref name="visitor"/>'s method for this selector's type.</summary>
    public abstract TResult Accept<TResult>(ISelectorVisitor<TResult> visitor);

    /// <summary>The same for a predicate, without a generic virtual call (three times the cost of this one): the
    /// evaluator tests selectors millions of times.</summary>
    internal abstract bool Accept(ISelectorVisitor<bool> visitor);

    /// <summary>Calls <paramref name="visit"/> on this selector and every selector inside it, parents first.</summary>
    internal void Walk(Action<Selector> visit) => Accept(new Walker(visit ?? throw new ArgumentNullException(nameof(visit))));

    private sealed class Walker : ISelectorVisitor<bool>
    {
        private readonly Action<Selector> _visit;
        public Walker(Action<Selector> visit) => _visit = visit;
        private bool Leaf(Selector selector) { _visit(selector); return true; }
        private bool Parts(Selector selector, IReadOnlyList<Selector> parts)
        {
            _visit(selector);
            for (var i = 0; i < parts.Count; i++) parts[i].Accept(this);
            return true;
        }
        public bool Visit(AlwaysSelector selector) => Leaf(selector);
        public bool Visit(TagSelector selector) => Leaf(selector);
        public bool Visit(NameSelector selector) => Leaf(selector);
        public bool Visit(TypeSelector selector) => Leaf(selector);
        public bool Visit(KindSelector selector) => Leaf(selector);
        public bool Visit(DomainSelector selector) => Leaf(selector);
        public bool Visit(ProductSelector selector) => Leaf(selector);
        public bool Visit(HasColumnSelector selector) => Leaf(selector);
        public bool Visit(AllSelector selector) => Parts(selector, selector.Parts);
        public bool Visit(AnySelector selector) => Parts(selector, selector.Parts);
        public bool Visit(NotSelector selector) => Parts(selector, new[] { selector.Inner });
    }

    /// <summary>Sorted, distinct copy of a set given in any order: the canonical form of the IR.</summary>
    internal static ValueList<T> Canonical<T>(IEnumerable<T> items, Comparison<T> compare)
    {
        var list = new List<T>(items);
        list.Sort(compare);
        for (var i = list.Count - 1; i > 0; i--)
        {
            if (compare(list[i], list[i - 1]) == 0) list.RemoveAt(i);
        }
        return ValueList<T>.Own(list.ToArray());
    }

    internal static ValueList<string> CanonicalStrings(IEnumerable<string> items) => Canonical(items, string.CompareOrdinal);

    /// <summary>A private copy (the IR never aliases a caller's array), refusing an empty list.</summary>
    internal static ValueList<Selector> NonEmptyCopy(IReadOnlyList<Selector> parts)
    {
        if (parts is null) throw new ArgumentNullException(nameof(parts));
        var copy = new Selector[parts.Count];
        for (var i = 0; i < copy.Length; i++) copy[i] = parts[i] ?? throw new ArgumentException("a selector cannot be null", nameof(parts));
        if (copy.Length == 0) throw new ArgumentException("at least one selector is required", nameof(parts));
        return ValueList<Selector>.Own(copy);
    }
}

/// <summary>Matches every product, dataset and column: <see cref="Selector.Always"/>.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record AlwaysSelector : Selector
{
    internal override void Closed() { }
    internal AlwaysSelector() { }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>The subject's effective tag (its own, else inherited from its dataset, then its product) is set, and when
/// <see cref="Values"/> is given, is one of them.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record TagSelector : Selector
{
    internal override void Closed() { }
    private readonly ValueList<string>? _values;

    /// <summary>Matches when <paramref name="tag"/> is set and, when <paramref name="values"/> is not null, one of them.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> is null.</exception>
    public TagSelector(string tag, IEnumerable<string>? values)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        _values = values is null ? null : CanonicalStrings(values);
    }

    /// <summary>The tag's name.</summary>
    public string Tag { get; }
    /// <summary>Null: the tag only has to be present. Sorted, distinct.</summary>
    public IReadOnlyList<string>? Values => _values;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A regular expression that the subject's stored name must match (.NET syntax, case-sensitive unless the
/// pattern says <c>(?i)</c>; anchor it with <c>^…$</c> for a whole-name match).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record NameSelector : Selector
{
    internal override void Closed() { }
    private readonly PatternText _pattern;

    /// <summary>Matches names that <paramref name="pattern"/> finds a match in.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public NameSelector(string pattern) => _pattern = new PatternText(pattern ?? throw new ArgumentNullException(nameof(pattern)));

    /// <summary>The pattern as given.</summary>
    public string Pattern => _pattern.Text;

    /// <summary>The compiled pattern, from <see cref="Patterns"/>: one per pattern text, shared by equal selectors.</summary>
    public Regex Regex => _pattern.Regex;
    /// <summary>Whether the pattern finds a match in <paramref name="name"/> (see <see cref="PatternText.IsMatch"/>).</summary>
    internal bool IsMatch(string name) => _pattern.IsMatch(name);
    internal void Prepare() => _pattern.Prepare();
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A column whose data type is in one of the families. Never matches a product or dataset.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record TypeSelector : Selector
{
    internal override void Closed() { }
    private readonly ValueList<DataTypeFamily> _families;
    /// <summary>Matches columns of one of <paramref name="families"/>.</summary>
    public TypeSelector(IEnumerable<DataTypeFamily> families) => _families = Canonical(families, (a, b) => a.CompareTo(b));
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<DataTypeFamily> Families => _families;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A dataset (or a column of a dataset) of one of the kinds. Never matches a product.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record KindSelector : Selector
{
    internal override void Closed() { }
    private readonly ValueList<DatasetKind> _kinds;
    /// <summary>Matches datasets of one of <paramref name="kinds"/>, and their columns.</summary>
    public KindSelector(IEnumerable<DatasetKind> kinds) => _kinds = Canonical(kinds, (a, b) => a.CompareTo(b));
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<DatasetKind> Kinds => _kinds;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A product, dataset or column of one of the domains (by name, case-sensitive).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record DomainSelector : Selector
{
    internal override void Closed() { }
    private readonly ValueList<string> _domains;
    /// <summary>Matches subjects in one of <paramref name="domains"/>.</summary>
    public DomainSelector(IEnumerable<string> domains) => _domains = CanonicalStrings(domains);
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> Domains => _domains;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>Products named <c>domain/product</c>.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record ProductSelector : Selector
{
    internal override void Closed() { }
    private readonly ValueList<string> _products;
    /// <summary>Matches subjects in one of <paramref name="products"/>, each named <c>domain/product</c>.</summary>
    public ProductSelector(IEnumerable<string> products) => _products = CanonicalStrings(products);
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> Products => _products;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A dataset that has a column whose name matches (for a column: its dataset has one).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record HasColumnSelector : Selector
{
    internal override void Closed() { }
    private readonly PatternText _pattern;
    /// <summary>Matches datasets with a column whose name <paramref name="pattern"/> finds a match in, and their columns.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public HasColumnSelector(string pattern) => _pattern = new PatternText(pattern ?? throw new ArgumentNullException(nameof(pattern)));
    /// <summary>The pattern as given.</summary>
    public string Pattern => _pattern.Text;
    /// <summary>The compiled pattern, from <see cref="Patterns"/>: one per pattern text, shared by equal selectors.</summary>
    public Regex Regex => _pattern.Regex;
    /// <summary>Whether the pattern finds a match in <paramref name="name"/> (see <see cref="PatternText.IsMatch"/>).</summary>
    internal bool IsMatch(string name) => _pattern.IsMatch(name);
    internal void Prepare() => _pattern.Prepare();
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>Matches when every one of <see cref="Parts"/> does.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record AllSelector : Selector
{
    internal override void Closed() { }
    private readonly ValueList<Selector> _parts;
    /// <summary>Matches when all of <paramref name="parts"/> do.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty or holds a null.</exception>
    public AllSelector(IReadOnlyList<Selector> parts) => _parts = NonEmptyCopy(parts);
    /// <summary>The selectors that must all match, in the order given.</summary>
    public IReadOnlyList<Selector> Parts => _parts;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>Matches when at least one of <see cref="Parts"/> does.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record AnySelector : Selector
{
    internal override void Closed() { }
    private readonly ValueList<Selector> _parts;
    /// <summary>Matches when one of <paramref name="parts"/> does.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="parts"/> is empty or holds a null.</exception>
    public AnySelector(IReadOnlyList<Selector> parts) => _parts = NonEmptyCopy(parts);
    /// <summary>The selectors of which one must match, in the order given.</summary>
    public IReadOnlyList<Selector> Parts => _parts;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>Matches when <see cref="Inner"/> does not.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record NotSelector : Selector
{
    internal override void Closed() { }
    /// <summary>Matches when <paramref name="inner"/> does not.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    public NotSelector(Selector inner) => Inner = inner ?? throw new ArgumentNullException(nameof(inner));
    /// <summary>The selector negated.</summary>
    public Selector Inner { get; }
    /// <inheritdoc/>
    public override TResult Accept<TResult>(ISelectorVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(ISelectorVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>
/// A pattern's text and, once asked for, its regular expression from <see cref="Patterns"/> (one per text): what a
/// record of the rule model holds for a pattern. Equal when the texts are, so the regular expression, which is the same
/// for equal texts, takes no part in the record's equality; holding it saves the cache lookup on every match.
/// </summary>
internal sealed class PatternText : IEquatable<PatternText>
{
    private readonly string _regexText;
    private readonly LiteralPattern? _literal;
    private Regex? _regex;
    private Regex? _interpreted;
    private int _uses;

    /// <summary>The pattern <paramref name="text"/>, matched as <paramref name="regexText"/> (default: the text itself).</summary>
    public PatternText(string text, string? regexText = null)
    {
        Text = text;
        _regexText = regexText ?? text;
        _literal = LiteralPattern.TryParse(_regexText);
    }

    public string Text { get; }
    /// <summary>
    /// The regular expression: interpreted for its first <see cref="Patterns.CompileAfter"/> uses, compiled after. A
    /// small check matches a few hundred names, fewer than compiling a pattern to IL costs; a large one matches millions.
    /// </summary>
    public Regex Regex => _regex ?? Tiered();

    /// <summary>Whether the pattern finds a match in <paramref name="input"/>: by comparing text when the pattern is
    /// literal alternatives (<see cref="LiteralPattern"/>), else with <see cref="Regex"/>.</summary>
    public bool IsMatch(string input) => _literal?.IsMatch(input) ?? Regex.IsMatch(input);

    /// <summary>Builds what <see cref="IsMatch"/> will use, before a parallel evaluation: the regular expression, unless
    /// the pattern is literal.</summary>
    public void Prepare()
    {
        if (_literal is null) _ = Regex;
    }

    private Regex Tiered()
    {
        // Not interlocked: the count only decides when to compile, and both regular expressions match alike.
        if (++_uses < Patterns.CompileAfter) return _interpreted ??= Patterns.Get(_regexText, compiled: false);
        return _regex = Patterns.Get(_regexText);
    }

    public bool Equals(PatternText? other) => other is not null && string.Equals(Text, other.Text, StringComparison.Ordinal);
    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PatternText);
    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Text);
    /// <inheritdoc/>
    public override string ToString() => Text;
}

/// <summary>
/// The one place patterns are compiled, and the one cache of them: culture-invariant, compiled once per pattern text
/// and shared by every selector and constraint that says it (the rule model's records hold no compiled state).
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class Patterns
{
    /// <summary>Distinct patterns kept; past this the cache starts over (a long-lived IDE session whose packs change).</summary>
    private const int MaxCached = 4096;

    /// <summary>Matches a pattern is interpreted for before it is compiled (<see cref="PatternText.Regex"/>).</summary>
    internal const int CompileAfter = 10_000;

    private static readonly ConcurrentDictionary<string, Regex> Cache = new ConcurrentDictionary<string, Regex>(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Regex> Interpreted = new ConcurrentDictionary<string, Regex>(StringComparer.Ordinal);
    /// <summary>Misses of <see cref="Get"/> since the caches were last cleared: at least the entries of both.</summary>
    private static int _misses;

    /// <summary>The regular expression of <paramref name="pattern"/>, compiled (or interpreted: <paramref name="compiled"/>
    /// false), the same instance for the same text.</summary>
    public static Regex Get(string pattern, bool compiled = true)
    {
        var cache = compiled ? Cache : Interpreted;
        if (cache.TryGetValue(pattern, out var regex)) return regex;
        // Misses are counted rather than asking the cache its Count, which takes every lock of the dictionary and, the
        // first time, starts its event source (reflection and a dynamic method: milliseconds of a small check's start-up).
        if (Interlocked.Increment(ref _misses) > MaxCached)
        {
            Cache.Clear();
            Interpreted.Clear();
            Interlocked.Exchange(ref _misses, 0);
        }
        return cache.GetOrAdd(pattern, compiled ? Compile : Interpret);
    }

    private static Regex Interpret(string pattern) => new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));

    /// <summary>
    /// A new regular expression of a pattern (<see cref="Get"/> keeps one per pattern). The CLI compiles it to IL (it
    /// matches millions of names); the analyzers interpret it: they match a few thousand names per build, compiling
    /// hundreds of patterns to IL would cost seconds.
    /// </summary>
    public static Regex Compile(string pattern)
#if GOVERNANCE_ANALYZERS
        => Interpret(pattern);
#else
        => new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(2));
#endif

    /// <summary>Why the pattern is not a valid .NET regular expression, or null when it is.</summary>
    public static string? Problem(string pattern)
    {
        if (LiteralPattern.TryParse(pattern) is not null) return null;
        try
        {
            // The interpreted one, kept: a pack's patterns are validated before they are matched, with this instance.
            _ = Get(pattern, compiled: false);
            return null;
        }
        catch (ArgumentException e)
        {
            return "invalid regular expression `" + pattern + "`: " + e.Message;
        }
    }
}
