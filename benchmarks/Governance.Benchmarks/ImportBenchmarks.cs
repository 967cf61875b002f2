using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Governance.Import;
using Governance.Snapshots;

namespace Governance.Benchmarks;

/// <summary>
/// A deterministic dbt manifest (schema v12, Snowflake adapter) of N columns, shaped like a real one: 20 documented
/// columns per model with types, tags and meta, and per node the SQL, compiled SQL, config, refs and checksum dbt writes
/// (about 1.5 KB of text besides the columns), written to a temporary file.
/// </summary>
public static class SyntheticManifest
{
    public const int ColumnsPerModel = 20;

    public static string Write(int columns)
    {
        var path = Path.Combine(Path.GetTempPath(), "governance-bench-manifest-" + columns.ToString(CultureInfo.InvariantCulture) + ".json");
        if (File.Exists(path)) return path;
        using (var stream = new FileStream(path + ".tmp", FileMode.Create))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteString("dbt_schema_version", "https://schemas.getdbt.com/dbt/manifest/v12.json");
            w.WriteString("dbt_version", "1.10.0");
            w.WriteString("project_name", "mesh");
            w.WriteString("adapter_type", "snowflake");
            w.WriteEndObject();
            w.WriteStartObject("nodes");
            var sql = new string('x', 600);
            for (var m = 0; m * ColumnsPerModel < columns; m++)
            {
                var name = "model_" + m.ToString(CultureInfo.InvariantCulture);
                var schema = "schema_" + (m / 200).ToString(CultureInfo.InvariantCulture);
                var id = "model.mesh." + name;
                w.WriteStartObject(id);
                w.WriteString("database", "analytics");
                w.WriteString("schema", schema);
                w.WriteString("name", name);
                w.WriteString("resource_type", "model");
                w.WriteString("package_name", "mesh");
                w.WriteString("path", "marts/" + name + ".sql");
                w.WriteString("original_file_path", "models/marts/" + name + ".sql");
                w.WriteString("unique_id", id);
                w.WriteString("alias", name);
                w.WriteStartObject("checksum");
                w.WriteString("name", "sha256");
                w.WriteString("checksum", new string('0', 64));
                w.WriteEndObject();
                w.WriteStartObject("config");
                w.WriteBoolean("enabled", true);
                w.WriteString("materialized", m % 3 == 0 ? "view" : "table");
                w.WriteStartArray("tags");
                w.WriteStringValue("nightly");
                w.WriteEndArray();
                w.WriteStartObject("meta");
                w.WriteString("owner", "team-" + (m % 7).ToString(CultureInfo.InvariantCulture) + "@acme.example");
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartArray("tags");
                w.WriteStringValue("nightly");
                w.WriteEndArray();
                w.WriteString("description", "Model " + name + " of the synthetic benchmark project.");
                w.WriteStartObject("columns");
                for (var c = 0; c < ColumnsPerModel && m * ColumnsPerModel + c < columns; c++)
                {
                    var column = "column_" + c.ToString(CultureInfo.InvariantCulture);
                    w.WriteStartObject(column);
                    w.WriteString("name", column);
                    w.WriteString("description", "Column " + column + " of " + name + ".");
                    w.WriteString("data_type", (c % 4) switch { 0 => "number(38,0)", 1 => "varchar(256)", 2 => "timestamp_ntz", _ => "boolean" });
                    w.WriteNull("quote");
                    w.WriteStartArray("constraints");
                    w.WriteEndArray();
                    w.WriteStartObject("config");
                    w.WriteStartObject("meta");
                    if (c % 5 == 0) w.WriteString("sensitivity", "internal");
                    w.WriteEndObject();
                    w.WriteStartArray("tags");
                    if (c % 10 == 1) w.WriteStringValue("pii:email");
                    w.WriteEndArray();
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteString("relation_name", "analytics." + schema + "." + name);
                w.WriteString("raw_code", sql);
                w.WriteString("compiled_code", sql);
                w.WriteStartArray("refs");
                w.WriteEndArray();
                w.WriteStartObject("depends_on");
                w.WriteStartArray("nodes");
                if (m > 0) w.WriteStringValue("model.mesh.model_" + (m - 1).ToString(CultureInfo.InvariantCulture));
                w.WriteEndArray();
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartObject("sources");
            w.WriteEndObject();
            w.WriteEndObject();
        }
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }
}

/// <summary>Imports a dbt manifest of N columns from its file: columns/s = Columns / mean; Allocated is per import.</summary>
[MemoryDiagnoser]
public class DbtImport
{
    private string _manifest = "";

    [Params(10_000, 100_000)]
    public int Columns { get; set; }

    [GlobalSetup]
    public void Setup() => _manifest = SyntheticManifest.Write(Columns);

    [Benchmark]
    public MetadataSnapshot Import() => SnapshotImport.Import(new DbtSource(_manifest)).Snapshot;
}

/// <summary>
/// <c>--import-memory [N …]</c>: what importing a manifest of N columns holds at once. The managed heap is sampled
/// every millisecond during the import (its peak above the heap before, which held nothing of the manifest) and set
/// against the file's size and against the heap a whole-file <see cref="JsonDocument"/> of it needs.
/// </summary>
public static class ImportMemory
{
    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(a => int.Parse(a, NumberStyles.Integer, CultureInfo.InvariantCulture)).ToArray() : new[] { 10_000, 100_000 };
        Console.WriteLine("| columns | manifest bytes | import ms | peak heap during import (bytes) | peak / manifest | resident snapshot (bytes) | whole-file JsonDocument (bytes) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var columns in sizes)
        {
            var path = SyntheticManifest.Write(columns);
            var bytes = new FileInfo(path).Length;
            SnapshotImport.Import(new DbtSource(path)); // warm-up: JIT, type loading

            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            var peak = baseline;
            var done = false;
            var sampler = new Thread(() =>
            {
                while (!Volatile.Read(ref done))
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(false));
                    Thread.Sleep(1);
                }
            });
            sampler.Start();
            var snapshot = SnapshotImport.Import(new DbtSource(path)).Snapshot;
            Volatile.Write(ref done, true);
            sampler.Join();
            var resident = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            GC.KeepAlive(snapshot);

            // Timed apart from the sampled run (the sampler slows it down).
            var clock = Stopwatch.StartNew();
            GC.KeepAlive(SnapshotImport.Import(new DbtSource(path)).Snapshot);
            clock.Stop();

            var before = GC.GetTotalMemory(forceFullCollection: true);
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var whole = GC.GetTotalMemory(forceFullCollection: true) - before;
            GC.KeepAlive(document);

            Console.WriteLine(FormattableString.Invariant(
                $"| {columns:N0} | {bytes:N0} | {clock.Elapsed.TotalMilliseconds:0} | {peak - baseline:N0} | {(peak - baseline) / (double)bytes:0.00} | {resident:N0} | {whole:N0} |"));
        }
        return 0;
    }
}
