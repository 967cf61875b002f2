namespace Governance;

/// <summary>The kinds of dataset a product exposes; each has its own <c>ALTER</c> keyword in Snowflake.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum DatasetKind { Table, View, MaterializedView, DynamicTable, IcebergTable, ExternalTable }
