using Governance.Snapshots;

namespace Governance.Import;

/// <summary>
/// Something an importer reads: dbt artifacts (<see cref="DbtSource"/>), ODCS contracts (<see cref="OdcsSource"/>),
/// or the Snowflake catalog (<see cref="SnowflakeCatalogFiles"/>, <see cref="SnowflakeCatalogConnection"/>). Each
/// source says how it reads; <see cref="SnapshotImport.Import"/> is the one way to turn any of them into a snapshot.
/// </summary>
public abstract class ImportSource
{
    private protected ImportSource() { }

    /// <summary>The GOV9xxx ID of this kind of source's input errors.</summary>
    public abstract string GovId { get; }

    /// <summary>Reads the source into a snapshot (not yet validated), reporting what it leaves out as warnings.</summary>
    internal abstract MetadataSnapshot Read(ImportLog log);
}

/// <summary>Something an importer left out or read with a caveat; the import still succeeded.</summary>
public sealed class ImportWarning
{
    internal ImportWarning(string govId, string file, string? path, long? line, string message)
    {
        GovId = govId; File = file; Path = path; Line = line; Message = message;
    }

    public string GovId { get; }
    public string File { get; }
    public string? Path { get; }
    public long? Line { get; }
    public string Message { get; }

    /// <summary><c>file:line: path: message</c>, as input errors are written.</summary>
    public override string ToString()
    {
        var where = File;
        if (Line is { } l) where += ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(Path)) where += ": " + Path;
        return where + ": " + Message;
    }
}

/// <summary>An imported snapshot and the warnings of its import.</summary>
public sealed class ImportResult
{
    internal ImportResult(MetadataSnapshot snapshot, IReadOnlyList<ImportWarning> warnings)
    {
        Snapshot = snapshot; Warnings = warnings;
    }

    public MetadataSnapshot Snapshot { get; }
    public IReadOnlyList<ImportWarning> Warnings { get; }
}

/// <summary>Collects an import's warnings and reports its progress.</summary>
internal sealed class ImportLog(IProgress<string>? progress)
{
    private readonly List<ImportWarning> _warnings = new();

    public IReadOnlyList<ImportWarning> Warnings => _warnings;

    public void Warn(string govId, string file, string? path, long? line, string message) => _warnings.Add(new ImportWarning(govId, file, path, line, message));

    public void Progress(string message) => progress?.Report(message);
}

/// <summary>The one entry point of every importer.</summary>
public static class SnapshotImport
{
    /// <summary>
    /// Reads <paramref name="source"/> into a metadata snapshot and validates it with <see cref="SnapshotValidator"/>,
    /// exactly as <see cref="SnapshotReader"/> validates a snapshot file; a problem is reported at the source object
    /// (file, path, line) with the source's GOV ID. <paramref name="progress"/> hears about large inputs.
    /// </summary>
    /// <exception cref="GovernanceInputException">The source cannot be read, or what it describes is not a valid snapshot.</exception>
    public static ImportResult Import(ImportSource source, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var log = new ImportLog(progress);
        var snapshot = source.Read(log);
        SnapshotValidator.Validate(snapshot, source.GovId);
        return new ImportResult(snapshot, log.Warnings);
    }
}
