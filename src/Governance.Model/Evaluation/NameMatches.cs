using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Rules;
using Governance.Packs;
using Governance.Snapshots;

namespace Governance.Evaluation;

/// <summary>
/// The one memo of name tests: what a rule set's column rules decide when they read nothing but the column's name (a
/// name-pattern selector, a naming constraint without placeholders — "name-only" rules), and which of its row access
/// rules' has-column patterns a name matches, remembered per distinct column name. Names repeat heavily across a mesh
/// (ID, REGION, CREATED_AT …), so each is tested once. The evaluator keeps one per rule set and evaluation (name-only
/// rules are not even candidates there: only those whose bit is set are visited); the analyzers' <see cref="Checks"/>
/// one per rule set and compilation. Thread-safe.
/// </summary>
internal sealed class NameMatches
{
    /// <summary>Distinct names remembered; past this, names are tested without being remembered (bounds memory).</summary>
    private const int MaxMemoizedNames = 200_000;

    private readonly BoundRule[] _nameOnly;
    /// <summary>By <see cref="BoundRule.Index"/>: the rule's slot in <see cref="_nameOnly"/> plus one, 0 for other rules.</summary>
    private readonly int[] _slotByIndex;
    /// <summary>The distinct has-column selectors of the row access rules (at most 64; beyond, none is remembered).</summary>
    private readonly HasColumnSelector[] _hasColumn;
    private readonly Dictionary<HasColumnSelector, int> _hasColumnSlot;
    private static readonly IEqualityComparer<HasColumnSelector> ByReference = new ReferenceComparer();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ulong[]> _byName =
        new System.Collections.Concurrent.ConcurrentDictionary<string, ulong[]>(StringComparer.Ordinal);
    private int _count;

    /// <summary>An empty memo of <paramref name="set"/>'s name tests.</summary>
    public NameMatches(RuleSet set)
    {
        Set = set ?? throw new ArgumentNullException(nameof(set));
        _nameOnly = set.Rules.Where(b => b.Rule.Accept(NameOnlyRule.Instance)).ToArray();
        var slots = 0;
        foreach (var b in set.Rules) slots = Math.Max(slots, b.Index + 1);
        _slotByIndex = new int[slots];
        for (var slot = 0; slot < _nameOnly.Length; slot++) _slotByIndex[_nameOnly[slot].Index] = slot + 1;
        var hasColumn = new List<HasColumnSelector>();
        foreach (var b in set.Rules)
        {
            if (b.Rule is not RowAccessRule row) continue;
            row.Datasets.Walk(node =>
            {
                // By reference: the slot is looked up by the instance the rule holds (no record hashing per dataset).
                if (node is HasColumnSelector h && !hasColumn.Any(x => ReferenceEquals(x, h))) hasColumn.Add(h);
            });
        }
        _hasColumn = hasColumn.Count <= 64 ? hasColumn.ToArray() : Array.Empty<HasColumnSelector>();
        _hasColumnSlot = new Dictionary<HasColumnSelector, int>(ByReference);
        for (var i = 0; i < _hasColumn.Length; i++) _hasColumnSlot[_hasColumn[i]] = i;
    }

    /// <summary>An empty memo over the same tests as <paramref name="template"/> (no new classification).</summary>
    private NameMatches(NameMatches template)
    {
        Set = template.Set;
        _nameOnly = template._nameOnly;
        _slotByIndex = template._slotByIndex;
        _hasColumn = template._hasColumn;
        _hasColumnSlot = template._hasColumnSlot;
    }

    /// <summary>The rule set whose tests are remembered.</summary>
    public RuleSet Set { get; }

    /// <summary>An empty memo of the same tests: one per evaluation, so that a run remembers only its own names.</summary>
    internal NameMatches Fresh() => new NameMatches(this);

    /// <summary>False when the rule set has no name-only rule and no has-column pattern: nothing to remember.</summary>
    internal bool IsUseful => _nameOnly.Length > 0 || _hasColumn.Length > 0;

    /// <summary>Words of <see cref="Of"/>'s bits that hold name-only rules; one more follows for the has-column patterns
    /// when there are any.</summary>
    internal int NameOnlyWords => (_nameOnly.Length + 63) >> 6;

    internal int HasColumnCount => _hasColumn.Length;

    /// <summary>True for a column rule of the set whose result is a function of the column's name only.</summary>
    internal bool IsNameOnly(BoundRule b)
        => b.Index < _slotByIndex.Length && _slotByIndex[b.Index] is var slot && slot > 0 && ReferenceEquals(_nameOnly[slot - 1], b);

    /// <summary>The name-only column rule in <paramref name="slot"/> of <see cref="Of"/>'s bits.</summary>
    internal BoundRule NameOnly(int slot) => _nameOnly[slot];

    /// <summary>The bit of <paramref name="h"/> in the last word of <see cref="Of"/>'s bits, or -1 when it has none.</summary>
    internal int HasColumnSlot(HasColumnSelector h) => _hasColumnSlot.TryGetValue(h, out var slot) ? slot : -1;

    /// <summary>
    /// The results of the set's name tests for the column's name: bit <c>s</c> of word <c>s / 64</c> is set when the
    /// name-only rule in slot <c>s</c> selects the column and, for a naming rule, the name violates it (see
    /// <see cref="RuleCheck.CheckSelected"/>); the last word, when there are has-column patterns, has the bit of each
    /// pattern the name matches.
    /// </summary>
    internal ulong[] Of(in Subject column, NameOnlyHit hit)
    {
        var name = column.Column!.Name;
        if (_byName.TryGetValue(name, out var bits)) return bits;
        bits = Compute(column, hit);
        if (System.Threading.Volatile.Read(ref _count) < MaxMemoizedNames && _byName.TryAdd(name, bits)) System.Threading.Interlocked.Increment(ref _count);
        return bits;
    }

    private ulong[] Compute(in Subject column, NameOnlyHit hit)
    {
        var bits = new ulong[NameOnlyWords + (_hasColumn.Length > 0 ? 1 : 0)];
        var name = column.Column!.Name;
        for (var slot = 0; slot < _hasColumn.Length; slot++)
        {
            if (_hasColumn[slot].IsMatch(name)) bits[bits.Length - 1] |= 1UL << slot;
        }
        hit.Start(column);
        for (var slot = 0; slot < _nameOnly.Length; slot++)
        {
            if (hit.Of(_nameOnly[slot])) bits[slot >> 6] |= 1UL << (slot & 63);
        }
        return bits;
    }

    /// <summary>Whether a column of the dataset <paramref name="dataset"/> has a name <paramref name="h"/>'s pattern
    /// matches, from the memo; null when <paramref name="h"/> has no bit (then its pattern is run on every name).</summary>
    internal bool? HasColumn(in Subject dataset, HasColumnSelector h, NameOnlyHit hit)
    {
        var slot = HasColumnSlot(h);
        if (slot < 0) return null;
        var columns = dataset.Dataset!.Columns;
        for (var i = 0; i < columns.Count; i++)
        {
            var bits = Of(Subject.ForColumn(dataset.Domain, dataset.Product, dataset.Dataset, columns[i]), hit);
            if ((bits[bits.Length - 1] & (1UL << slot)) != 0) return true;
        }
        return false;
    }

    /// <summary>The index of the lowest set bit of a non-zero word.</summary>
    internal static int LowestBit(ulong bits)
    {
#if GOVERNANCE_ANALYZERS
        var n = 0;
        while ((bits & 1) == 0) { bits >>= 1; n++; }
        return n;
#else
        return System.Numerics.BitOperations.TrailingZeroCount(bits);
#endif
    }

    private sealed class ReferenceComparer : IEqualityComparer<HasColumnSelector>
    {
        public bool Equals(HasColumnSelector? x, HasColumnSelector? y) => ReferenceEquals(x, y);
        public int GetHashCode(HasColumnSelector h) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(h);
    }

    private sealed class NameOnlyRule : IRuleVisitor<bool>, ISelectorVisitor<bool>, INamingConstraintVisitor<bool>
    {
        public static readonly NameOnlyRule Instance = new NameOnlyRule();

        public bool Visit(MaskingRule rule) => rule.Columns.Accept(this);
        public bool Visit(TagRequirementRule rule) => rule.Level == TargetLevel.Column && rule.When.Accept(this);
        public bool Visit(NamingRule rule) => rule.Level == TargetLevel.Column && rule.When.Accept(this) && rule.Constraint.Accept(this);
        public bool Visit(RowAccessRule rule) => false;
        public bool Visit(TaxonomyRule rule) => false;
        public bool Visit(ProductMetadataRule rule) => false;

        // Selectors that read the name only.
        public bool Visit(AlwaysSelector selector) => true;
        public bool Visit(NameSelector selector) => true;
        public bool Visit(TagSelector selector) => false;
        public bool Visit(TypeSelector selector) => false;
        public bool Visit(KindSelector selector) => false;
        public bool Visit(DomainSelector selector) => false;
        public bool Visit(ProductSelector selector) => false;
        public bool Visit(HasColumnSelector selector) => false;
        public bool Visit(AllSelector selector) => selector.Parts.All(p => p.Accept(this));
        public bool Visit(AnySelector selector) => selector.Parts.All(p => p.Accept(this));
        public bool Visit(NotSelector selector) => selector.Inner.Accept(this);

        // Affix templates with placeholders read the domain and product; the other constraints read the name only.
        public bool Visit(CaseConstraint constraint) => true;
        public bool Visit(PatternConstraint constraint) => true;
        public bool Visit(AffixConstraint constraint) => !constraint.Templates.Any(t => t.IndexOf('{') >= 0);
        public bool Visit(MaxLengthConstraint constraint) => true;
        public bool Visit(NotReservedConstraint constraint) => true;
    }
}

/// <summary>The bit of a name-only column rule for one name: its selector selects the column, and for a naming rule,
/// the name violates it (see <see cref="RuleCheck.CheckSelected"/>). One per thread, reused for every name.</summary>
internal sealed class NameOnlyHit : IRuleVisitor<bool>
{
    private readonly SelectorMatcher _matcher = new SelectorMatcher();
    private readonly NamingCheck _naming = new NamingCheck();
    private Subject _subject;
    private BoundRule? _bound;

    public void Start(in Subject subject)
    {
        _subject = subject;
        _matcher.Start(subject);
    }

    public bool Of(BoundRule b)
    {
        _bound = b;
        return b.Rule.Accept(this);
    }

    public bool Visit(MaskingRule rule) => _matcher.Matches(rule.Columns);
    public bool Visit(TagRequirementRule rule) => _matcher.Matches(rule.When);
    public bool Visit(NamingRule rule) => _matcher.Matches(rule.When)
        && (_naming.Violates(rule.Constraint, _subject) || (_bound!.ExtraPattern is { } extra && _naming.Violates(extra, _subject)));
    public bool Visit(RowAccessRule rule) => throw NotNameOnly(rule);
    public bool Visit(TaxonomyRule rule) => throw NotNameOnly(rule);
    public bool Visit(ProductMetadataRule rule) => throw NotNameOnly(rule);
    private static InvalidOperationException NotNameOnly(Rule rule) => new InvalidOperationException("`" + rule.Id + "` is not a name-only column rule");
}
