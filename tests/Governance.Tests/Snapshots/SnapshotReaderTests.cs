using System.Text;
using static Governance.Tests.Snapshots.SnapshotTestData;

namespace Governance.Tests.Snapshots;

public class SnapshotReaderTests
{
    private const string Columns = "$.domains[0].products[0].datasets[0].columns";

    // ───────────────────────────── valid input ─────────────────────────────

    [Test]
    public void Read_ValidSnapshot_GivesTheModel()
    {
        var s = Read(Valid);

        Assert.That(s.TakenAt, Is.EqualTo(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)));
        Assert.That(s.Roles.Select(r => r.Name), Is.EqualTo(new[] { "ANALYST", "PII_READER" }));
        Assert.That(s.Roles[1].Inherits, Is.EqualTo(new[] { "ANALYST" }));
        var product = s.Domains.Single().Products.Single();
        Assert.That((product.Name, product.Version, product.Owner, product.Database, product.Schema),
            Is.EqualTo(("orders", (string?)"1.4.0", (string?)null, "SALES", "ORDERS")));
        Assert.That(product.Tags.Get("DATA_DOMAIN"), Is.EqualTo("sales"));
        var dataset = product.Datasets.Single();
        Assert.That(dataset.Kind, Is.EqualTo(DatasetKind.Table));
        Assert.That(dataset.Columns.Select(c => c.Name), Is.EqualTo(new[] { "ORDER_ID", "EMAIL", "REGION" }));
        Assert.That(dataset.Columns.Select(c => c.Nullable), Is.EqualTo(new[] { false, true, true }));
        Assert.That(dataset.Columns[1].Tags.Get("PII"), Is.EqualTo("email"));
        Assert.That(dataset.Columns[2].Type.Text, Is.EqualTo("VARCHAR(16777216)"));
    }

    /// <summary>An unknown property is an error at every level, with its path and line and the closest known name.</summary>
    [TestCase("\"format\": \"governance.snapshot/v1\",", "\"format\": \"governance.snapshot/v1\", \"domain\": [],", "\"domain\"", "$.domain", "unknown property `domain`; did you mean `domains`?")]
    [TestCase("{ \"name\": \"ANALYST\" }", "{ \"name\": \"ANALYST\", \"inherit\": [] }", "\"inherit\"", "$.roles[0].inherit", "unknown property `inherit`; did you mean `inherits`?")]
    [TestCase("\"owner\": \"sales-data@acme.example\",", "\"owner\": \"sales-data@acme.example\", \"sla\": { \"hours\": 4 },", "\"sla\"", "$.domains[0].sla", "unknown property `sla`; expected one of `name`, `owner`, `products`")]
    [TestCase("\"version\": \"1.4.0\",", "\"version\": \"1.4.0\", \"kind\": \"table\",", "\"kind\"", "$.domains[0].products[0].kind", "unknown property `kind`; expected one of `name`, `version`, `owner`, `database`, `schema`, `tags`, `source`, `datasets`")]
    [TestCase("\"kind\": \"table\",", "\"kind\": \"table\", \"colums\": [],", "\"colums\"", "$.domains[0].products[0].datasets[0].colums", "unknown property `colums`; did you mean `columns`?")]
    [TestCase("\"type\": \"VARCHAR(256)\", \"tags\"", "\"type\": \"VARCHAR(256)\", \"tag\"", "\"tag\"", "$.domains[0].products[0].datasets[0].columns[1].tag", "unknown property `tag`; did you mean `tags`?")]
    public void Read_UnknownProperty_IsAnErrorNamingTheClosestKnownOne(string oldText, string newText, string marker, string path, string problem)
    {
        var json = Replace(oldText, newText);

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(path));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, marker)));
        Assert.That(ex.Problem, Is.EqualTo(problem));
        Assert.That(ex.File, Is.EqualTo(FileName));
    }

    /// <summary>Reports point at the element a finding is about: the reader keeps each product's, dataset's and column's line.</summary>
    [Test]
    public void Read_KeepsTheFileAndLineOfEachProductDatasetAndColumn()
    {
        var s = Read(Valid);
        var product = s.Domains[0].Products[0];
        var dataset = product.Datasets[0];

        Assert.That((product.Location!.File, product.Location.Line), Is.EqualTo((FileName, (long?)(LineOf(Valid, "\"name\": \"orders\"") - 1))));
        Assert.That((dataset.Location!.File, dataset.Location.Line), Is.EqualTo((FileName, (long?)(LineOf(Valid, "\"name\": \"ORDERS\"") - 1))));
        Assert.That(new[] { product.Source, dataset.Source }.Concat(dataset.Columns.Select(c => c.Source)), Is.All.Null, "no importer wrote a `source`");
        Assert.That(dataset.Columns.Select(c => c.Line), Is.EqualTo(new[] { "ORDER_ID", "EMAIL", "REGION" }.Select(n => (int)LineOf(Valid, "\"" + n + "\""))));
    }

    [Test]
    public void Read_NullOptionalFields_MeanAbsent()
    {
        var json = Replace("\"takenAt\": \"2026-11-20T10:00:00Z\"", "\"takenAt\": null");
        json = Replace(json, "\"owner\": \"sales-data@acme.example\"", "\"owner\": null");
        json = Replace(json, "\"version\": \"1.4.0\"", "\"version\": null");
        json = Replace(json, "\"inherits\": [\"ANALYST\"]", "\"inherits\": null");
        json = Replace(json, "\"tags\": { \"DATA_DOMAIN\": \"sales\" }", "\"tags\": null");
        json = Replace(json, "\"nullable\": false", "\"nullable\": null, \"comment\": null");

        var s = Read(json);

        Assert.That(s.TakenAt, Is.Null);
        Assert.That(s.Domains[0].Owner, Is.Null);
        Assert.That(s.Domains[0].Products[0].Version, Is.Null);
        Assert.That(s.Roles[1].Inherits, Is.Empty);
        Assert.That(s.Domains[0].Products[0].Tags.Count, Is.Zero);
        Assert.That(s.Domains[0].Products[0].Datasets[0].Columns[0].Nullable, Is.True);
    }

    [Test]
    public void Read_ByteOrderMarkAndCrLf_AreAccepted()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Valid.Replace("\n", "\r\n", StringComparison.Ordinal))).ToArray();
        using var stream = new MemoryStream(bytes);

        var s = SnapshotReader.Read(stream, FileName);

        Assert.That(s.ColumnCount, Is.EqualTo(3));
    }

    [Test]
    public void Read_EscapedNames_AreUnescaped()
    {
        var json = Replace("\"name\": \"REGION\"", "\"name\": \"R\\u00c9GION \\\"EU\\\"\"");

        var s = Read(json);

        Assert.That(s.Domains[0].Products[0].Datasets[0].Columns[2].Name, Is.EqualTo("RÉGION \"EU\""));
    }

    [TestCase("2026-11-20T10:00:00Z", "2026-11-20T10:00:00.0000000+00:00")]
    [TestCase("2026-11-20T10:00:00.125+02:00", "2026-11-20T10:00:00.1250000+02:00")]
    [TestCase("2026-11-20T10:00:00-05:00", "2026-11-20T10:00:00.0000000-05:00")]
    public void Read_TakenAt_KeepsInstantAndOffset(string text, string roundTrip)
    {
        var s = Read(Replace("2026-11-20T10:00:00Z", text));

        Assert.That(s.TakenAt!.Value.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(roundTrip));
    }

    [TestCase("2026-11-20T10:00:00")]
    [TestCase("20 Nov 2026")]
    [TestCase("2026-13-01T00:00:00Z")]
    public void Read_TakenAtWithoutOffsetOrInvalid_IsRejected(string text)
    {
        var json = Replace("2026-11-20T10:00:00Z", text);

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.takenAt"));
        Assert.That(ex.Line, Is.EqualTo(3));
        Assert.That(ex.Problem, Does.Contain("expected an ISO-8601 date-time with an offset"));
    }

    // ───────────────────────────── types ─────────────────────────────

    [TestCase("STRING", "VARCHAR(16777216)")]
    [TestCase("NUMBER", "NUMBER(38,0)")]
    [TestCase("TIME", "TIME(9)")]
    [TestCase("int", "NUMBER(38,0)")]
    [TestCase("TIMESTAMP", "TIMESTAMP_NTZ(9)")]
    [TestCase("varchar(20)", "VARCHAR(20)")]
    [TestCase(" number ( 10 , 2 ) ", "NUMBER(10,2)")]
    [TestCase("timestamp with time zone", "TIMESTAMP_TZ(9)")]
    public void Read_Type_IsNormalized(string written, string normalized)
    {
        var json = Replace("\"type\": \"STRING\"", "\"type\": \"" + written + "\"");

        var s = Read(json);

        var column = s.Domains[0].Products[0].Datasets[0].Columns[2];
        Assert.That(column.Type.Text, Is.EqualTo(normalized));
        Assert.That(SnapshotWriter.ToJson(s), Does.Contain("\"type\": \"" + normalized + "\""));
    }

    [Test]
    public void Read_EqualTypesAndTagSets_ShareOneInstance()
    {
        var json = Replace("{ \"name\": \"REGION\", \"type\": \"STRING\" }",
            "{ \"name\": \"REGION\", \"type\": \"STRING\", \"tags\": { \"PII\": \"email\" } },"
            + " { \"name\": \"CITY\", \"type\": \"STRING\", \"tags\": { \"PII\": \"email\" } },"
            + " { \"name\": \"COUNTRY\", \"type\": \"VARCHAR(16777216)\" }");

        var columns = Read(json).Domains[0].Products[0].Datasets[0].Columns;

        Assert.That(columns[3].Type, Is.SameAs(columns[2].Type), "same raw text");
        Assert.That(columns[4].Type, Is.SameAs(columns[2].Type), "same normalized type");
        Assert.That(columns[2].Tags, Is.SameAs(columns[1].Tags));
        Assert.That(columns[3].Tags, Is.SameAs(columns[1].Tags));
    }

    // ───────────────────────────── bad input: JSON ─────────────────────────────

    [Test]
    public void Read_MalformedJson_ReportsLineAndBytePosition()
    {
        var json = Replace("\"kind\": \"table\",", "\"kind\" \"table\",");

        var ex = ReadFails(json);

        Assert.That(ex.GovId, Is.EqualTo(GovIds.InvalidSnapshot));
        Assert.That(ex.File, Is.EqualTo(FileName));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "\"kind\" \"table\"")));
        Assert.That(ex.Problem, Does.StartWith("malformed JSON at byte "));
        Assert.That(ex.Problem, Does.Contain("expected a ':'"));
        Assert.That(ex.Message, Does.StartWith(FileName + ":" + ex.Line + ": "));
    }

    [Test]
    public void Read_MalformedJson_SameLineWhateverTheBufferSize()
    {
        var json = Replace("{ \"name\": \"REGION\", \"type\": \"STRING\" }", "{ \"name\": \"REGION\", \"type\": \"STRING\", }");
        var expected = LineOf(json, "\"STRING\", }");

        foreach (var size in new[] { 16, 17, 31, 64, 100, 333, 65536 })
        {
            var ex = ReadFails(json, size);
            Assert.That(ex.Line, Is.EqualTo(expected), "buffer " + size);
            Assert.That(ex.Problem, Does.StartWith("malformed JSON"), "buffer " + size);
        }
    }

    [Test]
    public void Read_TruncatedFile_SaysWhatIsMissing()
    {
        var json = Valid.Substring(0, Valid.IndexOf("\"datasets\"", StringComparison.Ordinal));

        var ex = ReadFails(json);

        Assert.That(ex.Problem, Does.StartWith("the file ends before the snapshot is complete; expected"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(Valid, "\"datasets\"")));
    }

    [TestCase("")]
    [TestCase("  \n\t\r\n ")]
    public void Read_EmptyFile_IsRejected(string json)
    {
        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$"));
        Assert.That(ex.Problem, Is.EqualTo("the file is empty; expected a snapshot object with `format` and `domains`"));
    }

    [TestCase("}")]
    [TestCase("{}")]
    [TestCase("x")]
    [TestCase("\n\n  // comment")]
    public void Read_TrailingContent_IsRejected(string trailing)
    {
        var json = Valid + "\n" + trailing;

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$"));
        Assert.That(ex.Line, Is.EqualTo(json.Count(c => c == '\n') + 1));
        Assert.That(ex.Problem, Is.EqualTo("unexpected content after the root object; expected the end of the file"));
    }

    [TestCase("[]", "expected a snapshot object, found an array")]
    [TestCase("\"governance.snapshot/v1\"", "expected a snapshot object, found a string")]
    [TestCase("null", "expected a snapshot object, found null")]
    public void Read_RootNotAnObject_IsRejected(string json, string problem)
    {
        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$"));
        Assert.That(ex.Line, Is.EqualTo(1));
        Assert.That(ex.Problem, Is.EqualTo(problem));
    }

    [Test]
    public void Read_InvalidUtf8_IsRejected()
    {
        var bytes = Encoding.UTF8.GetBytes(Valid);
        var at = Valid.IndexOf("REGION\"", StringComparison.Ordinal); // ASCII up to here, so char index = byte index
        bytes[at + 1] = 0xFF;
        using var stream = new MemoryStream(bytes);

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.Read(stream, FileName))!;

        Assert.That(ex.Line, Is.EqualTo(LineOf(Valid, "REGION\"")));
        Assert.That(ex.Problem, Does.Contain("UTF-8"));
    }

    [Test]
    public void Read_UnpairedSurrogateEscape_IsRejected()
    {
        var json = Replace("\"name\": \"REGION\"", "\"name\": \"RE\\ud800GION\"");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(Columns + "[2].name"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "RE\\ud800")));
        Assert.That(ex.Problem, Does.StartWith("a string is not valid text"));
    }

    [Test]
    public void Read_DeepNestingInAnUnknownProperty_IsReportedAsTheUnknownProperty()
    {
        var json = Replace("\"owner\": \"sales-data@acme.example\"", "\"x\": " + new string('[', 100) + new string(']', 100));

        var ex = ReadFails(json);

        Assert.That(ex.Problem, Does.StartWith("unknown property `x`"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "\"x\"")));
    }

    // ───────────────────────────── bad input: format and structure ─────────────────────────────

    [Test]
    public void Read_UnknownFormatVersion_NamesTheExpectedOne()
    {
        var ex = ReadFails(Replace("governance.snapshot/v1", "governance.snapshot/v9"));

        Assert.That(ex.JsonPath, Is.EqualTo("$.format"));
        Assert.That(ex.Line, Is.EqualTo(2));
        Assert.That(ex.Problem, Is.EqualTo("unknown format `governance.snapshot/v9`; expected `governance.snapshot/v1`"));
    }

    [Test]
    public void Read_MissingFormat_IsRejectedAtTheRoot()
    {
        var ex = ReadFails(Replace("\"format\": \"governance.snapshot/v1\",", ""));

        Assert.That(ex.JsonPath, Is.EqualTo("$"));
        Assert.That(ex.Line, Is.EqualTo(1));
        Assert.That(ex.Problem, Does.StartWith("missing required property `format`; expected `\"format\": \"governance.snapshot/v1\"`"));
    }

    [Test]
    public void Read_NumberWhereStringExpected_SaysExpectedAString()
    {
        var json = Replace("\"name\": \"sales\"", "\"name\": 42");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[0].name"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "\"name\": 42")));
        Assert.That(ex.Problem, Is.EqualTo("expected a string with the domain name, found a number"));
    }

    [TestCase("\"nullable\": false", "\"nullable\": \"no\"", Columns + "[0].nullable", "expected a boolean, found a string")]
    [TestCase("\"type\": \"STRING\"", "\"type\": 12", Columns + "[2].type", "expected a string with a Snowflake data type, found a number")]
    [TestCase("\"columns\": [", "\"columns\": {}, \"x\": [", "$.domains[0].products[0].datasets[0].columns", "expected an array of columns, found an object")]
    [TestCase("\"tags\": { \"PII\": \"email\" }", "\"tags\": [\"PII\"]", Columns + "[1].tags", "expected an object of tag names to string values")]
    [TestCase("\"PII\": \"email\"", "\"PII\": true", Columns + "[1].tags.PII", "expected a string tag value, found a boolean")]
    [TestCase("\"inherits\": [\"ANALYST\"]", "\"inherits\": \"ANALYST\"", "$.roles[1].inherits", "expected an array of role names, found a string")]
    [TestCase("\"owner\": \"sales-data@acme.example\"", "\"owner\": {}", "$.domains[0].owner", "expected a string, found an object")]
    [TestCase("\"type\": \"STRING\"", "\"type\": \"STRING\", \"comment\": 5", Columns + "[2].comment", "expected a string, found a number")]
    public void Read_WrongValueType_SaysWhatWasExpected(string oldText, string newText, string path, string problem)
    {
        var json = Replace(oldText, newText);

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(path));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, newText)));
        Assert.That(ex.Problem, Does.StartWith(problem));
    }

    [TestCase("\"kind\": \"table\",", "", "$.domains[0].products[0].datasets[0]", "missing required property `kind`; expected one of table, view")]
    [TestCase(", \"type\": \"STRING\"", "", Columns + "[2]", "missing required property `type`")]
    [TestCase("\"schema\": \"ORDERS\",", "", "$.domains[0].products[0]", "missing required property `schema`")]
    [TestCase("{ \"name\": \"ANALYST\" }", "{ }", "$.roles[0]", "missing required property `name`")]
    public void Read_MissingRequiredProperty_IsReportedOnItsObject(string oldText, string newText, string path, string problem)
    {
        var json = Replace(oldText, newText);

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(path));
        Assert.That(ex.Problem, Does.StartWith(problem));
    }

    [Test]
    public void Read_MissingDomains_IsRejected()
    {
        var ex = ReadFails("{ \"format\": \"governance.snapshot/v1\" }");

        Assert.That(ex.JsonPath, Is.EqualTo("$"));
        Assert.That(ex.Problem, Is.EqualTo("missing required property `domains`; expected an array of domains"));
    }

    [Test]
    public void Read_UnknownDatasetKind_ListsTheKnownKinds()
    {
        var json = Replace("\"kind\": \"table\"", "\"kind\": \"tabel\"");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[0].products[0].datasets[0].kind"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "tabel")));
        Assert.That(ex.Problem, Is.EqualTo("unknown dataset kind `tabel`; expected one of " + DatasetKinds.Expected));
        Assert.That(ex.Problem, Does.Contain("table, view, materialized_view"));
    }

    [TestCase("VARCHR(10)", "unknown Snowflake data type `VARCHR(10)`; expected a Snowflake data type like `VARCHAR(256)`")]
    [TestCase("NUMBER(39,0)", "`NUMBER(precision, scale)` with precision 1–38 and scale 0–37 was expected, in type `NUMBER(39,0)`")]
    [TestCase("VARCHAR(0)", "a length from 1 to 134217728 was expected, in type `VARCHAR(0)`")]
    public void Read_UnparsableType_UsesTheParserMessage(string type, string problem)
    {
        var json = Replace("\"type\": \"STRING\"", "\"type\": \"" + type + "\"");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(Columns + "[2].type"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, type)));
        Assert.That(ex.Problem, Does.StartWith(problem));
    }

    [Test]
    public void Read_RepeatedProperty_IsRejected()
    {
        var json = Replace("\"kind\": \"table\",", "\"kind\": \"table\", \"kind\": \"view\",");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[0].products[0].datasets[0].kind"));
        Assert.That(ex.Problem, Is.EqualTo("property `kind` is given twice; expected it once"));
    }

    // ───────────────────────────── bad input: duplicates ─────────────────────────────

    [Test]
    public void Read_DuplicateColumn_NamesBothPaths()
    {
        var json = Replace("\"name\": \"EMAIL\"", "\"name\": \"ORDER_ID\"");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(Columns + "[1].name"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "{ \"name\": \"ORDER_ID\", \"type\": \"VARCHAR(256)\"")));
        Assert.That(ex.Problem, Is.EqualTo("duplicate column `ORDER_ID` (also at " + Columns + "[0])"));
    }

    [Test]
    public void Read_ColumnNamesDifferingInCase_AreDistinct()
    {
        var json = Replace("\"name\": \"EMAIL\"", "\"name\": \"order_id\"");

        Assert.That(Read(json).ColumnCount, Is.EqualTo(3));
    }

    [Test]
    public void Read_DuplicateDataset_NamesBothPaths()
    {
        var json = Replace("\"datasets\": [", "\"datasets\": [\n{ \"name\": \"ORDERS\", \"kind\": \"view\", \"columns\": [] },");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[0].products[0].datasets[1].name"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "\"name\": \"ORDERS\",\n")));
        Assert.That(ex.Problem, Is.EqualTo("duplicate dataset `ORDERS` (also at $.domains[0].products[0].datasets[0])"));
    }

    [Test]
    public void Read_MaterializedViewSources_AreKept_AndAbsentMeansUnknown()
    {
        var json = Replace("\"datasets\": [", "\"datasets\": [\n{ \"name\": \"DAILY\", \"kind\": \"materialized_view\", \"sources\": [\"SALES.ORDERS.ORDERS\", \"RAW.x.y.z\"], \"columns\": [] },\n"
            + "{ \"name\": \"WEEKLY\", \"kind\": \"materialized_view\", \"columns\": [] },");

        var datasets = Read(json).Domains[0].Products[0].Datasets;

        Assert.That(datasets[0].Sources, Is.EqualTo(new[] { "SALES.ORDERS.ORDERS", "RAW.x.y.z" }));
        Assert.That(datasets[1].Sources, Is.Null);
        Assert.That(SnapshotWriter.ToJson(Read(json)), Does.Contain("\"sources\": [\n"));
    }

    [Test]
    public void Read_SourcesOnATable_IsRejected_NamingTheKind()
    {
        var json = Replace("\"datasets\": [", "\"datasets\": [\n{ \"name\": \"RAW\", \"kind\": \"table\", \"sources\": [\"SALES.ORDERS.ORDERS\"], \"columns\": [] },");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[0].products[0].datasets[0].sources"));
        Assert.That(ex.Problem, Is.EqualTo("property `sources` is for materialized views; dataset `RAW` is a table"));
    }

    [TestCase("[\"A.B.C\", \"A.B.C\"]", "$.domains[0].products[0].datasets[0].sources[1]", "source `A.B.C` is given twice (also at $.domains[0].products[0].datasets[0].sources[0]); expected each source once")]
    [TestCase("[\"\"]", "$.domains[0].products[0].datasets[0].sources[0]", "expected a dataset target like `DB.SCHEMA.DATASET` (stored names joined by dots), found ``")]
    [TestCase("\"A.B.C\"", "$.domains[0].products[0].datasets[0].sources", "expected an array of dataset targets like `DB.SCHEMA.DATASET`, found a string")]
    public void Read_BadSources_SayWhatWasExpected(string sources, string path, string problem)
    {
        var json = Replace("\"datasets\": [", "\"datasets\": [\n{ \"name\": \"MV\", \"kind\": \"materialized_view\", \"sources\": " + sources + ", \"columns\": [] },");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(path));
        Assert.That(ex.Problem, Is.EqualTo(problem));
    }

    [Test]
    public void Read_DuplicateProduct_WithinADomain_IsRejected()
    {
        var json = Replace("\"products\": [", "\"products\": [\n{ \"name\": \"orders\", \"database\": \"OTHER\", \"schema\": \"X\", \"datasets\": [] },");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[0].products[1].name"));
        Assert.That(ex.Problem, Is.EqualTo("duplicate product `orders` (also at $.domains[0].products[0])"));
    }

    [Test]
    public void Read_DuplicateProductSchema_AcrossDomains_NamesBothProducts()
    {
        var json = Replace("\"domains\": [", "\"domains\": [\n{ \"name\": \"finance\", \"products\": [\n"
            + "{ \"name\": \"ledger\", \"database\": \"SALES\",\n\"schema\": \"ORDERS\", \"datasets\": [] } ] },");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[1].products[0].schema"));
        Assert.That(ex.Line, Is.EqualTo(1 + json.AsSpan(0, json.LastIndexOf("\"schema\": \"ORDERS\"", StringComparison.Ordinal)).Count('\n')));
        Assert.That(ex.Problem, Is.EqualTo("database `SALES` schema `ORDERS` is already used by another product (at $.domains[0].products[0]); expected one data product per schema"));
    }

    [Test]
    public void Read_DuplicateDomain_IsRejected()
    {
        var json = Replace("\"domains\": [", "\"domains\": [\n{ \"name\": \"sales\", \"products\": [] },");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[1].name"));
        Assert.That(ex.Problem, Is.EqualTo("duplicate domain `sales` (also at $.domains[0])"));
    }

    [Test]
    public void Read_DuplicateTagKeyInOneObject_IsRejected()
    {
        var json = Replace("\"tags\": { \"PII\": \"email\" }", "\"tags\": { \"PII\": \"email\",\n \"PII\": \"phone\" }");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(Columns + "[1].tags.PII"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "\"PII\": \"phone\"")));
        Assert.That(ex.Problem, Is.EqualTo("tag `PII` is given twice on one object; expected each tag at most once"));
    }

    [Test]
    public void Read_DuplicateTagKeyInALargeObject_IsRejected()
    {
        var tags = string.Join(", ", Enumerable.Range(0, 40).Select(i => "\"T" + i + "\": \"v\"")) + ", \"T7\": \"again\"";
        var json = Replace("\"tags\": { \"PII\": \"email\" }", "\"tags\": { " + tags + " }");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(Columns + "[1].tags.T7"));
        Assert.That(ex.Problem, Does.StartWith("tag `T7` is given twice"));
    }

    [Test]
    public void Read_DuplicateRole_IsRejected()
    {
        var json = Replace("{ \"name\": \"PII_READER\", \"inherits\": [\"ANALYST\"] }", "{ \"name\": \"ANALYST\" }");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.roles[1].name"));
        Assert.That(ex.Problem, Is.EqualTo("duplicate role `ANALYST` (also at $.roles[0])"));
    }

    // ───────────────────────────── bad input: roles ─────────────────────────────

    [Test]
    public void Read_UnknownInheritedRole_IsReportedOnRoles()
    {
        var json = Replace("\"inherits\": [\"ANALYST\"]", "\"inherits\": [\"ANALYSTS\"]");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.roles"));
        Assert.That(ex.Line, Is.EqualTo(4));
        Assert.That(ex.Problem, Is.EqualTo("role `PII_READER` inherits `ANALYSTS`, which is not defined"));
    }

    [Test]
    public void Read_InheritingPublic_NeedsNoDefinition()
    {
        var json = Replace("{ \"name\": \"ANALYST\" }", "{ \"name\": \"ANALYST\", \"inherits\": [\"PUBLIC\"] }");

        Assert.That(Read(json).Roles[0].Inherits, Is.EqualTo(new[] { "PUBLIC" }));
    }

    [Test]
    public void Read_CyclicInheritance_IsReportedOnRoles()
    {
        var json = Replace("{ \"name\": \"ANALYST\" }", "{ \"name\": \"ANALYST\", \"inherits\": [\"PII_READER\"] }");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.roles"));
        Assert.That(ex.Line, Is.EqualTo(4));
        Assert.That(ex.Problem, Does.StartWith("role inheritance is cyclic: "));
        Assert.That(ex.Problem, Does.Contain("`ANALYST`").And.Contain("`PII_READER`"));
    }

    [Test]
    public void Read_RoleInheritedTwice_IsRejected()
    {
        var json = Replace("\"inherits\": [\"ANALYST\"]", "\"inherits\": [\"ANALYST\", \"ANALYST\"]");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo("$.roles[1].inherits[1]"));
        Assert.That(ex.Problem, Does.StartWith("role `ANALYST` is inherited twice (also at $.roles[1].inherits[0])"));
    }

    // ───────────────────────────── bad input: identifiers and tag values ─────────────────────────────

    [Test]
    public void Read_IdentifierOf256Characters_IsRejected()
    {
        var json = Replace("\"name\": \"ORDER_ID\"", "\"name\": \"" + new string('A', 256) + "\"");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(Columns + "[0].name"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "AAAA")));
        Assert.That(ex.Problem, Is.EqualTo("invalid column name: an identifier has at most 255 characters, this one has 256"));
    }

    [Test]
    public void Read_IdentifierOf255Characters_IsAccepted()
    {
        var name = new string('A', 255);

        var s = Read(Replace("\"name\": \"ORDER_ID\"", "\"name\": \"" + name + "\""));

        Assert.That(s.Domains[0].Products[0].Datasets[0].Columns[0].Name, Is.EqualTo(name));
    }

    [Test]
    public void Read_TagValueOf257Characters_IsRejected()
    {
        var json = Replace("\"PII\": \"email\"", "\"PII\": \"" + new string('x', 257) + "\"");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(Columns + "[1].tags.PII"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "xxxx")));
        Assert.That(ex.Problem, Is.EqualTo("a tag value has at most 256 characters, this one has 257"));
    }

    [Test]
    public void Read_TagValueOf256Characters_IsAccepted()
    {
        var value = new string('x', 256);

        var s = Read(Replace("\"PII\": \"email\"", "\"PII\": \"" + value + "\""));

        Assert.That(s.Domains[0].Products[0].Datasets[0].Columns[1].Tags.Get("PII"), Is.EqualTo(value));
    }

    [TestCase("\"name\": \"ORDER_ID\"", "\"name\": \"ORD\\u0000ER\"", Columns + "[0].name", "invalid column name: an identifier cannot contain NUL")]
    [TestCase("\"schema\": \"ORDERS\"", "\"schema\": \"\"", "$.domains[0].products[0].schema", "invalid schema name: an identifier cannot be empty")]
    [TestCase("\"PII\": \"email\"", "\"PII\": \"em\\u0000ail\"", Columns + "[1].tags.PII", "a tag value cannot contain NUL")]
    [TestCase("\"PII\": \"email\"", "\"P\\u0000II\": \"email\"", Columns + "[1].tags['P\\u0000II']", "invalid tag name: an identifier cannot contain NUL")]
    [TestCase("\"inherits\": [\"ANALYST\"]", "\"inherits\": [\"\"]", "$.roles[1].inherits[0]", "invalid role name: an identifier cannot be empty")]
    public void Read_InvalidIdentifierOrTagValue_IsRejected(string oldText, string newText, string path, string problem)
    {
        var json = Replace(oldText, newText);

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(path));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, newText)));
        Assert.That(ex.Problem, Is.EqualTo(problem));
    }

    // ───────────────────────────── size ─────────────────────────────

    [Test]
    public void Read_SnapshotLargerThanTheBuffer_Works()
    {
        var json = Wide(5000);
        Assert.That(Encoding.UTF8.GetByteCount(json), Is.GreaterThan(SnapshotReader.DefaultBufferSize * 3));

        var s = Read(json);

        var columns = s.Domains[0].Products[0].Datasets[0].Columns;
        Assert.That(columns, Has.Count.EqualTo(5000));
        Assert.That(columns[4999].Name, Is.EqualTo("COLUMN_04999"));
        Assert.That(columns.Select(c => (object)c.Type).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(4), "types are shared");
        Assert.That(columns.Select(c => (object)c.Tags).Distinct(ReferenceEqualityComparer.Instance).Count(), Is.EqualTo(1), "tag sets are shared");
    }

    [Test]
    public void Read_ErrorNearTheEndOfALargeSnapshot_HasTheRightPathAndLine()
    {
        var json = Wide(5000, lastType: "VARCHR(10)");

        var ex = ReadFails(json);

        Assert.That(ex.JsonPath, Is.EqualTo(Columns + "[4999].type"));
        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "VARCHR(10)")));
        Assert.That(ex.Problem, Does.StartWith("unknown Snowflake data type `VARCHR(10)`"));
    }

    [Test]
    public void Read_MalformedNearTheEndOfALargeSnapshot_HasTheRightLine()
    {
        var json = Replace(Wide(5000), "\"COLUMN_04990\", \"type\"", "\"COLUMN_04990\" \"type\"");

        var ex = ReadFails(json);

        Assert.That(ex.Line, Is.EqualTo(LineOf(json, "\"COLUMN_04990\" \"type\"")));
        Assert.That(ex.Problem, Does.StartWith("malformed JSON"));
    }

    [Test]
    public void Read_TokenLongerThanTheBuffer_GrowsTheBuffer()
    {
        var comment = new string('c', 400_000);
        var json = Replace("\"type\": \"STRING\"", "\"type\": \"STRING\", \"comment\": \"" + comment + "\"");

        Assert.That(Read(json).ColumnCount, Is.EqualTo(3));
        Assert.That(Read(json, bufferSize: 16).ColumnCount, Is.EqualTo(3));
    }

    [Test]
    public void Read_TinyBuffers_GiveTheSameResultAndErrors()
    {
        var expected = SnapshotWriter.ToJson(Read(Valid));
        var bad = Replace("\"kind\": \"table\"", "\"kind\": \"tabel\"");
        var expectedError = ReadFails(bad).Message;

        for (var size = 16; size <= 80; size++)
        {
            Assert.That(SnapshotWriter.ToJson(Read(Valid, size)), Is.EqualTo(expected), "buffer " + size);
            Assert.That(ReadFails(bad, size).Message, Is.EqualTo(expectedError), "buffer " + size);
        }
    }

    // ───────────────────────────── files ─────────────────────────────

    [Test]
    public void ReadFile_MissingFile_IsAnInputError()
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, "no-such-dir", "missing.json");

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFile(path))!;

        Assert.That(ex.File, Is.EqualTo(path));
        Assert.That(ex.GovId, Is.EqualTo(GovIds.InvalidSnapshot));
        Assert.That(ex.Problem, Does.Contain("does not exist"));
    }

    [Test]
    public void ReadFile_ReportsTheFileName()
    {
        using var dir = new TempDir();
        var path = dir.Write("bad.json", Replace("\"kind\": \"table\"", "\"kind\": \"tabel\""));

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFile(path))!;

        Assert.That(ex.File, Is.EqualTo(path));
        Assert.That(ex.Message, Does.StartWith(path + ":22: $.domains[0].products[0].datasets[0].kind: unknown dataset kind"));
    }

    private const string RolesFile = """
        {
          "format": "governance.snapshot/v1",
          "roles": [ { "name": "ANALYST" }, { "name": "PII_READER", "inherits": ["ANALYST", "FINANCE"] } ],
          "domains": []
        }
        """;

    private const string FinanceFile = """
        {
          "format": "governance.snapshot/v1",
          "roles": [ { "name": "FINANCE", "inherits": ["ANALYST"] } ],
          "domains": [
            { "name": "finance", "products": [
              { "name": "ledger", "database": "FINANCE", "schema": "LEDGER", "datasets": [] } ] }
          ]
        }
        """;

    [Test]
    public void ReadFiles_MergesFilesAndResolvesRolesAcrossThem()
    {
        using var dir = new TempDir();
        var paths = new[] { dir.Write("roles.json", RolesFile), dir.Write("finance.json", FinanceFile), dir.Write("sales.json", Valid.Replace("\"roles\": [\n    { \"name\": \"ANALYST\" },\n    { \"name\": \"PII_READER\", \"inherits\": [\"ANALYST\"] }\n  ],", "", StringComparison.Ordinal)) };

        var s = SnapshotReader.ReadFiles(paths);

        Assert.That(s.Roles.Select(r => r.Name), Is.EqualTo(new[] { "ANALYST", "PII_READER", "FINANCE" }));
        Assert.That(s.Domains.Select(d => d.Name), Is.EqualTo(new[] { "finance", "sales" }));
        Assert.That(s.TakenAt, Is.Not.Null);
        Assert.That(RoleGraph.TryBuild(s.Roles, out _)!.Has("PII_READER", "FINANCE"), Is.True);
    }

    [Test]
    public void ReadFiles_DomainAcrossFiles_IsOneDomain_WithTheProductsOfBoth()
    {
        using var dir = new TempDir();
        var first = dir.Write("a.json", FinanceFile.Replace("\"roles\": [ { \"name\": \"FINANCE\", \"inherits\": [\"ANALYST\"] } ],", "", StringComparison.Ordinal));
        var second = dir.Write("b.json", FinanceFile.Replace("\"roles\": [ { \"name\": \"FINANCE\", \"inherits\": [\"ANALYST\"] } ],", "", StringComparison.Ordinal)
            .Replace("\"name\": \"finance\"", "\"name\": \"finance\", \"owner\": \"finance@acme.example\"", StringComparison.Ordinal)
            .Replace("\"ledger\"", "\"budget\"", StringComparison.Ordinal).Replace("\"LEDGER\"", "\"BUDGET\"", StringComparison.Ordinal));

        var s = SnapshotReader.ReadFiles(new[] { first, second });

        Assert.That(s.Domains.Select(d => d.Name + " " + d.Owner + ": " + string.Join(", ", d.Products.Select(p => p.Name))),
            Is.EqualTo(new[] { "finance finance@acme.example: ledger, budget" }));
    }

    [Test]
    public void ReadFiles_ProductAcrossFiles_IsReportedInTheSecondFile_ByItsIdentity()
    {
        using var dir = new TempDir();
        var first = dir.Write("a.json", FinanceFile);
        var second = dir.Write("b.json", FinanceFile.Replace("\"roles\": [ { \"name\": \"FINANCE\", \"inherits\": [\"ANALYST\"] } ],", "", StringComparison.Ordinal)
            .Replace("\"LEDGER\"", "\"LEDGER2\"", StringComparison.Ordinal));
        var roles = dir.Write("roles.json", RolesFile);

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFiles(new[] { roles, first, second }))!;

        Assert.That((ex.GovId, ex.File, ex.JsonPath, ex.Line), Is.EqualTo((GovIds.InvalidSnapshot, second, "$.domains[0].products[0].name", (long?)6)));
        Assert.That(ex.Problem, Is.EqualTo("duplicate product `finance/ledger` (also at " + first + ": $.domains[0].products[0])"));
    }

    [Test]
    public void ReadFiles_DomainOwnersThatDisagree_AreReportedInTheSecondFile()
    {
        using var dir = new TempDir();
        var first = dir.Write("a.json", FinanceFile.Replace("\"name\": \"finance\"", "\"name\": \"finance\", \"owner\": \"a@acme.example\"", StringComparison.Ordinal));
        var second = dir.Write("b.json", FinanceFile.Replace("\"roles\": [ { \"name\": \"FINANCE\", \"inherits\": [\"ANALYST\"] } ],", "", StringComparison.Ordinal)
            .Replace("\"name\": \"finance\"", "\"name\": \"finance\", \"owner\": \"b@acme.example\"", StringComparison.Ordinal)
            .Replace("\"ledger\"", "\"budget\"", StringComparison.Ordinal).Replace("\"LEDGER\"", "\"BUDGET\"", StringComparison.Ordinal));
        var roles = dir.Write("roles.json", RolesFile);

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFiles(new[] { roles, first, second }))!;

        Assert.That((ex.File, ex.JsonPath), Is.EqualTo((second, "$.domains[0].owner")));
        Assert.That(ex.Problem, Is.EqualTo("domain `finance` has owner `b@acme.example`, but " + first + ": $.domains[0] gives it owner `a@acme.example`; expected one owner per domain"));
    }

    [Test]
    public void ReadFiles_DuplicateSchemaAcrossFiles_IsReportedInTheSecondFile()
    {
        using var dir = new TempDir();
        var first = dir.Write("a.json", FinanceFile);
        var second = dir.Write("b.json", Replace(FinanceFile, "\"name\": \"finance\"", "\"name\": \"accounting\"").Replace("\"roles\": [ { \"name\": \"FINANCE\", \"inherits\": [\"ANALYST\"] } ],", "", StringComparison.Ordinal));
        var roles = dir.Write("roles.json", RolesFile);

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFiles(new[] { roles, first, second }))!;

        Assert.That(ex.File, Is.EqualTo(second));
        Assert.That(ex.JsonPath, Is.EqualTo("$.domains[0].products[0].schema"));
        Assert.That(ex.Problem, Does.StartWith("database `FINANCE` schema `LEDGER` is already used by another product (at " + first + ": $.domains[0].products[0])"));
    }

    [Test]
    public void ReadFiles_DuplicateRoleAcrossFiles_IsReportedInTheSecondFile()
    {
        using var dir = new TempDir();
        var first = dir.Write("roles.json", RolesFile);
        var second = dir.Write("sales.json", Valid);

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFiles(new[] { first, second }))!;

        Assert.That(ex.File, Is.EqualTo(second));
        Assert.That(ex.JsonPath, Is.EqualTo("$.roles[0].name"));
        Assert.That(ex.Problem, Is.EqualTo("duplicate role `ANALYST` (also at " + first + ": $.roles[0])"));
    }

    [Test]
    public void ReadFiles_UnknownInheritedRole_IsReportedInTheFileThatInheritsIt()
    {
        const string Audit = """
            {
              "format": "governance.snapshot/v1",
              "roles": [ { "name": "AUDITOR", "inherits": ["NOBODY"] } ],
              "domains": []
            }
            """;
        using var dir = new TempDir();
        var paths = new[] { dir.Write("finance.json", FinanceFile), dir.Write("roles.json", RolesFile), dir.Write("audit.json", Audit) };

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFiles(paths))!;

        Assert.That(ex.File, Is.EqualTo(paths[2]));
        Assert.That(ex.JsonPath, Is.EqualTo("$.roles"));
        Assert.That(ex.Line, Is.EqualTo(3));
        Assert.That(ex.Problem, Is.EqualTo("role `AUDITOR` inherits `NOBODY`, which is not defined"));
    }

    [Test]
    public void ReadFiles_CycleAcrossFiles_IsReportedInTheFileThatClosesIt()
    {
        using var dir = new TempDir();
        var roles = dir.Write("roles.json", RolesFile.Replace("{ \"name\": \"ANALYST\" }", "{ \"name\": \"ANALYST\", \"inherits\": [\"FINANCE\"] }", StringComparison.Ordinal));
        var finance = dir.Write("finance.json", FinanceFile);

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFiles(new[] { roles, finance }))!;

        Assert.That(ex.File, Is.EqualTo(finance));
        Assert.That(ex.JsonPath, Is.EqualTo("$.roles"));
        Assert.That(ex.Problem, Does.StartWith("role inheritance is cyclic"));
    }

    [Test]
    public void ReadFiles_SingleFile_ChecksItsRoleGraph()
    {
        using var dir = new TempDir();
        var roles = dir.Write("roles.json", RolesFile);

        var ex = Assert.Throws<GovernanceInputException>(() => SnapshotReader.ReadFiles(new[] { roles }))!;

        Assert.That(ex.Problem, Is.EqualTo("role `PII_READER` inherits `FINANCE`, which is not defined"));
    }

    private sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gov-snapshots-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string Write(string name, string text)
        {
            var path = System.IO.Path.Combine(Path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
