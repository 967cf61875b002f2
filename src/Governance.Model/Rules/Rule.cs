using System;
using System.Collections.Generic;
using Governance.Snapshots;

namespace Governance.Rules;

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum RuleKind { Masking, RowAccess, Tagging, Naming }

/// <summary>The level of the mesh a rule looks at.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum TargetLevel { Product, Dataset, Column }

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class Names
{
    public static string Of(Severity s) => s switch
    {
        Severity.Note => "note", Severity.Warning => "warning", Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "unknown severity"),
    };
    public static string Of(RuleKind k) => k switch
    {
        RuleKind.Masking => "masking", RuleKind.RowAccess => "rowAccess", RuleKind.Tagging => "tagging", RuleKind.Naming => "naming",
        _ => throw new ArgumentOutOfRangeException(nameof(k), k, "unknown rule kind"),
    };
    public static string Of(TargetLevel l) => l switch
    {
        TargetLevel.Product => "product", TargetLevel.Dataset => "dataset", TargetLevel.Column => "column",
        _ => throw new ArgumentOutOfRangeException(nameof(l), l, "unknown level"),
    };
    public static string Of(DataTypeFamily f) => f switch
    {
        DataTypeFamily.Text => "text", DataTypeFamily.Numeric => "numeric", DataTypeFamily.Boolean => "boolean",
        DataTypeFamily.Date => "date", DataTypeFamily.Time => "time", DataTypeFamily.Timestamp => "timestamp",
        DataTypeFamily.Binary => "binary", DataTypeFamily.SemiStructured => "semiStructured",
        DataTypeFamily.Geospatial => "geospatial", DataTypeFamily.Vector => "vector",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown data type family"),
    };
    public static string Of(CaseStyle c) => c switch
    {
        CaseStyle.UpperSnake => "UPPER_SNAKE", CaseStyle.LowerSnake => "lower_snake", CaseStyle.Pascal => "PascalCase", CaseStyle.Camel => "camelCase",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, "unknown case style"),
    };
    public static string Of(ProductField f) => f switch
    {
        ProductField.Owner => "owner", ProductField.Version => "version",
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "unknown product field"),
    };

    public static bool TryParse<T>(string text, Func<T, string> name, T[] values, out T value)
    {
        foreach (var v in values)
        {
            if (string.Equals(name(v), text, StringComparison.Ordinal)) { value = v; return true; }
        }
        value = default!;
        return false;
    }

    public static readonly Severity[] Severities = { Severity.Note, Severity.Warning, Severity.Error };
    public static readonly TargetLevel[] Levels = { TargetLevel.Product, TargetLevel.Dataset, TargetLevel.Column };
    public static readonly DataTypeFamily[] Families =
    {
        DataTypeFamily.Text, DataTypeFamily.Numeric, DataTypeFamily.Boolean, DataTypeFamily.Date, DataTypeFamily.Time,
        DataTypeFamily.Timestamp, DataTypeFamily.Binary, DataTypeFamily.SemiStructured, DataTypeFamily.Geospatial, DataTypeFamily.Vector,
    };
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

    public string Id { get; }
    public Severity Severity { get; }
    public string Title { get; }
    public string Rationale { get; }
    /// <summary>The global rule (<c>pack/ruleId</c>) this domain rule tightens, or null.</summary>
    public string? Tightens { get; }
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

    public MaskingRule(string id, Severity severity, string title, string rationale, Selector columns, MaskingStrategy strategy,
        IEnumerable<string> revealTo, MaskingCondition? condition = null, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Columns = columns ?? throw new ArgumentNullException(nameof(columns));
        Strategy = strategy ?? throw new ArgumentNullException(nameof(strategy));
        _revealTo = Selector.CanonicalStrings(revealTo ?? throw new ArgumentNullException(nameof(revealTo)));
        Condition = condition;
    }

    public Selector Columns { get; }
    public MaskingStrategy Strategy { get; }
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> RevealTo => _revealTo;
    public MaskingCondition? Condition { get; }
    public override RuleKind Kind => RuleKind.Masking;
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
    public abstract string Name { get; }
    /// <summary>Whether the filter can read a <see cref="Column"/> of <paramref name="family"/> (else it admits no row, GOV2001).</summary>
    public abstract bool Accepts(DataTypeFamily family);
    /// <summary>Calls the <paramref name="visitor"/>'s method for this filter's type.</summary>
    public abstract TResult Accept<TResult>(IRowFilterVisitor<TResult> visitor);
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
    public EntitlementFilter(string column, string database, string schema, string table, string roleColumn, string valueColumn)
    {
        Column = column ?? throw new ArgumentNullException(nameof(column));
        Database = database ?? throw new ArgumentNullException(nameof(database));
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Table = table ?? throw new ArgumentNullException(nameof(table));
        RoleColumn = roleColumn ?? throw new ArgumentNullException(nameof(roleColumn));
        ValueColumn = valueColumn ?? throw new ArgumentNullException(nameof(valueColumn));
    }

    public override string Column { get; }
    public string Database { get; }
    public string Schema { get; }
    public string Table { get; }
    public string RoleColumn { get; }
    public string ValueColumn { get; }
    public override string Name => "entitlement";
    /// <summary>Any type: the mapping table's value column is compared as it is.</summary>
    public override bool Accepts(DataTypeFamily family) => true;
    public override TResult Accept<TResult>(IRowFilterVisitor<TResult> visitor) => visitor.Visit(this);
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
    public PredicateFilter(string column, ComparisonOperator op, Literal value)
    {
        Column = column ?? throw new ArgumentNullException(nameof(column));
        Operator = op;
        Value = value ?? throw new ArgumentNullException(nameof(value));
    }

    public override string Column { get; }
    public ComparisonOperator Operator { get; }
    public Literal Value { get; }
    public override string Name => "predicate";
    /// <summary>A column whose type the literal fits.</summary>
    public override bool Accepts(DataTypeFamily family) => Value.Fits(family);
    public override TResult Accept<TResult>(IRowFilterVisitor<TResult> visitor) => visitor.Visit(this);

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

    public RowAccessRule(string id, Severity severity, string title, string rationale, Selector datasets, RowFilter filter,
        IEnumerable<string> bypassRoles, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Datasets = datasets ?? throw new ArgumentNullException(nameof(datasets));
        Filter = filter ?? throw new ArgumentNullException(nameof(filter));
        _bypassRoles = Selector.CanonicalStrings(bypassRoles ?? throw new ArgumentNullException(nameof(bypassRoles)));
    }

    public Selector Datasets { get; }
    public RowFilter Filter { get; }
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> BypassRoles => _bypassRoles;
    public override RuleKind Kind => RuleKind.RowAccess;
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
    public TagRequirementRule(string id, Severity severity, string title, string rationale, TargetLevel level, string tag, Selector when, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Level = level;
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        When = when ?? throw new ArgumentNullException(nameof(when));
    }

    public TargetLevel Level { get; }
    public string Tag { get; }
    public Selector When { get; }
    public override RuleKind Kind => RuleKind.Tagging;
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

    /// <param name="unknownTags">The severity of a tag that no taxonomy declares; null: such tags are not reported.</param>
    public TaxonomyRule(string id, Severity severity, string title, string rationale, Severity? unknownTags, string? tightens = null)
        : base(id, severity, title, rationale, tightens) => UnknownTagSeverity = unknownTags;

    /// <summary>The severity of a finding for a tag that no taxonomy declares (GOV3003); null when they are allowed.</summary>
    public Severity? UnknownTagSeverity { get; }
    /// <summary>Whether tags that no taxonomy declares are reported.</summary>
    public bool RejectUnknownTags => UnknownTagSeverity is not null;
    public override RuleKind Kind => RuleKind.Tagging;
    public override TResult Accept<TResult>(IRuleVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRuleVisitor<bool> visitor) => visitor.Visit(this);
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum ProductField { Owner, Version }

/// <summary>Products selected by <see cref="When"/> must declare <see cref="Field"/> (non-empty).</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record ProductMetadataRule : Rule
{
    internal override void Closed() { }
    public ProductMetadataRule(string id, Severity severity, string title, string rationale, ProductField field, Selector when, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Field = field;
        When = when ?? throw new ArgumentNullException(nameof(when));
    }

    public ProductField Field { get; }
    public Selector When { get; }
    public override RuleKind Kind => RuleKind.Tagging;
    public override TResult Accept<TResult>(IRuleVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(IRuleVisitor<bool> visitor) => visitor.Visit(this);
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum CaseStyle { UpperSnake, LowerSnake, Pascal, Camel }

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
    public abstract string Name { get; }

    /// <summary>Calls the <paramref name="visitor"/>'s method for this constraint's type.</summary>
    public abstract TResult Accept<TResult>(INamingConstraintVisitor<TResult> visitor);

    /// <summary>The same for a predicate, without a generic virtual call: the evaluator checks names of many columns.</summary>
    internal abstract bool Accept(INamingConstraintVisitor<bool> visitor);
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record CaseConstraint : NamingConstraint
{
    internal override void Closed() { }
    public CaseConstraint(CaseStyle style) => Style = style;
    public CaseStyle Style { get; }
    public override string Name => "case";
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
    public PatternConstraint(string pattern)
        => _pattern = new PatternText(pattern ?? throw new ArgumentNullException(nameof(pattern)), Anchored(pattern));
    public string Pattern => _pattern.Text;
    /// <summary>The pattern anchored to the whole name: <c>^(?:pattern)\z</c> (from <see cref="Patterns"/>: one per pattern).</summary>
    public System.Text.RegularExpressions.Regex Regex => _pattern.Regex;
    public override string Name => "pattern";
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

    public AffixConstraint(bool prefix, IEnumerable<string> templates)
    {
        IsPrefix = prefix;
        _templates = Selector.CanonicalStrings(templates ?? throw new ArgumentNullException(nameof(templates)));
        if (_templates.Count == 0) throw new ArgumentException("at least one affix is required", nameof(templates));
    }

    public bool IsPrefix { get; }
    /// <summary>Sorted, distinct.</summary>
    public IReadOnlyList<string> Templates => _templates;
    public override string Name => IsPrefix ? "prefix" : "suffix";
    public override TResult Accept<TResult>(INamingConstraintVisitor<TResult> visitor) => visitor.Visit(this);
    internal override bool Accept(INamingConstraintVisitor<bool> visitor) => visitor.Visit(this);
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed record MaxLengthConstraint : NamingConstraint
{
    internal override void Closed() { }
    public MaxLengthConstraint(int max)
    {
        if (max < 1 || max > SnowflakeIdentifier.MaxLength) throw new ArgumentOutOfRangeException(nameof(max), "a maximum length is 1 to 255");
        Max = max;
    }

    public int Max { get; }
    public override string Name => "maxLength";
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
    public static readonly NotReservedConstraint Instance = new NotReservedConstraint();
    private NotReservedConstraint() { }
    public override string Name => "notReserved";
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
    public NamingRule(string id, Severity severity, string title, string rationale, TargetLevel level, Selector when, NamingConstraint constraint, string? tightens = null)
        : base(id, severity, title, rationale, tightens)
    {
        Level = level;
        When = when ?? throw new ArgumentNullException(nameof(when));
        Constraint = constraint ?? throw new ArgumentNullException(nameof(constraint));
    }

    public TargetLevel Level { get; }
    public Selector When { get; }
    public NamingConstraint Constraint { get; }
    public override RuleKind Kind => RuleKind.Naming;
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

    public TagDefinition(string name, IReadOnlyList<string> allowedValues, string description)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        _allowedValues = new ValueList<string>(allowedValues ?? throw new ArgumentNullException(nameof(allowedValues)));
        Description = description ?? "";
    }

    public string Name { get; }
    /// <summary>In the board's order (Snowflake's ALLOWED_VALUES_SEQUENCE uses it); empty allows any value.</summary>
    public IReadOnlyList<string> AllowedValues => _allowedValues;
    public string Description { get; }

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
    public static readonly PackScope Global = new PackScope((string?)null);
    public static PackScope ForDomain(string domain)
    {
        if (domain is null) throw new ArgumentNullException(nameof(domain));
        if (domain.Length == 0) throw new ArgumentException("a domain name cannot be empty", nameof(domain));
        return new PackScope(domain);
    }

    private PackScope(string? domain) => Domain = domain;

    /// <summary>Null for the global scope.</summary>
    public string? Domain { get; }
    public bool IsGlobal => Domain is null;

    /// <summary><c>global</c> or <c>domain:NAME</c>.</summary>
    public override string ToString() => Domain is null ? "global" : "domain:" + Domain;

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
