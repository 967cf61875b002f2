using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Packs;

/// <summary>A rule bound to its pack: what findings and decisions point at.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class BoundRule
{
    internal BoundRule(RulePack pack, Rule rule, int index)
    {
        Pack = pack;
        Rule = rule;
        Ref = pack.RefOf(rule);
        Index = index;
        Alone = new[] { this };
        if (rule is MaskingRule m) OwnClause = m.RevealTo.Count == 0 ? Array.Empty<IReadOnlyList<string>>() : new[] { m.RevealTo };
    }

    /// <summary>This rule as a one-element list (shared by every decision it makes alone).</summary>
    internal IReadOnlyList<BoundRule> Alone { get; }
    /// <summary>A masking rule's reveal roles as the one clause of a decision it makes alone (empty: masked for all).</summary>
    internal IReadOnlyList<IReadOnlyList<string>>? OwnClause { get; }

    /// <summary>The pack the rule belongs to.</summary>
    public RulePack Pack { get; }
    /// <summary>The rule.</summary>
    public Rule Rule { get; }
    /// <summary><c>pack/ruleId</c>.</summary>
    public string Ref { get; }
    /// <summary>Dense index of the rule within the PackSet (for per-rule scratch state).</summary>
    internal int Index { get; }
    /// <summary>Naming patterns that a domain rule added on top of this global pattern rule (both apply).</summary>
    internal PatternConstraint? ExtraPattern { get; init; }
    internal BoundRule? Replaces { get; init; }
}

/// <summary>
/// Global packs layered with domain packs. Global rules apply to every domain; a domain pack's rules apply to its
/// domain only, and a domain rule that tightens a global rule replaces it there (see <see cref="Federation"/>).
/// Building a PackSet checks every pack and refuses a domain rule that would weaken a global one (GOV9004).
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class PackSet
{
    private readonly Dictionary<string, RuleSet> _domainSets;

    private PackSet(IReadOnlyList<RulePack> packs, RuleSet globalSet, Dictionary<string, RuleSet> domainSets, IReadOnlyList<BoundRule> all)
    {
        Packs = packs;
        GlobalRules = globalSet;
        _domainSets = domainSets;
        AllRules = all;
    }

    /// <summary>The packs, global ones first, each group by name.</summary>
    public IReadOnlyList<RulePack> Packs { get; }
    /// <summary>Every rule of every pack, tightened global rules included.</summary>
    public IReadOnlyList<BoundRule> AllRules { get; }
    /// <summary>The rules and taxonomy of a domain without domain packs.</summary>
    public RuleSet GlobalRules { get; }

    /// <summary>The effective rules and taxonomy for <paramref name="domain"/>.</summary>
    public RuleSet For(string domain) => _domainSets.TryGetValue(domain, out var set) ? set : GlobalRules;

    /// <summary>Every distinct effective rule set (the global one first), for compiling once.</summary>
    public IEnumerable<RuleSet> RuleSets
    {
        get
        {
            yield return GlobalRules;
            foreach (var key in _domainSets.Keys.OrderBy(k => k, StringComparer.Ordinal)) yield return _domainSets[key];
        }
    }

    /// <summary>The rule with this reference, or null.</summary>
    public BoundRule? Find(string reference) => AllRules.FirstOrDefault(r => r.Ref == reference);

    /// <summary>
    /// Layers the packs. Throws <see cref="GovernanceInputException"/> when a pack is invalid (GOV9002), two packs share
    /// a name, or a domain rule weakens a global one (GOV9004). <paramref name="sources"/> names each pack's file.
    /// </summary>
    public static PackSet Create(IEnumerable<RulePack> packs, IReadOnlyDictionary<RulePack, string>? sources = null)
    {
        var list = packs.ToList();
        string? Source(RulePack p) => sources is not null && sources.TryGetValue(p, out var s) ? s : p.Name + ".rulepack.json";

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in list)
        {
            if (!names.Add(p.Name)) throw new GovernanceInputException(GovIds.InvalidRulePack, Source(p), "$.name", null, "two rule packs are named `" + p.Name + "`");
        }

        var globals = list.Where(p => p.Scope.IsGlobal).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var domains = list.Where(p => !p.Scope.IsGlobal).OrderBy(p => p.Scope.Domain, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

        // The global taxonomy: a tag declared by two global packs must be declared identically.
        var globalTaxonomy = new Dictionary<string, TagDefinition>(StringComparer.Ordinal);
        var globalDeclarers = new Dictionary<string, RulePack>(StringComparer.Ordinal);
        foreach (var p in globals)
        {
            ThrowIfInvalid(p, Source(p), null);
            for (var i = 0; i < p.Taxonomy.Count; i++)
            {
                ThrowIfDeclaredOtherwise(p, i, globalTaxonomy, globalDeclarers, Source(p));
                globalTaxonomy[p.Taxonomy[i].Name] = p.Taxonomy[i];
            }
        }

        var index = 0;
        var all = new List<BoundRule>();
        var globalRules = new List<BoundRule>();
        foreach (var p in globals)
        {
            foreach (var r in p.Rules)
            {
                var b = new BoundRule(p, r, index++);
                globalRules.Add(b);
                all.Add(b);
            }
        }
        var globalSet = new RuleSet(null, globalRules, globalTaxonomy);

        var domainSets = new Dictionary<string, RuleSet>(StringComparer.Ordinal);
        foreach (var group in domains.GroupBy(p => p.Scope.Domain!, StringComparer.Ordinal))
        {
            var taxonomy = new Dictionary<string, TagDefinition>(globalTaxonomy, StringComparer.Ordinal);
            // The tags this domain's packs declare, and which pack declared each first (by name): two must agree.
            var domainTaxonomy = new Dictionary<string, TagDefinition>(StringComparer.Ordinal);
            var domainDeclarers = new Dictionary<string, RulePack>(StringComparer.Ordinal);
            var rules = new List<BoundRule>(globalRules);
            foreach (var p in group)
            {
                ThrowIfInvalid(p, Source(p), globalTaxonomy.Values.ToList());
                for (var i = 0; i < p.Taxonomy.Count; i++)
                {
                    var t = p.Taxonomy[i];
                    if (globalTaxonomy.TryGetValue(t.Name, out var g) && Federation.TaxonomyWidening(g, t) is { } why)
                        throw new GovernanceInputException(GovIds.DomainRuleWeakensGlobal, Source(p), "$.taxonomy[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", null,
                            "domain pack `" + p.Name + "` weakens the global taxonomy: " + why);
                    ThrowIfDeclaredOtherwise(p, i, domainTaxonomy, domainDeclarers, Source(p));
                    domainTaxonomy[t.Name] = t;
                    taxonomy[t.Name] = t;
                }
                for (var i = 0; i < p.Rules.Count; i++)
                {
                    var r = p.Rules[i];
                    var path = "$.rules[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "].tightens";
                    if (r.Tightens is null)
                    {
                        var added = new BoundRule(p, r, index++);
                        rules.Add(added);
                        all.Add(added);
                        continue;
                    }
                    var target = rules.FindIndex(b => b.Ref == r.Tightens && b.Pack.Scope.IsGlobal);
                    if (target < 0)
                    {
                        var known = globalRules.Any(b => b.Ref == r.Tightens);
                        throw new GovernanceInputException(GovIds.DomainRuleWeakensGlobal, Source(p), path, null, known
                            ? "global rule `" + r.Tightens + "` is tightened twice in domain `" + group.Key + "`"
                            : "rule `" + r.Id + "` tightens `" + r.Tightens + "`, which is not a rule of any global pack");
                    }
                    var global = rules[target];
                    if (Federation.Weakening(global.Rule, r) is { } reason)
                        throw new GovernanceInputException(GovIds.DomainRuleWeakensGlobal, Source(p), "$.rules[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", null,
                            "rule `" + r.Id + "` of domain pack `" + p.Name + "` weakens global rule `" + global.Ref + "`: " + reason);
                    // A pattern rule that tightens a global one keeps the global pattern too.
                    var extra = global.Rule is NamingRule { Constraint: PatternConstraint gp } ? gp : null;
                    var bound = new BoundRule(p, r, index++) { ExtraPattern = extra, Replaces = global };
                    rules[target] = bound;
                    all.Add(bound);
                }
            }
            domainSets[group.Key] = new RuleSet(group.Key, rules, taxonomy);
        }

        return new PackSet(globals.Concat(domains).ToList(), globalSet, domainSets, all);
    }

    /// <summary>
    /// Packs of one layer (the global packs, or one domain's packs) must declare a tag alike: taxonomy entry
    /// <paramref name="index"/> of <paramref name="pack"/> is refused (GOV9002) when an earlier pack of the layer declared
    /// the tag with other allowed values. The packs come sorted by name, so the error does not depend on their order.
    /// </summary>
    private static void ThrowIfDeclaredOtherwise(RulePack pack, int index, Dictionary<string, TagDefinition> layer, Dictionary<string, RulePack> declarers, string? source)
    {
        var t = pack.Taxonomy[index];
        if (layer.TryGetValue(t.Name, out var existing) && !existing.AllowedValues.SequenceEqual(t.AllowedValues, StringComparer.Ordinal))
        {
            var other = declarers[t.Name];
            throw new GovernanceInputException(GovIds.InvalidRulePack, source, "$.taxonomy[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]", null,
                "tag `" + t.Name + "` is declared with other allowed values by " + (other.Scope.IsGlobal ? "global pack `" + other.Name + "`" : "domain pack `" + other.Name + "` of domain `" + other.Scope.Domain + "`"));
        }
        if (!declarers.ContainsKey(t.Name)) declarers[t.Name] = pack;
    }

    private static void ThrowIfInvalid(RulePack pack, string? source, IReadOnlyList<TagDefinition>? inherited)
    {
        var problems = PackValidation.Problems(pack, inherited);
        if (problems.Count > 0)
            throw new GovernanceInputException(GovIds.InvalidRulePack, source, problems[0].Path, null, problems[0].Message
                + (problems.Count > 1 ? " (and " + (problems.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " more problems)" : ""));
    }
}

/// <summary>The effective rules and taxonomy of one domain (or of every domain without a domain pack).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class RuleSet
{
    internal RuleSet(string? domain, IReadOnlyList<BoundRule> rules, IReadOnlyDictionary<string, TagDefinition> taxonomy)
    {
        Domain = domain;
        Rules = rules;
        Taxonomy = taxonomy;
    }

    /// <summary>Null for the global set.</summary>
    public string? Domain { get; }
    /// <summary>The rules that apply, global rules first (those a domain rule tightens replaced by it), then the domain's own.</summary>
    public IReadOnlyList<BoundRule> Rules { get; }
    /// <summary>The tags declared for the domain, by name: the global taxonomy, narrowed and extended by the domain's packs.</summary>
    public IReadOnlyDictionary<string, TagDefinition> Taxonomy { get; }
}
