using System;
using System.Collections.Generic;
using Governance.Rules;

namespace Governance;

/// <summary>A versioned, published set of rules and the tag taxonomy they use.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record RulePack
{
    private readonly ValueList<TagDefinition> _taxonomy;
    private readonly ValueList<Rule> _rules;

    /// <summary>
    /// A rule pack. The taxonomy is sorted by tag name and the rules by ID (stable); nothing else is checked here: duplicate
    /// tags or rule IDs and other mistakes are reported by validation.
    /// </summary>
    /// <param name="name">The pack's name; rules are referred to as <c>name/ruleId</c>.</param>
    /// <param name="version">A semantic version (semver 2.0.0).</param>
    /// <param name="scope">Where in the mesh the pack applies.</param>
    /// <param name="publisher">Who publishes the pack (a team, a domain).</param>
    /// <param name="taxonomy">The tags the pack defines.</param>
    /// <param name="rules">The pack's rules.</param>
    /// <param name="description">Free text; null is taken as empty.</param>
    /// <exception cref="ArgumentNullException">A parameter other than <paramref name="description"/> is null.</exception>
    public RulePack(string name, string version, PackScope scope, string publisher, IReadOnlyList<TagDefinition> taxonomy, IReadOnlyList<Rule> rules, string description = "")
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Version = version ?? throw new ArgumentNullException(nameof(version));
        Scope = scope ?? throw new ArgumentNullException(nameof(scope));
        Publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
        Description = description ?? "";
        var tags = new List<TagDefinition>(taxonomy ?? throw new ArgumentNullException(nameof(taxonomy)));
        // Ties (duplicates, which validation reports) are broken on content so that output stays deterministic.
        tags.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Name, b.Name);
            if (c != 0) return c;
            c = string.CompareOrdinal(string.Join("\u0001", a.AllowedValues), string.Join("\u0001", b.AllowedValues));
            return c != 0 ? c : string.CompareOrdinal(a.Description, b.Description);
        });
        _taxonomy = ValueList<TagDefinition>.Own(tags.ToArray());
        // By ID, stable: rules that share an ID (invalid, which validation reports) keep the order they were given in.
        var list = new List<Rule>(rules ?? throw new ArgumentNullException(nameof(rules)));
        var order = new int[list.Count];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            var c = string.CompareOrdinal(list[a].Id, list[b].Id);
            return c != 0 ? c : a.CompareTo(b);
        });
        var sorted = new Rule[order.Length];
        for (var i = 0; i < order.Length; i++) sorted[i] = list[order[i]];
        _rules = ValueList<Rule>.Own(sorted);
    }

    /// <summary>The pack's name, unique among the packs of a mesh.</summary>
    public string Name { get; }
    /// <summary>A semantic version (semver 2.0.0).</summary>
    public string Version { get; }
    /// <summary>Where in the mesh the pack applies.</summary>
    public PackScope Scope { get; }
    /// <summary>Who publishes the pack.</summary>
    public string Publisher { get; }
    /// <summary>Free text; empty when none was given.</summary>
    public string Description { get; }
    /// <summary>Sorted by tag name.</summary>
    public IReadOnlyList<TagDefinition> Taxonomy => _taxonomy;
    /// <summary>Sorted by rule ID (stable).</summary>
    public IReadOnlyList<Rule> Rules => _rules;

    /// <summary>The pack-qualified reference of one of its rules: <c>pack/ruleId</c>.</summary>
    public string RefOf(Rule rule) => Name + "/" + rule.Id;
}
