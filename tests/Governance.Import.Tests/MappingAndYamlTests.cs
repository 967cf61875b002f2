using Governance.Import.Yaml;

namespace Governance.Import.Tests;

public class MappingAndYamlTests
{
    [TestCase("1.0.0", "String")]
    [TestCase("09:00-08:00", "String")]
    [TestCase("v3.1.0", "String")]
    [TestCase("2022-10-03", "String")]
    [TestCase("38", "Integer")]
    [TestCase("-1", "Integer")]
    [TestCase("9.95", "Float")]
    [TestCase("1e3", "Float")]
    [TestCase("true", "Boolean")]
    [TestCase("False", "Boolean")]
    [TestCase("yes", "String")]
    [TestCase("~", "Null")]
    [TestCase("null", "Null")]
    public void PlainScalars_ResolveByTheYaml12CoreSchema(string text, string kind)
    {
        var root = (YamlMapping)YamlTree.Parse("k: " + text + "\nq: \"" + text + "\"\n", "f.yaml", GovIds.InvalidDataContract)!;
        Assert.That(((YamlScalar)root.Get("k")!).Kind.ToString(), Is.EqualTo(kind));
        Assert.That(((YamlScalar)root.Get("q")!).Kind, Is.EqualTo(ScalarKind.String), "a quoted scalar is always text");
    }

    [Test]
    public void EmptyValue_IsNull()
    {
        var root = (YamlMapping)YamlTree.Parse("a:\nb: 1\n", "f.yaml", GovIds.InvalidDataContract)!;
        Assert.That(((YamlScalar)root.Get("a")!).IsNull, Is.True);
    }

    [Test]
    public void SecondDocument_IsAnError()
    {
        var e = Assert.Throws<GovernanceInputException>(() => YamlTree.Parse("a: 1\n---\nb: 2\n", "f.yaml", GovIds.InvalidDataContract))!;
        Assert.That(e.Problem, Is.EqualTo("a second YAML document starts here; expected one document per file"));
    }

    [Test]
    public void Mapping_AllKeys_Parse()
    {
        var m = ImportMapping.Parse("""
            products:
              - match: { package: shop, folder: marts }
                domain: sales
                product: orders
                owner: orders@acme.example
            tags:
              meta: [pii, sensitivity]
              rename: { pii: PII_KIND }
            packages: [stripe]
            disabled: true
            unknownType: VARCHAR
            """, "m.yaml");
        Assert.That(m.Packages, Is.EqualTo(new[] { "stripe" }));
        Assert.That((m.IncludeDisabled, m.UnknownType!.Text), Is.EqualTo((true, "VARCHAR(16777216)")));
        Assert.That(m.Find(new MatchSubject { Package = "shop", Folder = "marts" })!.Product, Is.EqualTo("orders"));
        Assert.That(m.Find(new MatchSubject { Package = "shop", Folder = "staging" }), Is.Null, "every match key must hold");
    }

    [TestCase("colour: red\n", 1, "$.colour", "unknown key `colour`; expected one of `products`, `tags`, `packages`, `disabled`, `unknownType`")]
    [TestCase("products:\n  - match: { team: a }\n    domain: x\n", 2, "$.products[0].match.team", "unknown key `team`; expected one of `package`, `group`, `folder`, `database`, `schema`, `domain`, `dataProduct`")]
    [TestCase("products:\n  - match: { package: a }\n", 2, "$.products[0]", "a product rule sets nothing; expected `domain`, `product`, `owner`, `database` or `schema`")]
    [TestCase("products:\n  - domain: a\n    database: X\n", 2, "$.products[0]", "a product rule sets `database` and `schema` together; expected both or neither")]
    [TestCase("packages: stripe\n", 1, "$.packages", "expected a list of dbt package names, found a string")]
    [TestCase("disabled: sometimes\n", 1, "$.disabled", "expected `true` or `false`, found a string")]
    [TestCase("unknownType: WIDGET\n", 1, "$.unknownType", "unknown Snowflake data type `WIDGET`; expected a Snowflake data type like `VARIANT` or `VARCHAR`")]
    [TestCase("tags:\n  rename: { a: \"\" }\n", 2, "$.tags.rename.a", "expected a non-empty string, found a string")]
    public void Mapping_BadInput_IsGov9016WithLineAndPath(string text, int line, string path, string problem)
    {
        var e = Assert.Throws<GovernanceInputException>(() => ImportMapping.Parse(text, "m.yaml"))!;
        Assert.That((e.GovId, e.Line, e.JsonPath, e.Problem), Is.EqualTo(("GOV9016", (long?)line, path, problem)));
    }

    [TestCase("\"jaffle_shop\".\"main\".\"customers\"", "jaffle_shop|True main|True customers|True")]
    [TestCase("analytics.dbt_prod.orders", "analytics|False dbt_prod|False orders|False")]
    [TestCase("`your-project`.`jaffle_shop`.`customers`", "your-project|True jaffle_shop|True customers|True")]
    [TestCase("\"a\"\"b\".s.t", "a\"b|True s|False t|False")]
    public void RelationNames_SplitWithTheirQuoting(string relation, string expected)
        => Assert.That(string.Join(" ", SnowflakeNames.SplitRelation(relation)!.Select(p => p.Text + "|" + p.Quoted)), Is.EqualTo(expected));

    [TestCase("customers", false, "CUSTOMERS")]
    [TestCase("customers", true, "customers")]
    [TestCase("Mixed_Case$1", false, "MIXED_CASE$1")]
    [TestCase("your-project", false, "your-project")]
    [TestCase("my quantum", false, "my quantum")]
    [TestCase("1st", false, "1st")]
    [TestCase("été", false, "été")]
    public void Names_FoldOnlyWhenTheyCouldBeWrittenUnquoted(string name, bool quoted, string stored)
        => Assert.That(SnowflakeNames.Resolve(name, quoted), Is.EqualTo(stored));

    [TestCase("integer", "NUMBER(38,0)")]
    [TestCase("INT64", "NUMBER(38,0)")]
    [TestCase("HUGEINT", "NUMBER(38,0)")]
    [TestCase("character varying(500)", "VARCHAR(500)")]
    [TestCase("text", "VARCHAR(16777216)")]
    [TestCase("numeric(28,6)", "NUMBER(28,6)")]
    [TestCase("timestamp without time zone", "TIMESTAMP_NTZ(9)")]
    [TestCase("timestamptz", "TIMESTAMP_TZ(9)")]
    [TestCase("FLOAT64", "FLOAT")]
    [TestCase("double precision", "FLOAT")]
    [TestCase("BOOL", "BOOLEAN")]
    [TestCase("DECIMAL(16,2)", "NUMBER(16,2)")]
    [TestCase("struct<a:int>", "OBJECT")]
    [TestCase("array<string>", "ARRAY")]
    [TestCase("jsonb", "VARIANT")]
    [TestCase("uuid", "VARCHAR(16777216)")]
    [TestCase("bytea", "BINARY(8388608)")]
    public void ForeignTypes_BecomeTheSnowflakeTypeOfTheColumn(string text, string snowflake)
        => Assert.That(ForeignTypes.ToSnowflake(text)!.Text, Is.EqualTo(snowflake));

    [TestCase("interval")]
    [TestCase("varchar[1024]x")]
    [TestCase("Flag")]
    public void UnknownForeignTypes_AreNull(string text) => Assert.That(ForeignTypes.ToSnowflake(text), Is.Null);
}
