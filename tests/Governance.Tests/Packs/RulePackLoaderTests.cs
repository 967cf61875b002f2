using Governance.Tests.Evaluation;

namespace Governance.Tests.Packs;

/// <summary>Bad rule packs are refused with the file, the JSON path and what was expected.</summary>
public class RulePackLoaderTests
{
    private static string ManifestOf(RulePack pack) => ManifestCodec.Write(pack);

    private static RulePack Raw(string version, IReadOnlyList<TagDefinition> taxonomy, params Rule[] rules)
        => new("p", version, PackScope.Global, "board", taxonomy, rules);

    private static GovernanceInputException Refused(RulePack pack)
        => Assert.Throws<GovernanceInputException>(() => RulePackLoader.Parse(ManifestOf(pack), "p.rulepack.json"))!;

    [Test]
    public void Load_RuleUsingUndeclaredTag_IsRefusedAtItsPath()
    {
        var rule = new TagRequirementRule("r", Severity.Error, "t", "", TargetLevel.Column, "OWNER_TEAM", Selector.Always);
        var e = Refused(Raw("1.0.0", Array.Empty<TagDefinition>(), rule));
        Assert.That((e.GovId, e.File, e.JsonPath, e.Problem), Is.EqualTo((GovIds.InvalidRulePack, "p.rulepack.json", "$.rules[0].requirement.tag", "tag `OWNER_TEAM` is not declared in the taxonomy")));
    }

    [Test]
    public void Load_SelectorWithDisallowedTagValue_IsRefused()
    {
        var tags = new[] { new TagDefinition("PII", new[] { "email" }, "") };
        var rule = new MaskingRule("m", Severity.Error, "t", "", Selector.TagIn("PII", "emial"), NullifyStrategy.Instance, Array.Empty<string>());
        var e = Refused(Raw("1.0.0", tags, rule));
        Assert.That((e.JsonPath, e.Problem), Is.EqualTo(("$.rules[0].columns.values", "`emial` is not an allowed value of tag `PII`")));
    }

    [Test]
    public void Load_InvalidRegex_IsRefusedNamingThePattern()
    {
        var rule = new NamingRule("n", Severity.Warning, "t", "", TargetLevel.Column, Selector.Always, new PatternConstraint("^[A-Z+$"));
        var e = Refused(Raw("1.0.0", Array.Empty<TagDefinition>(), rule));
        Assert.Multiple(() =>
        {
            Assert.That(e.JsonPath, Is.EqualTo("$.rules[0].constraint.pattern"));
            Assert.That(e.Problem, Does.StartWith("invalid regular expression `^[A-Z+$`"));
        });
    }

    [TestCase("1.0")]
    [TestCase("v1.0.0")]
    [TestCase("01.2.3")]
    public void Load_InvalidSemver_IsRefused(string version)
    {
        var e = Refused(Raw(version, Array.Empty<TagDefinition>()));
        Assert.That((e.JsonPath, e.Problem), Is.EqualTo(("$.version", "`" + version + "` is not a semantic version (expected MAJOR.MINOR.PATCH, like 1.4.0)")));
    }

    [Test]
    public void Load_DuplicateRuleIds_IsRefused()
    {
        var a = new NamingRule("same", Severity.Warning, "a", "", TargetLevel.Column, Selector.Always, new MaxLengthConstraint(10));
        var b = new NamingRule("same", Severity.Warning, "b", "", TargetLevel.Column, Selector.Always, new MaxLengthConstraint(20));
        var e = Refused(Raw("1.0.0", Array.Empty<TagDefinition>(), a, b));
        Assert.That(e.Problem, Is.EqualTo("rule id `same` is used twice"));
    }

    [Test]
    public void Load_ValidManifestWithoutHash_IsRefusedAsUnpublished()
    {
        var json = ManifestOf(Mesh.Pack().Build());
        var withoutHash = string.Join("\n", json.Split('\n').Where(l => !l.Contains("\"contentHash\"", StringComparison.Ordinal)));
        var e = Assert.Throws<GovernanceInputException>(() => RulePackLoader.Parse(withoutHash, "p.rulepack.json"))!;
        Assert.That((e.GovId, e.JsonPath), Is.EqualTo((GovIds.RulePackHashMismatch, "$.contentHash")));
    }

    [Test]
    public void Load_ReformattedButUnchangedManifest_StillVerifies()
    {
        var pack = Mesh.Pack().Build();
        var reformatted = ManifestOf(pack).Replace("\n  ", "\n        ", StringComparison.Ordinal);
        Assert.That(ManifestCodec.Write(RulePackLoader.Parse(reformatted)), Is.EqualTo(ManifestOf(pack)), "the hash covers the content, not the layout");
    }

    [Test]
    public void Load_MissingFile_IsInputErrorNotACrash()
    {
        var e = Assert.Throws<GovernanceInputException>(() => RulePackLoader.LoadFile("/nonexistent/x.rulepack.json"))!;
        Assert.That(e.Message, Is.EqualTo("/nonexistent/x.rulepack.json: the directory does not exist; expected a rule pack manifest (*.rulepack.json)"));
    }
}
