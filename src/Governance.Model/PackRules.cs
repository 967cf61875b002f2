using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Governance;

/// <summary>A problem found in a rule pack: where (a JSON path into its manifest) and what.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class PackProblem
{
    public PackProblem(string path, string message) { Path = path; Message = message; }
    public string Path { get; }
    public string Message { get; }
    public override string ToString() => Path + ": " + Message;
}

/// <summary>The cross-field checks of a rule pack that a JSON schema cannot express.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class PackValidation
{
    // Semantic Versioning 2.0.0, the regular expression published with the specification.
    private static readonly Regex SemVer = new Regex(
        @"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
        RegexOptions.CultureInvariant);

    private static readonly Regex IdShape = new Regex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);

    public static bool IsSemVer(string version) => SemVer.IsMatch(version);

    /// <summary>
    /// Every problem of <paramref name="pack"/>. Tags used by rules must be declared in the pack's taxonomy or in
    /// <paramref name="inheritedTaxonomy"/> (a domain pack sees the global taxonomy).
    /// </summary>
    public static IReadOnlyList<PackProblem> Problems(RulePack pack, IReadOnlyList<TagDefinition>? inheritedTaxonomy = null)
    {
        var problems = new List<PackProblem>();
        void Add(string path, string message) => problems.Add(new PackProblem(path, message));

        if (!IdShape.IsMatch(pack.Name)) Add("$.name", "pack name `" + pack.Name + "` must start with a letter or digit and use only letters, digits, `.`, `_` and `-`");
        if (!IsSemVer(pack.Version)) Add("$.version", "`" + pack.Version + "` is not a semantic version (expected MAJOR.MINOR.PATCH, like 1.4.0)");
        if (pack.Publisher.Trim().Length == 0) Add("$.publisher", "a publisher is required");

        // A domain pack checked on its own cannot know the global taxonomy: its tags are checked when it is layered.
        var checkTags = pack.Scope.IsGlobal || inheritedTaxonomy is not null;
        var tags = new Dictionary<string, TagDefinition>(StringComparer.Ordinal);
        if (inheritedTaxonomy is not null) foreach (var t in inheritedTaxonomy) tags[t.Name] = t;
        for (var i = 0; i < pack.Taxonomy.Count; i++)
        {
            var t = pack.Taxonomy[i];
            var path = "$.taxonomy[" + Index(i) + "]";
            if (SnowflakeIdentifier.Problem(t.Name) is { } p) Add(path + ".name", p);
            if (i > 0 && string.Equals(pack.Taxonomy[i - 1].Name, t.Name, StringComparison.Ordinal)) Add(path + ".name", "tag `" + t.Name + "` is declared twice");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var v = 0; v < t.AllowedValues.Count; v++)
            {
                var value = t.AllowedValues[v];
                if (!seen.Add(value)) Add(path + ".allowedValues[" + Index(v) + "]", "allowed value `" + value + "` is listed twice");
                if (value.Length > TagSet.MaxValueLength) Add(path + ".allowedValues[" + Index(v) + "]", "a tag value has at most " + TagSet.MaxValueLength.ToString(CultureInfo.InvariantCulture) + " characters");
                if (value.IndexOf('\0') >= 0) Add(path + ".allowedValues[" + Index(v) + "]", "a tag value cannot contain NUL");
            }
            if (t.AllowedValues.Count > 5000) Add(path + ".allowedValues", "a tag has at most 5000 allowed values");
            tags[t.Name] = t;
        }

        for (var i = 0; i < pack.Rules.Count; i++)
        {
            var rule = pack.Rules[i];
            var path = "$.rules[" + Index(i) + "]";
            if (!IdShape.IsMatch(rule.Id)) Add(path + ".id", "rule id `" + rule.Id + "` must start with a letter or digit and use only letters, digits, `.`, `_` and `-`");
            if (i > 0 && string.Equals(pack.Rules[i - 1].Id, rule.Id, StringComparison.Ordinal)) Add(path + ".id", "rule id `" + rule.Id + "` is used twice");
            if (rule.Title.Trim().Length == 0) Add(path + ".title", "a title is required");
            if (rule.Tightens is not null)
            {
                if (pack.Scope.IsGlobal) Add(path + ".tightens", "only a domain pack's rule can tighten a global rule");
                else if (rule.Tightens.IndexOf('/') <= 0) Add(path + ".tightens", "`" + rule.Tightens + "` is not a rule reference; expected `pack/ruleId`");
            }
            CheckRule(rule, path, checkTags ? tags : null, Add);
        }
        return problems;
    }

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static void CheckRule(Rule rule, string path, Dictionary<string, TagDefinition>? tags, Action<string, string> add)
    {
        switch (rule)
        {
            case MaskingRule m:
                CheckSelector(m.Columns, path + ".columns", tags, add);
                CheckRoles(m.RevealTo, path + ".revealTo", add);
                CheckStrategy(m.Strategy, path + ".strategy", add);
                if (m.Condition is not null && SnowflakeIdentifier.Problem(m.Condition.Column) is { } cp) add(path + ".condition.column", cp);
                break;
            case RowAccessRule r:
                CheckSelector(r.Datasets, path + ".datasets", tags, add);
                CheckRoles(r.BypassRoles, path + ".bypassRoles", add);
                if (r.Filter is EntitlementFilter e)
                {
                    foreach (var (name, value) in new[] { ("column", e.Column), ("database", e.Database), ("schema", e.Schema), ("table", e.Table), ("roleColumn", e.RoleColumn), ("valueColumn", e.ValueColumn) })
                    {
                        if (SnowflakeIdentifier.Problem(value) is { } ep) add(path + ".filter." + name, ep);
                    }
                }
                else if (SnowflakeIdentifier.Problem(r.Filter.Column) is { } fp) add(path + ".filter.column", fp);
                break;
            case TagRequirementRule t:
                CheckSelector(t.When, path + ".requirement.when", tags, add);
                if (tags is not null && !tags.ContainsKey(t.Tag)) add(path + ".requirement.tag", "tag `" + t.Tag + "` is not declared in the taxonomy");
                break;
            case ProductMetadataRule p:
                CheckSelector(p.When, path + ".requirement.when", tags, add);
                break;
            case NamingRule n:
                CheckSelector(n.When, path + ".when", tags, add);
                switch (n.Constraint)
                {
                    case PatternConstraint pc:
                        if (Patterns.Problem(pc.Pattern) is { } rp) add(path + ".constraint.pattern", rp);
                        break;
                    case AffixConstraint a:
                        foreach (var t in a.Templates)
                        {
                            if (t.Length == 0) add(path + ".constraint.values", "an empty " + a.Name + " was given");
                        }
                        break;
                }
                break;
        }
    }

    private static void CheckRoles(IReadOnlyList<string> roles, string path, Action<string, string> add)
    {
        for (var i = 0; i < roles.Count; i++)
        {
            if (SnowflakeIdentifier.Problem(roles[i]) is { } p) add(path + "[" + Index(i) + "]", p);
        }
    }

    private static void CheckStrategy(MaskingStrategy strategy, string path, Action<string, string> add)
    {
        switch (strategy)
        {
            case KeepLastStrategy k:
                if (k.MaskCharacter.Length != 1) add(path + ".maskCharacter", "the mask character must be exactly one character");
                break;
            case CustomStrategy c:
            {
                string? firstError = null;
                var any = false;
                foreach (var family in Names.Families)
                {
                    if (MaskFunctions.TypeOf(c.Expression, family, out var error) == family) { any = true; break; }
                    firstError ??= error;
                }
                if (!any) add(path + ".expression", firstError ?? "the expression cannot return the type of the value it masks, whatever that type is");
                break;
            }
        }
    }

    private static void CheckSelector(Selector selector, string path, Dictionary<string, TagDefinition>? tags, Action<string, string> add)
    {
        switch (selector)
        {
            case TagSelector t:
                if (tags is null) break;
                if (!tags.TryGetValue(t.Tag, out var def)) add(path + ".tag", "tag `" + t.Tag + "` is not declared in the taxonomy");
                else if (t.Values is not null)
                {
                    foreach (var v in t.Values)
                    {
                        if (!def.Allows(v)) add(path + ".values", "`" + v + "` is not an allowed value of tag `" + t.Tag + "`");
                    }
                }
                break;
            case NameSelector n:
                if (Patterns.Problem(n.Pattern) is { } p) add(path + ".pattern", p);
                break;
            case HasColumnSelector h:
                if (Patterns.Problem(h.Pattern) is { } hp) add(path + ".pattern", hp);
                break;
            case ProductSelector ps:
                for (var i = 0; i < ps.Products.Count; i++)
                {
                    if (MeshIdentity.ProductProblem(ps.Products[i]) is { } pp) add(path + ".products[" + Index(i) + "]", pp);
                }
                break;
            case AllSelector all:
                for (var i = 0; i < all.Parts.Count; i++) CheckSelector(all.Parts[i], path + ".of[" + Index(i) + "]", tags, add);
                if (all.Parts.Count == 0) add(path + ".of", "at least one selector was expected");
                break;
            case AnySelector any:
                for (var i = 0; i < any.Parts.Count; i++) CheckSelector(any.Parts[i], path + ".of[" + Index(i) + "]", tags, add);
                if (any.Parts.Count == 0) add(path + ".of", "at least one selector was expected");
                break;
            case NotSelector not:
                CheckSelector(not.Inner, path + ".selector", tags, add);
                break;
        }
    }
}

/// <summary>
/// Federation, written down. A domain pack may add rules, and a rule of it may <c>tighten</c> a global rule
/// (replacing it within the domain) only when it is at least as strict in every respect:
/// <list type="bullet">
/// <item>same kind, severity at least as high;</item>
/// <item>masking: same column selector, strategy rank no higher (keepLast keeps no more characters, truncation is at
/// least as coarse), reveal roles a subset, the same condition if the global rule has one;</item>
/// <item>row access: same dataset selector, same filter, bypass roles a subset;</item>
/// <item>tag requirements: same level and tag, same selector; taxonomy: rejects unknown tags, at least as severely, if the global one does;
/// product metadata: same field and selector;</item>
/// <item>naming: same level and selector and constraint type; max length no longer; prefixes/suffixes each extend one of
/// the global ones; a case style the same; a pattern rule keeps the global pattern and adds its own (both apply).</item>
/// </list>
/// A domain taxonomy may add tags and narrow a global tag's allowed values to a non-empty subset, never widen it.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class Federation
{
    /// <summary>Why <paramref name="domain"/> weakens <paramref name="global"/>, or null when it is at least as strict.</summary>
    public static string? Weakening(Rule global, Rule domain)
    {
        if (global.GetType() != domain.GetType()) return "it is a " + Describe(domain) + " rule, the global rule is a " + Describe(global) + " rule";
        if (domain.Severity < global.Severity) return "its severity " + Names.Of(domain.Severity) + " is lower than " + Names.Of(global.Severity);
        switch (global)
        {
            case MaskingRule g:
            {
                var d = (MaskingRule)domain;
                if (!SameSelector(g.Columns, d.Columns)) return "it selects other columns than the global rule";
                if (StrategyWeaker(g.Strategy, d.Strategy) is { } why) return why;
                foreach (var role in d.RevealTo)
                {
                    if (!Contains(g.RevealTo, role)) return "it reveals to `" + role + "`, which the global rule does not";
                }
                if (g.Condition is not null && (d.Condition is null || d.Condition.Column != g.Condition.Column || !d.Condition.Value.Equals(g.Condition.Value)))
                    return "it drops or changes the global rule's condition on `" + g.Condition.Column + "`";
                return null;
            }
            case RowAccessRule g:
            {
                var d = (RowAccessRule)domain;
                if (!SameSelector(g.Datasets, d.Datasets)) return "it selects other datasets than the global rule";
                if (ManifestCodec.CanonicalFilter(g.Filter) != ManifestCodec.CanonicalFilter(d.Filter)) return "it changes the global rule's row filter";
                foreach (var role in d.BypassRoles)
                {
                    if (!Contains(g.BypassRoles, role)) return "it lets `" + role + "` bypass row access, which the global rule does not";
                }
                return null;
            }
            case TagRequirementRule g:
            {
                var d = (TagRequirementRule)domain;
                if (g.Level != d.Level || g.Tag != d.Tag) return "it requires another tag or level than the global rule";
                return SameSelector(g.When, d.When) ? null : "it applies to other subjects than the global rule";
            }
            case TaxonomyRule g:
            {
                var d = (TaxonomyRule)domain;
                if (g.UnknownTagSeverity is not { } gu) return null;
                if (d.UnknownTagSeverity is not { } du) return "it accepts unknown tags, which the global rule rejects";
                return du < gu ? "it reports unknown tags as " + Names.Of(du) + ", lower than " + Names.Of(gu) : null;
            }
            case ProductMetadataRule g:
            {
                var d = (ProductMetadataRule)domain;
                if (g.Field != d.Field) return "it requires another field than the global rule";
                return SameSelector(g.When, d.When) ? null : "it applies to other products than the global rule";
            }
            case NamingRule g:
            {
                var d = (NamingRule)domain;
                if (g.Level != d.Level) return "it checks another level than the global rule";
                if (!SameSelector(g.When, d.When)) return "it applies to other names than the global rule";
                if (g.Constraint.GetType() != d.Constraint.GetType()) return "it replaces a " + g.Constraint.Name + " constraint with a " + d.Constraint.Name + " constraint";
                switch (g.Constraint)
                {
                    case CaseConstraint gc:
                        return gc.Style == ((CaseConstraint)d.Constraint).Style ? null : "it changes the case style";
                    case MaxLengthConstraint gl:
                        var dl = (MaxLengthConstraint)d.Constraint;
                        return dl.Max <= gl.Max ? null : "its maximum length " + dl.Max.ToString(CultureInfo.InvariantCulture) + " is longer than " + gl.Max.ToString(CultureInfo.InvariantCulture);
                    case AffixConstraint ga:
                        var da = (AffixConstraint)d.Constraint;
                        if (ga.IsPrefix != da.IsPrefix) return "it changes a prefix rule into a suffix rule";
                        foreach (var t in da.Templates)
                        {
                            var extends = false;
                            foreach (var gt in ga.Templates)
                            {
                                if (ga.IsPrefix ? t.StartsWith(gt, StringComparison.Ordinal) : t.EndsWith(gt, StringComparison.Ordinal)) { extends = true; break; }
                            }
                            if (!extends) return "its " + ga.Name + " `" + t + "` does not extend any of the global rule's";
                        }
                        return null;
                    default:
                        return null; // pattern: both apply (see the evaluator); notReserved: identical by construction
                }
            }
            default:
                return "unknown rule type";
        }
    }

    /// <summary>Why a domain taxonomy entry widens the global one, or null.</summary>
    public static string? TaxonomyWidening(TagDefinition global, TagDefinition domain)
    {
        if (global.AllowedValues.Count == 0) return null;
        if (domain.AllowedValues.Count == 0) return "it allows any value of tag `" + global.Name + "`, the global taxonomy allows only some";
        foreach (var v in domain.AllowedValues)
        {
            if (!global.Allows(v)) return "it allows value `" + v + "` of tag `" + global.Name + "`, which the global taxonomy does not";
        }
        return null;
    }

    private static string Describe(Rule r) => r switch
    {
        MaskingRule => "masking", RowAccessRule => "row access", TagRequirementRule => "tag requirement",
        TaxonomyRule => "taxonomy", ProductMetadataRule => "product metadata", _ => "naming",
    };

    private static bool SameSelector(Selector a, Selector b) => ManifestCodec.CanonicalSelector(a) == ManifestCodec.CanonicalSelector(b);

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var x in list)
        {
            if (string.Equals(x, value, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    private static string? StrategyWeaker(MaskingStrategy g, MaskingStrategy d)
    {
        // Compare what each strategy actually does to each type: one that cannot return a type nullifies it.
        foreach (var family in Names.Families)
        {
            var gr = g.Supports(family) ? g.Rank : 0;
            var dr = d.Supports(family) ? d.Rank : 0;
            if (dr > gr) return "its strategy `" + d.Describe() + "` reveals more of " + Names.Of(family) + " columns than `" + g.Describe() + "`";
        }
        if (d.Rank < g.Rank) return null;
        switch (g)
        {
            case KeepLastStrategy gk when d is KeepLastStrategy dk:
                return dk.Count <= gk.Count ? null : "it keeps " + dk.Count.ToString(CultureInfo.InvariantCulture) + " characters, the global rule " + gk.Count.ToString(CultureInfo.InvariantCulture);
            case TruncateDateStrategy gt when d is TruncateDateStrategy dt:
                return dt.Unit <= gt.Unit ? null : "it truncates to " + dt.Unit + ", finer than " + gt.Unit;
            case CustomStrategy gc when d is CustomStrategy dc:
                return ManifestCodec.CanonicalRule(new MaskingRule("x", Severity.Note, "x", "", Selector.Always, gc, Array.Empty<string>()))
                    == ManifestCodec.CanonicalRule(new MaskingRule("x", Severity.Note, "x", "", Selector.Always, dc, Array.Empty<string>()))
                    ? null : "it replaces a custom expression, whose strictness cannot be compared";
            default:
                if (d.Rank == g.Rank && (g is CustomStrategy || d is CustomStrategy)) return "it swaps strategies whose strictness cannot be compared";
                return null;
        }
    }
}
