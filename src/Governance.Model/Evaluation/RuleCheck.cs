using System;
using System.Collections.Generic;
using System.Linq;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Evaluation;

/// <summary>
/// What each rule decides on one subject and the finding it reports, written once: the analyzers' <see cref="Checks"/>
/// give it every rule on every subject, the evaluator only the candidates its indexes choose. Tag requirement, product
/// metadata, naming and taxonomy rules report here; a masking rule that selects a column and a row access rule that
/// selects a dataset are collected (<see cref="MaskMatches"/>, <see cref="RowMatches"/>) for <see cref="CombineMasking"/>
/// and <see cref="CombineRowAccess"/>, which decide how the column or dataset is protected. One instance per thread,
/// reused for many subjects.
/// </summary>
internal sealed class RuleCheck : IRuleVisitor<bool>
{
    private readonly SelectorMatcher _matcher;
    private readonly NamingCheck _naming = new NamingCheck();
    private RuleSet? _set;
    private BoundRule? _bound;
    private Subject _subject;
    private List<Finding>? _into;
    private bool _selected;

    /// <summary>A check that matches name patterns through <paramref name="names"/> when given.</summary>
    public RuleCheck(NameMatches? names = null) => _matcher = new SelectorMatcher(names, null);

    /// <summary>The masking rules that selected the column since <see cref="MaskMatches"/> was last cleared.</summary>
    public List<BoundRule> MaskMatches { get; } = new List<BoundRule>();

    /// <summary>The row access rules that selected the dataset since <see cref="RowMatches"/> was last cleared.</summary>
    public List<BoundRule> RowMatches { get; } = new List<BoundRule>();

    /// <summary>How a row access rule's has-column test is answered (null: by matching every column's name).</summary>
    public Func<HasColumnSelector, bool>? HasColumn
    {
        get => _matcher.HasColumn;
        set => _matcher.HasColumn = value;
    }

    /// <summary>The subject the next checks are about, the rule set whose taxonomy they read and where findings go. Set
    /// once per subject (not per rule: the evaluator checks many rules on millions of subjects).</summary>
    public void Start(RuleSet set, in Subject subject, List<Finding> into)
    {
        _set = set;
        _subject = subject;
        _into = into;
        _matcher.Start(subject);
    }

    /// <summary>Checks rule <paramref name="b"/> of the set on the subject: adds its findings, or the rule to
    /// <see cref="MaskMatches"/> or <see cref="RowMatches"/>.</summary>
    public void Check(BoundRule b)
    {
        _bound = b;
        _selected = false;
        b.Rule.Accept(this);
    }

    /// <summary>The same for a rule whose selector is already known to select the subject (the evaluator's memo of
    /// name-only column rules): only what depends on more than the name is tested.</summary>
    public void CheckSelected(BoundRule b)
    {
        _bound = b;
        _selected = true;
        b.Rule.Accept(this);
    }

    private bool Selects(Selector selector) => _selected || _matcher.Matches(selector);

    private string Level => Names.Of(_subject.Level);

    private void Add(string id, Severity severity, string message, string? tag = null, IReadOnlyList<string>? allowed = null, string? name = null)
        => _into!.Add(new Finding(id, _bound!.Ref, severity, _subject.Level, _subject.Target, message, tag, allowed, name));

    public bool Visit(MaskingRule rule)
    {
        if (_subject.Level != TargetLevel.Column || !Selects(rule.Columns)) return false;
        MaskMatches.Add(_bound!);
        return true;
    }

    public bool Visit(RowAccessRule rule)
    {
        if (_subject.Level != TargetLevel.Dataset || !Selects(rule.Datasets)) return false;
        RowMatches.Add(_bound!);
        return true;
    }

    public bool Visit(TagRequirementRule rule)
    {
        // The tag lookup is cheap and usually satisfied; the selector (often a name pattern) only runs when it is not.
        if (rule.Level != _subject.Level || _subject.EffectiveTag(rule.Tag) is not null || !Selects(rule.When)) return false;
        _set!.Taxonomy.TryGetValue(rule.Tag, out var def);
        Add(GovIds.RequiredTagMissing, rule.Severity, GovCatalog.Get(GovIds.RequiredTagMissing).Format(Level, _subject.Name, rule.Tag), rule.Tag, def?.AllowedValues);
        return true;
    }

    public bool Visit(TaxonomyRule rule)
    {
        var tags = _subject.OwnTags.Items;
        var found = false;
        for (var i = 0; i < tags.Count; i++)
        {
            var (name, value) = (tags[i].Key, tags[i].Value);
            var taxonomy = _set!.Taxonomy;
            if (!taxonomy.TryGetValue(name, out var def))
            {
                if (rule.UnknownTagSeverity is not { } unknown) continue;
                Add(GovIds.UnknownTag, unknown, Checks.UnknownTagMessage(taxonomy, name, Level, _subject.Name), name);
                found = true;
            }
            else if (!def.Allows(value))
            {
                Add(GovIds.TagValueNotAllowed, rule.Severity, Checks.TagValueMessage(def, value, Level, _subject.Name), name, def.AllowedValues);
                found = true;
            }
        }
        return found;
    }

    public bool Visit(ProductMetadataRule rule)
    {
        if (_subject.Level != TargetLevel.Product || !Selects(rule.When)) return false;
        var value = rule.Field switch
        {
            ProductField.Owner => _subject.Product.Owner,
            ProductField.Version => _subject.Product.Version,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Field, "unknown product field"),
        };
        if (!string.IsNullOrWhiteSpace(value)) return false;
        Add(GovIds.RequiredMetadataMissing, rule.Severity, GovCatalog.Get(GovIds.RequiredMetadataMissing).Format(MeshIdentity.Product(_subject.Domain.Name, _subject.Product.Name), Names.Of(rule.Field)));
        return true;
    }

    public bool Visit(NamingRule rule)
    {
        if (rule.Level != _subject.Level || !Selects(rule.When)) return false;
        var found = Naming(rule.Constraint, rule.Severity);
        // A domain rule's pattern added on top of this global pattern rule: both apply.
        if (_bound!.ExtraPattern is { } extra) found |= Naming(extra, rule.Severity);
        return found;
    }

    private bool Naming(NamingConstraint constraint, Severity severity)
    {
        if (!_naming.Explain(constraint, _subject.Name, Level, _subject)) return false;
        Add(_naming.Id!, severity, _naming.Message!, name: _naming.Suggestion);
        return true;
    }

    // ---------------------------------------------------------------- combining

    /// <summary>
    /// How the masking rules that select one column combine (<see cref="Semantics.CompareMasking"/>): the winner, whose
    /// strategy applies (nullify when it cannot return the column's type, GOV1002); GOV1001 when several select it; and,
    /// unless the winner alone decides (<paramref name="ordered"/> null: one rule, no condition), every matching rule
    /// winner first with its reveal clause and condition — a condition on a column that is missing or of another type
    /// (GOV1003) masks the column for everyone.
    /// </summary>
    public static BoundRule CombineMasking(in Subject column, IReadOnlyList<BoundRule> matches, List<Finding> findings, out MaskingStrategy strategy,
        out List<BoundRule>? ordered, out List<IReadOnlyList<string>>? clauses, out List<MaskingCondition>? conditions)
    {
        var c = column.Column!;
        var target = column.Target;
        var winner = matches[0];
        for (var i = 1; i < matches.Count; i++)
        {
            var b = matches[i];
            if (Semantics.CompareMasking((MaskingRule)b.Rule, b.Ref, (MaskingRule)winner.Rule, winner.Ref, c.Type) < 0) winner = b;
        }
        if (matches.Count > 1)
        {
            var refs = matches.Select(m => m.Ref).OrderBy(r => r, StringComparer.Ordinal).Select(r => "`" + r + "`");
            findings.Add(new Finding(GovIds.MaskingConflict, winner.Ref, Severity.Warning, TargetLevel.Column, target,
                GovCatalog.Get(GovIds.MaskingConflict).Format(c.Name, string.Join(", ", refs), winner.Ref)));
        }
        var rule = (MaskingRule)winner.Rule;
        strategy = Semantics.EffectiveStrategy(rule.Strategy, c.Type);
        if (!ReferenceEquals(strategy, rule.Strategy))
        {
            findings.Add(new Finding(GovIds.MaskingStrategyTypeMismatch, winner.Ref, Severity.Error, TargetLevel.Column, target,
                GovCatalog.Get(GovIds.MaskingStrategyTypeMismatch).Format(rule.Strategy.Describe(), c.Type.Text, c.Name)));
        }
        ordered = null;
        clauses = null;
        conditions = null;
        if (matches.Count == 1 && rule.Condition is null) return winner;

        // Deny overrides: one reveal clause per matching rule, the winner's first; every condition must hold.
        ordered = new List<BoundRule>(matches.Count) { winner };
        ordered.AddRange(matches.Where(m => !ReferenceEquals(m, winner)).OrderBy(m => m.Ref, StringComparer.Ordinal));
        clauses = new List<IReadOnlyList<string>>(ordered.Count);
        conditions = new List<MaskingCondition>();
        var maskedForAll = false;
        foreach (var b in ordered)
        {
            var m = (MaskingRule)b.Rule;
            if (!clauses.Any(x => x.SequenceEqual(m.RevealTo, StringComparer.Ordinal))) clauses.Add(m.RevealTo);
            if (m.Condition is not { } condition) continue;
            var other = column.Dataset!.FindColumn(condition.Column);
            if (other is null || !condition.Value.Fits(other.Type.Family))
            {
                findings.Add(new Finding(GovIds.MaskingConditionColumnMissing, b.Ref, Severity.Error, TargetLevel.Column, target,
                    GovCatalog.Get(GovIds.MaskingConditionColumnMissing).Format(c.Name, condition.Column, Literal.KindName(condition.Value.Kind))));
                maskedForAll = true;
            }
            else if (!conditions.Contains(condition))
            {
                conditions.Add(condition);
            }
        }
        if (maskedForAll || clauses.Any(x => x.Count == 0)) clauses.Clear();
        if (maskedForAll) conditions.Clear();
        return winner;
    }

    /// <summary>
    /// How the row access rules that select one dataset combine: all apply (deny overrides), in
    /// <see cref="Semantics.CompareRowAccess"/> order (<paramref name="matches"/> is sorted in place); GOV2002 when several
    /// select it; GOV2001 for each whose filter column is missing or of another type (false in the result: that part
    /// admits no row).
    /// </summary>
    public static bool[] CombineRowAccess(in Subject dataset, List<BoundRule> matches, List<Finding> findings)
    {
        var target = dataset.Target;
        var ds = dataset.Dataset!;
        matches.Sort((a, b) => Semantics.CompareRowAccess((RowAccessRule)a.Rule, a.Ref, (RowAccessRule)b.Rule, b.Ref));
        if (matches.Count > 1)
        {
            var refs = matches.Select(x => "`" + x.Ref + "`").OrderBy(x => x, StringComparer.Ordinal);
            findings.Add(new Finding(GovIds.RowAccessConflict, matches[0].Ref, Severity.Warning, TargetLevel.Dataset, target,
                GovCatalog.Get(GovIds.RowAccessConflict).Format(ds.Name, string.Join(", ", refs))));
        }
        var fits = new bool[matches.Count];
        for (var i = 0; i < matches.Count; i++)
        {
            var b = matches[i];
            var filter = ((RowAccessRule)b.Rule).Filter;
            fits[i] = ds.FindColumn(filter.Column) is { } column && filter.Accepts(column.Type.Family);
            if (!fits[i])
            {
                findings.Add(new Finding(GovIds.RowAccessColumnMissing, b.Ref, Severity.Error, TargetLevel.Dataset, target,
                    GovCatalog.Get(GovIds.RowAccessColumnMissing).Format(ds.Name, filter.Column)));
            }
        }
        return fits;
    }
}
