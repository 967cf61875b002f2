using Governance.Snowflake;

namespace Governance.Simulation.Tests;

/// <summary>
/// Every concrete type of the rule model's hierarchies — rules, selectors, masking strategies, row filters, naming
/// constraints, masking expressions — found by reflection, has a sample here; each sample round-trips through the
/// manifest (to an equal record) and is evaluated (it causes a finding or a decision); every strategy and filter is
/// compiled to a plan and simulated, and the simulation agrees with the evaluator. A new type without a sample fails the
/// first test; one the evaluator, the manifest, the compiler or the simulation do not handle fails the others.
/// </summary>
public sealed class RuleModelHierarchyTests
{
    private static IEnumerable<Type> Concrete<TBase>()
        => typeof(TBase).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(TBase)) && !t.IsAbstract).OrderBy(t => t.Name, StringComparer.Ordinal);

    private static readonly IReadOnlyList<TagDefinition> Taxonomy = new[]
    {
        new TagDefinition("PII", new[] { "email", "phone" }, "personal data"),
        new TagDefinition("OWNER", Array.Empty<string>(), "who owns it"),
    };

    private static MaskingRule Masking(string id, Selector columns, MaskingStrategy strategy)
        => new(id, Severity.Error, "masks " + id, "tested", columns, strategy, new[] { "PII_READER" });

    private static Selector Column(string name) => new NameSelector("^" + name + "$");

    // ------------------------------------------------------------------ samples

    /// <summary>One strategy of each type, on a column of a type it masks.</summary>
    private static readonly (MaskingStrategy Strategy, string Column, string Type)[] Strategies =
    {
        (new RedactStrategy(), "S_REDACT", "VARCHAR(64)"),
        (new KeepLastStrategy(4), "S_KEEP_LAST", "VARCHAR(64)"),
        (new HashStrategy("salt"), "S_HASH", "VARCHAR(64)"),
        (NullifyStrategy.Instance, "S_NULLIFY", "NUMBER(12,2)"),
        (EmailDomainStrategy.Instance, "S_EMAIL_DOMAIN", "VARCHAR(256)"),
        (new TruncateDateStrategy(DatePart.Month), "S_TRUNCATE_DATE", "DATE"),
        (new ConstantStrategy(Literal.String("n/a")), "S_CONSTANT", "VARCHAR(64)"),
        (new CustomStrategy(new CallExpression("CONCAT", new[] { MaskExpression.Of(Literal.String("x-")), new CallExpression("RIGHT", new[] { MaskExpression.Value, MaskExpression.Of(Literal.Number(2)) }) })),
            "S_CUSTOM", "VARCHAR(64)"),
    };

    /// <summary>One filter of each type, with the dataset it protects.</summary>
    private static readonly (RowFilter Filter, string Dataset)[] Filters =
    {
        (new EntitlementFilter("REGION", "GOVERNANCE", "SECURITY", "REGION_ENTITLEMENTS", "ROLE_NAME", "REGION"), "CUSTOMERS"),
        (new PredicateFilter("TENANT", ComparisonOperator.Equal, Literal.String("acme")), "ORDERS"),
    };

    /// <summary>One selector of each type; each selects at least one column of the mesh.</summary>
    private static readonly Selector[] Selectors =
    {
        Selector.Always,
        new TagSelector("PII", new[] { "email" }),
        new NameSelector("^S_HASH$"),
        new TypeSelector(new[] { DataTypeFamily.Date }),
        new KindSelector(new[] { DatasetKind.View }),
        new DomainSelector(new[] { "shop" }),
        new ProductSelector(new[] { "shop/sales" }),
        new HasColumnSelector("^TENANT$"),
        new AllSelector(new Selector[] { new TagSelector("PII", null), new TypeSelector(new[] { DataTypeFamily.Text }) }),
        new AnySelector(new Selector[] { new NameSelector("^NOPE$"), new KindSelector(new[] { DatasetKind.Table }) }),
        new NotSelector(new NameSelector("^S_")),
    };

    /// <summary>One constraint of each type; the mesh has a name that violates each.</summary>
    private static readonly NamingConstraint[] Constraints =
    {
        new CaseConstraint(CaseStyle.UpperSnake),
        new PatternConstraint("[A-Z_]+"),
        new AffixConstraint(prefix: false, new[] { "_AT" }),
        new MaxLengthConstraint(12),
        NotReservedConstraint.Instance,
    };

    private static RulePack Protection() => new("protection", "1.0.0", PackScope.Global, "tests", Taxonomy,
        Strategies.Select(s => (Rule)Masking("mask." + s.Column.ToLowerInvariant(), Column(s.Column), s.Strategy))
            .Concat(Filters.Select((f, i) => new RowAccessRule("rows." + i, Severity.Error, "rows " + i, "tested", Column(f.Dataset), f.Filter, new[] { "GLOBAL_ANALYST" })))
            .ToList());

    private static RulePack SelectorPack() => new("selectors", "1.0.0", PackScope.Global, "tests", Taxonomy,
        Selectors.Select((s, i) => (Rule)Masking("select." + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), s, NullifyStrategy.Instance)).ToList());

    private static RulePack Requirements() => new("requirements", "1.0.0", PackScope.Global, "tests", Taxonomy,
        new Rule[]
        {
            new TagRequirementRule("owner-tag", Severity.Warning, "datasets carry an owner", "tested", TargetLevel.Dataset, "OWNER", Selector.Always),
            new TaxonomyRule(TaxonomyRule.DefaultId, Severity.Error, "tags come from the taxonomy", "tested", Severity.Warning),
            new ProductMetadataRule("product-owner", Severity.Error, "products name an owner", "tested", ProductField.Owner, Selector.Always),
        }.Concat(Constraints.Select((c, i) => new NamingRule("name." + c.Name, Severity.Warning, "names " + i, "tested", TargetLevel.Column, Selector.Always, c))).ToList());

    private static Column C(string name, string type, params (string, string)[] tags) => new(name, SnowflakeType.Parse(type), true, TagSet.Of(tags));

    private static readonly MetadataSnapshot Mesh = new(
        new[] { new RoleDefinition("ANALYST"), new RoleDefinition("PII_READER", new[] { "ANALYST" }), new RoleDefinition("GLOBAL_ANALYST", new[] { "ANALYST" }) },
        new[]
        {
            new Domain("shop", "shop@acme.example", new[]
            {
                new DataProduct("sales", "1.0.0", "", "SHOP", "SALES", new[]
                {
                    new Dataset("CUSTOMERS", DatasetKind.Table,
                        Strategies.Select(s => C(s.Column, s.Type, s.Column == "S_EMAIL_DOMAIN" ? new[] { ("PII", "email") } : Array.Empty<(string, string)>()))
                            .Append(C("REGION", "VARCHAR(16)")).Append(C("legacy_code", "VARCHAR(8)", ("LEGACY", "yes"))).Append(C("SELECT", "VARCHAR(8)"))
                            .Append(C("A_VERY_LONG_NAME", "VARCHAR(8)")).ToList()),
                    new Dataset("ORDERS", DatasetKind.Table, new[] { C("ORDER_ID", "NUMBER(38,0)"), C("TENANT", "VARCHAR(16)"), C("PHONE", "VARCHAR(32)", ("PII", "phone")) }),
                    new Dataset("ORDERS_V", DatasetKind.View, new[] { C("ORDER_ID", "NUMBER(38,0)"), C("UPDATED_AT", "TIMESTAMP_NTZ(9)") }),
                }),
                new DataProduct("entitlements", "1.0.0", "security@acme.example", "GOVERNANCE", "SECURITY", new[]
                {
                    new Dataset("REGION_ENTITLEMENTS", DatasetKind.Table, new[] { C("ROLE_NAME", "VARCHAR(256)"), C("REGION", "VARCHAR(16)") }),
                }),
            }),
        });

    // ------------------------------------------------------------------ tests

    [Test]
    public void EveryConcreteType_HasASample()
    {
        var rules = new[] { Protection(), SelectorPack(), Requirements() }.SelectMany(p => p.Rules).Select(r => r.GetType()).Distinct();
        var expressions = new List<Type>();
        foreach (var s in Strategies.Select(s => s.Strategy).OfType<CustomStrategy>()) Collect(s.Expression, expressions);
        Assert.Multiple(() =>
        {
            Assert.That(rules, Is.EquivalentTo(Concrete<Rule>()), "rules");
            Assert.That(Selectors.Select(s => s.GetType()).Distinct(), Is.EquivalentTo(Concrete<Selector>()), "selectors");
            Assert.That(Strategies.Select(s => s.Strategy.GetType()).Distinct(), Is.EquivalentTo(Concrete<MaskingStrategy>()), "strategies");
            Assert.That(Filters.Select(f => f.Filter.GetType()).Distinct(), Is.EquivalentTo(Concrete<RowFilter>()), "filters");
            Assert.That(Constraints.Select(c => c.GetType()).Distinct(), Is.EquivalentTo(Concrete<NamingConstraint>()), "constraints");
            Assert.That(expressions.Distinct(), Is.EquivalentTo(Concrete<MaskExpression>()), "expressions");
        });

        static void Collect(MaskExpression e, List<Type> into)
        {
            into.Add(e.GetType());
            if (e is CallExpression call) foreach (var a in call.Arguments) Collect(a, into);
        }
    }

    [Test]
    public void EveryPack_RoundTripsThroughTheManifest_ToAnEqualRecord()
    {
        Assert.Multiple(() =>
        {
            foreach (var pack in new[] { Protection(), SelectorPack(), Requirements() })
            {
                var read = RulePackLoader.Parse(ManifestCodec.Write(pack));
                Assert.That(read, Is.EqualTo(pack), pack.Name);
                Assert.That(read.GetHashCode(), Is.EqualTo(pack.GetHashCode()), pack.Name + ": equal records hash alike");
                for (var i = 0; i < pack.Rules.Count; i++) Assert.That(read.Rules[i], Is.EqualTo(pack.Rules[i]).And.Not.SameAs(pack.Rules[i]), pack.Rules[i].Id);
            }
        });
    }

    [Test]
    public void EveryRuleAndSelector_IsEvaluated()
    {
        Assert.Multiple(() =>
        {
            foreach (var pack in new[] { Protection(), SelectorPack(), Requirements() })
            {
                var packs = PackSet.Create(new[] { pack });
                var result = Evaluator.Compile(packs).Evaluate(Mesh);
                foreach (var rule in pack.Rules)
                {
                    var reference = pack.RefOf(rule);
                    var effects = result.Findings.Count(f => f.Rule == reference)
                        + result.Masking.Count(d => d.Matched.Any(m => m.Ref == reference))
                        + result.RowAccess.Count(d => d.Parts.Any(p => p.Rule.Ref == reference));
                    Assert.That(effects, Is.GreaterThan(0), reference + " (" + rule.GetType().Name + ") causes no finding or decision");
                }
                // The analyzers' checks report the same findings through the same per-rule functions.
                Assert.That(Checks.Run(packs, Mesh).Select(f => f.Id + " " + f.Rule + " " + f.Target + " " + f.Message),
                    Is.EqualTo(result.Findings.Select(f => f.Id + " " + f.Rule + " " + f.Target + " " + f.Message)), pack.Name + ": checks and evaluator");
            }
        });
    }

    [Test]
    public void EveryConstraint_ReportsItsFinding()
    {
        var packs = PackSet.Create(new[] { Requirements() });
        var ids = Evaluator.Compile(packs).Evaluate(Mesh).Findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        Assert.That(ids, Is.SupersetOf(new[]
        {
            GovIds.NameCase, GovIds.NamePattern, GovIds.NameSuffix, GovIds.NameTooLong, GovIds.NameReserved,
            GovIds.RequiredTagMissing, GovIds.UnknownTag, GovIds.RequiredMetadataMissing,
        }));
    }

    [TestCase(PlanMode.Column)]
    [TestCase(PlanMode.Tag)]
    public void EveryStrategyAndFilter_IsCompiled_AndSimulated(PlanMode mode)
    {
        var packs = PackSet.Create(new[] { Protection() });
        var result = Evaluator.Compile(packs).Evaluate(Mesh);
        var plan = SnowflakePlanner.Plan(packs, Mesh, result, new PlanOptions { Mode = mode });
        var entitlements = Simulator.DefaultEntitlements(Mesh, result);
        Assert.Multiple(() =>
        {
            Assert.That(plan.Findings.Where(f => f.Severity == Severity.Error), Is.Empty, "the plan compiles every strategy and filter");
            foreach (var (strategy, column, _) in Strategies)
                Assert.That(result.Masking.Single(d => d.Column.Name == column).Strategy, Is.EqualTo(strategy), column);
            Assert.That(result.RowAccess.Select(d => d.Parts.Single().Filter), Is.EquivalentTo(Filters.Select(f => f.Filter)));
            var script = plan.ToSql();
            Assert.That(script, Does.Contain("CREATE ROW ACCESS POLICY"), "filters");
            Assert.That(script, Does.Contain("CREATE MASKING POLICY"), "strategies");
            foreach (var role in new[] { "ANALYST", "PII_READER", "GLOBAL_ANALYST", RoleGraph.Public })
            {
                var simulation = Simulator.Run(packs, Mesh, result, role, new SimulationOptions { Mode = mode, Rows = 8, Entitlements = entitlements });
                DifferentialPropertyTests.AgreesWithTheEvaluator(simulation, Mesh, result, plan, role, entitlements, mode + " as " + role);
            }
        });
    }
}
