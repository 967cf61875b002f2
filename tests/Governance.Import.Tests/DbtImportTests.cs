using System.Text.Json;

namespace Governance.Import.Tests;

public class DbtImportTests
{
    private static ImportResult Import(string project, bool catalog = false, string? mapping = null)
        => SnapshotImport.Import(new DbtSource(TestData.Dbt(project, "manifest.json"), catalog ? TestData.Dbt(project, "catalog.json") : null,
            mapping is null ? null : ImportMapping.Parse(mapping, "mapping.yaml")));

    [Test]
    public void PiiTagsManifest_TheDocumentedPiiColumnsComeOutTagged()
    {
        var s = Import(TestData.PiiTags).Snapshot;
        var customers = s.Dataset("CUSTOMERS");
        Assert.That(customers.Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["TABLE_PII"] = "" }));
        Assert.That(customers.Column("FIRST_NAME").Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["PII"] = "" }));
        Assert.That(customers.Column("LAST_NAME").Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["PII"] = "" }));
        var tagged = s.Datasets().SelectMany(d => d.Columns.Where(c => c.Tags.Count > 0).Select(c => d.Name + "." + c.Name));
        Assert.That(tagged, Is.EquivalentTo(new[] { "CUSTOMERS.FIRST_NAME", "CUSTOMERS.LAST_NAME" }));
    }

    [Test]
    public void PiiTagsManifest_CountsMatchTheFile_FiveModelsThreeSeeds27Columns()
    {
        var s = Import(TestData.PiiTags).Snapshot;
        Assert.That(s.Datasets().Count(), Is.EqualTo(8));
        Assert.That(s.ColumnCount, Is.EqualTo(27));
        Assert.That(s.Datasets().Where(d => d.Kind == DatasetKind.View).Select(d => d.Name), Is.EquivalentTo(new[] { "STG_CUSTOMERS", "STG_ORDERS", "STG_PAYMENTS" }));
    }

    [Test]
    public void PiiTagsManifest_NamesFoldAsSnowflakeStoresUnquotedIdentifiers_AndTypesAreTranslated()
    {
        var s = Import(TestData.PiiTags).Snapshot;
        var product = s.Products().Single();
        Assert.That((product.Database, product.Schema, product.Name, s.Domains.Single().Name), Is.EqualTo(("JAFFLE_SHOP", "MAIN", "main", "jaffle_shop")));
        var customers = s.Dataset("CUSTOMERS");
        Assert.That(customers.Columns.Select(c => c.Name + " " + c.Type.Text), Is.EqualTo(new[]
        {
            "CUSTOMER_ID NUMBER(38,0)", "FIRST_NAME VARCHAR(16777216)", "LAST_NAME VARCHAR(16777216)", "FIRST_ORDER DATE", "MOST_RECENT_ORDER DATE",
            "NUMBER_OF_ORDERS NUMBER(38,0)", "CUSTOMER_LIFETIME_VALUE FLOAT",
        }));
    }

    [Test]
    public void EveryDatasetAndColumn_NamesItsDbtNode()
    {
        var s = Import(TestData.PiiTags).Snapshot;
        var customers = s.Dataset("CUSTOMERS");
        Assert.That(customers.Source!.Name, Is.EqualTo("model.jaffle_shop.customers"));
        Assert.That(customers.Source.Path, Is.EqualTo("$.nodes['model.jaffle_shop.customers']"));
        Assert.That(customers.Source.File, Does.EndWith("manifest.json"));
        var lineOfNode = File.ReadLines(TestData.Dbt(TestData.PiiTags, "manifest.json")).Select((text, i) => (text, i)).First(x => x.text.Contains("\"model.jaffle_shop.customers\": {")).i + 1;
        Assert.That(customers.Source.Line, Is.EqualTo(lineOfNode));
        Assert.That(customers.Column("FIRST_NAME").Source!.Path, Is.EqualTo("$.nodes['model.jaffle_shop.customers'].columns.first_name"));
    }

    [Test]
    public void Duckdb112WithCatalog_CountsMatchTheCatalog_SourcesOnSeedTablesAreTheSameDatasets()
    {
        var result = Import(TestData.Duckdb112, catalog: true);
        var s = result.Snapshot;
        // 13 models and 6 seeds (the 6 sources read the seeds' tables in schema raw); 112 columns in the catalog's nodes.
        Assert.That(s.Datasets().Count(), Is.EqualTo(19));
        Assert.That(s.ColumnCount, Is.EqualTo(CatalogColumns(TestData.Duckdb112, "nodes")));
        Assert.That(s.ColumnCount, Is.EqualTo(112));
        Assert.That(s.Datasets().Count(d => d.Kind == DatasetKind.View), Is.EqualTo(6));
        Assert.That(s.Products().Select(p => p.Schema), Is.EquivalentTo(new[] { "MAIN", "RAW" }));
        Assert.That(result.Warnings, Is.Empty);
    }

    [Test]
    public void Duckdb112WithCatalog_CatalogOnlyColumnsAreImportedWithTheirTypes()
    {
        var s = Import(TestData.Duckdb112, catalog: true).Snapshot;
        var customers = s.Products().Single(p => p.Schema == "MAIN").Datasets.Single(d => d.Name == "CUSTOMERS");
        Assert.That(customers.Column("LIFETIME_SPEND").Type.Text, Is.EqualTo("NUMBER(38,2)"));
        Assert.That(customers.Column("FIRST_ORDERED_AT").Type.Text, Is.EqualTo("TIMESTAMP_NTZ(9)"));
        Assert.That(customers.Columns.Select(c => c.Name).First(), Is.EqualTo("CUSTOMER_ID"), "catalog index order");
    }

    [Test]
    public void Duckdb112WithoutCatalog_UntypedColumn_IsAnErrorNamingTheNodeAndColumn()
    {
        var e = Assert.Throws<GovernanceInputException>(() => Import(TestData.Duckdb112))!;
        Assert.That(e.GovId, Is.EqualTo("GOV9013"));
        Assert.That(e.JsonPath, Does.StartWith("$.nodes['model.jaffle_shop."));
        Assert.That(e.Problem, Does.Contain("has no type").And.Contain("--catalog").And.Contain("unknownType"));
    }

    [Test]
    public void BigQuery19_OtherPackagesAreLeftOut_AndNestedMetaIsReported()
    {
        var result = Import(TestData.BigQuery19, catalog: true, mapping: "unknownType: VARIANT");
        var s = result.Snapshot;
        Assert.That(s.Datasets().Count(), Is.EqualTo(ProjectNodes(TestData.BigQuery19).Count));
        Assert.That(s.Datasets().Count(), Is.EqualTo(9));
        Assert.That(result.Warnings.Select(w => w.Message), Has.Some.Contains("nodes of package `elementary` are not imported"));
        var nested = result.Warnings.Where(w => w.Message.Contains("holds a list or an object", StringComparison.Ordinal)).ToList();
        Assert.That(nested.Count(w => w.Path!.Contains(".columns.", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(27), "27 columns carry Lightdash meta objects");
        Assert.That(nested.Select(w => w.Path), Has.All.StartWith("$.nodes['model.jaffle_shop."));
        // The project name `your-project` cannot be written unquoted: it is kept exactly, never altered.
        Assert.That(s.Products().Single().Database, Is.EqualTo("your-project"));
        Assert.That(result.Warnings.Select(w => w.Message), Has.Some.Contains("`model.jaffle_shop.daily_orders` is not in the catalog"));
    }

    [Test]
    public void BigQuery19WithCatalog_ColumnCountsAreTheCatalogsPlusTheManifestsForTheNodeItLacks()
    {
        var s = Import(TestData.BigQuery19, catalog: true, mapping: "unknownType: VARIANT").Snapshot;
        var nodes = ProjectNodes(TestData.BigQuery19);
        using var catalog = JsonDocument.Parse(File.ReadAllText(TestData.Dbt(TestData.BigQuery19, "catalog.json")));
        var expected = 0;
        foreach (var (id, manifestColumns) in nodes)
        {
            expected += catalog.RootElement.GetProperty("nodes").TryGetProperty(id, out var node) ? node.GetProperty("columns").EnumerateObject().Count() : manifestColumns;
        }
        Assert.That(s.ColumnCount, Is.EqualTo(expected));
    }

    [Test]
    public void ManifestSchemaV11_Imports_TheSameProjectAsV12()
    {
        var v11 = Import(TestData.BigQueryV11, mapping: "unknownType: VARIANT").Snapshot;
        Assert.That(v11.Datasets().Count(), Is.EqualTo(ProjectNodes(TestData.BigQueryV11).Count));
        Assert.That(v11.ColumnCount, Is.EqualTo(ProjectNodes(TestData.BigQueryV11).Sum(n => n.Columns)));
        Assert.That(v11.Dataset("CUSTOMERS").Columns.Select(c => c.Name), Does.Contain("CUSTOMER_LIFETIME_VALUE"));
    }

    [Test]
    public void Stripe_OtherPackageByDefault_OnlyTheProjectsSeeds()
    {
        var result = Import(TestData.Stripe, catalog: true);
        Assert.That(result.Snapshot.Datasets().Count(), Is.EqualTo(27));
        Assert.That(result.Warnings.Select(w => w.Message), Has.Some.Contains("96 nodes of package `stripe` are not imported"));
    }

    [Test]
    public void Stripe_WithThePackage_94Datasets_EphemeralSkipped_AndTheTwoMissingColumnsReported()
    {
        var result = Import(TestData.Stripe, catalog: true, mapping: "packages: [stripe]");
        var s = result.Snapshot;
        Assert.That(s.Datasets().Count(), Is.EqualTo(94), "69 models less 2 ephemeral, 27 seeds; the 27 sources read the seeds' tables");
        Assert.That(s.ColumnCount, Is.EqualTo(CatalogColumns(TestData.Stripe, "nodes")));
        var missing = result.Warnings.Where(w => w.Message.Contains("is documented but the catalog does not have it", StringComparison.Ordinal) && w.Path!.StartsWith("$.nodes", StringComparison.Ordinal))
            .Select(w => w.Path).ToList();
        Assert.That(missing, Is.EquivalentTo(new[]
        {
            "$.nodes['model.stripe.stg_stripe__credit_note'].columns.livemode",
            "$.nodes['model.stripe.stg_stripe__price_plan'].columns.invoice_item_id",
        }));
        Assert.That(s.Datasets().Select(d => d.Source!.Name), Has.None.Contains("ephemeral"));
    }

    [Test]
    public void DisabledNodes_OnlyWhenTheMappingAsks()
    {
        var disabled = "{\"model.shop.old\": [{" + Model("old", "a.b.old", "{}", "{\"materialized\": \"table\", \"enabled\": false}")[("\"model.shop.old\": {".Length)..] + "]}";
        var manifest = Manifest("snowflake", "{" + Model("o", "a.b.o", "{}") + "}")[..^1] + ",\n\"disabled\": " + disabled + "}";
        var file = TestData.Temp("manifest.json", manifest);
        var without = SnapshotImport.Import(new DbtSource(file)).Snapshot;
        var with = SnapshotImport.Import(new DbtSource(file, null, ImportMapping.Parse("disabled: true", "m.yaml"))).Snapshot;
        Assert.That(without.Datasets().Select(d => d.Name), Is.EqualTo(new[] { "O" }));
        Assert.That(with.Datasets().Select(d => d.Name), Is.EqualTo(new[] { "O", "OLD" }));
        Assert.That(with.Dataset("OLD").Source!.Path, Is.EqualTo("$.disabled['model.shop.old'][0]"));
    }

    [Test]
    public void CatalogOfAnotherProject_IsAnError()
    {
        var source = new DbtSource(TestData.Dbt(TestData.PiiTags, "manifest.json"), TestData.Dbt(TestData.Stripe, "catalog.json"));
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(source))!;
        Assert.That(e.GovId, Is.EqualTo("GOV9013"));
        Assert.That(e.File, Does.EndWith("catalog.json"));
        Assert.That(e.Problem, Does.StartWith("the catalog describes none of the manifest's imported nodes"));
    }

    [TestCase("https://schemas.getdbt.com/dbt/manifest/v10.json")]
    [TestCase("https://schemas.getdbt.com/dbt/manifest/v13.json")]
    public void UnsupportedManifestVersion_IsAnErrorAtItsPath(string version)
    {
        var text = File.ReadAllText(TestData.Dbt(TestData.PiiTags, "manifest.json")).Replace("https://schemas.getdbt.com/dbt/manifest/v12.json", version, StringComparison.Ordinal);
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", text))))!;
        Assert.That(e.JsonPath, Is.EqualTo("$.metadata.dbt_schema_version"));
        Assert.That(e.Problem, Does.Contain("`" + version + "` is not supported").And.Contain("v12.json"));
    }

    [Test]
    public void TruncatedManifest_IsAnErrorWithTheLine()
    {
        var text = File.ReadAllText(TestData.Dbt(TestData.PiiTags, "manifest.json"));
        var cut = text[..(text.Length / 2)];
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", cut))))!;
        Assert.That(e.Problem, Does.StartWith("the file ends before a dbt manifest is complete"));
        Assert.That(e.Line, Is.EqualTo(cut.Count(c => c == '\n') + 1));
    }

    [Test]
    public void MalformedManifest_IsAnErrorWithTheLine()
    {
        var text = "{\n  \"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"},\n  \"nodes\": {,}\n}";
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", text))))!;
        Assert.That(e.Line, Is.EqualTo(3));
        Assert.That(e.Problem, Does.StartWith("malformed JSON"));
    }

    [Test]
    public void NotAManifest_IsAnError()
    {
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", "[1, 2]"))))!;
        Assert.That(e.Problem, Does.StartWith("expected a dbt manifest"));
        var missing = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", "{\"nodes\": {}}"))))!;
        Assert.That(missing.Problem, Does.StartWith("missing `metadata`"));
    }

    [Test]
    public void MissingFile_IsAnErrorNamingIt()
    {
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new DbtSource("no/such/manifest.json")))!;
        Assert.That(e.Message, Is.EqualTo("no/such/manifest.json: the directory does not exist; expected a dbt manifest.json"));
    }

    // ───────────── synthetic manifests: the shapes the real files lack (Snowflake adapter, quoting, dbt ≥ 1.10 config) ─────────────

    internal static string Manifest(string adapter, string nodes, string sources = "{}", string groups = "{}")
        => "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\", \"project_name\": \"shop\", \"adapter_type\": \"" + adapter + "\"},\n"
            + "\"nodes\": " + nodes + ",\n\"sources\": " + sources + ",\n\"groups\": " + groups + "}";

    private static string Model(string name, string relation, string columns, string config = "{\"materialized\": \"table\"}", string extra = "")
        => "\"model.shop." + name + "\": {\"unique_id\": \"model.shop." + name + "\", \"resource_type\": \"model\", \"package_name\": \"shop\", \"name\": \"" + name
            + "\", \"alias\": \"" + name + "\", \"database\": \"analytics\", \"schema\": \"sales\", \"original_file_path\": \"models/marts/" + name + ".sql\", \"relation_name\": "
            + JsonSerializer.Serialize(relation) + ", \"config\": " + config + ", \"columns\": " + columns + extra + "}";

    [Test]
    public void SnowflakeAdapter_QuotedRelationPartsKeepTheirCase_UnquotedFold()
    {
        var manifest = Manifest("snowflake", "{" + Model("Orders", "analytics.\"Sales\".\"Orders\"", "{\"id\": {\"name\": \"id\", \"data_type\": \"number\"}}") + "}");
        var s = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", manifest))).Snapshot;
        var product = s.Products().Single();
        Assert.That((product.Database, product.Schema, product.Datasets.Single().Name), Is.EqualTo(("ANALYTICS", "Sales", "Orders")));
    }

    [Test]
    public void OtherAdapter_QuotingConfigDecides_DefaultFolds()
    {
        var quoted = "{\"materialized\": \"view\", \"quoting\": {\"identifier\": true}}";
        var manifest = Manifest("postgres", "{" + Model("Orders", "\"analytics\".\"sales\".\"Orders\"", "{\"id\": {\"name\": \"id\", \"data_type\": \"integer\"}}", quoted) + "}");
        var s = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", manifest))).Snapshot;
        var product = s.Products().Single();
        Assert.That((product.Database, product.Schema, product.Datasets.Single().Name, product.Datasets.Single().Kind), Is.EqualTo(("ANALYTICS", "SALES", "Orders", DatasetKind.View)));
    }

    [Test]
    public void ColumnQuoteTrue_KeepsItsCase()
    {
        var columns = "{\"Mixed\": {\"name\": \"Mixed\", \"data_type\": \"varchar(10)\", \"quote\": true}, \"plain\": {\"name\": \"plain\", \"data_type\": \"text\"}}";
        var s = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", Manifest("snowflake", "{" + Model("o", "a.b.o", columns) + "}")))).Snapshot;
        Assert.That(s.Datasets().Single().Columns.Select(c => c.Name + " " + c.Type.Text), Is.EqualTo(new[] { "Mixed VARCHAR(10)", "PLAIN VARCHAR(16777216)" }));
    }

    [Test]
    public void Dbt110ColumnConfig_MetaAndTags_BecomeTags_KeyValueTagsSplit()
    {
        var columns = "{\"email\": {\"name\": \"email\", \"data_type\": \"varchar\", \"tags\": [\"pii\"], \"config\": {\"meta\": {\"sensitivity\": \"restricted\", \"masked\": true, \"lightdash\": {\"x\": 1}}, \"tags\": [\"pii\", \"domain:sales\"]}}}";
        var config = "{\"materialized\": \"incremental\", \"tags\": [\"nightly\"], \"meta\": {\"owner\": \"sales@acme.example\", \"tier\": 1}}";
        var result = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", Manifest("snowflake", "{" + Model("o", "a.b.o", columns, config) + "}"))));
        var dataset = result.Snapshot.Datasets().Single();
        Assert.That(dataset.Kind, Is.EqualTo(DatasetKind.Table), "incremental → table");
        Assert.That(dataset.Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["NIGHTLY"] = "", ["OWNER"] = "sales@acme.example", ["TIER"] = "1" }));
        Assert.That(dataset.Column("EMAIL").Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["PII"] = "", ["SENSITIVITY"] = "restricted", ["MASKED"] = "true", ["DOMAIN"] = "sales" }));
        Assert.That(result.Snapshot.Products().Single().Owner, Is.EqualTo("sales@acme.example"));
        Assert.That(result.Warnings.Single().Path, Is.EqualTo("$.nodes['model.shop.o'].columns.email.meta.lightdash"));
    }

    [Test]
    public void TagMapping_RestrictsMetaKeys_AndRenames()
    {
        var columns = "{\"email\": {\"name\": \"email\", \"data_type\": \"varchar\", \"meta\": {\"sensitivity\": \"restricted\", \"note\": \"x\"}}}";
        var mapping = ImportMapping.Parse("tags:\n  meta: [sensitivity]\n  rename: { sensitivity: DATA_SENSITIVITY }\n", "m.yaml");
        var s = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", Manifest("snowflake", "{" + Model("o", "a.b.o", columns) + "}")), null, mapping)).Snapshot;
        Assert.That(s.Datasets().Single().Column("EMAIL").Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["DATA_SENSITIVITY"] = "restricted" }));
    }

    [Test]
    public void Materializations_MapToKinds_EphemeralSkipped()
    {
        string M(string name, string materialized, string extra = "") => Model(name, "a.b." + name, "{}", "{\"materialized\": \"" + materialized + "\"" + extra + "}");
        var nodes = "{" + string.Join(",", M("t", "table"), M("v", "view"), M("i", "incremental"), M("mv", "materialized_view"), M("dt", "dynamic_table"),
            M("e", "ephemeral"), M("ice", "table", ", \"table_format\": \"iceberg\"")) + "}";
        var s = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", Manifest("snowflake", nodes)))).Snapshot;
        Assert.That(s.Datasets().ToDictionary(d => d.Name, d => d.Kind), Is.EqualTo(new Dictionary<string, DatasetKind>
        {
            ["T"] = DatasetKind.Table, ["V"] = DatasetKind.View, ["I"] = DatasetKind.Table, ["MV"] = DatasetKind.MaterializedView,
            ["DT"] = DatasetKind.DynamicTable, ["ICE"] = DatasetKind.IcebergTable,
        }));
    }

    [Test]
    public void GroupOwner_IsTheProductOwner_AndMappingRulesPlaceProducts()
    {
        var nodes = "{" + Model("o", "a.b.o", "{}", "{\"materialized\": \"table\", \"group\": \"finance\"}", ", \"group\": \"finance\"") + "}";
        var groups = "{\"group.shop.finance\": {\"name\": \"finance\", \"owner\": {\"email\": \"finance@acme.example\", \"name\": \"Finance\"}}}";
        var plain = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", Manifest("snowflake", nodes, groups: groups)))).Snapshot;
        Assert.That(plain.Products().Single().Owner, Is.EqualTo("finance@acme.example"));
        var mapping = ImportMapping.Parse("products:\n  - match: { group: finance, folder: marts }\n    domain: finance\n    product: ledger\n", "m.yaml");
        var mapped = SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", Manifest("snowflake", nodes, groups: groups)), null, mapping)).Snapshot;
        Assert.That((mapped.Domains.Single().Name, mapped.Products().Single().Name), Is.EqualTo(("finance", "ledger")));
    }

    [Test]
    public void TwoSchemasMappedToOneProduct_IsAnErrorAtTheSecondNode()
    {
        var nodes = "{" + Model("o", "a.b.o", "{}") + "," + Model("p", "a.c.p", "{}") + "}";
        var mapping = ImportMapping.Parse("products:\n  - match: { package: shop }\n    product: everything\n", "m.yaml");
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", Manifest("snowflake", nodes)), null, mapping)))!;
        Assert.That(e.Problem, Does.Contain("a product is one schema"));
        Assert.That(e.JsonPath, Is.EqualTo("$.nodes['model.shop.p']"));
    }

    [Test]
    public void NameSnowflakeCannotStore_IsReportedAtTheNode_ByTheSnapshotValidator()
    {
        var longName = new string('x', 256);
        var nodes = "{" + Model("o", "a.b.o", "{\"" + longName + "\": {\"name\": \"" + longName + "\", \"data_type\": \"int\"}}") + "}";
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new DbtSource(TestData.Temp("manifest.json", Manifest("snowflake", nodes)))))!;
        Assert.That(e.GovId, Is.EqualTo("GOV9013"));
        Assert.That(e.JsonPath, Is.EqualTo("$.nodes['model.shop.o'].columns." + longName));
        Assert.That(e.Problem, Does.StartWith("invalid column name: an identifier has at most 255 characters").And.Contain("in the snapshot at $.domains[0].products[0].datasets[0].columns[0].name"));
    }

    /// <summary>The project's model, seed and snapshot nodes that are not ephemeral, with their documented column counts.</summary>
    private static List<(string Id, int Columns)> ProjectNodes(string project)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Dbt(project, "manifest.json")));
        var name = doc.RootElement.GetProperty("metadata").GetProperty("project_name").GetString();
        var list = new List<(string, int)>();
        foreach (var node in doc.RootElement.GetProperty("nodes").EnumerateObject())
        {
            var v = node.Value;
            if (v.GetProperty("package_name").GetString() != name) continue;
            if (v.GetProperty("resource_type").GetString() is not ("model" or "seed" or "snapshot")) continue;
            if (v.GetProperty("config").GetProperty("materialized").GetString() == "ephemeral") continue;
            list.Add((node.Name, v.GetProperty("columns").EnumerateObject().Count()));
        }
        return list;
    }

    private static int CatalogColumns(string project, string section)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(TestData.Dbt(project, "catalog.json")));
        return doc.RootElement.GetProperty(section).EnumerateObject().Sum(n => n.Value.GetProperty("columns").EnumerateObject().Count());
    }
}
