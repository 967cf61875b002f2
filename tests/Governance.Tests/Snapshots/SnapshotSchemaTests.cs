using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;
using Governance.Tests.Generators;
using static Governance.Tests.Snapshots.SnapshotTestData;

namespace Governance.Tests.Snapshots;

/// <summary>The JSON Schema describes what the reader reads: valid snapshots pass it, structural errors fail both.</summary>
public class SnapshotSchemaTests
{
    private static readonly string SchemaPath =
        Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "schemas", "snapshot.schema.json");

    private SchemaFile _schema = null!;

    [OneTimeSetUp]
    public void LoadSchema() => _schema = SchemaFile.Load(SchemaPath);

    private string Errors(string json) => string.Join("; ", _schema.Errors(json));

    [Property(MaxTest = 200)]
    public Property Schema_AcceptsEveryGeneratedSnapshot() =>
        Prop.ForAll(Arb.From(SnapshotGen.Snapshot()), s =>
        {
            var errors = Errors(SnapshotWriter.ToJson(s));
            return (errors.Length == 0).Label(errors);
        });

    [Test]
    public void Schema_AcceptsTheHandWrittenExamples()
    {
        Assert.That(Errors(Valid), Is.Empty);
        Assert.That(Errors(DesignExample), Is.Empty);
        Assert.That(Errors(Replace("\"version\": \"1.4.0\"", "\"version\": null")), Is.Empty);
    }

    [Test]
    public void Schema_HasIdTitleAndDescription()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var root = doc.RootElement;
        Assert.That(root.GetProperty("$schema").GetString(), Is.EqualTo("https://json-schema.org/draft/2020-12/schema"));
        Assert.That(root.GetProperty("$id").GetString(), Does.EndWith("/snapshot.schema.json"));
        Assert.That(root.GetProperty("title").GetString(), Is.Not.Empty);
        Assert.That(root.GetProperty("description").GetString(), Is.Not.Empty);
    }

    /// <summary>Structural errors: the reader and the schema both reject them.</summary>
    private static IEnumerable<TestCaseData> StructuralErrors()
    {
        TestCaseData Case(string name, string oldText, string newText) =>
            new TestCaseData(Replace(oldText, newText)).SetArgDisplayNames(name);

        yield return Case("unknown format", "governance.snapshot/v1", "governance.snapshot/v9");
        yield return Case("missing format", "\"format\": \"governance.snapshot/v1\",", "");
        yield return Case("missing domains", "\"domains\": [", "\"other\": [");
        yield return Case("number for a name", "\"name\": \"sales\"", "\"name\": 42");
        yield return Case("object for owner", "\"owner\": \"sales-data@acme.example\"", "\"owner\": {}");
        yield return Case("string for nullable", "\"nullable\": false", "\"nullable\": \"no\"");
        yield return Case("unknown dataset kind", "\"kind\": \"table\"", "\"kind\": \"tabel\"");
        yield return Case("missing kind", "\"kind\": \"table\",", "");
        yield return Case("missing column type", ", \"type\": \"STRING\"", "");
        yield return Case("missing product schema", "\"schema\": \"ORDERS\",", "");
        yield return Case("missing role name", "{ \"name\": \"ANALYST\" }", "{ }");
        yield return Case("columns is an object", "\"columns\": [", "\"columns\": {}, \"x\": [");
        yield return Case("tags is an array", "\"tags\": { \"PII\": \"email\" }", "\"tags\": [\"PII\"]");
        yield return Case("tag value is a boolean", "\"PII\": \"email\"", "\"PII\": true");
        yield return Case("inherits is a string", "\"inherits\": [\"ANALYST\"]", "\"inherits\": \"ANALYST\"");
        yield return Case("empty identifier", "\"schema\": \"ORDERS\"", "\"schema\": \"\"");
        yield return Case("identifier of 256 characters", "\"name\": \"ORDER_ID\"", "\"name\": \"" + new string('A', 256) + "\"");
        yield return Case("tag value of 257 characters", "\"PII\": \"email\"", "\"PII\": \"" + new string('x', 257) + "\"");
        yield return Case("NUL in a name", "\"name\": \"ORDER_ID\"", "\"name\": \"ORD\\u0000ER\"");
        yield return Case("invalid takenAt", "2026-11-20T10:00:00Z", "yesterday");
        // Draft 2020-12 keywords (if/then, const, propertyNames, uniqueItems), which the schema uses since NJsonSchema is gone.
        yield return Case("sources on a table", "\"kind\": \"table\",", "\"kind\": \"table\", \"sources\": [],");
        yield return Case("empty tag name", "\"PII\": \"email\"", "\"\": \"email\"");
    }

    [TestCaseSource(nameof(StructuralErrors))]
    public void StructuralError_IsRejectedByReaderAndSchema(string json)
    {
        Assert.Throws<GovernanceInputException>(() => SnapshotReader.Parse(json));
        Assert.That(_schema.Errors(json), Is.Not.Empty);
    }
}
