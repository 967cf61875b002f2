using Governance.Rules;
using Governance.Snapshots;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Evaluation;

/// <summary>
/// Evaluates metadata snapshots against a <see cref="PackSet"/>. <see cref="Compile"/> prepares each effective rule
/// set once (<see cref="RuleLevels"/>, the index the analyzers use too): rules split by level, column rules indexed by
/// the tag their selector requires (a rule selecting <c>PII=email</c> is only tried on columns that carry <c>PII</c>,
/// directly or inherited), patterns compiled once.
/// <see cref="Evaluate"/> runs in parallel over datasets and returns sorted, deterministic results. The meaning of each
/// rule is <see cref="Semantics"/>'s; this class only decides which rules to try.
/// </summary>
public sealed class Evaluator
{
    private readonly PackSet _packs;
    private readonly RuleLevels _global;
    private readonly Dictionary<string, RuleLevels> _byDomain;
    private readonly int _ruleCount;
    /// <summary>The lists of masking decisions, shared per set of matching rules by every worker and evaluation.</summary>
    private readonly MaskingCombinations _combinations = new();

    private Evaluator(PackSet packs)
    {
        _packs = packs;
        _ruleCount = packs.AllRules.Count;
        _global = Index(packs.GlobalRules);
        _byDomain = new Dictionary<string, RuleLevels>(StringComparer.Ordinal);
        foreach (var set in packs.RuleSets)
        {
            if (set.Domain is not null) _byDomain[set.Domain] = Index(set);
        }
    }

    /// <summary>The rule index of <paramref name="set"/>, its patterns compiled.</summary>
    private static RuleLevels Index(RuleSet set)
    {
        PreparePatterns(set);
        return new RuleLevels(set);
    }

    /// <summary>The PackSet compiled.</summary>
    public PackSet Packs => _packs;

    /// <summary>Compiles <paramref name="packs"/> once; the evaluator can then evaluate any number of snapshots.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="packs"/> is null.</exception>
    public static Evaluator Compile(PackSet packs) => new(packs ?? throw new ArgumentNullException(nameof(packs)));

    /// <summary>
    /// Snapshots of fewer columns are evaluated on the calling thread: starting the thread pool's workers costs more
    /// than a few thousand columns take (the results are the same either way: one slot per dataset, sorted after).
    /// </summary>
    internal const long ParallelFrom = 20_000;

    private RuleLevels For(string domain) => _byDomain.TryGetValue(domain, out var c) ? c : _global;

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
        var datasets = 0;
        foreach (var domain in snapshot.Domains)
        {
            foreach (var product in domain.Products) datasets += product.Datasets.Count;
        }
        var work = new List<(Domain Domain, DataProduct Product, Dataset Dataset, RuleLevels Rules, DomainRules InDomain, NameMatches Names)>(datasets);
        var memos = new Dictionary<RuleLevels, NameMatches>(ReferenceEqualityComparer.Instance);
        var products = 0;
        var check = new RuleCheck(null, _combinations);
        // The findings in blocks, each sorted: each product's own, then (below) each dataset's (see Concat).
        var findingBlocks = new List<Finding[]>(datasets + 16);
        foreach (var domain in snapshot.Domains)
        {
            var rules = For(domain.Name);
            // One memo of name tests per rule set and evaluation, shared by the workers (see NameMatches).
            if (!memos.TryGetValue(rules, out var memo)) memos[rules] = memo = rules.Names.Fresh();
            var inDomain = rules.In(domain.Name);
            foreach (var product in domain.Products)
            {
                products++;
                var subject = Subject.ForProduct(domain, product);
                CheckSubject(rules, rules.ProductRules, check, subject, findings);
                if (findings.Count > 0)
                {
                    findings.Sort(Finding.Compare);
                    findingBlocks.Add(findings.ToArray());
                    findings.Clear();
                }
                foreach (var dataset in product.Datasets) work.Add((domain, product, dataset, rules, inDomain, memo));
            }
        }

        var perDataset = new DatasetResult[work.Count];
        long done = 0;
        DatasetResult One(int i, Scratch scratch)
        {
            var w = work[i];
            var result = EvaluateDataset(w.Rules, w.InDomain, w.Names, w.Domain, w.Product, w.Dataset, scratch);
            if (progress is not null) progress.Report(Interlocked.Add(ref done, w.Dataset.Columns.Count));
            return result;
        }
        if (snapshot.ColumnCount < ParallelFrom)
        {
            // A small snapshot is done before the thread pool would have started its workers.
            var scratch = new Scratch(_ruleCount, _combinations);
            for (var i = 0; i < work.Count; i++) perDataset[i] = One(i, scratch);
        }
        else
        {
            InParallel(perDataset, () => new Scratch(_ruleCount, _combinations), One);
        }

        long columns = 0;
        var maskingBlocks = new List<MaskingDecision[]>(perDataset.Length);
        foreach (var r in perDataset)
        {
            if (r.Findings is not null) findingBlocks.Add(r.Findings);
            if (r.Masking is not null) maskingBlocks.Add(r.Masking);
            if (r.Row is not null) rows.Add(r.Row);
            columns += r.Columns;
        }
        var roleFindings = new List<Finding>();
        foreach (var (rule, _, role, message) in Checks.UndefinedRoles(_packs, snapshot.Roles))
            roleFindings.Add(new Finding(GovIds.UndefinedRole, rule.Ref, Severity.Warning, role, message));
        if (roleFindings.Count > 0)
        {
            roleFindings.Sort(Finding.Compare);
            findingBlocks.Add(roleFindings.ToArray());
        }
        Concat(findings, findingBlocks, f => f.Target, Finding.Compare);
        Concat(masking, maskingBlocks, d => d.Target, ByTarget);
        if (!InOrder(rows, ByTarget)) rows.Sort(ByTarget);

        // Waivers: the findings they add are sorted into the rest.
        var now = (time ?? TimeProvider.System).GetUtcNow();
        if (waivers is { Count: > 0 })
        {
            var sorted = findings.Count;
            ApplyWaivers(findings, waivers, now, waiverHorizonDays);
            SortTail(findings, sorted, Finding.Compare);
        }

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

    private static int ByTarget(MaskingDecision a, MaskingDecision b) => string.CompareOrdinal(a.Target, b.Target);

    private static int ByTarget(RowAccessDecision a, RowAccessDecision b) => string.CompareOrdinal(a.Target, b.Target);

    /// <summary>
    /// <paramref name="blocks"/>, each sorted by <paramref name="compare"/> (the products' and datasets' findings or
    /// decisions, sorted by the workers), added to <paramref name="into"/> (empty) in one sorted list: the blocks put in
    /// the order of their first items' targets (<paramref name="target"/>, which <paramref name="compare"/> orders by
    /// first; an ordinal sort of strings, not a call of <paramref name="compare"/> per comparison), then the whole sorted
    /// only when a block starts before the end of the one before it (a name that extends another's target, such as a
    /// schema <c>S.X</c> beside dataset <c>X</c> of schema <c>S</c>, or two blocks whose first targets tie). The result
    /// is the list sorted: one sort of the blocks instead of every item.
    /// </summary>
    private static void Concat<T>(List<T> into, List<T[]> blocks, Func<T, string> target, Comparison<T> compare)
    {
        var ordered = blocks.ToArray();
        var keys = new string[ordered.Length];
        var inOrder = true;
        for (var i = 0; i < ordered.Length; i++)
        {
            keys[i] = target(ordered[i][0]);
            if (i > 0 && string.CompareOrdinal(keys[i - 1], keys[i]) > 0) inOrder = false;
        }
        if (!inOrder) Array.Sort(keys, ordered, StringComparer.Ordinal);
        var count = into.Count;
        foreach (var b in ordered) count += b.Length;
        into.Capacity = count;
        foreach (var b in ordered) into.AddRange(b);
        // Each block is sorted: the whole is when every block starts at or after the end of the one before.
        for (var i = 1; i < ordered.Length; i++)
        {
            if (compare(ordered[i - 1][ordered[i - 1].Length - 1], ordered[i][0]) <= 0) continue;
            into.Sort(compare);
            return;
        }
    }

    /// <summary>True when every item of <paramref name="list"/> is at most the next.</summary>
    private static bool InOrder<T>(List<T> list, Comparison<T> compare)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (compare(list[i - 1], list[i]) > 0) return false;
        }
        return true;
    }

    /// <summary>Sorts <paramref name="list"/>, whose first <paramref name="sorted"/> items are sorted: the rest sorted, then
    /// the two runs merged (a few findings added to many).</summary>
    private static void SortTail<T>(List<T> list, int sorted, Comparison<T> compare)
    {
        if (sorted >= list.Count) return;
        list.Sort(sorted, list.Count - sorted, Comparer<T>.Create(compare));
        if (sorted == 0 || compare(list[sorted - 1], list[sorted]) <= 0) return;
        var merged = new T[list.Count];
        int i = 0, j = sorted, k = 0;
        while (i < sorted && j < list.Count) merged[k++] = compare(list[j], list[i]) < 0 ? list[j++] : list[i++];
        while (i < sorted) merged[k++] = list[i++];
        while (j < list.Count) merged[k++] = list[j++];
        list.Clear();
        list.AddRange(merged);
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
            findings.Add(new Finding(GovIds.WaiverExpired, w.Rule, Severity.Warning, null, w.Target, GovCatalog.Get(GovIds.WaiverExpired).Format(w.Rule, w.Target, w.Owner, Day(w.Expires)), location: w.Location));
        var horizon = DateOnly.FromDateTime(now.UtcDateTime).AddDays(horizonDays);
        for (var k = 0; k < active.Count; k++)
        {
            var w = active[k];
            if (!used[k]) findings.Add(new Finding(GovIds.WaiverUnused, w.Rule, Severity.Warning, null, w.Target, GovCatalog.Get(GovIds.WaiverUnused).Format(w.Rule, w.Target), location: w.Location));
            if (w.IsUnbounded)
                findings.Add(new Finding(GovIds.WaiverTooBroad, w.Rule, Severity.Warning, null, w.Target, GovCatalog.Get(GovIds.WaiverTooBroad).Format(w.Rule, w.Target,
                    "covers every target: it switches the rule off; name the products, datasets or columns it is for"), location: w.Location));
            if (w.Expires > horizon)
                findings.Add(new Finding(GovIds.WaiverTooBroad, w.Rule, Severity.Warning, null, w.Target, GovCatalog.Get(GovIds.WaiverTooBroad).Format(w.Rule, w.Target,
                    "expires on " + Day(w.Expires) + ", more than " + horizonDays.ToString(System.Globalization.CultureInfo.InvariantCulture) + " days ahead; review it sooner"), location: w.Location));
        }
    }

    /// <summary>Every dataset's result, on the thread pool. A method of its own, so that a small check, which never gets
    /// here, does not load the parallel library when <see cref="Evaluate"/> starts (ReadyToRun code resolves the types a
    /// method uses when it is first called).</summary>
    private static void InParallel(DatasetResult[] results, Func<Scratch> newScratch, Func<int, Scratch, DatasetResult> one)
        => Parallel.For(0, results.Length, newScratch, (i, _, scratch) =>
        {
            results[i] = one(i, scratch);
            return scratch;
        }, _ => { });

    private struct DatasetResult
    {
        public Finding[]? Findings;
        public MaskingDecision[]? Masking;
        public RowAccessDecision? Row;
        public int Columns;
    }

    /// <summary>Per-worker scratch state, reused across columns: no allocation per column on the hot path.</summary>
    private sealed class Scratch
    {
        public Scratch(int rules, MaskingCombinations combinations)
        {
            Stamp = new int[rules];
            Check = new RuleCheck(null, combinations);
        }

        public readonly int[] Stamp;
        public int Current;
        public readonly List<BoundRule> Candidates = new();
        public readonly RuleCheck Check;
        public readonly NameOnlyHit NameHit = new();
        /// <summary>The dataset's findings and decisions while it is evaluated (copied out at its end).</summary>
        public readonly List<Finding> Findings = new();
        public readonly List<MaskingDecision> Masking = new();
        public readonly HasColumnMemo HasColumn = new();
    }

    /// <summary>A row access rule's has-column test answered from the bits of the patterns some column name of the dataset
    /// matches (the name memo's last word, OR-ed over the columns). One per worker: its delegate is made once.</summary>
    private sealed class HasColumnMemo
    {
        public HasColumnMemo() => Answer = h => (Bits & (1UL << Names!.HasColumnSlot(h))) != 0;

        public NameMatches? Names;
        public ulong Bits;
        public Func<HasColumnSelector, bool> Answer { get; }
    }

    private static DatasetResult EvaluateDataset(RuleLevels rules, DomainRules inDomain, NameMatches names, Domain domain, DataProduct product, Dataset dataset, Scratch scratch)
    {
        var result = new DatasetResult { Columns = dataset.Columns.Count };
        var findings = scratch.Findings;
        findings.Clear();
        var masking = scratch.Masking;
        masking.Clear();
        var check = scratch.Check;
        var set = rules.Set;
        var ds = Subject.ForDataset(domain, product, dataset);
        CheckSubject(rules, inDomain.DatasetRules, check, ds, findings);

        ulong hasColumns = 0; // which of the rule set's has-column patterns some column of the dataset matches
        var matches = check.MaskMatches;
        var columns = dataset.Columns;
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var subject = Subject.ForColumn(domain, product, dataset, column);
            CollectColumnCandidates(rules, subject, scratch);
            matches.Clear();
            // Masking rules that select the column are collected into `matches`; the others report their findings.
            check.Start(set, subject, findings);
            // The rules no tag index can leave out, then the candidates the column's tags index (not copied together).
            foreach (var b in inDomain.ColumnUnindexed) check.Check(b);
            foreach (var b in scratch.Candidates) check.Check(b);
            // Name-only rules are not candidates: only those whose bit is set for this name are visited. The bit says
            // the (name-only) selector selects the column, and for a naming rule that the name violates it.
            if (names.IsUseful)
            {
                var byName = names.Of(subject, scratch.NameHit);
                if (names.HasColumnCount > 0) hasColumns |= byName[^1];
                check.CheckNameOnly(names, byName);
            }
            if (rules.HasTaxonomyRules && column.Tags.Count > 0)
            {
                foreach (var b in rules.TaxonomyRules) check.Check(b);
            }
            if (matches.Count > 0) masking.Add(Mask(check, subject, matches, findings));
        }
        // Row access after the columns: a rule's has-column test is the OR of its pattern's bit over the column names.
        HasColumnMemo? hasColumn = null;
        if (names.HasColumnCount > 0)
        {
            hasColumn = scratch.HasColumn;
            (hasColumn.Names, hasColumn.Bits) = (names, hasColumns);
        }
        result.Row = RowAccess(rules, inDomain.RowRules, check, ds, findings, hasColumn?.Answer);
        // Sorted here, in parallel: the evaluation puts the datasets' sorted blocks together (Concat).
        if (masking.Count > 0)
        {
            masking.Sort(ByTarget);
            result.Masking = masking.ToArray();
        }
        if (findings.Count > 0)
        {
            findings.Sort(Finding.Compare);
            result.Findings = findings.ToArray();
        }
        return result;
    }

    private static void CollectColumnCandidates(RuleLevels rules, in Subject subject, Scratch scratch)
    {
        var candidates = scratch.Candidates;
        candidates.Clear();
        if (rules.ColumnByTag.Count == 0) return;
        var stamp = ++scratch.Current;
        AddIndexed(rules, subject.Column!.Tags, scratch, stamp);
        AddIndexed(rules, subject.Dataset!.Tags, scratch, stamp);
        AddIndexed(rules, subject.Product.Tags, scratch, stamp);
    }

    private static void AddIndexed(RuleLevels rules, TagSet tags, Scratch scratch, int stamp)
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
    private static MaskingDecision Mask(RuleCheck check, in Subject subject, List<BoundRule> matches, List<Finding> findings)
    {
        var winner = check.CombineMasking(matches, findings, out var strategy, out var ordered, out var clauses, out var conditions);
        // The common case: one unconditional rule. Its clause and rule list are shared, nothing is allocated but the decision
        // (and the target, shared with the column's findings).
        if (ordered is null)
            return new MaskingDecision(check.Target, winner, winner.Alone, subject.Product, subject.Dataset!, subject.Column!, strategy, winner.OwnClause!, Array.Empty<MaskingCondition>());
        return new MaskingDecision(check.Target, winner, ordered, subject.Product, subject.Dataset!, subject.Column!, strategy, clauses!, conditions!);
    }

    /// <summary>The decision of the row access rules that select a dataset (their meaning: <see cref="RuleCheck.CombineRowAccess"/>).</summary>
    private static RowAccessDecision? RowAccess(RuleLevels rules, BoundRule[] rowRules, RuleCheck check, in Subject ds, List<Finding> findings, Func<HasColumnSelector, bool>? hasColumn)
    {
        var matches = check.RowMatches;
        matches.Clear();
        check.HasColumn = hasColumn;
        check.Start(rules.Set, ds, findings);
        foreach (var b in rowRules) check.Check(b);
        check.HasColumn = null;
        if (matches.Count == 0) return null;
        var fits = check.CombineRowAccess(matches, findings);
        var parts = new RowAccessPart[matches.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var rule = (RowAccessRule)matches[i].Rule;
            parts[i] = new RowAccessPart(matches[i], rule.Filter, rule.BypassRoles, fits[i]);
        }
        return new RowAccessDecision(check.Target, ds.Product, ds.Dataset!, parts);
    }

    /// <summary>The product or dataset rules, then the taxonomy rules, on a product or dataset.</summary>
    private static void CheckSubject(RuleLevels rules, BoundRule[] list, RuleCheck check, in Subject subject, List<Finding> findings)
    {
        check.Start(rules.Set, subject, findings);
        foreach (var b in list) check.Check(b);
        if (subject.OwnTags.Count == 0) return;
        foreach (var b in rules.TaxonomyRules) check.Check(b);
    }

    /// <summary>Touches every pattern of <paramref name="set"/> once so that it is compiled here, not on the first column.</summary>
    private static void PreparePatterns(RuleSet set)
    {
        foreach (var b in set.Rules)
        {
            RuleLevels.SelectorOf(b.Rule)?.Walk(node =>
            {
                if (node is NameSelector n) n.Prepare();
                else if (node is HasColumnSelector h) h.Prepare();
            });
            if (b.Rule is NamingRule { Constraint: PatternConstraint pc }) pc.Prepare();
            b.ExtraPattern?.Prepare();
        }
    }
}
