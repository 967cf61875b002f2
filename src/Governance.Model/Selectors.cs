using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Governance;

/// <summary>
/// What a rule applies to: a tree of conditions over a product, a dataset or a column and its parents. Selectors are
/// data — no lambdas — so the evaluator, the Snowflake compiler and the analyzers all read the same thing.
/// Semantics: <see cref="Semantics.Matches(Selector, in Subject)"/>.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract class Selector
{
    private protected Selector() { }

    /// <summary>Matches everything.</summary>
    public static readonly Selector Always = new AlwaysSelector();

    public static Selector HasTag(string tag) => new TagSelector(tag, null);
    public static Selector TagIn(string tag, params string[] values) => new TagSelector(tag, values);
    public static Selector NameMatches(string pattern) => new NameSelector(pattern);
    public static Selector TypeIs(params DataTypeFamily[] families) => new TypeSelector(families);
    public static Selector KindIs(params DatasetKind[] kinds) => new KindSelector(kinds);
    public static Selector InDomain(params string[] domains) => new DomainSelector(domains);
    /// <summary>Products named <c>domain/product</c>.</summary>
    public static Selector InProduct(params string[] products) => new ProductSelector(products);
    public static Selector HasColumn(string pattern) => new HasColumnSelector(pattern);
    public static Selector All(params Selector[] parts) => parts.Length == 1 ? parts[0] : new AllSelector(parts);
    public static Selector Any(params Selector[] parts) => parts.Length == 1 ? parts[0] : new AnySelector(parts);
    public static Selector Not(Selector inner) => new NotSelector(inner);

    /// <summary>Both selectors match.</summary>
    public static Selector operator &(Selector left, Selector right) => new AllSelector(new[] { left, right });
    /// <summary>Either selector matches.</summary>
    public static Selector operator |(Selector left, Selector right) => new AnySelector(new[] { left, right });
    /// <summary>The selector does not match.</summary>
    public static Selector operator !(Selector inner) => new NotSelector(inner);

    /// <summary>Sorted, distinct copy of a set given in any order: the canonical form of the IR.</summary>
    internal static IReadOnlyList<T> Canonical<T>(IEnumerable<T> items, Comparison<T> compare)
    {
        var list = new List<T>(items);
        list.Sort(compare);
        for (var i = list.Count - 1; i > 0; i--)
        {
            if (compare(list[i], list[i - 1]) == 0) list.RemoveAt(i);
        }
        return list.ToArray();
    }

    internal static IReadOnlyList<string> CanonicalStrings(IEnumerable<string> items) => Canonical(items, string.CompareOrdinal);

    /// <summary>A private copy (the IR never aliases a caller's array), refusing an empty list.</summary>
    internal static IReadOnlyList<Selector> NonEmptyCopy(IReadOnlyList<Selector> parts)
    {
        if (parts is null) throw new ArgumentNullException(nameof(parts));
        var copy = new Selector[parts.Count];
        for (var i = 0; i < copy.Length; i++) copy[i] = parts[i] ?? throw new ArgumentException("a selector cannot be null", nameof(parts));
        if (copy.Length == 0) throw new ArgumentException("at least one selector is required", nameof(parts));
        return copy;
    }
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class AlwaysSelector : Selector
{
    internal AlwaysSelector() { }
}

/// <summary>The subject's effective tag (its own, else inherited from its dataset, then its product) is set, and when
/// <see cref="Values"/> is given, is one of them.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class TagSelector : Selector
{
    public TagSelector(string tag, IEnumerable<string>? values)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Values = values is null ? null : CanonicalStrings(values);
    }

    public string Tag { get; }
    /// <summary>Null: the tag only has to be present.</summary>
    public IReadOnlyList<string>? Values { get; }
}

/// <summary>A regular expression that the subject's stored name must match (.NET syntax, case-sensitive unless the
/// pattern says <c>(?i)</c>; anchor it with <c>^…$</c> for a whole-name match).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class NameSelector : Selector
{
    private Regex? _regex;

    public NameSelector(string pattern) => Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));

    public string Pattern { get; }

    /// <summary>The compiled pattern, prepared once per selector.</summary>
    public Regex Regex => _regex ??= Patterns.Compile(Pattern);
}

/// <summary>A column whose data type is in one of the families. Never matches a product or dataset.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class TypeSelector : Selector
{
    public TypeSelector(IEnumerable<DataTypeFamily> families) => Families = Canonical(families, (a, b) => a.CompareTo(b));
    public IReadOnlyList<DataTypeFamily> Families { get; }
}

/// <summary>A dataset (or a column of a dataset) of one of the kinds. Never matches a product.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class KindSelector : Selector
{
    public KindSelector(IEnumerable<DatasetKind> kinds) => Kinds = Canonical(kinds, (a, b) => a.CompareTo(b));
    public IReadOnlyList<DatasetKind> Kinds { get; }
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class DomainSelector : Selector
{
    public DomainSelector(IEnumerable<string> domains) => Domains = CanonicalStrings(domains);
    public IReadOnlyList<string> Domains { get; }
}

/// <summary>Products named <c>domain/product</c>.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class ProductSelector : Selector
{
    public ProductSelector(IEnumerable<string> products) => Products = CanonicalStrings(products);
    public IReadOnlyList<string> Products { get; }
}

/// <summary>A dataset that has a column whose name matches (for a column: its dataset has one).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class HasColumnSelector : Selector
{
    private Regex? _regex;

    public HasColumnSelector(string pattern) => Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
    public string Pattern { get; }
    public Regex Regex => _regex ??= Patterns.Compile(Pattern);
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class AllSelector : Selector
{
    public AllSelector(IReadOnlyList<Selector> parts) => Parts = NonEmptyCopy(parts);
    public IReadOnlyList<Selector> Parts { get; }
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class AnySelector : Selector
{
    public AnySelector(IReadOnlyList<Selector> parts) => Parts = NonEmptyCopy(parts);
    public IReadOnlyList<Selector> Parts { get; }
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class NotSelector : Selector
{
    public NotSelector(Selector inner) => Inner = inner ?? throw new ArgumentNullException(nameof(inner));
    public Selector Inner { get; }
}

/// <summary>The one place patterns are compiled: culture-invariant, compiled once.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class Patterns
{
    /// <summary>
    /// The regular expression of a pattern. The CLI compiles it to IL (it matches millions of names); the analyzers
    /// interpret it: they match a few thousand names per build, compiling hundreds of patterns to IL would cost seconds,
    /// and concurrent symbol actions would compile the same pattern on several threads at once.
    /// </summary>
    public static Regex Compile(string pattern)
#if GOVERNANCE_ANALYZERS
        => new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
#else
        => new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(2));
#endif

    /// <summary>Why the pattern is not a valid .NET regular expression, or null when it is.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant);
            return null;
        }
        catch (ArgumentException e)
        {
            return "invalid regular expression `" + pattern + "`: " + e.Message;
        }
    }
}
