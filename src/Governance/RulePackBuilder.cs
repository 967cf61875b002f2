using Governance.Rules;
using Governance.Snapshots;

namespace Governance;

/// <summary>
/// A governance board's rule pack, defined in C#. <c>governance pack assembly.dll</c> finds every non-abstract
/// subclass with a parameterless constructor and writes its manifest.
/// </summary>
public abstract class RulePackDefinition
{
    /// <summary>Builds the pack, typically with <see cref="RulePackBuilder"/>.</summary>
    public abstract RulePack Build();
}

/// <summary>
/// Builds a <see cref="RulePack"/>: the taxonomy and the rules, each configured by a lambda that sets data (selectors,
/// strategies, roles) — never a predicate. <see cref="Build"/> validates the pack.
/// </summary>
/// <example>
/// <code>
/// var pack = RulePackBuilder.Global("acme-global", "1.0.0", "Acme Data Governance Board")
///     .Tag("PII", "Kind of personal data", "email", "phone", "ssn")
///     .Masking("mask.email", "Mask e-mail addresses", r =&gt; r
///         .Columns(Select.Tag("PII", "email"))
///         .With(Mask.EmailDomain)
///         .RevealTo("PII_READER"))
///     .Build();
/// </code>
/// </example>
public sealed class RulePackBuilder
{
    private readonly string _name;
    private readonly string _version;
    private readonly PackScope _scope;
    private readonly string _publisher;
    private string _description = "";
    private readonly List<TagDefinition> _taxonomy = new();
    private readonly List<Rule> _rules = new();
    private bool _taxonomyNotEnforced;

    private RulePackBuilder(string name, string version, PackScope scope, string publisher)
    {
        _name = name ?? throw new ArgumentNullException(nameof(name));
        _version = version ?? throw new ArgumentNullException(nameof(version));
        _scope = scope;
        _publisher = publisher ?? throw new ArgumentNullException(nameof(publisher));
    }

    /// <summary>A pack of the governance board that applies to every domain.</summary>
    public static RulePackBuilder Global(string name, string version, string publisher) => new(name, version, PackScope.Global, publisher);

    /// <summary>A domain's pack: it applies to <paramref name="domain"/> only, may add rules and tighten global ones.</summary>
    /// <exception cref="ArgumentException"><paramref name="domain"/> is empty.</exception>
    public static RulePackBuilder ForDomain(string domain, string name, string version, string publisher) => new(name, version, PackScope.ForDomain(domain), publisher);

    /// <summary>Free text describing the pack; null clears it.</summary>
    public RulePackBuilder Description(string description)
    {
        _description = description ?? "";
        return this;
    }

    /// <summary>
    /// Declares a tag of the taxonomy with its allowed values, in order (none: any value). A pack that declares a taxonomy
    /// enforces it: unless it has its own <see cref="EnforceTaxonomy"/> rule or says <see cref="DoNotEnforceTaxonomy"/>,
    /// <see cref="Build"/> adds the rule <c>taxonomy</c> — a value the taxonomy does not allow is an error (GOV3002), a tag
    /// no taxonomy declares a warning (GOV3003).
    /// </summary>
    public RulePackBuilder Tag(string name, string description, params string[] allowedValues)
    {
        _taxonomy.Add(new TagDefinition(name, allowedValues, description));
        return this;
    }

    /// <summary>Adds a masking rule (severity error unless set).</summary>
    /// <param name="id">The rule's ID, unique within the pack.</param>
    /// <param name="title">A one-line title, shown with every finding.</param>
    /// <param name="configure">Sets the rule's data.</param>
    /// <exception cref="InvalidOperationException">The rule lacks something it needs (raised here, not by <see cref="Build"/>).</exception>
    public RulePackBuilder Masking(string id, string title, Action<MaskingRuleBuilder> configure)
        => Add(new MaskingRuleBuilder(id, title), configure);

    /// <summary>Adds a row access rule (severity error unless set).</summary>
    /// <param name="id">The rule's ID, unique within the pack.</param>
    /// <param name="title">A one-line title, shown with every finding.</param>
    /// <param name="configure">Sets the rule's data.</param>
    /// <exception cref="InvalidOperationException">The rule lacks something it needs (raised here, not by <see cref="Build"/>).</exception>
    public RulePackBuilder RowAccess(string id, string title, Action<RowAccessRuleBuilder> configure)
        => Add(new RowAccessRuleBuilder(id, title), configure);

    /// <summary>Requires a tag on products, datasets or columns (optionally only on those a selector picks); severity error unless set.</summary>
    /// <param name="id">The rule's ID, unique within the pack.</param>
    /// <param name="title">A one-line title, shown with every finding.</param>
    /// <param name="configure">Sets the rule's data.</param>
    /// <exception cref="InvalidOperationException">The rule lacks something it needs (raised here, not by <see cref="Build"/>).</exception>
    public RulePackBuilder RequireTag(string id, string title, Action<TagRequirementBuilder> configure)
        => Add(new TagRequirementBuilder(id, title), configure);

    /// <summary>
    /// Requires every tag value to be allowed by the taxonomy (an error unless the rule says otherwise) and reports tags
    /// that no taxonomy declares (a warning unless the rule says <see cref="TaxonomyRuleBuilder.RejectUnknownTags"/> or
    /// <see cref="TaxonomyRuleBuilder.AllowUnknownTags"/>). It replaces the default <c>taxonomy</c> rule.
    /// </summary>
    public RulePackBuilder EnforceTaxonomy(string id, string title, Action<TaxonomyRuleBuilder>? configure = null)
        => Add(new TaxonomyRuleBuilder(id, title), configure ?? (_ => { }));

    /// <summary>
    /// Opts out of the default taxonomy rule: the pack's taxonomy only declares tags (for the rules that use them and for
    /// Snowflake's ALLOWED_VALUES), and this pack reports no value outside it — for example a domain pack whose global
    /// pack already enforces the taxonomy.
    /// </summary>
    public RulePackBuilder DoNotEnforceTaxonomy()
    {
        _taxonomyNotEnforced = true;
        return this;
    }

    /// <summary>Requires product metadata (an owner, a version); severity error unless set.</summary>
    /// <param name="id">The rule's ID, unique within the pack.</param>
    /// <param name="title">A one-line title, shown with every finding.</param>
    /// <param name="configure">Sets the rule's data.</param>
    /// <exception cref="InvalidOperationException">The rule lacks something it needs (raised here, not by <see cref="Build"/>).</exception>
    public RulePackBuilder RequireMetadata(string id, string title, Action<ProductMetadataBuilder> configure)
        => Add(new ProductMetadataBuilder(id, title), configure);

    /// <summary>Adds a naming rule (severity warning unless set); one constraint per rule.</summary>
    /// <param name="id">The rule's ID, unique within the pack.</param>
    /// <param name="title">A one-line title, shown with every finding.</param>
    /// <param name="configure">Sets the rule's data.</param>
    /// <exception cref="InvalidOperationException">The rule lacks something it needs (raised here, not by <see cref="Build"/>).</exception>
    public RulePackBuilder Naming(string id, string title, Action<NamingRuleBuilder> configure)
        => Add(new NamingRuleBuilder(id, title), configure);

    private RulePackBuilder Add<TBuilder>(TBuilder builder, Action<TBuilder> configure) where TBuilder : RuleBuilder
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(builder);
        _rules.Add(builder.Build());
        return this;
    }

    /// <summary>
    /// The pack, with the default <c>taxonomy</c> rule added when it applies.
    /// </summary>
    /// <exception cref="InvalidOperationException">The pack is invalid; the message lists every problem (duplicate IDs,
    /// invalid regexes, tags not in the taxonomy, an invalid version…), or the pack both enforces its taxonomy and opts out.</exception>
    public RulePack Build()
    {
        var rules = new List<Rule>(_rules);
        var enforced = rules.Any(r => r is TaxonomyRule);
        if (enforced && _taxonomyNotEnforced)
            throw new InvalidOperationException("rule pack `" + _name + "` both enforces its taxonomy (`EnforceTaxonomy`) and opts out of it (`DoNotEnforceTaxonomy`); keep one");
        if (!enforced && !_taxonomyNotEnforced && _taxonomy.Count > 0)
        {
            if (rules.Any(r => r.Id == TaxonomyRule.DefaultId))
                throw new InvalidOperationException("rule pack `" + _name + "` declares a taxonomy, which adds the rule `" + TaxonomyRule.DefaultId
                    + "`, but one of its rules already has that ID; enforce the taxonomy under another ID with `EnforceTaxonomy(…)`, or opt out with `DoNotEnforceTaxonomy()`");
            rules.Add(DefaultTaxonomyRule());
        }
        var pack = new RulePack(_name, _version, _scope, _publisher, _taxonomy, rules, _description);
        var problems = PackValidation.Problems(pack);
        if (problems.Count > 0)
            throw new InvalidOperationException("rule pack `" + _name + "` is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)));
        return pack;
    }

    /// <summary>The rule a pack that declares a taxonomy gets unless it enforces or opts out itself.</summary>
    private static TaxonomyRule DefaultTaxonomyRule() => new(TaxonomyRule.DefaultId, Severity.Error, "Tags use the taxonomy's names and values",
        "Added because the pack declares a taxonomy: Snowflake refuses a tag value outside ALLOWED_VALUES, and a misspelt value or tag would leave a column out of the rules that select it.",
        Severity.Warning);
}

/// <summary>What every rule builder has: severity, rationale and what it tightens.</summary>
public abstract class RuleBuilder
{
    private protected RuleBuilder(string id, string title, Severity severity)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Title = title ?? throw new ArgumentNullException(nameof(title));
        SeverityValue = severity;
    }

    private protected string Id { get; }
    private protected string Title { get; }
    private protected Severity SeverityValue { get; private set; }
    private protected string Rationale { get; private set; } = "";
    private protected string? TightensRef { get; private set; }

    internal abstract Rule Build();

    private protected void SetSeverity(Severity severity) => SeverityValue = severity;
    private protected void SetRationale(string rationale) => Rationale = rationale ?? "";
    private protected void SetTightens(string reference) => TightensRef = reference ?? throw new ArgumentNullException(nameof(reference));

    private protected static T Required<T>(T? value, string what, string id) where T : class
        => value ?? throw new InvalidOperationException("rule `" + id + "` needs " + what);
}

/// <summary>The fluent verbs every rule shares, typed so that chaining keeps the concrete builder.</summary>
public abstract class RuleBuilder<TSelf> : RuleBuilder where TSelf : RuleBuilder<TSelf>
{
    private protected RuleBuilder(string id, string title, Severity severity) : base(id, title, severity) { }

    /// <summary>The severity of the rule's findings.</summary>
    public TSelf Severity(Severity severity) { SetSeverity(severity); return (TSelf)this; }
    /// <summary>Findings are errors.</summary>
    public TSelf AsError() => Severity(Governance.Severity.Error);
    /// <summary>Findings are warnings.</summary>
    public TSelf AsWarning() => Severity(Governance.Severity.Warning);
    /// <summary>Findings are notes.</summary>
    public TSelf AsNote() => Severity(Governance.Severity.Note);
    /// <summary>Why the rule exists (shown in docs, SARIF and the IDE).</summary>
    public TSelf Because(string rationale) { SetRationale(rationale); return (TSelf)this; }
    /// <summary>In a domain pack: tightens the global rule <c>pack/ruleId</c>, replacing it in this domain.</summary>
    public TSelf Tightens(string globalRule) { SetTightens(globalRule); return (TSelf)this; }
}

/// <summary>Configures a masking rule: which columns (<see cref="Columns"/>, required), how (<see cref="With"/>, required) and who sees clear values.</summary>
public sealed class MaskingRuleBuilder : RuleBuilder<MaskingRuleBuilder>
{
    private Selector? _columns;
    private MaskingStrategy? _strategy;
    private readonly List<string> _reveal = new();
    private MaskingCondition? _condition;

    internal MaskingRuleBuilder(string id, string title) : base(id, title, Governance.Severity.Error) { }

    /// <summary>The columns to mask (required).</summary>
    public MaskingRuleBuilder Columns(Selector columns) { _columns = columns; return this; }
    /// <summary>How values are masked (required): one of <see cref="Mask"/>.</summary>
    public MaskingRuleBuilder With(MaskingStrategy strategy) { _strategy = strategy; return this; }
    /// <summary>Roles that see clear values (their grantees too: the role hierarchy counts).</summary>
    public MaskingRuleBuilder RevealTo(params string[] roles) { _reveal.AddRange(roles); return this; }
    /// <summary>Clear values only in rows where the BOOLEAN column <paramref name="column"/> is TRUE (for example a consent flag).</summary>
    public MaskingRuleBuilder OnlyWhen(string column) => OnlyWhen(column, true);
    /// <summary>Clear values only in rows where the BOOLEAN column <paramref name="column"/> equals <paramref name="value"/>.</summary>
    public MaskingRuleBuilder OnlyWhen(string column, bool value) { _condition = new MaskingCondition(column, Literal.Boolean(value)); return this; }
    /// <summary>Clear values only in rows where <paramref name="column"/> equals <paramref name="value"/>.</summary>
    public MaskingRuleBuilder OnlyWhen(string column, string value) { _condition = new MaskingCondition(column, Literal.String(value)); return this; }

    internal override Rule Build() => new MaskingRule(Id, SeverityValue, Title, Rationale, Required(_columns, "`Columns(…)`", Id),
        Required(_strategy, "a strategy: `With(Mask.…)`", Id), _reveal, _condition, TightensRef);
}

/// <summary>Configures a row access rule: which datasets (<see cref="Datasets"/>, required), a filter (required) and bypass roles.</summary>
public sealed class RowAccessRuleBuilder : RuleBuilder<RowAccessRuleBuilder>
{
    private Selector? _datasets;
    private RowFilter? _filter;
    private readonly List<string> _bypass = new();

    internal RowAccessRuleBuilder(string id, string title) : base(id, title, Governance.Severity.Error) { }

    /// <summary>The datasets that get the filter (required).</summary>
    public RowAccessRuleBuilder Datasets(Selector datasets) { _datasets = datasets; return this; }

    /// <summary>
    /// Rows are visible when the mapping table <c>database.schema.table</c> grants one of the session's roles
    /// (<paramref name="roleColumn"/>) the row's value of <paramref name="column"/> (<paramref name="valueColumn"/>).
    /// </summary>
    public RowAccessRuleBuilder Entitlements(string column, string database, string schema, string table, string roleColumn, string valueColumn)
    {
        _filter = new EntitlementFilter(column, database, schema, table, roleColumn, valueColumn);
        return this;
    }

    /// <summary>Every session sees the rows where <c>column op value</c> holds.</summary>
    public RowAccessRuleBuilder Where(string column, ComparisonOperator op, string value) { _filter = new PredicateFilter(column, op, Literal.String(value)); return this; }
    /// <summary>Every session sees the rows where <c>column op value</c> holds, for a numeric column.</summary>
    public RowAccessRuleBuilder Where(string column, ComparisonOperator op, decimal value) { _filter = new PredicateFilter(column, op, Literal.Number(value)); return this; }
    /// <summary>Every session sees the rows where <c>column op value</c> holds, for a boolean column.</summary>
    public RowAccessRuleBuilder Where(string column, ComparisonOperator op, bool value) { _filter = new PredicateFilter(column, op, Literal.Boolean(value)); return this; }

    /// <summary>Roles that see every row.</summary>
    public RowAccessRuleBuilder Bypass(params string[] roles) { _bypass.AddRange(roles); return this; }

    internal override Rule Build() => new RowAccessRule(Id, SeverityValue, Title, Rationale, Required(_datasets, "`Datasets(…)`", Id),
        Required(_filter, "a filter: `Entitlements(…)` or `Where(…)`", Id), _bypass, TightensRef);
}

/// <summary>Configures a tag requirement: the tag (<see cref="Tag"/>, required) and where it is required (columns unless said otherwise).</summary>
public sealed class TagRequirementBuilder : RuleBuilder<TagRequirementBuilder>
{
    private TargetLevel _level = TargetLevel.Column;
    private Selector _when = Selector.Always;
    private string? _tag;

    internal TagRequirementBuilder(string id, string title) : base(id, title, Governance.Severity.Error) { }

    /// <summary>The tag is required on products (those <paramref name="when"/> picks; null: all).</summary>
    public TagRequirementBuilder OnProducts(Selector? when = null) => On(TargetLevel.Product, when);
    /// <summary>The tag is required on datasets (those <paramref name="when"/> picks; null: all).</summary>
    public TagRequirementBuilder OnDatasets(Selector? when = null) => On(TargetLevel.Dataset, when);
    /// <summary>The tag is required on columns (those <paramref name="when"/> picks; null: all). The default.</summary>
    public TagRequirementBuilder OnColumns(Selector? when = null) => On(TargetLevel.Column, when);
    /// <summary>The tag that must be set (required); a value inherited from the dataset or product counts.</summary>
    public TagRequirementBuilder Tag(string tag) { _tag = tag; return this; }

    private TagRequirementBuilder On(TargetLevel level, Selector? when) { _level = level; _when = when ?? Selector.Always; return this; }

    internal override Rule Build() => new TagRequirementRule(Id, SeverityValue, Title, Rationale, _level, Required(_tag, "`Tag(…)`", Id), _when, TightensRef);
}

/// <summary>
/// A taxonomy rule: a tag value the taxonomy does not allow is a finding at the rule's severity (error by default); a tag
/// no taxonomy declares is a warning, unless <see cref="RejectUnknownTags"/> makes it one at the rule's severity or
/// <see cref="AllowUnknownTags"/> accepts it.
/// </summary>
public sealed class TaxonomyRuleBuilder : RuleBuilder<TaxonomyRuleBuilder>
{
    private enum Unknown { Warning, AtRuleSeverity, Allowed }

    private Unknown _unknown = Unknown.Warning;

    internal TaxonomyRuleBuilder(string id, string title) : base(id, title, Governance.Severity.Error) { }

    /// <summary>A tag that no taxonomy declares is a finding at the rule's severity, not only a warning.</summary>
    public TaxonomyRuleBuilder RejectUnknownTags() { _unknown = Unknown.AtRuleSeverity; return this; }

    /// <summary>Tags that no taxonomy declares are accepted without a finding (only declared tags' values are checked).</summary>
    public TaxonomyRuleBuilder AllowUnknownTags() { _unknown = Unknown.Allowed; return this; }

    internal override Rule Build() => new TaxonomyRule(Id, SeverityValue, Title, Rationale,
        _unknown switch { Unknown.AtRuleSeverity => SeverityValue, Unknown.Allowed => null, _ => Governance.Severity.Warning }, TightensRef);
}

/// <summary>Configures a product metadata requirement: the field (<see cref="Owner"/> or <see cref="Version"/>, required) and which products.</summary>
public sealed class ProductMetadataBuilder : RuleBuilder<ProductMetadataBuilder>
{
    private ProductField? _field;
    private Selector _when = Selector.Always;

    internal ProductMetadataBuilder(string id, string title) : base(id, title, Governance.Severity.Error) { }

    /// <summary>Products must declare an owner.</summary>
    public ProductMetadataBuilder Owner() { _field = ProductField.Owner; return this; }
    /// <summary>Products must declare a version.</summary>
    public ProductMetadataBuilder Version() { _field = ProductField.Version; return this; }
    /// <summary>Only the products <paramref name="products"/> picks (default: all).</summary>
    public ProductMetadataBuilder For(Selector products) { _when = products; return this; }

    internal override Rule Build() => new ProductMetadataRule(Id, SeverityValue, Title, Rationale,
        _field ?? throw new InvalidOperationException("rule `" + Id + "` needs a field: `Owner()` or `Version()`"), _when, TightensRef);
}

/// <summary>Configures a naming rule: which names (columns unless said otherwise) and one constraint (required).</summary>
public sealed class NamingRuleBuilder : RuleBuilder<NamingRuleBuilder>
{
    private TargetLevel _level = TargetLevel.Column;
    private Selector _when = Selector.Always;
    private NamingConstraint? _constraint;

    internal NamingRuleBuilder(string id, string title) : base(id, title, Governance.Severity.Warning) { }

    /// <summary>Checks product names (those <paramref name="when"/> picks; null: all).</summary>
    public NamingRuleBuilder Products(Selector? when = null) => On(TargetLevel.Product, when);
    /// <summary>Checks dataset names (those <paramref name="when"/> picks; null: all).</summary>
    public NamingRuleBuilder Datasets(Selector? when = null) => On(TargetLevel.Dataset, when);
    /// <summary>Checks column names (those <paramref name="when"/> picks; null: all). The default.</summary>
    public NamingRuleBuilder Columns(Selector? when = null) => On(TargetLevel.Column, when);

    /// <summary>Names must be written in <paramref name="style"/>.</summary>
    /// <exception cref="InvalidOperationException">The rule already has a constraint.</exception>
    public NamingRuleBuilder Case(CaseStyle style) => Set(new CaseConstraint(style));
    /// <summary>Names must be written in <c>UPPER_SNAKE</c>.</summary>
    /// <exception cref="InvalidOperationException">The rule already has a constraint.</exception>
    public NamingRuleBuilder UpperSnakeCase() => Case(CaseStyle.UpperSnake);
    /// <summary>The whole name must match the regular expression.</summary>
    public NamingRuleBuilder Matches(string pattern) => Set(new PatternConstraint(pattern));
    /// <summary>One of the prefixes; <c>{domain}</c>, <c>{DOMAIN}</c>, <c>{product}</c>, <c>{PRODUCT}</c> are filled in.</summary>
    public NamingRuleBuilder StartsWith(params string[] prefixes) => Set(new AffixConstraint(true, prefixes));
    /// <summary>One of the suffixes; placeholders as for <see cref="StartsWith"/>.</summary>
    public NamingRuleBuilder EndsWith(params string[] suffixes) => Set(new AffixConstraint(false, suffixes));
    /// <summary>Names must be at most <paramref name="max"/> characters long (1 to 255).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is not between 1 and 255.</exception>
    /// <exception cref="InvalidOperationException">The rule already has a constraint.</exception>
    public NamingRuleBuilder MaxLength(int max) => Set(new MaxLengthConstraint(max));
    /// <summary>Names must not be Snowflake reserved words.</summary>
    /// <exception cref="InvalidOperationException">The rule already has a constraint.</exception>
    public NamingRuleBuilder NotReservedWord() => Set(NotReservedConstraint.Instance);

    private NamingRuleBuilder On(TargetLevel level, Selector? when) { _level = level; _when = when ?? Selector.Always; return this; }

    private NamingRuleBuilder Set(NamingConstraint constraint)
    {
        if (_constraint is not null) throw new InvalidOperationException("rule `" + Id + "` already has a " + _constraint.Name + " constraint; write one rule per constraint");
        _constraint = constraint;
        return this;
    }

    internal override Rule Build() => new NamingRule(Id, SeverityValue, Title, Rationale, _level, _when, Required(_constraint, "a constraint (`Case`, `Matches`, `StartsWith`, …)", Id), TightensRef);
}
