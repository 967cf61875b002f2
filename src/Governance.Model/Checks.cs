using System;
using System.Collections.Generic;
using System.Linq;

namespace Governance;

/// <summary>
/// One violation of a rule by a product, dataset or column: what <see cref="Checks"/> reports. Beside the finding's
/// fields it keeps what a code fix needs (the tag at fault, its allowed values, a compliant name).
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class Violation
{
    public Violation(string id, string rule, Severity severity, TargetLevel level, string target, string message,
        string? tag = null, IReadOnlyList<string>? allowedValues = null, string? suggestedName = null)
    {
        Id = id; Rule = rule; Severity = severity; Level = level; Target = target; Message = message;
        Tag = tag; AllowedValues = allowedValues ?? Array.Empty<string>(); SuggestedName = suggestedName;
    }

    /// <summary>The GOV ID.</summary>
    public string Id { get; }
    /// <summary>The rule at fault, <c>pack/ruleId</c>.</summary>
    public string Rule { get; }
    public Severity Severity { get; }
    /// <summary>The level of the subject at fault.</summary>
    public TargetLevel Level { get; }
    /// <summary>Stored names joined with dots: <c>DB.SCHEMA[.DATASET[.COLUMN]]</c>.</summary>
    public string Target { get; }
    public string Message { get; }
    /// <summary>The tag at fault (GOV3001 missing, GOV3002 value not allowed, GOV3003 unknown), else null.</summary>
    public string? Tag { get; }
    /// <summary>The taxonomy's allowed values for <see cref="Tag"/> (empty when any value goes or it is unknown).</summary>
    public IReadOnlyList<string> AllowedValues { get; }
    /// <summary>A name that satisfies the naming rule (GOV4001 case, GOV4003 prefix, GOV4004 suffix), else null.</summary>
    public string? SuggestedName { get; }

    /// <summary>Findings order: target, ID, rule, message (ordinal).</summary>
    public static int Compare(Violation a, Violation b) => Compare(a.Target, a.Id, a.Rule, a.Message, b.Target, b.Id, b.Rule, b.Message);

    /// <summary>The order of findings everywhere (CLI reports, analyzers): target, ID, rule, message, ordinal.</summary>
    public static int Compare(string aTarget, string aId, string? aRule, string aMessage, string bTarget, string bId, string? bRule, string bMessage)
    {
        var c = string.CompareOrdinal(aTarget, bTarget);
        if (c != 0) return c;
        c = string.CompareOrdinal(aId, bId);
        if (c != 0) return c;
        c = string.CompareOrdinal(aRule, bRule);
        return c != 0 ? c : string.CompareOrdinal(aMessage, bMessage);
    }
}

/// <summary>
/// The plain evaluation of every rule on every product, dataset and column, written straight from
/// <see cref="Semantics"/>: no index, no memo, no parallelism. The analyzers use it on the few products of one
/// compilation; the indexed runtime evaluator is proven to report exactly the same findings by a property test.
/// Waivers are not applied here.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class Checks
{
    /// <summary>Every violation in the snapshot, in findings order.</summary>
    public static List<Violation> Run(PackSet packs, MetadataSnapshot snapshot)
    {
        var result = new List<Violation>();
        var names = new NameMatches();
        foreach (var domain in snapshot.Domains)
        {
            var set = packs.For(domain.Name);
            foreach (var product in domain.Products) Product(set, domain, product, result, names);
        }
        foreach (var (rule, kind, role, message) in UndefinedRoles(packs, snapshot.Roles))
            result.Add(new Violation(GovIds.UndefinedRole, rule.Ref, Severity.Warning, TargetLevel.Product, role, message));
        result.Sort(Violation.Compare);
        return result;
    }

    /// <summary>
    /// GOV9009: the reveal roles of masking rules and the bypass roles of row access rules that the snapshot's role list
    /// does not define (PUBLIC always exists). None when the snapshot lists no role: it then says nothing about roles.
    /// The finding's target is the role; as a <see cref="Violation"/> its level is <see cref="TargetLevel.Product"/> (it
    /// has no place in the mesh, and the analyzers, which have no role list, never report it).
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
            var (kind, list) = b.Rule switch
            {
                MaskingRule m => ("reveal", m.RevealTo),
                RowAccessRule r => ("bypass", r.BypassRoles),
                _ => ("", (IReadOnlyList<string>)Array.Empty<string>()),
            };
            foreach (var role in list)
            {
                if (!defined.Contains(role))
                    result.Add((b, kind, role, GovCatalog.Get(GovIds.UndefinedRole).Format(kind, role, b.Ref, Suggestions.DidYouMean(role, names))));
            }
        }
        return result;
    }

    /// <summary>The violations of one product, its datasets and columns (unsorted). <paramref name="names"/> remembers
    /// name-pattern results across calls.</summary>
    public static void Product(RuleSet set, Domain domain, DataProduct product, List<Violation> result, NameMatches? names = null)
    {
        Subject(set, Governance.Subject.ForProduct(domain, product), result, names);
        foreach (var dataset in product.Datasets)
        {
            var ds = Governance.Subject.ForDataset(domain, product, dataset);
            Subject(set, ds, result, names);
            RowAccess(set, ds, result, names);
            foreach (var column in dataset.Columns)
            {
                var c = Governance.Subject.ForColumn(domain, product, dataset, column);
                Subject(set, c, result, names);
                Masking(set, c, result, names);
            }
        }
    }

    private static void RowAccess(RuleSet set, in Subject ds, List<Violation> result, NameMatches? names)
    {
        var rows = new List<BoundRule>();
        foreach (var b in set.Rules)
        {
            if (b.Rule is RowAccessRule r && Semantics.Matches(r.Datasets, ds, names)) rows.Add(b);
        }
        if (rows.Count == 0) return;
        rows.Sort((a, b) => Semantics.CompareRowAccess((RowAccessRule)a.Rule, a.Ref, (RowAccessRule)b.Rule, b.Ref));
        var dataset = ds.Dataset!;
        if (rows.Count > 1)
        {
            var refs = rows.Select(x => "`" + x.Ref + "`").OrderBy(x => x, StringComparer.Ordinal);
            result.Add(new Violation(GovIds.RowAccessConflict, rows[0].Ref, Severity.Warning, TargetLevel.Dataset, ds.Target,
                GovCatalog.Get(GovIds.RowAccessConflict).Format(dataset.Name, string.Join(", ", refs))));
        }
        foreach (var b in rows)
        {
            var rule = (RowAccessRule)b.Rule;
            var column = dataset.FindColumn(rule.Filter.Column);
            if (column is null || (rule.Filter is PredicateFilter p && !p.Value.Fits(column.Type.Family)))
                result.Add(new Violation(GovIds.RowAccessColumnMissing, b.Ref, Severity.Error, TargetLevel.Dataset, ds.Target,
                    GovCatalog.Get(GovIds.RowAccessColumnMissing).Format(dataset.Name, rule.Filter.Column)));
        }
    }

    private static void Masking(RuleSet set, in Subject c, List<Violation> result, NameMatches? names)
    {
        var matches = new List<BoundRule>();
        foreach (var b in set.Rules)
        {
            if (b.Rule is MaskingRule m && Semantics.Matches(m.Columns, c, names)) matches.Add(b);
        }
        if (matches.Count == 0) return;
        var column = c.Column!;
        var winner = matches[0];
        foreach (var b in matches)
        {
            if (Semantics.CompareMasking((MaskingRule)b.Rule, b.Ref, (MaskingRule)winner.Rule, winner.Ref, column.Type) < 0) winner = b;
        }
        var target = c.Target;
        if (matches.Count > 1)
        {
            var refs = matches.Select(m => m.Ref).OrderBy(r => r, StringComparer.Ordinal).Select(r => "`" + r + "`");
            result.Add(new Violation(GovIds.MaskingConflict, winner.Ref, Severity.Warning, TargetLevel.Column, target,
                GovCatalog.Get(GovIds.MaskingConflict).Format(column.Name, string.Join(", ", refs), winner.Ref)));
        }
        var rule = (MaskingRule)winner.Rule;
        if (!ReferenceEquals(Semantics.EffectiveStrategy(rule.Strategy, column.Type), rule.Strategy))
            result.Add(new Violation(GovIds.MaskingStrategyTypeMismatch, winner.Ref, Severity.Error, TargetLevel.Column, target,
                GovCatalog.Get(GovIds.MaskingStrategyTypeMismatch).Format(rule.Strategy.Describe(), column.Type.Text, column.Name)));
        foreach (var b in matches)
        {
            if (((MaskingRule)b.Rule).Condition is not { } condition) continue;
            var other = c.Dataset!.FindColumn(condition.Column);
            if (other is null || !condition.Value.Fits(other.Type.Family))
                result.Add(new Violation(GovIds.MaskingConditionColumnMissing, b.Ref, Severity.Error, TargetLevel.Column, target,
                    GovCatalog.Get(GovIds.MaskingConditionColumnMissing).Format(column.Name, condition.Column, Literal.KindName(condition.Value.Kind))));
        }
    }

    /// <summary>Tag requirement, product metadata, naming and taxonomy rules on one subject.</summary>
    private static void Subject(RuleSet set, in Subject s, List<Violation> result, NameMatches? names)
    {
        var level = Names.Of(s.Level);
        foreach (var b in set.Rules)
        {
            switch (b.Rule)
            {
                case TagRequirementRule t when t.Level == s.Level:
                    if (s.EffectiveTag(t.Tag) is null && Semantics.Matches(t.When, s, names))
                    {
                        set.Taxonomy.TryGetValue(t.Tag, out var def);
                        result.Add(new Violation(GovIds.RequiredTagMissing, b.Ref, t.Severity, s.Level, s.Target,
                            GovCatalog.Get(GovIds.RequiredTagMissing).Format(level, s.Name, t.Tag), t.Tag, def?.AllowedValues));
                    }
                    break;
                case ProductMetadataRule p when s.Level == TargetLevel.Product:
                    if (Semantics.Matches(p.When, s, names) && string.IsNullOrWhiteSpace(p.Field == ProductField.Owner ? s.Product.Owner : s.Product.Version))
                        result.Add(new Violation(GovIds.RequiredMetadataMissing, b.Ref, p.Severity, s.Level, s.Target,
                            GovCatalog.Get(GovIds.RequiredMetadataMissing).Format(MeshIdentity.Product(s.Domain.Name, s.Product.Name), p.Field == ProductField.Owner ? "owner" : "version")));
                    break;
                case NamingRule n when n.Level == s.Level:
                    if (!Semantics.Matches(n.When, s, names)) break;
                    Naming(b, n.Constraint, n.Severity, s, level, result);
                    if (b.ExtraPattern is not null) Naming(b, b.ExtraPattern, n.Severity, s, level, result);
                    break;
                case TaxonomyRule x:
                    foreach (var tag in s.OwnTags.Items)
                    {
                        if (!set.Taxonomy.TryGetValue(tag.Key, out var def))
                        {
                            if (x.UnknownTagSeverity is { } unknown)
                                result.Add(new Violation(GovIds.UnknownTag, b.Ref, unknown, s.Level, s.Target,
                                    UnknownTagMessage(set.Taxonomy, tag.Key, level, s.Name), tag.Key));
                        }
                        else if (!def.Allows(tag.Value))
                        {
                            result.Add(new Violation(GovIds.TagValueNotAllowed, b.Ref, x.Severity, s.Level, s.Target,
                                TagValueMessage(def, tag.Value, level, s.Name), tag.Key, def.AllowedValues));
                        }
                    }
                    break;
            }
        }
    }

    /// <summary>GOV3003's message: the tag no taxonomy declares, and the closest declared tag when one is near.</summary>
    public static string UnknownTagMessage(IReadOnlyDictionary<string, TagDefinition> taxonomy, string tag, string level, string subject)
    {
        var names = new List<string>(taxonomy.Keys);
        names.Sort(StringComparer.Ordinal);
        return GovCatalog.Get(GovIds.UnknownTag).Format(tag, level, subject, Suggestions.DidYouMean(tag, names));
    }

    /// <summary>GOV3002's message: the value the taxonomy does not allow, the allowed ones, and the closest when one is near.</summary>
    public static string TagValueMessage(TagDefinition tag, string value, string level, string subject)
        => GovCatalog.Get(GovIds.TagValueNotAllowed).Format(tag.Name, level, subject, value,
            string.Join(", ", tag.AllowedValues.Select(v => "`" + v + "`")), Suggestions.DidYouMean(value, tag.AllowedValues));

    private static void Naming(BoundRule b, NamingConstraint constraint, Severity severity, in Subject s, string level, List<Violation> result)
    {
        if (Semantics.NamingViolation(constraint, s.Name, level, s, out var id) is not { } message) return;
        string? suggestion = constraint switch
        {
            CaseConstraint c => Semantics.ToCase(s.Name, c.Style),
            AffixConstraint a => a.IsPrefix ? Semantics.FillTemplate(a.Templates[0], s) + s.Name : s.Name + Semantics.FillTemplate(a.Templates[0], s),
            _ => null,
        };
        result.Add(new Violation(id, b.Ref, severity, s.Level, s.Target, message, suggestedName: suggestion));
    }
}
