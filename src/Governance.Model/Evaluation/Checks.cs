using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Evaluation;

/// <summary>
/// The plain evaluation of every rule on every product, dataset and column, written straight from
/// <see cref="Semantics"/>: no index, no memo, no parallelism. The analyzers use it on the few products of one
/// compilation; the indexed runtime evaluator is proven to report exactly the same findings by a property test.
/// Waivers are not applied here.
/// </summary>
internal static class Checks
{
    /// <summary>Every finding in the snapshot, in findings order.</summary>
    public static List<Finding> Run(PackSet packs, MetadataSnapshot snapshot)
    {
        var result = new List<Finding>();
        var check = new RuleCheck(); // no memo: this is the plain oracle the memoized paths are compared with
        foreach (var domain in snapshot.Domains)
        {
            var set = packs.For(domain.Name);
            foreach (var product in domain.Products) Product(set, domain, product, result, check);
        }
        foreach (var (rule, kind, role, message) in UndefinedRoles(packs, snapshot.Roles))
            result.Add(new Finding(GovIds.UndefinedRole, rule.Ref, Severity.Warning, null, role, message));
        result.Sort(Finding.Compare);
        return result;
    }

    /// <summary>
    /// GOV9009: the reveal roles of masking rules and the bypass roles of row access rules that the snapshot's role list
    /// does not define (PUBLIC always exists). None when the snapshot lists no role: it then says nothing about roles.
    /// The finding's target is the role (it has no place in the mesh, and the analyzers, which have no role list, never
    /// report it).
    /// </summary>
    public static List<(BoundRule Rule, string Kind, string Role, string Message)> UndefinedRoles(PackSet packs, IReadOnlyList<RoleDefinition> roles)
    {
        var result = new List<(BoundRule, string, string, string)>();
        if (roles.Count == 0) return result;
        var defined = new HashSet<string>(StringComparer.Ordinal) { RoleGraph.Public };
        foreach (var r in roles) defined.Add(r.Name);
        var names = roles.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        foreach (var b in packs.AllRules)
        {
            var (kind, list) = b.Rule.Accept(RolesNamed.Instance);
            foreach (var role in list)
            {
                if (!defined.Contains(role))
                    result.Add((b, kind, role, GovCatalog.Get(GovIds.UndefinedRole).Format(kind, role, b.Ref, Suggestions.DidYouMean(role, names))));
            }
        }
        return result;
    }

    /// <summary>The roles a rule names, and what it grants them (GOV9009's wording).</summary>
    /// <summary>What a rule grants and to whom (<see cref="RolesNamed"/>). A class, not a tuple: a generic virtual call
    /// over a value type is compiled at run time at every start (ReadyToRun cannot compile it ahead).</summary>
    private sealed record Named(string Kind, IReadOnlyList<string> Roles);

    private sealed class RolesNamed : IRuleVisitor<Named>
    {
        public static readonly RolesNamed Instance = new RolesNamed();
        private static readonly Named None = new("", Array.Empty<string>());
        public Named Visit(MaskingRule rule) => new("reveal", rule.RevealTo);
        public Named Visit(RowAccessRule rule) => new("bypass", rule.BypassRoles);
        public Named Visit(TagRequirementRule rule) => None;
        public Named Visit(TaxonomyRule rule) => None;
        public Named Visit(ProductMetadataRule rule) => None;
        public Named Visit(NamingRule rule) => None;
    }

    /// <summary>The findings of one product, its datasets and columns (unsorted). <paramref name="names"/>, a memo of
    /// <paramref name="set"/>'s name tests, remembers them across calls.</summary>
    public static void Product(RuleSet set, Domain domain, DataProduct product, List<Finding> result, NameMatches? names = null)
    {
        if (names is not null && !ReferenceEquals(names.Set, set)) throw new ArgumentException("the name memo is for another rule set", nameof(names));
        Product(set, domain, product, result, new RuleCheck(names));
    }

    /// <summary>
    /// The same findings (unsorted), trying on each subject only the rules <paramref name="levels"/> lists for it: the
    /// rules of its level, a column's indexed rules only when it has (or inherits) their tag, its name-only rules through
    /// the name memo, the taxonomy rules only on a subject with tags of its own. What the analyzers run per product.
    /// </summary>
    public static void Product(RuleSet set, Domain domain, DataProduct product, List<Finding> result, RuleLevels levels)
    {
        if (!ReferenceEquals(levels.Set, set)) throw new ArgumentException("the rule levels are for another rule set", nameof(levels));
        var names = levels.Names;
        var check = new RuleCheck(names);
        var hit = new NameOnlyHit();
        var stamps = new int[levels.IndexCount];
        var stamp = 0;
        check.Start(set, Governance.Evaluation.Subject.ForProduct(domain, product), result);
        Each(check, levels.ProductRules);
        if (product.Tags.Count > 0) Each(check, levels.TaxonomyRules);
        foreach (var dataset in product.Datasets)
        {
            check.RowMatches.Clear();
            check.Start(set, Governance.Evaluation.Subject.ForDataset(domain, product, dataset), result);
            Each(check, levels.DatasetRules);
            Each(check, levels.RowRules);
            if (dataset.Tags.Count > 0) Each(check, levels.TaxonomyRules);
            if (check.RowMatches.Count > 0) check.CombineRowAccess(check.RowMatches, result);
            foreach (var column in dataset.Columns)
            {
                var c = Governance.Evaluation.Subject.ForColumn(domain, product, dataset, column);
                check.MaskMatches.Clear();
                check.Start(set, c, result);
                Each(check, levels.ColumnUnindexed);
                stamp++;
                Indexed(column.Tags);
                Indexed(dataset.Tags);
                Indexed(product.Tags);
                if (names.IsUseful) check.CheckNameOnly(names, names.Of(c, hit));
                if (column.Tags.Count > 0) Each(check, levels.TaxonomyRules);
                if (check.MaskMatches.Count > 0) check.CombineMasking(check.MaskMatches, result, out _, out _, out _, out _);
            }
        }

        // The column rules indexed under the tags (each rule once per column).
        void Indexed(TagSet tags)
        {
            var items = tags.Items;
            for (var i = 0; i < items.Count; i++)
            {
                if (!levels.ColumnByTag.TryGetValue(items[i].Key, out var rules)) continue;
                foreach (var b in rules)
                {
                    if (stamps[b.Index] == stamp) continue;
                    stamps[b.Index] = stamp;
                    check.Check(b);
                }
            }
        }
    }

    private static void Each(RuleCheck check, BoundRule[] rules)
    {
        for (var i = 0; i < rules.Length; i++) check.Check(rules[i]);
    }

    /// <summary>Every rule of <paramref name="set"/> on every subject of the product, through <paramref name="check"/>.</summary>
    private static void Product(RuleSet set, Domain domain, DataProduct product, List<Finding> result, RuleCheck check)
    {
        Subject(set, Governance.Evaluation.Subject.ForProduct(domain, product), result, check);
        foreach (var dataset in product.Datasets)
        {
            var ds = Governance.Evaluation.Subject.ForDataset(domain, product, dataset);
            check.RowMatches.Clear();
            Subject(set, ds, result, check);
            if (check.RowMatches.Count > 0) check.CombineRowAccess(check.RowMatches, result);
            foreach (var column in dataset.Columns)
            {
                var c = Governance.Evaluation.Subject.ForColumn(domain, product, dataset, column);
                check.MaskMatches.Clear();
                Subject(set, c, result, check);
                if (check.MaskMatches.Count > 0) check.CombineMasking(check.MaskMatches, result, out _, out _, out _, out _);
            }
        }
    }

    private static void Subject(RuleSet set, in Subject s, List<Finding> result, RuleCheck check)
    {
        check.Start(set, s, result);
        check.CheckEach(set.Rules);
    }

    /// <summary>GOV3003's message: the tag no taxonomy declares, and the closest declared tag when one is near
    /// (<paramref name="hint"/>: <see cref="UnknownTagHint"/>).</summary>
    public static string UnknownTagMessage(string tag, string level, string subject, string hint)
        => GovCatalog.Get(GovIds.UnknownTag).Format(tag, level, subject, hint);

    /// <summary>GOV3003's "did you mean" for a tag the taxonomy does not declare (the same for every subject: worth
    /// remembering per tag, the taxonomy may declare hundreds).</summary>
    public static string UnknownTagHint(IReadOnlyDictionary<string, TagDefinition> taxonomy, string tag)
    {
        var names = new List<string>(taxonomy.Keys);
        names.Sort(StringComparer.Ordinal);
        return Suggestions.DidYouMean(tag, names);
    }

    /// <summary>GOV3002's message: the value the taxonomy does not allow, the allowed ones, and the closest when one is near.</summary>
    public static string TagValueMessage(TagDefinition tag, string value, string level, string subject)
        => GovCatalog.Get(GovIds.TagValueNotAllowed).Format(tag.Name, level, subject, value,
            string.Join(", ", tag.AllowedValues.Select(v => "`" + v + "`")), Suggestions.DidYouMean(value, tag.AllowedValues));
}
