using Governance.Snowflake;
using Governance.State;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Deploy;

/// <summary>A tag the rule packs want: its allowed values in the board's order (empty: any value) and its comment.</summary>
/// <param name="Name">The tag's name.</param>
/// <param name="AllowedValues">The allowed values in the board's order; empty: any value.</param>
/// <param name="Comment">The tag's comment (with the tool's <c>governance:</c> marker); null for none.</param>
public sealed record DesiredTag(SchemaObjectName Name, ValueList<string> AllowedValues, string? Comment);

/// <summary>A masking or row access policy the rule packs want, under its stable name (<c>MP_…</c>, <c>RAP_…</c>).</summary>
/// <param name="Kind">Masking or row access.</param>
/// <param name="Name">The policy's stable name.</param>
/// <param name="Signature">The policy's arguments.</param>
/// <param name="Body">The policy's body.</param>
/// <param name="Comment">The policy's comment; null for none.</param>
/// <param name="ExemptOtherPolicies">True for a masking policy created with <c>EXEMPT_OTHER_POLICIES = TRUE</c>.</param>
public sealed record DesiredPolicy(PolicyKind Kind, SchemaObjectName Name, PolicySignature Signature, PolicyExpression Body, string? Comment, bool ExemptOtherPolicies)
{
    /// <summary>The return type as the state holds it: the first argument's type for a masking policy, <c>BOOLEAN</c> for a row access policy.</summary>
    public string ReturnType => Kind == PolicyKind.Masking ? Signature.Arguments[0].Type.Text : SnowflakeType.Boolean.Text;

    /// <summary>The body as the generator writes it after <c>-&gt;</c>, trimmed as Snowflake stores it.</summary>
    public string BodyText => SqlGenerator.Body(Body).Trim();
}

/// <summary>A masking policy the rule packs set on a column, with the columns <c>USING</c> passes after it.</summary>
/// <param name="Kind">The dataset's kind: chooses the <c>ALTER</c> keyword.</param>
/// <param name="Dataset">The column's dataset.</param>
/// <param name="Column">The stored column name.</param>
/// <param name="Policy">The masking policy.</param>
/// <param name="ConditionColumns">The conditional columns <c>USING</c> passes after the masked one; empty for none.</param>
public sealed record DesiredColumnMasking(DatasetKind Kind, SchemaObjectName Dataset, string Column, SchemaObjectName Policy, ValueList<string> ConditionColumns);

/// <summary>A row access policy the rule packs add to a dataset, on its <c>ON</c> columns.</summary>
/// <param name="Kind">The dataset's kind: chooses the <c>ALTER</c> keyword.</param>
/// <param name="Dataset">The dataset.</param>
/// <param name="Policy">The row access policy.</param>
/// <param name="On">The stored names of the <c>ON</c> columns, in order.</param>
public sealed record DesiredRowAccess(DatasetKind Kind, SchemaObjectName Dataset, SchemaObjectName Policy, ValueList<string> On);

/// <summary>
/// What the account should hold for what the tool manages: the objects and attachments of the first-deploy plan
/// (<see cref="SnowflakePlan"/>) that the rule packs compile to for a snapshot, read through the plan's operations.
/// The planner (<see cref="ChangePlanner"/>) compares it with an <see cref="AccountState"/>.
/// </summary>
public sealed class DesiredState
{
    private DesiredState(SnowflakePlan plan, StateScope scope, Collector c)
    {
        Plan = plan;
        Scope = scope;
        Session = c.Session.ToArray();
        Tags = c.Tags.Values.OrderBy(t => t.Name.Name, StringComparer.Ordinal).ToArray();
        Policies = c.Policies.Values.OrderBy(p => p.Kind).ThenBy(p => p.Name.Name, StringComparer.Ordinal).ToArray();
        ColumnMasking = c.Columns.Values.ToArray();
        RowAccess = c.Rows.Values.ToArray();
        TagMasking = c.TagMasking.ToArray();
        TagAssignments = c.Assignments.Values.ToArray();
    }

    /// <summary>The first-deploy plan it was read from (its findings, options and inputs).</summary>
    public SnowflakePlan Plan { get; }
    /// <summary>The options of <see cref="Plan"/>.</summary>
    public PlanOptions Options => Plan.Options;
    /// <summary>What the account's state must cover to be compared with it: the tool's schemas and the snapshot's datasets.</summary>
    public StateScope Scope { get; }
    /// <summary>The statements every run starts with (<c>USE ROLE</c>, the session's identifier case).</summary>
    public IReadOnlyList<Operation> Session { get; }
    /// <summary>The tags, by name.</summary>
    public IReadOnlyList<DesiredTag> Tags { get; }
    /// <summary>The policies: masking policies, then row access policies, each by name.</summary>
    public IReadOnlyList<DesiredPolicy> Policies { get; }
    /// <summary>The masking policies set on columns, one per column, sorted by dataset and column.</summary>
    public IReadOnlyList<DesiredColumnMasking> ColumnMasking { get; }
    /// <summary>The row access policies added to datasets, one per dataset, sorted by dataset.</summary>
    public IReadOnlyList<DesiredRowAccess> RowAccess { get; }
    /// <summary>The masking policies set on tags (tag mode), in the plan's order.</summary>
    public IReadOnlyList<TagMaskingReference> TagMasking { get; }
    /// <summary>The tag values set on objects, one per (object, tag), sorted.</summary>
    public IReadOnlyList<TagAssignmentState> TagAssignments { get; }

    /// <summary>The desired state of the first-deploy plan of <paramref name="snapshot"/>.</summary>
    public static DesiredState From(SnowflakePlan plan, MetadataSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(snapshot);
        var collector = new Collector();
        foreach (var op in plan.Operations) op.Accept(collector);
        return new DesiredState(plan, StateScope.For(snapshot, plan.Options), collector);
    }

    /// <summary>Evaluates, plans and reads the desired state: <see cref="SnowflakePlanner.Plan"/> then <see cref="From"/>.</summary>
    public static DesiredState Compile(PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, PlanOptions? options = null)
        => From(SnowflakePlanner.Plan(packs, snapshot, result, options), snapshot);

    /// <summary>Reads what each operation of a first-deploy plan creates or attaches.</summary>
    private sealed class Collector : IOperationVisitor<bool>
    {
        public List<Operation> Session { get; } = new();
        public Dictionary<SchemaObjectName, DesiredTag> Tags { get; } = new();
        public Dictionary<SchemaObjectName, DesiredPolicy> Policies { get; } = new();
        public SortedDictionary<string, DesiredColumnMasking> Columns { get; } = new(StringComparer.Ordinal);
        public SortedDictionary<string, DesiredRowAccess> Rows { get; } = new(StringComparer.Ordinal);
        public List<TagMaskingReference> TagMasking { get; } = new();
        public SortedDictionary<string, TagAssignmentState> Assignments { get; } = new(StringComparer.Ordinal);

        public bool Visit(UseRole operation) { Session.Add(operation); return true; }
        public bool Visit(SetQuotedIdentifiersCaseSensitive operation) { Session.Add(operation); return true; }

        public bool Visit(CreateTag operation)
        {
            Tags[operation.Name] = new DesiredTag(operation.Name, new ValueList<string>(operation.AllowedValues), operation.Comment);
            return true;
        }

        public bool Visit(CreateMaskingPolicy operation)
        {
            Policies[operation.Name] = new DesiredPolicy(PolicyKind.Masking, operation.Name, operation.Signature, operation.Body, operation.Comment, operation.ExemptOtherPolicies);
            return true;
        }

        public bool Visit(CreateRowAccessPolicy operation)
        {
            Policies[operation.Name] = new DesiredPolicy(PolicyKind.RowAccess, operation.Name, operation.Signature, operation.Body, operation.Comment, false);
            return true;
        }

        public bool Visit(SetColumnMaskingPolicy operation)
        {
            Columns[ChangeKeys.Column(operation.Table, operation.Column)] = new DesiredColumnMasking(operation.Kind, operation.Table, operation.Column, operation.Policy,
                new ValueList<string>(operation.ConditionColumns));
            return true;
        }

        public bool Visit(SetTagMaskingPolicy operation)
        {
            foreach (var p in operation.Policies) TagMasking.Add(new TagMaskingReference(operation.Tag, p, null));
            return true;
        }

        public bool Visit(AddRowAccessPolicy operation)
        {
            Rows[ChangeKeys.Dataset(operation.Table)] = new DesiredRowAccess(operation.Kind, operation.Table, operation.Policy, new ValueList<string>(operation.Columns));
            return true;
        }

        public bool Visit(SetTag operation)
        {
            foreach (var t in operation.Tags)
                Assignments[ChangeKeys.Assignment(operation.Target, t.Tag)] = new TagAssignmentState(operation.Target, t.Tag, t.Value);
            return true;
        }

        // A first-deploy plan creates and attaches; it never alters, detaches or drops.
        public bool Visit(AddTagAllowedValues operation) => NotFirstDeploy(operation);
        public bool Visit(DropTagAllowedValues operation) => NotFirstDeploy(operation);
        public bool Visit(UnsetTagAllowedValues operation) => NotFirstDeploy(operation);
        public bool Visit(SetMaskingPolicyBody operation) => NotFirstDeploy(operation);
        public bool Visit(UnsetColumnMaskingPolicy operation) => NotFirstDeploy(operation);
        public bool Visit(UnsetTagMaskingPolicy operation) => NotFirstDeploy(operation);
        public bool Visit(SetRowAccessPolicyBody operation) => NotFirstDeploy(operation);
        public bool Visit(DropTableRowAccessPolicy operation) => NotFirstDeploy(operation);
        public bool Visit(SwapRowAccessPolicy operation) => NotFirstDeploy(operation);
        public bool Visit(UnsetTag operation) => NotFirstDeploy(operation);
        public bool Visit(DropMaskingPolicy operation) => NotFirstDeploy(operation);
        public bool Visit(DropRowAccessPolicy operation) => NotFirstDeploy(operation);
        public bool Visit(DropTag operation) => NotFirstDeploy(operation);

        private static bool NotFirstDeploy(Operation operation)
            => throw new ArgumentException("a first-deploy plan does not hold `" + SqlGenerator.Generate(operation) + "`", nameof(operation));
    }
}

/// <summary>The keys the planner matches desired and actual entries by.</summary>
internal static class ChangeKeys
{
    private const char Separator = '\u0001';

    public static string Dataset(SchemaObjectName dataset) => string.Join(Separator, dataset.Database, dataset.Schema, dataset.Name);

    public static string Column(SchemaObjectName dataset, string column) => Dataset(dataset) + Separator + column;

    public static string Assignment(TagTarget target, SchemaObjectName tag) => string.Join(Separator, StateOrder.Target(target)) + Separator + Dataset(tag);

    /// <summary>A target as a reader sees it: <c>DB</c>, <c>DB.SCHEMA</c>, <c>DB.SCHEMA.DATASET</c>, <c>DB.SCHEMA.DATASET.COLUMN</c>.</summary>
    public static string Show(TagTarget target) => string.Join('.', StateOrder.Target(target).Skip(1).Where(p => p.Length > 0));
}
