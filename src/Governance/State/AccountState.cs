using Governance.Snowflake;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.State;

/// <summary>A dataset of the snapshot whose policies and tags the state covers, and its kind (which ALTER keyword it takes).</summary>
public sealed record ScopeDataset
{
    /// <summary>The dataset <paramref name="name"/> of kind <paramref name="kind"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public ScopeDataset(SchemaObjectName name, DatasetKind kind)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Kind = kind;
    }

    /// <summary>The dataset's name.</summary>
    public SchemaObjectName Name { get; }
    /// <summary>The dataset's kind.</summary>
    public DatasetKind Kind { get; }

    /// <summary><c>REF_ENTITY_DOMAIN</c> of the dataset in <c>POLICY_REFERENCES</c>: <c>VIEW</c> for views and materialized views, <c>TABLE</c> otherwise.</summary>
    public string Domain => Kind is DatasetKind.View or DatasetKind.MaterializedView ? "VIEW" : "TABLE";
}

/// <summary>
/// What the state covers: the tool's policy schema and tag schema (every object in them), and the datasets of the
/// snapshot (every policy reference and tag assignment on them and their columns).
/// </summary>
public sealed record StateScope
{
    /// <summary>A scope of the two schemas and <paramref name="datasets"/> (sorted, a repeated dataset kept once).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="datasets"/> holds null, or one dataset with two kinds.</exception>
    public StateScope(SchemaName policySchema, SchemaName tagSchema, IEnumerable<ScopeDataset> datasets)
    {
        PolicySchema = policySchema ?? throw new ArgumentNullException(nameof(policySchema));
        TagSchema = tagSchema ?? throw new ArgumentNullException(nameof(tagSchema));
        Datasets = StateOrder.Unique(datasets, d => StateOrder.Parts(d.Name), "dataset");
    }

    /// <summary>The schema that holds the tool's policies.</summary>
    public SchemaName PolicySchema { get; }
    /// <summary>The schema that holds the tool's tags.</summary>
    public SchemaName TagSchema { get; }
    /// <summary>Sorted by name; each once.</summary>
    public ValueList<ScopeDataset> Datasets { get; }

    /// <summary>The scope of a plan: the schemas <paramref name="options"/> names and every dataset of <paramref name="snapshot"/>.</summary>
    public static StateScope For(MetadataSnapshot snapshot, PlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= PlanOptions.Default;
        var datasets = snapshot.Domains.SelectMany(d => d.Products).SelectMany(p => p.Datasets.Select(ds => new ScopeDataset(new SchemaObjectName(p.Database, p.Schema, ds.Name), ds.Kind)));
        return new StateScope(new SchemaName(options.PolicyDatabase, options.PolicySchema), new SchemaName(options.TagDatabase, options.TagSchema), datasets);
    }

    /// <summary>The dataset of the scope named <paramref name="name"/>, or null.</summary>
    public ScopeDataset? Find(SchemaObjectName name) => Datasets.FirstOrDefault(d => d.Name == name);
}

/// <summary>A tag: its allowed values in their order (null: any value; empty: none), its comment and owner.</summary>
public sealed record TagState
{
    /// <summary>A tag as the account shows it.</summary>
    /// <param name="name">The tag's name.</param>
    /// <param name="allowedValues">The allowed values in order; null when any value is allowed.</param>
    /// <param name="comment">The comment; null or empty for none.</param>
    /// <param name="owner">The owning role; null or empty when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">An allowed value is listed twice.</exception>
    /// <exception cref="SnowflakeCompileException">An allowed value cannot be a tag value.</exception>
    public TagState(SchemaObjectName name, IEnumerable<string>? allowedValues, string? comment, string? owner)
        : this(name, allowedValues, comment, owner, multiValue: false, propagate: null)
    {
    }

    /// <summary>A tag as the account shows it, with its multi-value and propagation properties.</summary>
    /// <param name="name">The tag's name.</param>
    /// <param name="allowedValues">The allowed values in order; null when any value is allowed.</param>
    /// <param name="comment">The comment; null or empty for none.</param>
    /// <param name="owner">The owning role; null or empty when unknown.</param>
    /// <param name="multiValue">True when the tag takes several values per object (<c>MULTI_VALUE = TRUE</c>).</param>
    /// <param name="propagate">How the tag propagates (SHOW TAGS' <c>propagate</c>); null or empty when it does not.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException">An allowed value is listed twice.</exception>
    /// <exception cref="SnowflakeCompileException">An allowed value cannot be a tag value.</exception>
    public TagState(SchemaObjectName name, IEnumerable<string>? allowedValues, string? comment, string? owner, bool multiValue, string? propagate)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        if (allowedValues is not null)
        {
            AllowedValues = new ValueList<string>(allowedValues);
            foreach (var v in AllowedValues) SqlText.RequireTagValue(v);
            if (AllowedValues.Distinct(StringComparer.Ordinal).Count() != AllowedValues.Count) throw new ArgumentException("tag `" + name + "` lists an allowed value twice", nameof(allowedValues));
        }
        Comment = StateText.Optional(comment);
        Owner = StateText.Optional(owner);
        MultiValue = multiValue;
        Propagate = StateText.Optional(propagate);
    }

    /// <summary>The tag's name.</summary>
    public SchemaObjectName Name { get; }
    /// <summary>The allowed values in the tag's order; null when any value is allowed, empty when none is.</summary>
    public ValueList<string>? AllowedValues { get; }
    /// <summary>Null when the tag has none (an empty comment is none).</summary>
    public string? Comment { get; }
    /// <summary>The role that owns the tag; null when the account gives none.</summary>
    public string? Owner { get; }

    /// <summary>
    /// True when the tag takes several values per object (<c>MULTI_VALUE = TRUE</c>, SHOW TAGS' <c>multi_value</c>).
    /// The tool's tags take one value: such a tag is reported (GOV9020), and Snowflake cannot make it single-valued again.
    /// </summary>
    public bool MultiValue { get; }

    /// <summary>
    /// How the tag propagates to objects made from tagged ones (SHOW TAGS' <c>propagate</c>: <c>ON_DEPENDENCY</c>,
    /// <c>ON_DATA_MOVEMENT</c>, <c>ON_DEPENDENCY_AND_DATA_MOVEMENT</c>); null when it does not (GOV9021 when set).
    /// </summary>
    public string? Propagate { get; }
}

/// <summary>Masking or row access.</summary>
public enum PolicyKind
{
    /// <summary>A masking policy.</summary>
    Masking,
    /// <summary>A row access policy.</summary>
    RowAccess,
}

/// <summary>
/// An argument of a policy's signature: its name and its type's base name (<c>VARCHAR</c>, <c>NUMBER</c>,
/// <c>TIMESTAMP_NTZ</c>), as <c>DESCRIBE … POLICY</c> shows it: the signature carries no length, precision or scale
/// (a masking policy's return type, which equals its first argument's type, does).
/// </summary>
public sealed record PolicyArgumentState
{
    /// <summary>An argument named <paramref name="name"/> of base type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is empty or white space.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="name"/> cannot be a stored identifier.</exception>
    public PolicyArgumentState(string name, string type)
    {
        SqlText.RequireIdentifier(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        Name = name;
        Type = type;
    }

    /// <summary>The argument's stored name.</summary>
    public string Name { get; }
    /// <summary>The type's base name (<c>VARCHAR</c>, <c>NUMBER</c> …).</summary>
    public string Type { get; }

    /// <summary>The argument as the state holds it for a policy argument of <paramref name="type"/>: its base type name.</summary>
    public static PolicyArgumentState Of(string name, SnowflakeType type) => new(name, StateText.BaseType(type));
}

/// <summary>
/// A masking or row access policy: signature, return type (normalized: <c>VARCHAR(16777216)</c>), body (trimmed, as
/// Snowflake stores it), <c>EXEMPT_OTHER_POLICIES</c> (masking only), comment and owner.
/// </summary>
public sealed record PolicyState
{
    /// <summary>A policy as the account shows it.</summary>
    /// <param name="kind">Masking or row access.</param>
    /// <param name="name">The policy's name.</param>
    /// <param name="arguments">The signature, in order; at least one, names distinct.</param>
    /// <param name="returnType">The return type, normalized (<c>VARCHAR(16777216)</c>).</param>
    /// <param name="body">The body; trimmed.</param>
    /// <param name="exemptOtherPolicies"><c>EXEMPT_OTHER_POLICIES</c>; only a masking policy has it.</param>
    /// <param name="comment">The comment; null or empty for none.</param>
    /// <param name="owner">The owning role; null or empty when unknown.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/>, <paramref name="arguments"/>, <paramref name="returnType"/> or <paramref name="body"/> is null.</exception>
    /// <exception cref="ArgumentException">No argument, an argument name twice, an empty return type, or <paramref name="exemptOtherPolicies"/> on a row access policy.</exception>
    public PolicyState(PolicyKind kind, SchemaObjectName name, IEnumerable<PolicyArgumentState> arguments, string returnType, string body,
        bool exemptOtherPolicies, string? comment, string? owner)
    {
        Kind = kind;
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Arguments = new ValueList<PolicyArgumentState>(arguments ?? throw new ArgumentNullException(nameof(arguments)));
        if (Arguments.Count == 0) throw new ArgumentException("policy `" + name + "` has no argument", nameof(arguments));
        if (Arguments.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != Arguments.Count) throw new ArgumentException("policy `" + name + "` names an argument twice", nameof(arguments));
        ArgumentException.ThrowIfNullOrWhiteSpace(returnType);
        ArgumentNullException.ThrowIfNull(body);
        if (kind == PolicyKind.RowAccess && exemptOtherPolicies) throw new ArgumentException("a row access policy has no EXEMPT_OTHER_POLICIES: `" + name + "`", nameof(exemptOtherPolicies));
        ReturnType = returnType;
        Body = body.Trim();
        ExemptOtherPolicies = exemptOtherPolicies;
        Comment = StateText.Optional(comment);
        Owner = StateText.Optional(owner);
    }

    /// <summary>Masking or row access.</summary>
    public PolicyKind Kind { get; }
    /// <summary>The policy's name.</summary>
    public SchemaObjectName Name { get; }
    /// <summary>The signature, in order; never empty.</summary>
    public ValueList<PolicyArgumentState> Arguments { get; }
    /// <summary>Normalized through <see cref="SnowflakeType"/> (<c>VARCHAR(16777216)</c>, <c>NUMBER(12,2)</c>, <c>BOOLEAN</c>).</summary>
    public string ReturnType { get; }
    /// <summary>The body's text, trimmed of leading and trailing white space as Snowflake stores it.</summary>
    public string Body { get; }
    /// <summary>True when a masking policy was created with <c>EXEMPT_OTHER_POLICIES = TRUE</c>; always false for row access.</summary>
    public bool ExemptOtherPolicies { get; }
    /// <summary>The comment; null when the policy has none (an empty comment is none).</summary>
    public string? Comment { get; }
    /// <summary>The role that owns the policy; null when the account gives none.</summary>
    public string? Owner { get; }
}

/// <summary>
/// A masking policy on a column: set on the column (<see cref="Tag"/> null), or reaching it through a tag set on the
/// column, its dataset, schema or database that carries the policy (<see cref="Tag"/> that tag). A row of
/// <c>POLICY_REFERENCES</c>.
/// </summary>
public sealed record ColumnMaskingReference
{
    /// <summary>A masking policy on a column, as a row of <c>POLICY_REFERENCES</c> shows it.</summary>
    /// <param name="dataset">The column's dataset.</param>
    /// <param name="domain"><c>REF_ENTITY_DOMAIN</c>; trimmed and upper-cased.</param>
    /// <param name="column">The stored column name.</param>
    /// <param name="policy">The masking policy.</param>
    /// <param name="conditionColumns">The conditional columns <c>USING</c> passes; empty for none.</param>
    /// <param name="tag">The tag through which the policy reaches the column; null when set on the column.</param>
    /// <param name="status"><c>POLICY_STATUS</c>; null or empty when not given.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="tag"/> and <paramref name="status"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="domain"/> is empty or white space.</exception>
    /// <exception cref="SnowflakeCompileException">A column name cannot be a stored identifier.</exception>
    public ColumnMaskingReference(SchemaObjectName dataset, string domain, string column, SchemaObjectName policy, IEnumerable<string> conditionColumns,
        SchemaObjectName? tag, string? status)
    {
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        Domain = StateText.Domain(domain);
        SqlText.RequireIdentifier(column);
        Column = column;
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        ConditionColumns = StateText.Identifiers(conditionColumns, nameof(conditionColumns));
        Tag = tag;
        Status = StateText.Optional(status);
    }

    /// <summary>The column's dataset.</summary>
    public SchemaObjectName Dataset { get; }
    /// <summary><c>REF_ENTITY_DOMAIN</c>: <c>TABLE</c>, <c>VIEW</c>, <c>DYNAMIC_TABLE</c> …</summary>
    public string Domain { get; }
    /// <summary>The stored column name.</summary>
    public string Column { get; }
    /// <summary>The masking policy.</summary>
    public SchemaObjectName Policy { get; }
    /// <summary>The columns <c>USING</c> passes after the masked one (the conditional arguments); empty for a plain policy.</summary>
    public ValueList<string> ConditionColumns { get; }
    /// <summary>Null when the policy is set on the column; the tag through which it reaches the column otherwise.</summary>
    public SchemaObjectName? Tag { get; }
    /// <summary><c>POLICY_STATUS</c>: <c>ACTIVE</c>, or what is wrong (<c>MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN</c> …).</summary>
    public string? Status { get; }
}

/// <summary>A row access policy added to a dataset, on its <c>ON</c> columns.</summary>
public sealed record RowAccessReference
{
    /// <summary>A row access policy on a dataset, as a row of <c>POLICY_REFERENCES</c> shows it.</summary>
    /// <param name="dataset">The dataset.</param>
    /// <param name="domain"><c>REF_ENTITY_DOMAIN</c>; trimmed and upper-cased.</param>
    /// <param name="policy">The row access policy.</param>
    /// <param name="on">The stored names of the <c>ON</c> columns, in order.</param>
    /// <param name="status"><c>POLICY_STATUS</c>; null or empty when not given.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="status"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="domain"/> is empty or white space.</exception>
    /// <exception cref="SnowflakeCompileException">A column name cannot be a stored identifier.</exception>
    public RowAccessReference(SchemaObjectName dataset, string domain, SchemaObjectName policy, IEnumerable<string> on, string? status)
    {
        Dataset = dataset ?? throw new ArgumentNullException(nameof(dataset));
        Domain = StateText.Domain(domain);
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        On = StateText.Identifiers(on, nameof(on));
        Status = StateText.Optional(status);
    }

    /// <summary>The dataset.</summary>
    public SchemaObjectName Dataset { get; }
    /// <summary><c>REF_ENTITY_DOMAIN</c>: <c>TABLE</c>, <c>VIEW</c> …</summary>
    public string Domain { get; }
    /// <summary>The row access policy.</summary>
    public SchemaObjectName Policy { get; }
    /// <summary>The stored names of the columns passed to the policy's arguments, in order.</summary>
    public ValueList<string> On { get; }
    /// <summary><c>POLICY_STATUS</c>; null when not given.</summary>
    public string? Status { get; }
}

/// <summary>A masking policy set on a tag (one per data type family).</summary>
public sealed record TagMaskingReference
{
    /// <summary>Masking policy <paramref name="policy"/> set on tag <paramref name="tag"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="tag"/> or <paramref name="policy"/> is null.</exception>
    public TagMaskingReference(SchemaObjectName tag, SchemaObjectName policy, string? status)
    {
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        Status = StateText.Optional(status);
    }

    /// <summary>The tag.</summary>
    public SchemaObjectName Tag { get; }
    /// <summary>The masking policy.</summary>
    public SchemaObjectName Policy { get; }
    /// <summary><c>POLICY_STATUS</c>; null when not given.</summary>
    public string? Status { get; }
}

/// <summary>A tag's value set on a database, a schema, a dataset or a column.</summary>
public sealed record TagAssignmentState
{
    /// <summary>Tag <paramref name="tag"/> set to <paramref name="value"/> on <paramref name="target"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="SnowflakeCompileException"><paramref name="value"/> cannot be a tag value.</exception>
    public TagAssignmentState(TagTarget target, SchemaObjectName tag, string value)
    {
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Tag = tag ?? throw new ArgumentNullException(nameof(tag));
        SqlText.RequireTagValue(value);
        Value = value;
    }

    /// <summary>A <see cref="DatabaseTarget"/>, <see cref="SchemaTarget"/>, <see cref="DatasetTarget"/> or <see cref="ColumnTarget"/>.</summary>
    public TagTarget Target { get; }
    /// <summary>The tag.</summary>
    public SchemaObjectName Tag { get; }
    /// <summary>The value set.</summary>
    public string Value { get; }
}

/// <summary>
/// What exists in a Snowflake account for what the tool manages (<see cref="Scope"/>): the tags and policies of its
/// schemas, the policy references (column → masking policy, tag → masking policies, dataset → row access policy) and
/// the tag assignments on the scope's datasets and their columns. Immutable, with value equality; every collection is
/// sorted (by names, ordinally), so two reads of the same account are equal and write the same bytes
/// (<see cref="StateFile"/>). Read it with <see cref="StateReader.ReadStateAsync"/> or from a file with
/// <see cref="StateFile.Read(string, string?)"/>.
/// </summary>
public sealed record AccountState
{
    /// <summary>The format of a state file.</summary>
    public const string FormatV1 = "governance.state/v1";

    /// <summary>A state of <paramref name="scope"/>; every list is sorted, and an entry given twice is kept once.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A list holds null or two different entries for one object, or a policy is in the list of the other kind.</exception>
    public AccountState(StateScope scope, IEnumerable<TagState> tags, IEnumerable<PolicyState> maskingPolicies, IEnumerable<PolicyState> rowAccessPolicies,
        IEnumerable<ColumnMaskingReference> columnMasking, IEnumerable<RowAccessReference> rowAccess, IEnumerable<TagMaskingReference> tagMasking,
        IEnumerable<TagAssignmentState> tagAssignments)
    {
        Scope = scope ?? throw new ArgumentNullException(nameof(scope));
        Tags = StateOrder.Unique(tags, t => StateOrder.Parts(t.Name), "tag");
        MaskingPolicies = StateOrder.Unique(maskingPolicies, p => StateOrder.Parts(p.Name), "masking policy");
        RowAccessPolicies = StateOrder.Unique(rowAccessPolicies, p => StateOrder.Parts(p.Name), "row access policy");
        if (MaskingPolicies.Any(p => p.Kind != PolicyKind.Masking)) throw new ArgumentException("a row access policy is listed with the masking policies", nameof(maskingPolicies));
        if (RowAccessPolicies.Any(p => p.Kind != PolicyKind.RowAccess)) throw new ArgumentException("a masking policy is listed with the row access policies", nameof(rowAccessPolicies));
        ColumnMasking = StateOrder.Unique(columnMasking, StateOrder.Key, "masking policy reference of a column");
        RowAccess = StateOrder.Unique(rowAccess, StateOrder.Key, "row access policy reference of a dataset");
        TagMasking = StateOrder.Unique(tagMasking, StateOrder.Key, "masking policy reference of a tag");
        TagAssignments = StateOrder.Unique(tagAssignments, StateOrder.Key, "tag assignment");
    }

    /// <summary>An empty state of <paramref name="scope"/>: nothing exists.</summary>
    public static AccountState Empty(StateScope scope) => new(scope, Array.Empty<TagState>(), Array.Empty<PolicyState>(), Array.Empty<PolicyState>(),
        Array.Empty<ColumnMaskingReference>(), Array.Empty<RowAccessReference>(), Array.Empty<TagMaskingReference>(), Array.Empty<TagAssignmentState>());

    /// <summary>What the state covers.</summary>
    public StateScope Scope { get; }
    /// <summary>The tags of the tag schema, by name.</summary>
    public ValueList<TagState> Tags { get; }
    /// <summary>The masking policies of the policy schema, by name.</summary>
    public ValueList<PolicyState> MaskingPolicies { get; }
    /// <summary>The row access policies of the policy schema, by name.</summary>
    public ValueList<PolicyState> RowAccessPolicies { get; }
    /// <summary>Masking policies on columns (set on the column, or through a tag): those of the policy schema anywhere, and any on the scope's datasets. One per (dataset, column, tag).</summary>
    public ValueList<ColumnMaskingReference> ColumnMasking { get; }
    /// <summary>Row access policies on datasets: those of the policy schema anywhere, and any on the scope's datasets. One per dataset.</summary>
    public ValueList<RowAccessReference> RowAccess { get; }
    /// <summary>Masking policies on tags: those of the policy schema, and any on the tag schema's tags.</summary>
    public ValueList<TagMaskingReference> TagMasking { get; }
    /// <summary>The tag schema's tags on the scope's datasets and columns, their schemas and databases. One value per (object, tag).</summary>
    public ValueList<TagAssignmentState> TagAssignments { get; }

    /// <summary>The tag named <paramref name="name"/>, or null.</summary>
    public TagState? FindTag(SchemaObjectName name) => Tags.FirstOrDefault(t => t.Name == name);

    /// <summary>The policy of <paramref name="kind"/> named <paramref name="name"/>, or null.</summary>
    public PolicyState? FindPolicy(PolicyKind kind, SchemaObjectName name)
        => (kind == PolicyKind.Masking ? MaskingPolicies : RowAccessPolicies).FirstOrDefault(p => p.Name == name);

    /// <summary>True when the tool manages the tag: it is in the tool's tag schema and its comment carries <see cref="Ownership.Marker"/>.</summary>
    public bool IsManaged(TagState tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return Scope.TagSchema.Contains(tag.Name) && Ownership.IsMarked(tag.Comment);
    }

    /// <summary>True when the tool manages the policy: it is in the tool's policy schema and its comment carries <see cref="Ownership.Marker"/>.</summary>
    public bool IsManaged(PolicyState policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return Scope.PolicySchema.Contains(policy.Name) && Ownership.IsMarked(policy.Comment);
    }

    /// <summary>True when a reference's policy is one the tool manages; a reference to any other policy is foreign.</summary>
    public bool IsManagedPolicy(PolicyKind kind, SchemaObjectName name) => FindPolicy(kind, name) is { } p && IsManaged(p);

    /// <summary>True when the tool manages the tag named <paramref name="name"/>.</summary>
    public bool IsManagedTag(SchemaObjectName name) => FindTag(name) is { } t && IsManaged(t);
}
