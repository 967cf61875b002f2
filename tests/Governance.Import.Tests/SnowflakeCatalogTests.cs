using System.Data;
using Governance.Tests;

namespace Governance.Import.Tests;

public class SnowflakeCatalogTests
{
    private static string File(string name) => TestData.Path("snowflake", name);

    private static ImportResult ImportFiles(string columns, string? tags, string? mapping = null)
        => SnapshotImport.Import(new SnowflakeCatalogFiles(columns, tags, mapping is null ? null : ImportMapping.Parse(mapping, "m.yaml")));

    [Test]
    public void CsvExport_TypesAreRebuiltFromDataTypeLengthPrecisionAndScale_InOrdinalOrder()
    {
        var s = ImportFiles(File("columns.csv"), File("tags.csv")).Snapshot;
        var orders = s.Dataset("ORDERS");
        Assert.That(orders.Columns.Select(c => c.Name + " " + c.Type.Text + (c.Nullable ? "" : " NOT NULL")), Is.EqualTo(new[]
        {
            "ORDER_ID NUMBER(38,0) NOT NULL", "CUSTOMER_EMAIL VARCHAR(256)", "ORDERED_AT TIMESTAMP_NTZ(9)", "AMOUNT NUMBER(8,2)",
        }));
        var view = s.Dataset("ORDERS_BY_REGION");
        Assert.That(view.Kind, Is.EqualTo(DatasetKind.View));
        Assert.That(view.Columns.Select(c => c.Name + " " + c.Type.Text), Is.EqualTo(new[] { "REGION VARCHAR(16777216)", "Total, all FLOAT", "IS_OPEN BOOLEAN" }));
    }

    [Test]
    public void TagReferences_LandAtTheLevelTheyAreSetOn()
    {
        var s = ImportFiles(File("columns.csv"), File("tags.csv")).Snapshot;
        var orders = s.Dataset("ORDERS");
        Assert.That(orders.Column("CUSTOMER_EMAIL").Tags.TagMap(), Is.EqualTo(new Dictionary<string, string>
        {
            ["PII"] = "email", ["SENSITIVITY"] = "restricted", ["SNOWFLAKE.CORE.SEMANTIC_CATEGORY"] = "EMAIL",
        }));
        Assert.That(orders.Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["SENSITIVITY"] = "confidential" }));
        Assert.That(orders.Column("ORDER_ID").Tags.Count, Is.Zero, "inherited from the schema: the product's tag, not the column's");
        Assert.That(s.Products().Single(p => p.Schema == "ORDERS").Tags.TagMap(), Is.EqualTo(new Dictionary<string, string> { ["DATA_DOMAIN"] = "sales" }));
        Assert.That(s.Dataset("ORDERS_BY_REGION").Column("Total, all").Tags.Get("SENSITIVITY"), Is.EqualTo("internal"));
    }

    [Test]
    public void ProductsAreDatabaseAndSchema_DomainsTheDatabase_UnlessMapped()
    {
        var plain = ImportFiles(File("columns.csv"), null).Snapshot;
        Assert.That(plain.Domains.Select(d => d.Name + ":" + string.Join(",", d.Products.Select(p => p.Name))), Is.EqualTo(new[] { "FINANCE:LEDGER", "SALES:ORDERS" }));
        var mapped = ImportFiles(File("columns.csv"), null, "products:\n  - match: { database: SALES, schema: ORDERS }\n    domain: sales\n    product: orders\n    owner: orders-team@acme.example\n").Snapshot;
        var product = mapped.Products().Single(p => p.Schema == "ORDERS");
        Assert.That((mapped.Domains.First(d => d.Products.Contains(product)).Name, product.Name, product.Owner), Is.EqualTo(("sales", "orders", "orders-team@acme.example")));
    }

    [Test]
    public void JsonExport_GivesTheSameSnapshotAsCsv()
    {
        var csv = SnapshotWriter.ToJson(Strip(ImportFiles(File("columns.csv"), File("tags.csv")).Snapshot));
        var json = SnapshotWriter.ToJson(Strip(ImportFiles(File("columns.json"), File("tags.json")).Snapshot));
        Assert.That(json, Is.EqualTo(csv));
    }

    [Test]
    public void SourcesNameTheRowAndTheSnowflakeObject()
    {
        var s = ImportFiles(File("columns.csv"), null).Snapshot;
        var column = s.Dataset("ORDERS").Column("AMOUNT");
        Assert.That((column.Source!.Line, column.Source.Name), Is.EqualTo(((long?)4, "SALES.ORDERS.ORDERS.AMOUNT")));
        var fromJson = ImportFiles(File("columns.json"), null).Snapshot.Dataset("ORDERS").Column("AMOUNT");
        Assert.That(fromJson.Source!.Path, Is.EqualTo("$[2]"));
    }

    [Test]
    public void ExportWithoutTableType_ImportsTablesWithAWarning()
    {
        var text = string.Join("\n", System.IO.File.ReadLines(File("columns.csv")).Select(l => string.Join(",", SplitSimple(l).Where((_, i) => i != 3))));
        var result = ImportFiles(TestData.Temp("columns.csv", text), null);
        Assert.That(result.Snapshot.Datasets().Select(d => d.Kind), Has.All.EqualTo(DatasetKind.Table));
        Assert.That(result.Warnings.Single().Message, Does.StartWith("the result has no `TABLE_TYPE` column"));
    }

    [Test]
    public void MissingColumn_IsAnErrorNamingIt()
    {
        var e = Assert.Throws<GovernanceInputException>(() => ImportFiles(TestData.Temp("c.csv", "TABLE_CATALOG,TABLE_SCHEMA,TABLE_NAME,DATA_TYPE\nA,B,C,TEXT\n"), null))!;
        Assert.That((e.GovId, e.Line, e.Problem), Is.EqualTo(("GOV9015", (long?)2, "the result has no `COLUMN_NAME` column; expected the columns of the documented query (docs/import.md)")));
    }

    [Test]
    public void RowWithTheWrongNumberOfFields_IsAnErrorOnItsLine()
    {
        var e = Assert.Throws<GovernanceInputException>(() => ImportFiles(TestData.Temp("c.csv", "TABLE_CATALOG,TABLE_SCHEMA,TABLE_NAME,COLUMN_NAME,DATA_TYPE\nA,B,C,D,TEXT\nA,B,C,TEXT\n"), null))!;
        Assert.That((e.Line, e.Problem), Is.EqualTo(((long?)3, "the row has 4 fields; expected 5, one per header column")));
    }

    [Test]
    public void NotANumber_AndUnknownType_AreErrorsOnTheirLine()
    {
        const string head = "TABLE_CATALOG,TABLE_SCHEMA,TABLE_NAME,COLUMN_NAME,DATA_TYPE,ORDINAL_POSITION\n";
        var e = Assert.Throws<GovernanceInputException>(() => ImportFiles(TestData.Temp("c.csv", head + "A,B,C,D,TEXT,first\n"), null))!;
        Assert.That((e.Line, e.Problem), Is.EqualTo(((long?)2, "`ORDINAL_POSITION` is `first`; expected a whole number")));
        var t = Assert.Throws<GovernanceInputException>(() => ImportFiles(TestData.Temp("c.csv", head + "A,B,C,D,INTERVAL,1\n"), null))!;
        Assert.That(t.Problem, Does.StartWith("`DATA_TYPE` `INTERVAL`"));
    }

    [Test]
    public void UnclosedQuote_IsAnError()
    {
        var e = Assert.Throws<GovernanceInputException>(() => ImportFiles(TestData.Temp("c.csv", "TABLE_CATALOG,TABLE_SCHEMA\n\"A,B\n"), null))!;
        Assert.That((e.Line, e.Problem), Is.EqualTo(((long?)2, "a quoted field is not closed before the end of the file; expected a closing `\"`")));
    }

    [Test]
    public void TagOnAColumnTheExportLacks_IsReported()
    {
        var tags = "TAG_DATABASE,TAG_SCHEMA,TAG_NAME,TAG_VALUE,LEVEL,OBJECT_DATABASE,OBJECT_SCHEMA,OBJECT_NAME,DOMAIN,COLUMN_NAME\nG,T,PII,email,COLUMN,SALES,ORDERS,ORDERS,COLUMN,NOPE\n";
        var result = ImportFiles(File("columns.csv"), TestData.Temp("t.csv", tags));
        Assert.That(result.Warnings.Single().Message, Does.Contain("column `NOPE`").And.Contain("not imported"));
    }

    // ───────────── the live reader: the documented queries over any DbConnection ─────────────

    [Test]
    public void Queries_AreTheDocumentedTexts()
    {
        Assert.That(SnowflakeCatalogQueries.Columns("SALES"), Is.EqualTo(
            "SELECT c.TABLE_CATALOG, c.TABLE_SCHEMA, c.TABLE_NAME, t.TABLE_TYPE, c.COLUMN_NAME, c.ORDINAL_POSITION, c.IS_NULLABLE, c.DATA_TYPE,\n"
            + "       c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, c.NUMERIC_SCALE\n"
            + "FROM \"SALES\".INFORMATION_SCHEMA.COLUMNS c\n"
            + "JOIN \"SALES\".INFORMATION_SCHEMA.TABLES t\n"
            + "  ON t.TABLE_CATALOG = c.TABLE_CATALOG AND t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME\n"
            + "WHERE c.TABLE_SCHEMA <> 'INFORMATION_SCHEMA'\n"
            + "ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION"));
        Assert.That(SnowflakeCatalogQueries.ColumnTags("SALES", "ORDERS", "it's \"odd\""), Is.EqualTo(
            "SELECT TAG_DATABASE, TAG_SCHEMA, TAG_NAME, TAG_VALUE, LEVEL, OBJECT_DATABASE, OBJECT_SCHEMA, OBJECT_NAME, DOMAIN, COLUMN_NAME\n"
            + "FROM TABLE(\"SALES\".INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('\"SALES\".\"ORDERS\".\"it\\'s \"\"odd\"\"\"', 'table'))"));
        Assert.That(SnowflakeCatalogQueries.TableTags("SALES", "ORDERS", "ORDERS"), Is.EqualTo(
            "SELECT TAG_DATABASE, TAG_SCHEMA, TAG_NAME, TAG_VALUE, LEVEL, OBJECT_DATABASE, OBJECT_SCHEMA, OBJECT_NAME, DOMAIN, COLUMN_NAME\n"
            + "FROM TABLE(\"SALES\".INFORMATION_SCHEMA.TAG_REFERENCES('\"SALES\".\"ORDERS\".\"ORDERS\"', 'table'))"));
    }

    [Test]
    public void Connection_IssuesTheDocumentedQueries_AndReadsWhatTheFilesRead()
    {
        var columns = ReadCsvTable(File("columns.csv"));
        var tags = ReadCsvTable(File("tags.csv"));
        var connection = new ScriptedConnection(sql =>
        {
            foreach (var db in new[] { "SALES", "FINANCE" })
            {
                if (sql == SnowflakeCatalogQueries.Columns(db)) return Filter(columns, r => (string)r["TABLE_CATALOG"] == db);
            }
            foreach (DataRow row in columns.Rows)
            {
                var (d, s, t) = ((string)row["TABLE_CATALOG"], (string)row["TABLE_SCHEMA"], (string)row["TABLE_NAME"]);
                if (sql == SnowflakeCatalogQueries.ColumnTags(d, s, t))
                    return Filter(tags, r => (string)r["OBJECT_DATABASE"] == d && (string)r["OBJECT_SCHEMA"] == s && (string)r["OBJECT_NAME"] == t && (string)r["DOMAIN"] == "COLUMN");
                if (sql == SnowflakeCatalogQueries.TableTags(d, s, t))
                    return Filter(tags, r => (string)r["OBJECT_DATABASE"] == d && (string)r["OBJECT_SCHEMA"] == s && (string)r["OBJECT_NAME"] == t && (string)r["DOMAIN"] == "TABLE");
            }
            throw new InvalidOperationException("unexpected query: " + sql);
        });
        var live = SnapshotImport.Import(new SnowflakeCatalogConnection(connection, new[] { "SALES", "FINANCE" })).Snapshot;
        Assert.That(connection.Queries[0], Is.EqualTo(SnowflakeCatalogQueries.Columns("SALES")));
        Assert.That(connection.Queries, Has.Count.EqualTo(2 + 2 * 3), "columns of two databases, then each table's column and table tags");
        var fromFiles = ImportFiles(File("columns.csv"), File("tags.csv")).Snapshot;
        Assert.That(SnapshotWriter.ToJson(Strip(live)), Is.EqualTo(SnapshotWriter.ToJson(Strip(fromFiles))));
    }

    /// <summary>The snapshot without source locations (which differ between files and queries by design).</summary>
    internal static MetadataSnapshot Strip(MetadataSnapshot s) => new(s.Roles, s.Domains.Select(d => new Domain(d.Name, d.Owner, d.Products.Select(p =>
        new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema, p.Datasets.Select(x =>
            new Dataset(x.Name, x.Kind, x.Columns.Select(c => new Column(c.Name, c.Type, c.Nullable, c.Tags)).ToArray(), x.Tags)).ToArray(), p.Tags)).ToArray())).ToArray(), s.TakenAt);

    private static IEnumerable<string> SplitSimple(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); continue; }
            current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    /// <summary>A CSV file as a table of strings (NULL for an empty unquoted field), as a driver would return it.</summary>
    private static DataTable ReadCsvTable(string file)
    {
        var lines = System.IO.File.ReadAllLines(file);
        var table = new DataTable();
        foreach (var name in SplitSimple(lines[0])) table.Columns.Add(name, typeof(string));
        foreach (var line in lines.Skip(1))
        {
            var values = SplitSimple(line).Select(v => v.Length == 0 ? (object)DBNull.Value : v.Trim('"')).ToArray();
            table.Rows.Add(values);
        }
        return table;
    }

    private static DataTable Filter(DataTable table, Func<DataRow, bool> keep)
    {
        var result = table.Clone();
        foreach (DataRow row in table.Rows)
        {
            if (keep(row)) result.ImportRow(row);
        }
        return result;
    }
}
