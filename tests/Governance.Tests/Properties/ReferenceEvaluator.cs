
namespace Governance.Tests.Properties;

/// <summary>
/// The naive oracle: every rule of the domain's effective set is tried on every product, dataset and column — no index,
/// no memo, no scratch state, no parallelism — through the same per-rule functions as the evaluator (<see cref="RuleCheck"/>:
/// what a rule decides and its message are written once, in the shared model). The findings are the analyzers'
/// (<see cref="Checks"/>); the decisions combine the brute-force matches with <see cref="RuleCheck.CombineMasking"/> and
/// <see cref="RuleCheck.CombineRowAccess"/>. The indexed evaluator's candidate selection must agree with it exactly.
/// </summary>
internal static class ReferenceEvaluator
{
    public static IReadOnlyList<string> Evaluate(PackSet packs, MetadataSnapshot snapshot)
    {
        var lines = Checks.Run(packs, snapshot).Select(f => $"F|{f.Id}|{f.Rule}|{f.Target}").ToList();
        var check = new RuleCheck();
        var ignored = new List<Finding>(); // the same findings again: Checks.Run has them
        foreach (var domain in snapshot.Domains)
        {
            var set = packs.For(domain.Name);
            foreach (var product in domain.Products)
            {
                foreach (var dataset in product.Datasets)
                {
                    var ds = Subject.ForDataset(domain, product, dataset);
                    check.RowMatches.Clear();
                    check.Start(set, ds, ignored);
                    foreach (var b in set.Rules) check.Check(b);
                    if (check.RowMatches.Count > 0)
                    {
                        var rows = check.RowMatches.ToList();
                        var fits = check.CombineRowAccess(rows, ignored);
                        var present = rows.Where((_, i) => fits[i]).Select(b => ((RowAccessRule)b.Rule).Filter.Column).Distinct().OrderBy(c => c, StringComparer.Ordinal);
                        lines.Add($"R|{ds.Target}|{string.Join(",", rows.Select(r => r.Ref).OrderBy(r => r, StringComparer.Ordinal))}|{string.Join(",", present)}");
                    }
                    foreach (var column in dataset.Columns)
                    {
                        var c = Subject.ForColumn(domain, product, dataset, column);
                        check.MaskMatches.Clear();
                        check.Start(set, c, ignored);
                        foreach (var b in set.Rules) check.Check(b);
                        if (check.MaskMatches.Count == 0) continue;
                        // A fresh check per column: its memo of combinations stays empty, so each column's lists are built for it alone.
                        var combine = new RuleCheck();
                        combine.Start(set, c, ignored);
                        var winner = combine.CombineMasking(check.MaskMatches.ToList(), ignored, out var strategy, out var ordered, out var clauses, out _);
                        var reveal = ordered is null ? winner.OwnClause! : clauses!;
                        lines.Add($"M|{c.Target}|{winner.Ref}|{strategy.Describe()}|{string.Join(";", reveal.Select(x => string.Join(",", x)).OrderBy(x => x, StringComparer.Ordinal))}");
                    }
                }
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
}
