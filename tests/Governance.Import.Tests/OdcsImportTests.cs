
namespace Governance.Import.Tests;

public class OdcsImportTests
{
    private static ImportResult Import(bool lenient, params string[] paths)
        => SnapshotImport.Import(new OdcsSource(OdcsSource.FindContracts(paths), lenient));

    private static string Bitol(string file) => TestData.Odcs("bitol", file);
    private static string Dcc(string file) => TestData.Odcs("datacontract-cli", file);

    [Test]
    public void BitolFolder_ImportsEveryExample_CountsMatchTheContracts()
    {
        var s = Import(false, TestData.Path("odcs", "bitol")).Snapshot;
        // Schema objects and top-level properties of the nine contracts; column-completeness and column-custom both
        // describe table Air_Quality of product my_table, which is one table.
        Assert.That(s.Datasets().Count(), Is.EqualTo(1 + 3 + 0 + 1 + 0 + 2 + 68 + 1));
        Assert.That(s.ColumnCount, Is.EqualTo(10 + 5 + 1 + 7 + 456 + 4));
        Assert.That(s.Products().Select(p => p.Name), Is.EquivalentTo(new[] { "my_quantum", "my_table", "my quantum", "6aeafdc1-ed62-4c8f-bf0a-da1061c98cdb" }));
    }

    [Test]
    public void EveryValidContract_ImportsOnItsOwn()
    {
        foreach (var file in Directory.GetFiles(TestData.Path("odcs", "bitol")).Concat(Directory.GetFiles(TestData.Path("odcs", "datacontract-cli"))))
        {
            if (file.Contains("snowflake-import-types", StringComparison.Ordinal)) continue;
            Assert.DoesNotThrow(() => Import(false, file), file);
        }
    }

    [Test]
    public void FullExample_ClassificationsBecomeTags_AndTagsAtEveryLevel()
    {
        var s = Import(false, Bitol("full-example.odcs.yaml")).Snapshot;
        var product = s.Products().Single();
        Assert.That((s.Domains.Single().Name, product.Name, product.Version, product.Owner), Is.EqualTo(("seller", "my quantum", "1.1.0", "daustin")));
        Assert.That(product.Tags.TagMap(), Is.EqualTo(new Dictionary<string, string>
        {
            ["TRANSACTIONS"] = "", ["REFRULESETNAME"] = "gcsc.ruleset.name", ["SOMEPROPERTYNAME"] = "property.value",
        }));
        var tbl = s.Dataset("TBL_1");
        Assert.That(tbl.Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["FINANCE"] = "", ["PAYMENTS"] = "" }));
        Assert.That(tbl.Columns.Select(c => c.Name + " " + c.Tags.Get("CLASSIFICATION")), Is.EqualTo(new[] { "TXN_REF_DT public", "RCVR_ID restricted", "RCVR_CNTRY_CODE public" }));
        Assert.That(tbl.Column("RCVR_ID").Tags.Get("UID"), Is.EqualTo(""));
        Assert.That(tbl.Column("TXN_REF_DT").Tags.Get("ANONYMIZATIONSTRATEGY"), Is.EqualTo("none"));
        var receivers = s.Dataset("RECEIVERS_MASTER");
        Assert.That(receivers.Columns.Select(c => c.Name + " " + c.Tags.Get("CLASSIFICATION")), Is.EqualTo(new[] { "ID restricted", "COUNTRY_CODE public", "RECEIVER_NAME restricted", "RECEIVER_TYPE public" }));
        Assert.That(receivers.Columns.Select(c => c.Nullable), Is.EqualTo(new[] { false, false, false, true }), "required: true is NOT NULL");
        Assert.That(tbl.Column("RCVR_ID").Source!.Name, Is.EqualTo("tbl.rcvr_id"));
        Assert.That(tbl.Column("RCVR_ID").Source!.Path, Is.EqualTo("$.schema[0].properties[1]"));
        Assert.That(tbl.Column("RCVR_ID").Source!.Line, Is.EqualTo(LineOf(Bitol("full-example.odcs.yaml"), "      - id: rcvr_id_prop")));
    }

    [Test]
    public void ListValuedCustomProperties_AreReportedAndNotImported()
    {
        var warnings = Import(false, Bitol("full-example.odcs.yaml")).Warnings;
        Assert.That(warnings.Where(w => w.Message.Contains("holds a list", StringComparison.Ordinal)).Select(w => w.Path),
            Is.EquivalentTo(new[] { "$.customProperties[2]", "$.schema[0].customProperties[0]" }));
    }

    [Test]
    public void SnowflakeServer_PlacesTheTables_NamesFoldAsUnquoted()
    {
        var s = Import(false, Dcc("orders-snowflake-bigquery.odcs.yaml")).Snapshot;
        var product = s.Products().Single();
        Assert.That((product.Database, product.Schema), Is.EqualTo(("ANALYTICS", "ORDERS")));
        Assert.That(product.Datasets.Select(d => d.Name), Is.EqualTo(new[] { "ORDERS", "LINE_ITEMS" }));
    }

    [Test]
    public void NestedObjectsAndArrays_AreOneColumn_AsSnowflakeStoresThem()
    {
        var s = Import(false, Dcc("export-large-snowflake.odcs.yaml")).Snapshot;
        Assert.That(s.ColumnCount, Is.EqualTo(14), "9 top-level properties of orders, 5 of line_items");
        var types = s.Datasets().SelectMany(d => d.Columns).Select(c => c.Type.Text).ToList();
        Assert.That(types, Does.Contain("OBJECT").And.Contain("ARRAY"));
        Assert.That(s.Products().Single().Database, Is.EqualTo("my-database"), "not a valid unquoted identifier: kept exactly");
    }

    [Test]
    public void NestedPropertiesTags_TagTheColumnThatHoldsThem()
    {
        var s = Import(false, Dcc("lint-valid-3.1.0.odcs.yaml")).Snapshot;
        var address = s.Datasets().Single().Column("ADDRESS");
        Assert.That(address.Type.Text, Is.EqualTo("VARIANT"), "physicalType JSON: Snowflake stores JSON in a VARIANT");
        Assert.That(address.Tags.Get("CLASSIFICATION"), Is.EqualTo("restricted"));
        Assert.That(s.Datasets().Single().Name, Is.EqualTo("SHIPMENTS_V2"), "physicalName wins over name");
    }

    [TestCase("missing-status.odcs.yaml", "$", 1, "missing required property `status`")]
    [TestCase("missing-status-and-version.odcs.yaml", "$", 1, "missing required properties `version`, `status`")]
    [TestCase("null-schema-description.odcs.yaml", "$.schema[0].description", 10, "expected a string, found null")]
    public void InvalidContracts_FailWithTheirSchemaErrors_AndImportLeniently(string file, string path, int line, string problem)
    {
        var contract = TestData.Odcs("invalid", file);
        var e = Assert.Throws<GovernanceInputException>(() => Import(false, contract))!;
        Assert.That((e.GovId, e.JsonPath, e.Line), Is.EqualTo(("GOV9014", path, (long?)line)));
        Assert.That(e.Problem, Does.StartWith(problem + " (ODCS v3.1.0 schema").And.Contain("--lenient"));

        var lenient = Import(true, contract);
        var schemaWarnings = lenient.Warnings.Where(w => w.Message.StartsWith("ODCS v3.1.0 schema", StringComparison.Ordinal)).ToList();
        Assert.That(schemaWarnings.Select(w => (w.Path, w.Line, w.Message)), Is.EqualTo(new[] { (path, (long?)line, "ODCS v3.1.0 schema: " + problem) }));
        Assert.That(lenient.Snapshot.Products().Count(), Is.EqualTo(1));
    }

    [Test]
    public void FailingDatacontractCliFile_IsReportedPrecisely()
    {
        var file = Dcc("snowflake-import-types-and-privacy-tags.odcs.yaml");
        var e = Assert.Throws<GovernanceInputException>(() => Import(false, file))!;
        Assert.That(e.Message, Is.EqualTo(file + ":8: $.servers[0]: missing required property `account` (ODCS v3.1.0 schema); expected a contract that follows the schema, or --lenient to import it with warnings"));

        var s = Import(true, file).Snapshot;
        Assert.That(s.ColumnCount, Is.EqualTo(29));
        var product = s.Products().Single();
        Assert.That((product.Database, product.Schema), Is.EqualTo(("MY_DATABASE", "MY_SCHEMA")));
        var types = s.Datasets().Single().Columns.ToDictionary(c => c.Name, c => c.Type.Text);
        Assert.That(types["FIELD_PRIMARY_KEY"], Is.EqualTo("NUMBER(38,0)"));
        var privacy = s.Datasets().Single().Columns.Where(c => c.Tags.Contains("SNOWFLAKE.CORE.PRIVACY_CATEGORY")).ToList();
        Assert.That(privacy, Is.Not.Empty, "`SNOWFLAKE.CORE.PRIVACY_CATEGORY='IDENTIFIER'` tags keep Snowflake's qualified system tag name");
        Assert.That(privacy.Select(c => c.Tags.Get("SNOWFLAKE.CORE.PRIVACY_CATEGORY")), Has.All.AnyOf("IDENTIFIER", "QUASI_IDENTIFIER", "SENSITIVE"));
    }

    [Test]
    public void DatacontractCliExpectedContract_DescribesTheSameModelsAsOurDbtImport()
    {
        var fromDbt = SnapshotImport.Import(new DbtSource(TestData.Dbt(TestData.PiiTags, "manifest.json"))).Snapshot;
        // datacontract-cli writes dbt tags as the custom property `tags`, and relationship tests as `references`: only the tags are compared.
        var onlyTags = ImportMapping.Parse("tags: { meta: false }", "m.yaml");
        var fromOdcs = SnapshotImport.Import(new OdcsSource(new[] { TestData.Dbt(TestData.PiiTags, "datacontract-cli-expected.odcs.yaml") }, mapping: onlyTags)).Snapshot;
        static IEnumerable<string> Shape(IEnumerable<Dataset> datasets) => datasets.SelectMany(d =>
            new[] { d.Name + " " + string.Join(",", d.Tags.Items.Select(t => t.Key)) }
                .Concat(d.Columns.Select(c => d.Name + "." + c.Name + " " + c.Type.Text + " " + string.Join(",", c.Tags.Items.Select(t => t.Key)))));
        var models = fromDbt.Datasets().Where(d => d.Source!.Name!.StartsWith("model.", StringComparison.Ordinal));
        Assert.That(Shape(fromOdcs.Datasets()), Is.EquivalentTo(Shape(models)));
    }

    [Test]
    public void Yaml_DuplicateKey_IsAnErrorWithBothLines()
    {
        var file = TestData.Temp("c.odcs.yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: x\nid: y\n");
        var e = Assert.Throws<GovernanceInputException>(() => Import(false, file))!;
        Assert.That((e.GovId, e.Line, e.Problem), Is.EqualTo(("GOV9014", (long?)4, "duplicate key `id` (first at line 3); expected each key once in a mapping")));
    }

    [Test]
    public void Yaml_AnchorsAndAliases_AreRefused()
    {
        var file = TestData.Temp("c.odcs.yaml", "apiVersion: v3.1.0\nteam: &t\n  name: a\nsupport: *t\n");
        var e = Assert.Throws<GovernanceInputException>(() => Import(false, file))!;
        Assert.That((e.Line, e.Problem), Is.EqualTo(((long?)2, "anchor `&t`: anchors and aliases are not supported, expected each value written out where it is used")));
    }

    [Test]
    public void Yaml_TabIndentation_IsAnErrorOnItsLine()
    {
        var file = TestData.Temp("c.odcs.yaml", "apiVersion: v3.1.0\nschema:\n\t- name: x\n");
        var e = Assert.Throws<GovernanceInputException>(() => Import(false, file))!;
        Assert.That(e.Line, Is.EqualTo(3));
        Assert.That(e.Problem, Does.StartWith("a tab indents this line; YAML indents with spaces only"));
    }

    [Test]
    public void OdcsV2Contract_IsRefused()
    {
        var file = TestData.Temp("c.odcs.yaml", "apiVersion: v2.2.2\nkind: DataContract\n");
        var e = Assert.Throws<GovernanceInputException>(() => Import(true, file))!;
        Assert.That((e.JsonPath, e.Problem), Is.EqualTo(("$.apiVersion", "`apiVersion` `v2.2.2` is not supported; expected ODCS v3.0.x or v3.1.x")));
    }

    [Test]
    public void MissingPath_AndEmptyFolder_AreErrors()
    {
        Assert.That(Assert.Throws<GovernanceInputException>(() => OdcsSource.FindContracts(new[] { "no/such/dir" }))!.Problem, Does.StartWith("no such file or folder"));
        var empty = Path.GetDirectoryName(TestData.Temp("x.txt", ""))!;
        Assert.That(Assert.Throws<GovernanceInputException>(() => OdcsSource.FindContracts(new[] { empty }))!.Problem, Does.StartWith("the folder holds no *.yaml"));
    }

    [Test]
    public void SameTableDescribedDifferently_IsAnErrorNamingBothContracts()
    {
        const string head = "apiVersion: v3.1.0\nkind: DataContract\nid: c\nversion: 1.0.0\nstatus: active\ndataProduct: p\nschema:\n  - name: t\n    properties:\n      - name: a\n        physicalType: ";
        var first = TestData.Temp("a.yaml", head + "INT\n");
        var second = TestData.Temp("b.yaml", head + "VARCHAR(10)\n");
        var e = Assert.Throws<GovernanceInputException>(() => SnapshotImport.Import(new OdcsSource(new[] { first, second })))!;
        Assert.That(e.File, Is.EqualTo(second));
        Assert.That(e.Problem, Does.Contain("is `VARCHAR(10)` here and `NUMBER(38,0)` in").And.Contain(first));
    }

    [Test]
    public void MappingRule_PlacesAContractWithoutSnowflakeServer()
    {
        var mapping = ImportMapping.Parse("products:\n  - match: { domain: seller }\n    domain: sales\n    database: SALES\n    schema: QUANTUM\n", "m.yaml");
        var result = SnapshotImport.Import(new OdcsSource(new[] { Bitol("full-example.odcs.yaml") }, mapping: mapping));
        var product = result.Snapshot.Products().Single();
        Assert.That((result.Snapshot.Domains.Single().Name, product.Database, product.Schema), Is.EqualTo(("sales", "SALES", "QUANTUM")));
        Assert.That(result.Warnings.Select(w => w.Message), Has.None.Contains("no Snowflake server"));
    }

    private static long LineOf(string file, string text) => File.ReadLines(file).Select((l, i) => (l, i)).First(x => x.l == text).i + 1;
}
