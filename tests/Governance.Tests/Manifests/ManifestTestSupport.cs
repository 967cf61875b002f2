using System.Text.Json;

namespace Governance.Tests.Manifests;

/// <summary>The small hand-built pack of the golden test: one rule of each kind.</summary>
internal static class GoldenPacks
{
    public static RulePack Small() => new RulePack(
        "acme-global",
        "1.2.0",
        PackScope.Global,
        "Acme Data Governance Board",
        new[]
        {
            new TagDefinition("SENSITIVITY", new[] { "public", "internal", "confidential", "restricted" }, "How sensitive the data is"),
            new TagDefinition("PII", new[] { "email", "phone", "ssn" }, "Kind of personal data"),
        },
        new Rule[]
        {
            new TagRequirementRule("TAG-001", Severity.Note, "Every column has a SENSITIVITY", "Masking and access decisions start from it.",
                TargetLevel.Column, "SENSITIVITY", Selector.Always),
            new RowAccessRule("ROW-001", Severity.Error, "Rows by region", "Analysts see their regions only.",
                Selector.HasColumn("^REGION$"),
                new EntitlementFilter("REGION", "GOVERNANCE", "ENTITLEMENTS", "REGION_ACCESS", "ROLE_NAME", "REGION"),
                new[] { "GLOBAL_ANALYST" }),
            new NamingRule("NAME-001", Severity.Warning, "Booleans start with IS_ or HAS_", "",
                TargetLevel.Column, Selector.TypeIs(DataTypeFamily.Boolean), new AffixConstraint(true, new[] { "IS_", "HAS_" })),
            new MaskingRule("MASK-001", Severity.Error, "Mask \"e-mail\" addresses", "GDPR Art. 32 — keep the last four; C:\\ stays a backslash.",
                Selector.All(Selector.TagIn("PII", "email"), Selector.NameMatches("(?i)e?mail")),
                new KeepLastStrategy(4),
                new[] { "PII_READER" },
                new MaskingCondition("CONSENT", Literal.Boolean(true))),
        },
        "The board's global rules");
}

/// <summary>The published rule-pack schema, loaded from the copy of <c>docs/</c> in the test output.</summary>
internal static class RulePackSchema
{
    private static readonly Lazy<SchemaFile> Loaded = new(() => SchemaFile.Load(FilePath));

    public static string FilePath => Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "schemas", "rulepack.schema.json");

    public static SchemaFile Schema => Loaded.Value;

    /// <summary>The schema's errors for <paramref name="json"/> (JSON that does not parse is one error).</summary>
    public static IReadOnlyList<string> Validate(string json) => Schema.Errors(json);

    /// <summary>
    /// The published-schema check with a strict JSON parse: malformed JSON, trailing content and duplicate keys are
    /// errors (as in the shared reader); JSON Schema itself cannot see a duplicate key (the last one counts).
    /// </summary>
    public static IReadOnlyList<string> StrictErrors(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
            return Schema.Errors(doc.RootElement);
        }
        catch (JsonException e)
        {
            return new[] { "JSON: " + e.Message };
        }
    }
}

internal static class Text
{
    /// <summary>The 1-based line on which <paramref name="fragment"/> (which must occur exactly once) starts.</summary>
    public static int LineOf(string text, string fragment)
    {
        var at = IndexOfOnly(text, fragment);
        var line = 1;
        for (var i = 0; i < at; i++)
        {
            if (text[i] == '\n') line++;
        }
        return line;
    }

    /// <summary><paramref name="text"/> with its one occurrence of <paramref name="fragment"/> replaced.</summary>
    public static string ReplaceOnly(string text, string fragment, string replacement)
    {
        var at = IndexOfOnly(text, fragment);
        return text.Substring(0, at) + replacement + text.Substring(at + fragment.Length);
    }

    private static int IndexOfOnly(string text, string fragment)
    {
        var at = text.IndexOf(fragment, StringComparison.Ordinal);
        if (at < 0) throw new ArgumentException("`" + fragment + "` does not occur in the text", nameof(fragment));
        if (text.IndexOf(fragment, at + 1, StringComparison.Ordinal) >= 0) throw new ArgumentException("`" + fragment + "` occurs more than once", nameof(fragment));
        return at;
    }
}
