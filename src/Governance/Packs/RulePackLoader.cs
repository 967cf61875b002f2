using System.Text;
using Governance.Json;
using NJsonSchema;

namespace Governance;

/// <summary>
/// Loads rule-pack manifests: JSON syntax, shape (the shared <see cref="ManifestCodec"/> reader), the published schema
/// (<c>docs/schemas/rulepack.schema.json</c>, with NJsonSchema), the recorded SHA-256 content hash, and the pack's
/// cross-field checks. Every problem is a <see cref="GovernanceInputException"/> naming the file, JSON path and line.
/// </summary>
public static class RulePackLoader
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(RulePackLoader).Assembly.GetManifestResourceStream("Governance.Schemas.rulepack.schema.json")
            ?? throw new InvalidOperationException("the rule pack schema is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    });

    public static RulePack LoadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GovernanceInputException(GovIds.InvalidRulePack, path, null, null, "cannot read the rule pack: " + e.Message, e);
        }
        return Parse(text, path);
    }

    /// <summary>Reads, validates and verifies one manifest.</summary>
    public static RulePack Parse(string json, string? file = null)
    {
        var pack = ManifestChecks.ReadValid(json, file, out var recorded);

        var errors = Schema.Value.Validate(json);
        if (errors.Count > 0)
        {
            var first = errors.OrderBy(e => e.LineNumber).ThenBy(e => e.Path, StringComparer.Ordinal).First();
            throw new GovernanceInputException(GovIds.InvalidRulePack, file, ToJsonPath(first.Path), first.LineNumber > 0 ? first.LineNumber : null,
                "does not follow the rule pack schema: " + Describe(first));
        }

        ManifestChecks.VerifyHash(pack, recorded, file);
        return pack;
    }

    private static string ToJsonPath(string? schemaPath)
    {
        if (string.IsNullOrEmpty(schemaPath) || schemaPath == "#") return "$";
        return "$" + (schemaPath.StartsWith('#') ? schemaPath[1..] : schemaPath).Replace("/", ".", StringComparison.Ordinal);
    }

    private static string Describe(NJsonSchema.Validation.ValidationError error)
    {
        var kind = error.Kind.ToString();
        var words = new StringBuilder();
        foreach (var c in kind)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ');
            words.Append(char.ToLowerInvariant(c));
        }
        return error.Property is { Length: > 0 } p ? words + " (`" + p + "`)" : words.ToString();
    }
}
