using System.Text.RegularExpressions;

namespace Governance.Import.Tests;

/// <summary>docs/import.md's worked examples are real: inputs are excerpts of the test data, outputs what the importers write.</summary>
public class ImportDocsTests
{
    private static readonly Lazy<string> Doc = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) return File.ReadAllText(Path.Combine(dir.FullName, "docs", "import.md"));
        }
        throw new InvalidOperationException("cannot find Governance.sln");
    });

    /// <summary>The fenced block after <c>&lt;!-- kind: name --&gt;</c>.</summary>
    private static string Block(string marker)
    {
        var m = Regex.Match(Doc.Value, "<!-- " + Regex.Escape(marker) + " -->\n```[a-z]*\n(.*?)```", RegexOptions.Singleline);
        Assert.That(m.Success, Is.True, "docs/import.md has no block " + marker);
        return m.Groups[1].Value;
    }

    /// <summary>The snapshot cut to one dataset, its files named as the doc's command names them.</summary>
    private static string Cut(MetadataSnapshot s, string dataset, params (string Real, string Shown)[] files)
    {
        var domain = s.Domains.Single(d => d.Products.Any(p => p.Datasets.Any(x => x.Name == dataset)));
        var product = domain.Products.Single(p => p.Datasets.Any(x => x.Name == dataset));
        var cut = new MetadataSnapshot(Array.Empty<RoleDefinition>(), new[]
        {
            new Domain(domain.Name, domain.Owner, new[]
            {
                new DataProduct(product.Name, product.Version, product.Owner, product.Database, product.Schema, new[] { product.Datasets.Single(x => x.Name == dataset) }, product.Tags, product.Source),
            }),
        });
        var json = SnapshotWriter.ToJson(cut);
        foreach (var (real, shown) in files) json = json.Replace("\"" + real + "\"", "\"" + shown + "\"", StringComparison.Ordinal);
        return json;
    }

    [Test]
    public void DbtExample_InputIsTheRealManifest_OutputIsWhatTheImportWrites()
    {
        var manifest = TestData.Dbt(TestData.PiiTags, "manifest.json");
        Assert.That(File.ReadAllText(manifest), Does.Contain(Block("input: dbt")));
        var s = SnapshotImport.Import(new DbtSource(manifest)).Snapshot;
        Assert.That(Block("output: dbt"), Is.EqualTo(Cut(s, "CUSTOMERS", (manifest, "target/manifest.json"))));
    }

    [Test]
    public void OdcsExample_InputIsTheRealContract_OutputIsWhatTheImportWrites()
    {
        var contract = TestData.Odcs("bitol", "full-example.odcs.yaml");
        Assert.That(File.ReadAllText(contract), Does.Contain(Block("input: odcs")));
        var s = SnapshotImport.Import(new OdcsSource(new[] { contract })).Snapshot;
        Assert.That(Block("output: odcs"), Is.EqualTo(Cut(s, "RECEIVERS_MASTER", (contract, "contracts/full-example.odcs.yaml"))));
    }

    [Test]
    public void SnowflakeExample_InputIsTheTestData_OutputIsWhatTheImportWrites()
    {
        var columns = TestData.Path("snowflake", "columns.csv");
        var tags = TestData.Path("snowflake", "tags.csv");
        var lines = File.ReadAllLines(columns);
        Assert.That(Block("input: snowflake").TrimEnd('\n').Split('\n'), Is.SubsetOf(lines));
        var s = SnapshotImport.Import(new SnowflakeCatalogFiles(columns, tags)).Snapshot;
        Assert.That(Block("output: snowflake"), Is.EqualTo(Cut(s, "ORDERS", (columns, "columns.csv"), (tags, "tags.csv"))));
    }

    /// <summary>The output of <c>check --dbt</c> and <c>check --odcs</c> the doc shows is what the command prints.</summary>
    [Test]
    public void CheckWithSources_OutputIsWhatTheCommandPrints()
    {
        var dir = System.IO.Path.GetDirectoryName(TestData.Temp("README", ""))!;
        Assert.That(Cli("example", "--out", dir).Code, Is.EqualTo(0));
        var pack = System.IO.Path.Combine(dir, "acme-global.rulepack.json");
        var manifest = TestData.Dbt(TestData.PiiTags, "manifest.json");
        var dbt = Cli("check", "--dbt", manifest, "--pack", pack, "--format", "json");
        Assert.That(dbt.Out.Replace(manifest, "target/manifest.json", StringComparison.Ordinal), Does.Contain(Block("output: check --dbt")));
        var odcs = Cli("check", "--odcs", TestData.Odcs("bitol", "full-example.odcs.yaml"), "--pack", pack);
        Assert.That(Block("output: check --odcs").TrimEnd('\n').Split('\n'), Is.SubsetOf(odcs.Out.Split('\n').Select(l => l.TrimEnd())));
    }

    private static (int Code, string Out) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var code = Governance.Cli.GovernanceCli.Run(args, stdout, new StringWriter());
        return (code, stdout.ToString());
    }

    [Test]
    public void Queries_AreTheOnesTheReaderIssues()
    {
        Assert.That(Block("query: columns").TrimEnd('\n'), Is.EqualTo(SnowflakeCatalogQueries.Columns("SALES")));
        Assert.That(Block("query: tags").TrimEnd('\n'), Is.EqualTo(SnowflakeCatalogQueries.ColumnTags("SALES", "ORDERS", "ORDERS")));
    }

    [Test]
    public void MappingFileExample_Parses()
    {
        var m = Regex.Match(Doc.Value, "## The mapping file.*?```yaml\n(.*?)```", RegexOptions.Singleline);
        var mapping = ImportMapping.Parse(m.Groups[1].Value, "docs/import.md");
        Assert.That((mapping.Packages.Single(), mapping.IncludeDisabled, mapping.UnknownType!.Text), Is.EqualTo(("stripe", true, "VARIANT")));
    }
}

/// <summary>Imported snapshots, sources included, follow docs/schemas/snapshot.schema.json.</summary>
public class ImportedSnapshotSchemaTests
{
    [Test]
    public void EveryImportedSnapshot_FollowsTheSnapshotSchema()
    {
        string? root = null;
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null && root is null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) root = dir.FullName;
        }
        var schema = Governance.Tests.SchemaFile.Load(Path.Combine(root!, "docs", "schemas", "snapshot.schema.json"));
        var snapshots = new[]
        {
            SnapshotImport.Import(new DbtSource(TestData.Dbt(TestData.PiiTags, "manifest.json"))).Snapshot,
            SnapshotImport.Import(new DbtSource(TestData.Dbt(TestData.Duckdb112, "manifest.json"), TestData.Dbt(TestData.Duckdb112, "catalog.json"))).Snapshot,
            SnapshotImport.Import(new OdcsSource(OdcsSource.FindContracts(new[] { TestData.Path("odcs", "bitol") }))).Snapshot,
            SnapshotImport.Import(new SnowflakeCatalogFiles(TestData.Path("snowflake", "columns.csv"), TestData.Path("snowflake", "tags.csv"))).Snapshot,
        };
        foreach (var snapshot in snapshots)
        {
            Assert.That(schema.Errors(SnapshotWriter.ToJson(snapshot)), Is.Empty);
        }
    }
}

/// <summary>The snapshot reader reads the <c>source</c> an import writes, and checks it like any other field.</summary>
public class SnapshotSourceFieldTests
{
    private static string Snapshot(string source)
        => "{\"format\": \"governance.snapshot/v1\", \"domains\": [{\"name\": \"d\", \"products\": [{\"name\": \"p\", \"database\": \"D\", \"schema\": \"S\", \"datasets\": [\n"
            + "{\"name\": \"T\", \"kind\": \"table\", \"columns\": [{\"name\": \"C\", \"type\": \"INT\", \"source\": " + source + "}]}]}]}]}";

    [Test]
    public void Source_ReadsBack()
    {
        var s = SnapshotReader.Parse(Snapshot("{\"file\": \"m.json\", \"path\": \"$.nodes['x']\", \"line\": 7, \"name\": \"model.x.c\"}"));
        var source = s.Datasets().Single().Columns.Single().Source!;
        Assert.That((source.File, source.Path, source.Line, source.Name), Is.EqualTo(("m.json", "$.nodes['x']", (long?)7, "model.x.c")));
    }

    [TestCase("{\"path\": \"$\"}", "missing required property `file`; expected the file the object was imported from")]
    [TestCase("{\"file\": \"m.json\", \"lien\": 7}", "unknown property `lien`; did you mean `line`?")]
    [TestCase("{\"file\": \"m.json\", \"line\": 0}", "expected a line number (an integer from 1), found a number")]
    [TestCase("{\"file\": \"m.json\", \"line\": \"7\"}", "expected a line number (an integer from 1), found a string")]
    [TestCase("\"m.json\"", "expected a source object like `{ \"file\": \"manifest.json\", \"name\": \"model.shop.orders\" }`, found a string")]
    public void BadSource_IsASnapshotError(string source, string problem)
    {
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotReader.Parse(Snapshot(source), "s.json"))!;
        Assert.That((e.GovId, e.Line, e.Problem), Is.EqualTo(("GOV9001", (long?)2, problem)));
    }
}
