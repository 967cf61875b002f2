

namespace Governance.Tests.Manifests;

/// <summary>
/// Bad manifests: the shared reader rejects each with a <see cref="JsonShapeException"/> naming the JSON path, the line
/// and what was expected, and the published schema rejects each too (schema and reader agree). Every case is one edit
/// of the golden manifest, so everything but the edit is valid.
/// </summary>
public sealed class ManifestReaderErrorTests
{
    /// <summary>One bad manifest and the error the reader must report.</summary>
    public sealed class BadManifest
    {
        public BadManifest(string name, string json, string path, int line, params string[] message)
        {
            Name = name;
            Json = json;
            Path = path;
            Line = line;
            Message = message;
        }

        public string Name { get; }
        public string Json { get; }
        public string Path { get; }
        public int Line { get; }
        /// <summary>Fragments the message must contain (what was found, what was expected).</summary>
        public IReadOnlyList<string> Message { get; }
        public override string ToString() => Name;
    }

    private static string Valid => ManifestCodec.Write(GoldenPacks.Small());

    private static BadManifest Edit(string name, string fragment, string replacement, string path, int lineOffset, params string[] message)
        => new BadManifest(name, Text.ReplaceOnly(Valid, fragment, replacement), path, Text.LineOf(Valid, fragment) + lineOffset, message);

    public static IEnumerable<TestCaseData> Cases()
    {
        var valid = Valid;
        var cases = new List<BadManifest>
        {
            Edit("malformed JSON: a missing comma", "\"kind\": \"naming\",", "\"kind\": \"naming\"",
                "$.rules[1]", 1, "expected `,` or `}` in object"),
            new BadManifest("malformed JSON: truncated", valid.Substring(0, valid.IndexOf("\"rules\": [", StringComparison.Ordinal) + "\"rules\": ".Length),
                "$.rules", Text.LineOf(valid, "\"rules\": ["), "unexpected end of file", "expected a value"),
            Edit("duplicate key", "\"kind\": \"naming\",", "\"kind\": \"naming\",\n      \"kind\": \"naming\",",
                "$.rules[1]", 1, "duplicate property `kind`"),
            Edit("unknown format version", "\"format\": \"governance.rulepack/v1\"", "\"format\": \"governance.rulepack/v2\"",
                "$.format", 0, "unknown format `governance.rulepack/v2`", "expected `governance.rulepack/v1`"),
            Edit("unknown rule kind", "\"kind\": \"naming\"", "\"kind\": \"labeling\"",
                "$.rules[1].kind", 0, "unknown rule kind `labeling`", "expected masking, rowAccess, tagging or naming"),
            Edit("unknown severity", "\"severity\": \"note\"", "\"severity\": \"fatal\"",
                "$.rules[3].severity", 0, "unknown severity `fatal`", "expected note, warning or error"),
            Edit("unknown selector type", "\"type\": \"always\"", "\"type\": \"sometimes\"",
                "$.rules[3].requirement.when.type", 0, "unknown selector type `sometimes`", "expected always, tag, name, hasColumn, dataType, datasetKind, domain, product, all, any or not"),
            Edit("unknown strategy", "\"type\": \"keepLast\"", "\"type\": \"keepFirst\"",
                "$.rules[0].strategy.type", 0, "unknown masking strategy `keepFirst`", "expected redact, keepLast, hash, nullify, emailDomain, truncateDate, constant or custom"),
            Edit("number where a string is expected", "\"title\": \"Rows by region\"", "\"title\": 42",
                "$.rules[2].title", 0, "expected a string, found a number"),
            Edit("string where a number is expected", "\"count\": 4", "\"count\": \"4\"",
                "$.rules[0].strategy.count", 0, "expected an integer from 0 to 1000, found a string"),
            Edit("keepLast count negative", "\"count\": 4", "\"count\": -1",
                "$.rules[0].strategy.count", 0, "expected an integer from 0 to 1000, found -1"),
            MissingSeverity(valid),
            Edit("unknown scope", "\"scope\": \"global\"", "\"scope\": \"planet\"",
                "$.scope", 0, "unknown scope `planet`", "expected `global` or `domain:NAME`"),
            Edit("invalid literal", "\"value\": \"TRUE\"", "\"value\": \"yes\"",
                "$.rules[0].condition.value.value", 0, "`yes` is not a valid boolean literal"),
            Edit("misspelt root property", "\"publisher\": ", "\"publsher\": ",
                "$.publsher", 0, "unknown property `publsher`; did you mean `publisher`?"),
            Edit("misspelt rule property", "\"title\": \"Rows by region\"", "\"titel\": \"Rows by region\"",
                "$.rules[2].titel", 0, "unknown property `titel`; did you mean `title`?"),
            Edit("property of another rule kind", "\"title\": \"Rows by region\"", "\"title\": \"Rows by region\", \"revealTo\": []",
                "$.rules[2].revealTo", 0, "unknown property `revealTo`", "expected one of `id`, `kind`"),
            Edit("misspelt selector property", "\"pattern\": \"^REGION$\"", "\"patern\": \"^REGION$\"",
                "$.rules[2].datasets.patern", 0, "unknown property `patern`; did you mean `pattern`?"),
            Edit("misspelt taxonomy property", "\"allowedValues\": [\n        \"email\"", "\"allowedValue\": [\n        \"email\"",
                "$.taxonomy[0].allowedValue", 0, "unknown property `allowedValue`; did you mean `allowedValues`?"),
        };
        return cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));
    }

    // The naming rule without its severity: the reader reports the rule object (its opening line).
    private static BadManifest MissingSeverity(string valid)
    {
        const string line = "      \"severity\": \"warning\",\n";
        return new BadManifest("missing required property", Text.ReplaceOnly(valid, line, ""),
            "$.rules[1]", Text.LineOf(valid, "\"constraint\": {") - 1, "missing required property `severity`");
    }

    [Test]
    public void TheValidManifest_IsAccepted_ByReaderAndSchema()
    {
        Assert.That(() => ManifestCodec.Read(Valid, out _), Throws.Nothing);
        Assert.That(RulePackSchema.StrictErrors(Valid), Is.Empty);
    }

    [TestCaseSource(nameof(Cases))]
    public void Reader_Rejects(BadManifest bad)
    {
        var e = Assert.Throws<JsonShapeException>(() => ManifestCodec.Read(bad.Json, out _))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Path, Is.EqualTo(bad.Path), "path");
            Assert.That(e.Line, Is.EqualTo(bad.Line), "line");
            foreach (var part in bad.Message) Assert.That(e.Message, Does.Contain(part), "message");
            Assert.That(e.Problem, Is.EqualTo(e.Message));
        });
    }

    [TestCaseSource(nameof(Cases))]
    public void Schema_AlsoRejects(BadManifest bad)
    {
        Assert.That(RulePackSchema.StrictErrors(bad.Json), Is.Not.Empty);
    }

    /// <summary>Everything but duplicate keys is caught by the schema keywords alone, on the default parse (which keeps
    /// the last of duplicate keys, valid here: only a strict parse catches it).</summary>
    [TestCaseSource(nameof(Cases))]
    public void Schema_AlsoRejects_WithItsOwnParse(BadManifest bad)
    {
        if (bad.Name == "duplicate key") Assert.That(RulePackSchema.Validate(bad.Json), Is.Empty);
        else Assert.That(RulePackSchema.Validate(bad.Json), Is.Not.Empty);
    }
}
