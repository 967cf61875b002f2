using System.Text;
using System.Text.Json;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Diagnostics;

namespace Governance.Reporting;

/// <summary>
/// SARIF 2.1.0 for code-scanning tools (GitHub code scanning among them): one reporting descriptor per GOV ID — a
/// readable name, its title and description, its help page and help text — and one result per finding. Every result
/// has a physical location with a line: the product, dataset or column element in the snapshot file, the C# definition
/// (<c>check --assembly</c>, from the portable PDB), or the waiver in its file; findings about the whole input (an
/// undefined role) point at the first input's first line. A finding on an imported object also has a related location
/// where the importer found it (the dbt manifest, the contract: the snapshot's <c>source</c>). The target is the result's
/// logical location; the pack rule and the product's identity (<c>domain/product</c>, <see cref="MeshIdentity"/>) are its
/// properties; waived findings carry an accepted external suppression. Deterministic: same input, same bytes.
/// </summary>
public static class SarifReport
{
    /// <summary>The SARIF 2.1.0 JSON schema the report names in its <c>$schema</c>.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>Writes <paramref name="result"/>'s findings to <paramref name="output"/> as one SARIF 2.1.0 run (UTF-8 JSON); the stream is left open.</summary>
    /// <param name="result">The evaluation whose findings are reported.</param>
    /// <param name="output">The stream written to.</param>
    /// <param name="toolVersion">The tool's version, as the driver's <c>semanticVersion</c>.</param>
    /// <param name="artifacts">The input files, as given (cited in the run's artifacts, first).</param>
    /// <param name="snapshot">The snapshot the findings are about: products, datasets and columns carry where they were read
    /// (<see cref="DataProduct.Location"/>) and, when imported, where they were found (<see cref="DataProduct.Source"/>).</param>
    /// <param name="docsUrl">The documentation's base URL (ending in <c>/</c>); default: <see cref="GovCatalog.DocsUrl"/>.</param>
    public static void Write(EvaluationResult result, Stream output, string toolVersion, IReadOnlyList<string>? artifacts = null,
        MetadataSnapshot? snapshot = null, string? docsUrl = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var docs = docsUrl ?? GovCatalog.DocsUrl;
        if (!docs.EndsWith('/')) docs += "/";
        var ids = result.Findings.Select(f => f.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();
        var ruleIndex = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var elements = snapshot is null ? new Dictionary<string, TargetLookup.Element>() : TargetLookup.Find(snapshot, result.Findings.Select(f => f.Target));

        // Artifacts: the inputs first, then any other file a result points at (C# files of definitions), in order.
        var files = new List<string>();
        var fileIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int Artifact(string file)
        {
            var uri = Uri(file);
            if (!fileIndex.TryGetValue(uri, out var i))
            {
                fileIndex[uri] = i = files.Count;
                files.Add(uri);
            }
            return i;
        }
        foreach (var a in artifacts ?? Array.Empty<string>()) Artifact(a);
        var locations = result.Findings.Select(f => Locate(f, elements, artifacts)).Select(l => l is null ? ((int, long)?)null : (Artifact(l.File), Math.Max(1, l.Line ?? 1))).ToList();

        using var w = new Utf8JsonWriter(output, JsonReport.WriterOptions);
        w.WriteStartObject();
        w.WriteString("$schema", SchemaUri);
        w.WriteString("version", "2.1.0");
        w.WriteStartArray("runs");
        w.WriteStartObject();
        w.WriteStartObject("tool");
        w.WriteStartObject("driver");
        w.WriteString("name", "governance");
        w.WriteString("semanticVersion", toolVersion);
        w.WriteString("informationUri", docs);
        w.WriteStartArray("rules");
        foreach (var id in ids)
        {
            var d = GovCatalog.Get(id);
            var help = docs + "rules/" + d.Id + ".md";
            w.WriteStartObject();
            w.WriteString("id", d.Id);
            w.WriteString("name", RuleName(d.Title));
            w.WriteStartObject("shortDescription"); w.WriteString("text", d.Title); w.WriteEndObject();
            w.WriteStartObject("fullDescription"); w.WriteString("text", d.Description); w.WriteEndObject();
            w.WriteString("helpUri", help);
            w.WriteStartObject("help");
            w.WriteString("text", d.Description + " See " + help + ".");
            w.WriteString("markdown", "**" + d.Id + ": " + d.Title + "**\n\n" + d.Description + "\n\nSee [" + d.Id + "](" + help + ") for examples, the fix and how to waive it.");
            w.WriteEndObject();
            w.WriteStartObject("properties"); w.WriteString("category", d.Category); w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        if (files.Count > 0)
        {
            w.WriteStartArray("artifacts");
            foreach (var a in files)
            {
                w.WriteStartObject();
                w.WriteStartObject("location"); w.WriteString("uri", a); w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartArray("results");
        for (var n = 0; n < result.Findings.Count; n++)
        {
            var f = result.Findings[n];
            var element = elements.TryGetValue(f.Target, out var e) ? e : null;
            w.WriteStartObject();
            w.WriteString("ruleId", f.Id);
            w.WriteNumber("ruleIndex", ruleIndex[f.Id]);
            w.WriteString("level", Names.Of(f.Severity));
            w.WriteStartObject("message"); w.WriteString("text", f.Message); w.WriteEndObject();
            w.WriteStartArray("locations");
            w.WriteStartObject();
            if (locations[n] is var (file, line))
            {
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation"); w.WriteString("uri", files[file]); w.WriteNumber("index", file); w.WriteEndObject();
                w.WriteStartObject("region"); w.WriteNumber("startLine", line); w.WriteEndObject();
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
            if (element?.Source is { } source)
            {
                w.WriteStartArray("relatedLocations");
                w.WriteStartObject();
                w.WriteNumber("id", 0);
                w.WriteStartObject("physicalLocation");
                w.WriteStartObject("artifactLocation"); w.WriteString("uri", Uri(source.File)); w.WriteEndObject();
                if (source.Line is { } sourceLine) { w.WriteStartObject("region"); w.WriteNumber("startLine", sourceLine); w.WriteEndObject(); }
                w.WriteEndObject();
                w.WriteStartObject("message"); w.WriteString("text", "imported from " + (source.Name ?? source.File) + (source.Path is null ? "" : " at " + source.Path)); w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndArray();
            }
            w.WriteStartObject("partialFingerprints");
            w.WriteString("governanceTarget/v1", f.Id + ":" + f.Rule + ":" + f.Target);
            w.WriteEndObject();
            if (f.Rule is not null || element is not null)
            {
                w.WriteStartObject("properties");
                if (f.Rule is not null) w.WriteString("rule", f.Rule);
                if (element is not null) w.WriteString("product", element.ProductIdentity);
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

    /// <summary>
    /// Where a finding points: its own source (a waiver's line), else its target's element (a column's line in its
    /// dataset's file; for an element imported by the command itself, with <c>--dbt</c> or <c>--odcs</c>, where the
    /// importer found it: the manifest's or the contract's line), else the first input file. Null when there is no file at all.
    /// </summary>
    private static SourceLocation? Locate(Finding f, IReadOnlyDictionary<string, TargetLookup.Element> elements, IReadOnlyList<string>? artifacts)
        => f.Location
           ?? (elements.TryGetValue(f.Target, out var e) ? e.Location ?? e.Source : null)
           ?? (artifacts is { Count: > 0 } ? new SourceLocation(artifacts[0], line: 1) : null);

    /// <summary>
    /// A file as a relative URI reference, as code scanning wants it: a path under the current directory relative to
    /// it, a path mapped by a deterministic build (<c>/_/src/…</c>) relative to the repository root, segments escaped.
    /// </summary>
    internal static string Uri(string file)
    {
        var path = file.Replace('\\', '/');
        if (path.StartsWith("/_/", StringComparison.Ordinal)) path = path.Substring(3);
        else if (Path.IsPathRooted(file)) path = Path.GetRelativePath(Environment.CurrentDirectory, file).Replace('\\', '/');
        return string.Join("/", path.Split('/').Select(s => s is "." or ".." ? s : System.Uri.EscapeDataString(s)));
    }

    /// <summary>A rule's readable name: its title in PascalCase (<c>Several masking rules match one column</c> →
    /// <c>SeveralMaskingRulesMatchOneColumn</c>).</summary>
    public static string RuleName(string title)
    {
        var sb = new StringBuilder();
        foreach (var word in title.Replace("'", "", StringComparison.Ordinal).Split(' ', '-', '/', ',', '(', ')', '.'))
        {
            if (word.Length == 0) continue;
            sb.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
        }
        return sb.ToString();
    }
}
