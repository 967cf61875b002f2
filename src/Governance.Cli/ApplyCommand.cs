using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Governance.Deploy;
using Governance.Reporting;
using Governance.Snowflake;
using Governance.State;
using Governance.Rules;
using Governance.Evaluation;

namespace Governance.Cli;

/// <summary>
/// Where the account's state comes from, for <c>plan</c> (a state file or an account) and <c>apply</c> (an account):
/// <c>--state FILE</c>, <c>--emulator FILE.duckdb</c>, or <c>--connection-string</c> (else the
/// <c>GOVERNANCE_CONNECTION</c> environment variable) with <c>--provider-assembly</c>.
/// </summary>
internal sealed class AccountOptions
{
    /// <summary>The environment variable that holds the connection string when <c>--connection-string</c> is not given.</summary>
    public const string ConnectionVariable = "GOVERNANCE_CONNECTION";

    public Option<string?> State { get; } = new("--state") { Description = "Plan the change from the account state in this file (written by `governance state export`) instead of writing the first-deploy script.", HelpName = "STATE" };
    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = "The account's ADO.NET connection string (with --provider-assembly; default: the GOVERNANCE_CONNECTION environment variable); its secrets never appear in any output.", HelpName = "CONNECTION" };
    public Option<string?> Provider { get; } = new("--provider-assembly") { Description = "The ADO.NET provider's assembly, such as Snowflake.Data.dll: its DbProviderFactory opens the connection.", HelpName = "DLL" };
    public Option<string?> Emulator { get; } = new("--emulator") { Description = "An emulated account: a DuckDB file, created empty when missing; the snapshot's datasets and the tool's schemas are created in it.", HelpName = "FILE.duckdb" };
    public Option<string?> Format { get; } = new("--format") { Description = "With an account or a state: text (one line per change, like terraform plan), sql (the statements) or json.", HelpName = "text|sql|json" };
    public Option<bool> Yes { get; } = new("--yes") { Description = "Apply without asking for confirmation." };

    public IEnumerable<Option> PlanOptions => new Option[] { State, Emulator, ConnectionString, Provider, Format };
    public IEnumerable<Option> ApplyOptions => new Option[] { Emulator, ConnectionString, Provider, Yes };

    /// <summary>True when the command plans against an account or a state file rather than writing the first-deploy script.</summary>
    public bool Requested(ParseResult parse)
        => parse.GetValue(State) is not null || parse.GetValue(Emulator) is not null || parse.GetValue(ConnectionString) is not null || parse.GetValue(Provider) is not null;

    /// <summary><c>--connection-string</c>, else <c>GOVERNANCE_CONNECTION</c> (unless an emulator is named); null when neither.</summary>
    public string? Connection(ParseResult parse)
    {
        if (parse.GetValue(ConnectionString) is { } given) return given;
        if (parse.GetValue(Emulator) is not null) return null;
        return Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }

    /// <summary>Opens the account the options name and runs <paramref name="use"/> on it (see <see cref="AccountConnection.Use"/>).</summary>
    public T Use<T>(ParseResult parse, Inputs input, EvaluationResult result, StateScope scope, Func<DbConnection, string, string?, T> use)
    {
        var secrets = Connection(parse);
        return AccountConnection.Use(secrets, parse.GetValue(Provider), parse.GetValue(Emulator), input.Snapshot, scope,
            (connection, source) => use(connection, source, secrets), result);
    }

    /// <summary>The account's state; a failing read is an input error (exit 2) with the server's message, secrets redacted.</summary>
    public static AccountState Read(DbConnection connection, StateScope scope, string source, string? secrets)
    {
        try
        {
            return StateReader.ReadStateAsync(connection, scope).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is StateReadException or DbException)
        {
            throw new UsageException("cannot read the state of " + source + ": " + AccountConnection.Redact(AccountConnection.Message(e), secrets));
        }
    }
}

/// <summary>
/// <c>governance plan … --state FILE | --emulator FILE | --connection-string …</c>: the smallest safe change from what the
/// account holds to what the rule packs want, like <c>terraform plan</c> (text), or its statements (<c>--format sql</c>),
/// or <c>--format json</c>. Exit 0 when there is nothing to do, 1 when there are changes, 2 on input errors.
/// </summary>
internal static class PlanChanges
{
    public static int Run(ParseResult parse, AccountOptions account, Inputs input, EvaluationResult result, PlanOptions options, string? output,
        TextWriter stdout, TextWriter stderr)
    {
        var format = parse.GetValue(account.Format) ?? "text";
        if (format is not ("text" or "sql" or "json")) throw new UsageException("`--format` must be text, sql or json, not `" + format + "`");
        var desired = Desired(input, result, options);
        var stateFile = parse.GetValue(account.State);
        AccountState state;
        string source;
        if (stateFile is not null)
        {
            if (parse.GetValue(account.Emulator) is not null || parse.GetValue(account.ConnectionString) is not null)
                throw new UsageException("name one account state: `--state FILE`, `--emulator FILE.duckdb` or `--connection-string …`");
            state = StateFile.ReadFile(stateFile);
            if (state.Scope != desired.Scope)
                throw new UsageException("state file `" + stateFile + "` covers other schemas or datasets than the snapshot and options: export it again with the same snapshots and `--policy-schema`/`--tag-schema`");
            source = "the state file `" + stateFile + "`";
        }
        else
        {
            (state, source) = account.Use(parse, input, result, desired.Scope, (connection, name, secrets) => (AccountOptions.Read(connection, desired.Scope, name, secrets), name));
        }
        var plan = ChangePlanner.Plan(desired, state);
        var text = format switch { "sql" => plan.ToSql(), "json" => plan.ToJson(), _ => plan.ToText() };
        Output.Text(text, output, stdout, stderr);
        Report(plan, desired, result, stderr, notes: format != "text");
        stderr.WriteLine("planned against " + source + ": " + (plan.IsEmpty ? "nothing to do" : plan.Counts + " (" + Display.Count(plan.Statements.Count, "statement") + ")"));
        return plan.IsEmpty ? GovernanceCli.Ok : GovernanceCli.Violations;
    }

    /// <summary>The desired state; input Snowflake cannot hold is an input error.</summary>
    public static DesiredState Desired(Inputs input, EvaluationResult result, PlanOptions options)
    {
        try
        {
            return DesiredState.Compile(input.Packs, input.Snapshot, result, options);
        }
        catch (SnowflakeCompileException e)
        {
            throw new UsageException("cannot compile to Snowflake SQL: " + e.Message);
        }
    }

    /// <summary>On stderr: the drift findings, the notes (when the output does not show them), the plan's and the checks' errors.</summary>
    public static void Report(ChangePlan plan, DesiredState desired, EvaluationResult result, TextWriter stderr, bool notes)
    {
        foreach (var f in plan.Findings.Concat(desired.Plan.Findings)) stderr.WriteLine(Names.Of(f.Severity) + " " + f.Id + " " + f.Target + ": " + f.Message);
        if (notes) foreach (var n in plan.Notes) stderr.WriteLine("note: " + n);
        var checkErrors = result.Findings.Count(f => !f.Waived && f.Severity == Severity.Error);
        if (checkErrors > 0)
            stderr.WriteLine("note: `governance check` reports " + Display.Count(checkErrors, "error finding") + " on these inputs; the plan enforces the rules as they are");
    }
}

/// <summary>
/// <c>governance apply</c>: plans the change against the account and runs it statement by statement — after showing it
/// and asking for confirmation (unless <c>--yes</c>); progress on stderr; the state is read again first and a plan made
/// against state that has since changed is refused; on an error it stops at once, naming the statement and the server's
/// message (exit 1), and running it again finishes the change. Exit 0 when applied or nothing to do, 1 when a statement
/// fails or the confirmation is not given, 2 on input errors.
/// </summary>
internal static class ApplyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string?> readLine)
    {
        var inputs = new PlanInputs();
        var account = new AccountOptions();
        var command = new GovernanceCommand("apply", "Plan the change from what the account holds to what the rule packs want and run it, statement by statement, over an ADO.NET connection or on an emulated account. With neither snapshots nor packs, applies the bundled Acme example.")
        {
            Examples = new[]
            {
                "governance apply --emulator acme.duckdb --yes                          # the bundled example, on an emulated account",
                "governance apply mesh.snapshot.json --pack acme-global.rulepack.json --provider-assembly lib/Snowflake.Data.dll   # GOVERNANCE_CONNECTION holds the connection string",
            },
        };
        var options = account.ApplyOptions.ToList();
        inputs.AddTo(command, options[0], options.Skip(1).ToArray());
        command.SetAction(parse =>
        {
            var (input, result, planOptions) = inputs.Load(parse, stderr);
            var desired = PlanChanges.Desired(input, result, planOptions);
            if (parse.GetValue(account.Emulator) is null && account.Connection(parse) is null)
                throw new UsageException("name the account: `--emulator FILE.duckdb`, or `--connection-string …` (or the " + AccountOptions.ConnectionVariable + " environment variable) with `--provider-assembly PATH`");
            return account.Use(parse, input, result, desired.Scope, (connection, source, secrets) =>
            {
                var state = AccountOptions.Read(connection, desired.Scope, source, secrets);
                var plan = ChangePlanner.Plan(desired, state);
                stdout.Write(plan.ToText());
                stdout.Flush();
                PlanChanges.Report(plan, desired, result, stderr, notes: false);
                var unsafeState = plan.Findings.Count(f => f.Severity == Severity.Error);
                if (unsafeState > 0)
                {
                    stderr.WriteLine("error: the state of " + source + " has " + Display.Count(unsafeState, "error finding") + " (listed above): nothing was applied");
                    return GovernanceCli.Violations;
                }
                if (plan.IsEmpty)
                {
                    stderr.WriteLine("nothing to do: " + source + " matches the rule packs");
                    return GovernanceCli.Ok;
                }
                if (!parse.GetValue(account.Yes))
                {
                    stderr.Write("Apply " + Display.Count(plan.Changes.Count, "change") + " (" + Display.Count(plan.Statements.Count, "statement") + ") to " + source + "? Only `yes` is accepted: ");
                    stderr.Flush();
                    if (!string.Equals(readLine()?.Trim(), "yes", StringComparison.Ordinal))
                    {
                        stderr.WriteLine("apply cancelled: nothing was changed");
                        return GovernanceCli.Violations;
                    }
                }
                return Apply(connection, plan, desired, source, secrets, stderr);
            });
        });
        return command;
    }

    private static int Apply(DbConnection connection, ChangePlan plan, DesiredState desired, string source, string? secrets, TextWriter stderr)
    {
        var progress = new StderrProgress(stderr);
        try
        {
            Deployment.ApplyAsync(connection, plan, progress).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is StalePlanException or UnsafePlanException)
        {
            stderr.WriteLine("error: " + e.Message + "; nothing was changed");
            return GovernanceCli.Violations;
        }
        catch (ApplyException e)
        {
            stderr.WriteLine("error: statement " + e.Number.ToString(CultureInfo.InvariantCulture) + " of " + plan.Statements.Count.ToString(CultureInfo.InvariantCulture) + " failed:");
            foreach (var line in e.Statement.Split('\n')) stderr.WriteLine("  " + line);
            stderr.WriteLine("the server says: " + AccountConnection.Redact(e.ServerMessage, secrets));
            stderr.WriteLine("the statements before it are applied (each commits on its own); run `governance apply` again to finish: it reads the state again and plans what is left");
            return GovernanceCli.Violations;
        }
        catch (Exception e) when (e is StateReadException or DbException)
        {
            stderr.WriteLine("error: cannot read the state of " + source + " again: " + AccountConnection.Redact(AccountConnection.Message(e), secrets) + "; nothing was changed");
            return GovernanceCli.Violations;
        }
        var after = ChangePlanner.Plan(desired, AccountOptions.Read(connection, desired.Scope, source, secrets));
        if (!after.IsEmpty)
        {
            stderr.WriteLine("error: applied " + Display.Count(plan.Statements.Count, "statement") + ", but " + source + " still differs: " + after.Counts);
            return GovernanceCli.Violations;
        }
        var inv = CultureInfo.InvariantCulture;
        stderr.WriteLine("applied " + Display.Count(plan.Statements.Count, "statement") + " to " + source + ": " + plan.Count(ChangeAction.Create).ToString(inv) + " created, "
            + plan.Count(ChangeAction.Change).ToString(inv) + " changed, " + plan.Count(ChangeAction.Replace).ToString(inv) + " replaced, " + plan.Count(ChangeAction.Remove).ToString(inv) + " removed");
        return GovernanceCli.Ok;
    }

    /// <summary><c>[3/12] ALTER MASKING POLICY … SET BODY -&gt;</c>: each statement's first line, before it runs.</summary>
    private sealed class StderrProgress(TextWriter stderr) : IProgress<ApplyStep>
    {
        public void Report(ApplyStep value)
        {
            if (value.Done) return;
            stderr.WriteLine("[" + value.Number.ToString(CultureInfo.InvariantCulture) + "/" + value.Count.ToString(CultureInfo.InvariantCulture) + "] " + value.Statement.Split('\n')[0]);
            stderr.Flush();
        }
    }
}
