using static Governance.Tests.Evaluation.Mesh;

namespace Governance.Tests.Evaluation;

/// <summary>
/// Fail closed by default: a pack that declares a taxonomy enforces it (issue 11's first-day trial: a snapshot with
/// <c>"PII": "emial"</c> and a tag spelled <c>CLASIFICATION</c> checked clean). The enforcement is a rule in the manifest,
/// so the analyzers, the evaluator and the published pack agree.
/// </summary>
public class TaxonomyDefaultTests
{
    /// <summary>A board's first pack, as the trial wrote it: a taxonomy and a masking rule, no EnforceTaxonomy.</summary>
    private static RulePackBuilder FirstPack() => RulePackBuilder.Global("board", "1.0.0", "board")
        .Tag("PII", "", "email", "phone")
        .Tag("CLASSIFICATION", "", "public", "internal")
        .Masking("mask.email", "Mask e-mail", r => r.Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain));

    private static MetadataSnapshot TrialMesh() => Snapshot(Table("CUSTOMERS",
        Col("EMAIL", "VARCHAR(256)", ("PII", "emial")),
        Col("REGION", "VARCHAR(16)", ("CLASIFICATION", "internal"))));

    [Test]
    public void PackDeclaringATaxonomy_ReportsAMisspeltValueAsErrorAndAMisspeltTagAsWarning()
    {
        var result = Evaluate(TrialMesh(), FirstPack().Build());

        Assert.That(result.Findings.Select(f => (f.Id, f.Severity, f.Rule, f.Target, f.Message)), Is.EqualTo(new[]
        {
            (GovIds.TagValueNotAllowed, Severity.Error, "board/taxonomy", "SALES.ORDERS.CUSTOMERS.EMAIL",
                "tag `PII` on column `EMAIL` has value `emial`, expected one of `email`, `phone`; did you mean `email`?"),
            (GovIds.UnknownTag, Severity.Warning, "board/taxonomy", "SALES.ORDERS.CUSTOMERS.REGION",
                "tag `CLASIFICATION` on column `REGION` is not declared in any taxonomy; did you mean `CLASSIFICATION`?"),
        }));
        Assert.That(result.HasUnwaivedAtLeast(Severity.Error), Is.True, "the check fails: the e-mail column is not masked");
    }

    [Test]
    public void DefaultRule_IsInTheManifest_AndReadBackTheSame()
    {
        var pack = FirstPack().Build();
        var json = ManifestCodec.Write(pack);

        var rule = pack.Rules.OfType<TaxonomyRule>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(rule.Id, Is.EqualTo(TaxonomyRule.DefaultId));
            Assert.That((rule.Severity, rule.UnknownTagSeverity), Is.EqualTo((Severity.Error, (Severity?)Severity.Warning)));
            Assert.That(json, Does.Contain("\"rejectUnknownTags\": true,\n        \"type\": \"taxonomy\",\n        \"unknownTagSeverity\": \"warning\""));
            Assert.That(ManifestCodec.Write(RulePackLoader.Parse(json)), Is.EqualTo(json));
        });
    }

    [Test]
    public void DoNotEnforceTaxonomy_IsTheExplicitOptOut()
    {
        var pack = FirstPack().DoNotEnforceTaxonomy().Build();

        Assert.That(pack.Rules.OfType<TaxonomyRule>(), Is.Empty);
        Assert.That(Evaluate(TrialMesh(), pack).Findings, Is.Empty);
    }

    [Test]
    public void OwnTaxonomyRule_ReplacesTheDefault()
    {
        var pack = FirstPack().EnforceTaxonomy("tags.taxonomy", "Tags use the taxonomy").Build();

        Assert.That(pack.Rules.OfType<TaxonomyRule>().Select(r => (r.Id, r.UnknownTagSeverity)), Is.EqualTo(new[] { ("tags.taxonomy", (Severity?)Severity.Warning) }));
    }

    [TestCase(false, false, Severity.Warning)]
    [TestCase(true, false, Severity.Error)]
    [TestCase(false, true, null)]
    public void EnforceTaxonomy_UnknownTags_WarningByDefault_ErrorWhenRejected_NoneWhenAllowed(bool reject, bool allow, Severity? expected)
    {
        var pack = FirstPack().EnforceTaxonomy("tax", "t", r =>
        {
            if (reject) r.RejectUnknownTags();
            if (allow) r.AllowUnknownTags();
        }).Build();

        var unknown = Evaluate(TrialMesh(), pack).Findings.Where(f => f.Id == GovIds.UnknownTag).Select(f => (Severity?)f.Severity);

        Assert.That(unknown, Is.EqualTo(expected is null ? Array.Empty<Severity?>() : new[] { expected }));
    }

    [Test]
    public void EnforcingAndOptingOut_IsRefused()
    {
        var e = Assert.Throws<InvalidOperationException>(() => FirstPack().EnforceTaxonomy("tax", "t").DoNotEnforceTaxonomy().Build())!;
        Assert.That(e.Message, Does.Contain("`EnforceTaxonomy`").And.Contain("`DoNotEnforceTaxonomy`"));
    }

    [Test]
    public void ARuleAlreadyNamedTaxonomy_IsRefusedWithWhatToDo()
    {
        var e = Assert.Throws<InvalidOperationException>(() => FirstPack()
            .RequireTag(TaxonomyRule.DefaultId, "PII on e-mail columns", r => r.OnColumns(Select.NameContains("EMAIL")).Tag("PII")).Build())!;
        Assert.That(e.Message, Does.Contain("already has that ID").And.Contain("DoNotEnforceTaxonomy()"));
    }

    [Test]
    public void PackWithoutTaxonomy_GetsNoTaxonomyRule()
        => Assert.That(RulePackBuilder.Global("p", "1.0.0", "b").Naming("n", "n", r => r.Columns().UpperSnakeCase()).Build().Rules.OfType<TaxonomyRule>(), Is.Empty);

    /// <summary>How a manifest written before the default is read: as written, hash intact.</summary>
    [Test]
    public void ManifestWrittenBeforeTheDefault_LoadsAsWritten()
    {
        var old = new RulePack("old", "1.0.0", PackScope.Global, "board",
            new[] { new TagDefinition("PII", new[] { "email" }, "") },
            new Rule[] { new TaxonomyRule("tags.taxonomy", Severity.Error, "t", "", Severity.Error) });
        // What the tool wrote before unknownTagSeverity existed: rejectUnknownTags and type only.
        var json = ManifestCodec.Write(old);
        Assert.That(json, Does.Contain("\"rejectUnknownTags\": true,\n        \"type\": \"taxonomy\"\n"));

        var loaded = RulePackLoader.Parse(json);

        Assert.That(loaded.Rules.OfType<TaxonomyRule>().Single().UnknownTagSeverity, Is.EqualTo(Severity.Error));
        var noRule = new RulePack("bare", "1.0.0", PackScope.Global, "board", new[] { new TagDefinition("PII", new[] { "email" }, "") }, Array.Empty<Rule>());
        Assert.That(RulePackLoader.Parse(ManifestCodec.Write(noRule)).Rules, Is.Empty, "a manifest without a taxonomy rule enforces nothing");
    }

    [Test]
    public void UnknownTagSeverityWithoutRejectUnknownTags_IsAShapeError()
    {
        var json = ManifestCodec.Write(FirstPack().Build()).Replace("\"rejectUnknownTags\": true", "\"rejectUnknownTags\": false", StringComparison.Ordinal);
        var e = Assert.Throws<JsonShapeException>(() => ManifestCodec.Read(json, out _))!;
        Assert.That((e.Path, e.Problem), Is.EqualTo(("$.rules[1].requirement.unknownTagSeverity", "`unknownTagSeverity` needs `\"rejectUnknownTags\": true`")));
    }

    [Test]
    public void DomainTaxonomyRule_ReportingUnknownTagsLessSeverely_WeakensTheGlobalOne()
    {
        var global = RulePackBuilder.Global("g", "1.0.0", "b").Tag("PII", "", "email")
            .EnforceTaxonomy("tax", "t", r => r.RejectUnknownTags()).Build();
        var domain = RulePackBuilder.ForDomain("sales", "d", "1.0.0", "b")
            .EnforceTaxonomy("tax", "t", r => r.Tightens("g/tax")).Build();

        var e = Assert.Throws<GovernanceInputException>(() => PackSet.Create(new[] { global, domain }))!;
        Assert.That((e.GovId, e.Problem), Is.EqualTo((GovIds.DomainRuleWeakensGlobal,
            "rule `tax` of domain pack `d` weakens global rule `g/tax`: it reports unknown tags as warning, lower than error")));
    }
}
