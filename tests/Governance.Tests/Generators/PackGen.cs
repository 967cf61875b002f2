using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Governance.Tests.Generators;

/// <summary>
/// FsCheck generators of valid rule-pack IR: every selector, strategy, expression, literal, filter, requirement and
/// naming constraint the model has, built with the IR constructors. A generated pack has unique rule IDs, a taxonomy
/// that declares every tag its rules use (values drawn from that taxonomy), role names from a fixed pool, valid
/// regular expressions, well-typed custom expressions and valid semantic versions, so it also passes
/// <see cref="PackValidation"/>. Free text (titles, rationales, replacements, salts, string literals) is deliberately
/// odd: quotes, backslashes, control characters, non-ASCII, astral and lone surrogates.
/// </summary>
public static class PackGen
{
    /// <summary>The tag vocabulary the generated rules draw from.</summary>
    public static readonly IReadOnlyList<TagDefinition> Vocabulary = new[]
    {
        new TagDefinition("SENSITIVITY", new[] { "public", "internal", "confidential", "restricted" }, "How sensitive the data is"),
        new TagDefinition("PII", new[] { "email", "phone", "ssn" }, "Kind of personal data"),
    };

    /// <summary>A tag that allows any value; sometimes declared, never required by a generated rule.</summary>
    public static readonly TagDefinition FreeTag = new TagDefinition("DATA_DOMAIN", Array.Empty<string>(), "Owning domain, \"any\" value \\ é");

    public static readonly IReadOnlyList<string> Roles = new[] { "ANALYST", "PII_READER", "FINANCE_READER", "GLOBAL_ANALYST", "PUBLIC" };

    /// <summary>Column (and dataset) name patterns, all valid .NET regular expressions.</summary>
    public static readonly IReadOnlyList<string> NamePatterns = new[]
    {
        "EMAIL", "(?i)phone", "^[A-Z_]+$", "_AT$", "^(IS|HAS)_", "(?i)^ssn$", @"\bNAME\b", "^\"Quoted\"$", @"^[A-Z]\w{0,254}$", "é|ü", @"\\",
    };

    public static readonly IReadOnlyList<string> Domains = new[] { "sales", "finance", "hr", "marketing" };
    public static readonly IReadOnlyList<string> Products = new[] { "sales/orders", "sales/customers", "finance/ledger", "hr/people" };
    public static readonly IReadOnlyList<string> Columns = new[] { "REGION", "COUNTRY", "COST_CENTER", "CONSENT", "MARKETING_OPT_IN", "Mixed Case" };
    public static readonly IReadOnlyList<string> AffixTemplates = new[] { "IS_", "HAS_", "{DOMAIN}_", "{product}_", "_AT", "_ID", "DIM_", "FCT_" };

    private static readonly string[] Words = { "Mask", "e-mail", "addresses", "Rows", "by", "region", "Sensitivity", "required", "names", "UPPER_SNAKE", "x" };

    private static readonly string[] OddStrings =
    {
        "", " ", "***", "'", "''", "\"", "\\", "\\'", "it's", "C:\\temp\\", "\"quoted\"", "é", "Ünïcödé", "日本語", "😀", "\u2028", "\u2029",
        "\t", "\n", "\r\n", "\u0000", "\u0001", "\u001f", "\u007f", "\ud800", "\udc00", "}", "{", "],", "\\u0041", "/", "</script>",
        "--", "; DROP TABLE X; --", "$$", "%s", "{0}", "\b\f",
    };

    // --------------------------------------------------------------------------------------------- text

    /// <summary>Arbitrary text, often odd (quotes, backslashes, control characters, unicode, lone surrogates).</summary>
    public static Gen<string> OddText()
    {
        var piece = Gen.OneOf(Gen.Elements(OddStrings), Gen.Elements(Words));
        return Gen.OneOf(
            Gen.Elements(OddStrings),
            Gen.Elements(Words),
            from n in Gen.Choose(2, 6)
            from parts in Gen.ArrayOf(piece, n)
            select string.Concat(parts));
    }

    /// <summary>A title: never blank (the pack validation requires one), otherwise odd.</summary>
    public static Gen<string> Title() =>
        from w in Gen.Elements(Words)
        from odd in Gen.OneOf(Gen.Constant(""), OddText())
        select w + odd;

    public static Gen<Severity> Severity() => Gen.Elements(Governance.Severity.Note, Governance.Severity.Warning, Governance.Severity.Error);

    public static Gen<TargetLevel> Level() => Gen.Elements(TargetLevel.Product, TargetLevel.Dataset, TargetLevel.Column);

    /// <summary>A valid semantic version (semver 2.0.0), with and without pre-release and build metadata.</summary>
    public static Gen<string> Version() =>
        from major in Gen.Choose(0, 30)
        from minor in Gen.Choose(0, 300)
        from patch in Gen.Choose(0, 3000)
        from pre in Gen.Elements("", "-alpha", "-rc.1", "-0.3.7", "-x.7.z.92", "-x-y-z.--", "-beta.11")
        from build in Gen.Elements("", "+build.5", "+20130313144700", "+exp.sha.5114f85", "+21AF26D3---117B344092BD")
        select string.Join(".", Inv(major), Inv(minor), Inv(patch)) + pre + build;

    private static string Inv(int i) => i.ToString(CultureInfo.InvariantCulture);

    /// <summary>A non-empty subset, in random order (constructors sort and de-duplicate sets).</summary>
    public static Gen<T[]> NonEmptySubset<T>(IReadOnlyList<T> items) =>
        from k in Gen.Choose(1, items.Count)
        from shuffled in Gen.Shuffle(items.ToArray())
        select shuffled.Take(k).ToArray();

    /// <summary>A subset (possibly empty), in random order, sometimes with a duplicate.</summary>
    public static Gen<T[]> Subset<T>(IReadOnlyList<T> items) =>
        from k in Gen.Choose(0, items.Count)
        from shuffled in Gen.Shuffle(items.ToArray())
        from dup in Gen.Elements(false, false, true)
        select dup && k > 0 ? shuffled.Take(k).Append(shuffled[0]).ToArray() : shuffled.Take(k).ToArray();

    // --------------------------------------------------------------------------------------------- literals

    public static Gen<decimal> Decimal() => Gen.OneOf(
        Gen.Choose(-1_000_000, 1_000_000).Select(i => (decimal)i),
        from i in Gen.Choose(-1_000_000, 1_000_000)
        from scale in Gen.Choose(0, 12)
        select new decimal(Math.Abs(i), 0, 0, i < 0, (byte)scale),
        Gen.Elements(decimal.MaxValue, decimal.MinValue, 0m, -0.0m, 1.50m, 0.0000000001m, 79228162514264.337593543950335m));

    public static Gen<Literal> DateLiteral() => Gen.OneOf(
        from y in Gen.Choose(1, 9999)
        from m in Gen.Choose(1, 12)
        from d in Gen.Choose(1, 28)
        select Governance.Rules.Literal.Date(y, m, d),
        Gen.Elements(Governance.Rules.Literal.Date(2024, 2, 29), Governance.Rules.Literal.Date(2023, 12, 31), Governance.Rules.Literal.Date(1, 1, 1), Governance.Rules.Literal.Date(9999, 12, 31)));

    public static Gen<Literal> TimestampLiteral() =>
        from y in Gen.Choose(1, 9999)
        from mo in Gen.Choose(1, 12)
        from d in Gen.Choose(1, 28)
        from h in Gen.Choose(0, 23)
        from mi in Gen.Choose(0, 59)
        from s in Gen.Choose(0, 59)
        from ticks in Gen.OneOf(Gen.Constant(0), Gen.Elements(1, 1_000_000, 1_200_000, 9_999_999), Gen.Choose(0, 9_999_999))
        select Governance.Rules.Literal.Timestamp(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Unspecified).AddTicks(ticks));

    /// <summary>A literal of any kind.</summary>
    public static Gen<Literal> Literal() => Gen.OneOf(
        OddText().Select(Governance.Rules.Literal.String),
        Decimal().Select(Governance.Rules.Literal.Number),
        Gen.Elements(Governance.Rules.Literal.Boolean(true), Governance.Rules.Literal.Boolean(false)),
        DateLiteral(),
        TimestampLiteral());

    // --------------------------------------------------------------------------------------------- selectors

    private static readonly DataTypeFamily[] Families = Enum.GetValues<DataTypeFamily>();
    private static readonly DatasetKind[] Kinds = Enum.GetValues<DatasetKind>();

    public static Gen<Selector> LeafSelector() => Gen.OneOf(
        Gen.Constant(Governance.Rules.Selector.Always),
        from tag in Gen.Elements(Vocabulary.ToArray())
        from values in Gen.OneOf(Gen.Constant<string[]?>(null), NonEmptySubset(tag.AllowedValues).Select(v => (string[]?)v))
        select (Selector)new TagSelector(tag.Name, values),
        Gen.Elements(NamePatterns.ToArray()).Select(p => (Selector)new NameSelector(p)),
        Gen.Elements(NamePatterns.ToArray()).Select(p => (Selector)new HasColumnSelector(p)),
        Subset(Families).Where(f => f.Length > 0).Select(f => (Selector)new TypeSelector(f)),
        Subset(Kinds).Where(k => k.Length > 0).Select(k => (Selector)new KindSelector(k)),
        NonEmptySubset(Domains).Select(d => (Selector)new DomainSelector(d)),
        NonEmptySubset(Products).Select(p => (Selector)new ProductSelector(p)));

    /// <summary>A selector tree at most <paramref name="depth"/> levels of all / any / not deep.</summary>
    public static Gen<Selector> Selector(int depth)
    {
        if (depth <= 0) return LeafSelector();
        var inner = Selector(depth - 1);
        return Gen.Frequency(
            (3, LeafSelector()),
            (1, from n in Gen.Choose(1, 3) from parts in Gen.ArrayOf(inner, n) select (Selector)new AllSelector(parts)),
            (1, from n in Gen.Choose(1, 3) from parts in Gen.ArrayOf(inner, n) select (Selector)new AnySelector(parts)),
            (1, inner.Select(s => (Selector)new NotSelector(s))));
    }

    /// <summary>The tags a selector mentions.</summary>
    public static IEnumerable<string> TagsOf(Selector selector) => selector switch
    {
        TagSelector t => new[] { t.Tag },
        AllSelector a => a.Parts.SelectMany(TagsOf),
        AnySelector a => a.Parts.SelectMany(TagsOf),
        NotSelector n => TagsOf(n.Inner),
        _ => Array.Empty<string>(),
    };

    /// <summary>The tags a rule uses (in selectors and as a required tag).</summary>
    public static IEnumerable<string> TagsOf(Rule rule) => rule switch
    {
        MaskingRule m => TagsOf(m.Columns),
        RowAccessRule r => TagsOf(r.Datasets),
        TagRequirementRule t => TagsOf(t.When).Append(t.Tag),
        ProductMetadataRule p => TagsOf(p.When),
        NamingRule n => TagsOf(n.When),
        _ => Array.Empty<string>(),
    };

    // --------------------------------------------------------------------------------------------- expressions

    /// <summary>
    /// A well-typed expression of type <paramref name="want"/> over a masked value of type <paramref name="input"/>
    /// (text or numeric): calls of every function a custom expression may call (<see cref="SqlFunctions"/>), at every
    /// arity it takes (lists up to 4). Function names come in any case (the IR upper-cases them).
    /// </summary>
    public static Gen<MaskExpression> Expression(DataTypeFamily input, DataTypeFamily want, int depth)
    {
        var literal = want == DataTypeFamily.Text
            ? OddText().Select(s => MaskExpression.Of(Governance.Rules.Literal.String(s)))
            : Decimal().Select(d => MaskExpression.Of(Governance.Rules.Literal.Number(d)));
        var leaf = input == want ? Gen.Frequency((2, Gen.Constant(MaskExpression.Value)), (1, literal)) : literal;
        if (depth <= 0) return leaf;
        var calls = SqlFunctions.All.Where(f => f.InCustomMasking && Result(f) == want).Select(f =>
            from arity in Gen.Choose(f.MinArguments, Math.Min(f.MaxArguments, 4))
            from args in Gen.CollectToArray(Enumerable.Range(0, arity).Select(i => Expression(input, f.Parameter(i) ?? want, depth - 1)))
            from name in Gen.Elements(f.Name, f.Name.ToLowerInvariant(), char.ToUpperInvariant(f.Name[0]) + f.Name.Substring(1).ToLowerInvariant())
            select MaskExpression.Call(name, args));
        return Gen.Frequency((1, leaf), (3, Gen.OneOf(calls)));
    }

    // The functions custom masking may call return text or numbers.
    private static DataTypeFamily Result(SqlFunction f) => f.Result == FunctionResult.Numeric ? DataTypeFamily.Numeric : DataTypeFamily.Text;

    /// <summary>A custom strategy that masks text or numbers and returns the same type.</summary>
    public static Gen<MaskingStrategy> CustomStrategy() => Gen.OneOf(
        Gen.Constant<MaskingStrategy>(new CustomStrategy(MaskExpression.Call("CONCAT",
            MaskExpression.Call("LEFT", MaskExpression.Value, MaskExpression.Of(Governance.Rules.Literal.Number(2))),
            MaskExpression.Of(Governance.Rules.Literal.String("***"))))),
        from input in Gen.Elements(DataTypeFamily.Text, DataTypeFamily.Numeric)
        from depth in Gen.Choose(0, 3)
        from e in Expression(input, input, depth)
        select (MaskingStrategy)new CustomStrategy(e));

    // --------------------------------------------------------------------------------------------- strategies

    /// <summary>Every masking strategy.</summary>
    public static Gen<MaskingStrategy> Strategy() => Gen.OneOf(
        Gen.Constant<MaskingStrategy>(new RedactStrategy()),
        OddText().Select(s => (MaskingStrategy)new RedactStrategy(s)),
        from n in Gen.Choose(0, 8)
        from c in Gen.Elements("*", "#", "X", "•", "'", "\\", "\"")
        select (MaskingStrategy)new KeepLastStrategy(n, c),
        Gen.OrNull(OddText()).Select(salt => (MaskingStrategy)new HashStrategy(salt)),
        Gen.Constant<MaskingStrategy>(NullifyStrategy.Instance),
        Gen.Constant<MaskingStrategy>(EmailDomainStrategy.Instance),
        Gen.Elements(Enum.GetValues<DatePart>()).Select(u => (MaskingStrategy)new TruncateDateStrategy(u)),
        Literal().Select(l => (MaskingStrategy)new ConstantStrategy(l)),
        CustomStrategy());

    public static Gen<MaskingCondition?> Condition() => Gen.Frequency(
        (2, Gen.Constant<MaskingCondition?>(null)),
        (1, from c in Gen.Elements(Columns.ToArray()) from v in Literal() select (MaskingCondition?)new MaskingCondition(c, v)));

    // --------------------------------------------------------------------------------------------- row filters

    public static Gen<RowFilter> Filter() => Gen.OneOf(
        from column in Gen.Elements(Columns.ToArray())
        from table in Gen.Elements("REGION_ACCESS", "COUNTRY_ACCESS", "Entitlements 2024")
        from roleColumn in Gen.Elements("ROLE_NAME", "ROLE")
        from valueColumn in Gen.Elements("REGION", "ALLOWED_VALUE")
        select (RowFilter)new EntitlementFilter(column, "GOVERNANCE", "ENTITLEMENTS", table, roleColumn, valueColumn),
        from column in Gen.Elements(Columns.ToArray())
        from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
        from value in Literal()
        select (RowFilter)new PredicateFilter(column, op, value));

    // --------------------------------------------------------------------------------------------- naming

    public static Gen<NamingConstraint> Constraint() => Gen.OneOf(
        Gen.Elements(Enum.GetValues<CaseStyle>()).Select(s => (NamingConstraint)new CaseConstraint(s)),
        Gen.Elements(NamePatterns.ToArray()).Select(p => (NamingConstraint)new PatternConstraint(p)),
        from prefix in Gen.Elements(true, false)
        from values in NonEmptySubset(AffixTemplates)
        select (NamingConstraint)new AffixConstraint(prefix, values),
        Gen.OneOf(Gen.Choose(1, 255), Gen.Elements(1, 255)).Select(m => (NamingConstraint)new MaxLengthConstraint(m)),
        Gen.Constant<NamingConstraint>(NotReservedConstraint.Instance));

    // --------------------------------------------------------------------------------------------- rules

    private delegate Rule RuleFactory(string id, string? tightens);

    private static Gen<RuleFactory> Factory(int depth)
    {
        var header =
            from severity in Severity()
            from title in Title()
            from rationale in Gen.OneOf(Gen.Constant(""), OddText())
            select (severity, title, rationale);
        var masking =
            from h in header
            from columns in Selector(depth)
            from strategy in Strategy()
            from reveal in Subset(Roles)
            from condition in Condition()
            select (RuleFactory)((id, t) => new MaskingRule(id, h.severity, h.title, h.rationale, columns, strategy, reveal, condition, t));
        var rowAccess =
            from h in header
            from datasets in Selector(depth)
            from filter in Filter()
            from bypass in Subset(Roles)
            select (RuleFactory)((id, t) => new RowAccessRule(id, h.severity, h.title, h.rationale, datasets, filter, bypass, t));
        var tagRequirement =
            from h in header
            from level in Level()
            from tag in Gen.Elements(Vocabulary.Select(v => v.Name).ToArray())
            from when in Selector(depth)
            select (RuleFactory)((id, t) => new TagRequirementRule(id, h.severity, h.title, h.rationale, level, tag, when, t));
        var taxonomy =
            from h in header
            from unknown in Gen.Elements<Severity?>(null, Governance.Severity.Note, Governance.Severity.Warning, Governance.Severity.Error)
            select (RuleFactory)((id, t) => new TaxonomyRule(id, h.severity, h.title, h.rationale, unknown, t));
        var productMetadata =
            from h in header
            from field in Gen.Elements(ProductField.Owner, ProductField.Version)
            from when in Selector(depth)
            select (RuleFactory)((id, t) => new ProductMetadataRule(id, h.severity, h.title, h.rationale, field, when, t));
        var naming =
            from h in header
            from level in Level()
            from when in Selector(depth)
            from constraint in Constraint()
            select (RuleFactory)((id, t) => new NamingRule(id, h.severity, h.title, h.rationale, level, when, constraint, t));
        return Gen.Frequency((3, masking), (2, rowAccess), (2, tagRequirement), (1, taxonomy), (1, productMetadata), (2, naming));
    }

    /// <summary><paramref name="count"/> distinct rule IDs of the pack-validation shape, with varied prefixes.</summary>
    public static Gen<string[]> RuleIds(int count) =>
        from numbers in Gen.Shuffle(Enumerable.Range(1, 500))
        from prefixes in Gen.ArrayOf(Gen.Elements("GOV-", "acme.", "R", "mask_", "Z9-"), count)
        select numbers.Take(count).Select((n, i) => prefixes[i] + n.ToString("D3", CultureInfo.InvariantCulture)).ToArray();

    /// <summary>One rule of any kind (global: it tightens nothing).</summary>
    public static Gen<Rule> Rule() =>
        from f in Factory(2)
        from ids in RuleIds(1)
        select f(ids[0], null);

    /// <summary>One rule of any kind with the given ID (global: it tightens nothing).</summary>
    public static Gen<Rule> Rule(string id) => Factory(2).Select(f => f(id, null));

    // --------------------------------------------------------------------------------------------- packs

    private static Gen<RulePack> PackOf(Gen<PackScope> scopes)
    {
        return
            from scope in scopes
            from count in Gen.Choose(1, 10)
            from depth in Gen.Choose(0, 3)
            from factories in Gen.ArrayOf(Factory(depth), count)
            from ids in RuleIds(count)
            from tightens in Gen.ArrayOf(
                scope.IsGlobal ? Gen.Constant<string?>(null) : Gen.OrNull(Gen.Elements<string?>("acme-global/GOV-001", "acme-global/mask.email", "acme-global/R042")),
                count)
            from extraTags in Subset(Vocabulary)
            from free in Gen.Elements(false, true)
            from name in Gen.Elements("acme-global", "acme.board", "governance_v2", "sales-domain", "9lives")
            from version in Version()
            from publisher in Title()
            from description in Gen.OneOf(Gen.Constant(""), OddText())
            let rules = factories.Select((f, i) => f(ids[i], tightens[i])).ToArray()
            let used = new HashSet<string>(rules.SelectMany(TagsOf).Concat(extraTags.Select(t => t.Name)), StringComparer.Ordinal)
            let taxonomy = Vocabulary.Where(t => used.Contains(t.Name)).Concat(free ? new[] { FreeTag } : Array.Empty<TagDefinition>()).ToArray()
            select new RulePack(name, version, scope, publisher, taxonomy, rules, description);
    }

    /// <summary>A global pack (the board's).</summary>
    public static Gen<RulePack> GlobalPack() => PackOf(Gen.Constant(PackScope.Global));

    /// <summary>A domain pack, some of whose rules tighten global ones.</summary>
    public static Gen<RulePack> DomainPack() => PackOf(Gen.Elements(Domains.ToArray()).Select(PackScope.ForDomain));

    /// <summary>A global or a domain pack.</summary>
    public static Gen<RulePack> Pack() => Gen.Frequency((3, GlobalPack()), (1, DomainPack()));
}
