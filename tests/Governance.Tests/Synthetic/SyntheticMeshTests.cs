using System.Text;
using Governance.Examples.Synthetic;

namespace Governance.Tests.Synthetic;

/// <summary>
/// The synthetic mesh is what benchmarks and scale tests run on: it must be deterministic, exactly the requested
/// size, valid input for every reader, and must exercise every rule kind. Speed is measured in <c>benchmarks/</c>.
/// </summary>
public class SyntheticMeshTests
{
    private static byte[] Bytes(MetadataSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        SnapshotWriter.Write(snapshot, stream);
        return stream.ToArray();
    }

    [Test]
    public void Generate_SameSeed_WritesIdenticalBytes()
    {
        var first = Bytes(SyntheticMesh.Generate(5_000, 42));
        var second = Bytes(SyntheticMesh.Generate(5_000, 42));
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Generate_DifferentSeed_WritesDifferentBytes()
        => Assert.That(Bytes(SyntheticMesh.Generate(5_000, 1)), Is.Not.EqualTo(Bytes(SyntheticMesh.Generate(5_000, 2))));

    [Test]
    public void Pack_SameSeed_WritesIdenticalManifest()
    {
        var first = ManifestCodec.Write(SyntheticMesh.Pack(200, 7));
        var second = ManifestCodec.Write(SyntheticMesh.Pack(200, 7));
        Assert.That(second, Is.EqualTo(first));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(1_000)]
    [TestCase(12_345)]
    [TestCase(60_001)]
    public void Generate_HasExactlyTheRequestedColumns(int columns)
    {
        var snapshot = SyntheticMesh.Generate(columns, 3);
        Assert.That(snapshot.ColumnCount, Is.EqualTo(columns));
        Assert.That(snapshot.Domains, Has.Count.EqualTo(SyntheticMesh.DomainCount(columns)));
        Assert.That(snapshot.Roles, Has.Count.EqualTo(20));
    }

    [Test]
    public void Generate_HasRealisticShape()
    {
        var snapshot = SyntheticMesh.Generate(100_000, 5);
        var datasets = snapshot.Domains.SelectMany(d => d.Products).SelectMany(p => p.Datasets).ToList();
        var columns = datasets.SelectMany(d => d.Columns).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Domains, Has.Count.EqualTo(3));
            Assert.That(snapshot.Domains.SelectMany(d => d.Products).Take(snapshot.Domains.Sum(d => d.Products.Count) - 1).Select(p => p.Datasets.Count),
                Is.All.InRange(5, 20), "every product but the last has 5–20 datasets");
            Assert.That(datasets.Take(datasets.Count - 1).Select(d => d.Columns.Count), Is.All.InRange(5, 40), "every dataset but the last has 5–40 columns");
            var pii = columns.Count(c => c.Tags.Contains("PII")) / (double)columns.Count;
            Assert.That(pii, Is.InRange(0.07, 0.12), "about 10% of columns are personal data");
            var sensitivity = columns.Count(c => c.Tags.Contains("SENSITIVITY")) / (double)columns.Count;
            Assert.That(sensitivity, Is.GreaterThan(0.9), "most columns carry SENSITIVITY");
        });
    }

    [Test]
    public void Generate_RoundTripsThroughTheReader()
    {
        var bytes = Bytes(SyntheticMesh.Generate(20_000, 11));
        var read = SnapshotReader.Read(new MemoryStream(bytes, writable: false), "synthetic.snapshot.json");
        Assert.That(read.ColumnCount, Is.EqualTo(20_000));
        Assert.That(Bytes(read), Is.EqualTo(bytes));
    }

    [TestCase(10)]
    [TestCase(50)]
    [TestCase(500)]
    [TestCase(1000)]
    public void Pack_LoadsFromItsManifest_WithTheRequestedRuleCount(int rules)
    {
        var pack = SyntheticMesh.Pack(rules, 1);
        var manifest = ManifestCodec.Write(pack);
        var loaded = RulePackLoader.Parse(manifest, "synthetic.rulepack.json");
        Assert.That(loaded.Rules, Has.Count.EqualTo(rules));
        Assert.That(ManifestCodec.Write(loaded), Is.EqualTo(manifest));
    }

    [TestCase(10)]
    [TestCase(100)]
    [TestCase(1000)]
    public void Pack_HasEveryRuleKind(int rules)
    {
        var kinds = SyntheticMesh.Pack(rules, 1).Rules.Select(r => r.GetType()).ToHashSet();
        Assert.That(kinds, Is.SupersetOf(new[] { typeof(MaskingRule), typeof(RowAccessRule), typeof(TagRequirementRule), typeof(TaxonomyRule), typeof(NamingRule) }));
    }

    [Test]
    public void Evaluate_20kColumnsAgainst100Rules_FindsViolationsOfEveryKindAndDecides()
    {
        var packs = PackSet.Create(new[] { SyntheticMesh.Pack(100, 1) });
        var snapshot = SyntheticMesh.Generate(20_000, 1);
        var result = Evaluator.Compile(packs).Evaluate(snapshot);

        var kinds = result.Findings.Where(f => f.Rule is not null).Select(f => packs.Find(f.Rule!)!.Rule.GetType()).ToHashSet();
        var ids = result.Findings.Select(f => f.Id).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(kinds, Is.SupersetOf(new[] { typeof(MaskingRule), typeof(RowAccessRule), typeof(TagRequirementRule), typeof(TaxonomyRule), typeof(NamingRule) }));
            Assert.That(ids, Is.SupersetOf(new[]
            {
                GovIds.MaskingConflict, GovIds.MaskingStrategyTypeMismatch, GovIds.MaskingConditionColumnMissing,
                GovIds.RowAccessConflict, GovIds.RowAccessColumnMissing,
                GovIds.RequiredTagMissing, GovIds.TagValueNotAllowed, GovIds.UnknownTag, GovIds.RequiredMetadataMissing,
                GovIds.NameCase, GovIds.NamePattern, GovIds.NamePrefix, GovIds.NameSuffix, GovIds.NameTooLong, GovIds.NameReserved,
            }));
            Assert.That(result.Masking, Is.Not.Empty);
            Assert.That(result.RowAccess, Is.Not.Empty);
            // Violations are deliberate but few: a mesh that fails everywhere measures the reporting, not the rules.
            Assert.That(result.Findings.Count, Is.LessThan(snapshot.ColumnCount / 5));
        });

        // The masking decisions answer per role, the hierarchy included: a PII reader sees e-mails, an analyst does not.
        var roles = RoleGraph.TryBuild(snapshot.Roles, out var error)!;
        Assert.That(error, Is.Null);
        var email = result.Masking.First(d => d.Rule.Ref == SyntheticMesh.PackName + "/mask.email" && d.Matched.Count == 1);
        Assert.Multiple(() =>
        {
            Assert.That(email.IsClearFor(roles, "PII_READER"), Is.True);
            Assert.That(email.IsClearFor(roles, "SECURITY_ADMIN"), Is.True, "SECURITY_ADMIN inherits PII_READER through COMPLIANCE_OFFICER");
            Assert.That(email.IsClearFor(roles, "ANALYST"), Is.False);
        });
    }

    [Test]
    public void Generate_RejectsZeroColumns()
        => Assert.That(() => SyntheticMesh.Generate(0, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [TestCase(9)]
    [TestCase(1001)]
    public void Pack_RejectsSizesOutsideTheRange(int rules)
        => Assert.That(() => SyntheticMesh.Pack(rules, 1), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void Generate_WritesUtf8WithoutNonAsciiSurprises()
        => Assert.That(Encoding.UTF8.GetString(Bytes(SyntheticMesh.Generate(2_000, 9))).All(c => c < 128), Is.True);
}
