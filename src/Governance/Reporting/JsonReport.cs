using System.Text.Encodings.Web;
using System.Text.Json;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;

namespace Governance.Reporting;

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

    /// <summary>Number properties, in the order given.</summary>
    internal static void WriteNumbers(Utf8JsonWriter w, params ReadOnlySpan<(string Name, long Value)> properties)
    {
        foreach (var (name, value) in properties) w.WriteNumber(name, value);
    }

    /// <summary>
    /// One finding's fields, as every JSON report writes them (the caller writes the object around them): <c>id</c>,
    /// <c>rule</c>, <c>severity</c>, <c>target</c>, <c>product</c> (the identity of the target's product, when it is in
    /// one and <paramref name="product"/> is set: a caller that names the product itself clears it), <c>message</c>, <c>source</c> when the target was imported (found in
    /// <paramref name="elements"/>), <c>waived</c>, and the <c>waiver</c> that covers it.
    /// </summary>
    internal static void WriteFindingFields(Utf8JsonWriter w, Finding f, IReadOnlyDictionary<string, TargetLookup.Element>? elements, bool product = true)
    {
        w.WriteString("id", f.Id);
        if (f.Rule is null) w.WriteNull("rule"); else w.WriteString("rule", f.Rule);
        w.WriteString("severity", Names.Of(f.Severity));
        w.WriteString("target", f.Target);
        TargetLookup.Element? element = null;
        if (elements is not null && elements.TryGetValue(f.Target, out element) && product) w.WriteString("product", element.ProductIdentity);
        w.WriteString("message", f.Message);
        if (element is not null) SnapshotWriter.WriteSource(w, element.Source);
        w.WriteBoolean("waived", f.Waived);
        if (f.WaivedBy is { } waiver)
        {
            w.WriteStartObject("waiver");
            w.WriteString("owner", waiver.Owner);
            w.WriteString("reason", waiver.Reason);
            w.WriteString("expires", waiver.Expires.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
    }

    /// <summary>
    /// Writes the report. With the <paramref name="snapshot"/> the findings are about, a finding on a product, dataset or
    /// column also names the product's identity, <c>"product": "domain/product"</c> (<see cref="MeshIdentity"/>; the target
    /// stays the Snowflake location), and a finding whose target was imported names where the importer found it (the
    /// target's <see cref="DataProduct.Source"/>), as the snapshot writes it: <c>"source": {file, path, line, name}</c>.
    /// </summary>
    public static void Write(EvaluationResult result, Stream output, MetadataSnapshot? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var elements = snapshot is null ? null : TargetLookup.Find(snapshot, result.Findings.Select(f => f.Target));
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteStartArray("findings");
        foreach (var f in result.Findings)
        {
            w.WriteStartObject();
            WriteFindingFields(w, f, elements);
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
        WriteNumbers(w, ("products", s.Products), ("datasets", s.Datasets), ("columns", s.Columns), ("errors", s.Errors), ("warnings", s.Warnings),
            ("notes", s.Notes), ("waived", s.Waived), ("maskedColumns", s.MaskedColumns), ("rowAccessDatasets", s.RowAccessDatasets));
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }
}
