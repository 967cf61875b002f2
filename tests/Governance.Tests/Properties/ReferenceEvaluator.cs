namespace Governance.Tests.Properties;

/// <summary>
/// The plain reference evaluation, written straight from the shared semantics: every rule of the domain's effective
/// set is tried on every product, dataset and column — no index, no scratch state, no parallelism. The indexed
/// evaluator must agree with it exactly.
/// </summary>
internal static class ReferenceEvaluator
{
    public static IReadOnlyList<string> Evaluate(PackSet packs, MetadataSnapshot snapshot)
    {
        var lines = new List<string>();
        foreach (var domain in snapshot.Domains)
        {
            var set = packs.For(domain.Name);
            foreach (var product in domain.Products)
            {
                Check(set, Subject.ForProduct(domain, product), "product", lines);
                foreach (var dataset in product.Datasets)
                {
                    var ds = Subject.ForDataset(domain, product, dataset);
                    Check(set, ds, "dataset", lines);
                    var rows = set.Rules.Where(b => b.Rule is RowAccessRule r && Semantics.Matches(r.Datasets, ds)).ToList();
                    if (rows.Count > 0)
                    {
                        var first = rows.Aggregate((a, b) => Semantics.CompareRowAccess((RowAccessRule)b.Rule, b.Ref, (RowAccessRule)a.Rule, a.Ref) < 0 ? b : a);
                        if (rows.Count > 1) lines.Add($"F|{GovIds.RowAccessConflict}|{first.Ref}|{ds.Target}");
                        var present = new List<string>();
                        foreach (var b in rows)
                        {
                            var rule = (RowAccessRule)b.Rule;
                            var column = dataset.FindColumn(rule.Filter.Column);
                            var fits = column is not null && (rule.Filter is not PredicateFilter p || p.Value.Fits(column.Type.Family));
                            if (!fits) lines.Add($"F|{GovIds.RowAccessColumnMissing}|{b.Ref}|{ds.Target}");
                            else if (!present.Contains(rule.Filter.Column)) present.Add(rule.Filter.Column);
                        }
                        lines.Add($"R|{ds.Target}|{string.Join(",", rows.Select(r => r.Ref).OrderBy(r => r, StringComparer.Ordinal))}|{string.Join(",", present.OrderBy(c => c, StringComparer.Ordinal))}");
                    }
                    foreach (var column in dataset.Columns)
                    {
                        var c = Subject.ForColumn(domain, product, dataset, column);
                        Check(set, c, "column", lines);
                        var masks = set.Rules.Where(b => b.Rule is MaskingRule m && Semantics.Matches(m.Columns, c)).ToList();
                        if (masks.Count == 0) continue;
                        var winner = masks.Aggregate((a, b) => Semantics.CompareMasking((MaskingRule)b.Rule, b.Ref, (MaskingRule)a.Rule, a.Ref, column.Type) < 0 ? b : a);
                        var rule = (MaskingRule)winner.Rule;
                        if (masks.Count > 1) lines.Add($"F|{GovIds.MaskingConflict}|{winner.Ref}|{c.Target}");
                        var strategy = Semantics.EffectiveStrategy(rule.Strategy, column.Type);
                        if (!ReferenceEquals(strategy, rule.Strategy)) lines.Add($"F|{GovIds.MaskingStrategyTypeMismatch}|{winner.Ref}|{c.Target}");
                        var maskedForAll = false;
                        foreach (var b in masks)
                        {
                            if (((MaskingRule)b.Rule).Condition is not { } cond) continue;
                            var other = dataset.FindColumn(cond.Column);
                            if (other is null || !cond.Value.Fits(other.Type.Family)) { maskedForAll = true; lines.Add($"F|{GovIds.MaskingConditionColumnMissing}|{b.Ref}|{c.Target}"); }
                        }
                        var clauses = maskedForAll || masks.Any(m => ((MaskingRule)m.Rule).RevealTo.Count == 0)
                            ? new List<string>()
                            : masks.Select(m => string.Join(",", ((MaskingRule)m.Rule).RevealTo)).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
                        lines.Add($"M|{c.Target}|{winner.Ref}|{strategy.Describe()}|{string.Join(";", clauses)}");
                    }
                }
            }
        }
        // Reveal and bypass roles that the snapshot's role list (when it has one) does not define.
        var defined = snapshot.Roles.Select(r => r.Name).Append(RoleGraph.Public).ToHashSet(StringComparer.Ordinal);
        if (snapshot.Roles.Count > 0)
        {
            foreach (var b in packs.AllRules)
            {
                var roles = b.Rule is MaskingRule m ? m.RevealTo : b.Rule is RowAccessRule r ? r.BypassRoles : Array.Empty<string>();
                lines.AddRange(roles.Where(role => !defined.Contains(role)).Select(role => $"F|{GovIds.UndefinedRole}|{b.Ref}|{role}"));
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The same lines from the indexed evaluator's result.</summary>
    public static IReadOnlyList<string> Lines(EvaluationResult result)
    {
        var lines = new List<string>();
        lines.AddRange(result.Findings.Select(f => $"F|{f.Id}|{f.Rule}|{f.Target}"));
        lines.AddRange(result.RowAccess.Select(r => $"R|{r.Target}|{string.Join(",", r.Parts.Select(p => p.Rule.Ref).OrderBy(x => x, StringComparer.Ordinal))}|{string.Join(",", r.Columns.OrderBy(c => c, StringComparer.Ordinal))}"));
        lines.AddRange(result.Masking.Select(m => $"M|{m.Target}|{m.Rule.Ref}|{m.Strategy.Describe()}|{string.Join(";", m.RevealClauses.Select(c => string.Join(",", c)).OrderBy(x => x, StringComparer.Ordinal))}"));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static void Check(RuleSet set, Subject s, string level, List<string> lines)
    {
        foreach (var b in set.Rules)
        {
            switch (b.Rule)
            {
                case TagRequirementRule t when t.Level == s.Level:
                    if (Semantics.Matches(t.When, s) && s.EffectiveTag(t.Tag) is null) lines.Add($"F|{GovIds.RequiredTagMissing}|{b.Ref}|{s.Target}");
                    break;
                case ProductMetadataRule p when s.Level == TargetLevel.Product:
                    if (Semantics.Matches(p.When, s) && string.IsNullOrWhiteSpace(p.Field == ProductField.Owner ? s.Product.Owner : s.Product.Version))
                        lines.Add($"F|{GovIds.RequiredMetadataMissing}|{b.Ref}|{s.Target}");
                    break;
                case NamingRule n when n.Level == s.Level:
                    if (!Semantics.Matches(n.When, s)) break;
                    if (Semantics.NamingViolation(n.Constraint, s.Name, level, s, out var id) is not null) lines.Add($"F|{id}|{b.Ref}|{s.Target}");
                    if (b.Replaces?.Rule is NamingRule { Constraint: PatternConstraint gp } && Semantics.NamingViolation(gp, s.Name, level, s, out var id2) is not null)
                        lines.Add($"F|{id2}|{b.Ref}|{s.Target}");
                    break;
                case TaxonomyRule x:
                    foreach (var tag in s.OwnTags.Items)
                    {
                        if (!set.Taxonomy.TryGetValue(tag.Key, out var def)) { if (x.RejectUnknownTags) lines.Add($"F|{GovIds.UnknownTag}|{b.Ref}|{s.Target}"); }
                        else if (!def.Allows(tag.Value)) lines.Add($"F|{GovIds.TagValueNotAllowed}|{b.Ref}|{s.Target}");
                    }
                    break;
            }
        }
    }
}
