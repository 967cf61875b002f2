using System.Diagnostics;
using Governance.Examples.Synthetic;
using Governance.Rules;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--ablate N</c>: where evaluation time goes, by removing rule groups from the 500-rule pack and timing the rest
/// (best of three after a warm-up). It changes the workload, not the evaluator: a rough attribution, not a profile.
/// </summary>
public static class Ablation
{
    public static int Run(string[] args)
    {
        var columns = Sizes.Arg(args, 0, 1_000_000);
        var snapshot = SyntheticMesh.Generate(columns, Sizes.Seed);
        var full = SyntheticMesh.Pack(Sizes.Rules, Sizes.Seed);
        var variants = new (string Name, Func<Rule, bool> Keep)[]
        {
            ("full pack", _ => true),
            ("without rules selecting columns by name pattern", r => !SelectsByName(r)),
            ("without naming rules", r => r is not NamingRule),
            ("without naming and name-pattern rules", r => r is not NamingRule && !SelectsByName(r)),
            ("masking and row access only", r => r is MaskingRule or RowAccessRule),
            ("taxonomy rule only", r => r is TaxonomyRule),
        };
        Console.WriteLine(FormattableString.Invariant($"| {columns:N0} columns: pack variant | rules | evaluate ms | columns/s | findings | masking decisions |"));
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, keep) in variants)
        {
            var rules = full.Rules.Where(keep).ToList();
            var pack = new RulePack(full.Name, full.Version, full.Scope, full.Publisher, full.Taxonomy, rules, full.Description);
            var evaluator = Evaluator.Compile(PackSet.Create(new[] { pack }));
            EvaluationResult result = evaluator.Evaluate(snapshot);
            var best = TimeSpan.MaxValue;
            for (var i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                result = evaluator.Evaluate(snapshot);
                clock.Stop();
                if (clock.Elapsed < best) best = clock.Elapsed;
            }
            Console.WriteLine(FormattableString.Invariant(
                $"| {name} | {rules.Count} | {best.TotalMilliseconds:0} | {columns / best.TotalSeconds:N0} | {result.Findings.Count:N0} | {result.Masking.Count:N0} |"));
        }
        return 0;
    }

    private static bool SelectsByName(Rule rule) => rule.Accept(ByName.Instance);

    /// <summary>Whether a rule's column or subject selector tests a name pattern.</summary>
    private sealed class ByName : IRuleVisitor<bool>, ISelectorVisitor<bool>
    {
        public static readonly ByName Instance = new();
        public bool Visit(MaskingRule rule) => rule.Columns.Accept(this);
        public bool Visit(RowAccessRule rule) => false;
        public bool Visit(TagRequirementRule rule) => rule.When.Accept(this);
        public bool Visit(TaxonomyRule rule) => false;
        public bool Visit(ProductMetadataRule rule) => false;
        public bool Visit(NamingRule rule) => rule.When.Accept(this);
        public bool Visit(AlwaysSelector selector) => false;
        public bool Visit(TagSelector selector) => false;
        public bool Visit(NameSelector selector) => true;
        public bool Visit(TypeSelector selector) => false;
        public bool Visit(KindSelector selector) => false;
        public bool Visit(DomainSelector selector) => false;
        public bool Visit(ProductSelector selector) => false;
        public bool Visit(HasColumnSelector selector) => false;
        public bool Visit(AllSelector selector) => selector.Parts.Any(p => p.Accept(this));
        public bool Visit(AnySelector selector) => selector.Parts.Any(p => p.Accept(this));
        public bool Visit(NotSelector selector) => selector.Inner.Accept(this);
    }
}
