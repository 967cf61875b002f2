using System.CommandLine;
using System.Data.Common;
using Governance.Reporting;
using Governance.State;
using Governance.Rules;

namespace Governance.Cli;

/// <summary>
/// <c>governance state export</c>: reads what exists in an account for what the tool manages — the tags and policies of
/// its schemas, their references, the tag assignments on the snapshot's datasets — and writes it as a state file
/// (<c>governance.state/v1</c>), so that a change can be planned and reviewed offline. The drift findings (GOV9018,
/// GOV9019) go to stderr. Exit 0; 2 on input errors and on a connection or a query that fails.
/// <c>governance state drift FILE</c>: the drift findings of a state file, on stdout. Exit 0, 1 when a finding is an
/// error (GOV9020); 2 when the file is not a
/// valid state file (GOV9017: the file, line, JSON path and what was expected).
/// </summary>
internal static class StateCommand
{
    private const string ExportExample = "governance state export --emulator acme.duckdb --out acme.state.json";
    private const string ConnectionExample = "governance state export mesh.snapshot.json --pack acme-global.rulepack.json --connection-string \"account=acme;user=deployer;authenticator=externalbrowser\" --provider-assembly lib/Snowflake.Data.dll --out acme.state.json";
    private const string DriftExample = "governance state drift acme.state.json";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new GovernanceCommand("state", "The account's governance state: what exists for what the tool manages (export it to a state file, list its drift).")
        {
            Examples = new[] { ExportExample, ConnectionExample, DriftExample },
        };
        command.Subcommands.Add(Export(stdout, stderr));
        command.Subcommands.Add(Drift(stdout, stderr));
        return command;
    }

    // `governance state export`: the account's state as a state file.
    private static Command Export(TextWriter stdout, TextWriter stderr)
    {
        var snapshots = Inputs.SnapshotArgument();
        var packs = Inputs.PackOption();
        var connectionString = new Option<string?>("--connection-string") { Description = "The account's ADO.NET connection string (with --provider-assembly); its secrets never appear in any output.", HelpName = "CONNECTION" };
        var provider = new Option<string?>("--provider-assembly") { Description = "The ADO.NET provider's assembly, such as Snowflake.Data.dll: its DbProviderFactory opens the connection.", HelpName = "DLL" };
        var emulator = new Option<string?>("--emulator") { Description = "An emulated account: a DuckDB file, created empty when missing; the snapshot's datasets and the tool's schemas are created in it.", HelpName = "FILE.duckdb" };
        var output = new Option<string?>("--out") { Description = "Write the state file here instead of stdout.", HelpName = "FILE" };
        var command = new GovernanceCommand("export", "Read the account's governance state (tags, policies, references, tag assignments) and write it as a state file. With neither snapshots nor packs, reads the datasets of the bundled Acme example.")
        {
            Examples = new[] { ExportExample, ConnectionExample },
        };
        command.Arguments.Add(snapshots);
        foreach (var o in new Option[] { packs, connectionString, provider, emulator, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var input = Inputs.Load(parse.GetValue(snapshots) ?? Array.Empty<string>(), parse.GetValue(packs) ?? Array.Empty<string>(), stderr);
            var scope = StateScope.For(input.Snapshot);
            var secrets = parse.GetValue(connectionString);
            var (state, source) = AccountConnection.Use(secrets, parse.GetValue(provider), parse.GetValue(emulator), input.Snapshot, scope,
                (connection, name) => (Read(connection, scope, name, secrets), name));
            var json = StateFile.Write(state);
            var path = parse.GetValue(output);
            Output.Text(json, path, stdout, stderr);
            var drift = StateDrift.Findings(state);
            foreach (var f in drift) stderr.WriteLine(Names.Of(f.Severity) + " " + f.Id + " " + f.Target + ": " + f.Message);
            stderr.WriteLine("read " + Display.Count(state.Tags.Count, "tag") + ", " + Display.Count(state.MaskingPolicies.Count, "masking policy", "masking policies") + ", "
                + Display.Count(state.RowAccessPolicies.Count, "row access policy", "row access policies") + ", "
                + Display.Count(state.ColumnMasking.Count + state.RowAccess.Count + state.TagMasking.Count, "policy reference") + " and "
                + Display.Count(state.TagAssignments.Count, "tag assignment") + " from " + source + ": " + Display.Count(drift.Count, "drift finding"));
            return GovernanceCli.Ok;
        });
        return command;
    }

    // `governance state drift FILE`: the drift report of a state file, offline.
    private static Command Drift(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("state") { Description = "A state file (governance.state/v1) written by `governance state export`.", HelpName = "STATE" };
        var command = new GovernanceCommand("drift", "List what a state file shows was made by hand in the tool's schemas and on what it manages (GOV9018 … GOV9021); exit 1 when one is an error.")
        {
            Examples = new[] { DriftExample },
        };
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var state = StateFile.ReadFile(parse.GetValue(file)!);
            var drift = StateDrift.Findings(state);
            foreach (var f in drift) stdout.WriteLine(Names.Of(f.Severity) + " " + f.Id + " " + f.Target + ": " + f.Message);
            stdout.Flush();
            stderr.WriteLine(Display.Count(drift.Count, "drift finding") + " in " + Display.Count(state.Tags.Count, "tag") + ", "
                + Display.Count(state.MaskingPolicies.Count + state.RowAccessPolicies.Count, "policy", "policies") + " and "
                + Display.Count(state.ColumnMasking.Count + state.RowAccess.Count + state.TagMasking.Count, "policy reference"));
            return drift.Any(f => f.Severity == Severity.Error) ? GovernanceCli.Violations : GovernanceCli.Ok;
        });
        return command;
    }

    private static AccountState Read(DbConnection connection, StateScope scope, string source, string? connectionString)
    {
        try
        {
            return StateReader.ReadStateAsync(connection, scope).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is StateReadException or DbException)
        {
            throw new UsageException("cannot read the state of " + source + ": " + AccountConnection.Redact(AccountConnection.Message(e), connectionString));
        }
        catch (Exception e) when (e is not UsageException)
        {
            // An internal error, with nothing of the connection string in it (the original is not kept: GOVERNANCE_DEBUG prints inner exceptions).
            throw new InvalidOperationException(AccountConnection.Redact(e.Message, connectionString));
        }
    }
}
