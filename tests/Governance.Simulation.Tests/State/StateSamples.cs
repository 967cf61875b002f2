using System.Data.Common;
using Governance.State;

namespace Governance.Simulation.Tests.State;

/// <summary>The sample of docs/deploy.md: compiled here, checked verbatim against the page and run by <see cref="StateGuideTests"/>.</summary>
internal static class StateSamples
{
    // begin-snippet: state-export
    // Any open ADO.NET connection: Snowflake.Data's SnowflakeDbConnection, or the emulated account.
    public static async Task<AccountState> Export(DbConnection account, MetadataSnapshot snapshot, string file, TextWriter log)
    {
        var scope = StateScope.For(snapshot);                         // the tool's schemas and the snapshot's datasets
        var state = await StateReader.ReadStateAsync(account, scope); // SHOW, DESCRIBE, the Information Schema: live, read-only
        foreach (var finding in StateDrift.Findings(state))           // GOV9018, GOV9019: what was made by hand
            log.WriteLine(finding.Id + " " + finding.Target + ": " + finding.Message);
        File.WriteAllText(file, StateFile.Write(state));              // governance.state/v1: same state, same bytes
        return StateFile.ReadFile(file);                              // an equal state, read back
    }
    // end-snippet
}
