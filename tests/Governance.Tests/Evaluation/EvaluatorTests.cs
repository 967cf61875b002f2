using static Governance.Tests.Evaluation.Mesh;

namespace Governance.Tests.Evaluation;

public class EvaluatorTests
{
    private static readonly RulePack MaskingPack = Pack()
        .Masking("email", "e-mail", r => r.Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain).RevealTo("PII_READER"))
        .Masking("phone", "phone", r => r.Columns(Select.Tag("PII", "phone")).With(Mask.KeepLast(4)).RevealTo("PII_READER"))
        .Masking("ssn", "ssn", r => r.Columns(Select.Tag("PII", "ssn")).With(Mask.Redact()).RevealTo("PII_READER"))
        .Masking("money", "money", r => r.Columns(Select.Tag("SENSITIVITY", "restricted") & Select.Type(DataTypeFamily.Numeric)).With(Mask.Nullify).RevealTo("FINANCE_READER"))
        .Build();

    [Test]
    public void Evaluate_ColumnTaggedEmail_IsMaskedWithEmailDomainAndClearForPiiReaderAndItsGrantees()
    {
        var result = Evaluate(Snapshot(Table("ORDERS", Col("CUSTOMER_EMAIL", "VARCHAR(256)", ("PII", "email")))), MaskingPack);
        var decision = result.Masking.Single();
        var roles = RoleGraph.TryBuild(Roles(), out _)!;
        Assert.Multiple(() =>
        {
            Assert.That(decision.Target, Is.EqualTo("SALES.ORDERS.ORDERS.CUSTOMER_EMAIL"));
            Assert.That(decision.Strategy, Is.SameAs(EmailDomainStrategy.Instance));
            Assert.That(decision.Rule.Ref, Is.EqualTo("p/email"));
            Assert.That(decision.IsClearFor(roles, "ANALYST"), Is.False);
            Assert.That(decision.IsClearFor(roles, "PII_READER"), Is.True);
            Assert.That(decision.IsClearFor(roles, "DATA_ENGINEER"), Is.True, "DATA_ENGINEER inherits PII_READER");
            Assert.That(result.Findings, Is.Empty);
        });
    }

    [Test]
    public void Evaluate_UntaggedColumn_HasNoMaskingDecision()
    {
        var result = Evaluate(Snapshot(Table("ORDERS", Col("ORDER_ID", "NUMBER"))), MaskingPack);
        Assert.That(result.Masking, Is.Empty);
    }

    [Test]
    public void Evaluate_TagInheritedFromDataset_SelectsColumn()
    {
        var dataset = TableTagged("PAYROLL", new[] { ("SENSITIVITY", "restricted") }, Col("SALARY", "NUMBER(12,2)"), Col("NOTE", "VARCHAR(10)"));
        var result = Evaluate(Snapshot(dataset), MaskingPack);
        Assert.That(result.Masking.Select(d => d.Target), Is.EqualTo(new[] { "SALES.ORDERS.PAYROLL.SALARY" }), "only the numeric column matches the type family");
    }

    [Test]
    public void Evaluate_StrategyThatCannotReturnColumnType_NullifiesAndReportsGov1002()
    {
        var result = Evaluate(Snapshot(Table("PEOPLE", Col("SSN_NUMBER", "NUMBER(9,0)", ("PII", "ssn")))), MaskingPack);
        Assert.Multiple(() =>
        {
            Assert.That(result.Masking.Single().Strategy, Is.SameAs(NullifyStrategy.Instance), "fail closed: never clear");
            var f = result.Findings.Single();
            Assert.That(f.Id, Is.EqualTo(GovIds.MaskingStrategyTypeMismatch));
            Assert.That(f.Severity, Is.EqualTo(Severity.Error));
            Assert.That(f.Message, Does.Contain("`redact`").And.Contain("NUMBER(9,0)"));
        });
    }

    [Test]
    public void Evaluate_TwoMaskingRulesMatch_MostRestrictiveWinsAndConflictIsReported()
    {
        var column = Col("SSN_NUMBER", "NUMBER(9,0)", ("PII", "ssn"), ("SENSITIVITY", "restricted"));
        var result = Evaluate(Snapshot(Table("PEOPLE", column)), MaskingPack);
        var decision = result.Masking.Single();
        Assert.Multiple(() =>
        {
            Assert.That(decision.Rule.Ref, Is.EqualTo("p/money"), "nullify (rank 0) beats redact (rank 1)");
            var roles = RoleGraph.TryBuild(Roles(), out _)!;
            Assert.That(decision.IsClearFor(roles, "FINANCE_READER"), Is.False, "deny overrides: p/ssn does not reveal to FINANCE_READER");
            Assert.That(decision.IsClearFor(roles, "PII_READER"), Is.False, "deny overrides: p/money does not reveal to PII_READER");
            Assert.That(result.Findings.Select(f => f.Id), Is.EqualTo(new[] { GovIds.MaskingConflict }));
            Assert.That(result.Findings[0].Message, Does.Contain("`p/money`, `p/ssn`"));
        });
    }

    [Test]
    public void Evaluate_ConditionalMaskingWithConsentColumn_RevealsOnlyWhenConditionHolds()
    {
        var pack = Pack().Masking("email", "e", r => r.Columns(Select.Tag("PII", "email")).With(Mask.Redact()).RevealTo("ANALYST").OnlyWhen("HAS_CONSENT")).Build();
        var result = Evaluate(Snapshot(Table("T", Col("EMAIL", "VARCHAR(100)", ("PII", "email")), Col("HAS_CONSENT", "BOOLEAN"))), pack);
        var d = result.Masking.Single();
        var roles = RoleGraph.TryBuild(Roles(), out _)!;
        Assert.Multiple(() =>
        {
            Assert.That(d.Conditions.Single().Column, Is.EqualTo("HAS_CONSENT"));
            Assert.That(d.IsClearFor(roles, "ANALYST", conditionsHold: true), Is.True);
            Assert.That(d.IsClearFor(roles, "ANALYST", conditionsHold: false), Is.False);
            Assert.That(result.Findings, Is.Empty);
        });
    }

    [Test]
    public void Evaluate_AddedRuleWithBroaderRevealRoles_CannotUnmaskAColumn()
    {
        var pack = Pack()
            .Masking("strict", "s", r => r.Columns(Select.Tag("PII", "email")).With(Mask.Redact()).RevealTo("PII_READER"))
            .Masking("loose", "l", r => r.Columns(Select.Tag("PII")).With(Mask.Nullify).RevealTo("ANALYST", "PII_READER"))
            .Build();
        var d = Evaluate(Snapshot(Table("T", Col("EMAIL", "VARCHAR(100)", ("PII", "email")))), pack).Masking.Single();
        var roles = RoleGraph.TryBuild(Roles(), out _)!;
        Assert.Multiple(() =>
        {
            Assert.That(d.Rule.Ref, Is.EqualTo("p/loose"), "nullify is the more restrictive strategy");
            Assert.That(d.IsClearFor(roles, "ANALYST"), Is.False, "p/strict does not reveal to ANALYST");
            Assert.That(d.IsClearFor(roles, "PII_READER"), Is.True);
        });
    }

    [Test]
    public void Evaluate_ConditionalMaskingWithoutConditionColumn_MasksForEveryoneAndReportsGov1003()
    {
        var pack = Pack().Masking("email", "e", r => r.Columns(Select.Tag("PII", "email")).With(Mask.Redact()).RevealTo("ANALYST").OnlyWhen("HAS_CONSENT")).Build();
        var result = Evaluate(Snapshot(Table("T", Col("EMAIL", "VARCHAR(100)", ("PII", "email")))), pack);
        var roles = RoleGraph.TryBuild(Roles(), out _)!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Masking.Single().IsClearFor(roles, "ANALYST"), Is.False);
            Assert.That(result.Findings.Single().Id, Is.EqualTo(GovIds.MaskingConditionColumnMissing));
        });
    }

    [TestCase("VARCHAR(10)", "redact", true)]
    [TestCase("NUMBER(10,2)", "redact", false)]
    [TestCase("VARCHAR(10)", "nullify", true)]
    [TestCase("BOOLEAN", "nullify", true)]
    [TestCase("DATE", "truncate", true)]
    [TestCase("TIMESTAMP_LTZ", "truncate", true)]
    [TestCase("VARCHAR(10)", "truncate", false)]
    [TestCase("NUMBER", "constant-number", true)]
    [TestCase("VARCHAR(10)", "constant-number", false)]
    [TestCase("VARCHAR(10)", "custom-text", true)]
    [TestCase("NUMBER", "custom-text", false)]
    [TestCase("VARCHAR(10)", "hash", true)]
    [TestCase("DATE", "hash", false)]
    public void Evaluate_StrategySupportsOnlyTypesItCanReturn(string type, string strategy, bool supported)
    {
        MaskingStrategy s = strategy switch
        {
            "redact" => Mask.Redact(),
            "nullify" => Mask.Nullify,
            "truncate" => Mask.TruncateTo(DatePart.Month),
            "constant-number" => Mask.Constant(0m),
            "custom-text" => Mask.Custom(Expr.Concat(Expr.Left(Expr.Value, 2), Expr.Text("***"))),
            _ => Mask.Sha256(),
        };
        var pack = Pack().Masking("m", "m", r => r.Columns(Select.Tag("SENSITIVITY")).With(s)).Build();
        var result = Evaluate(Snapshot(Table("T", Col("C", type, ("SENSITIVITY", "internal")))), pack);
        Assert.That(result.Findings.Any(f => f.Id == GovIds.MaskingStrategyTypeMismatch), Is.EqualTo(!supported));
        Assert.That(result.Masking.Single().Strategy, supported ? Is.SameAs(s) : Is.SameAs(NullifyStrategy.Instance));
    }

    [Test]
    public void Evaluate_RowAccessOnDatasetsWithRegion_DecidesPerDatasetWithBypass()
    {
        var pack = Pack().RowAccess("region", "r", r => r.Datasets(Select.HasColumn("^REGION$"))
            .Entitlements("REGION", "GOV", "SEC", "REGION_MAP", "ROLE_NAME", "REGION").Bypass("GLOBAL_ANALYST")).Build();
        var result = Evaluate(Snapshot(Table("ORDERS", Col("REGION", "VARCHAR(16)")), Table("PRODUCTS", Col("SKU"))), pack);
        var d = result.RowAccess.Single();
        Assert.Multiple(() =>
        {
            Assert.That(d.Target, Is.EqualTo("SALES.ORDERS.ORDERS"));
            Assert.That(d.Columns, Is.EqualTo(new[] { "REGION" }));
            Assert.That(d.BypassRoles, Is.EqualTo(new[] { "GLOBAL_ANALYST" }));
            Assert.That(d.Filter, Is.TypeOf<EntitlementFilter>());
        });
    }

    [Test]
    public void Evaluate_RowAccessFilterColumnMissing_DeniesAllButBypassAndReportsGov2002()
    {
        var pack = Pack().RowAccess("active", "a", r => r.Datasets(Select.Everything).Where("IS_ACTIVE", ComparisonOperator.Equal, true)).Build();
        var result = Evaluate(Snapshot(Table("ORDERS", Col("ID", "NUMBER"))), pack);
        Assert.Multiple(() =>
        {
            Assert.That(result.RowAccess.Single().Columns, Is.Empty);
            Assert.That(result.Findings.Single().Id, Is.EqualTo(GovIds.RowAccessColumnMissing));
        });
    }

    [Test]
    public void Evaluate_TwoRowAccessRules_BothApplyAndConflictIsReported()
    {
        var pack = Pack()
            .RowAccess("a", "a", r => r.Datasets(Select.Everything).Where("ID", ComparisonOperator.Greater, 0m).Bypass("GLOBAL_ANALYST", "ANALYST"))
            .RowAccess("b", "b", r => r.Datasets(Select.Everything).Where("ID", ComparisonOperator.Greater, 10m).Bypass("GLOBAL_ANALYST"))
            .Build();
        var result = Evaluate(Snapshot(Table("ORDERS", Col("ID", "NUMBER"))), pack);
        var d = result.RowAccess.Single();
        var roles = RoleGraph.TryBuild(Roles(), out _)!;
        Assert.Multiple(() =>
        {
            Assert.That(d.Parts.Select(p => p.Rule.Ref), Is.EqualTo(new[] { "p/b", "p/a" }), "fewest bypass roles first");
            Assert.That(d.Bypasses(roles, "GLOBAL_ANALYST"), Is.True);
            Assert.That(d.Bypasses(roles, "ANALYST"), Is.False, "deny overrides: p/b does not let ANALYST bypass");
            Assert.That(result.Findings.Single().Id, Is.EqualTo(GovIds.RowAccessConflict));
        });
    }

    [Test]
    public void Evaluate_RequiredTagMissing_ReportsGov3001WithRuleSeverity_AndInheritedTagSatisfiesIt()
    {
        var pack = Pack().RequireTag("sens", "s", r => r.OnColumns().Tag("SENSITIVITY").AsWarning()).Build();
        var result = Evaluate(Snapshot(
            Table("A", Col("X")),
            TableTagged("B", new[] { ("SENSITIVITY", "internal") }, Col("Y"))), pack);
        var f = result.Findings.Single();
        Assert.Multiple(() =>
        {
            Assert.That(f.Id, Is.EqualTo(GovIds.RequiredTagMissing));
            Assert.That(f.Target, Is.EqualTo("SALES.ORDERS.A.X"));
            Assert.That(f.Severity, Is.EqualTo(Severity.Warning));
            Assert.That(f.Message, Is.EqualTo("column `X` has no tag `SENSITIVITY`"));
        });
    }

    [Test]
    public void Evaluate_ConditionalTagRequirement_OnlyForMatchingNames()
    {
        var pack = Pack().RequireTag("pii", "p", r => r.OnColumns(Select.NameContains("EMAIL", "PHONE")).Tag("PII")).Build();
        var result = Evaluate(Snapshot(Table("A", Col("BILLING_EMAIL"), Col("AMOUNT", "NUMBER"), Col("PHONE", "VARCHAR(20)", ("PII", "phone")))), pack);
        Assert.That(result.Findings.Select(f => f.Target), Is.EqualTo(new[] { "SALES.ORDERS.A.BILLING_EMAIL" }));
    }

    [Test]
    public void Evaluate_TaxonomyRule_ReportsDisallowedValuesAndUnknownTags()
    {
        var pack = Pack().EnforceTaxonomy("tax", "t", r => r.RejectUnknownTags()).Build();
        var result = Evaluate(Snapshot(TableTagged("A", new[] { ("COST_CENTER", "cc-1") }, Col("X", "VARCHAR(5)", ("SENSITIVITY", "secret")))), pack);
        Assert.That(result.Findings.Select(f => (f.Id, f.Target)), Is.EquivalentTo(new[]
        {
            (GovIds.UnknownTag, "SALES.ORDERS.A"),
            (GovIds.TagValueNotAllowed, "SALES.ORDERS.A.X"),
        }));
    }

    [Test]
    public void Evaluate_ProductWithoutOwner_ReportsGov3004()
    {
        var pack = Pack().RequireMetadata("owner", "o", r => r.Owner()).Build();
        var snapshot = new MetadataSnapshot(Roles(), new[] { new Domain("sales", null, new[] { new DataProduct("orders", null, null, "SALES", "ORDERS", Array.Empty<Dataset>()) }) });
        var f = Evaluate(snapshot, pack).Findings.Single();
        Assert.That((f.Id, f.Target, f.Message), Is.EqualTo((GovIds.RequiredMetadataMissing, "SALES.ORDERS", "product `sales/orders` has no owner")));
    }

    [TestCase("customerEmail", GovIds.NameCase, "column name `customerEmail` is not UPPER_SNAKE; expected `CUSTOMER_EMAIL`")]
    [TestCase("ORDER", GovIds.NameReserved, "column name `ORDER` is a Snowflake reserved word")]
    [TestCase("ACTIVE", GovIds.NamePrefix, "column name `ACTIVE` does not start with `HAS_` or `IS_`")]
    [TestCase("CREATED_TS", GovIds.NameSuffix, "column name `CREATED_TS` does not end with `_AT`")]
    public void Evaluate_NamingRules_ReportTheViolatedConstraint(string column, string id, string message)
    {
        var pack = Pack()
            .Naming("case", "c", r => r.Columns().UpperSnakeCase())
            .Naming("reserved", "r", r => r.Columns().NotReservedWord())
            .Naming("bool", "b", r => r.Columns(Select.Type(DataTypeFamily.Boolean)).StartsWith("IS_", "HAS_"))
            .Naming("ts", "t", r => r.Columns(Select.Type(DataTypeFamily.Timestamp)).EndsWith("_AT"))
            .Build();
        var type = column == "ACTIVE" ? "BOOLEAN" : column == "CREATED_TS" ? "TIMESTAMP_NTZ" : "VARCHAR(10)";
        var f = Evaluate(Snapshot(Table("A", Col(column, type))), pack).Findings.Single();
        Assert.That((f.Id, f.Message, f.Severity), Is.EqualTo((id, message, Severity.Warning)));
    }

    [Test]
    public void Evaluate_MaxLengthAndPatternWithDomainPlaceholder()
    {
        var pack = Pack()
            .Naming("len", "l", r => r.Columns().MaxLength(10))
            .Naming("prefix", "p", r => r.Datasets().StartsWith("{DOMAIN}_"))
            .Build();
        var result = Evaluate(Snapshot("sales", Table("SALES_ORDERS", Col("A_VERY_LONG_NAME")), Table("ORDERS", Col("ID"))), pack);
        Assert.That(result.Findings.Select(f => (f.Id, f.Target)), Is.EquivalentTo(new[]
        {
            (GovIds.NameTooLong, "SALES.ORDERS.SALES_ORDERS.A_VERY_LONG_NAME"),
            (GovIds.NamePrefix, "SALES.ORDERS.ORDERS"),
        }));
    }

    [Test]
    public void Evaluate_DomainPackTightening_AppliesOnlyInItsDomain()
    {
        var global = Pack("g").Naming("len", "l", r => r.Columns().MaxLength(20)).Build();
        var finance = RulePackBuilder.ForDomain("finance", "f", "1.0.0", "finance").Naming("len", "l", r => r.Tightens("g/len").Columns().MaxLength(10)).Build();
        var evaluator = Evaluator.Compile(PackSet.Create(new[] { global, finance }));
        var column = Table("T", Col("FIFTEEN_CHARS_X"));
        Assert.Multiple(() =>
        {
            Assert.That(evaluator.Evaluate(Snapshot("sales", column)).Findings, Is.Empty);
            var f = evaluator.Evaluate(Snapshot("finance", column)).Findings.Single();
            Assert.That((f.Id, f.Rule), Is.EqualTo((GovIds.NameTooLong, "f/len")));
        });
    }

    [Test]
    public void PackSet_DomainRuleThatWeakensGlobal_IsRefusedWithGov9004()
    {
        var global = Pack("g").Masking("email", "e", r => r.Columns(Select.Tag("PII", "email")).With(Mask.Redact()).RevealTo("PII_READER")).Build();
        var weaker = RulePackBuilder.ForDomain("sales", "s", "1.0.0", "sales")
            .Masking("email", "e", r => r.Tightens("g/email").Columns(Select.Tag("PII", "email")).With(Mask.KeepLast(4)).RevealTo("PII_READER", "ANALYST")).Build();
        var e = Assert.Throws<GovernanceInputException>(() => PackSet.Create(new[] { global, weaker }))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.GovId, Is.EqualTo(GovIds.DomainRuleWeakensGlobal));
            Assert.That(e.JsonPath, Is.EqualTo("$.rules[0]"));
            Assert.That(e.Problem, Does.Contain("weakens global rule `g/email`").And.Contain("keepLast(4)"));
        });
    }

    [Test]
    public void PackSet_DomainTaxonomyWideningGlobalAllowedValues_IsRefused()
    {
        var global = Pack("g").Build();
        var domain = RulePackBuilder.ForDomain("sales", "s", "1.0.0", "sales").Tag("PII", "", "email", "phone", "ssn", "hobby").Build();
        var e = Assert.Throws<GovernanceInputException>(() => PackSet.Create(new[] { global, domain }))!;
        Assert.That(e.Problem, Does.Contain("`hobby`"));
    }

    [Test]
    public void PackSet_DomainRuleTighteningUnknownRule_IsRefused()
    {
        var global = Pack("g").Build();
        var domain = RulePackBuilder.ForDomain("sales", "s", "1.0.0", "sales").Naming("x", "x", r => r.Tightens("g/nope").Columns().MaxLength(5)).Build();
        Assert.That(() => PackSet.Create(new[] { global, domain }), Throws.TypeOf<GovernanceInputException>().With.Message.Contains("`g/nope`"));
    }

    [Test]
    public void Evaluate_ActiveWaiver_MarksFindingWaived_AndExpiredWaiverNoLongerApplies()
    {
        var pack = Pack().RequireTag("sens", "s", r => r.OnColumns().Tag("SENSITIVITY")).Build();
        var evaluator = Evaluator.Compile(PackSet.Create(new[] { pack }));
        var snapshot = Snapshot(Table("A", Col("X")), Table("B", Col("Y")));
        var waiver = new Waiver("p/sens", "SALES.ORDERS.A.*", "legacy table", "owner@acme.example", new DateOnly(2026, 12, 31));
        var before = evaluator.Evaluate(snapshot, new[] { waiver }, new FixedTime(new DateTimeOffset(2026, 12, 31, 23, 59, 0, TimeSpan.Zero)));
        var after = evaluator.Evaluate(snapshot, new[] { waiver }, new FixedTime(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Multiple(() =>
        {
            Assert.That(before.Findings.Where(f => f.Waived).Select(f => f.Target), Is.EqualTo(new[] { "SALES.ORDERS.A.X" }));
            Assert.That(before.Summary.Errors, Is.EqualTo(1));
            Assert.That(after.Findings.Where(f => f.Waived), Is.Empty);
            Assert.That(after.Findings.Count(f => f.Id == GovIds.WaiverExpired), Is.EqualTo(1));
            Assert.That(after.Summary.Errors, Is.EqualTo(2));
        });
    }

    [TestCase("SALES.ORDERS.*.X", "SALES.ORDERS.A.X", true)]
    [TestCase("SALES.ORDERS.*", "SALES.ORDERS.A.X", false)]
    [TestCase("SALES.**", "SALES.ORDERS.A.X", true)]
    [TestCase("SALES.ORDERS.A.?", "SALES.ORDERS.A.X", true)]
    [TestCase("SALES.ORDERS.A.X", "SALES.ORDERS.A.XY", false)]
    public void Waiver_TargetGlob_StarStaysWithinSegment(string glob, string target, bool covers)
        => Assert.That(new Waiver("p/r", glob, "r", "o", new DateOnly(2030, 1, 1)).Covers("p/r", target), Is.EqualTo(covers));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
