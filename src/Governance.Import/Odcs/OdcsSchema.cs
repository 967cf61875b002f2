using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Import.Yaml;
using Json.Schema;

namespace Governance.Import.Odcs;

/// <summary>A schema error: where in the contract (path and line) and what was expected.</summary>
internal sealed record SchemaError(string Path, long Line, string Message);

/// <summary>
/// The official ODCS v3.1.0 JSON Schema (bitol-io, Apache-2.0; draft 2019-09), evaluated with JsonSchema.Net, which
/// implements the whole draft (<c>if</c>/<c>then</c>, <c>const</c>, <c>unevaluatedProperties</c>).
/// </summary>
internal static partial class OdcsSchema
{
    public const string Version = "v3.1.0";
    private const string Resource = "Governance.Import.Schemas.odcs-json-schema-v3.1.0.json";

    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(OdcsSchema).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException("the ODCS schema resource is missing");
        using var reader = new StreamReader(stream);
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        return JsonSchema.FromText(reader.ReadToEnd(), options, new Uri("https://bitol.io/odcs/odcs-json-schema-v3.1.0.json"));
    });

    /// <summary>The schema errors of <paramref name="root"/>, each at its path and line, in document order.</summary>
    public static IReadOnlyList<SchemaError> Check(YamlValue root)
    {
        var element = JsonSerializer.SerializeToElement(root.ToJson());
        var results = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        if (results.IsValid) return Array.Empty<SchemaError>();
        var errors = new List<(SchemaError Error, bool NotAllowed, string Parent)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var detail in Failed(results))
        {
            if (detail.Errors is null || detail.Errors.Count == 0) continue;
            var evaluation = Segments(detail.EvaluationPath.ToString());
            // A failing `if` is not an error: it only selects whether `then` applies.
            if (evaluation.Contains("if")) continue;
            var notAllowed = evaluation.Contains("unevaluatedProperties") || evaluation.Contains("additionalProperties");
            var segments = Segments(detail.InstanceLocation.ToString());
            var (node, parent) = Locate(root, segments);
            foreach (var (keyword, message) in detail.Errors)
            {
                var text = notAllowed ? "property `" + (segments.Count == 0 ? "" : segments[^1]) + "` is not allowed here" : Describe(keyword, message, node);
                if (text is null) continue;
                var path = RenderPath(segments);
                if (!seen.Add(path + "\u0000" + text)) continue;
                var parentPath = RenderPath(segments.Count == 0 ? segments : segments.GetRange(0, segments.Count - 1));
                errors.Add((new SchemaError(path, (node ?? parent ?? root).Line, text), notAllowed, parentPath));
            }
        }
        // When a subschema fails, the properties it evaluated count as unevaluated: a `not allowed` error next to another
        // error in the same object is that echo, not a second problem.
        var kept = errors.Where(e => !e.NotAllowed || !errors.Any(o => !o.NotAllowed && (o.Error.Path == e.Parent || o.Error.Path.StartsWith(e.Parent + ".", StringComparison.Ordinal)
                || o.Error.Path.StartsWith(e.Parent + "[", StringComparison.Ordinal))))
            .Select(e => e.Error)
            .ToList();
        kept.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : string.CompareOrdinal(a.Path, b.Path));
        return kept;
    }

    /// <summary>The failed results, descending only into failed ones: the failed branches of a passing <c>anyOf</c> are not errors.</summary>
    private static IEnumerable<EvaluationResults> Failed(EvaluationResults results)
    {
        if (results.IsValid) yield break;
        yield return results;
        foreach (var child in results.Details ?? new List<EvaluationResults>())
        {
            foreach (var failed in Failed(child)) yield return failed;
        }
    }

    /// <summary>Our message for a JsonSchema.Net error; null for the summary errors of combinators (their parts are reported).</summary>
    private static string? Describe(string keyword, string message, YamlValue? node)
    {
        switch (keyword)
        {
            case "required":
            {
                var names = Quoted().Matches(message).Select(m => "`" + m.Groups[1].Value + "`").ToList();
                return names.Count == 1 ? "missing required property " + names[0]
                    : names.Count > 1 ? "missing required properties " + string.Join(", ", names) : Style(message);
            }
            case "type":
            {
                var expected = TypeWords().Match(message) is { Success: true } m ? m.Groups[1].Value : null;
                return "expected " + (expected is null ? "another type" : Article(expected)) + ", found " + (node?.Describe() ?? "nothing");
            }
            case "enum":
                return "value " + Shown(node) + " is not one of the values the schema allows";
            case "const":
                return "value " + Shown(node) + " is not the value the schema requires here";
            case "allOf" or "anyOf" or "oneOf" or "if" or "then" or "else" or "$ref" or "properties" or "items" or "not":
                return keyword is "oneOf" or "anyOf" or "not" ? "value " + Shown(node) + " matches none of the forms the schema allows (" + keyword + ")" : null;
            default:
                return Style(message);
        }
    }

    private static string Shown(YamlValue? node) => node is YamlScalar s ? "`" + s.Text + "`" : node?.Describe() ?? "nothing";

    private static string Article(string type) => type switch
    {
        "object" => "an object",
        "array" => "a list",
        "integer" => "an integer",
        _ => "a " + type,
    };

    private static string Style(string message)
    {
        message = message.Trim().TrimEnd('.');
        return message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1]) ? char.ToLowerInvariant(message[0]) + message[1..] : message;
    }

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex("should be \"?([a-z]+)\"?")]
    private static partial Regex TypeWords();

    internal static List<string> Segments(string pointer)
    {
        var list = new List<string>();
        if (string.IsNullOrEmpty(pointer) || pointer == "/") return list;
        foreach (var part in pointer.TrimStart('#').Split('/').Skip(1)) list.Add(part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
        return list;
    }

    /// <summary>The YAML node at <paramref name="segments"/> and its parent (for a missing property).</summary>
    private static (YamlValue? Node, YamlValue? Parent) Locate(YamlValue root, List<string> segments)
    {
        YamlValue? current = root;
        YamlValue? parent = null;
        foreach (var segment in segments)
        {
            parent = current;
            current = current switch
            {
                YamlMapping m => m.Get(segment),
                YamlSequence s when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < s.Items.Count => s.Items[i],
                _ => null,
            };
            if (current is null) break;
        }
        return (current, parent);
    }

    /// <summary><c>$.schema[0].properties[2]</c> from pointer segments.</summary>
    internal static string RenderPath(List<string> segments)
    {
        var sb = new System.Text.StringBuilder("$");
        foreach (var segment in segments)
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit)) sb.Append('[').Append(segment).Append(']');
            else sb.Append(Dbt.JsonStream.Member(segment));
        }
        return sb.ToString();
    }
}
