namespace Governance;

/// <summary>
/// The kinds of dataset a product exposes. The kind decides which <c>ALTER</c> statement sets policies and tags on the
/// dataset: a materialized view's are set with <c>ALTER VIEW</c>, an external table's with <c>ALTER TABLE</c>.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum DatasetKind
{
    /// <summary>A table (<c>TABLE</c>).</summary>
    Table,
    /// <summary>A view (<c>VIEW</c>).</summary>
    View,
    /// <summary>A materialized view (<c>MATERIALIZED VIEW</c>).</summary>
    MaterializedView,
    /// <summary>A dynamic table (<c>DYNAMIC TABLE</c>).</summary>
    DynamicTable,
    /// <summary>An Apache Iceberg table (<c>ICEBERG TABLE</c>).</summary>
    IcebergTable,
    /// <summary>An external table (<c>EXTERNAL TABLE</c>).</summary>
    ExternalTable,
}
