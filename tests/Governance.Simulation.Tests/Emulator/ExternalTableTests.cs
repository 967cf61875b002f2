using System.Text.Json;
using Governance.Simulation;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>
/// An external table of the account has Snowflake's <c>VALUE</c> (a VARIANT holding the whole row) even when the
/// snapshot leaves it out, and its virtual columns, computed from <c>VALUE</c>, read through <c>VALUE</c>'s masking
/// policy (docs/snowflake.md, the emulated account).
/// </summary>
public sealed class ExternalTableTests
{
    private static readonly MetadataSnapshot Snapshot = new(
        new[] { new RoleDefinition("ANALYST"), new RoleDefinition("PII_READER", new[] { "ANALYST" }) },
        new[]
        {
            new Domain("sales", null, new[]
            {
                new DataProduct("feeds", "1.0.0", null, "SALES", "FEEDS", new[]
                {
                    new Dataset("CLICKS", DatasetKind.ExternalTable, new[] { new Column("REGION", SnowflakeType.Varchar(16), false), new Column("CUSTOMER_EMAIL", SnowflakeType.Varchar(256), false) }),
                }),
            }),
        });

    private const string Table = "SALES.FEEDS.CLICKS";

    private static EmulatorConnection Account(bool exempt)
    {
        var account = Emulated.Account();
        account.CreateDatasets(Snapshot, rows: 5);
        Emulated.Script(account, string.Join(";\n",
            "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_VALUE AS (VAL VARIANT) RETURNS VARIANT -> CASE WHEN IS_ROLE_IN_SESSION('PII_READER') THEN VAL ELSE NULL END"
                + (exempt ? " EXEMPT_OTHER_POLICIES = TRUE" : ""),
            "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT AS (VAL VARCHAR) RETURNS VARCHAR -> CASE WHEN IS_ROLE_IN_SESSION('ANALYST') THEN '***' ELSE NULL END",
            "ALTER TABLE " + Table + " MODIFY COLUMN VALUE SET MASKING POLICY GOVERNANCE.POLICIES.MP_VALUE",
            "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT"));
        return account;
    }

    [Test]
    public void AnExternalTableWithoutValueInTheSnapshot_HasValueFirst_HoldingTheWholeRow()
    {
        using var account = Emulated.Account();
        account.CreateDatasets(Snapshot, rows: 5);
        var columns = Emulated.Records(account, "SELECT COLUMN_NAME, ORDINAL_POSITION, IS_NULLABLE, DATA_TYPE FROM SALES.INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'CLICKS'");
        var (names, rows) = Emulated.Query(account, "SELECT * FROM " + Table);
        Assert.Multiple(() =>
        {
            Assert.That(columns.Select(c => string.Join("|", c.Values)), Is.EqualTo(new[] { "VALUE|1|NO|VARIANT", "REGION|2|NO|TEXT", "CUSTOMER_EMAIL|3|NO|TEXT" }));
            Assert.That(names, Is.EqualTo(new[] { "VALUE", "REGION", "CUSTOMER_EMAIL" }));
            Assert.That(rows, Has.Count.EqualTo(5));
            foreach (var row in rows)
            {
                var value = JsonDocument.Parse(row[0]!).RootElement;
                Assert.That(value.EnumerateObject().Select(p => p.Name + "=" + p.Value.GetString()), Is.EqualTo(new[] { "REGION=" + row[1], "CUSTOMER_EMAIL=" + row[2] }), "VALUE holds the row");
            }
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void AVirtualColumn_ReadsThroughValuesPolicy_UnlessItsOwnPolicyIsExempted(bool exempt)
    {
        using var account = Account(exempt);
        var reader = account.ReadAs("PII_READER", "SALES", "FEEDS", "CLICKS");
        var analyst = account.ReadAs("ANALYST", "SALES", "FEEDS", "CLICKS");
        Assert.Multiple(() =>
        {
            Assert.That(reader.Select(r => r.Values[1]), Is.All.Not.Null, "PII_READER reads VALUE, so REGION, in clear");
            Assert.That(reader.Select(r => r.Values[2]), Is.All.EqualTo("***"), "CUSTOMER_EMAIL's own policy masks it for PII_READER too");
            Assert.That(analyst.Select(r => r.Values[0]), Is.All.Null, "VALUE is masked for ANALYST");
            Assert.That(analyst.Select(r => r.Values[1]), Is.All.Null, "REGION, computed from the masked VALUE, is NULL");
            Assert.That(analyst.Select(r => r.Values[2]), Is.All.EqualTo(exempt ? "***" : null),
                exempt ? "an exempting VALUE policy leaves CUSTOMER_EMAIL to its own" : "without the exemption both policies apply");
        });
    }
}
