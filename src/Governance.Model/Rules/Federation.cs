using System;
using System.Collections.Generic;
using System.Globalization;
using Governance.Snapshots;

namespace Governance.Rules;

/// <summary>A problem found in a rule pack: where (a JSON path into its manifest) and what.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class PackProblem
{
    /// <summary>A problem at <paramref name="path"/>, described by <paramref name="message"/>.</summary>
    public PackProblem(string path, string message) { Path = path; Message = message; }
    /// <summary>The JSON path of the offending value in the pack's manifest, like <c>$.rules[2].columns</c>.</summary>
    public string Path { get; }
    /// <summary>What is wrong, in the style of the project's messages (lowercase, no trailing period).</summary>
    public string Message { get; }
    /// <summary><c>path: message</c>.</summary>
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
    /// <summary>
    /// Whether <paramref name="text"/> is a pack name or rule id: the whole text matches <c>^[A-Za-z0-9][A-Za-z0-9._-]*\z</c>
    /// (ASCII only; a final line feed does not pass). A loop, not a regular expression: it runs for every pack and rule at
    /// every start of the tool.
    /// </summary>
    internal static bool IsIdShape(string text)
    {
        if (text.Length == 0 || !IsAsciiLetterOrDigit(text[0])) return false;
        for (var i = 1; i < text.Length; i++)
        {
            if (!IsAsciiLetterOrDigit(text[i]) && text[i] is not ('.' or '_' or '-')) return false;
        }
        return true;
    }

    private static bool IsAsciiLetterOrDigit(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9');

    /// <summary>True when <paramref name="version"/> is a semantic version (semver 2.0.0: <c>MAJOR.MINOR.PATCH</c>, optional pre-release and build).</summary>
    public static bool IsSemVer(string version)
    {
        if (version is null) throw new ArgumentNullException(nameof(version));
        // The regular expression published with Semantic Versioning 2.0.0, with `[0-9]` for `\d` (which matches any
        // Unicode digit in .NET) and `\z` for `$` (which matches before a final line feed), checked part by part: every
        // pack's version is checked at every start of the tool, and building that expression costs more than the rest of
        // the check (a property test holds the two to the same answers):
        // ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?\z
        return SemVerParts(version);
    }

    private static bool SemVerParts(string text)
    {
        var plus = text.IndexOf('+');
        var main = plus < 0 ? text : text.Substring(0, plus);
        if (plus >= 0 && !AllIdentifiers(text.Substring(plus + 1), IsBuildIdentifier)) return false;
        var dash = main.IndexOf('-');
        var core = (dash < 0 ? main : main.Substring(0, dash)).Split('.');
        if (core.Length != 3 || !IsNumericIdentifier(core[0]) || !IsNumericIdentifier(core[1]) || !IsNumericIdentifier(core[2])) return false;
        return dash < 0 || AllIdentifiers(main.Substring(dash + 1), IsPreReleaseIdentifier);
    }

    private static bool AllIdentifiers(string dotted, Func<string, bool> valid)
    {
        foreach (var part in dotted.Split('.'))
        {
            if (!valid(part)) return false;
        }
        return true;
    }

    // 0|[1-9][0-9]*
    private static bool IsNumericIdentifier(string s)
    {
        if (s == "0") return true;
        if (s.Length == 0 || s[0] is < '1' or > '9') return false;
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] is < '0' or > '9') return false;
        }
        return true;
    }

    // 0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*
    private static bool IsPreReleaseIdentifier(string s)
    {
        if (IsNumericIdentifier(s)) return true;
        var i = 0;
        while (i < s.Length && s[i] is >= '0' and <= '9') i++;
        if (i == s.Length || !(IsAsciiLetter(s[i]) || s[i] == '-')) return false;
        for (i++; i < s.Length; i++)
        {
            if (!IsAsciiLetterOrDigit(s[i]) && s[i] != '-') return false;
        }
        return true;
    }

    // [0-9a-zA-Z-]+
    private static bool IsBuildIdentifier(string s)
    {
        if (s.Length == 0) return false;
        foreach (var c in s)
        {
            if (!IsAsciiLetterOrDigit(c) && c != '-') return false;
        }
        return true;
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z');

    /// <summary>
    /// Every problem of <paramref name="pack"/>. Tags used by rules must be declared in the pack's taxonomy or in
    /// <paramref name="inheritedTaxonomy"/> (a domain pack sees the global taxonomy).
    /// </summary>
    public static IReadOnlyList<PackProblem> Problems(RulePack pack, IReadOnlyList<TagDefinition>? inheritedTaxonomy = null)
    {
        var problems = new List<PackProblem>();
        void Add(string path, string message) => problems.Add(new PackProblem(path, message));

        if (!IsIdShape(pack.Name)) Add("$.name", "pack name `" + pack.Name + "` must start with a letter or digit and use only letters, digits, `.`, `_` and `-`");
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
            if (!IsIdShape(rule.Id)) Add(path + ".id", "rule id `" + rule.Id + "` must start with a letter or digit and use only letters, digits, `.`, `_` and `-`");
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
        => rule.Accept(new RuleProblems(path, tags, add));

    private static void CheckRoles(IReadOnlyList<string> roles, string path, Action<string, string> add)
    {
        for (var i = 0; i < roles.Count; i++)
        {
            if (SnowflakeIdentifier.Problem(roles[i]) is { } p) add(path + "[" + Index(i) + "]", p);
        }
    }

    /// <summary>The problems of one rule, at its JSON path; tags checked against the taxonomy when one is given.</summary>
    private sealed class RuleProblems : IRuleVisitor<bool>, IRowFilterVisitor<bool>, INamingConstraintVisitor<bool>, IMaskingStrategyVisitor<bool>
    {
        private readonly string _path;
        private readonly Dictionary<string, TagDefinition>? _tags;
        private readonly Action<string, string> _add;

        public RuleProblems(string path, Dictionary<string, TagDefinition>? tags, Action<string, string> add)
        {
            _path = path;
            _tags = tags;
            _add = add;
        }

        private void Selector(Selector selector, string path) => selector.Accept(new SelectorProblems(path, _tags, _add));

        private void Identifier(string path, string value)
        {
            if (SnowflakeIdentifier.Problem(value) is { } p) _add(path, p);
        }

        public bool Visit(MaskingRule rule)
        {
            Selector(rule.Columns, _path + ".columns");
            CheckRoles(rule.RevealTo, _path + ".revealTo", _add);
            rule.Strategy.Accept(this);
            if (rule.Condition is not null) Identifier(_path + ".condition.column", rule.Condition.Column);
            return true;
        }

        public bool Visit(RowAccessRule rule)
        {
            Selector(rule.Datasets, _path + ".datasets");
            CheckRoles(rule.BypassRoles, _path + ".bypassRoles", _add);
            return rule.Filter.Accept(this);
        }

        public bool Visit(TagRequirementRule rule)
        {
            Selector(rule.When, _path + ".requirement.when");
            if (_tags is not null && !_tags.ContainsKey(rule.Tag)) _add(_path + ".requirement.tag", "tag `" + rule.Tag + "` is not declared in the taxonomy");
            return true;
        }

        public bool Visit(TaxonomyRule rule) => true;

        public bool Visit(ProductMetadataRule rule)
        {
            Selector(rule.When, _path + ".requirement.when");
            return true;
        }

        public bool Visit(NamingRule rule)
        {
            Selector(rule.When, _path + ".when");
            return rule.Constraint.Accept(this);
        }

        // Filters: every identifier a filter names.
        public bool Visit(EntitlementFilter filter)
        {
            foreach (var (name, value) in new[] { ("column", filter.Column), ("database", filter.Database), ("schema", filter.Schema), ("table", filter.Table), ("roleColumn", filter.RoleColumn), ("valueColumn", filter.ValueColumn) })
                Identifier(_path + ".filter." + name, value);
            return true;
        }

        public bool Visit(PredicateFilter filter)
        {
            Identifier(_path + ".filter.column", filter.Column);
            return true;
        }

        // Naming constraints.
        public bool Visit(CaseConstraint constraint) => true;

        public bool Visit(PatternConstraint constraint)
        {
            if (Patterns.Problem(constraint.Pattern) is { } rp) _add(_path + ".constraint.pattern", rp);
            return true;
        }

        public bool Visit(AffixConstraint constraint)
        {
            foreach (var t in constraint.Templates)
            {
                if (t.Length == 0) _add(_path + ".constraint.values", "an empty " + constraint.Name + " was given");
            }
            return true;
        }

        public bool Visit(MaxLengthConstraint constraint) => true;
        public bool Visit(NotReservedConstraint constraint) => true;

        // Strategies: what their constructors cannot check.
        public bool Visit(RedactStrategy strategy) => true;

        public bool Visit(KeepLastStrategy strategy)
        {
            if (strategy.MaskCharacter.Length != 1) _add(_path + ".strategy.maskCharacter", "the mask character must be exactly one character");
            return true;
        }

        public bool Visit(HashStrategy strategy) => true;
        public bool Visit(NullifyStrategy strategy) => true;
        public bool Visit(EmailDomainStrategy strategy) => true;
        public bool Visit(TruncateDateStrategy strategy) => true;
        public bool Visit(ConstantStrategy strategy) => true;

        public bool Visit(CustomStrategy strategy)
        {
            string? firstError = null;
            foreach (var family in Names.Families)
            {
                if (MaskFunctions.TypeOf(strategy.Expression, family, out var error) == family) return true;
                firstError ??= error;
            }
            _add(_path + ".strategy.expression", firstError ?? "the expression cannot return the type of the value it masks, whatever that type is");
            return true;
        }
    }

    /// <summary>The problems of one selector and its parts, at its JSON path.</summary>
    private sealed class SelectorProblems : ISelectorVisitor<bool>
    {
        private readonly string _path;
        private readonly Dictionary<string, TagDefinition>? _tags;
        private readonly Action<string, string> _add;

        public SelectorProblems(string path, Dictionary<string, TagDefinition>? tags, Action<string, string> add)
        {
            _path = path;
            _tags = tags;
            _add = add;
        }

        private bool Part(Selector part, string path) => part.Accept(new SelectorProblems(path, _tags, _add));

        public bool Visit(AlwaysSelector selector) => true;

        public bool Visit(TagSelector selector)
        {
            if (_tags is null) return true;
            if (!_tags.TryGetValue(selector.Tag, out var def)) _add(_path + ".tag", "tag `" + selector.Tag + "` is not declared in the taxonomy");
            else if (selector.Values is not null)
            {
                foreach (var v in selector.Values)
                {
                    if (!def.Allows(v)) _add(_path + ".values", "`" + v + "` is not an allowed value of tag `" + selector.Tag + "`");
                }
            }
            return true;
        }

        public bool Visit(NameSelector selector) => Pattern(selector.Pattern);
        public bool Visit(TypeSelector selector) => true;
        public bool Visit(KindSelector selector) => true;
        public bool Visit(DomainSelector selector) => true;
        public bool Visit(ProductSelector selector)
        {
            for (var i = 0; i < selector.Products.Count; i++)
            {
                if (MeshIdentity.ProductProblem(selector.Products[i]) is { } problem) _add(_path + ".products[" + Index(i) + "]", problem);
            }
            return true;
        }

        public bool Visit(HasColumnSelector selector) => Pattern(selector.Pattern);

        private bool Pattern(string pattern)
        {
            if (Patterns.Problem(pattern) is { } p) _add(_path + ".pattern", p);
            return true;
        }

        public bool Visit(AllSelector selector) => Parts(selector.Parts);
        public bool Visit(AnySelector selector) => Parts(selector.Parts);

        private bool Parts(IReadOnlyList<Selector> parts)
        {
            for (var i = 0; i < parts.Count; i++) Part(parts[i], _path + ".of[" + Index(i) + "]");
            if (parts.Count == 0) _add(_path + ".of", "at least one selector was expected");
            return true;
        }

        public bool Visit(NotSelector selector) => Part(selector.Inner, _path + ".selector");
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
        if (global is null) throw new ArgumentNullException(nameof(global));
        if (domain is null) throw new ArgumentNullException(nameof(domain));
        if (global.GetType() != domain.GetType()) return "it is a " + Describe(domain) + " rule, the global rule is a " + Describe(global) + " rule";
        if (domain.Severity < global.Severity) return "its severity " + Names.Of(domain.Severity) + " is lower than " + Names.Of(global.Severity);
        return global.Accept(new RuleWeakening(domain));
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

    private static string Describe(Rule rule) => rule.Accept(KindDescription.Instance);

    /// <summary>What a rule kind is called in a message.</summary>
    private sealed class KindDescription : IRuleVisitor<string>
    {
        public static readonly KindDescription Instance = new KindDescription();
        public string Visit(MaskingRule rule) => "masking";
        public string Visit(RowAccessRule rule) => "row access";
        public string Visit(TagRequirementRule rule) => "tag requirement";
        public string Visit(TaxonomyRule rule) => "taxonomy";
        public string Visit(ProductMetadataRule rule) => "product metadata";
        public string Visit(NamingRule rule) => "naming";
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var x in list)
        {
            if (string.Equals(x, value, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Why the domain rule (of the same type as the visited global rule) weakens it, or null.</summary>
    private sealed class RuleWeakening : IRuleVisitor<string?>
    {
        private readonly Rule _domain;
        public RuleWeakening(Rule domain) => _domain = domain;

        public string? Visit(MaskingRule g)
        {
            var d = (MaskingRule)_domain;
            if (g.Columns != d.Columns) return "it selects other columns than the global rule";
            if (g.Strategy.Accept(new StrategyWeakening(d.Strategy)) is { } why) return why;
            foreach (var role in d.RevealTo)
            {
                if (!Contains(g.RevealTo, role)) return "it reveals to `" + role + "`, which the global rule does not";
            }
            if (g.Condition is not null && d.Condition != g.Condition)
                return "it drops or changes the global rule's condition on `" + g.Condition.Column + "`";
            return null;
        }

        public string? Visit(RowAccessRule g)
        {
            var d = (RowAccessRule)_domain;
            if (g.Datasets != d.Datasets) return "it selects other datasets than the global rule";
            if (g.Filter != d.Filter) return "it changes the global rule's row filter";
            foreach (var role in d.BypassRoles)
            {
                if (!Contains(g.BypassRoles, role)) return "it lets `" + role + "` bypass row access, which the global rule does not";
            }
            return null;
        }

        public string? Visit(TagRequirementRule g)
        {
            var d = (TagRequirementRule)_domain;
            if (g.Level != d.Level || g.Tag != d.Tag) return "it requires another tag or level than the global rule";
            return g.When == d.When ? null : "it applies to other subjects than the global rule";
        }

        public string? Visit(TaxonomyRule g)
        {
            var d = (TaxonomyRule)_domain;
            if (g.UnknownTagSeverity is not { } gu) return null;
            if (d.UnknownTagSeverity is not { } du) return "it accepts unknown tags, which the global rule rejects";
            return du < gu ? "it reports unknown tags as " + Names.Of(du) + ", lower than " + Names.Of(gu) : null;
        }

        public string? Visit(ProductMetadataRule g)
        {
            var d = (ProductMetadataRule)_domain;
            if (g.Field != d.Field) return "it requires another field than the global rule";
            return g.When == d.When ? null : "it applies to other products than the global rule";
        }

        public string? Visit(NamingRule g)
        {
            var d = (NamingRule)_domain;
            if (g.Level != d.Level) return "it checks another level than the global rule";
            if (g.When != d.When) return "it applies to other names than the global rule";
            if (g.Constraint.GetType() != d.Constraint.GetType()) return "it replaces a " + g.Constraint.Name + " constraint with a " + d.Constraint.Name + " constraint";
            return g.Constraint.Accept(new ConstraintWeakening(d.Constraint));
        }
    }

    /// <summary>Why the domain constraint (of the same type as the visited global one) weakens it, or null.</summary>
    private sealed class ConstraintWeakening : INamingConstraintVisitor<string?>
    {
        private readonly NamingConstraint _domain;
        public ConstraintWeakening(NamingConstraint domain) => _domain = domain;

        public string? Visit(CaseConstraint g) => g.Style == ((CaseConstraint)_domain).Style ? null : "it changes the case style";

        // Both apply: the evaluator checks the global pattern too (see PackSet).
        public string? Visit(PatternConstraint g) => null;

        public string? Visit(AffixConstraint g)
        {
            var d = (AffixConstraint)_domain;
            if (g.IsPrefix != d.IsPrefix) return "it changes a prefix rule into a suffix rule";
            foreach (var t in d.Templates)
            {
                var extends = false;
                foreach (var gt in g.Templates)
                {
                    if (g.IsPrefix ? t.StartsWith(gt, StringComparison.Ordinal) : t.EndsWith(gt, StringComparison.Ordinal)) { extends = true; break; }
                }
                if (!extends) return "its " + g.Name + " `" + t + "` does not extend any of the global rule's";
            }
            return null;
        }

        public string? Visit(MaxLengthConstraint g)
        {
            var d = (MaxLengthConstraint)_domain;
            return d.Max <= g.Max ? null : "its maximum length " + d.Max.ToString(CultureInfo.InvariantCulture) + " is longer than " + g.Max.ToString(CultureInfo.InvariantCulture);
        }

        // Identical by construction.
        public string? Visit(NotReservedConstraint g) => null;
    }

    /// <summary>
    /// Why the domain strategy reveals more than the visited global one, or null. What each strategy does to each type
    /// is compared first (one that cannot return a type nullifies it); then, at an equal rank, what the parameters of
    /// two strategies of the same type leave visible.
    /// </summary>
    private sealed class StrategyWeakening : IMaskingStrategyVisitor<string?>
    {
        private readonly MaskingStrategy _domain;
        public StrategyWeakening(MaskingStrategy domain) => _domain = domain;

        private string? ByType(MaskingStrategy g)
        {
            var d = _domain;
            foreach (var family in Names.Families)
            {
                var gr = g.Supports(family) ? g.Rank : 0;
                var dr = d.Supports(family) ? d.Rank : 0;
                if (dr > gr) return "its strategy `" + d.Describe() + "` reveals more of " + Names.Of(family) + " columns than `" + g.Describe() + "`";
            }
            return null;
        }

        /// <summary>The rank decides, but a custom expression on either side cannot be compared at an equal rank.</summary>
        private string? ByRank(MaskingStrategy g)
        {
            if (ByType(g) is { } why) return why;
            if (_domain.Rank < g.Rank) return null;
            return _domain.Rank == g.Rank && _domain is CustomStrategy ? "it swaps strategies whose strictness cannot be compared" : null;
        }

        public string? Visit(RedactStrategy g) => ByRank(g);
        public string? Visit(HashStrategy g) => ByRank(g);
        public string? Visit(NullifyStrategy g) => ByRank(g);
        public string? Visit(EmailDomainStrategy g) => ByRank(g);
        public string? Visit(ConstantStrategy g) => ByRank(g);

        public string? Visit(KeepLastStrategy g)
        {
            if (ByType(g) is { } why) return why;
            if (_domain.Rank < g.Rank || _domain is not KeepLastStrategy d) return ByRank(g);
            return d.Count <= g.Count ? null : "it keeps " + d.Count.ToString(CultureInfo.InvariantCulture) + " characters, the global rule " + g.Count.ToString(CultureInfo.InvariantCulture);
        }

        public string? Visit(TruncateDateStrategy g)
        {
            if (ByType(g) is { } why) return why;
            if (_domain.Rank < g.Rank || _domain is not TruncateDateStrategy d) return ByRank(g);
            return d.Unit <= g.Unit ? null : "it truncates to " + d.Unit + ", finer than " + g.Unit;
        }

        public string? Visit(CustomStrategy g)
        {
            if (ByType(g) is { } why) return why;
            if (_domain.Rank < g.Rank) return null;
            if (_domain is CustomStrategy d) return d == g ? null : "it replaces a custom expression, whose strictness cannot be compared";
            return _domain.Rank == g.Rank ? "it swaps strategies whose strictness cannot be compared" : null;
        }
    }
}
