using System.Text;

namespace Governance.Tests.Manifests;

/// <summary>
/// The writer's exact output for a small pack is pinned in <c>golden/small.rulepack.json</c>: any change to the
/// manifest format (key order, escaping, indentation, hashing) fails here and must be a deliberate, reviewed change.
/// To regenerate after such a change, run once with <c>GOVERNANCE_UPDATE_GOLDEN=1</c> (the test then fails), review the
/// diff, and commit the file.
/// </summary>
public sealed class ManifestGoldenTests
{
    private const string GoldenName = "small.rulepack.json";

    [Test]
    public void SmallPack_WritesTheGoldenManifest_ByteForByte()
    {
        var actual = Encoding.UTF8.GetBytes(ManifestCodec.Write(GoldenPacks.Small()));
        var path = GoldenPath(GoldenName);
        if (Environment.GetEnvironmentVariable("GOVERNANCE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(path, actual);
            Assert.Fail("wrote " + path + "; review it and run again without GOVERNANCE_UPDATE_GOLDEN");
        }

        var expected = File.ReadAllBytes(path);
        Assert.That(Encoding.UTF8.GetString(actual), Is.EqualTo(Encoding.UTF8.GetString(expected)), "the manifest text changed");
        Assert.That(actual, Is.EqualTo(expected), "the manifest bytes changed (encoding, BOM or line endings)");
    }

    [Test]
    public void Golden_ReadsBack_ToTheSamePack()
    {
        var golden = File.ReadAllText(GoldenPath(GoldenName), new UTF8Encoding(false));
        var pack = ManifestCodec.Read(golden, out var recorded);
        Assert.Multiple(() =>
        {
            Assert.That(recorded, Is.EqualTo(ManifestCodec.ComputeHash(pack)));
            Assert.That(ManifestCodec.Write(pack), Is.EqualTo(golden));
            Assert.That(pack.Rules.Select(r => r.Id), Is.EqualTo(new[] { "MASK-001", "NAME-001", "ROW-001", "TAG-001" }));
            Assert.That(pack.Rules.Select(r => r.Kind), Is.EqualTo(new[] { RuleKind.Masking, RuleKind.Naming, RuleKind.RowAccess, RuleKind.Tagging }));
        });
    }

    [Test]
    public void Golden_FollowsTheSchema()
    {
        var golden = File.ReadAllText(GoldenPath(GoldenName), new UTF8Encoding(false));
        Assert.That(RulePackSchema.Validate(golden), Is.Empty);
        Assert.That(RulePackSchema.StrictErrors(golden), Is.Empty);
    }

    [Test]
    public void Golden_LoadsThroughTheRulePackLoader()
    {
        var golden = File.ReadAllText(GoldenPath(GoldenName), new UTF8Encoding(false));
        var pack = RulePackLoader.Parse(golden, GoldenName);
        Assert.That(ManifestCodec.Write(pack), Is.EqualTo(golden));
    }

    /// <summary>The golden file in the source tree (golden files are not copied to the output): the first
    /// <c>tests/Governance.Tests/Manifests/golden</c> folder above the test directory.</summary>
    internal static string GoldenPath(string name) => TestFiles.Source("tests", "Governance.Tests", "Manifests", "golden", name);
}
