using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Evaluation;

/// <summary>
/// What each rule decides on one subject and the finding it reports, written once: the analyzers' <see cref="Checks"/>
/// give it every rule on every subject, the evaluator only the candidates its indexes choose. Tag requirement, product
/// metadata, naming and taxonomy rules report here; a masking rule that selects a column and a row access rule that
/// selects a dataset are collected (<see cref="MaskMatches"/>, <see cref="RowMatches"/>) for <see cref="CombineMasking"/>
/// and <see cref="CombineRowAccess"/>, which decide how the column or dataset is protected. One instance per thread,
/// reused for many subjects.
/// </summary>
internal sealed class RuleCheck : IRuleVisitor<bool>
{
    private readonly SelectorMatcher _matcher;
    private readonly NameMatches? _names;
    private NameOnlyHit? _hit;
    private readonly NamingCheck _naming = new NamingCheck();
    private RuleSet? _set;
    private BoundRule? _bound;
    private Subject _subject;
    private List<Finding>? _into;
    private bool _selected;
    private IReadOnlyDictionary<string, TagDefinition>? _hintsOf;
    private readonly Dictionary<string, string> _hints = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly MaskingCombinations _combinations;
    private readonly MaskingCombinations.Key _probe = new MaskingCombinations.Key();
    private string? _target;
    private DataProduct? _targetProduct;
    private Dataset? _targetDataset;
    private string? _datasetTarget;

    /// <summary>A check that matches name patterns through <paramref name="names"/> when given, and shares the lists of
    /// masking decisions through <paramref name="combinations"/> (shared by the checks of many threads) when given.</summary>
    public RuleCheck(NameMatches? names = null, MaskingCombinations? combinations = null)
    {
        _names = names;
        _matcher = new SelectorMatcher(names, null);
        _combinations = combinations ?? new MaskingCombinations();
    }

    /// <summary>The masking rules that selected the column since <see cref="MaskMatches"/> was last cleared.</summary>
    public List<BoundRule> MaskMatches { get; } = new List<BoundRule>();

    /// <summary>The row access rules that selected the dataset since <see cref="RowMatches"/> was last cleared.</summary>
    public List<BoundRule> RowMatches { get; } = new List<BoundRule>();

    /// <summary>How a row access rule's has-column test is answered (null: by matching every column's name).</summary>
    public Func<HasColumnSelector, bool>? HasColumn
    {
        get => _matcher.HasColumn;
        set => _matcher.HasColumn = value;
    }

    /// <summary>The subject the next checks are about, the rule set whose taxonomy they read and where findings go. Set
    /// once per subject (not per rule: the evaluator checks many rules on millions of subjects).</summary>
    public void Start(RuleSet set, in Subject subject, List<Finding> into)
    {
        _set = set;
        _subject = subject;
        _into = into;
        _target = null;
        _matcher.Start(subject);
    }

    /// <summary>
    /// The subject's <see cref="Subject.Target"/>, built once per subject and only when a finding or decision asks for it
    /// (most columns have neither): a column's from its dataset's, which is built once per dataset. Every finding and
    /// decision of the subject shares the one string.
    /// </summary>
    public string Target => _target ??= BuildTarget();

    private string BuildTarget()
    {
        if (_subject.Level == TargetLevel.Product) return _subject.Target;
        var dataset = _subject.Dataset!;
        if (!ReferenceEquals(dataset, _targetDataset) || !ReferenceEquals(_subject.Product, _targetProduct))
        {
            _datasetTarget = Targets.Of(_subject.Product, dataset);
            _targetProduct = _subject.Product;
            _targetDataset = dataset;
        }
        return _subject.Level == TargetLevel.Dataset ? _datasetTarget! : string.Concat(_datasetTarget, ".", _subject.Column!.Name);
    }

    /// <summary>Checks rule <paramref name="b"/> of the set on the subject: adds its findings, or the rule to
    /// <see cref="MaskMatches"/> or <see cref="RowMatches"/>.</summary>
    public void Check(BoundRule b)
    {
        _bound = b;
        _selected = false;
        b.Rule.Accept(this);
    }

    /// <summary>The same for a rule whose selector is already known to select the subject (the evaluator's memo of
    /// name-only column rules): only what depends on more than the name is tested.</summary>
    public void CheckSelected(BoundRule b)
    {
        _bound = b;
        _selected = true;
        b.Rule.Accept(this);
    }

    /// <summary>Checks every rule of <paramref name="rules"/> on the subject; with a name memo (see the constructor), a
    /// column's name-only rules through it: each is visited only when its bit for the column's name is set.</summary>
    public void CheckEach(IReadOnlyList<BoundRule> rules)
    {
        var names = _names;
        if (names is null || !names.IsUseful || _subject.Level != TargetLevel.Column)
        {
            for (var i = 0; i < rules.Count; i++) Check(rules[i]);
            return;
        }
        if (!ReferenceEquals(names.Set, _set)) throw new InvalidOperationException("the name memo is for another rule set");
        for (var i = 0; i < rules.Count; i++)
        {
            if (!names.IsNameOnly(rules[i])) Check(rules[i]);
        }
        CheckNameOnly(names, names.Of(_subject, _hit ??= new NameOnlyHit()));
    }

    /// <summary>Visits the name-only rules whose bit is set in <paramref name="results"/> (<see cref="NameMatches"/>'s
    /// results for the column's name) with <see cref="CheckSelected"/>.</summary>
    public void CheckNameOnly(NameMatches names, ulong[] results)
    {
        for (var word = 0; word < names.NameOnlyWords; word++)
        {
            for (var bits = results[word]; bits != 0; bits &= bits - 1) CheckSelected(names.NameOnly(word * 64 + NameMatches.LowestBit(bits)));
        }
    }

    private bool Selects(Selector selector) => _selected || _matcher.Matches(selector);

    private string Level => Names.Of(_subject.Level);

    private void Add(string id, Severity severity, string message, string? tag = null, IReadOnlyList<string>? allowed = null)
        => _into!.Add(new Finding(id, _bound!.Ref, severity, _subject.Level, Target, message, tag, allowed));

    /// <summary>A finding of <paramref name="kind"/> whose message is rendered when first read (see <see cref="Finding"/>).</summary>
    private void Add(GovDescriptor kind, Severity severity, object[] arguments, string? tag = null, IReadOnlyList<string>? allowed = null, string? name = null)
        => _into!.Add(new Finding(kind, _bound!.Ref, severity, _subject.Level, Target, arguments, tag, allowed, name));

    public bool Visit(MaskingRule rule)
    {
        if (_subject.Level != TargetLevel.Column || !Selects(rule.Columns)) return false;
        MaskMatches.Add(_bound!);
        return true;
    }

    public bool Visit(RowAccessRule rule)
    {
        if (_subject.Level != TargetLevel.Dataset || !Selects(rule.Datasets)) return false;
        RowMatches.Add(_bound!);
        return true;
    }

    public bool Visit(TagRequirementRule rule)
    {
        // The tag lookup is cheap and usually satisfied; the selector (often a name pattern) only runs when it is not.
        if (rule.Level != _subject.Level || _subject.EffectiveTag(rule.Tag) is not null || !Selects(rule.When)) return false;
        _set!.Taxonomy.TryGetValue(rule.Tag, out var def);
        Add(GovCatalog.Get(GovIds.RequiredTagMissing), rule.Severity, new object[] { Level, _subject.Name, rule.Tag }, rule.Tag, def?.AllowedValues);
        return true;
    }

    public bool Visit(TaxonomyRule rule)
    {
        var tags = _subject.OwnTags.Items;
        var found = false;
        for (var i = 0; i < tags.Count; i++)
        {
            var (name, value) = (tags[i].Key, tags[i].Value);
            var taxonomy = _set!.Taxonomy;
            if (!taxonomy.TryGetValue(name, out var def))
            {
                if (rule.UnknownTagSeverity is not { } unknown) continue;
                Add(GovIds.UnknownTag, unknown, Checks.UnknownTagMessage(name, Level, _subject.Name, UnknownTagHint(taxonomy, name)), name);
                found = true;
            }
            else if (!def.Allows(value))
            {
                Add(GovIds.TagValueNotAllowed, rule.Severity, Checks.TagValueMessage(def, value, Level, _subject.Name), name, def.AllowedValues);
                found = true;
            }
        }
        return found;
    }

    public bool Visit(ProductMetadataRule rule)
    {
        if (_subject.Level != TargetLevel.Product || !Selects(rule.When)) return false;
        var value = rule.Field switch
        {
            ProductField.Owner => _subject.Product.Owner,
            ProductField.Version => _subject.Product.Version,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Field, "unknown product field"),
        };
        if (!string.IsNullOrWhiteSpace(value)) return false;
        Add(GovCatalog.Get(GovIds.RequiredMetadataMissing), rule.Severity, new object[] { MeshIdentity.Product(_subject.Domain.Name, _subject.Product.Name), Names.Of(rule.Field) });
        return true;
    }

    public bool Visit(NamingRule rule)
    {
        if (rule.Level != _subject.Level || !Selects(rule.When)) return false;
        var found = Naming(rule.Constraint, rule.Severity);
        // A domain rule's pattern added on top of this global pattern rule: both apply.
        if (_bound!.ExtraPattern is { } extra) found |= Naming(extra, rule.Severity);
        return found;
    }

    /// <summary>GOV3003's hint for <paramref name="tag"/>, remembered per tag for the taxonomy last asked about.</summary>
    private string UnknownTagHint(IReadOnlyDictionary<string, TagDefinition> taxonomy, string tag)
    {
        if (!ReferenceEquals(taxonomy, _hintsOf))
        {
            _hints.Clear();
            _hintsOf = taxonomy;
        }
        if (_hints.TryGetValue(tag, out var hint)) return hint;
        hint = Checks.UnknownTagHint(taxonomy, tag);
        if (_hints.Count < 10_000) _hints[tag] = hint; // bounded: a snapshot may invent any number of tags
        return hint;
    }

    private bool Naming(NamingConstraint constraint, Severity severity)
    {
        if (!_naming.Explain(constraint, _subject.Name, Level, _subject)) return false;
        Add(GovCatalog.Get(_naming.Id!), severity, _naming.Arguments!, name: _naming.Suggestion);
        return true;
    }

    // ---------------------------------------------------------------- combining

    /// <summary>
    /// How the masking rules that select the column given to <see cref="Start"/> combine
    /// (<see cref="Semantics.CompareMasking"/>): the winner, whose strategy applies (nullify when it cannot return the
    /// column's type, GOV1002); GOV1001 when several select it; and, unless the winner alone decides
    /// (<paramref name="ordered"/> null: one rule, no condition), every matching rule winner first with its reveal clause
    /// and condition — a condition on a column that is missing or of another type (GOV1003) masks the column for everyone.
    /// The lists are shared by every column that the same unconditional rules select with the same winner: do not change them.
    /// </summary>
    public BoundRule CombineMasking(IReadOnlyList<BoundRule> matches, List<Finding> findings, out MaskingStrategy strategy,
        out IReadOnlyList<BoundRule>? ordered, out IReadOnlyList<IReadOnlyList<string>>? clauses, out IReadOnlyList<MaskingCondition>? conditions)
    {
        var c = _subject.Column!;
        var winner = matches[0];
        for (var i = 1; i < matches.Count; i++)
        {
            var b = matches[i];
            if (Semantics.CompareMasking((MaskingRule)b.Rule, b.Ref, (MaskingRule)winner.Rule, winner.Ref, c.Type) < 0) winner = b;
        }
        var shared = matches.Count > 1 ? _combinations.Of(winner, matches, _probe) : null;
        if (matches.Count > 1)
        {
            findings.Add(new Finding(GovCatalog.Get(GovIds.MaskingConflict), winner.Ref, Severity.Warning, TargetLevel.Column, Target,
                new object[] { c.Name, shared?.Refs ?? MaskingCombinations.ConflictRefs(matches), winner.Ref }));
        }
        var rule = (MaskingRule)winner.Rule;
        strategy = Semantics.EffectiveStrategy(rule.Strategy, c.Type);
        if (!ReferenceEquals(strategy, rule.Strategy))
        {
            findings.Add(new Finding(GovCatalog.Get(GovIds.MaskingStrategyTypeMismatch), winner.Ref, Severity.Error, TargetLevel.Column, Target,
                new object[] { rule.Strategy.Describe(), c.Type.Text, c.Name }));
        }
        ordered = null;
        clauses = null;
        conditions = null;
        if (matches.Count == 1 && rule.Condition is null) return winner;
        if (shared is not null)
        {
            (ordered, clauses, conditions) = (shared.Ordered, shared.Clauses, Array.Empty<MaskingCondition>());
            return winner;
        }
        var list = new List<MaskingCondition>();
        var reveal = MaskingCombinations.Reveal(winner, matches, out var order);
        var maskedForAll = false;
        foreach (var b in order)
        {
            if (((MaskingRule)b.Rule).Condition is not { } condition) continue;
            var other = _subject.Dataset!.FindColumn(condition.Column);
            if (other is null || !condition.Value.Fits(other.Type.Family))
            {
                findings.Add(new Finding(GovCatalog.Get(GovIds.MaskingConditionColumnMissing), b.Ref, Severity.Error, TargetLevel.Column, Target,
                    new object[] { c.Name, condition.Column, Literal.KindName(condition.Value.Kind) }));
                maskedForAll = true;
            }
            else if (!list.Contains(condition))
            {
                list.Add(condition);
            }
        }
        if (maskedForAll)
        {
            reveal.Clear();
            list.Clear();
        }
        (ordered, clauses, conditions) = (order, reveal, list);
        return winner;
    }

    /// <summary>
    /// How the row access rules that select one dataset combine: all apply (deny overrides), in
    /// <see cref="Semantics.CompareRowAccess"/> order (<paramref name="matches"/> is sorted in place); GOV2002 when several
    /// select it; GOV2001 for each whose filter column is missing or of another type (false in the result: that part
    /// admits no row). On the dataset given to <see cref="Start"/>.
    /// </summary>
    public bool[] CombineRowAccess(List<BoundRule> matches, List<Finding> findings)
    {
        var target = Target;
        var ds = _subject.Dataset!;
        matches.Sort((a, b) => Semantics.CompareRowAccess((RowAccessRule)a.Rule, a.Ref, (RowAccessRule)b.Rule, b.Ref));
        if (matches.Count > 1)
        {
            // The references in backticks, sorted as quoted (a loop: one list per dataset that several rules select).
            var refs = new string[matches.Count];
            for (var i = 0; i < refs.Length; i++) refs[i] = "`" + matches[i].Ref + "`";
            Array.Sort(refs, StringComparer.Ordinal);
            findings.Add(new Finding(GovCatalog.Get(GovIds.RowAccessConflict), matches[0].Ref, Severity.Warning, TargetLevel.Dataset, target,
                new object[] { ds.Name, string.Join(", ", refs) }));
        }
        var fits = new bool[matches.Count];
        for (var i = 0; i < matches.Count; i++)
        {
            var b = matches[i];
            var filter = ((RowAccessRule)b.Rule).Filter;
            fits[i] = ds.FindColumn(filter.Column) is { } column && filter.Accepts(column.Type.Family);
            if (!fits[i])
            {
                findings.Add(new Finding(GovCatalog.Get(GovIds.RowAccessColumnMissing), b.Ref, Severity.Error, TargetLevel.Dataset, target,
                    new object[] { ds.Name, filter.Column }));
            }
        }
        return fits;
    }
}

/// <summary>
/// The winner-first order of the masking rules that select a column and their reveal clauses, remembered per set of rules
/// and winner when no rule of the set has a condition (then they depend on nothing else): a mesh has few such sets and
/// many columns, so the columns share the lists. With a condition they depend on the column's dataset and are built per
/// column. Thread-safe: the evaluator keeps one for all its workers and evaluations.
/// </summary>
internal sealed class MaskingCombinations
{
    /// <summary>Distinct sets remembered; past this, sets are combined without being remembered (bounds memory).</summary>
    private const int MaxRemembered = 10_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Key, Combination> _byKey =
        new System.Collections.Concurrent.ConcurrentDictionary<Key, Combination>(Key.Comparer);
    private int _count;

    /// <summary>One set's shared lists and GOV1001's list of rules.</summary>
    public sealed class Combination
    {
        public Combination(string refs, IReadOnlyList<BoundRule> ordered, IReadOnlyList<IReadOnlyList<string>> clauses)
        {
            Refs = refs; Ordered = ordered; Clauses = clauses;
        }

        public string Refs { get; }
        public IReadOnlyList<BoundRule> Ordered { get; }
        public IReadOnlyList<IReadOnlyList<string>> Clauses { get; }
    }

    /// <summary>The shared combination of <paramref name="matches"/> won by <paramref name="winner"/>, or null when one of
    /// them has a condition. <paramref name="probe"/>: the caller's (one thread's) key to look up with.</summary>
    public Combination? Of(BoundRule winner, IReadOnlyList<BoundRule> matches, Key probe)
    {
        if (probe.Items.Length < matches.Count) probe.Items = new BoundRule[matches.Count * 2];
        var items = probe.Items;
        items[0] = winner;
        var n = 1;
        for (var i = 0; i < matches.Count; i++)
        {
            if (((MaskingRule)matches[i].Rule).Condition is not null) return null;
            if (!ReferenceEquals(matches[i], winner)) items[n++] = matches[i];
        }
        Array.Sort(items, 1, n - 1, ByIndex.Instance);
        probe.Count = n;
        if (_byKey.TryGetValue(probe, out var found)) return found;
        var clauses = Reveal(winner, matches, out var ordered);
        var combination = new Combination(ConflictRefs(matches), ordered, clauses);
        if (System.Threading.Volatile.Read(ref _count) >= MaxRemembered) return combination;
        var copy = new BoundRule[n];
        Array.Copy(items, copy, n);
        // Two threads may build the same set at once: the first one stored is the one every later column shares.
        var stored = _byKey.GetOrAdd(new Key(copy, n), combination);
        if (ReferenceEquals(stored, combination)) System.Threading.Interlocked.Increment(ref _count);
        return stored;
    }

    /// <summary>GOV1001's list of the rules that select a column: their references in ordinal order, in backticks.</summary>
    public static string ConflictRefs(IReadOnlyList<BoundRule> matches)
        => string.Join(", ", matches.Select(m => m.Ref).OrderBy(r => r, StringComparer.Ordinal).Select(r => "`" + r + "`"));

    /// <summary>Deny overrides: the matching rules, winner first then by reference (<paramref name="ordered"/>), and one
    /// reveal clause per distinct reveal list, the winner's first — none when a rule reveals to no role.</summary>
    public static List<IReadOnlyList<string>> Reveal(BoundRule winner, IReadOnlyList<BoundRule> matches, out List<BoundRule> ordered)
    {
        ordered = new List<BoundRule>(matches.Count) { winner };
        ordered.AddRange(matches.Where(m => !ReferenceEquals(m, winner)).OrderBy(m => m.Ref, StringComparer.Ordinal));
        var clauses = new List<IReadOnlyList<string>>(ordered.Count);
        foreach (var b in ordered)
        {
            var reveal = ((MaskingRule)b.Rule).RevealTo;
            if (!clauses.Any(x => x.SequenceEqual(reveal, StringComparer.Ordinal))) clauses.Add(reveal);
        }
        if (clauses.Any(x => x.Count == 0)) clauses.Clear();
        return clauses;
    }

    private sealed class ByIndex : IComparer<BoundRule>
    {
        public static readonly ByIndex Instance = new ByIndex();
        public int Compare(BoundRule? x, BoundRule? y) => x!.Index.CompareTo(y!.Index);
    }

    /// <summary>A set of rules, the winner first and the others by index (compared by reference).</summary>
    internal sealed class Key
    {
        public static readonly IEqualityComparer<Key> Comparer = new KeyComparer();

        public Key() : this(new BoundRule[8], 0)
        {
        }

        public Key(BoundRule[] items, int count)
        {
            Items = items; Count = count;
        }

        public BoundRule[] Items;
        public int Count;

        private sealed class KeyComparer : IEqualityComparer<Key>
        {
            public bool Equals(Key? x, Key? y)
            {
                if (x!.Count != y!.Count) return false;
                for (var i = 0; i < x.Count; i++)
                {
                    if (!ReferenceEquals(x.Items[i], y.Items[i])) return false;
                }
                return true;
            }

            public int GetHashCode(Key k)
            {
                var h = k.Count;
                for (var i = 0; i < k.Count; i++) h = unchecked(h * 31 + k.Items[i].Index);
                return h;
            }
        }
    }
}
