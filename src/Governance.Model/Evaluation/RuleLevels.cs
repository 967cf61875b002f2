using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Rules;
using Governance.Packs;

namespace Governance.Evaluation;

/// <summary>
/// A rule set's rules by the level of subject they can report on or select, each list in the set's order, the column
/// rules that require a tag (<see cref="Semantics.RequiredTags"/>) indexed by it: which rules the evaluator and
/// <see cref="Checks.Product(RuleSet, Snapshots.Domain, Snapshots.DataProduct, List{Finding}, RuleLevels)"/> (the
/// analyzers) try on a subject. A rule left out of a subject's lists cannot select it — a sound filter, never a miss (a
/// property compares these checks with the plain ones, another the evaluator with the analyzers' checks). Column rules
/// whose result depends on the column's name alone are not listed: they are tried through the name memo
/// (<see cref="NameMatches"/>). Built once per rule set (the evaluator's compilation, the analyzers' compilation);
/// immutable, shared by threads.
/// </summary>
internal sealed class RuleLevels
{
    /// <summary>The levels of <paramref name="set"/>'s rules, with a name memo of its own.</summary>
    public RuleLevels(RuleSet set) : this(set, new NameMatches(set ?? throw new ArgumentNullException(nameof(set))))
    {
    }

    /// <summary>The levels of <paramref name="set"/>'s rules; <paramref name="names"/>: its name memo, whose name-only
    /// column rules are tried through it (not listed).</summary>
    public RuleLevels(RuleSet set, NameMatches names)
    {
        Set = set ?? throw new ArgumentNullException(nameof(set));
        Names = names ?? throw new ArgumentNullException(nameof(names));
        if (!ReferenceEquals(names.Set, set)) throw new ArgumentException("the name memo is for another rule set", nameof(names));
        var product = new List<BoundRule>();
        var dataset = new List<BoundRule>();
        var row = new List<BoundRule>();
        var taxonomy = new List<BoundRule>();
        var unindexed = new List<BoundRule>();
        var byTag = new Dictionary<string, List<BoundRule>>(StringComparer.Ordinal);
        var max = -1;
        foreach (var b in set.Rules)
        {
            max = Math.Max(max, b.Index);
            var place = b.Rule.Accept(Placement.Instance);
            switch (place.List)
            {
                case RuleList.RowAccess: row.Add(b); break;
                case RuleList.Taxonomy: taxonomy.Add(b); break;
                case RuleList.Product: product.Add(b); break;
                case RuleList.ByLevel: Place(b, place.Level, place.Selector!); break;
                default: throw new ArgumentOutOfRangeException(nameof(set), place.List, "unknown rule list");
            }
        }

        void Place(BoundRule b, TargetLevel level, Selector selector)
        {
            switch (level)
            {
                case TargetLevel.Product: product.Add(b); return;
                case TargetLevel.Dataset: dataset.Add(b); return;
                case TargetLevel.Column: break;
                default: throw new ArgumentOutOfRangeException(nameof(level), level, "unknown level");
            }
            // A name-only selector requires no tag: such rules would be unindexed; the memo tries them instead.
            if (names.IsNameOnly(b)) return;
            var required = Semantics.RequiredTags(selector);
            if (required is null) { unindexed.Add(b); return; }
            foreach (var tag in required)
            {
                if (!byTag.TryGetValue(tag, out var list)) byTag[tag] = list = new List<BoundRule>();
                list.Add(b);
            }
        }

        ProductRules = product.ToArray();
        DatasetRules = dataset.ToArray();
        RowRules = row.ToArray();
        TaxonomyRules = taxonomy.ToArray();
        ColumnUnindexed = unindexed.ToArray();
        ColumnByTag = new Dictionary<string, BoundRule[]>(byTag.Count, StringComparer.Ordinal);
        foreach (var kv in byTag) ColumnByTag[kv.Key] = kv.Value.ToArray();
        IndexCount = max + 1;
    }

    public RuleSet Set { get; }
    /// <summary>The set's name tests, classified once (the evaluator remembers names in a fresh copy per evaluation, the
    /// analyzers in this one per compilation).</summary>
    public NameMatches Names { get; }
    /// <summary>Product metadata rules, and tag requirement and naming rules at product level.</summary>
    public BoundRule[] ProductRules { get; }
    /// <summary>Tag requirement and naming rules at dataset level (row access rules are <see cref="RowRules"/>).</summary>
    public BoundRule[] DatasetRules { get; }
    /// <summary>Row access rules: tried on a dataset after its columns (their has-column tests read the columns' names).</summary>
    public BoundRule[] RowRules { get; }
    /// <summary>Column rules (masking, tag requirement, naming) that no tag index can leave out, name-only ones excepted.</summary>
    public BoundRule[] ColumnUnindexed { get; }
    /// <summary>Column rules by a tag their selector requires (a rule requiring one of several tags is under each).</summary>
    public Dictionary<string, BoundRule[]> ColumnByTag { get; }
    /// <summary>Taxonomy rules: every subject with tags of its own.</summary>
    public BoundRule[] TaxonomyRules { get; }
    public bool HasTaxonomyRules => TaxonomyRules.Length > 0;
    /// <summary>One more than the greatest <see cref="BoundRule.Index"/> of the set.</summary>
    public int IndexCount { get; }

    /// <summary>
    /// The dataset, row access and unindexed column rules that can select a subject of <paramref name="domain"/>: a rule
    /// whose selector requires other domains (<c>domain in (…) and …</c>) is left out, as the tag index leaves out rules
    /// whose tags a column lacks — a sound filter, never a miss. Once per domain and evaluation.
    /// </summary>
    public DomainRules In(string domain)
    {
        BoundRule[] Keep(BoundRule[] rules) => rules.Where(b => SelectorOf(b.Rule)?.Accept(DomainsRequired.Instance) is not { } domains
            || domains.Contains(domain, StringComparer.Ordinal)).ToArray();
        return new DomainRules(Keep(DatasetRules), Keep(RowRules), Keep(ColumnUnindexed));
    }

    /// <summary>The selector that decides which subjects <paramref name="rule"/> applies to (null: the taxonomy rules, every
    /// subject with tags).</summary>
    public static Selector? SelectorOf(Rule rule) => rule.Accept(Placement.Instance).Selector;

    /// <summary>The domains a selector can only match in, or null when it can match in any.</summary>
    private sealed class DomainsRequired : ISelectorVisitor<IReadOnlyList<string>?>
    {
        public static readonly DomainsRequired Instance = new DomainsRequired();
        public IReadOnlyList<string>? Visit(AlwaysSelector selector) => null;
        public IReadOnlyList<string>? Visit(TagSelector selector) => null;
        public IReadOnlyList<string>? Visit(NameSelector selector) => null;
        public IReadOnlyList<string>? Visit(TypeSelector selector) => null;
        public IReadOnlyList<string>? Visit(KindSelector selector) => null;
        public IReadOnlyList<string>? Visit(DomainSelector selector) => selector.Domains;
        public IReadOnlyList<string>? Visit(ProductSelector selector) => null;
        public IReadOnlyList<string>? Visit(HasColumnSelector selector) => null;
        public IReadOnlyList<string>? Visit(NotSelector selector) => null;

        // All parts must match: any part's domains will do. Any part may match: the union, unless a part matches anywhere.
        public IReadOnlyList<string>? Visit(AllSelector selector) => selector.Parts.Select(p => p.Accept(this)).FirstOrDefault(d => d is not null);

        public IReadOnlyList<string>? Visit(AnySelector selector)
        {
            var union = new List<string>();
            foreach (var part in selector.Parts)
            {
                if (part.Accept(this) is not { } domains) return null;
                union.AddRange(domains);
            }
            return union;
        }
    }

    /// <summary>Which list a rule goes to: its level and selector when the level decides.</summary>
    private enum RuleList { Product, ByLevel, RowAccess, Taxonomy }

    /// <summary>Where a rule goes (<see cref="Placement"/>). A class, not a tuple: a generic virtual call over a value
    /// type is compiled at run time at every start (ReadyToRun cannot compile it ahead); over a class it is not.</summary>
    private sealed class Place
    {
        public Place(RuleList list, TargetLevel level, Selector? selector)
        {
            List = list; Level = level; Selector = selector;
        }

        public RuleList List { get; }
        public TargetLevel Level { get; }
        public Selector? Selector { get; }
    }

    private sealed class Placement : IRuleVisitor<Place>
    {
        public static readonly Placement Instance = new Placement();
        public Place Visit(MaskingRule rule) => new Place(RuleList.ByLevel, TargetLevel.Column, rule.Columns);
        public Place Visit(RowAccessRule rule) => new Place(RuleList.RowAccess, TargetLevel.Dataset, rule.Datasets);
        public Place Visit(TagRequirementRule rule) => new Place(RuleList.ByLevel, rule.Level, rule.When);
        public Place Visit(TaxonomyRule rule) => new Place(RuleList.Taxonomy, TargetLevel.Product, null);
        public Place Visit(ProductMetadataRule rule) => new Place(RuleList.Product, TargetLevel.Product, rule.When);
        public Place Visit(NamingRule rule) => new Place(RuleList.ByLevel, rule.Level, rule.When);
    }
}

/// <summary>The dataset, row access and unindexed column rules of a rule set that can select something in one domain
/// (<see cref="RuleLevels.In"/>).</summary>
internal sealed class DomainRules
{
    public DomainRules(BoundRule[] datasetRules, BoundRule[] rowRules, BoundRule[] columnUnindexed)
    {
        DatasetRules = datasetRules; RowRules = rowRules; ColumnUnindexed = columnUnindexed;
    }

    public BoundRule[] DatasetRules { get; }
    public BoundRule[] RowRules { get; }
    public BoundRule[] ColumnUnindexed { get; }
}
