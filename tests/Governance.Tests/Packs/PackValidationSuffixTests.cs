using FsCheck;
using FsCheck.Fluent;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Packs;

/// <summary>
/// A pack name, rule id or version is checked whole: a valid one followed by a hostile suffix (a trailing newline,
/// Arabic-Indic or other non-ASCII digits, NUL, a carriage return) is refused, never accepted because a pattern's `$`
/// matched before a final newline or its `\d` matched a digit of another script.
/// </summary>
public sealed class PackValidationSuffixTests
{
    private static readonly string[] Suffixes = { "\n", "\r\n", "\0", "\u0661", "\u0663\u0660", "\u06F1", "\u0966", "\uFF11", "\n\n", " " };
    private static readonly string[] Versions = { "1.0.0", "0.4.12", "10.20.30", "1.0.0-alpha.1", "1.0.0+build.7", "2.1.0-rc.1+sha.5114f85" };
    private static readonly string[] Names = { "acme", "acme.global", "sales_pack-2", "0x" };

    private static RulePack Pack(string name, string version) => new(name, version, PackScope.Global, "board", [], []);

    private static bool Refused(RulePack pack, string path) => PackValidation.Problems(pack).Any(p => p.Path == path);

    [Test]
    public void ValidNamesAndVersions_AreAccepted()
    {
        foreach (var name in Names)
            foreach (var version in Versions)
                Assert.That(PackValidation.Problems(Pack(name, version)), Is.Empty, name + " " + version);
    }

    [TestCase("1.0.0\n")]
    [TestCase("\u0661.0.0")]
    [TestCase("1.\u0660.0")]
    [TestCase("1.0.0-\u0661")]
    [TestCase("1\u0661.0.0")]
    [TestCase("1.0.0-rc.1\u0661")]
    public void HostileVersions_AreNotSemanticVersions(string version) => Assert.That(PackValidation.IsSemVer(version), Is.False);

    /// <summary>Whatever valid name and version, whatever hostile suffix, on the name or the version: refused at that field.</summary>
    [Property(MaxTest = 300)]
    public Property AValidNameOrVersion_WithAHostileSuffix_IsRefused() => Prop.ForAll(
        Arb.From(from name in Gen.Elements(Names)
                 from version in Gen.Elements(Versions)
                 from suffix in Gen.Elements(Suffixes)
                 from onName in Gen.Elements(true, false)
                 select (name, version, suffix, onName)),
        x =>
        {
            var (name, version, suffix, onName) = x;
            return onName
                ? Refused(Pack(name + suffix, version), "$.name") && !Refused(Pack(name + suffix, version), "$.version")
                : Refused(Pack(name, version + suffix), "$.version") && !Refused(Pack(name, version + suffix), "$.name");
        });

    [Property(MaxTest = 200)]
    public Property ARuleId_WithAHostileSuffix_IsRefused() => Prop.ForAll(
        Arb.From(from id in Gen.Elements("mask-email", "R1", "naming.max_length")
                 from suffix in Gen.Elements(Suffixes)
                 select (id, suffix)),
        x =>
        {
            var rule = new NamingRule(x.id + x.suffix, Severity.Warning, "title", "why", TargetLevel.Column, Selector.NameMatches(".*"), new MaxLengthConstraint(30));
            var pack = new RulePack("acme", "1.0.0", PackScope.Global, "board", [], [rule]);
            return PackValidation.Problems(pack).Any(p => p.Path == "$.rules[0].id");
        });

    /// <summary>A waiver's glob matches the whole target: a target with a trailing newline is another target.</summary>
    [TestCase("SALES.ORDERS.EMAIL", "SALES.ORDERS.EMAIL\n")]
    [TestCase("SALES.*.EMAIL", "SALES.ORDERS.EMAIL\n")]
    [TestCase("**", "")]
    public void AWaiverGlob_DoesNotCoverATargetWithATrailingNewline(string glob, string target)
    {
        var waiver = new Waiver("acme/mask-email", glob, "why", "owner", new DateOnly(2030, 1, 1));
        Assert.That(waiver.Covers("acme/mask-email", target), Is.EqualTo(target.Length == 0), glob);
        if (target.Length > 0) Assert.That(waiver.Covers("acme/mask-email", target.TrimEnd('\n')), Is.True);
    }
}
