using System.Text;
using static Governance.Tests.Snapshots.SnapshotTestData;

namespace Governance.Tests.Snapshots;

public class SnapshotWriterTests
{
    private const string DesignExampleWritten = """
        {
          "format": "governance.snapshot/v1",
          "takenAt": "2026-11-20T10:00:00Z",
          "roles": [
            {
              "name": "ANALYST"
            },
            {
              "name": "PII_READER",
              "inherits": [
                "ANALYST"
              ]
            }
          ],
          "domains": [
            {
              "name": "sales",
              "owner": "sales-data@acme.example",
              "products": [
                {
                  "name": "orders",
                  "version": "1.4.0",
                  "owner": "orders-team@acme.example",
                  "database": "SALES",
                  "schema": "ORDERS",
                  "tags": {
                    "DATA_DOMAIN": "sales"
                  },
                  "datasets": [
                    {
                      "name": "ORDERS",
                      "kind": "table",
                      "tags": {
                        "SENSITIVITY": "confidential"
                      },
                      "columns": [
                        {
                          "name": "ORDER_ID",
                          "type": "NUMBER(38,0)",
                          "nullable": false,
                          "tags": {
                            "SENSITIVITY": "internal"
                          }
                        },
                        {
                          "name": "CUSTOMER_EMAIL",
                          "type": "VARCHAR(256)",
                          "tags": {
                            "PII": "email",
                            "SENSITIVITY": "restricted"
                          }
                        },
                        {
                          "name": "REGION",
                          "type": "VARCHAR(16)",
                          "tags": {
                            "SENSITIVITY": "internal"
                          }
                        }
                      ]
                    }
                  ]
                }
              ]
            }
          ]
        }

        """;

    [Test]
    public void ToJson_DesignExample_IsIndentedDeterministicAndInFieldOrder()
    {
        var json = SnapshotWriter.ToJson(Read(DesignExample));

        Assert.That(json, Is.EqualTo(DesignExampleWritten));
        Assert.That(json, Does.Not.Contain("\r"));
    }

    [Test]
    public void ToJson_OmitsUnsetOptionalFieldsAndDefaultNullable()
    {
        var column = new Column("AMOUNT", SnowflakeType.Parse("NUMBER(10,2)"));
        var snapshot = new MetadataSnapshot(
            System.Array.Empty<RoleDefinition>(),
            [new Domain("sales", null, [new DataProduct("orders", null, null, "SALES", "ORDERS", [new Dataset("ORDERS", DatasetKind.View, [column])])])]);

        var json = SnapshotWriter.ToJson(snapshot);

        Assert.That(json, Does.Not.Contain("takenAt").And.Not.Contain("owner").And.Not.Contain("version")
            .And.Not.Contain("nullable").And.Not.Contain("tags").And.Not.Contain("inherits").And.Not.Contain("null"));
        Assert.That(json, Does.StartWith("{\n  \"format\": \"governance.snapshot/v1\",\n  \"roles\": [],\n  \"domains\": ["));
        Assert.That(json, Does.Contain("\"kind\": \"view\""));
    }

    [Test]
    public void ToJson_WritesNormalizedTypes()
    {
        var json = SnapshotWriter.ToJson(Read(Valid));

        Assert.That(json, Does.Contain("\"type\": \"VARCHAR(16777216)\"").And.Not.Contain("\"STRING\""));
    }

    [Test]
    public void ToJson_KeepsNonAsciiReadableAndEscapesWhatJsonRequires()
    {
        var json = Replace("\"name\": \"REGION\"", "\"name\": \"RÉGION <EU> + \\\"\\\\\"");

        var written = SnapshotWriter.ToJson(Read(json));

        Assert.That(written, Does.Contain("\"name\": \"RÉGION <EU> + \\\"\\\\\""));
        Assert.That(SnapshotWriter.ToJson(SnapshotReader.Parse(written)), Is.EqualTo(written));
    }

    [Test]
    public void ToJson_TakenAt_KeepsOffsetAndFraction()
    {
        var s = new MetadataSnapshot(System.Array.Empty<RoleDefinition>(), System.Array.Empty<Domain>(),
            new DateTimeOffset(2026, 11, 20, 10, 0, 0, 125, TimeSpan.FromHours(2)));

        var json = SnapshotWriter.ToJson(s);

        Assert.That(json, Does.Contain("\"takenAt\": \"2026-11-20T10:00:00.125+02:00\""));
        Assert.That(SnapshotReader.Parse(json).TakenAt, Is.EqualTo(s.TakenAt));
    }

    [Test]
    public void Write_LargeSnapshot_StreamsAndMatchesToJson()
    {
        var s = Read(Wide(5000));
        using var stream = new MemoryStream();

        SnapshotWriter.Write(s, stream);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.That(text, Is.EqualTo(SnapshotWriter.ToJson(s)));
        Assert.That(SnapshotReader.Parse(text).ColumnCount, Is.EqualTo(5000));
    }
}
