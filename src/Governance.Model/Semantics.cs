using System;
using System.Collections.Generic;
using System.Text;

namespace Governance;

/// <summary>What a selector or rule looks at: a product, a dataset or a column, with its parents.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
readonly struct Subject
{
    private Subject(TargetLevel level, Domain domain, DataProduct product, Dataset? dataset, Column? column)
    {
        Level = level; Domain = domain; Product = product; Dataset = dataset; Column = column;
    }

    public static Subject ForProduct(Domain domain, DataProduct product) => new Subject(TargetLevel.Product, domain, product, null, null);
    public static Subject ForDataset(Domain domain, DataProduct product, Dataset dataset) => new Subject(TargetLevel.Dataset, domain, product, dataset, null);
    public static Subject ForColumn(Domain domain, DataProduct product, Dataset dataset, Column column) => new Subject(TargetLevel.Column, domain, product, dataset, column);

    public TargetLevel Level { get; }
    public Domain Domain { get; }
    public DataProduct Product { get; }
    public Dataset? Dataset { get; }
    public Column? Column { get; }

    /// <summary>The subject's own stored name.</summary>
    public string Name => Level switch { TargetLevel.Product => Product.Name, TargetLevel.Dataset => Dataset!.Name, _ => Column!.Name };

    /// <summary>The subject's own tags.</summary>
    public TagSet OwnTags => Level switch { TargetLevel.Product => Product.Tags, TargetLevel.Dataset => Dataset!.Tags, _ => Column!.Tags };

    /// <summary>The effective value of a tag: set on the subject, else inherited from its dataset, then its product.</summary>
    public string? EffectiveTag(string tag)
    {
        string? v = null;
        if (Column is not null) v = Column.Tags.Get(tag);
        if (v is null && Dataset is not null) v = Dataset.Tags.Get(tag);
        return v ?? Product.Tags.Get(tag);
    }

    /// <summary>The target as reports print it: stored names joined with dots (DB.SCHEMA[.DATASET[.COLUMN]]).</summary>
    public string Target => Level switch
    {
        TargetLevel.Product => Targets.Of(Product),
        TargetLevel.Dataset => Targets.Of(Product, Dataset!),
        _ => Targets.Of(Product, Dataset!, Column!),
    };
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class Targets
{
    public static string Of(DataProduct p) => p.Database + "." + p.Schema;
    public static string Of(DataProduct p, Dataset d) => p.Database + "." + p.Schema + "." + d.Name;
    public static string Of(DataProduct p, Dataset d, Column c) => p.Database + "." + p.Schema + "." + d.Name + "." + c.Name;
}

/// <summary>
/// Remembered results of name patterns: names repeat heavily across a mesh (ID, REGION, CREATED_AT …), so a pattern is
/// run once per distinct name. Thread-safe; one per rule set and run (the analyzers keep one per compilation).
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class NameMatches
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<KeyValuePair<System.Text.RegularExpressions.Regex, string>, bool> _results =
        new System.Collections.Concurrent.ConcurrentDictionary<KeyValuePair<System.Text.RegularExpressions.Regex, string>, bool>(new KeyComparer());

    public bool IsMatch(System.Text.RegularExpressions.Regex regex, string name)
        => _results.GetOrAdd(new KeyValuePair<System.Text.RegularExpressions.Regex, string>(regex, name), k => k.Key.IsMatch(k.Value));

    private sealed class KeyComparer : IEqualityComparer<KeyValuePair<System.Text.RegularExpressions.Regex, string>>
    {
        public bool Equals(KeyValuePair<System.Text.RegularExpressions.Regex, string> x, KeyValuePair<System.Text.RegularExpressions.Regex, string> y)
            => ReferenceEquals(x.Key, y.Key) && string.Equals(x.Value, y.Value, StringComparison.Ordinal);

        public int GetHashCode(KeyValuePair<System.Text.RegularExpressions.Regex, string> k)
            => unchecked(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(k.Key) * 31 + StringComparer.Ordinal.GetHashCode(k.Value));
    }
}

/// <summary>
/// The meaning of every selector and rule, written once. The evaluator, the compiler and the analyzers call these;
/// a faster path elsewhere is proven equal to them by property tests.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class Semantics
{
    /// <summary>True when <paramref name="selector"/> selects <paramref name="subject"/>.</summary>
    public static bool Matches(Selector selector, in Subject subject) => Matches(selector, subject, null);

    /// <summary>
    /// The same, with two ways for a caller to skip repeated pattern matching (each must give what the plain test gives;
    /// property tests check both): <paramref name="names"/> remembers name-pattern results per name (the analyzers), and
    /// <paramref name="hasColumn"/> answers the has-column test from what the caller already knows about the dataset's
    /// column names (the evaluator memoizes them per name).
    /// </summary>
    public static bool Matches(Selector selector, in Subject subject, NameMatches? names, Func<HasColumnSelector, bool>? hasColumn = null)
    {
        switch (selector)
        {
            case AlwaysSelector:
                return true;
            case TagSelector t:
            {
                var v = subject.EffectiveTag(t.Tag);
                if (v is null) return false;
                if (t.Values is null) return true;
                for (var i = 0; i < t.Values.Count; i++)
                {
                    if (string.Equals(t.Values[i], v, StringComparison.Ordinal)) return true;
                }
                return false;
            }
            case NameSelector n:
                return names is null ? n.Regex.IsMatch(subject.Name) : names.IsMatch(n.Regex, subject.Name);
            case TypeSelector ty:
                if (subject.Column is null) return false;
                return Contains(ty.Families, subject.Column.Type.Family);
            case KindSelector k:
                if (subject.Dataset is null) return false;
                return Contains(k.Kinds, subject.Dataset.Kind);
            case DomainSelector d:
                return ContainsString(d.Domains, subject.Domain.Name);
            case ProductSelector p:
            {
                for (var i = 0; i < p.Products.Count; i++)
                {
                    if (MeshIdentity.IsProduct(p.Products[i], subject.Domain.Name, subject.Product.Name)) return true;
                }
                return false;
            }
            case HasColumnSelector h:
            {
                if (subject.Dataset is null) return false;
                if (hasColumn is not null) return hasColumn(h);
                var columns = subject.Dataset.Columns;
                for (var i = 0; i < columns.Count; i++)
                {
                    if (names is null ? h.Regex.IsMatch(columns[i].Name) : names.IsMatch(h.Regex, columns[i].Name)) return true;
                }
                return false;
            }
            case AllSelector all:
                for (var i = 0; i < all.Parts.Count; i++)
                {
                    if (!Matches(all.Parts[i], subject, names, hasColumn)) return false;
                }
                return true;
            case AnySelector any:
                for (var i = 0; i < any.Parts.Count; i++)
                {
                    if (Matches(any.Parts[i], subject, names, hasColumn)) return true;
                }
                return false;
            case NotSelector not:
                return !Matches(not.Inner, subject, names, hasColumn);
            default:
                throw new NotSupportedException("unknown selector " + selector.GetType().Name);
        }
    }

    private static bool Contains<T>(IReadOnlyList<T> list, T value) where T : struct, Enum
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], value)) return true;
        }
        return false;
    }

    private static bool ContainsString(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>
    /// The tags a selector can only match when present on the subject (effective tags), or null when it can match
    /// without any particular tag. Used to index rules by tag: a sound over-approximation, never a miss.
    /// </summary>
    public static IReadOnlyList<string>? RequiredTags(Selector selector)
    {
        switch (selector)
        {
            case TagSelector t:
                return new[] { t.Tag };
            case AllSelector all:
                foreach (var part in all.Parts)
                {
                    var r = RequiredTags(part);
                    if (r is not null) return r;
                }
                return null;
            case AnySelector any:
            {
                var union = new List<string>();
                foreach (var part in any.Parts)
                {
                    var r = RequiredTags(part);
                    if (r is null) return null;
                    union.AddRange(r);
                }
                return union.Count == 0 ? null : Selector.CanonicalStrings(union);
            }
            default:
                return null;
        }
    }

    // ---------------------------------------------------------------- naming

    /// <summary>Fills <c>{domain}</c>, <c>{DOMAIN}</c>, <c>{product}</c>, <c>{PRODUCT}</c> in an affix template.</summary>
    public static string FillTemplate(string template, in Subject subject)
    {
        if (template.IndexOf('{') < 0) return template;
        return template
            .Replace("{domain}", subject.Domain.Name)
            .Replace("{DOMAIN}", subject.Domain.Name.ToUpperInvariant())
            .Replace("{product}", subject.Product.Name)
            .Replace("{PRODUCT}", subject.Product.Name.ToUpperInvariant());
    }

    /// <summary>True when <paramref name="name"/> is written in <paramref name="style"/>.</summary>
    public static bool IsInCase(string name, CaseStyle style)
    {
        if (name.Length == 0) return false;
        switch (style)
        {
            case CaseStyle.UpperSnake:
            case CaseStyle.LowerSnake:
            {
                var upper = style == CaseStyle.UpperSnake;
                if (!IsLetterOf(name[0], upper)) return false;
                for (var i = 1; i < name.Length; i++)
                {
                    var c = name[i];
                    if (c == '_')
                    {
                        if (i == name.Length - 1 || name[i + 1] == '_') return false;
                        continue;
                    }
                    if (!IsLetterOf(c, upper) && !(c >= '0' && c <= '9')) return false;
                }
                return true;
            }
            default:
            {
                var first = name[0];
                if (style == CaseStyle.Pascal ? !(first >= 'A' && first <= 'Z') : !(first >= 'a' && first <= 'z')) return false;
                for (var i = 1; i < name.Length; i++)
                {
                    var c = name[i];
                    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
                }
                return true;
            }
        }
    }

    private static bool IsLetterOf(char c, bool upper) => upper ? c >= 'A' && c <= 'Z' : c >= 'a' && c <= 'z';

    /// <summary>
    /// Rewrites <paramref name="name"/> in <paramref name="style"/>: words split at <c>_</c>, <c>-</c>, spaces, dots and
    /// lower-to-upper changes (<c>customerEmail</c> → <c>CUSTOMER_EMAIL</c>). The code fix and messages use it.
    /// </summary>
    public static string ToCase(string name, CaseStyle style)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush(words, current);
                continue;
            }
            if (current.Length > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                Flush(words, current);
            current.Append(c);
        }
        Flush(words, current);
        if (words.Count == 0) return name;
        var sb = new StringBuilder(name.Length);
        for (var w = 0; w < words.Count; w++)
        {
            var word = words[w];
            switch (style)
            {
                case CaseStyle.UpperSnake:
                    if (w > 0) sb.Append('_');
                    sb.Append(word.ToUpperInvariant());
                    break;
                case CaseStyle.LowerSnake:
                    if (w > 0) sb.Append('_');
                    sb.Append(word.ToLowerInvariant());
                    break;
                default:
                    var lower = word.ToLowerInvariant();
                    if (style == CaseStyle.Camel && w == 0) sb.Append(lower);
                    else sb.Append(char.ToUpperInvariant(lower[0])).Append(lower, 1, lower.Length - 1);
                    break;
            }
        }
        var result = sb.ToString();
        // A name cannot start with a digit in the snake styles' grammar; keep it as is, the check will still report it.
        return result;
    }

    private static void Flush(List<string> words, StringBuilder current)
    {
        if (current.Length == 0) return;
        words.Add(current.ToString());
        current.Clear();
    }

    /// <summary>
    /// Checks one naming constraint. Returns null when <paramref name="name"/> satisfies it; otherwise the GOV message
    /// with <paramref name="levelName"/> (<c>column</c>, <c>dataset</c>, <c>product</c>) and the name filled in, and the
    /// GOV ID in <paramref name="id"/>.
    /// </summary>
    public static string? NamingViolation(NamingConstraint constraint, string name, string levelName, in Subject subject, out string id)
    {
        switch (constraint)
        {
            case CaseConstraint c:
                id = GovIds.NameCase;
                return IsInCase(name, c.Style) ? null : GovCatalog.Get(id).Format(levelName, name, Names.Of(c.Style), ToCase(name, c.Style));
            case PatternConstraint p:
            {
                id = GovIds.NamePattern;
                return p.Regex.IsMatch(name) ? null : GovCatalog.Get(id).Format(levelName, name, p.Pattern);
            }
            case AffixConstraint a:
            {
                id = a.IsPrefix ? GovIds.NamePrefix : GovIds.NameSuffix;
                foreach (var t in a.Templates)
                {
                    var affix = FillTemplate(t, subject); // allocates only for templates with placeholders
                    if (a.IsPrefix ? name.StartsWith(affix, StringComparison.Ordinal) : name.EndsWith(affix, StringComparison.Ordinal)) return null;
                }
                var options = new List<string>(a.Templates.Count);
                foreach (var t in a.Templates) options.Add("`" + FillTemplate(t, subject) + "`");
                options.Sort(StringComparer.Ordinal);
                return GovCatalog.Get(id).Format(levelName, name, string.Join(" or ", options));
            }
            case MaxLengthConstraint l:
                id = GovIds.NameTooLong;
                return name.Length <= l.Max ? null : GovCatalog.Get(id).Format(levelName, name, name.Length, l.Max);
            case NotReservedConstraint:
                id = GovIds.NameReserved;
                return SnowflakeIdentifier.IsReserved(name) ? GovCatalog.Get(id).Format(levelName, name) : null;
            default:
                throw new NotSupportedException("unknown naming constraint " + constraint.GetType().Name);
        }
    }

    // ---------------------------------------------------------------- masking and row access combining

    /// <summary>
    /// The combining rule for masking, written down. Snowflake attaches one policy per column, so among the rules that
    /// select a column one strategy applies: the lowest <see cref="MaskingStrategy.Rank"/> of the strategy that would
    /// actually mask the column's type (<see cref="EffectiveStrategy"/>: a strategy that cannot return the type is
    /// nullify, rank 0) reveals least and wins; ties go to
    /// the fewest reveal roles, then to the rule reference in ordinal order. Returns &lt; 0 when <paramref name="a"/>
    /// wins. Who sees clear values is not the winner's alone: deny overrides — a session sees the clear value only if
    /// <em>every</em> matching rule reveals it to that session (see <see cref="SeesClear"/>), so adding a rule can never
    /// unmask anything.
    /// </summary>
    public static int CompareMasking(MaskingRule a, string aRef, MaskingRule b, string bRef, SnowflakeType type)
    {
        var c = EffectiveStrategy(a.Strategy, type).Rank.CompareTo(EffectiveStrategy(b.Strategy, type).Rank);
        if (c != 0) return c;
        c = a.RevealTo.Count.CompareTo(b.RevealTo.Count);
        if (c != 0) return c;
        return string.CompareOrdinal(aRef, bRef);
    }

    /// <summary>
    /// The order of row access rules on one dataset: the fewest bypass roles first, then the rule reference in ordinal
    /// order. All matching rules apply (deny overrides: a row is visible only when every rule admits it); the order
    /// only decides which is reported first.
    /// </summary>
    public static int CompareRowAccess(RowAccessRule a, string aRef, RowAccessRule b, string bRef)
    {
        var c = a.BypassRoles.Count.CompareTo(b.BypassRoles.Count);
        if (c != 0) return c;
        return string.CompareOrdinal(aRef, bRef);
    }

    /// <summary>
    /// Whether a session whose primary role is <paramref name="role"/> sees a masked column in clear: it must hold one
    /// role of every clause (one clause per matching rule's reveal roles; the role hierarchy counts), and every
    /// condition of the matching rules must hold in the row (<paramref name="conditionsHold"/>).
    /// </summary>
    public static bool SeesClear(RoleGraph roles, string role, IReadOnlyList<IReadOnlyList<string>> revealClauses, bool conditionsHold)
    {
        if (!conditionsHold || revealClauses.Count == 0) return false;
        for (var i = 0; i < revealClauses.Count; i++)
        {
            if (!roles.HasAny(role, revealClauses[i])) return false;
        }
        return true;
    }

    /// <summary>The strategy that actually masks a column: the rule's, or nullify when the rule's cannot return the
    /// column's type (fail closed; GOV1002 reports it).</summary>
    public static MaskingStrategy EffectiveStrategy(MaskingStrategy strategy, SnowflakeType type)
        => strategy.Supports(type.Family) ? strategy : NullifyStrategy.Instance;
}
