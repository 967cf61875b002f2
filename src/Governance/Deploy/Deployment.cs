using System.Data.Common;
using System.Globalization;
using Governance.Snowflake;
using Governance.State;

namespace Governance.Deploy;

/// <summary>A statement of a run: its 1-based number, how many the run has, its text, and whether it has run.</summary>
/// <param name="Number">The statement's 1-based number in the run.</param>
/// <param name="Count">How many statements the run has.</param>
/// <param name="Statement">The statement's SQL text.</param>
/// <param name="Done">False just before the statement runs, true once it has run.</param>
public sealed record ApplyStep(int Number, int Count, string Statement, bool Done);

/// <summary>A plan made against another state than the account now holds: plan again.</summary>
public sealed class StalePlanException : Exception
{
    /// <summary>An exception with <paramref name="message"/>, which says what changed.</summary>
    public StalePlanException(string message) : base(message) { }
}

/// <summary>
/// A plan whose findings hold an error (GOV9020: a tag of the tool's schema takes several values per object): the state
/// is not one the plan can make safe, and nothing is run. <see cref="Exception.Message"/> lists the errors.
/// </summary>
public sealed class UnsafePlanException : Exception
{
    /// <summary>An exception with <paramref name="message"/>, which lists the error findings.</summary>
    public UnsafePlanException(string message) : base(message) { }
}

/// <summary>
/// A statement of a run that failed: its number, its text and the server's message. The statements before it have run
/// (each committed on its own); read the state again and plan again to finish — every step is safe to repeat.
/// </summary>
public sealed class ApplyException : Exception
{
    /// <summary>Statement <paramref name="number"/> failed; the message is <c>statement N failed: </c> and the server's message.</summary>
    /// <param name="number">The statement's 1-based number.</param>
    /// <param name="statement">The statement's SQL text.</param>
    /// <param name="serverMessage">The server's message.</param>
    /// <param name="inner">The driver's exception, if any.</param>
    public ApplyException(int number, string statement, string serverMessage, Exception? inner = null)
        : base("statement " + number.ToString(CultureInfo.InvariantCulture) + " failed: " + serverMessage, inner)
    {
        Number = number; Statement = statement; ServerMessage = serverMessage;
    }

    /// <summary>The failed statement's 1-based number in the run.</summary>
    public int Number { get; }
    /// <summary>The failed statement's SQL text.</summary>
    public string Statement { get; }
    /// <summary>The server's message.</summary>
    public string ServerMessage { get; }
}

/// <summary>
/// Deploys the rule packs over any ADO.NET connection — Snowflake's driver or the emulated account — with one code
/// path: read the state (<see cref="ReadStateAsync"/>), plan the smallest safe change (<see cref="PlanAsync"/>), run it
/// statement by statement (<see cref="ApplyAsync"/>).
/// </summary>
public static class Deployment
{
    /// <summary>What the account holds for what <paramref name="desired"/> covers (<see cref="StateReader.ReadStateAsync"/>).</summary>
    public static Task<AccountState> ReadStateAsync(DbConnection connection, DesiredState desired, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(desired);
        return StateReader.ReadStateAsync(connection, desired.Scope, cancellationToken);
    }

    /// <summary>Reads the account's state and plans the change to <paramref name="desired"/>.</summary>
    public static async Task<ChangePlan> PlanAsync(DbConnection connection, DesiredState desired, CancellationToken cancellationToken = default)
    {
        var state = await ReadStateAsync(connection, desired, cancellationToken).ConfigureAwait(false);
        return ChangePlanner.Plan(desired, state);
    }

    /// <summary>
    /// Runs <paramref name="plan"/> on the account: refuses a plan whose findings hold an error (<see cref="UnsafePlanException"/>);
    /// reads the account's state again first and refuses (<see cref="StalePlanException"/>)
    /// when it is not the state the plan was made against; then runs each statement in order, reporting each before and
    /// after it runs. Before a policy is dropped, <c>POLICY_REFERENCES</c> must show nothing left on it. Stops at the
    /// first failure (<see cref="ApplyException"/>: the statement and the server's message).
    /// </summary>
    public static async Task ApplyAsync(DbConnection connection, ChangePlan plan, IProgress<ApplyStep>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(plan);
        var errors = plan.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Id + " " + f.Target + ": " + f.Message).ToList();
        if (errors.Count > 0) throw new UnsafePlanException("the account's state has " + errors.Count.ToString(CultureInfo.InvariantCulture) + " error finding(s), nothing was run: " + string.Join("; ", errors));
        var now = await StateReader.ReadStateAsync(connection, plan.Base.Scope, cancellationToken).ConfigureAwait(false);
        if (now != plan.Base)
            throw new StalePlanException("the account's state changed since the plan was made: plan again");
        var count = plan.Statements.Count;
        for (var i = 0; i < count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var op = plan.Statements[i];
            var sql = SqlGenerator.Generate(op);
            progress?.Report(new ApplyStep(i + 1, count, sql, false));
            if (op.Accept(DroppedPolicy.Instance) is { } policy)
            {
                var references = await CountAsync(connection, StateQueries.PolicyReferencesOfPolicy(policy), i + 1, cancellationToken).ConfigureAwait(false);
                if (references > 0)
                    throw new ApplyException(i + 1, sql, "policy `" + policy + "` is still set on " + references.ToString(CultureInfo.InvariantCulture)
                        + " object(s) (POLICY_REFERENCES): not dropped");
            }
            await ExecuteAsync(connection, sql, i + 1, cancellationToken).ConfigureAwait(false);
            progress?.Report(new ApplyStep(i + 1, count, sql, true));
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, int number, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw new ApplyException(number, sql, e.Message.Trim(), e);
        }
    }

    private static async Task<int> CountAsync(DbConnection connection, string sql, int number, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) rows++;
            return rows;
        }
        catch (DbException e)
        {
            throw new ApplyException(number, sql, e.Message.Trim(), e);
        }
    }

    /// <summary>The policy a statement drops, or null.</summary>
    private sealed class DroppedPolicy : IOperationVisitor<SchemaObjectName?>
    {
        public static readonly DroppedPolicy Instance = new();

        public SchemaObjectName? Visit(DropMaskingPolicy operation) => operation.Name;
        public SchemaObjectName? Visit(DropRowAccessPolicy operation) => operation.Name;

        public SchemaObjectName? Visit(UseRole operation) => null;
        public SchemaObjectName? Visit(SetQuotedIdentifiersCaseSensitive operation) => null;
        public SchemaObjectName? Visit(CreateTag operation) => null;
        public SchemaObjectName? Visit(AddTagAllowedValues operation) => null;
        public SchemaObjectName? Visit(DropTagAllowedValues operation) => null;
        public SchemaObjectName? Visit(UnsetTagAllowedValues operation) => null;
        public SchemaObjectName? Visit(CreateMaskingPolicy operation) => null;
        public SchemaObjectName? Visit(SetMaskingPolicyBody operation) => null;
        public SchemaObjectName? Visit(SetColumnMaskingPolicy operation) => null;
        public SchemaObjectName? Visit(UnsetColumnMaskingPolicy operation) => null;
        public SchemaObjectName? Visit(SetTagMaskingPolicy operation) => null;
        public SchemaObjectName? Visit(UnsetTagMaskingPolicy operation) => null;
        public SchemaObjectName? Visit(CreateRowAccessPolicy operation) => null;
        public SchemaObjectName? Visit(SetRowAccessPolicyBody operation) => null;
        public SchemaObjectName? Visit(AddRowAccessPolicy operation) => null;
        public SchemaObjectName? Visit(DropTableRowAccessPolicy operation) => null;
        public SchemaObjectName? Visit(SwapRowAccessPolicy operation) => null;
        public SchemaObjectName? Visit(SetTag operation) => null;
        public SchemaObjectName? Visit(UnsetTag operation) => null;
        public SchemaObjectName? Visit(DropTag operation) => null;
    }
}
