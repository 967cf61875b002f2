using Governance.Rules;
using Governance.Snapshots;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Evaluation;

/// <summary>
/// Evaluates metadata snapshots against a <see cref="PackSet"/>. <see cref="Compile"/> prepares each effective rule
/// set once: rules split by level, column rules indexed by the tag their selector requires (a rule selecting
/// <c>PII=email</c> is only tried on columns that carry <c>PII</c>, directly or inherited), patterns compiled once.
/// <see cref="Evaluate"/> runs in parallel over datasets and returns sorted, deterministic results. The meaning of each
/// rule is <see cref="Semantics"/>'s; this class only decides which rules to try.
/// </summary>
public sealed class Evaluator
{
    private readonly PackSet _packs;
    private readonly CompiledRuleSet _global;
    private readonly Dictionary<string, CompiledRuleSet> _byDomain;
    private readonly int _ruleCount;

    private Evaluator(PackSet packs)
    {
        _packs = packs;
        _ruleCount = packs.AllRules.Count;
        _global = new CompiledRuleSet(packs.GlobalRules);
        _byDomain = new Dictionary<string, CompiledRuleSet>(StringComparer.Ordinal);
        foreach (var set in packs.RuleSets)
        {
            if (set.Domain is not null) _byDomain[set.Domain] = new CompiledRuleSet(set);
        }
    }

    /// <summary>The PackSet compiled.</summary>
    public PackSet Packs => _packs;

    /// <summary>Compiles <paramref name="packs"/> once; the evaluator can then evaluate any number of snapshots.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="packs"/> is null.</exception>
    public static Evaluator Compile(PackSet packs) => new(packs ?? throw new ArgumentNullException(nameof(packs)));

    private CompiledRuleSet For(string domain) => _byDomain.TryGetValue(domain, out var c) ? c : _global;

    /// <summary>
    /// Evaluates a validated snapshot. Waivers are applied at <paramref name="time"/>'s current UTC date (default: the
    /// system clock); an expired waiver is reported as GOV9006 and no longer covers anything, an active one that covers no
    /// finding as GOV9007, and one whose target is only wildcards or that expires more than
    /// <paramref name="waiverHorizonDays"/> days ahead as GOV9008. Reveal and bypass roles the snapshot's role list does not
    /// define are GOV9009. <paramref name="progress"/>, when given, hears the number of columns evaluated so far after each
    /// dataset, from the worker threads (it must be thread-safe and cheap; it is told once per dataset, never per column).
    /// </summary>
    public EvaluationResult Evaluate(MetadataSnapshot snapshot, IReadOnlyList<Waiver>? waivers = null, TimeProvider? time = null, IProgress<long>? progress = null,
        int waiverHorizonDays = Waiver.DefaultHorizonDays)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var findings = new List<Finding>();
        var masking = new List<MaskingDecision>();
        var rows = new List<RowAccessDecision>();

        // Products (few) sequentially; datasets in parallel.
        var work = new List<(Domain Domain, DataProduct Product, Dataset Dataset, CompiledRuleSet Rules, NameMemo Names)>();
        var memos = new Dictionary<CompiledRuleSet, NameMemo>(ReferenceEqualityComparer.Instance);
        var products = 0;
        var check = new RuleCheck();
        foreach (var domain in snapshot.Domains)
        {
            var rules = For(domain.Name);
            if (!memos.TryGetValue(rules, out var memo)) memos[rules] = memo = new NameMemo(rules);
            foreach (var product in domain.Products)
            {
                products++;
                var subject = Subject.ForProduct(domain, product);
                CheckSubject(rules, rules.ProductRules, check, subject, findings);
                foreach (var dataset in product.Datasets) work.Add((domain, product, dataset, rules, memo));
            }
        }

        var perDataset = new DatasetResult[work.Count];
        long done = 0;
        Parallel.For(0, work.Count, () => new Scratch(_ruleCount), (i, _, scratch) =>
        {
            var w = work[i];
            perDataset[i] = EvaluateDataset(w.Rules, w.Names, w.Domain, w.Product, w.Dataset, scratch);
            if (progress is not null) progress.Report(Interlocked.Add(ref done, w.Dataset.Columns.Count));
            return scratch;
        }, _ => { });

        long columns = 0;
        foreach (var r in perDataset)
        {
            if (r.Findings is not null) findings.AddRange(r.Findings);
            if (r.Masking is not null) masking.AddRange(r.Masking);
            if (r.Row is not null) rows.Add(r.Row);
            columns += r.Columns;
        }

        foreach (var (rule, _, role, message) in Checks.UndefinedRoles(_packs, snapshot.Roles))
            findings.Add(new Finding(GovIds.UndefinedRole, rule.Ref, Severity.Warning, role, message));

        // Waivers.
        var now = (time ?? TimeProvider.System).GetUtcNow();
        if (waivers is { Count: > 0 }) ApplyWaivers(findings, waivers, now, waiverHorizonDays);

        findings.Sort(Finding.Compare);
        masking.Sort((a, b) => string.CompareOrdinal(a.Target, b.Target));
        rows.Sort((a, b) => string.CompareOrdinal(a.Target, b.Target));

        int errors = 0, warnings = 0, notes = 0, waived = 0;
        foreach (var f in findings)
        {
            if (f.Waived) { waived++; continue; }
            switch (f.Severity)
            {
                case Severity.Error: errors++; break;
                case Severity.Warning: warnings++; break;
                case Severity.Note: notes++; break;
                default: throw new InvalidOperationException("unknown severity " + f.Severity);
            }
        }
        var summary = new EvaluationSummary(products, work.Count, columns, errors, warnings, notes, waived, masking.Count, rows.Count);
        return new EvaluationResult(findings, masking, rows, summary);
    }

    /// <summary>Marks the findings the first active covering waiver waives, and reports expired (GOV9006), unused
    /// (GOV9007) and too broad or too long (GOV9008) waivers.</summary>
    private static void ApplyWaivers(List<Finding> findings, IReadOnlyList<Waiver> waivers, DateTimeOffset now, int horizonDays)
    {
        var active = waivers.Where(w => w.IsActive(now)).ToList();
        var used = new bool[active.Count];
        for (var i = 0; i < findings.Count; i++)
        {
            var f = findings[i];
            if (f.Rule is null) continue;
            for (var k = 0; k < active.Count; k++)
            {
                if (!active[k].Covers(f.Rule, f.Target)) continue;
                if (!findings[i].Waived) findings[i] = f.WithWaiver(active[k]);
                used[k] = true;
            }
        }
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var w in waivers.Where(w => !w.IsActive(now)))
            findings.Add(new Finding(GovIds.WaiverExpired, w.Rule, Severity.Warning, w.Target, GovCatalog.Get(GovIds.WaiverExpired).Format(w.Rule, w.Target, w.Owner, Day(w.Expires)), location: w.Location));
        var horizon = DateOnly.FromDateTime(now.UtcDateTime).AddDays(horizonDays);
        for (var k = 0; k < active.Count; k++)
        {
            var w = active[k];
            if (!used[k]) findings.Add(new Finding(GovIds.WaiverUnused, w.Rule, Severity.Warning, w.Target, GovCatalog.Get(GovIds.WaiverUnused).Format(w.Rule, w.Target), location: w.Location));
            if (w.IsUnbounded)
                findings.Add(new Finding(GovIds.WaiverTooBroad, w.Rule, Severity.Warning, w.Target, GovCatalog.Get(GovIds.WaiverTooBroad).Format(w.Rule, w.Target,
                    "covers every target: it switches the rule off; name the products, datasets or columns it is for"), location: w.Location));
            if (w.Expires > horizon)
                findings.Add(new Finding(GovIds.WaiverTooBroad, w.Rule, Severity.Warning, w.Target, GovCatalog.Get(GovIds.WaiverTooBroad).Format(w.Rule, w.Target,
                    "expires on " + Day(w.Expires) + ", more than " + horizonDays.ToString(System.Globalization.CultureInfo.InvariantCulture) + " days ahead; review it sooner"), location: w.Location));
        }
    }

    private struct DatasetResult
    {
        public List<Finding>? Findings;
        public List<MaskingDecision>? Masking;
        public RowAccessDecision? Row;
        public int Columns;
    }

    /// <summary>Per-worker scratch state, reused across columns: no allocation per column on the hot path.</summary>
    private sealed class Scratch
    {
        public Scratch(int rules) => Stamp = new int[rules];
        public readonly int[] Stamp;
        public int Current;
        public readonly List<BoundRule> Candidates = new();
        public readonly RuleCheck Check = new();
        public readonly NameOnlyHit NameHit = new();
    }

    /// <summary>The bit of a name-only column rule for one name: its selector selects the column, and for a naming rule,
    /// the name violates it (see <see cref="RuleCheck.CheckSelected"/>). One per worker, reused for every name.</summary>
    private sealed class NameOnlyHit : IRuleVisitor<bool>
    {
        private readonly SelectorMatcher _matcher = new();
        private readonly NamingCheck _naming = new();
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
        private static InvalidOperationException NotNameOnly(Rule rule) => new("`" + rule.Id + "` is not a name-only column rule");
    }

    /// <summary>
    /// One evaluation's memo of a rule set's name-only checks per column name, shared by the workers: each distinct name
    /// is checked once (column names repeat heavily across a mesh: ID, REGION, CREATED_AT …). Per evaluation, not per
    /// worker: the parallel loop starts new workers as it goes, and each would start from nothing.
    /// </summary>
    private sealed class NameMemo(CompiledRuleSet rules)
    {
        /// <summary>Distinct names remembered; past this, names are checked without being remembered (bounds memory).</summary>
        private const int MaxMemoizedNames = 200_000;

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ulong[]> _byName = new(StringComparer.Ordinal);
        private int _count;

        /// <summary>The results of the rule set's name-only checks for this column's name.</summary>
        public ulong[] NameResults(in Subject subject, NameOnlyHit hit)
        {
            var name = subject.Column!.Name;
            if (_byName.TryGetValue(name, out var bits)) return bits;
            bits = rules.ComputeNameResults(subject, hit);
            if (Volatile.Read(ref _count) < MaxMemoizedNames && _byName.TryAdd(name, bits)) Interlocked.Increment(ref _count);
            return bits;
        }
    }

    private static DatasetResult EvaluateDataset(CompiledRuleSet rules, NameMemo names, Domain domain, DataProduct product, Dataset dataset, Scratch scratch)
    {
        var result = new DatasetResult { Columns = dataset.Columns.Count };
        var findings = new List<Finding>(0);
        var check = scratch.Check;
        var set = rules.Set;
        var ds = Subject.ForDataset(domain, product, dataset);
        CheckSubject(rules, rules.DatasetRules, check, ds, findings);

        List<MaskingDecision>? masking = null;
        ulong hasColumns = 0; // which of the rule set's has-column patterns some column of the dataset matches
        var matches = check.MaskMatches;
        foreach (var column in dataset.Columns)
        {
            var subject = Subject.ForColumn(domain, product, dataset, column);
            CollectColumnCandidates(rules, subject, scratch);
            matches.Clear();
            // Masking rules that select the column are collected into `matches`; the others report their findings.
            check.Start(set, subject, findings);
            foreach (var b in scratch.Candidates) check.Check(b);
            // Name-only rules are not candidates: only those whose bit is set for this name are visited. The bit says
            // the (name-only) selector selects the column, and for a naming rule that the name violates it.
            if (rules.UsesNameMemo)
            {
                var byName = names.NameResults(subject, scratch.NameHit);
                if (rules.HasColumnCount > 0) hasColumns |= byName[^1];
                for (var word = 0; word < rules.NameOnlyWords; word++)
                {
                    for (var bits = byName[word]; bits != 0; bits &= bits - 1)
                        check.CheckSelected(rules.NameOnly(word * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits)));
                }
            }
            if (rules.HasTaxonomyRules && column.Tags.Count > 0)
            {
                foreach (var b in rules.TaxonomyRules) check.Check(b);
            }
            if (matches.Count > 0)
            {
                masking ??= new List<MaskingDecision>();
                masking.Add(Mask(subject, matches, findings));
            }
        }
        // Row access after the columns: a rule's has-column test is the OR of its pattern's bit over the column names.
        result.Row = RowAccess(rules, check, ds, findings, rules.HasColumnCount > 0 ? h => (hasColumns & (1UL << rules.HasColumnSlot(h))) != 0 : null);
        result.Masking = masking;
        result.Findings = findings.Count > 0 ? findings : null;
        return result;
    }

    private static void CollectColumnCandidates(CompiledRuleSet rules, in Subject subject, Scratch scratch)
    {
        var candidates = scratch.Candidates;
        candidates.Clear();
        candidates.AddRange(rules.ColumnUnindexed);
        if (rules.ColumnByTag.Count == 0) return;
        var stamp = ++scratch.Current;
        AddIndexed(rules, subject.Column!.Tags, scratch, stamp);
        AddIndexed(rules, subject.Dataset!.Tags, scratch, stamp);
        AddIndexed(rules, subject.Product.Tags, scratch, stamp);
    }

    private static void AddIndexed(CompiledRuleSet rules, TagSet tags, Scratch scratch, int stamp)
    {
        var items = tags.Items;
        for (var i = 0; i < items.Count; i++)
        {
            if (!rules.ColumnByTag.TryGetValue(items[i].Key, out var list)) continue;
            foreach (var b in list)
            {
                if (scratch.Stamp[b.Index] == stamp) continue;
                scratch.Stamp[b.Index] = stamp;
                scratch.Candidates.Add(b);
            }
        }
    }

    /// <summary>The decision of the masking rules that select a column (their meaning: <see cref="RuleCheck.CombineMasking"/>).</summary>
    private static MaskingDecision Mask(in Subject subject, List<BoundRule> matches, List<Finding> findings)
    {
        var winner = RuleCheck.CombineMasking(subject, matches, findings, out var strategy, out var ordered, out var clauses, out var conditions);
        // The common case: one unconditional rule. Its clause and rule list are shared, nothing is allocated but the decision.
        if (ordered is null)
            return new MaskingDecision(subject.Target, winner, winner.Alone, subject.Product, subject.Dataset!, subject.Column!, strategy, winner.OwnClause!, Array.Empty<MaskingCondition>());
        return new MaskingDecision(subject.Target, winner, ordered, subject.Product, subject.Dataset!, subject.Column!, strategy, clauses!, conditions!);
    }

    /// <summary>The decision of the row access rules that select a dataset (their meaning: <see cref="RuleCheck.CombineRowAccess"/>).</summary>
    private static RowAccessDecision? RowAccess(CompiledRuleSet rules, RuleCheck check, in Subject ds, List<Finding> findings, Func<HasColumnSelector, bool>? hasColumn)
    {
        var matches = check.RowMatches;
        matches.Clear();
        check.HasColumn = hasColumn;
        check.Start(rules.Set, ds, findings);
        foreach (var b in rules.RowRules) check.Check(b);
        check.HasColumn = null;
        if (matches.Count == 0) return null;
        var fits = RuleCheck.CombineRowAccess(ds, matches, findings);
        var parts = new List<RowAccessPart>(matches.Count);
        for (var i = 0; i < matches.Count; i++)
        {
            var rule = (RowAccessRule)matches[i].Rule;
            parts.Add(new RowAccessPart(matches[i], rule.Filter, rule.BypassRoles, fits[i]));
        }
        return new RowAccessDecision(ds.Target, ds.Product, ds.Dataset!, parts);
    }

    /// <summary>The product or dataset rules, then the taxonomy rules, on a product or dataset.</summary>
    private static void CheckSubject(CompiledRuleSet rules, BoundRule[] list, RuleCheck check, in Subject subject, List<Finding> findings)
    {
        check.Start(rules.Set, subject, findings);
        foreach (var b in list) check.Check(b);
        if (subject.OwnTags.Count == 0) return;
        foreach (var b in rules.TaxonomyRules) check.Check(b);
    }

    /// <summary>One effective rule set, split by level and indexed.</summary>
    private sealed class CompiledRuleSet
    {
        public CompiledRuleSet(RuleSet set)
        {
            Set = set;
            var product = new List<BoundRule>();
            var dataset = new List<BoundRule>();
            var row = new List<BoundRule>();
            var taxonomy = new List<BoundRule>();
            var unindexed = new List<BoundRule>();
            var byTag = new Dictionary<string, List<BoundRule>>(StringComparer.Ordinal);
            foreach (var b in set.Rules)
            {
                var (list, level, selector) = b.Rule.Accept(Placement.Instance);
                switch (list)
                {
                    case RuleList.RowAccess: row.Add(b); break;
                    case RuleList.Taxonomy: taxonomy.Add(b); break;
                    case RuleList.Product: product.Add(b); break;
                    case RuleList.ByLevel: Place(b, level, selector!); break;
                    default: throw new ArgumentOutOfRangeException(nameof(set), list, "unknown rule list");
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
                var required = Semantics.RequiredTags(selector);
                if (required is null) { unindexed.Add(b); return; }
                foreach (var tag in required)
                {
                    if (!byTag.TryGetValue(tag, out var list)) byTag[tag] = list = new List<BoundRule>();
                    list.Add(b);
                }
            }

            // Column rules whose result depends on the column's name alone are memoized per name (see NameMemo) and are
            // not candidates. A name-only selector requires no tag, so they are all among the unindexed rules.
            var nameOnly = unindexed.Where(IsNameOnly).ToList();
            unindexed.RemoveAll(nameOnly.Contains);
            _nameOnly = nameOnly.ToArray();

            ProductRules = product.ToArray();
            DatasetRules = dataset.ToArray();
            RowRules = row.ToArray();
            var hasColumn = new List<HasColumnSelector>();
            foreach (var b in RowRules)
            {
                ((RowAccessRule)b.Rule).Datasets.Walk(node =>
                {
                    // By reference: the slot is looked up by the instance the rule holds (no record hashing per dataset).
                    if (node is HasColumnSelector h && !hasColumn.Any(x => ReferenceEquals(x, h))) hasColumn.Add(h);
                });
            }
            _hasColumn = hasColumn.Count <= 64 ? hasColumn.ToArray() : Array.Empty<HasColumnSelector>();
            _hasColumnSlot = new Dictionary<HasColumnSelector, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < _hasColumn.Length; i++) _hasColumnSlot[_hasColumn[i]] = i;
            TaxonomyRules = taxonomy.ToArray();
            ColumnUnindexed = unindexed.ToArray();
            ColumnByTag = byTag.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
            // Touch every pattern once so compilation happens here, not on the first column.
            foreach (var b in set.Rules) Prepare(b);
        }

        private readonly BoundRule[] _nameOnly;

        public int NameOnlyCount => _nameOnly.Length;

        /// <summary>Words of <see cref="ComputeNameResults"/>'s bits that hold name-only rules; one more follows for the
        /// has-column patterns when there are any.</summary>
        public int NameOnlyWords => (_nameOnly.Length + 63) >> 6;

        public bool UsesNameMemo => _nameOnly.Length > 0 || _hasColumn.Length > 0;

        /// <summary>The distinct has-column selectors of the row access rules (at most 64; beyond, none is memoized).</summary>
        private readonly HasColumnSelector[] _hasColumn;
        private readonly Dictionary<HasColumnSelector, int> _hasColumnSlot;
        public int HasColumnCount => _hasColumn.Length;
        public int HasColumnSlot(HasColumnSelector h) => _hasColumnSlot[h];

        /// <summary>The name-only column rule in <paramref name="slot"/> of <see cref="ComputeNameResults"/>'s bits.</summary>
        public BoundRule NameOnly(int slot) => _nameOnly[slot];

        /// <summary>Evaluates every name-only column rule on the subject's name (its meaning: <see cref="Semantics"/>).</summary>
        public ulong[] ComputeNameResults(in Subject subject, NameOnlyHit hit)
        {
            var bits = new ulong[NameOnlyWords + (_hasColumn.Length > 0 ? 1 : 0)];
            for (var slot = 0; slot < _hasColumn.Length; slot++)
            {
                if (_hasColumn[slot].Regex.IsMatch(subject.Name)) bits[^1] |= 1UL << slot;
            }
            hit.Start(subject);
            for (var slot = 0; slot < _nameOnly.Length; slot++)
            {
                if (hit.Of(_nameOnly[slot])) bits[slot >> 6] |= 1UL << (slot & 63);
            }
            return bits;
        }


        /// <summary>True for a column rule whose result is a function of the column's name only.</summary>
        private static bool IsNameOnly(BoundRule b) => b.Rule.Accept(NameOnlyRule.Instance);

        private sealed class NameOnlyRule : IRuleVisitor<bool>, ISelectorVisitor<bool>, INamingConstraintVisitor<bool>
        {
            public static readonly NameOnlyRule Instance = new();

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
            public bool Visit(AffixConstraint constraint) => !constraint.Templates.Any(t => t.Contains('{', StringComparison.Ordinal));
            public bool Visit(MaxLengthConstraint constraint) => true;
            public bool Visit(NotReservedConstraint constraint) => true;
        }

        /// <summary>Which list a rule goes to: its level and selector when the level decides.</summary>
        private enum RuleList { Product, ByLevel, RowAccess, Taxonomy }

        private sealed class Placement : IRuleVisitor<(RuleList List, TargetLevel Level, Selector? Selector)>
        {
            public static readonly Placement Instance = new();
            public (RuleList, TargetLevel, Selector?) Visit(MaskingRule rule) => (RuleList.ByLevel, TargetLevel.Column, rule.Columns);
            public (RuleList, TargetLevel, Selector?) Visit(RowAccessRule rule) => (RuleList.RowAccess, TargetLevel.Dataset, rule.Datasets);
            public (RuleList, TargetLevel, Selector?) Visit(TagRequirementRule rule) => (RuleList.ByLevel, rule.Level, rule.When);
            public (RuleList, TargetLevel, Selector?) Visit(TaxonomyRule rule) => (RuleList.Taxonomy, TargetLevel.Product, null);
            public (RuleList, TargetLevel, Selector?) Visit(ProductMetadataRule rule) => (RuleList.Product, TargetLevel.Product, rule.When);
            public (RuleList, TargetLevel, Selector?) Visit(NamingRule rule) => (RuleList.ByLevel, rule.Level, rule.When);
        }

        public RuleSet Set { get; }
        public BoundRule[] ProductRules { get; }
        public BoundRule[] DatasetRules { get; }
        public BoundRule[] RowRules { get; }
        public BoundRule[] TaxonomyRules { get; }
        public bool HasTaxonomyRules => TaxonomyRules.Length > 0;
        public BoundRule[] ColumnUnindexed { get; }
        public Dictionary<string, BoundRule[]> ColumnByTag { get; }

        private static void Prepare(BoundRule b)
        {
            b.Rule.Accept(Placement.Instance).Selector?.Walk(node =>
            {
                if (node is NameSelector n) _ = n.Regex;
                else if (node is HasColumnSelector h) _ = h.Regex;
            });
            if (b.Rule is NamingRule { Constraint: PatternConstraint pc }) _ = pc.Regex;
            if (b.ExtraPattern is not null) _ = b.ExtraPattern.Regex;
        }
    }
}
