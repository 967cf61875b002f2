namespace Governance.Tests.Snapshots;

/// <summary>
/// A snapshot built in memory (an importer, C# definitions, a library user) can hold a name that JSON cannot: a lone
/// UTF-16 surrogate. Snowflake cannot store it and the reports could not write it back, so the one validator refuses it
/// wherever a name stands — at the name's JSON path, with the source's GOV ID — and accepts a proper pair.
/// </summary>
public sealed class SnapshotValidatorTests
{
    private const string High = "\uD83D";
    private const string Low = "\uDE00";

    private static MetadataSnapshot Mesh(string role = "ANALYST", string domain = "sales", string product = "orders", string database = "SALES",
        string dataset = "ORDERS", string column = "ORDER_ID", string tag = "SENSITIVITY")
        => new(new[] { new RoleDefinition(role) }, new[]
        {
            new Domain(domain, null, new[]
            {
                new DataProduct(product, null, null, database, "ORDERS", new[]
                {
                    new Dataset(dataset, DatasetKind.Table, new[] { new Column(column, SnowflakeType.Boolean, tags: TagSet.Create(new[] { new KeyValuePair<string, string>(tag, "internal") })) }),
                }),
            }),
        });

    public static IEnumerable<TestCaseData> LoneSurrogates()
    {
        foreach (var (what, name) in new[] { ("high", "A" + High), ("low", Low + "B"), ("reversed pair", "C" + Low + High) })
        {
            yield return new TestCaseData(Mesh(role: name), "$.roles[0].name", "invalid role name").SetArgDisplayNames("role", what);
            yield return new TestCaseData(Mesh(domain: name), "$.domains[0].name", "invalid domain name").SetArgDisplayNames("domain", what);
            yield return new TestCaseData(Mesh(product: name), "$.domains[0].products[0].name", "invalid product name").SetArgDisplayNames("product", what);
            yield return new TestCaseData(Mesh(database: name), "$.domains[0].products[0].database", "invalid database name").SetArgDisplayNames("database", what);
            yield return new TestCaseData(Mesh(dataset: name), "$.domains[0].products[0].datasets[0].name", "invalid dataset name").SetArgDisplayNames("dataset", what);
            yield return new TestCaseData(Mesh(column: name), "$.domains[0].products[0].datasets[0].columns[0].name", "invalid column name").SetArgDisplayNames("column", what);
        }
    }

    [TestCaseSource(nameof(LoneSurrogates))]
    public void NameWithAnUnpairedSurrogate_IsRefusedAtItsPath(MetadataSnapshot snapshot, string path, string what)
    {
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotValidator.Validate(snapshot, GovIds.InvalidDbtArtifact, "manifest.json"))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.GovId, Is.EqualTo(GovIds.InvalidDbtArtifact), "reported with the source's GOV ID");
            Assert.That(e.File, Is.EqualTo("manifest.json"));
            Assert.That(e.JsonPath, Is.EqualTo(path));
            Assert.That(e.Problem, Is.EqualTo(what + ": an identifier cannot contain an unpaired surrogate"));
        });
    }

    [Test]
    public void TagNameWithAnUnpairedSurrogate_IsRefused()
    {
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotValidator.Validate(Mesh(tag: "PII" + High)))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.GovId, Is.EqualTo(GovIds.InvalidSnapshot));
            Assert.That(e.JsonPath, Does.StartWith("$.domains[0].products[0].datasets[0].columns[0].tags"));
            Assert.That(e.Problem, Is.EqualTo("invalid tag name: an identifier cannot contain an unpaired surrogate"));
        });
    }

    [Test]
    public void NamesWithASurrogatePair_AreValid()
    {
        var emoji = High + Low;
        Assert.DoesNotThrow(() => SnapshotValidator.Validate(Mesh(role: "R" + emoji, domain: emoji, product: "p" + emoji, database: "DB" + emoji, dataset: emoji + "D",
            column: "C" + emoji, tag: "T" + emoji)));
    }

    [Test]
    public void MergedPart_WithAnUnpairedSurrogate_IsRefusedWithThePartsGovIdAndFile()
    {
        var e = Assert.Throws<GovernanceInputException>(() => MetadataSnapshot.Merge(new[]
        {
            new SnapshotPart(Mesh(), "mesh.snapshot.json", GovIds.InvalidSnapshot),
            new SnapshotPart(Mesh(role: "HR_READER", domain: "hr", database: "HR", column: "SALARY" + Low), "Defs.dll", GovIds.InvalidProductDefinition),
        }))!;
        Assert.That((e.GovId, e.File, e.Problem), Is.EqualTo((GovIds.InvalidProductDefinition, "Defs.dll", "invalid column name: an identifier cannot contain an unpaired surrogate")));
    }
}
