using System.Text;

namespace Governance.Tests.Snapshots;

/// <summary>Small snapshots as text, and helpers to break them in one place.</summary>
internal static class SnapshotTestData
{
    public const string FileName = "mesh.snapshot.json";

    /// <summary>A valid snapshot, one property per line where tests break it.</summary>
    public const string Valid = """
        {
          "format": "governance.snapshot/v1",
          "takenAt": "2026-11-20T10:00:00Z",
          "roles": [
            { "name": "ANALYST" },
            { "name": "PII_READER", "inherits": ["ANALYST"] }
          ],
          "domains": [
            {
              "name": "sales",
              "owner": "sales-data@acme.example",
              "products": [
                {
                  "name": "orders",
                  "version": "1.4.0",
                  "database": "SALES",
                  "schema": "ORDERS",
                  "tags": { "DATA_DOMAIN": "sales" },
                  "datasets": [
                    {
                      "name": "ORDERS",
                      "kind": "table",
                      "columns": [
                        { "name": "ORDER_ID", "type": "NUMBER(38,0)", "nullable": false },
                        { "name": "EMAIL", "type": "VARCHAR(256)", "tags": { "PII": "email" } },
                        { "name": "REGION", "type": "STRING" }
                      ]
                    }
                  ]
                }
              ]
            }
          ]
        }
        """;

    /// <summary>The example of DESIGN.md, and what the writer makes of it.</summary>
    public const string DesignExample = """
        {
          "format": "governance.snapshot/v1",
          "takenAt": "2026-11-20T10:00:00Z",
          "roles": [ { "name": "ANALYST" }, { "name": "PII_READER", "inherits": ["ANALYST"] } ],
          "domains": [ {
            "name": "sales", "owner": "sales-data@acme.example",
            "products": [ {
              "name": "orders", "version": "1.4.0", "owner": "orders-team@acme.example",
              "database": "SALES", "schema": "ORDERS",
              "tags": { "DATA_DOMAIN": "sales" },
              "datasets": [ {
                "name": "ORDERS", "kind": "table",
                "tags": { "SENSITIVITY": "confidential" },
                "columns": [
                  { "name": "ORDER_ID", "type": "NUMBER(38,0)", "nullable": false, "tags": { "SENSITIVITY": "internal" } },
                  { "name": "CUSTOMER_EMAIL", "type": "VARCHAR(256)", "tags": { "PII": "email", "SENSITIVITY": "restricted" } },
                  { "name": "REGION", "type": "VARCHAR(16)", "tags": { "SENSITIVITY": "internal" } }
                ] } ] } ] } ]
        }
        """;

    /// <summary><see cref="Valid"/> with one exact piece of text replaced (which must occur once).</summary>
    public static string Replace(string oldText, string newText) => Replace(Valid, oldText, newText);

    public static string Replace(string json, string oldText, string newText)
    {
        var at = json.IndexOf(oldText, StringComparison.Ordinal);
        if (at < 0 || json.IndexOf(oldText, at + 1, StringComparison.Ordinal) >= 0)
            throw new ArgumentException("`" + oldText + "` must occur exactly once", nameof(oldText));
        return json.Substring(0, at) + newText + json.Substring(at + oldText.Length);
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="marker"/>.</summary>
    public static long LineOf(string json, string marker)
    {
        var at = json.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0) throw new ArgumentException("`" + marker + "` not found", nameof(marker));
        return 1 + json.AsSpan(0, at).Count('\n');
    }

    public static GovernanceInputException ReadFails(string json, int? bufferSize = null)
    {
        return Assert.Throws<GovernanceInputException>(() => Read(json, bufferSize))!;
    }

    public static MetadataSnapshot Read(string json, int? bufferSize = null)
    {
        if (bufferSize is null) return SnapshotReader.Parse(json, FileName);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return SnapshotReader.Read(stream, FileName, bufferSize.Value);
    }

    /// <summary>A snapshot with one dataset of <paramref name="columns"/> columns; the last column's type is <paramref name="lastType"/>.</summary>
    public static string Wide(int columns, string lastType = "NUMBER(38,0)")
    {
        var sb = new StringBuilder();
        sb.Append("{\n  \"format\": \"governance.snapshot/v1\",\n  \"domains\": [\n    {\n      \"name\": \"sales\",\n      \"products\": [\n")
          .Append("        {\n          \"name\": \"orders\", \"database\": \"SALES\", \"schema\": \"ORDERS\",\n          \"datasets\": [\n")
          .Append("            {\n              \"name\": \"WIDE\", \"kind\": \"table\",\n              \"columns\": [\n");
        for (var i = 0; i < columns; i++)
        {
            var type = i == columns - 1 ? lastType : (i % 3) switch { 0 => "STRING", 1 => "NUMBER(10,2)", _ => "TIMESTAMP_NTZ" };
            sb.Append("                { \"name\": \"COLUMN_").Append(i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture))
              .Append("\", \"type\": \"").Append(type).Append("\", \"tags\": { \"SENSITIVITY\": \"internal\" } }")
              .Append(i == columns - 1 ? "\n" : ",\n");
        }
        sb.Append("              ]\n            }\n          ]\n        }\n      ]\n    }\n  ]\n}\n");
        return sb.ToString();
    }
}
