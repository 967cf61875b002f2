using System;
using System.Collections.Generic;
using Governance.Snapshots;

namespace Governance.Rules;

/// <summary>The kind of a rule, as reports group and filter them.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum RuleKind
{
    /// <summary>A <see cref="MaskingRule"/>.</summary>
    Masking,
    /// <summary>A <see cref="RowAccessRule"/>.</summary>
    RowAccess,
    /// <summary>A <see cref="TagRequirementRule"/>, <see cref="TaxonomyRule"/> or <see cref="ProductMetadataRule"/>.</summary>
    Tagging,
    /// <summary>A <see cref="NamingRule"/>.</summary>
    Naming,
}

/// <summary>The level of the mesh a rule looks at.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum TargetLevel
{
    /// <summary>Data products.</summary>
    Product,
    /// <summary>Datasets (tables, views …) of a product.</summary>
    Dataset,
    /// <summary>Columns of a dataset.</summary>
    Column,
}

/// <summary>
/// The names the manifest format and messages give to enum values (<c>error</c>, <c>rowAccess</c>, <c>UPPER_SNAKE</c> …),
/// and their parsing. Each <c>Of</c> throws <see cref="ArgumentOutOfRangeException"/> for a value outside its enum.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class Names
{
    /// <summary><c>note</c>, <c>warning</c> or <c>error</c>.</summary>
    public static string Of(Severity s) => s switch
    {
        Severity.Note => "note", Severity.Warning => "warning", Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "unknown severity"),
    };
    /// <summary><c>masking</c>, <c>rowAccess</c>, <c>tagging</c> or <c>naming</c>.</summary>
    public static string Of(RuleKind k) => k switch
    {
        RuleKind.Masking => "masking", RuleKind.RowAccess => "rowAccess", RuleKind.Tagging => "tagging", RuleKind.Naming => "naming",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "unknown rule kind"),
    };
    /// <summary><c>product</c>, <c>dataset</c> or <c>column</c>.</summary>
    public static string Of(TargetLevel l) => l switch
    {
        TargetLevel.Product => "product", TargetLevel.Dataset => "dataset", TargetLevel.Column => "column",
        _ => throw new ArgumentOutOfRangeException(nameof(l), l, "unknown level"),
    };
    /// <summary>The family in camel case: <c>text</c>, <c>numeric</c>, <c>semiStructured</c> ….</summary>
    public static string Of(DataTypeFamily f) => f switch
    {
        DataTypeFamily.Text => "text", DataTypeFamily.Numeric => "numeric", DataTypeFamily.Boolean => "boolean",
        DataTypeFamily.Date => "date", DataTypeFamily.Time => "time", DataTypeFamily.Timestamp => "timestamp",
        DataTypeFamily.Binary => "binary", DataTypeFamily.SemiStructured => "semiStructured",
        DataTypeFamily.Geospatial => "geospatial", DataTypeFamily.Vector => "vector",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown data type family"),
    };
    /// <summary><c>UPPER_SNAKE</c>, <c>lower_snake</c>, <c>PascalCase</c> or <c>camelCase</c>.</summary>
    public static string Of(CaseStyle c) => c switch
    {
        CaseStyle.UpperSnake => "UPPER_SNAKE", CaseStyle.LowerSnake => "lower_snake", CaseStyle.Pascal => "PascalCase", CaseStyle.Camel => "camelCase",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "unknown case style"),
    };
    /// <summary><c>owner</c> or <c>version</c>.</summary>
    public static string Of(ProductField f) => f switch
    {
        ProductField.Owner => "owner", ProductField.Version => "version",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown product field"),
    };

    /// <summary>The value among <paramref name="values"/> whose <paramref name="name"/> is <paramref name="text"/> (ordinal, case-sensitive); false when none is.</summary>
    /// <example><c>Names.TryParse(text, Names.Of, Names.Severities, out Severity severity)</c></example>
    public static bool TryParse<T>(string text, Func<T, string> name, T[] values, out T value)
    {
        foreach (var v in values)
        {
            if (string.Equals(name(v), text, StringComparison.Ordinal)) { value = v; return true; }
        }
        value = default!;
        return false;
    }

    /// <summary>Every severity, least severe first.</summary>
    public static readonly Severity[] Severities = { Severity.Note, Severity.Warning, Severity.Error };
    /// <summary>Every level, product first.</summary>
    public static readonly TargetLevel[] Levels = { TargetLevel.Product, TargetLevel.Dataset, TargetLevel.Column };
    /// <summary>Every data type family, in declaration order.</summary>
    public static readonly DataTypeFamily[] Families =
    {
        DataTypeFamily.Text, DataTypeFamily.Numeric, DataTypeFamily.Boolean, DataTypeFamily.Date, DataTypeFamily.Time,
        DataTypeFamily.Timestamp, DataTypeFamily.Binary, DataTypeFamily.SemiStructured, DataTypeFamily.Geospatial, DataTypeFamily.Vector,
    };
    /// <summary>Every case style, in declaration order.</summary>
    public static readonly CaseStyle[] CaseStyles = { CaseStyle.UpperSnake, CaseStyle.LowerSnake, CaseStyle.Pascal, CaseStyle.Camel };
}

/// <summary>
/// A rule: a stable ID (unique within its pack), a kind, a severity, a title and a rationale. A domain pack's rule may
/// <see cref="Tightens">tighten</see> a global rule (<c>pack/ruleId</c>); it then replaces that rule for its domain.
/// A record: two rules are equal when every field is, their selectors, strategies and lists included.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract record Rule
{
    /// <summary>Closes the hierarchy: a type outside this assembly cannot override an internal member, so no record
    /// there can derive from this one (its protected copy constructor would otherwise let it).</summary>
    internal abstract void Closed();
    private protected Rule(string id, Severity severity, string title, string rationale, string? tightens)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Severity = severity;
        Title = title ?? throw new ArgumentNullException(nameof(title));
        Rationale = rationale ?? "";
        Tightens = tightens;
    }

    /// <summary>The rule's ID, unique within its pack; findings refer to it as <c>pack/ruleId</c>.</summary>
    public string Id { get; }
    /// <summary>The severity of the rule's findings.</summary>
    public Severity Severity { get; }
    /// <summary>A one-line title, shown with every finding.</summary>
    public string Title { get; }
    /// <summary>Why the rule exists; empty when none was given.</summary>
    public string Rationale { get; }
    /// <summary>The global rule (<c>pack/ruleId</c>) this domain rule tightens, or null.</summary>
    public string? Tightens { get; }
    /// <summary>The kind of rule.</summary>
    public abstract RuleKind Kind { get; }

    /// <summary>Calls the <paramref name="visitor"/>'s method for this rule's type.</summary>
    public abstract TResult Accept<TResult>(IRuleVisitor<TResult> visitor);

    /// <summary>The same for a predicate, without a generic virtual call (three times the cost of this one): the
    /// evaluator asks it of every candidate rule on every column.</summary>
    internal abstract bool Accept(IRuleVisitor<bool> visitor);
}

/// <summary>Columns selected by <see cref="Columns"/> are masked with <see cref="Strategy"/> for every session without
/// one of <see cref="RevealTo"/> (role hierarchy honoured), and, when <see cref="Condition"/> is set, unless it holds.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record MaskingRule : Rule
{
    internal override void Closed() { }
    private readonly ValueList<string> _revealTo;

    /// <summary>A masking rule.</summary>
    /// <param name="id">The rule's ID, unique within its pack.</param>
    /// <param name="severity">The severity of its findings.</param>
    /// <param name="title">A one-line title.</param>
    /// <param name="rationale">Why the rule exists; null is taken as empty.</param>
    /// <param name="columns">The columns to mask.</param>
    /// <param name="strategy">How their values are masked.</param>
    /// <param name="revealTo">The roles that see the values in clear, the roles they are granted to included (stored sorted and distinct).</param>
    /// <param name="condition">When set, a reveal role sees the values in clear only in rows where the condition holds; null: no condition.</param>
    /// <param name="tightens">The global rule (<c>pack/ruleId</c>) this domain rule tightens, or null.</param>
    /// <exception cref="ArgumentNullException">A parameter other than <paramref name="rationale"/>, <paramref name="condition"/> or <paramref name="tightens"/> is null.</exception>
    public MaskingRule(string id, Severity severity, string title, string rationale, Selector columns, MaskingStrategy strategy,
        IEnumerable<string> revealTo, MaskingCondition? condition = null, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
        Strategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        _revealTo = Selector.CanonicalStrings(revealTo ?? throw new ArgumentNullException(nameof(revealTo)));
        Condition = condition;
    }

    /// <summary>The columns the rule masks.</summary>
    public Selector Columns { get; }
    /// <summary>How the values are masked.</summary>
    public MaskingStrategy Strategy { get; }
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> RevealTo => _revealTo;
    /// <summary>When set, a reveal role sees the values in clear only in rows where it holds; null: every row in clear for a reveal role.</summary>
    public MaskingCondition? Condition { get; }
    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.Masking;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IRuleVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRuleVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>Which rows of a dataset a session sees. Default deny: a session that no part of the filter admits sees none.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract record RowFilter
{
    /// <summary>Closes the hierarchy: a type outside this assembly cannot override an internal member, so no record
    /// there can derive from this one (its protected copy constructor would otherwise let it).</summary>
    internal abstract void Closed();
    private protected RowFilter() { }
    /// <summary>The dataset column the filter reads (the row access policy's argument).</summary>
    public abstract string Column { get; }
    /// <summary>The filter's name in the manifest format: <c>entitlement</c> or <c>predicate</c>.</summary>
    public abstract string Name { get; }
    /// <summary>Whether the filter can read a <see cref="Column"/> of <paramref name="family"/> (else it admits no row, GOV2001).</summary>
    public abstract bool Accepts(DataTypeFamily family);
    /// <summary>Calls the <paramref name="visitor"/>'s method for this filter's type.</summary>
    public abstract TResult Accept<TResult>(IRowFilterVisitor<TResult> visitor);
    /// <summary>The same for a predicate, without a generic virtual call over a value type (see <see cref="MaskingStrategy"/>).</summary>
    internal abstract bool Accept(IRowFilterVisitor<bool> visitor);
}

/// <summary>A mapping table: a session sees a row when the table grants one of its roles the row's value of
/// <see cref="Column"/> (<c>EXISTS (SELECT 1 FROM table WHERE IS_ROLE_IN_SESSION(role_column) AND value_column = arg)</c>).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record EntitlementFilter : RowFilter
{
    internal override void Closed() { }
    /// <summary>A filter on a mapping table <c>database.schema.table</c>.</summary>
    /// <param name="column">The dataset column whose value is looked up.</param>
    /// <param name="database">The mapping table's database.</param>
    /// <param name="schema">The mapping table's schema.</param>
    /// <param name="table">The mapping table.</param>
    /// <param name="roleColumn">The mapping table's column of role names.</param>
    /// <param name="valueColumn">The mapping table's column of values a role may see.</param>
    /// <exception cref="ArgumentNullException">A parameter is null.</exception>
    public EntitlementFilter(string column, string database, string schema, string table, string roleColumn, string valueColumn)
    {
        Column = column ?? throw new ArgumentNullException(nameof(column));
        Database = database ?? throw new ArgumentNullException(nameof(database));
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Table = table ?? throw new ArgumentNullException(nameof(table));
        RoleColumn = roleColumn ?? throw new ArgumentNullException(nameof(roleColumn));
        ValueColumn = valueColumn ?? throw new ArgumentNullException(nameof(valueColumn));
    }

    /// <inheritdoc/>
    public override string Column { get; }
    /// <summary>The mapping table's database.</summary>
    public string Database { get; }
    /// <summary>The mapping table's schema.</summary>
    public string Schema { get; }
    /// <summary>The mapping table's name.</summary>
    public string Table { get; }
    /// <summary>The mapping table's column of role names.</summary>
    public string RoleColumn { get; }
    /// <summary>The mapping table's column of values, compared with the dataset's <see cref="Column"/>.</summary>
    public string ValueColumn { get; }
    /// <inheritdoc/>
    public override string Name => "entitlement";
    /// <summary>Any type: the mapping table's value column is compared as it is.</summary>
    public override bool Accepts(DataTypeFamily family) => true;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IRowFilterVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRowFilterVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A fixed predicate: every session sees the rows where <c>Column op Value</c> holds.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record PredicateFilter : RowFilter
{
    internal override void Closed() { }
    /// <summary>A filter that admits the rows where <c>column op value</c> holds.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="column"/> or <paramref name="value"/> is null.</exception>
    public PredicateFilter(string column, ComparisonOperator op, Literal value)
    {
        Column = column ?? throw new ArgumentNullException(nameof(column));
        Operator = op;
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <inheritdoc/>
    public override string Column { get; }
    /// <summary>How the column is compared with <see cref="Value"/>.</summary>
    public ComparisonOperator Operator { get; }
    /// <summary>The value the column is compared with.</summary>
    public Literal Value { get; }
    /// <inheritdoc/>
    public override string Name => "predicate";
    /// <summary>A column whose type the literal fits.</summary>
    public override bool Accepts(DataTypeFamily family) => Value.Fits(family);
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IRowFilterVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRowFilterVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>The SQL symbol of an operator: <c>=</c>, <c>&lt;&gt;</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c> or <c>&gt;=</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="op"/> is not a defined operator.</exception>
    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=", ComparisonOperator.NotEqual => "<>", ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=", ComparisonOperator.Greater => ">", ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "unknown comparison operator"),
    };
}

/// <summary>Datasets selected by <see cref="Datasets"/> get <see cref="Filter"/>; sessions with a
/// <see cref="BypassRoles">bypass role</see> see every row.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record RowAccessRule : Rule
{
    internal override void Closed() { }
    private readonly ValueList<string> _bypassRoles;

    /// <summary>A row access rule.</summary>
    /// <param name="id">The rule's ID, unique within its pack.</param>
    /// <param name="severity">The severity of its findings.</param>
    /// <param name="title">A one-line title.</param>
    /// <param name="rationale">Why the rule exists; null is taken as empty.</param>
    /// <param name="datasets">The datasets that get the filter.</param>
    /// <param name="filter">Which rows a session sees.</param>
    /// <param name="bypassRoles">The roles that see every row (stored sorted and distinct).</param>
    /// <param name="tightens">The global rule (<c>pack/ruleId</c>) this domain rule tightens, or null.</param>
    /// <exception cref="ArgumentNullException">A parameter other than <paramref name="rationale"/> or <paramref name="tightens"/> is null.</exception>
    public RowAccessRule(string id, Severity severity, string title, string rationale, Selector datasets, RowFilter filter,
        IEnumerable<string> bypassRoles, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));
        Filter = filter ?? throw new ArgumentNullException(nameof(filter));
        _bypassRoles = Selector.CanonicalStrings(bypassRoles ?? throw new ArgumentNullException(nameof(bypassRoles)));
    }

    /// <summary>The datasets that get the filter.</summary>
    public Selector Datasets { get; }
    /// <summary>Which rows a session without a bypass role sees.</summary>
    public RowFilter Filter { get; }
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> BypassRoles => _bypassRoles;
    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.RowAccess;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IRuleVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRuleVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>Subjects at <see cref="Level"/> selected by <see cref="When"/> must carry <see cref="Tag"/> (directly or
/// inherited from their dataset or product, as in Snowflake).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record TagRequirementRule : Rule
{
    internal override void Closed() { }
    /// <summary>A tag requirement.</summary>
    /// <param name="id">The rule's ID, unique within its pack.</param>
    /// <param name="severity">The severity of its findings.</param>
    /// <param name="title">A one-line title.</param>
    /// <param name="rationale">Why the rule exists; null is taken as empty.</param>
    /// <param name="level">The level of the subjects that must carry the tag.</param>
    /// <param name="tag">The tag they must carry.</param>
    /// <param name="when">Which subjects at that level the rule applies to.</param>
    /// <param name="tightens">The global rule (<c>pack/ruleId</c>) this domain rule tightens, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/>, <paramref name="title"/>, <paramref name="tag"/> or <paramref name="when"/> is null.</exception>
    public TagRequirementRule(string id, Severity severity, string title, string rationale, TargetLevel level, string tag, Selector when, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Level = level;
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        When = when ?? throw new ArgumentNullException(nameof(when));
    }

    /// <summary>The level of the subjects that must carry the tag.</summary>
    public TargetLevel Level { get; }
    /// <summary>The tag the subjects must carry.</summary>
    public string Tag { get; }
    /// <summary>Which subjects at <see cref="Level"/> the rule applies to.</summary>
    public Selector When { get; }
    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.Tagging;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IRuleVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRuleVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>
/// Every tag value set in the mesh must be one of its taxonomy's allowed values (a finding at <see cref="Rule.Severity"/>);
/// with <see cref="UnknownTagSeverity"/> set, every tag must also be declared in a taxonomy (a finding at that severity).
/// A pack built by <c>RulePackBuilder</c> that declares a taxonomy carries one such rule unless it opts out.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record TaxonomyRule : Rule
{
    internal override void Closed() { }
    /// <summary>The ID of the taxonomy rule a pack gets by default.</summary>
    public const string DefaultId = "taxonomy";

    /// <summary>A taxonomy rule.</summary>
    /// <param name="id">The rule's ID, unique within its pack.</param>
    /// <param name="severity">The severity of a finding for a tag value the taxonomy does not allow.</param>
    /// <param name="title">A one-line title.</param>
    /// <param name="rationale">Why the rule exists; null is taken as empty.</param>
    /// <param name="unknownTags">The severity of a tag that no taxonomy declares; null: such tags are not reported.</param>
    /// <param name="tightens">The global rule (<c>pack/ruleId</c>) this domain rule tightens, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> or <paramref name="title"/> is null.</exception>
    public TaxonomyRule(string id, Severity severity, string title, string rationale, Severity? unknownTags, string? tightens = null)
        : base(id, severity, title, rationale, tightens) => UnknownTagSeverity = unknownTags;

    /// <summary>The severity of a finding for a tag that no taxonomy declares (GOV3003); null when they are allowed.</summary>
    public Severity? UnknownTagSeverity { get; }
    /// <summary>Whether tags that no taxonomy declares are reported.</summary>
    public bool RejectUnknownTags => UnknownTagSeverity is not null;
    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.Tagging;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IRuleVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRuleVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A field of a data product that a <see cref="ProductMetadataRule"/> can require.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum ProductField
{
    /// <summary>The product's owner.</summary>
    Owner,
    /// <summary>The product's version.</summary>
    Version,
}

/// <summary>Products selected by <see cref="When"/> must declare <see cref="Field"/> (non-empty).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record ProductMetadataRule : Rule
{
    internal override void Closed() { }
    /// <summary>A product metadata requirement.</summary>
    /// <param name="id">The rule's ID, unique within its pack.</param>
    /// <param name="severity">The severity of its findings.</param>
    /// <param name="title">A one-line title.</param>
    /// <param name="rationale">Why the rule exists; null is taken as empty.</param>
    /// <param name="field">The field products must declare.</param>
    /// <param name="when">Which products the rule applies to.</param>
    /// <param name="tightens">The global rule (<c>pack/ruleId</c>) this domain rule tightens, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/>, <paramref name="title"/> or <paramref name="when"/> is null.</exception>
    public ProductMetadataRule(string id, Severity severity, string title, string rationale, ProductField field, Selector when, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Field = field;
        When = when ?? throw new ArgumentNullException(nameof(when));
    }

    /// <summary>The field the products must declare.</summary>
    public ProductField Field { get; }
    /// <summary>Which products the rule applies to.</summary>
    public Selector When { get; }
    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.Tagging;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IRuleVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRuleVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A case style a <see cref="CaseConstraint"/> requires; only ASCII letters and digits qualify.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum CaseStyle
{
    /// <summary><c>UPPER_SNAKE</c>: an upper-case letter first, then upper-case letters, digits and single underscores between them.</summary>
    UpperSnake,
    /// <summary><c>lower_snake</c>: a lower-case letter first, then lower-case letters, digits and single underscores between them.</summary>
    LowerSnake,
    /// <summary><c>PascalCase</c>: an upper-case letter first, then letters and digits.</summary>
    Pascal,
    /// <summary><c>camelCase</c>: a lower-case letter first, then letters and digits.</summary>
    Camel,
}

/// <summary>What a naming rule requires of a name.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
abstract record NamingConstraint
{
    /// <summary>Closes the hierarchy: a type outside this assembly cannot override an internal member, so no record
    /// there can derive from this one (its protected copy constructor would otherwise let it).</summary>
    internal abstract void Closed();
    private protected NamingConstraint() { }
    /// <summary>The constraint's name in the manifest format: <c>case</c>, <c>pattern</c>, <c>prefix</c>, <c>suffix</c>, <c>maxLength</c> or <c>notReserved</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Calls the <paramref name="visitor"/>'s method for this constraint's type.</summary>
    public abstract TResult Accept<TResult>(INamingConstraintVisitor<TResult> visitor);

    /// <summary>The same for a predicate, without a generic virtual call: the evaluator checks names of many columns.</summary>
    internal abstract bool Accept(INamingConstraintVisitor<bool> visitor);
}

/// <summary>The name must be written in <see cref="Style"/>.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record CaseConstraint : NamingConstraint
{
    internal override void Closed() { }
    /// <summary>Requires names in <paramref name="style"/>.</summary>
    public CaseConstraint(CaseStyle style) => Style = style;
    /// <summary>The required case style.</summary>
    public CaseStyle Style { get; }
    /// <inheritdoc/>
    public override string Name => "case";
    /// <inheritdoc/>
    public override TResult Accept<TResult>(INamingConstraintVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(INamingConstraintVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>The whole name must match the regular expression.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record PatternConstraint : NamingConstraint
{
    internal override void Closed() { }
    private readonly PatternText _pattern;
    /// <summary>Requires the whole name to match <paramref name="pattern"/>, a .NET regular expression (culture-invariant).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="pattern"/> is null.</exception>
    public PatternConstraint(string pattern)
        => _pattern = new PatternText(pattern ?? throw new ArgumentNullException(nameof(pattern)), Anchored(pattern));
    /// <summary>The pattern as given, unanchored.</summary>
    public string Pattern => _pattern.Text;
    /// <summary>The pattern anchored to the whole name: <c>^(?:pattern)\z</c> (from <see cref="Patterns"/>: one per pattern).</summary>
    public System.Text.RegularExpressions.Regex Regex => _pattern.Regex;
    /// <summary>Whether the whole name matches (see <see cref="PatternText.IsMatch"/>).</summary>
    internal bool IsMatch(string name) => _pattern.IsMatch(name);
    internal void Prepare() => _pattern.Prepare();
    /// <inheritdoc/>
    public override string Name => "pattern";
    /// <inheritdoc/>
    public override TResult Accept<TResult>(INamingConstraintVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(INamingConstraintVisitor<bool> visitor) => visitor.Visit(this);

    /// <summary>A pattern anchored to the whole name.</summary>
    internal static string Anchored(string pattern) => "^(?:" + pattern + @")\z";
}

/// <summary>The name must start (or end) with one of the templates; a template may say <c>{domain}</c>,
/// <c>{DOMAIN}</c>, <c>{product}</c> or <c>{PRODUCT}</c>.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record AffixConstraint : NamingConstraint
{
    internal override void Closed() { }
    private readonly ValueList<string> _templates;

    /// <summary>Requires a name to start (<paramref name="prefix"/> true) or end with one of <paramref name="templates"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="templates"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="templates"/> is empty.</exception>
    public AffixConstraint(bool prefix, IEnumerable<string> templates)
    {
        IsPrefix = prefix;
        _templates = Selector.CanonicalStrings(templates ?? throw new ArgumentNullException(nameof(templates)));
        if (_templates.Count == 0) throw new ArgumentException("at least one affix is required", nameof(templates));
    }

    /// <summary>True: the name must start with a template; false: end with one.</summary>
    public bool IsPrefix { get; }
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> Templates => _templates;
    /// <inheritdoc/>
    public override string Name => IsPrefix ? "prefix" : "suffix";
    /// <inheritdoc/>
    public override TResult Accept<TResult>(INamingConstraintVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(INamingConstraintVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>The name must be at most <see cref="Max"/> characters long.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record MaxLengthConstraint : NamingConstraint
{
    internal override void Closed() { }
    /// <summary>Requires names of at most <paramref name="max"/> characters.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="max"/> is not between 1 and 255 (Snowflake's identifier limit).</exception>
    public MaxLengthConstraint(int max)
    {
        if (max < 1 || max > SnowflakeIdentifier.MaxLength) throw new ArgumentOutOfRangeException(nameof(max), "a maximum length is 1 to 255");
        Max = max;
    }

    /// <summary>The longest name allowed, in characters (1 to 255).</summary>
    public int Max { get; }
    /// <inheritdoc/>
    public override string Name => "maxLength";
    /// <inheritdoc/>
    public override TResult Accept<TResult>(INamingConstraintVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(INamingConstraintVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>The name must not be a Snowflake reserved word.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record NotReservedConstraint : NamingConstraint
{
    internal override void Closed() { }
    /// <summary>The one instance.</summary>
    public static readonly NotReservedConstraint Instance = new NotReservedConstraint();
    private NotReservedConstraint() { }
    /// <inheritdoc/>
    public override string Name => "notReserved";
    /// <inheritdoc/>
    public override TResult Accept<TResult>(INamingConstraintVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(INamingConstraintVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>Names at <see cref="Level"/> selected by <see cref="When"/> must satisfy <see cref="Constraint"/>.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record NamingRule : Rule
{
    internal override void Closed() { }
    /// <summary>A naming rule.</summary>
    /// <param name="id">The rule's ID, unique within its pack.</param>
    /// <param name="severity">The severity of its findings.</param>
    /// <param name="title">A one-line title.</param>
    /// <param name="rationale">Why the rule exists; null is taken as empty.</param>
    /// <param name="level">The level whose names are checked.</param>
    /// <param name="when">Which subjects at that level the rule applies to.</param>
    /// <param name="constraint">What the names must satisfy.</param>
    /// <param name="tightens">The global rule (<c>pack/ruleId</c>) this domain rule tightens, or null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/>, <paramref name="title"/>, <paramref name="when"/> or <paramref name="constraint"/> is null.</exception>
    public NamingRule(string id, Severity severity, string title, string rationale, TargetLevel level, Selector when, NamingConstraint constraint, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Level = level;
        When = when ?? throw new ArgumentNullException(nameof(when));
        Constraint = constraint ?? throw new ArgumentNullException(nameof(constraint));
    }

    /// <summary>The level whose names are checked.</summary>
    public TargetLevel Level { get; }
    /// <summary>Which subjects at <see cref="Level"/> the rule applies to.</summary>
    public Selector When { get; }
    /// <summary>What the names must satisfy.</summary>
    public NamingConstraint Constraint { get; }
    /// <inheritdoc/>
    public override RuleKind Kind => RuleKind.Naming;
    /// <inheritdoc/>
    public override TResult Accept<TResult>(IRuleVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRuleVisitor<bool> visitor) => visitor.Visit(this);
}

/// <summary>A tag of the taxonomy: its name, its allowed values in order (empty: any value) and what it means.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record TagDefinition
{
    private readonly ValueList<string> _allowedValues;

    /// <summary>A tag of the taxonomy.</summary>
    /// <param name="name">The tag's name.</param>
    /// <param name="allowedValues">The allowed values, in order; empty allows any value.</param>
    /// <param name="description">What the tag means; null is taken as empty.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="allowedValues"/> is null.</exception>
    /// <exception cref="ArgumentException">An allowed value is null.</exception>
    public TagDefinition(string name, IReadOnlyList<string> allowedValues, string description)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _allowedValues = new ValueList<string>(allowedValues ?? throw new ArgumentNullException(nameof(allowedValues)));
        Description = description ?? "";
    }

    /// <summary>The tag's name.</summary>
    public string Name { get; }
    /// <summary>In the board's order (Snowflake's ALLOWED_VALUES_SEQUENCE uses it); empty allows any value.</summary>
    public IReadOnlyList<string> AllowedValues => _allowedValues;
    /// <summary>What the tag means; empty when not given.</summary>
    public string Description { get; }

    /// <summary>True when <paramref name="value"/> is one of the allowed values (ordinal, case-sensitive), or any value is allowed.</summary>
    public bool Allows(string value)
    {
        if (_allowedValues.Count == 0) return true;
        for (var i = 0; i < _allowedValues.Count; i++)
        {
            if (string.Equals(_allowedValues[i], value, StringComparison.Ordinal)) return true;
        }
        return false;
    }
}

/// <summary>Who a pack applies to: the whole mesh, or one domain.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record PackScope
{
    /// <summary>The whole mesh.</summary>
    public static readonly PackScope Global = new PackScope((string?)null);
    /// <summary>One domain of the mesh.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="domain"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="domain"/> is empty.</exception>
    public static PackScope ForDomain(string domain)
    {
        if (domain is null) throw new ArgumentNullException(nameof(domain));
        if (domain.Length == 0) throw new ArgumentException("a domain name cannot be empty", nameof(domain));
        return new PackScope(domain);
    }

    private PackScope(string? domain) => Domain = domain;

    /// <summary>Null for the global scope.</summary>
    public string? Domain { get; }
    /// <summary>True for the whole mesh.</summary>
    public bool IsGlobal => Domain is null;

    /// <summary><c>global</c> or <c>domain:NAME</c>.</summary>
    public override string ToString() => Domain is null ? "global" : "domain:" + Domain;

    /// <summary>Reads <c>global</c> or <c>domain:NAME</c> (as <see cref="ToString"/> writes it); false for any other text.</summary>
    public static bool TryParse(string text, out PackScope? scope)
    {
        scope = null;
        if (text == "global") { scope = Global; return true; }
        if (text.StartsWith("domain:", StringComparison.Ordinal) && text.Length > "domain:".Length)
        {
            scope = ForDomain(text.Substring("domain:".Length));
            return true;
        }
        return false;
    }
}
