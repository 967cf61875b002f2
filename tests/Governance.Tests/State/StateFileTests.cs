using System.Text;
using Governance.State;

namespace Governance.Tests.State;

/// <summary>
/// The state file: its canonical form (pinned), and every way a file can be wrong reported as GOV9017 with the file,
/// the JSON path, the line and what was expected — by the reader and, for what JSON Schema can express, by
/// docs/schemas/state.schema.json.
/// </summary>
public sealed class StateFileTests
{
    private static string Golden => TestFiles.Source("tests", "Governance.Tests", "State", "golden", "small.state.json");
    private static string SchemaPath => Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "schemas", "state.schema.json");

    [Test]
    public void SmallState_IsWrittenAsTheGoldenFile()
    {
        var actual = StateFile.Write(StateTestData.Small());
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1") File.WriteAllText(Golden, actual, new UTF8Encoding(false));
        Assert.That(actual, Is.EqualTo(File.ReadAllText(Golden, new UTF8Encoding(false))), "run with UPDATE_GOLDEN=1 to rewrite " + Golden);
    }

    [Test]
    public void GoldenFile_ReadsBackToTheSameState()
        => Assert.That(StateFile.ReadFile(Golden), Is.EqualTo(StateTestData.Small()));

    [Test]
    public void TheSameState_GivenInAnotherOrder_WritesTheSameBytes()
    {
        var s = StateTestData.Small();
        var shuffled = new AccountState(s.Scope, s.Tags.Reverse(), s.MaskingPolicies.Reverse(), s.RowAccessPolicies, s.ColumnMasking.Reverse(), s.RowAccess,
            s.TagMasking.Reverse(), s.TagAssignments.Reverse());
        Assert.Multiple(() =>
        {
            Assert.That(shuffled, Is.EqualTo(s));
            Assert.That(StateFile.Write(shuffled), Is.EqualTo(StateFile.Write(s)));
        });
    }

    public static IEnumerable<TestCaseData> BadEdits()
    {
        TestCaseData Case(string find, string replace, string path, string expected, string name)
            => new TestCaseData(find, replace, path, expected).SetName("BadStateFile_IsReportedWithPathAndLine(" + name + ")");
        yield return Case("\"kind\": \"table\"", "\"kind\": \"tabel\"", "$.scope.datasets[0].kind", "unknown dataset kind `tabel`; expected one of table, view", "unknown kind");
        yield return Case("\"returnType\": \"NUMBER(12,2)\"", "\"returnType\": \"decimal(12, 2)\"", "$.maskingPolicies[0].returnType",
            "expected a data type as Snowflake normalizes it, like `NUMBER(12,2)`, found `decimal(12, 2)`", "type not normalized");
        yield return Case("\"type\": \"BOOLEAN\"", "\"type\": \"BOOLEAN(1)\"", "$.maskingPolicies[1].arguments[1].type", "expected a base type name", "argument type not a base name");
        yield return Case("\"name\": [\"GOVERNANCE\", \"TAGS\", \"PII\"]", "\"name\": [\"GOVERNANCE\", \"TAGS\", \"ADHOC\"]", "$.tags[1]",
            "a second entry for one tag (the first is at $.tags[0]); each is listed once", "duplicate tag");
        yield return Case("\"exemptOtherPolicies\": true", "\"exemptOtherPolicies\": \"yes\"", "$.maskingPolicies[1].exemptOtherPolicies", "expected true or false, found a string", "exempt not a boolean");
        yield return Case("\"body\": \"0\"", "\"body\": \" 0\\n\"", "$.maskingPolicies[0].body", "expected the body trimmed", "body not trimmed");
        yield return Case("\"policy\": [\"GOVERNANCE\", \"POLICIES\", \"RAP_ROWS_REGION\"]", "\"policy\": [\"POLICIES\", \"RAP_ROWS_REGION\"]", "$.rowAccess[0].policy",
            "expected a qualified name of 3 parts, [\"DATABASE\", \"SCHEMA\", \"NAME\"], found 2", "name of two parts");
        yield return Case("\"column\": \"NOTE\"", "\"column\": \"\"", "$.columnMasking[2].column", "an identifier cannot be empty", "empty identifier");
        yield return Case("\"on\": [\"REGION\"]", "\"on\": [\"REGION\"], \"filter\": 1", "$.rowAccess[0].filter", "unknown property `filter`; expected `dataset`, `domain`", "unknown property");
        yield return Case("\"on\": \"schema\"", "\"on\": \"catalog\"", "$.tagAssignments[1].on", "unknown level `catalog`; expected one of database, schema, dataset, column", "unknown level");
        yield return Case("\"object\": [\"SALES\", \"ORDERS\"]", "\"object\": [\"SALES\", \"ORDERS\", \"ORDERS\"]", "$.tagAssignments[1].object", "a schema is named by 2 parts, found 3", "object of the wrong length");
        yield return Case("\"value\": \"x\"", "\"value\": 7", "$.tagAssignments[1].value", "expected a string, found a number", "value not a string");
        yield return Case("\"phone\"\n      ]", "\"email\"\n      ]", "$.tags[1].allowedValues[1]", "allowed value `email` is listed twice", "allowed value twice");
        yield return Case("\"format\": \"governance.state/v1\"", "\"format\": \"governance.state/v2\"", "$.format",
            "unsupported state file format `governance.state/v2`; expected `governance.state/v1` (the file was written by another version of the tool)", "another version");
        yield return Case("\"format\": \"governance.state/v1\"", "\"format\": \"governance.snapshot/v1\"", "$.format",
            "`governance.snapshot/v1` is not a state file format; expected `governance.state/v1`", "a snapshot");
        yield return Case("\"rowAccess\": [", "\"rowAccess\": {", "$.rowAccess", "not valid JSON", "not JSON");
    }

    [TestCaseSource(nameof(BadEdits))]
    public void BadStateFile_IsReportedWithPathAndLine(string find, string replace, string path, string expected)
    {
        var good = StateFile.Write(StateTestData.Small());
        var at = good.IndexOf(find, StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThanOrEqualTo(0), "the edit must apply: " + find);
        var line = good[..at].Count(c => c == '\n') + 1;
        var bad = good[..at] + replace + good[(at + find.Length)..];
        var e = Assert.Throws<GovernanceInputException>(() => StateFile.Read(bad, "state.json"))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.GovId, Is.EqualTo("GOV9017"));
            Assert.That(e.File, Is.EqualTo("state.json"));
            Assert.That(e.Problem, Does.Contain(expected));
            if (expected != "not valid JSON")
            {
                Assert.That(e.JsonPath, Is.EqualTo(path));
                Assert.That(e.Line, Is.EqualTo(line).Or.EqualTo(line - 1), "the line of the offending value or of its object");
            }
            Assert.That(e.Message, Does.StartWith("state.json:" + e.Line + ": "));
        });
    }

    [TestCase("", "$", "the file is empty")]
    [TestCase("[1]", "$", "expected a JSON object, an account state (governance.state/v1), found an array")]
    [TestCase("{\"scope\": {}}", "$", "missing required property `format`; expected `governance.state/v1`")]
    [TestCase("{\"format\": 1}", "$.format", "expected the string `governance.state/v1`, found a number")]
    [TestCase("{\"format\": \"governance.state/v1\"}", "$", "missing required property `scope`")]
    public void TruncatedOrForeignFile_IsReported(string json, string path, string expected)
    {
        var e = Assert.Throws<GovernanceInputException>(() => StateFile.Read(json, "x.json"))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.GovId, Is.EqualTo("GOV9017"));
            Assert.That(e.JsonPath, Is.EqualTo(path));
            Assert.That(e.Problem, Does.Contain(expected));
        });
    }

    [Test]
    public void MissingFile_IsReportedWithItsName()
    {
        var path = Path.Combine(Path.GetTempPath(), "governance-no-such-state-" + Guid.NewGuid().ToString("N") + ".json");
        var e = Assert.Throws<GovernanceInputException>(() => StateFile.ReadFile(path))!;
        Assert.That(e.Message, Is.EqualTo(path + ": the file does not exist; expected a state file (governance.state/v1)"));
    }

    [Test]
    public void FileThatIsNotUtf8_IsReported()
    {
        var path = Path.Combine(Path.GetTempPath(), "governance-latin1-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllBytes(path, new byte[] { (byte)'{', 0xE9, (byte)'}' });
        try
        {
            var e = Assert.Throws<GovernanceInputException>(() => StateFile.ReadFile(path))!;
            Assert.That(e.Problem, Is.EqualTo("the file is not UTF-8 text; expected a state file (governance.state/v1)"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // ------------------------------------------------------------------------------------------------ schema

    [Test]
    public void WrittenStates_FollowTheSchema()
    {
        var schema = SchemaFile.Load(SchemaPath);
        Assert.Multiple(() =>
        {
            Assert.That(schema.Errors(StateFile.Write(StateTestData.Small())), Is.Empty);
            Assert.That(schema.Errors(StateFile.Write(AccountState.Empty(StateTestData.Scope()))), Is.Empty);
        });
    }

    public static IEnumerable<TestCaseData> StructuralEdits() => BadEdits()
        .Where(c => c.TestName!.Contains("unknown kind", StringComparison.Ordinal) || c.TestName.Contains("exempt not", StringComparison.Ordinal)
                    || c.TestName.Contains("two parts", StringComparison.Ordinal) || c.TestName.Contains("empty identifier", StringComparison.Ordinal)
                    || c.TestName.Contains("unknown property", StringComparison.Ordinal) || c.TestName.Contains("unknown level", StringComparison.Ordinal)
                    || c.TestName.Contains("value not", StringComparison.Ordinal) || c.TestName.Contains("another version", StringComparison.Ordinal))
        .Select(c => new TestCaseData(c.Arguments[0], c.Arguments[1]).SetName(c.TestName!.Replace("BadStateFile_IsReportedWithPathAndLine", "StructuralError_IsRejectedBySchemaToo", StringComparison.Ordinal)));

    [TestCaseSource(nameof(StructuralEdits))]
    public void StructuralError_IsRejectedBySchemaToo(string find, string replace)
    {
        var schema = SchemaFile.Load(SchemaPath);
        var good = StateFile.Write(StateTestData.Small());
        var bad = good.Replace(find, replace, StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(() => StateFile.Read(bad), Throws.TypeOf<GovernanceInputException>());
            Assert.That(schema.Errors(bad), Is.Not.Empty);
        });
    }

    [Test]
    public void TheStructuralCases_AreSelected() => Assert.That(StructuralEdits().Count(), Is.EqualTo(8));
}
