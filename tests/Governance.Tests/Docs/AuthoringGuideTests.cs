using System.Text.RegularExpressions;
using Governance.Tests.Evaluation;

namespace Governance.Tests.Docs;

public class AuthoringGuideTests
{
    private static string RepoFile(params string[] parts) => Path.Combine(new[] { TestContext.CurrentContext.TestDirectory, "docs" }.Concat(parts).ToArray());

    private static string SamplesSource() => string.Concat(new[] { "AuthoringDefinitionSample.cs", "AuthoringSamples.cs" }
        .Select(f => File.ReadAllText(TestFiles.Source("tests", "Governance.Tests", "Docs", f))));

    private static IEnumerable<(string Name, string Code)> Snippets()
    {
        foreach (Match m in Regex.Matches(SamplesSource(), @"// begin-snippet: (?<name>[\w-]+)\r?\n(?<code>.*?)\r?\n[ ]*// end-snippet", RegexOptions.Singleline))
        {
            var lines = m.Groups["code"].Value.Split('\n');
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            yield return (m.Groups["name"].Value, string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).TrimEnd());
        }
    }

    [Test]
    public void AuthoringGuide_ContainsEverySampleVerbatim()
    {
        var guide = File.ReadAllText(RepoFile("authoring.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var snippets = Snippets().ToList();
        Assert.That(snippets, Has.Count.EqualTo(6));
        foreach (var (name, code) in snippets)
            Assert.That(guide, Does.Contain("```csharp\n" + code + "\n```"), "docs/authoring.md must contain snippet `" + name + "` exactly as compiled");
    }

    [Test]
    public void DefinitionSample_ChecksTaxonomyOwnersAndFiltersRowsByItsPredicate()
    {
        var pack = new AcmeRules.AcmeGlobalPack().Build();
        var snapshot = new MetadataSnapshot(Mesh.Roles(), new[]
        {
            new Domain("sales", "sales-data@acme.example", new[]
            {
                new DataProduct("orders", "1.0.0", "", "SALES", "ORDERS", new[]
                {
                    Mesh.Table("ORDERS",
                        Mesh.Col("CUSTOMER_EMAIL", "VARCHAR(256)", ("PII", "email"), ("SENSITIVITY", "restricted")),
                        Mesh.Col("IS_PUBLISHED", "BOOLEAN", ("SENSITIVITY", "internal")),
                        Mesh.Col("NOTE", "VARCHAR(100)", ("COLOUR", "blue"))),
                }),
            }),
        });
        var result = Mesh.Evaluate(snapshot, pack);
        Assert.Multiple(() =>
        {
            Assert.That(result.Findings.Select(f => f.Id + " " + f.Target), Is.EquivalentTo(new[]
            {
                GovIds.UnknownTag + " SALES.ORDERS.ORDERS.NOTE", GovIds.RequiredMetadataMissing + " SALES.ORDERS",
            }));
            Assert.That(result.Masking.Single().Strategy, Is.SameAs(EmailDomainStrategy.Instance));
            var rows = result.RowAccess.Single();
            Assert.That(rows.Filter, Is.TypeOf<PredicateFilter>());
            Assert.That(rows.Columns, Is.EqualTo(new[] { "IS_PUBLISHED" }));
            Assert.That(rows.BypassRoles, Is.EqualTo(new[] { "FINANCE_READER" }));
        });
    }

    [Test]
    public void GlobalPackSample_FlagsTheViolationsTheGuideDescribes()
    {
        var snapshot = Mesh.Snapshot(Mesh.Table("CUSTOMERS",
            Mesh.Col("CUSTOMER_EMAIL", "VARCHAR(256)", ("PII", "email"), ("SENSITIVITY", "restricted")),
            Mesh.Col("active", "BOOLEAN", ("SENSITIVITY", "internal")),
            Mesh.Col("REGION", "VARCHAR(16)", ("SENSITIVITY", "internal"))));
        var result = AuthoringSamples.Check(snapshot);
        Assert.Multiple(() =>
        {
            Assert.That(result.Findings.Select(f => f.Id), Is.EquivalentTo(new[] { GovIds.NameCase, GovIds.NamePrefix }));
            Assert.That(result.Masking.Single().Strategy, Is.SameAs(EmailDomainStrategy.Instance));
            Assert.That(result.RowAccess.Single().Columns, Is.EqualTo(new[] { "REGION" }));
        });
    }

    [Test]
    public void DomainPackSample_TightensEmailMaskingInFinanceOnly()
    {
        var column = Mesh.Table("T", Mesh.Col("EMAIL", "VARCHAR(256)", ("PII", "email"), ("SENSITIVITY", "internal")));
        Assert.Multiple(() =>
        {
            Assert.That(AuthoringSamples.Check(Mesh.Snapshot("finance", column)).Masking.Single().Strategy, Is.TypeOf<RedactStrategy>());
            Assert.That(AuthoringSamples.Check(Mesh.Snapshot("sales", column)).Masking.Single().Strategy, Is.SameAs(EmailDomainStrategy.Instance));
        });
    }

    [Test]
    public void StrategiesSample_BuildsAValidPackWhoseManifestLoadsBack()
    {
        var pack = AuthoringSamples.MoreStrategies();
        var loaded = RulePackLoader.Parse(ManifestCodec.Write(pack));
        Assert.That(ManifestCodec.Write(loaded), Is.EqualTo(ManifestCodec.Write(pack)));
    }

    [Test]
    public void PublishSample_WritesAManifestThatLoads()
    {
        var dir = Path.Combine(Path.GetTempPath(), "gov-doc-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            AuthoringSamples.Publish(dir);
            var rules = RulePackLoader.LoadFile(Path.Combine(dir, "acme-global.rulepack.json")).Rules;
            // Seven written rules, and the taxonomy rule every pack that declares a taxonomy gets.
            Assert.That(rules.Select(r => r.Id).ToList(), Has.Count.EqualTo(8).And.Contains(TaxonomyRule.DefaultId));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
