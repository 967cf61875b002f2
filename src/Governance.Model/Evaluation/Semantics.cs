using System;
using System.Collections.Generic;
using System.Text;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Evaluation;

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

    /// <summary>A product as the subject.</summary>
    public static Subject ForProduct(Domain domain, DataProduct product) => new Subject(TargetLevel.Product, domain, product, null, null);
    /// <summary>A dataset as the subject.</summary>
    public static Subject ForDataset(Domain domain, DataProduct product, Dataset dataset) => new Subject(TargetLevel.Dataset, domain, product, dataset, null);
    /// <summary>A column as the subject.</summary>
    public static Subject ForColumn(Domain domain, DataProduct product, Dataset dataset, Column column) => new Subject(TargetLevel.Column, domain, product, dataset, column);

    /// <summary>Whether the subject is a product, a dataset or a column.</summary>
    public TargetLevel Level { get; }
    /// <summary>The subject's domain.</summary>
    public Domain Domain { get; }
    /// <summary>The subject's product (the subject itself at product level).</summary>
    public DataProduct Product { get; }
    /// <summary>The subject's dataset (itself at dataset level), or null for a product.</summary>
    public Dataset? Dataset { get; }
    /// <summary>The column, or null for a product or dataset.</summary>
    public Column? Column { get; }

    /// <summary>The subject's own stored name.</summary>
    public string Name => Level switch
    {
        TargetLevel.Product => Product.Name, TargetLevel.Dataset => Dataset!.Name, TargetLevel.Column => Column!.Name,
        _ => throw UnknownLevel(Level),
    };

    /// <summary>The subject's own tags.</summary>
    public TagSet OwnTags => Level switch
    {
        TargetLevel.Product => Product.Tags, TargetLevel.Dataset => Dataset!.Tags, TargetLevel.Column => Column!.Tags,
        _ => throw UnknownLevel(Level),
    };

    /// <summary>The identity of the subject's product in the mesh: <c>domain/product</c>, as selectors name it.</summary>
    public string ProductId => Domain.Name + "/" + Product.Name;

    private static ArgumentOutOfRangeException UnknownLevel(TargetLevel level) => new ArgumentOutOfRangeException(nameof(Level), level, "unknown level");

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
        TargetLevel.Column => Targets.Of(Product, Dataset!, Column!),
        _ => throw UnknownLevel(Level),
    };
}

/// <summary>The target of a finding: stored names joined with dots, <c>DB.SCHEMA[.DATASET[.COLUMN]]</c>, as reports print it.</summary>
internal static class Targets
{
    /// <summary><c>DB.SCHEMA</c> of a product.</summary>
    public static string Of(DataProduct p) => p.Database + "." + p.Schema;
    /// <summary><c>DB.SCHEMA.DATASET</c> of a dataset.</summary>
    public static string Of(DataProduct p, Dataset d) => p.Database + "." + p.Schema + "." + d.Name;
    /// <summary><c>DB.SCHEMA.DATASET.COLUMN</c> of a column.</summary>
    public static string Of(DataProduct p, Dataset d, Column c) => p.Database + "." + p.Schema + "." + d.Name + "." + c.Name;
}

/// <summary>
/// The meaning of every selector and rule, written once. The evaluator, the compiler and the analyzers call these;
/// a faster path elsewhere is proven equal to them by property tests.
/// </summary>
internal static class Semantics
{
    [ThreadStatic] private static SelectorMatcher? t_matcher;

    /// <summary>True when <paramref name="selector"/> selects <paramref name="subject"/>.</summary>
    public static bool Matches(Selector selector, in Subject subject)
    {
        if (selector is null) throw new ArgumentNullException(nameof(selector));
        var matcher = t_matcher ??= new SelectorMatcher();
        return matcher.Matches(selector, subject);
    }

    internal static bool Contains<T>(IReadOnlyList<T> list, T value) where T : struct, Enum
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], value)) return true;
        }
        return false;
    }

    internal static bool ContainsString(IReadOnlyList<string> list, string value)
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
    public static IReadOnlyList<string>? RequiredTags(Selector selector) => selector.Accept(RequiredTagsOf.Instance);

    private sealed class RequiredTagsOf : ISelectorVisitor<IReadOnlyList<string>?>
    {
        public static readonly RequiredTagsOf Instance = new RequiredTagsOf();
        public IReadOnlyList<string>? Visit(AlwaysSelector selector) => null;
        public IReadOnlyList<string>? Visit(TagSelector selector) => new[] { selector.Tag };
        public IReadOnlyList<string>? Visit(NameSelector selector) => null;
        public IReadOnlyList<string>? Visit(TypeSelector selector) => null;
        public IReadOnlyList<string>? Visit(KindSelector selector) => null;
        public IReadOnlyList<string>? Visit(DomainSelector selector) => null;
        public IReadOnlyList<string>? Visit(ProductSelector selector) => null;
        public IReadOnlyList<string>? Visit(HasColumnSelector selector) => null;

        public IReadOnlyList<string>? Visit(AllSelector selector)
        {
            foreach (var part in selector.Parts)
            {
                var r = part.Accept(this);
                if (r is not null) return r;
            }
            return null;
        }

        public IReadOnlyList<string>? Visit(AnySelector selector)
        {
            var union = new List<string>();
            foreach (var part in selector.Parts)
            {
                var r = part.Accept(this);
                if (r is null) return null;
                union.AddRange(r);
            }
            return union.Count == 0 ? null : Selector.CanonicalStrings(union);
        }

        public IReadOnlyList<string>? Visit(NotSelector selector) => null;
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
            case CaseStyle.Pascal:
            case CaseStyle.Camel:
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
            default:
                throw new ArgumentOutOfRangeException(nameof(style), style, "unknown case style");
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
                case CaseStyle.Pascal:
                case CaseStyle.Camel:
                    var lower = word.ToLowerInvariant();
                    if (style == CaseStyle.Camel && w == 0) sb.Append(lower);
                    else sb.Append(char.ToUpperInvariant(lower[0])).Append(lower, 1, lower.Length - 1);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(style), style, "unknown case style");
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

/// <summary>
/// What a naming constraint means for one name: whether the name violates it (the predicate, which builds nothing) and,
/// when explaining, the finding's GOV ID, its message and a name that satisfies the constraint (the reporter). Reused
/// for many names by one thread.
/// </summary>
internal sealed class NamingCheck : INamingConstraintVisitor<bool>
{
    private string _name = "";
    private string _level = "";
    private Subject _subject;
    private bool _explain;

    /// <summary>The GOV ID of the constraint (set by <see cref="Explain"/>, whether or not it is violated).</summary>
    public string? Id { get; private set; }
    /// <summary>The arguments of <see cref="Id"/>'s message, when <see cref="Explain"/> found a violation (a new array
    /// each time: the finding renders its message from them when it is read).</summary>
    public object[]? Arguments { get; private set; }
    /// <summary>A name that satisfies the constraint (case, prefix, suffix), when <see cref="Explain"/> found a violation.</summary>
    public string? Suggestion { get; private set; }

    /// <summary>True when the subject's name violates <paramref name="constraint"/>.</summary>
    public bool Violates(NamingConstraint constraint, in Subject subject)
    {
        _name = subject.Name;
        _subject = subject;
        _explain = false;
        return constraint.Accept(this);
    }

    /// <summary>The same, and when violated, the ID, message (with <paramref name="level"/>) and suggestion.</summary>
    public bool Explain(NamingConstraint constraint, string name, string level, in Subject subject)
    {
        _name = name;
        _level = level;
        _subject = subject;
        _explain = true;
        Id = Suggestion = null;
        Arguments = null;
        return constraint.Accept(this);
    }

    private bool Violation(string id, string? suggestion, params object[] args)
    {
        Arguments = args;
        Suggestion = suggestion;
        return true;
    }

    public bool Visit(CaseConstraint constraint)
    {
        if (_explain) Id = GovIds.NameCase;
        if (Semantics.IsInCase(_name, constraint.Style)) return false;
        if (!_explain) return true;
        var compliant = Semantics.ToCase(_name, constraint.Style);
        return Violation(GovIds.NameCase, compliant, _level, _name, Names.Of(constraint.Style), compliant);
    }

    public bool Visit(PatternConstraint constraint)
    {
        if (_explain) Id = GovIds.NamePattern;
        if (constraint.IsMatch(_name)) return false;
        return !_explain || Violation(GovIds.NamePattern, null, _level, _name, constraint.Pattern);
    }

    public bool Visit(AffixConstraint constraint)
    {
        if (_explain) Id = constraint.IsPrefix ? GovIds.NamePrefix : GovIds.NameSuffix;
        var templates = constraint.Templates;
        for (var i = 0; i < templates.Count; i++)
        {
            var affix = Semantics.FillTemplate(templates[i], _subject); // allocates only for templates with placeholders
            if (constraint.IsPrefix ? _name.StartsWith(affix, StringComparison.Ordinal) : _name.EndsWith(affix, StringComparison.Ordinal)) return false;
        }
        if (!_explain) return true;
        var options = new List<string>(templates.Count);
        foreach (var t in templates) options.Add("`" + Semantics.FillTemplate(t, _subject) + "`");
        options.Sort(StringComparer.Ordinal);
        var first = Semantics.FillTemplate(templates[0], _subject);
        return Violation(Id!, constraint.IsPrefix ? first + _name : _name + first, _level, _name, string.Join(" or ", options));
    }

    public bool Visit(MaxLengthConstraint constraint)
    {
        if (_explain) Id = GovIds.NameTooLong;
        if (_name.Length <= constraint.Max) return false;
        return !_explain || Violation(GovIds.NameTooLong, null, _level, _name, _name.Length, constraint.Max);
    }

    public bool Visit(NotReservedConstraint constraint)
    {
        if (_explain) Id = GovIds.NameReserved;
        if (!SnowflakeIdentifier.IsReserved(_name)) return false;
        return !_explain || Violation(GovIds.NameReserved, null, _level, _name);
    }
}

/// <summary>
/// What every selector means: whether it selects a subject. A visitor, reused by one thread for many subjects (the
/// evaluator keeps one per worker): <see cref="Matches(Selector, in Subject)"/> sets the subject and dispatches without allocating.
/// </summary>
internal sealed class SelectorMatcher : ISelectorVisitor<bool>
{
    private readonly NameMatches? _names;
    private NameOnlyHit? _hit;
    private Subject _subject;

    public SelectorMatcher() { }

    internal SelectorMatcher(NameMatches? names, Func<HasColumnSelector, bool>? hasColumn)
    {
        _names = names;
        HasColumn = hasColumn;
    }

    /// <summary>How a has-column test is answered when not by matching every column's name (the evaluator's memo).</summary>
    public Func<HasColumnSelector, bool>? HasColumn { get; set; }

    /// <summary>True when <paramref name="selector"/> selects <paramref name="subject"/>.</summary>
    public bool Matches(Selector selector, in Subject subject)
    {
        _subject = subject;
        return selector.Accept(this);
    }

    /// <summary>The subject of the next <see cref="Matches(Selector)"/> calls.</summary>
    public void Start(in Subject subject) => _subject = subject;

    /// <summary>True when <paramref name="selector"/> selects the subject given to <see cref="Start"/>.</summary>
    public bool Matches(Selector selector) => selector.Accept(this);

    public bool Visit(AlwaysSelector selector) => true;

    public bool Visit(TagSelector selector)
    {
        var v = _subject.EffectiveTag(selector.Tag);
        if (v is null) return false;
        var values = selector.Values;
        if (values is null) return true;
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], v, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    public bool Visit(NameSelector selector) => selector.IsMatch(_subject.Name);

    public bool Visit(TypeSelector selector) => _subject.Column is { } column && Semantics.Contains(selector.Families, column.Type.Family);

    public bool Visit(KindSelector selector) => _subject.Dataset is { } dataset && Semantics.Contains(selector.Kinds, dataset.Kind);

    public bool Visit(DomainSelector selector) => Semantics.ContainsString(selector.Domains, _subject.Domain.Name);

    public bool Visit(ProductSelector selector)
    {
        var products = selector.Products;
        for (var i = 0; i < products.Count; i++)
        {
            if (MeshIdentity.IsProduct(products[i], _subject.Domain.Name, _subject.Product.Name)) return true;
        }
        return false;
    }

    public bool Visit(HasColumnSelector selector)
    {
        if (_subject.Dataset is not { } dataset) return false;
        if (HasColumn is { } hasColumn) return hasColumn(selector);
        if (_names?.HasColumn(_subject, selector, _hit ??= new NameOnlyHit()) is { } remembered) return remembered;
        var columns = dataset.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            if (selector.IsMatch(columns[i].Name)) return true;
        }
        return false;
    }

    public bool Visit(AllSelector selector)
    {
        var parts = selector.Parts;
        for (var i = 0; i < parts.Count; i++)
        {
            if (!parts[i].Accept(this)) return false;
        }
        return true;
    }

    public bool Visit(AnySelector selector)
    {
        var parts = selector.Parts;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Accept(this)) return true;
        }
        return false;
    }

    public bool Visit(NotSelector selector) => !selector.Inner.Accept(this);
}
