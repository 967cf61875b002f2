using System.Data.Common;
using Governance.Simulation;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>The samples of docs/emulator.md: compiled here, checked verbatim against the page and run by <see cref="EmulatorGuideTests"/>.</summary>
internal static class EmulatorSamples
{
    // begin-snippet: emulator-open
    public static EmulatorConnection Open(string file, MetadataSnapshot snapshot, EvaluationResult result)
    {
        var account = new EmulatorConnection("Data Source=" + file); // created empty when missing
        account.Open();
        account.CreateDatasets(snapshot);                            // roles, databases, schemas, datasets with sample rows
        account.CreateEntitlementTables(snapshot, result);           // the mapping tables the row access rules read
        return account;
    }
    // end-snippet

    // begin-snippet: emulator-query
    // Plain ADO.NET: the same code runs against Snowflake's driver.
    public static List<string?> Column(DbConnection connection, string role, string table, string column)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "USE ROLE " + role;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT " + column + " FROM " + table;
        using var reader = command.ExecuteReader();
        var values = new List<string?>();
        while (reader.Read()) values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        return values;
    }
    // end-snippet
}
