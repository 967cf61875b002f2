using System;
using System.Collections.Generic;
using Governance.Rules;
using Governance.Packs;

namespace Governance.Evaluation;

/// <summary>
/// A rule set's rules by the level of subject they can report on or select, each list in the set's order, the column
/// rules that require a tag (<see cref="Semantics.RequiredTags"/>) indexed by it: which rules
/// <see cref="Checks.Product(RuleSet, Snapshots.Domain, Snapshots.DataProduct, List{Finding}, RuleLevels)"/> tries on a
/// subject. A rule left out of a subject's lists cannot select it — a sound filter, never a miss (a property compares
/// these checks with the plain ones). Built once per rule set; immutable, shared by threads.
/// </summary>
internal sealed class RuleLevels
{
    /// <summary>The levels of <paramref name="set"/>'s rules; <paramref name="names"/>: its name memo, whose name-only
    /// column rules are tried through it (not listed).</summary>
    public RuleLevels(RuleSet set, NameMatches names)
    {
        Set = set ?? throw new ArgumentNullException(nameof(set));
        Names = names ?? throw new ArgumentNullException(nameof(names));
        if (!ReferenceEquals(names.Set, set)) throw new ArgumentException("the name memo is for another rule set", nameof(names));
        var product = new List<BoundRule>();
        var dataset = new List<BoundRule>();
        var column = new List<BoundRule>();
        var taxonomy = new List<BoundRule>();
        var byTag = new Dictionary<string, List<BoundRule>>(StringComparer.Ordinal);
        var max = -1;
        foreach (var b in set.Rules)
        {
            max = Math.Max(max, b.Index);
            var (level, selector) = b.Rule.Accept(LevelOf.Instance);
            if (level is null) { taxonomy.Add(b); continue; }
            if (level == TargetLevel.Product) { product.Add(b); continue; }
            if (level == TargetLevel.Dataset) { dataset.Add(b); continue; }
            if (names.IsNameOnly(b)) continue;
            if (selector is not null && Semantics.RequiredTags(selector) is { } tags)
            {
                foreach (var tag in tags)
                {
                    if (!byTag.TryGetValue(tag, out var list)) byTag[tag] = list = new List<BoundRule>();
                    list.Add(b);
                }
                continue;
            }
            column.Add(b);
        }
        ProductRules = product.ToArray();
        DatasetRules = dataset.ToArray();
        ColumnUnindexed = column.ToArray();
        TaxonomyRules = taxonomy.ToArray();
        var indexed = new Dictionary<string, BoundRule[]>(StringComparer.Ordinal);
        foreach (var kv in byTag) indexed[kv.Key] = kv.Value.ToArray();
        ColumnByTag = indexed;
        IndexCount = max + 1;
    }

    public RuleSet Set { get; }
    public NameMatches Names { get; }
    /// <summary>Product metadata rules, and tag requirement and naming rules at product level.</summary>
    public BoundRule[] ProductRules { get; }
    /// <summary>Row access rules, and tag requirement and naming rules at dataset level.</summary>
    public BoundRule[] DatasetRules { get; }
    /// <summary>Column rules (masking, tag requirement, naming) that no tag index can leave out, name-only ones excepted.</summary>
    public BoundRule[] ColumnUnindexed { get; }
    /// <summary>Column rules by a tag their selector requires (a rule requiring one of several tags is under each).</summary>
    public IReadOnlyDictionary<string, BoundRule[]> ColumnByTag { get; }
    /// <summary>Taxonomy rules: every subject with tags of its own.</summary>
    public BoundRule[] TaxonomyRules { get; }
    /// <summary>One more than the greatest <see cref="BoundRule.Index"/> of the set.</summary>
    public int IndexCount { get; }

    /// <summary>The level a rule can report on or select, and the selector that decides which subjects (null level: every
    /// level, the taxonomy rules).</summary>
    private sealed class LevelOf : IRuleVisitor<(TargetLevel? Level, Selector? Selector)>
    {
        public static readonly LevelOf Instance = new LevelOf();
        public (TargetLevel? Level, Selector? Selector) Visit(MaskingRule rule) => (TargetLevel.Column, rule.Columns);
        public (TargetLevel? Level, Selector? Selector) Visit(RowAccessRule rule) => (TargetLevel.Dataset, rule.Datasets);
        public (TargetLevel? Level, Selector? Selector) Visit(TagRequirementRule rule) => (rule.Level, rule.When);
        public (TargetLevel? Level, Selector? Selector) Visit(TaxonomyRule rule) => (null, null);
        public (TargetLevel? Level, Selector? Selector) Visit(ProductMetadataRule rule) => (TargetLevel.Product, rule.When);
        public (TargetLevel? Level, Selector? Selector) Visit(NamingRule rule) => (rule.Level, rule.When);
    }
}
