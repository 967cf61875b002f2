namespace Governance;

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

    public PackSet Packs => _packs;

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
        foreach (var domain in snapshot.Domains)
        {
            var rules = For(domain.Name);
            if (!memos.TryGetValue(rules, out var memo)) memos[rules] = memo = new NameMemo(rules);
            foreach (var product in domain.Products)
            {
                products++;
                var subject = Subject.ForProduct(domain, product);
                CheckSubject(rules, rules.ProductRules, subject, "product", findings);
                CheckTaxonomy(rules, subject, "product", findings);
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
                default: notes++; break;
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
        public readonly List<BoundRule> MaskMatches = new();
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
        public ulong[] NameResults(in Subject subject)
        {
            var name = subject.Column!.Name;
            if (_byName.TryGetValue(name, out var bits)) return bits;
            bits = rules.ComputeNameResults(subject);
            if (Volatile.Read(ref _count) < MaxMemoizedNames && _byName.TryAdd(name, bits)) Interlocked.Increment(ref _count);
            return bits;
        }
    }

    private static DatasetResult EvaluateDataset(CompiledRuleSet rules, NameMemo names, Domain domain, DataProduct product, Dataset dataset, Scratch scratch)
    {
        var result = new DatasetResult { Columns = dataset.Columns.Count };
        var findings = new List<Finding>(0);
        var ds = Subject.ForDataset(domain, product, dataset);
        CheckSubject(rules, rules.DatasetRules, ds, "dataset", findings);
        CheckTaxonomy(rules, ds, "dataset", findings);

        List<MaskingDecision>? masking = null;
        ulong hasColumns = 0; // which of the rule set's has-column patterns some column of the dataset matches
        foreach (var column in dataset.Columns)
        {
            var subject = Subject.ForColumn(domain, product, dataset, column);
            CollectColumnCandidates(rules, subject, scratch);
            var matches = scratch.MaskMatches;
            matches.Clear();
            foreach (var b in scratch.Candidates)
            {
                if (b.Rule is MaskingRule m)
                {
                    if (Semantics.Matches(m.Columns, subject)) matches.Add(b);
                }
                else
                {
                    CheckOne(b, subject, "column", findings);
                }
            }
            // Name-only rules are not candidates: only those whose bit is set for this name are visited.
            if (rules.UsesNameMemo)
            {
                var byName = names.NameResults(subject);
                if (rules.HasColumnCount > 0) hasColumns |= byName[^1];
                for (var word = 0; word < rules.NameOnlyWords; word++)
                {
                    for (var bits = byName[word]; bits != 0; bits &= bits - 1)
                    {
                        var b = rules.NameOnly(word * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits));
                        switch (b.Rule)
                        {
                            case MaskingRule:
                                matches.Add(b);
                                break;
                            case TagRequirementRule t:
                                // The bit says the (name-only) selector matches; the tag is the column's own business.
                                if (subject.EffectiveTag(t.Tag) is null) CheckOne(b, subject, "column", findings);
                                break;
                            default:
                                // The bit says the name violates the naming rule; the message is built only now.
                                CheckOne(b, subject, "column", findings);
                                break;
                        }
                    }
                }
            }
            if (rules.HasTaxonomyRules && column.Tags.Count > 0) CheckTaxonomy(rules, subject, "column", findings);
            if (matches.Count > 0)
            {
                masking ??= new List<MaskingDecision>();
                masking.Add(Mask(subject, matches, findings));
            }
        }
        // Row access after the columns: a rule's has-column test is the OR of its pattern's bit over the column names.
        result.Row = RowAccess(rules, ds, findings, rules.HasColumnCount > 0 ? h => (hasColumns & (1UL << rules.HasColumnSlot(h))) != 0 : null);
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

    private static MaskingDecision Mask(in Subject subject, List<BoundRule> matches, List<Finding> findings)
    {
        var target = subject.Target;
        var winner = matches[0];
        for (var i = 1; i < matches.Count; i++)
        {
            var b = matches[i];
            if (Semantics.CompareMasking((MaskingRule)b.Rule, b.Ref, (MaskingRule)winner.Rule, winner.Ref, subject.Column!.Type) < 0) winner = b;
        }
        if (matches.Count > 1)
        {
            var refs = matches.Select(m => m.Ref).OrderBy(r => r, StringComparer.Ordinal).Select(r => "`" + r + "`");
            findings.Add(new Finding(GovIds.MaskingConflict, winner.Ref, Severity.Warning, target,
                GovCatalog.Get(GovIds.MaskingConflict).Format(subject.Column!.Name, string.Join(", ", refs), winner.Ref)));
        }
        var rule = (MaskingRule)winner.Rule;
        var column = subject.Column!;
        var strategy = Semantics.EffectiveStrategy(rule.Strategy, column.Type);
        if (!ReferenceEquals(strategy, rule.Strategy))
        {
            findings.Add(new Finding(GovIds.MaskingStrategyTypeMismatch, winner.Ref, Severity.Error, target,
                GovCatalog.Get(GovIds.MaskingStrategyTypeMismatch).Format(rule.Strategy.Describe(), column.Type.Text, column.Name)));
        }

        // The common case: one unconditional rule. Its clause and rule list are shared, nothing is allocated but the decision.
        if (matches.Count == 1 && rule.Condition is null)
            return new MaskingDecision(target, winner, winner.Alone, subject.Product, subject.Dataset!, column, strategy, winner.OwnClause!, Array.Empty<MaskingCondition>());

        // Deny overrides: one reveal clause per matching rule, the winner's first; every condition must hold.
        var ordered = new List<BoundRule>(matches.Count) { winner };
        ordered.AddRange(matches.Where(m => !ReferenceEquals(m, winner)).OrderBy(m => m.Ref, StringComparer.Ordinal));
        var clauses = new List<IReadOnlyList<string>>(ordered.Count);
        var conditions = new List<MaskingCondition>();
        var maskedForAll = false;
        foreach (var b in ordered)
        {
            var m = (MaskingRule)b.Rule;
            if (!clauses.Any(c => c.SequenceEqual(m.RevealTo, StringComparer.Ordinal))) clauses.Add(m.RevealTo);
            if (m.Condition is not { } condition) continue;
            var other = subject.Dataset!.FindColumn(condition.Column);
            if (other is null || !condition.Value.Fits(other.Type.Family))
            {
                findings.Add(new Finding(GovIds.MaskingConditionColumnMissing, b.Ref, Severity.Error, target,
                    GovCatalog.Get(GovIds.MaskingConditionColumnMissing).Format(column.Name, condition.Column, Literal.KindName(condition.Value.Kind))));
                maskedForAll = true;
            }
            else if (!conditions.Any(c => c.Column == condition.Column && c.Value.Equals(condition.Value)))
            {
                conditions.Add(condition);
            }
        }
        if (maskedForAll || clauses.Any(c => c.Count == 0)) clauses.Clear();
        return new MaskingDecision(target, winner, ordered, subject.Product, subject.Dataset!, column, strategy, clauses, maskedForAll ? Array.Empty<MaskingCondition>() : conditions);
    }

    private static RowAccessDecision? RowAccess(CompiledRuleSet rules, in Subject ds, List<Finding> findings, Func<HasColumnSelector, bool>? hasColumn)
    {
        List<BoundRule>? matches = null;
        foreach (var b in rules.RowRules)
        {
            if (Semantics.Matches(((RowAccessRule)b.Rule).Datasets, ds, null, hasColumn)) (matches ??= new List<BoundRule>()).Add(b);
        }
        if (matches is null) return null;
        var target = ds.Target;
        matches.Sort((a, b) => Semantics.CompareRowAccess((RowAccessRule)a.Rule, a.Ref, (RowAccessRule)b.Rule, b.Ref));
        if (matches.Count > 1)
        {
            var refs = matches.Select(x => "`" + x.Ref + "`").OrderBy(x => x, StringComparer.Ordinal);
            findings.Add(new Finding(GovIds.RowAccessConflict, matches[0].Ref, Severity.Warning, target,
                GovCatalog.Get(GovIds.RowAccessConflict).Format(ds.Dataset!.Name, string.Join(", ", refs))));
        }
        var parts = new List<RowAccessPart>(matches.Count);
        foreach (var b in matches)
        {
            var rule = (RowAccessRule)b.Rule;
            var column = ds.Dataset!.FindColumn(rule.Filter.Column);
            var fits = column is not null && (rule.Filter is not PredicateFilter p || p.Value.Fits(column.Type.Family));
            if (!fits)
            {
                findings.Add(new Finding(GovIds.RowAccessColumnMissing, b.Ref, Severity.Error, target,
                    GovCatalog.Get(GovIds.RowAccessColumnMissing).Format(ds.Dataset.Name, rule.Filter.Column)));
            }
            parts.Add(new RowAccessPart(b, rule.Filter, rule.BypassRoles, fits));
        }
        return new RowAccessDecision(target, ds.Product, ds.Dataset!, parts);
    }

    private static void CheckSubject(CompiledRuleSet rules, BoundRule[] list, in Subject subject, string level, List<Finding> findings)
    {
        foreach (var b in list) CheckOne(b, subject, level, findings);
    }

    /// <summary>Tag requirement, product metadata and naming rules on one subject.</summary>
    private static void CheckOne(BoundRule b, in Subject subject, string level, List<Finding> findings)
    {
        switch (b.Rule)
        {
            case TagRequirementRule t:
                // The tag lookup is cheap and usually satisfied; the selector (often a name pattern) only runs when it is not.
                if (subject.EffectiveTag(t.Tag) is null && Semantics.Matches(t.When, subject))
                    findings.Add(new Finding(GovIds.RequiredTagMissing, b.Ref, t.Severity, subject.Target, GovCatalog.Get(GovIds.RequiredTagMissing).Format(level, subject.Name, t.Tag)));
                break;
            case ProductMetadataRule p:
                if (Semantics.Matches(p.When, subject))
                {
                    var value = p.Field == ProductField.Owner ? subject.Product.Owner : subject.Product.Version;
                    if (string.IsNullOrWhiteSpace(value))
                        findings.Add(new Finding(GovIds.RequiredMetadataMissing, b.Ref, p.Severity, subject.Target,
                            GovCatalog.Get(GovIds.RequiredMetadataMissing).Format(MeshIdentity.Product(subject.Domain.Name, subject.Product.Name), p.Field == ProductField.Owner ? "owner" : "version")));
                }
                break;
            case NamingRule n:
                if (!Semantics.Matches(n.When, subject)) break;
                if (Semantics.NamingViolation(n.Constraint, subject.Name, level, subject, out var id) is { } message)
                    findings.Add(new Finding(id, b.Ref, n.Severity, subject.Target, message));
                if (b.ExtraPattern is not null && Semantics.NamingViolation(b.ExtraPattern, subject.Name, level, subject, out var id2) is { } message2)
                    findings.Add(new Finding(id2, b.Ref, n.Severity, subject.Target, message2));
                break;
        }
    }

    private static void CheckTaxonomy(CompiledRuleSet rules, in Subject subject, string level, List<Finding> findings)
    {
        if (!rules.HasTaxonomyRules) return;
        var tags = subject.OwnTags.Items;
        for (var i = 0; i < tags.Count; i++)
        {
            var (name, value) = (tags[i].Key, tags[i].Value);
            rules.Set.Taxonomy.TryGetValue(name, out var def);
            foreach (var b in rules.TaxonomyRules)
            {
                var rule = (TaxonomyRule)b.Rule;
                if (def is null)
                {
                    if (rule.UnknownTagSeverity is { } unknown)
                        findings.Add(new Finding(GovIds.UnknownTag, b.Ref, unknown, subject.Target, Checks.UnknownTagMessage(rules.Set.Taxonomy, name, level, subject.Name)));
                }
                else if (!def.Allows(value))
                {
                    findings.Add(new Finding(GovIds.TagValueNotAllowed, b.Ref, rule.Severity, subject.Target, Checks.TagValueMessage(def, value, level, subject.Name)));
                }
            }
        }
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
                switch (b.Rule)
                {
                    case RowAccessRule: row.Add(b); break;
                    case TaxonomyRule: taxonomy.Add(b); break;
                    case ProductMetadataRule: product.Add(b); break;
                    case TagRequirementRule t: Place(b, t.Level, t.When); break;
                    case NamingRule n: Place(b, n.Level, n.When); break;
                    case MaskingRule m: Place(b, TargetLevel.Column, m.Columns); break;
                }
            }

            void Place(BoundRule b, TargetLevel level, Selector selector)
            {
                if (level == TargetLevel.Product) { product.Add(b); return; }
                if (level == TargetLevel.Dataset) { dataset.Add(b); return; }
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
            foreach (var b in RowRules) CollectHasColumn(((RowAccessRule)b.Rule).Datasets, hasColumn);
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

        private static void CollectHasColumn(Selector s, List<HasColumnSelector> into)
        {
            switch (s)
            {
                case HasColumnSelector h: if (!into.Contains(h)) into.Add(h); break;
                case AllSelector a: foreach (var p in a.Parts) CollectHasColumn(p, into); break;
                case AnySelector a: foreach (var p in a.Parts) CollectHasColumn(p, into); break;
                case NotSelector n: CollectHasColumn(n.Inner, into); break;
            }
        }

        /// <summary>The name-only column rule in <paramref name="slot"/> of <see cref="ComputeNameResults"/>'s bits.</summary>
        public BoundRule NameOnly(int slot) => _nameOnly[slot];

        /// <summary>Evaluates every name-only column rule on the subject's name (its meaning: <see cref="Semantics"/>).</summary>
        public ulong[] ComputeNameResults(in Subject subject)
        {
            var bits = new ulong[NameOnlyWords + (_hasColumn.Length > 0 ? 1 : 0)];
            for (var slot = 0; slot < _hasColumn.Length; slot++)
            {
                if (_hasColumn[slot].Regex.IsMatch(subject.Name)) bits[^1] |= 1UL << slot;
            }
            for (var slot = 0; slot < _nameOnly.Length; slot++)
            {
                var b = _nameOnly[slot];
                var hit = b.Rule switch
                {
                    MaskingRule m => Semantics.Matches(m.Columns, subject),
                    TagRequirementRule t => Semantics.Matches(t.When, subject),
                    NamingRule n => Semantics.Matches(n.When, subject)
                        && (Semantics.NamingViolation(n.Constraint, subject.Name, "column", subject, out _) is not null
                            || (b.ExtraPattern is not null && Semantics.NamingViolation(b.ExtraPattern, subject.Name, "column", subject, out _) is not null)),
                    _ => false,
                };
                if (hit) bits[slot >> 6] |= 1UL << (slot & 63);
            }
            return bits;
        }

        /// <summary>True for a column rule whose result is a function of the column's name only.</summary>
        private static bool IsNameOnly(BoundRule b) => b.Rule switch
        {
            MaskingRule m => NameOnly(m.Columns),
            TagRequirementRule t => t.Level == TargetLevel.Column && NameOnly(t.When),
            // Affix templates with placeholders read the domain and product; the other constraints read the name only.
            NamingRule n => n.Level == TargetLevel.Column && NameOnly(n.When)
                && !(n.Constraint is AffixConstraint a && a.Templates.Any(t => t.Contains('{', StringComparison.Ordinal))),
            _ => false,
        };

        private static bool NameOnly(Selector s) => s switch
        {
            AlwaysSelector or NameSelector => true,
            AllSelector a => a.Parts.All(NameOnly),
            AnySelector a => a.Parts.All(NameOnly),
            NotSelector n => NameOnly(n.Inner),
            _ => false,
        };

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
            switch (b.Rule)
            {
                case MaskingRule m: PrepareSelector(m.Columns); break;
                case RowAccessRule r: PrepareSelector(r.Datasets); break;
                case TagRequirementRule t: PrepareSelector(t.When); break;
                case ProductMetadataRule p: PrepareSelector(p.When); break;
                case NamingRule n:
                    PrepareSelector(n.When);
                    if (n.Constraint is PatternConstraint pc) _ = pc.Regex;
                    if (b.ExtraPattern is not null) _ = b.ExtraPattern.Regex;
                    break;
            }
        }

        private static void PrepareSelector(Selector s)
        {
            switch (s)
            {
                case NameSelector n: _ = n.Regex; break;
                case HasColumnSelector h: _ = h.Regex; break;
                case AllSelector a: foreach (var p in a.Parts) PrepareSelector(p); break;
                case AnySelector a: foreach (var p in a.Parts) PrepareSelector(p); break;
                case NotSelector n: PrepareSelector(n.Inner); break;
            }
        }
    }
}
