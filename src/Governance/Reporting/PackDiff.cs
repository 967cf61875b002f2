using Governance.Snowflake;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Reporting;

/// <summary>How a pack differs between the two pack sets.</summary>
public enum PackChangeKind
{
    /// <summary>The same content hash on both sides.</summary>
    Unchanged,
    /// <summary>On both sides, with different content.</summary>
    Changed,
    /// <summary>Only in the new pack set.</summary>
    Added,
    /// <summary>Only in the old pack set.</summary>
    Removed,
}

/// <summary>Whether a finding is new or gone.</summary>
public enum FindingChangeKind
{
    /// <summary>The new pack set reports it, the old one does not.</summary>
    Appeared,
    /// <summary>The old pack set reports it, the new one does not.</summary>
    Disappeared,
}

/// <summary>How an object of the first-deploy plan changes.</summary>
public enum PlanChangeKind
{
    /// <summary>Only the new plan has it.</summary>
    Added,
    /// <summary>Both plans have it, with different statements.</summary>
    Changed,
    /// <summary>Only the old plan has it.</summary>
    Removed,
}

/// <summary>What kind of object of the first-deploy plan changes.</summary>
public enum PlanObjectKind
{
    /// <summary>A tag and its allowed values.</summary>
    Tag,
    /// <summary>A masking policy.</summary>
    MaskingPolicy,
    /// <summary>A row access policy.</summary>
    RowAccessPolicy,
    /// <summary>A masking policy set on a tag.</summary>
    TagMasking,
    /// <summary>A masking policy set on a column.</summary>
    ColumnMasking,
    /// <summary>A row access policy added to a dataset.</summary>
    RowAccess,
    /// <summary>Tags set on an object.</summary>
    TagAssignment,
}

/// <summary>One pack, by name, in the two pack sets: its version and content hash on each side.</summary>
public sealed class PackVersionChange
{
    internal PackVersionChange(string name, string scope, string? fromVersion, string? fromHash, string? toVersion, string? toHash)
    {
        Name = name; Scope = scope; FromVersion = fromVersion; FromHash = fromHash; ToVersion = toVersion; ToHash = toHash;
    }

    /// <summary>The pack's name.</summary>
    public string Name { get; }
    /// <summary><c>global</c> or <c>domain NAME</c> (the new version's scope when both exist).</summary>
    public string Scope { get; }
    /// <summary>The pack's version in the old pack set; null when added.</summary>
    public string? FromVersion { get; }
    /// <summary>The manifest's SHA-256 content hash, <c>sha256:…</c>.</summary>
    public string? FromHash { get; }
    /// <summary>The pack's version in the new pack set; null when removed.</summary>
    public string? ToVersion { get; }
    /// <summary>The new manifest's content hash, <c>sha256:…</c>; null when removed.</summary>
    public string? ToHash { get; }

    /// <summary>Added, removed, or (by content hash) changed or unchanged.</summary>
    public PackChangeKind Kind => FromHash is null ? PackChangeKind.Added : ToHash is null ? PackChangeKind.Removed
        : FromHash == ToHash ? PackChangeKind.Unchanged : PackChangeKind.Changed;
}

/// <summary>A global pack whose new version weakens one of its own rules (or widens its taxonomy): what federation
/// would refuse from a domain pack.</summary>
public sealed class RuleWeakening
{
    internal RuleWeakening(string pack, string fromVersion, string toVersion, string? rule, string? tag, string reason)
    {
        Pack = pack; FromVersion = fromVersion; ToVersion = toVersion; Rule = rule; Tag = tag; Reason = reason;
    }

    /// <summary>The global pack's name.</summary>
    public string Pack { get; }
    /// <summary>The pack's old version.</summary>
    public string FromVersion { get; }
    /// <summary>The pack's new version.</summary>
    public string ToVersion { get; }
    /// <summary>The weakened rule's ID, or null for a taxonomy tag.</summary>
    public string? Rule { get; }
    /// <summary>The widened taxonomy tag, or null for a rule.</summary>
    public string? Tag { get; }
    /// <summary>Why, as federation says it (<c>it reveals to `GLOBAL_ANALYST`, which the global rule does not</c>).</summary>
    public string Reason { get; }

    /// <summary><c>acme-global/mask.email</c> or <c>acme-global taxonomy tag PII</c>.</summary>
    public string Subject => Rule is not null ? Pack + "/" + Rule : Pack + " taxonomy tag " + Tag;
}

/// <summary>A finding that the new pack set reports and the old one does not, or the other way round.</summary>
public sealed class FindingChange
{
    internal FindingChange(FindingChangeKind kind, string? domain, string? product, Finding f)
    {
        Kind = kind; Domain = domain; Product = product; Finding = f;
    }

    /// <summary>The finding, as the evaluation of its side reports it (its waiver included).</summary>
    internal Finding Finding { get; }

    /// <summary>Whether the finding appears or disappears.</summary>
    public FindingChangeKind Kind { get; }
    /// <summary>The target's domain and product; null for a finding outside every product.</summary>
    public string? Domain { get; }
    /// <summary>The target's product; null for a finding outside every product.</summary>
    public string? Product { get; }
    /// <summary>The finding's ID (<c>GOVnnnn</c>).</summary>
    public string Id => Finding.Id;
    /// <summary>The rule that reports it; null for a finding of no rule.</summary>
    public string? Rule => Finding.Rule;
    /// <summary>The finding's severity.</summary>
    public Severity Severity => Finding.Severity;
    /// <summary>What the finding is about (<c>DB.SCHEMA.DATASET.COLUMN</c> …).</summary>
    public string Target => Finding.Target;
    /// <summary>The finding's message.</summary>
    public string Message => Finding.Message;
    /// <summary>True when a waiver covers the finding on its side.</summary>
    public bool Waived => Finding.Waived;
}

/// <summary>What one role sees of a column before and after.</summary>
public sealed class RoleAccessChange
{
    internal RoleAccessChange(string role, ColumnAccess before, ColumnAccess after) { Role = role; Before = before; After = after; }

    /// <summary>The role's name.</summary>
    public string Role { get; }
    /// <summary>What the role saw with the old pack set.</summary>
    public ColumnAccess Before { get; }
    /// <summary>What the role sees with the new pack set.</summary>
    public ColumnAccess After { get; }
    /// <summary>Clear before (in every row or where conditions hold), masked after.</summary>
    public bool LosesClear => Before.Kind != ColumnAccessKind.Masked && After.Kind == ColumnAccessKind.Masked;
    /// <summary>Masked before, clear after (in every row or where conditions hold).</summary>
    public bool GainsClear => Before.Kind == ColumnAccessKind.Masked && After.Kind != ColumnAccessKind.Masked;
}

/// <summary>A column whose masking decision changes, with what each role that sees it differently sees.</summary>
public sealed class MaskingChange
{
    internal MaskingChange(string? domain, string? product, string target, MaskingState? before, MaskingState? after, IReadOnlyList<RoleAccessChange> roles)
    {
        Domain = domain; Product = product; Target = target; Before = before; After = after; Roles = roles;
    }

    /// <summary>The column's domain; null outside every product.</summary>
    public string? Domain { get; }
    /// <summary>The column's product; null outside every product.</summary>
    public string? Product { get; }
    /// <summary><c>DB.SCHEMA.DATASET.COLUMN</c>.</summary>
    public string Target { get; }
    /// <summary>Null: no masking policy (clear for everyone).</summary>
    public MaskingState? Before { get; }
    /// <summary>Null: no masking policy (clear for everyone).</summary>
    public MaskingState? After { get; }
    /// <summary>The roles whose view changes, by role name; empty when only the rule that decides changed.</summary>
    public IReadOnlyList<RoleAccessChange> Roles { get; }
}

/// <summary>What one role sees of a dataset's rows before and after.</summary>
public sealed class RoleRowChange
{
    internal RoleRowChange(string role, RowVisibility before, RowVisibility after) { Role = role; Before = before; After = after; }

    /// <summary>The role's name.</summary>
    public string Role { get; }
    /// <summary>The rows the role saw with the old pack set.</summary>
    public RowVisibility Before { get; }
    /// <summary>The rows the role sees with the new pack set.</summary>
    public RowVisibility After { get; }
}

/// <summary>A dataset whose row access decision changes, with what each role that sees it differently sees.</summary>
public sealed class RowAccessChange
{
    internal RowAccessChange(string? domain, string? product, string target, RowAccessState? before, RowAccessState? after, IReadOnlyList<RoleRowChange> roles)
    {
        Domain = domain; Product = product; Target = target; Before = before; After = after; Roles = roles;
    }

    /// <summary>The dataset's domain; null outside every product.</summary>
    public string? Domain { get; }
    /// <summary>The dataset's product; null outside every product.</summary>
    public string? Product { get; }
    /// <summary><c>DB.SCHEMA.DATASET</c>.</summary>
    public string Target { get; }
    /// <summary>Null: no row access policy (every row for everyone).</summary>
    public RowAccessState? Before { get; }
    /// <summary>Null: no row access policy (every row for everyone).</summary>
    public RowAccessState? After { get; }
    /// <summary>The roles whose view changes, by role name.</summary>
    public IReadOnlyList<RoleRowChange> Roles { get; }
}

/// <summary>An object of the first-deploy plan (the same snapshot, old packs against new) that deploying the new
/// version adds, changes or removes, with its statement on each side.</summary>
public sealed class PlanObjectChange
{
    internal PlanObjectChange(PlanObjectKind objectKind, string name, string? before, string? after)
    {
        ObjectKind = objectKind; Name = name; Before = before; After = after;
    }

    /// <summary>Added, changed or removed.</summary>
    public PlanChangeKind Kind => Before is null ? PlanChangeKind.Added : After is null ? PlanChangeKind.Removed : PlanChangeKind.Changed;
    /// <summary>What kind of object it is.</summary>
    public PlanObjectKind ObjectKind { get; }
    /// <summary>The object: a policy or tag name (<c>DB.SCHEMA.NAME</c>), a column (<c>DB.SCHEMA.TABLE.COLUMN</c>) or a dataset.</summary>
    public string Name { get; }
    /// <summary>The statement that creates or attaches it in the old plan; null when added.</summary>
    public string? Before { get; }
    /// <summary>The statement that creates or attaches it in the new plan; null when removed.</summary>
    public string? After { get; }

    /// <summary><c>masking policy</c>, <c>column masking</c> …</summary>
    public string ObjectText => ObjectKind switch
    {
        PlanObjectKind.Tag => "tag",
        PlanObjectKind.MaskingPolicy => "masking policy",
        PlanObjectKind.RowAccessPolicy => "row access policy",
        PlanObjectKind.TagMasking => "tag masking",
        PlanObjectKind.ColumnMasking => "column masking",
        PlanObjectKind.RowAccess => "row access",
        _ => "tag assignment",
    };
}

/// <summary>How one role's view changes over the whole mesh.</summary>
public sealed class RoleImpact
{
    internal RoleImpact(string role, int losesClear, int gainsClear, int losesRows, int gainsRows)
    {
        Role = role; LosesClear = losesClear; GainsClear = gainsClear; LosesRows = losesRows; GainsRows = gainsRows;
    }

    /// <summary>The role's name.</summary>
    public string Role { get; }
    /// <summary>Columns the role saw in clear (in every row or where conditions hold) and sees masked.</summary>
    public int LosesClear { get; }
    /// <summary>Columns the role saw masked and sees in clear (in every row or where conditions hold).</summary>
    public int GainsClear { get; }
    /// <summary>Datasets of which the role sees fewer rows (all → filtered or none, filtered → none).</summary>
    public int LosesRows { get; }
    /// <summary>Datasets of which the role sees more rows (none → filtered or all, filtered → all).</summary>
    public int GainsRows { get; }
}

/// <summary>The diff in numbers, for its first lines.</summary>
public sealed class DiffSummary
{
    internal DiffSummary(IReadOnlyList<string> domains, IReadOnlyList<(string Domain, string Product)> products, int[] appeared, int[] disappeared,
        IReadOnlyList<RoleImpact> roles, int planAdded, int planChanged, int planRemoved, int weakenings)
    {
        Domains = domains; Products = products; Roles = roles; PlanAdded = planAdded; PlanChanged = planChanged; PlanRemoved = planRemoved; Weakenings = weakenings;
        NewErrors = appeared[(int)Severity.Error]; NewWarnings = appeared[(int)Severity.Warning]; NewNotes = appeared[(int)Severity.Note];
        ResolvedErrors = disappeared[(int)Severity.Error]; ResolvedWarnings = disappeared[(int)Severity.Warning]; ResolvedNotes = disappeared[(int)Severity.Note];
    }

    /// <summary>Domains with a finding, masking or row access change, sorted.</summary>
    public IReadOnlyList<string> Domains { get; }
    /// <summary>Products with a finding, masking or row access change, by domain then product.</summary>
    public IReadOnlyList<(string Domain, string Product)> Products { get; }
    /// <summary>Unwaived findings that appear, by severity.</summary>
    public int NewErrors { get; }
    /// <summary>Unwaived warnings that appear.</summary>
    public int NewWarnings { get; }
    /// <summary>Unwaived notes that appear.</summary>
    public int NewNotes { get; }
    /// <summary>Unwaived findings that disappear, by severity.</summary>
    public int ResolvedErrors { get; }
    /// <summary>Unwaived warnings that disappear.</summary>
    public int ResolvedWarnings { get; }
    /// <summary>Unwaived notes that disappear.</summary>
    public int ResolvedNotes { get; }
    /// <summary>The roles whose view changes, by role name.</summary>
    public IReadOnlyList<RoleImpact> Roles { get; }
    /// <summary>Objects of the first-deploy plan that are added.</summary>
    public int PlanAdded { get; }
    /// <summary>Objects of the first-deploy plan whose statement changes.</summary>
    public int PlanChanged { get; }
    /// <summary>Objects of the first-deploy plan that are removed.</summary>
    public int PlanRemoved { get; }
    /// <summary>Global rules weakened and taxonomy tags widened (<see cref="PackDiff.Weakenings"/>).</summary>
    public int Weakenings { get; }
}

/// <summary>
/// The impact of a new version of rule packs on a mesh, before it is published: both pack sets evaluated on the same
/// snapshot and compared — the findings that appear and disappear, the masking decisions that change per column and
/// role, the row access that changes per dataset, the objects of the first-deploy plan that change, and the global
/// rules the new version weakens. Every list is sorted (by domain, product, then target), so the same inputs give the
/// same diff; renderers: <see cref="DiffReport"/>.
/// </summary>
public sealed class PackDiff
{
    private PackDiff(IReadOnlyList<PackVersionChange> packs, IReadOnlyList<RuleWeakening> weakenings, IReadOnlyList<FindingChange> findings,
        IReadOnlyList<MaskingChange> masking, IReadOnlyList<RowAccessChange> rowAccess, IReadOnlyList<PlanObjectChange> plan, DiffSummary summary)
    {
        Packs = packs; Weakenings = weakenings; Findings = findings; Masking = masking; RowAccess = rowAccess; Plan = plan; Summary = summary;
    }

    /// <summary>Every pack of either side, by name.</summary>
    public IReadOnlyList<PackVersionChange> Packs { get; }
    /// <summary>The global rules the new version weakens and the taxonomy tags it widens, by pack name, then in the old pack's order (its rules, then its taxonomy tags).</summary>
    public IReadOnlyList<RuleWeakening> Weakenings { get; }
    /// <summary>The findings that appear or disappear, by domain, product, then target (what belongs to no product last).</summary>
    public IReadOnlyList<FindingChange> Findings { get; }
    /// <summary>The columns whose masking decision changes, by domain, product, then target.</summary>
    public IReadOnlyList<MaskingChange> Masking { get; }
    /// <summary>The datasets whose row access decision changes, by domain, product, then target.</summary>
    public IReadOnlyList<RowAccessChange> RowAccess { get; }
    /// <summary>The objects of the first-deploy plan that change, by kind then name.</summary>
    public IReadOnlyList<PlanObjectChange> Plan { get; }
    /// <summary>The diff in numbers.</summary>
    public DiffSummary Summary { get; }

    /// <summary>True when the new version changes nothing on this mesh (pack versions aside).</summary>
    public bool IsEmpty => Weakenings.Count == 0 && Findings.Count == 0 && Masking.Count == 0 && RowAccess.Count == 0 && Plan.Count == 0;

    /// <summary>True when an unwaived error finding appears.</summary>
    public bool HasNewErrors => Summary.NewErrors > 0;

    /// <summary>Evaluates <paramref name="from"/> and <paramref name="to"/> on <paramref name="snapshot"/> (with the same
    /// waivers at the same time and horizon, as <see cref="Evaluator.Evaluate"/>), plans both first deploys, and compares. Throws <see cref="SnowflakeCompileException"/>
    /// when a side cannot be planned (a name Snowflake cannot hold).</summary>
    public static PackDiff Compute(PackSet from, PackSet to, MetadataSnapshot snapshot, IReadOnlyList<Waiver>? waivers = null, TimeProvider? time = null, PlanOptions? plan = null,
        int waiverHorizonDays = Waiver.DefaultHorizonDays)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(snapshot);
        var before = Evaluator.Compile(from).Evaluate(snapshot, waivers, time, waiverHorizonDays: waiverHorizonDays);
        var after = Evaluator.Compile(to).Evaluate(snapshot, waivers, time, waiverHorizonDays: waiverHorizonDays);
        return Between(from, before, SnowflakePlanner.Plan(from, snapshot, before, plan), to, after, SnowflakePlanner.Plan(to, snapshot, after, plan), snapshot);
    }

    /// <summary>Compares evaluations and plans already made of the same <paramref name="snapshot"/>.</summary>
    public static PackDiff Between(PackSet from, EvaluationResult before, SnowflakePlan beforePlan, PackSet to, EvaluationResult after, SnowflakePlan afterPlan, MetadataSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(beforePlan);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(afterPlan);
        ArgumentNullException.ThrowIfNull(snapshot);
        var index = new ProductIndex(snapshot);
        var (graph, roles) = ProductIndex.RolesOf(snapshot);

        var findings = FindingChanges(before, after, index);
        var masking = MaskingChanges(before, after, index, graph, roles);
        var rows = RowAccessChanges(before, after, index, graph, roles);
        var plan = PlanChanges(beforePlan, afterPlan);
        var weakenings = WeakeningsOf(from, to);

        var domains = new SortedSet<string>(StringComparer.Ordinal);
        var products = new SortedSet<(string, string)>(Comparer<(string, string)>.Create((a, b) =>
        {
            var c = string.CompareOrdinal(a.Item1, b.Item1);
            return c != 0 ? c : string.CompareOrdinal(a.Item2, b.Item2);
        }));
        void Touch(string? domain, string? product)
        {
            if (domain is null || product is null) return;
            domains.Add(domain);
            products.Add((domain, product));
        }
        foreach (var f in findings) Touch(f.Domain, f.Product);
        foreach (var m in masking) Touch(m.Domain, m.Product);
        foreach (var r in rows) Touch(r.Domain, r.Product);

        var appeared = new int[3];
        var disappeared = new int[3];
        foreach (var f in findings.Where(f => !f.Waived)) (f.Kind == FindingChangeKind.Appeared ? appeared : disappeared)[(int)f.Severity]++;

        var impacts = new List<RoleImpact>();
        foreach (var role in roles)
        {
            var losesClear = masking.Count(m => m.Roles.Any(r => r.Role == role && r.LosesClear));
            var gainsClear = masking.Count(m => m.Roles.Any(r => r.Role == role && r.GainsClear));
            var losesRows = rows.Count(d => d.Roles.Any(r => r.Role == role && r.After > r.Before));
            var gainsRows = rows.Count(d => d.Roles.Any(r => r.Role == role && r.After < r.Before));
            if (losesClear + gainsClear + losesRows + gainsRows > 0) impacts.Add(new RoleImpact(role, losesClear, gainsClear, losesRows, gainsRows));
        }

        var summary = new DiffSummary(domains.ToArray(), products.ToArray(), appeared, disappeared, impacts,
            plan.Count(p => p.Kind == PlanChangeKind.Added), plan.Count(p => p.Kind == PlanChangeKind.Changed), plan.Count(p => p.Kind == PlanChangeKind.Removed), weakenings.Count);
        return new PackDiff(PackChanges(from, to), weakenings, findings, masking, rows, plan, summary);
    }

    // ------------------------------------------------------------------------------------------------ packs

    private static string Scope(RulePack p) => p.Scope.IsGlobal ? "global" : "domain " + p.Scope.Domain;

    private static List<PackVersionChange> PackChanges(PackSet from, PackSet to)
    {
        var names = from.Packs.Select(p => p.Name).Concat(to.Packs.Select(p => p.Name)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);
        var list = new List<PackVersionChange>();
        foreach (var name in names)
        {
            var a = from.Packs.FirstOrDefault(p => p.Name == name);
            var b = to.Packs.FirstOrDefault(p => p.Name == name);
            list.Add(new PackVersionChange(name, Scope(b ?? a!), a?.Version, a is null ? null : ManifestCodec.ComputeHash(a), b?.Version, b is null ? null : ManifestCodec.ComputeHash(b)));
        }
        return list;
    }

    /// <summary>Each global pack of both sides against its own new version, rule by rule (same ID) with federation's
    /// comparison: a rule removed, or one a domain pack could not tighten it into, weakens it.</summary>
    private static List<RuleWeakening> WeakeningsOf(PackSet from, PackSet to)
    {
        var list = new List<RuleWeakening>();
        foreach (var old in from.Packs.Where(p => p.Scope.IsGlobal).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var next = to.Packs.FirstOrDefault(p => p.Name == old.Name && p.Scope.IsGlobal);
            if (next is null) continue;
            foreach (var rule in old.Rules)
            {
                var successor = next.Rules.FirstOrDefault(r => r.Id == rule.Id);
                var reason = successor is null ? "the rule is removed" : Federation.Weakening(rule, successor);
                if (reason is not null) list.Add(new RuleWeakening(old.Name, old.Version, next.Version, rule.Id, null, reason));
            }
            foreach (var tag in old.Taxonomy)
            {
                var successor = next.Taxonomy.FirstOrDefault(t => t.Name == tag.Name);
                if (successor is not null && Federation.TaxonomyWidening(tag, successor) is { } reason)
                    list.Add(new RuleWeakening(old.Name, old.Version, next.Version, null, tag.Name, reason));
            }
        }
        return list;
    }

    // ------------------------------------------------------------------------------------------------ findings

    private static string Key(Finding f) => f.Id + "\u0001" + f.Rule + "\u0001" + Names.Of(f.Severity) + "\u0001" + f.Target + "\u0001" + f.Message + "\u0001" + (f.Waived ? "1" : "0");

    private static List<FindingChange> FindingChanges(EvaluationResult before, EvaluationResult after, ProductIndex index)
    {
        var list = new List<FindingChange>();
        void Difference(IReadOnlyList<Finding> minuend, IReadOnlyList<Finding> subtrahend, FindingChangeKind kind)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var f in subtrahend) counts[Key(f)] = counts.GetValueOrDefault(Key(f)) + 1;
            foreach (var f in minuend)
            {
                var key = Key(f);
                if (counts.TryGetValue(key, out var n) && n > 0) { counts[key] = n - 1; continue; }
                var where = index.Find(f.Target);
                list.Add(new FindingChange(kind, where?.Domain.Name, where?.Product.Name, f));
            }
        }
        Difference(after.Findings, before.Findings, FindingChangeKind.Appeared);
        Difference(before.Findings, after.Findings, FindingChangeKind.Disappeared);
        list.Sort((a, b) =>
        {
            var c = ComparePlace(a.Domain, a.Product, b.Domain, b.Product);
            if (c != 0) return c;
            c = Finding.Compare(a.Target, a.Id, a.Rule, a.Message, b.Target, b.Id, b.Rule, b.Message);
            if (c != 0) return c;
            c = a.Severity.CompareTo(b.Severity);
            return c != 0 ? c : a.Kind.CompareTo(b.Kind);
        });
        return list;
    }

    /// <summary>Products by domain then name; what belongs to no product last.</summary>
    internal static int ComparePlace(string? domainA, string? productA, string? domainB, string? productB)
    {
        if (domainA is null != domainB is null) return domainA is null ? 1 : -1;
        var c = string.CompareOrdinal(domainA, domainB);
        return c != 0 ? c : string.CompareOrdinal(productA, productB);
    }

    // ------------------------------------------------------------------------------------------------ decisions

    private static List<MaskingChange> MaskingChanges(EvaluationResult before, EvaluationResult after, ProductIndex index, RoleGraph graph, IReadOnlyList<string> roles)
    {
        var list = Changes(before.Masking, after.Masking, d => d.Target, MaskingState.Of, (d, role) => ColumnAccess.Of(d, graph, role), roles, (target, x, y, changes) =>
        {
            var where = index.Find(target);
            return new MaskingChange(where?.Domain.Name, where?.Product.Name, target, x, y, changes.Select(c => new RoleAccessChange(c.Role, c.Before, c.After)).ToArray());
        });
        list.Sort((p, q) => Compare(p.Domain, p.Product, p.Target, q.Domain, q.Product, q.Target));
        return list;
    }

    private static List<RowAccessChange> RowAccessChanges(EvaluationResult before, EvaluationResult after, ProductIndex index, RoleGraph graph, IReadOnlyList<string> roles)
    {
        var list = Changes(before.RowAccess, after.RowAccess, d => d.Target, RowAccessState.Of, (d, role) => RowVisibilities.Of(d, graph, role), roles, (target, x, y, changes) =>
        {
            var where = index.Find(target);
            return new RowAccessChange(where?.Domain.Name, where?.Product.Name, target, x, y, changes.Select(c => new RoleRowChange(c.Role, c.Before, c.After)).ToArray());
        });
        list.Sort((p, q) => Compare(p.Domain, p.Product, p.Target, q.Domain, q.Product, q.Target));
        return list;
    }

    /// <summary>The targets whose decision differs (as <paramref name="state"/> shows it), each with the roles whose
    /// <paramref name="view"/> differs; sorted by domain, product and target.</summary>
    private static List<TChange> Changes<TDecision, TState, TView, TChange>(IReadOnlyList<TDecision> before, IReadOnlyList<TDecision> after,
        Func<TDecision, string> target, Func<TDecision, TState> state, Func<TDecision?, string, TView> view, IReadOnlyList<string> roles,
        Func<string, TState?, TState?, List<(string Role, TView Before, TView After)>, TChange> make)
        where TDecision : class where TState : class, IEquatable<TState> where TView : notnull where TChange : class
    {
        var a = before.ToDictionary(target, StringComparer.Ordinal);
        var b = after.ToDictionary(target, StringComparer.Ordinal);
        var list = new List<TChange>();
        foreach (var t in a.Keys.Union(b.Keys, StringComparer.Ordinal))
        {
            var x = a.GetValueOrDefault(t);
            var y = b.GetValueOrDefault(t);
            var sx = x is null ? null : state(x);
            var sy = y is null ? null : state(y);
            if (Equals(sx, sy)) continue;
            var changes = new List<(string, TView, TView)>();
            foreach (var role in roles)
            {
                var vx = view(x, role);
                var vy = view(y, role);
                if (!vx.Equals(vy)) changes.Add((role, vx, vy));
            }
            list.Add(make(t, sx, sy, changes));
        }
        return list;
    }

    private static int Compare(string? domainA, string? productA, string targetA, string? domainB, string? productB, string targetB)
    {
        var c = ComparePlace(domainA, productA, domainB, productB);
        return c != 0 ? c : string.CompareOrdinal(targetA, targetB);
    }

    // ------------------------------------------------------------------------------------------------ plan

    private static List<PlanObjectChange> PlanChanges(SnowflakePlan before, SnowflakePlan after)
    {
        var a = PlanObjects(before);
        var b = PlanObjects(after);
        var list = new List<PlanObjectChange>();
        foreach (var key in a.Keys.Union(b.Keys))
        {
            var x = a.TryGetValue(key, out var ox) ? ox : default;
            var y = b.TryGetValue(key, out var oy) ? oy : default;
            if (string.Equals(x.Statement, y.Statement, StringComparison.Ordinal)) continue;
            list.Add(new PlanObjectChange(key.Kind, x.Name ?? y.Name!, x.Statement, y.Statement));
        }
        list.Sort((p, q) =>
        {
            var c = p.ObjectKind.CompareTo(q.ObjectKind);
            return c != 0 ? c : string.CompareOrdinal(p.Name, q.Name);
        });
        return list;
    }

    /// <summary>The plan's objects by kind and identity (the stored name parts), each with its displayed name and the
    /// statement that creates or attaches it.</summary>
    private static Dictionary<(PlanObjectKind Kind, string Key), (string? Name, string? Statement)> PlanObjects(SnowflakePlan plan)
    {
        var objects = new Dictionary<(PlanObjectKind, string), (string?, string?)>();
        // The session statements (USE ROLE, quoted identifiers) set up the script and make no object.
        foreach (var op in plan.Groups.Where(g => g.Step != PlanStep.Session).SelectMany(g => g.Operations))
        {
            var (kind, parts) = PlanObject(op);
            objects[(kind, string.Join("\u0001", parts))] = (string.Join(".", parts), SqlGenerator.Generate(op));
        }
        return objects;
    }

    private static string[] Parts(SchemaObjectName n) => new[] { n.Database, n.Schema, n.Name };

    // A first-deploy plan creates and attaches; it never alters, swaps, unsets or drops.
    private static (PlanObjectKind, string[]) PlanObject(Operation op) => op switch
    {
        CreateTag o => (PlanObjectKind.Tag, Parts(o.Name)),
        CreateMaskingPolicy o => (PlanObjectKind.MaskingPolicy, Parts(o.Name)),
        CreateRowAccessPolicy o => (PlanObjectKind.RowAccessPolicy, Parts(o.Name)),
        SetTagMaskingPolicy o => (PlanObjectKind.TagMasking, Parts(o.Tag)),
        SetColumnMaskingPolicy o => (PlanObjectKind.ColumnMasking, Parts(o.Table).Append(o.Column).ToArray()),
        AddRowAccessPolicy o => (PlanObjectKind.RowAccess, Parts(o.Table)),
        SetTag o => (PlanObjectKind.TagAssignment, o.Target switch
        {
            DatabaseTarget t => new[] { t.Database },
            SchemaTarget t => new[] { t.Schema.Database, t.Schema.Schema },
            DatasetTarget t => Parts(t.Dataset),
            ColumnTarget t => Parts(t.Dataset).Append(t.Column).ToArray(),
            _ => throw new InvalidOperationException("unknown tag target " + o.Target.GetType().Name),
        }),
        _ => throw new InvalidOperationException("a first-deploy plan has no `" + op.GetType().Name + "` operation"),
    };
}
