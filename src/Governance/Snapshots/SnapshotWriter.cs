using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Governance.Snapshots;

/// <summary>
/// Writes metadata snapshots as deterministic JSON: indented by two spaces, <c>\n</c> line ends, fields in the
/// documented order (<c>format</c> first), tags in <see cref="TagSet"/> order, optional fields omitted when unset
/// (an importer's <c>source</c> after the tags),
/// <c>nullable</c> only when false, types in their normalized form. <see cref="SnapshotReader"/> reads it back to an
/// equal snapshot.
/// </summary>
public static class SnapshotWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 2,
        NewLine = "\n",
        // Names stay readable (é, <, + are written as they are); quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The writer flushes to the stream when this many bytes are pending, so a large snapshot is not buffered whole.</summary>
    private const int FlushThreshold = 32 * 1024;

    private static readonly JsonEncodedText Format = JsonEncodedText.Encode("format");
    private static readonly JsonEncodedText TakenAt = JsonEncodedText.Encode("takenAt");
    private static readonly JsonEncodedText Roles = JsonEncodedText.Encode("roles");
    private static readonly JsonEncodedText Inherits = JsonEncodedText.Encode("inherits");
    private static readonly JsonEncodedText Domains = JsonEncodedText.Encode("domains");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Owner = JsonEncodedText.Encode("owner");
    private static readonly JsonEncodedText Products = JsonEncodedText.Encode("products");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText Database = JsonEncodedText.Encode("database");
    private static readonly JsonEncodedText Schema = JsonEncodedText.Encode("schema");
    private static readonly JsonEncodedText Tags = JsonEncodedText.Encode("tags");
    private static readonly JsonEncodedText Datasets = JsonEncodedText.Encode("datasets");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Columns = JsonEncodedText.Encode("columns");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText Nullable = JsonEncodedText.Encode("nullable");
    private static readonly JsonEncodedText Sources = JsonEncodedText.Encode("sources");
    private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
    private static readonly JsonEncodedText SourcePath = JsonEncodedText.Encode("path");
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");

    /// <summary>Writes <paramref name="snapshot"/> as UTF-8 JSON, ending with a newline.</summary>
    public static void Write(MetadataSnapshot snapshot, Stream utf8)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(utf8);
        using (var w = new Utf8JsonWriter(utf8, Options))
        {
            w.WriteStartObject();
            w.WriteString(Format, MetadataSnapshot.FormatV1);
            if (snapshot.TakenAt is { } takenAt) w.WriteString(TakenAt, FormatTime(takenAt));

            w.WriteStartArray(Roles);
            foreach (var role in snapshot.Roles)
            {
                w.WriteStartObject();
                w.WriteString(Name, role.Name);
                if (role.Inherits.Count > 0)
                {
                    w.WriteStartArray(Inherits);
                    foreach (var parent in role.Inherits) w.WriteStringValue(parent);
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray(Domains);
            foreach (var domain in snapshot.Domains)
            {
                w.WriteStartObject();
                w.WriteString(Name, domain.Name);
                if (domain.Owner != null) w.WriteString(Owner, domain.Owner);
                w.WriteStartArray(Products);
                foreach (var product in domain.Products) WriteProduct(w, product);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteEndObject();
            w.Flush();
        }
        utf8.WriteByte((byte)'\n');
    }

    /// <summary>The snapshot as JSON text (what <see cref="Write"/> writes).</summary>
    public static string ToJson(MetadataSnapshot snapshot)
    {
        using var stream = new MemoryStream();
        Write(snapshot, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, checked((int)stream.Length));
    }

    /// <summary>ISO-8601 with the offset kept; <c>Z</c> for UTC; fractional seconds only when present.</summary>
    internal static string FormatTime(DateTimeOffset value)
    {
        var text = value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        return value.Offset == TimeSpan.Zero ? text + "Z" : text + value.ToString("zzz", CultureInfo.InvariantCulture);
    }

    private static void WriteProduct(Utf8JsonWriter w, DataProduct product)
    {
        w.WriteStartObject();
        w.WriteString(Name, product.Name);
        if (product.Version != null) w.WriteString(Version, product.Version);
        if (product.Owner != null) w.WriteString(Owner, product.Owner);
        w.WriteString(Database, product.Database);
        w.WriteString(Schema, product.Schema);
        WriteTags(w, product.Tags);
        WriteSource(w, product.Source);
        w.WriteStartArray(Datasets);
        foreach (var dataset in product.Datasets)
        {
            w.WriteStartObject();
            w.WriteString(Name, dataset.Name);
            w.WriteString(Kind, dataset.Kind.ToJson());
            WriteTags(w, dataset.Tags);
            if (dataset.Sources is { } sources)
            {
                w.WriteStartArray(Sources);
                foreach (var source in sources) w.WriteStringValue(source);
                w.WriteEndArray();
            }
            WriteSource(w, dataset.Source);
            w.WriteStartArray(Columns);
            foreach (var column in dataset.Columns)
            {
                w.WriteStartObject();
                w.WriteString(Name, column.Name);
                w.WriteString(Type, column.Type.Text);
                if (!column.Nullable) w.WriteBoolean(Nullable, false);
                WriteTags(w, column.Tags);
                WriteSource(w, column.Source);
                w.WriteEndObject();
                if (w.BytesPending > FlushThreshold) w.Flush();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Where an importer found the object: <c>source</c> with <c>file</c>, then <c>path</c>, <c>line</c>, <c>name</c> when
    /// known (the JSON report writes a finding's the same way).</summary>
    internal static void WriteSource(Utf8JsonWriter w, SourceLocation? source)
    {
        if (source is null) return;
        w.WriteStartObject(Source);
        w.WriteString(File, source.File);
        if (source.Path != null) w.WriteString(SourcePath, source.Path);
        if (source.Line is { } line) w.WriteNumber(Line, line);
        if (source.Name != null) w.WriteString(Name, source.Name);
        w.WriteEndObject();
    }

    private static void WriteTags(Utf8JsonWriter w, TagSet tags)
    {
        if (tags.Count == 0) return;
        w.WriteStartObject(Tags);
        foreach (var tag in tags.Items) w.WriteString(tag.Key, tag.Value);
        w.WriteEndObject();
    }
}
