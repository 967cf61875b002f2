using System.Text.Json;
using Json.Schema;

namespace Governance.Tests;

/// <summary>
/// A JSON Schema file evaluated with JsonSchema.Net (draft 2020-12 and 7 in full: <c>const</c>, <c>if</c>/<c>then</c>,
/// <c>unevaluatedProperties</c>, <c>format</c> as an assertion). The one way the tests check a document against a
/// schema: the project's own schemas (<c>docs/schemas</c>), SARIF 2.1.0, the snapshot an import writes.
/// </summary>
internal sealed class SchemaFile
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private SchemaFile(JsonSchema schema, JsonElement root)
    {
        Schema = schema;
        Root = root;
    }

    public JsonSchema Schema { get; }

    /// <summary>The schema document itself.</summary>
    public JsonElement Root { get; }

    /// <summary>Loads <paramref name="path"/> in a registry of its own (so loading it twice is fine).</summary>
    public static SchemaFile Load(string path)
    {
        var text = File.ReadAllText(path);
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var doc = JsonDocument.Parse(text);
        return new SchemaFile(schema, doc.RootElement.Clone());
    }

    /// <summary>The schema file <paramref name="name"/> of <c>docs/schemas</c>, as copied into the test output.</summary>
    public static SchemaFile Docs(string name) => Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "schemas", name));

    /// <summary>
    /// The errors of <paramref name="json"/> (<c>/pointer: keyword: message</c>), empty when valid. JSON that does not
    /// parse (malformed, trailing content) is one error; JSON Schema cannot see duplicate keys (the last one counts).
    /// </summary>
    public IReadOnlyList<string> Errors(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return new[] { "JSON: " + e.Message };
        }
        using (doc) return Errors(doc.RootElement);
    }

    public IReadOnlyList<string> Errors(JsonElement instance)
    {
        if (!Readable(instance)) throw new UnreadableStringException();
        var results = Schema.Evaluate(instance, Options);
        if (results.IsValid) return Array.Empty<string>();
        var errors = (results.Details ?? new List<EvaluationResults>())
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Key + ": " + e.Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return errors.Count > 0 ? errors : new[] { "invalid" };
    }

    public bool Accepts(string json) => Errors(json).Count == 0;

    /// <summary>
    /// Whether every string of <paramref name="element"/> can be read as a string: System.Text.Json (and so
    /// JsonSchema.Net) cannot read an escaped unpaired surrogate (<c>"\ud800"</c>), which is valid JSON text and which
    /// the project's readers read (and refuse in identifiers).
    /// </summary>
    public static bool Readable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    element.GetString();
                    return true;
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            case JsonValueKind.Object:
                foreach (var p in element.EnumerateObject())
                {
                    try
                    {
                        _ = p.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return false;
                    }
                    if (!Readable(p.Value)) return false;
                }
                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(Readable);
            default:
                return true;
        }
    }
}

/// <summary>The document holds a string JSON Schema evaluation cannot read (an escaped unpaired surrogate).</summary>
internal sealed class UnreadableStringException : Exception
{
    public UnreadableStringException() : base("a string holds an unpaired surrogate, which JsonSchema.Net cannot read")
    {
    }
}
