using System.Text.Json;
using Governance.Simulation;
using Governance.Tests;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>
/// The introspection the state reader will use, answered with Snowflake's documented column names, in the documented
/// order (docs/snowflake.md lists which shapes the documentation shows and which come from the code of other tools).
/// </summary>
public sealed class IntrospectionTests
{
    private const string Table = "SALES.ORDERS.ORDERS";

    /// <summary>The documented column lists, from <c>snowflake-result-shapes.json</c> (its origin note says where each comes from).</summary>
    private static readonly Lazy<JsonElement> Shapes = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestFiles.Source("tests", "Governance.Simulation.Tests", "Emulator", "snowflake-result-shapes.json"))).RootElement.GetProperty("results"));

    private static string[] Columns(string result) => Shapes.Value.GetProperty(result).GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();

    private static EmulatorConnection Applied()
    {
        var account = Small.Account();
        foreach (var sql in new[]
                 {
                     "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT AS (VAL VARCHAR, COND_1 BOOLEAN) RETURNS VARCHAR -> CASE WHEN COND_1 THEN VAL ELSE '***' END COMMENT = 'consent' EXEMPT_OTHER_POLICIES = TRUE",
                     "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT USING (CUSTOMER_EMAIL, HAS_CONSENT) FORCE",
                     "ALTER TABLE " + Table + " ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION ON (REGION)",
                     "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP_NUMBER",
                     "ALTER SCHEMA SALES.ORDERS SET TAG GOVERNANCE.TAGS.PII = 'phone'",
                     "ALTER TABLE " + Table + " SET TAG GOVERNANCE.TAGS.PII = 'email'",
                     "ALTER TABLE " + Table + " MODIFY COLUMN REGION SET TAG GOVERNANCE.TAGS.PII = 'phone'",
                 })
        {
            Emulated.Execute(account, sql);
        }
        return account;
    }

    [Test]
    public void ShowTags_HasSnowflakesColumns_AndTheAllowedValuesInOrder()
    {
        using var account = Applied();
        Emulated.Execute(account, "CREATE TAG GOVERNANCE.TAGS.OWNER");
        var (columns, rows) = Emulated.Query(account, "SHOW TAGS IN SCHEMA GOVERNANCE.TAGS");
        Assert.Multiple(() =>
        {
            Assert.That(columns, Is.EqualTo(Columns("SHOW TAGS")));
            Assert.That(rows.Select(r => string.Join("|", r.Skip(1))), Is.EqualTo(new[]
            {
                "OWNER|GOVERNANCE|TAGS|ACCOUNTADMIN|||ROLE",
                "PII|GOVERNANCE|TAGS|ACCOUNTADMIN|personal data|[\"email\",\"phone\"]|ROLE",
            }));
            Assert.That(Emulated.Query(account, "SHOW TAGS LIKE '%i%' IN ACCOUNT").Rows.Select(r => r[1]), Is.EqualTo(new[] { "PII" }), "LIKE ignores case");
        });
    }

    [Test]
    public void ShowMaskingAndRowAccessPolicies_HaveSnowflakesColumns_AndOptions()
    {
        using var account = Applied();
        var masking = Emulated.Query(account, "SHOW MASKING POLICIES IN SCHEMA GOVERNANCE.POLICIES");
        var rowAccess = Emulated.Query(account, "SHOW ROW ACCESS POLICIES IN DATABASE GOVERNANCE");
        Assert.Multiple(() =>
        {
            Assert.That(masking.Columns, Is.EqualTo(Columns("SHOW MASKING POLICIES")));
            Assert.That(masking.Rows.Select(r => string.Join("|", r.Skip(1))), Is.EqualTo(new[]
            {
                "MP_CONSENT|GOVERNANCE|POLICIES|MASKING_POLICY|ACCOUNTADMIN|consent|ROLE|{\"EXEMPT_OTHER_POLICIES\":true}",
                "MP_NUMBER|GOVERNANCE|POLICIES|MASKING_POLICY|ACCOUNTADMIN||ROLE|",
                "MP_TEXT|GOVERNANCE|POLICIES|MASKING_POLICY|ACCOUNTADMIN||ROLE|",
                "MP_TEXT_2|GOVERNANCE|POLICIES|MASKING_POLICY|ACCOUNTADMIN||ROLE|",
            }));
            Assert.That(rowAccess.Columns, Is.EqualTo(Columns("SHOW ROW ACCESS POLICIES")));
            Assert.That(rowAccess.Rows.Select(r => r[1] + "|" + r[4]), Is.EqualTo(new[] { "RAP_REGION|ROW_ACCESS_POLICY" }));
        });
    }

    [Test]
    public void Describe_GivesTheSignatureWithBaseTypes_TheNormalizedReturnType_AndTheBodyAsWritten()
    {
        using var account = Applied();
        var masking = Emulated.Query(account, "DESCRIBE MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT");
        var rowAccess = Emulated.Query(account, "DESC ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION");
        Assert.Multiple(() =>
        {
            Assert.That(masking.Columns, Is.EqualTo(Columns("DESCRIBE MASKING POLICY")));
            Assert.That(rowAccess.Columns, Is.EqualTo(Columns("DESCRIBE ROW ACCESS POLICY")));
            Assert.That(masking.Rows.Single(), Is.EqualTo(new[] { "MP_CONSENT", "(VAL VARCHAR, COND_1 BOOLEAN)", "VARCHAR(16777216)", "CASE WHEN COND_1 THEN VAL ELSE '***' END" }));
            Assert.That(rowAccess.Rows.Single(), Is.EqualTo(new[] { "RAP_REGION", "(R VARCHAR)", "BOOLEAN", "R = 'EMEA' OR IS_ROLE_IN_SESSION('PII_READER')" }));
        });
    }

    [Test]
    public void GetTagAllowedValues_IsAJsonArrayInOrder_NullWithoutAllowedValues()
    {
        using var account = Applied();
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.PII ADD ALLOWED_VALUES 'it''s \"odd\"\\\\'");
        Emulated.Execute(account, "CREATE TAG GOVERNANCE.TAGS.OWNER");
        var values = Emulated.Query(account, "select system$get_tag_allowed_values('governance.tags.pii')");
        Assert.Multiple(() =>
        {
            Assert.That(values.Columns, Is.EqualTo(Columns("SYSTEM$GET_TAG_ALLOWED_VALUES")));
            Assert.That(values.Rows.Single()[0], Is.EqualTo("[\"email\",\"phone\",\"it's \\\"odd\\\"\\\\\"]"));
            Assert.That(Emulated.Query(account, "SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('\"GOVERNANCE\".\"TAGS\".\"OWNER\"') AS V").Rows.Single()[0], Is.Null);
        });
    }

    /// <summary>
    /// A tag-based policy reaches every column of its data type under the tag (NUMBER of any precision: "when the data
    /// type in the masking policy signature and the data type of the column match"), unless the column has a direct policy.
    /// </summary>
    [Test]
    public void PolicyReferences_ByEntity_ListsColumnMasking_RowAccess_AndTagBasedMasking()
    {
        using var account = Applied();
        var (columns, rows) = Emulated.Query(account, "SELECT * FROM TABLE(SALES.INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => '" + Table + "', REF_ENTITY_DOMAIN => 'table'))");
        Assert.Multiple(() =>
        {
            Assert.That(columns, Is.EqualTo(Columns("POLICY_REFERENCES")));
            Assert.That(rows.Select(r => string.Join("|", r)), Is.EqualTo(new[]
            {
                "GOVERNANCE|POLICIES|MP_CONSENT|MASKING_POLICY|SALES|ORDERS|ORDERS|TABLE|CUSTOMER_EMAIL|[\"HAS_CONSENT\"]||||ACTIVE",
                "GOVERNANCE|POLICIES|MP_NUMBER|MASKING_POLICY|SALES|ORDERS|ORDERS|TABLE|AMOUNT||GOVERNANCE|TAGS|PII|ACTIVE",
                "GOVERNANCE|POLICIES|MP_NUMBER|MASKING_POLICY|SALES|ORDERS|ORDERS|TABLE|ORDER_ID||GOVERNANCE|TAGS|PII|ACTIVE",
                "GOVERNANCE|POLICIES|RAP_REGION|ROW_ACCESS_POLICY|SALES|ORDERS|ORDERS|TABLE||[\"REGION\"]||||ACTIVE",
            }));
        });
    }

    [Test]
    public void PolicyReferences_ByPolicy_ListsEveryReference_TagsIncluded()
    {
        using var account = Applied();
        var rows = Emulated.Records(account, "SELECT REF_ENTITY_NAME, REF_ENTITY_DOMAIN, REF_COLUMN_NAME FROM TABLE(GOVERNANCE.INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => 'GOVERNANCE.POLICIES.MP_NUMBER')) "
            + "ORDER BY REF_ENTITY_DOMAIN DESC, REF_ENTITY_NAME");
        Assert.That(rows.Select(r => r["REF_ENTITY_NAME"] + "|" + r["REF_ENTITY_DOMAIN"] + "|" + r["REF_COLUMN_NAME"]), Is.EqualTo(new[]
        {
            "ORDERS_MV|VIEW|AMOUNT", "ORDERS_V|VIEW|ORDER_ID", "PII|TAG|", "ORDERS|TABLE|AMOUNT", "ORDERS|TABLE|ORDER_ID", "LEDGER|ICEBERG_TABLE|AMOUNT",
        }));
        Assert.That(Emulated.Query(account, "SELECT * FROM TABLE(INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => 'GOVERNANCE.POLICIES.MP_TEXT_2'))").Rows, Is.Empty);
    }

    [Test]
    public void TagReferencesAllColumns_GivesTheClosestTag_WithItsLevelAndApplyMethod()
    {
        using var account = Applied();
        var (columns, rows) = Emulated.Query(account, "SELECT * FROM TABLE(SALES.INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('sales.orders.orders', 'table'))");
        Assert.Multiple(() =>
        {
            Assert.That(columns, Is.EqualTo(Columns("TAG_REFERENCES_ALL_COLUMNS")));
            Assert.That(rows.Select(r => r[10] + "=" + r[3] + " " + r[4] + " " + r[5]), Is.EqualTo(new[]
            {
                "ORDER_ID=email INHERITED TABLE", "CUSTOMER_EMAIL=email INHERITED TABLE", "REGION=phone MANUAL COLUMN", "AMOUNT=email INHERITED TABLE", "HAS_CONSENT=email INHERITED TABLE",
            }));
            Assert.That(rows.Select(r => r[9]), Is.All.EqualTo("COLUMN"));
        });
        var view = Emulated.Records(account, "SELECT COLUMN_NAME, TAG_VALUE, LEVEL FROM TABLE(SALES.INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('SALES.ORDERS.ORDERS_V', 'TABLE'))");
        Assert.That(view.Select(r => r["COLUMN_NAME"] + "=" + r["TAG_VALUE"] + " " + r["LEVEL"]), Is.EqualTo(new[] { "ORDER_ID=phone SCHEMA", "REGION=phone SCHEMA" }));
    }

    [Test]
    public void TagReferences_GivesTheTagsOnTheTableItself_SetOrInherited()
    {
        // tag_references: "each row displays an association between a tag and value … the result of a direct association
        // to an object or through tag inheritance"; 'TABLE' is the domain "for all table-like objects such as views".
        using var account = Applied();
        var (columns, rows) = Emulated.Query(account, "SELECT * FROM TABLE(SALES.INFORMATION_SCHEMA.TAG_REFERENCES('SALES.ORDERS.ORDERS', 'table'))");
        var view = Emulated.Records(account, "SELECT TAG_NAME, TAG_VALUE, APPLY_METHOD, LEVEL, DOMAIN FROM TABLE(SALES.INFORMATION_SCHEMA.TAG_REFERENCES('SALES.ORDERS.ORDERS_V', 'TABLE'))");
        Assert.Multiple(() =>
        {
            Assert.That(columns, Is.EqualTo(Columns("TAG_REFERENCES")));
            Assert.That(rows.Select(r => string.Join("|", r)), Is.EqualTo(new[] { "GOVERNANCE|TAGS|PII|email|MANUAL|TABLE|SALES|ORDERS|ORDERS|TABLE|" }), "the table's own value, not the schema's");
            Assert.That(view.Select(r => string.Join("|", r.Values)), Is.EqualTo(new[] { "PII|phone|INHERITED|SCHEMA|TABLE" }));
        });
    }

    [Test]
    public void InformationSchemaTables_JoinedToColumns_GivesEachColumnItsTablesType()
    {
        // info-schema/tables: TABLE_TYPE "Valid values are BASE TABLE, TEMPORARY TABLE, EXTERNAL TABLE, EVENT TABLE, VIEW,
        // or MATERIALIZED VIEW"; the catalog importer joins it to COLUMNS (SnowflakeCatalogQueries.Columns).
        using var account = Applied();
        var (columns, _) = Emulated.Query(account, "SELECT * FROM SALES.INFORMATION_SCHEMA.TABLES");
        var tables = Emulated.Records(account, "SELECT TABLE_NAME, TABLE_TYPE, IS_TRANSIENT FROM SALES.INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'ORDERS'");
        var joined = Emulated.Records(account, "SELECT c.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME FROM SALES.INFORMATION_SCHEMA.COLUMNS c JOIN SALES.INFORMATION_SCHEMA.TABLES t\n"
            + "  ON t.TABLE_CATALOG = c.TABLE_CATALOG AND t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME WHERE c.TABLE_NAME <> 'ORDERS' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION");
        Assert.Multiple(() =>
        {
            Assert.That(columns, Is.EqualTo(Columns("INFORMATION_SCHEMA.TABLES")));
            Assert.That(tables.Select(r => string.Join("|", r.Values)), Is.EqualTo(new[]
            {
                "EVENTS|EXTERNAL TABLE|NO", "LEDGER|ICEBERG TABLE|NO", "ORDERS|BASE TABLE|NO", "ORDERS_MV|MATERIALIZED VIEW|NO", "ORDERS_V|VIEW|NO",
            }));
            Assert.That(joined.Select(r => string.Join("|", r.Values)), Is.EqualTo(new[]
            {
                "EVENTS|EXTERNAL TABLE|VALUE", "EVENTS|EXTERNAL TABLE|REGION", "LEDGER|ICEBERG TABLE|REGION", "LEDGER|ICEBERG TABLE|AMOUNT",
                "ORDERS_MV|MATERIALIZED VIEW|REGION", "ORDERS_MV|MATERIALIZED VIEW|AMOUNT", "ORDERS_V|VIEW|ORDER_ID", "ORDERS_V|VIEW|REGION",
            }));
            Assert.That(() => Emulated.Query(account, "SELECT TABLE_NAME FROM SALES.INFORMATION_SCHEMA.COLUMNS c JOIN SALES.INFORMATION_SCHEMA.TABLES t ON t.TABLE_NAME = c.TABLE_NAME"),
                Throws.InstanceOf<EmulatorException>().With.Message.Contains("ambiguous column name 'TABLE_NAME'"));
        });
    }

    [Test]
    public void InformationSchemaColumns_ReportsTypesAsSnowflakeDoes()
    {
        using var account = Applied();
        var rows = Emulated.Records(account, "SELECT TABLE_NAME, COLUMN_NAME, ORDINAL_POSITION, IS_NULLABLE, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, "
            + "NUMERIC_PRECISION, NUMERIC_PRECISION_RADIX, NUMERIC_SCALE FROM SALES.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'ORDERS' AND TABLE_NAME = 'ORDERS'");
        Assert.That(rows.Select(r => string.Join("|", r.Values.Skip(1))), Is.EqualTo(new[]
        {
            "ORDER_ID|1|NO|NUMBER|||38|10|0",
            "CUSTOMER_EMAIL|2|YES|TEXT|256|1024|||",
            "REGION|3|YES|TEXT|16|64|||",
            "AMOUNT|4|YES|NUMBER|||12|10|2",
            "HAS_CONSENT|5|YES|BOOLEAN|||||",
        }));
        var all = Emulated.Query(account, "SELECT * FROM SALES.INFORMATION_SCHEMA.COLUMNS");
        Assert.That(all.Columns, Is.EqualTo(Columns("INFORMATION_SCHEMA.COLUMNS")));
    }

    [Test]
    public void Select_OfADataset_RunsAsTheCurrentRole_ThroughItsPolicies()
    {
        using var account = Applied();
        var asAdmin = Emulated.Query(account, "SELECT ORDER_ID, REGION, CUSTOMER_EMAIL FROM SALES.ORDERS.ORDERS o WHERE o.REGION = 'EMEA' OR REGION IS NULL ORDER BY ORDER_ID DESC");
        Emulated.Execute(account, "USE ROLE PII_READER");
        var asReader = Emulated.Query(account, "SELECT * FROM SALES.ORDERS.ORDERS");
        Assert.Multiple(() =>
        {
            Assert.That(asAdmin.Rows.Select(r => r[1]), Is.All.EqualTo("EMEA"), "the row access policy admits EMEA rows only for ACCOUNTADMIN");
            Assert.That(asAdmin.Rows.Select(r => r[0]), Is.Ordered.Descending);
            Assert.That(asAdmin.Rows.Select(r => r[0]), Is.All.Null, "ORDER_ID is masked to NULL by the tag PII's NUMBER policy");
            Assert.That(asReader.Rows, Has.Count.EqualTo(6), "PII_READER bypasses the row access policy");
            Assert.That(asReader.Columns, Is.EqualTo(new[] { "ORDER_ID", "CUSTOMER_EMAIL", "REGION", "AMOUNT", "HAS_CONSENT" }));
            Assert.That(Emulated.Query(account, "SELECT CURRENT_ROLE()").Rows.Single()[0], Is.EqualTo("PII_READER"));
        });
    }
}
