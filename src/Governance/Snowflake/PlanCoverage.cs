using Governance.Snapshots;

namespace Governance.Snowflake;

/// <summary>
/// What a plan's statements do to columns once they have run, in order, on an account that had none of its tags: the
/// tags its <c>SET TAG</c> statements set (and its <c>UNSET TAG</c> and <c>DROP TAG</c> statements did not remove), with Snowflake's inheritance (a column carries the tags set on it, else its dataset's,
/// else its schema's, else its database's), and the tag-based masking policies that reach a column through them (a
/// tag's policy for the column's type kind: one masking policy per data type on a tag). The planner's fail-closed check
/// (GOV1005) and the simulation read a plan through it.
/// </summary>
public sealed class PlanCoverage
{
    private readonly Dictionary<string, TagSlot> _database = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), TagSlot> _schema = new();
    private readonly Dictionary<SchemaObjectName, TagSlot> _dataset = new();
    private readonly Dictionary<(SchemaObjectName, string), TagSlot> _column = new();
    private readonly Dictionary<SchemaObjectName, List<CreateMaskingPolicy>> _tagPolicies = new();
    private readonly HashSet<(SchemaObjectName, string)> _direct = new();

    /// <summary>Reads <paramref name="operations"/> in order, as they would run.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="operations"/> or one of them is null.</exception>
    public PlanCoverage(IEnumerable<Operation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var reader = new Reader(this);
        foreach (var op in operations) (op ?? throw new ArgumentNullException(nameof(operations), "an operation cannot be null")).Accept(reader);
    }

    private static TagSlot Slot<TKey>(Dictionary<TKey, TagSlot> map, TKey key) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var slot)) map[key] = slot = new TagSlot();
        return slot;
    }

    /// <summary>The tags set on one object, each once, in the order first set. Most objects (a tag-protected column)
    /// carry one or two: a short array, searched in order, costs less than a dictionary per column.</summary>
    private sealed class TagSlot
    {
        private (SchemaObjectName Tag, string Value)[] _tags = [];

        public ReadOnlySpan<(SchemaObjectName Tag, string Value)> Tags => _tags;

        public void Set(SchemaObjectName tag, string value)
        {
            var i = IndexOf(tag);
            if (i >= 0) _tags[i].Value = value;
            else _tags = [.. _tags, (tag, value)];
        }

        public bool Remove(SchemaObjectName tag)
        {
            var i = IndexOf(tag);
            if (i >= 0) _tags = [.. _tags.AsSpan(0, i), .. _tags.AsSpan(i + 1)];
            return i >= 0;
        }

        private int IndexOf(SchemaObjectName tag)
        {
            for (var i = 0; i < _tags.Length; i++)
            {
                if (_tags[i].Tag.Equals(tag)) return i;
            }
            return -1;
        }
    }

    /// <summary>
    /// What each statement does to the tags on objects and the masking policies that reach columns, in script order.
    /// The statements that change neither say so; the ones that remove (UNSET, DROP) remove.
    /// </summary>
    private sealed class Reader(PlanCoverage coverage) : IOperationVisitor<bool>, ITagTargetVisitor<TagSlot>
    {
        private readonly Dictionary<SchemaObjectName, CreateMaskingPolicy> _policies = new();

        public bool Visit(CreateMaskingPolicy operation) => _policies.TryAdd(operation.Name, operation);
        // The name and the return type are kept: a coverage is about which policy reaches a column, not its body.
        public bool Visit(SetMaskingPolicyBody operation) => false;
        // Snowflake refuses the drop while the policy is set on a tag or a column.
        public bool Visit(DropMaskingPolicy operation) => _policies.Remove(operation.Name);

        public bool Visit(SetTag operation)
        {
            var into = operation.Target.Accept(this);
            foreach (var a in operation.Tags) into.Set(a.Tag, a.Value);
            return true;
        }

        public bool Visit(UnsetTag operation)
        {
            var from = operation.Target.Accept(this);
            foreach (var t in operation.Tags) from.Remove(t);
            return true;
        }

        // A dropped tag is no longer on any object, and its policies no longer reach anything.
        public bool Visit(DropTag operation)
        {
            foreach (var slot in coverage._database.Values.Concat(coverage._schema.Values).Concat(coverage._dataset.Values).Concat(coverage._column.Values)) slot.Remove(operation.Name);
            return coverage._tagPolicies.Remove(operation.Name);
        }

        public bool Visit(SetTagMaskingPolicy operation)
        {
            if (!coverage._tagPolicies.TryGetValue(operation.Tag, out var list)) coverage._tagPolicies[operation.Tag] = list = new List<CreateMaskingPolicy>();
            list.AddRange(operation.Policies.Where(_policies.ContainsKey).Select(p => _policies[p]));
            return true;
        }

        public bool Visit(UnsetTagMaskingPolicy operation)
            => coverage._tagPolicies.TryGetValue(operation.Tag, out var list) && list.RemoveAll(p => operation.Policies.Contains(p.Name)) > 0;

        public bool Visit(SetColumnMaskingPolicy operation) => coverage._direct.Add((operation.Table, operation.Column));
        public bool Visit(UnsetColumnMaskingPolicy operation) => coverage._direct.Remove((operation.Table, operation.Column));

        // The session, the tags' allowed values and row access change no tag on an object and no masking policy's reach.
        public bool Visit(UseRole operation) => false;
        public bool Visit(SetQuotedIdentifiersCaseSensitive operation) => false;
        public bool Visit(CreateTag operation) => false;
        public bool Visit(AddTagAllowedValues operation) => false;
        public bool Visit(DropTagAllowedValues operation) => false;
        public bool Visit(UnsetTagAllowedValues operation) => false;
        public bool Visit(CreateRowAccessPolicy operation) => false;
        public bool Visit(SetRowAccessPolicyBody operation) => false;
        public bool Visit(AddRowAccessPolicy operation) => false;
        public bool Visit(DropTableRowAccessPolicy operation) => false;
        public bool Visit(SwapRowAccessPolicy operation) => false;
        public bool Visit(DropRowAccessPolicy operation) => false;

        public TagSlot Visit(DatabaseTarget target) => Slot(coverage._database, target.Database);
        public TagSlot Visit(SchemaTarget target) => Slot(coverage._schema, (target.Schema.Database, target.Schema.Schema));
        public TagSlot Visit(DatasetTarget target) => Slot(coverage._dataset, target.Dataset);
        public TagSlot Visit(ColumnTarget target) => Slot(coverage._column, (target.Dataset, target.Column));
    }

    /// <summary>Every tag the plan leaves on the column, with its value (inherited ones included), sorted by tag.</summary>
    public IReadOnlyList<(SchemaObjectName Tag, string Value)> TagsOn(SchemaObjectName dataset, string column)
    {
        var tags = new Dictionary<SchemaObjectName, string>();
        void Take(TagSlot? from)
        {
            if (from is null) return;
            foreach (var (tag, value) in from.Tags) tags.TryAdd(tag, value);
        }
        Take(_column.GetValueOrDefault((dataset, column)));
        Take(_dataset.GetValueOrDefault(dataset));
        Take(_schema.GetValueOrDefault((dataset.Database, dataset.Schema)));
        Take(_database.GetValueOrDefault(dataset.Database));
        return tags.Select(t => (t.Key, t.Value)).OrderBy(t => t.Key.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>Whether a masking policy is set on the column itself.</summary>
    public bool HasDirectPolicy(SchemaObjectName dataset, string column) => _direct.Contains((dataset, column));

    /// <summary>The tag-based policies that reach a column of <paramref name="type"/>: per tag on it, the tag's policy for the type's kind.</summary>
    public IReadOnlyList<(SchemaObjectName Tag, CreateMaskingPolicy Policy)> TagPoliciesOn(SchemaObjectName dataset, string column, SnowflakeType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var found = new List<(SchemaObjectName, CreateMaskingPolicy)>();
        foreach (var (tag, _) in TagsOn(dataset, column))
        {
            if (_tagPolicies.TryGetValue(tag, out var list) && list.FirstOrDefault(p => p.ReturnType.Kind == type.Kind) is { } policy) found.Add((tag, policy));
        }
        return found;
    }

    /// <summary>True when a masking policy reaches the column: one set on it, or a tag-based one.</summary>
    public bool Protects(SchemaObjectName dataset, string column, SnowflakeType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (HasDirectPolicy(dataset, column)) return true;
        // What TagPoliciesOn finds, without listing it: a tag on the column, or inherited, whose policies include one for
        // the type's kind (whatever the tag's value, and whichever level sets it).
        return Reaches(_column.GetValueOrDefault((dataset, column))) || Reaches(_dataset.GetValueOrDefault(dataset))
            || Reaches(_schema.GetValueOrDefault((dataset.Database, dataset.Schema))) || Reaches(_database.GetValueOrDefault(dataset.Database));

        bool Reaches(TagSlot? slot)
        {
            if (slot is null) return false;
            foreach (var (tag, _) in slot.Tags)
            {
                if (!_tagPolicies.TryGetValue(tag, out var policies)) continue;
                foreach (var p in policies)
                {
                    if (p.ReturnType.Kind == type.Kind) return true;
                }
            }
            return false;
        }
    }
}
