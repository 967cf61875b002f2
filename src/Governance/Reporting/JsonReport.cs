using System.Text.Encodings.Web;
using System.Text.Json;

namespace Governance;

/// <summary>
/// The machine-readable report of <c>governance check --format json</c>: findings, decisions and a summary, in one
/// object. Deterministic: same result, same bytes.
/// </summary>
public static class JsonReport
{
    internal static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    internal static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>
    /// Writes the report. With <paramref name="sources"/> (<see cref="SnapshotSources.Index"/> of an imported snapshot), a
    /// finding whose target was imported also names where it came from: <c>"source": {file, path, line, name}</c>.
    /// </summary>
    public static void Write(EvaluationResult result, Stream output, IReadOnlyDictionary<string, SourceLocation>? sources = null)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteStartArray("findings");
        foreach (var f in result.Findings)
        {
            w.WriteStartObject();
            w.WriteString("id", f.Id);
            if (f.Rule is null) w.WriteNull("rule"); else w.WriteString("rule", f.Rule);
            w.WriteString("severity", Names.Of(f.Severity));
            w.WriteString("target", f.Target);
            w.WriteString("message", f.Message);
            if (sources is not null && sources.TryGetValue(f.Target, out var source))
            {
                w.WriteStartObject("source");
                w.WriteString("file", source.File);
                if (source.Path is { } path) w.WriteString("path", path);
                if (source.Line is { } line) w.WriteNumber("line", line);
                if (source.Name is { } name) w.WriteString("name", name);
                w.WriteEndObject();
            }
            w.WriteBoolean("waived", f.Waived);
            if (f.WaivedBy is { } waiver)
            {
                w.WriteStartObject("waiver");
                w.WriteString("owner", waiver.Owner);
                w.WriteString("reason", waiver.Reason);
                w.WriteString("expires", waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartObject("decisions");
        w.WriteStartArray("masking");
        foreach (var d in result.Masking)
        {
            w.WriteStartObject();
            w.WriteString("target", d.Target);
            w.WriteString("rule", d.Rule.Ref);
            w.WriteString("strategy", d.Strategy.Describe());
            w.WriteString("type", d.Column.Type.Text);
            WriteStrings(w, "revealTo", d.RevealTo);
            if (d.RevealClauses.Count > 1)
            {
                // Deny overrides: clear values also need a role of each further matching rule.
                w.WriteStartArray("andRevealTo");
                foreach (var clause in d.RevealClauses.Skip(1))
                {
                    w.WriteStartArray();
                    foreach (var r in clause) w.WriteStringValue(r);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
            if (d.Conditions.Count > 0)
            {
                w.WriteStartArray("conditions");
                foreach (var c in d.Conditions)
                {
                    w.WriteStartObject();
                    w.WriteString("column", c.Column);
                    w.WriteString("equals", c.Value.Text);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rowAccess");
        foreach (var d in result.RowAccess)
        {
            w.WriteStartObject();
            w.WriteString("target", d.Target);
            w.WriteString("rule", d.Rule.Ref);
            w.WriteString("filter", d.Filter.Name);
            WriteStrings(w, "columns", d.Columns);
            WriteStrings(w, "bypassRoles", d.BypassRoles);
            if (d.Parts.Count > 1)
            {
                // Deny overrides: further rules that a row must also pass.
                w.WriteStartArray("andRules");
                foreach (var part in d.Parts.Skip(1))
                {
                    w.WriteStartObject();
                    w.WriteString("rule", part.Rule.Ref);
                    w.WriteString("filter", part.Filter.Name);
                    w.WriteString("column", part.Filter.Column);
                    WriteStrings(w, "bypassRoles", part.BypassRoles);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();

        var s = result.Summary;
        w.WriteStartObject("summary");
        w.WriteNumber("products", s.Products);
        w.WriteNumber("datasets", s.Datasets);
        w.WriteNumber("columns", s.Columns);
        w.WriteNumber("errors", s.Errors);
        w.WriteNumber("warnings", s.Warnings);
        w.WriteNumber("notes", s.Notes);
        w.WriteNumber("waived", s.Waived);
        w.WriteNumber("maskedColumns", s.MaskedColumns);
        w.WriteNumber("rowAccessDatasets", s.RowAccessDatasets);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }
}

/// <summary>
/// SARIF 2.1.0 for code-scanning tools: one reporting descriptor per GOV ID (with its help page), one result per
/// finding; the pack rule is in the result's properties; waived findings carry an accepted external suppression.
/// </summary>
public static class SarifReport
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <param name="artifacts">The snapshot files checked (relative URIs), cited as the findings' locations.</param>
    /// <param name="sources">
    /// <see cref="SnapshotSources.Index"/> of an imported snapshot: a finding on an imported object gets a related
    /// location in the file it was imported from (the dbt manifest, the contract) at its line, named as the source names it.
    /// </param>
    public static void Write(EvaluationResult result, Stream output, string toolVersion, IReadOnlyList<string>? artifacts = null,
        IReadOnlyDictionary<string, SourceLocation>? sources = null)
    {
        using var w = new Utf8JsonWriter(output, JsonReport.WriterOptions);
        var ids = result.Findings.Select(f => f.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        w.WriteStartObject();
        w.WriteString("$schema", SchemaUri);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "governance");
        w.WriteString("semanticVersion", toolVersion);
        w.WriteString("informationUri", GovCatalog.HelpBaseUri.Replace("docs/rules/", "", StringComparison.Ordinal));
        w.WriteStartArray("rules");
        foreach (var id in ids)
        {
            var d = GovCatalog.Get(id);
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            w.WriteString("name", d.Title.Replace(" ", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal));
            w.WriteStartObject("shortDescription"); w.WriteString("text", d.Title); w.WriteEndObject();
            w.WriteStartObject("fullDescription"); w.WriteString("text", d.Description); w.WriteEndObject();
            w.WriteString("helpUri", d.HelpUri);
            w.WriteStartObject("properties"); w.WriteString("category", d.Category); w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        if (artifacts is { Count: > 0 })
        {
            w.WriteStartArray("artifacts");
            foreach (var a in artifacts)
            {
                w.WriteStartObject();
                w.WriteStartObject("location"); w.WriteString("uri", a); w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartArray("results");
        foreach (var f in result.Findings)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", f.Id);
            w.WriteNumber("ruleIndex", index[f.Id]);
            w.WriteString("level", Names.Of(f.Severity));
            w.WriteStartObject("message"); w.WriteString("text", f.Message); w.WriteEndObject();
            w.WriteStartArray("locations");
            w.WriteStartObject();
            if (artifacts is { Count: 1 })
            {
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation"); w.WriteString("uri", artifacts[0]); w.WriteNumber("index", 0); w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("fullyQualifiedName", f.Target);
            w.WriteString("kind", "member");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            if (sources is not null && sources.TryGetValue(f.Target, out var source))
            {
                w.WriteStartArray("relatedLocations");
                w.WriteStartObject();
                w.WriteNumber("id", 0);
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation"); w.WriteString("uri", source.File.Replace('\\', '/')); w.WriteEndObject();
                if (source.Line is { } line) { w.WriteStartObject("region"); w.WriteNumber("startLine", line); w.WriteEndObject(); }
                w.WriteEndObject();
                w.WriteStartObject("message"); w.WriteString("text", "imported from " + (source.Name ?? source.File) + (source.Path is null ? "" : " at " + source.Path)); w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }
            if (f.Rule is not null)
            {
                w.WriteStartObject("properties");
                w.WriteString("rule", f.Rule);
                w.WriteEndObject();
                w.WriteStartObject("partialFingerprints");
                w.WriteString("governanceTarget/v1", f.Id + ":" + f.Rule + ":" + f.Target);
                w.WriteEndObject();
            }
            if (f.WaivedBy is { } waiver)
            {
                w.WriteStartArray("suppressions");
                w.WriteStartObject();
                w.WriteString("kind", "external");
                w.WriteString("status", "accepted");
                w.WriteString("justification", waiver.Reason + " (owner " + waiver.Owner + ", expires " + waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")");
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }
}
