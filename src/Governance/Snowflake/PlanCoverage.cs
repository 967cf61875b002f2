namespace Governance.Snowflake;

/// <summary>
/// What a plan's statements do to columns once they have run on an account that had none of its tags: the tags its
/// <c>SET TAG</c> statements set, with Snowflake's inheritance (a column carries the tags set on it, else its dataset's,
/// else its schema's, else its database's), and the tag-based masking policies that reach a column through them (a
/// tag's policy for the column's type kind: one masking policy per data type on a tag). The planner's fail-closed check
/// (GOV1005) and the simulation read a plan through it.
/// </summary>
public sealed class PlanCoverage
{
    private readonly Dictionary<string, Dictionary<SchemaObjectName, string>> _database = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), Dictionary<SchemaObjectName, string>> _schema = new();
    private readonly Dictionary<SchemaObjectName, Dictionary<SchemaObjectName, string>> _dataset = new();
    private readonly Dictionary<(SchemaObjectName, string), Dictionary<SchemaObjectName, string>> _column = new();
    private readonly Dictionary<SchemaObjectName, List<CreateMaskingPolicy>> _tagPolicies = new();
    private readonly HashSet<(SchemaObjectName, string)> _direct = new();

    public PlanCoverage(IEnumerable<Operation> operations)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var ops = operations.ToList();
        var policies = ops.OfType<CreateMaskingPolicy>().ToDictionary(p => p.Name);
        foreach (var op in ops)
        {
            switch (op)
            {
                case SetTag t:
                    var into = t.Target switch
                    {
                        DatabaseTarget d => Slot(_database, d.Database),
                        SchemaTarget s => Slot(_schema, (s.Database, s.Schema)),
                        DatasetTarget d => Slot(_dataset, d.Dataset),
                        ColumnTarget c => Slot(_column, (c.Dataset, c.Column)),
                        _ => throw new SnowflakeCompileException("unknown tag target `" + t.Target + "`"),
                    };
                    foreach (var a in t.Tags) into[a.Tag] = a.Value;
                    break;
                case SetTagMaskingPolicy m:
                    if (!_tagPolicies.TryGetValue(m.Tag, out var list)) _tagPolicies[m.Tag] = list = new List<CreateMaskingPolicy>();
                    list.AddRange(m.Policies.Where(policies.ContainsKey).Select(p => policies[p]));
                    break;
                case SetColumnMaskingPolicy c:
                    _direct.Add((c.Table, c.Column));
                    break;
            }
        }
    }

    private static Dictionary<SchemaObjectName, string> Slot<TKey>(Dictionary<TKey, Dictionary<SchemaObjectName, string>> map, TKey key) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var slot)) map[key] = slot = new Dictionary<SchemaObjectName, string>();
        return slot;
    }

    /// <summary>Every tag the plan leaves on the column, with its value (inherited ones included), sorted by tag.</summary>
    public IReadOnlyList<(SchemaObjectName Tag, string Value)> TagsOn(SchemaObjectName dataset, string column)
    {
        var tags = new Dictionary<SchemaObjectName, string>();
        void Take(Dictionary<SchemaObjectName, string>? from)
        {
            if (from is null) return;
            foreach (var (tag, value) in from) tags.TryAdd(tag, value);
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
        => HasDirectPolicy(dataset, column) || TagPoliciesOn(dataset, column, type).Count > 0;
}
