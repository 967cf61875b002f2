using FsCheck;
using FsCheck.Fluent;
using Governance.Snowflake;
using Governance.State;
using Governance.Tests.Snowflake;

namespace Governance.Tests.State;

/// <summary>
/// FsCheck generators of account states: names and values from the compiler's hostile strings (quotes, backslashes,
/// control characters, unicode, 255-character names), foreign and managed objects, every reference kind and every tag
/// target level. Every generated state is valid (each key once).
/// </summary>
internal static class StateGen
{
    private static readonly string[] BaseTypes = { "VARCHAR", "NUMBER", "BOOLEAN", "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_TZ", "VARIANT", "BINARY", "GEOGRAPHY" };
    private static readonly string[] ReturnTypes = { "VARCHAR(16777216)", "NUMBER(38,0)", "NUMBER(12,2)", "BOOLEAN", "DATE", "TIMESTAMP_NTZ(9)", "TIMESTAMP_TZ(3)", "VARIANT", "BINARY(8388608)" };
    private static readonly string[] Domains = { "TABLE", "VIEW", "DYNAMIC_TABLE", "ICEBERG_TABLE" };
    private static readonly string?[] Statuses = { null, "ACTIVE", "ACTIVE", "MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN", "COLUMN_IS_MISSING_FOR_SECONDARY_ARG" };

    /// <summary>A stored identifier: plain names mostly, hostile ones often.</summary>
    public static Gen<string> Identifier() => Gen.Frequency(
        (3, Gen.Elements("GOVERNANCE", "POLICIES", "TAGS", "SALES", "ORDERS", "EMAIL", "PII", "VAL", "COND_1", "mixedCase", "a b")),
        (2, SqlInjectionPropertyTests.Hostile().Where(s => SnowflakeIdentifier.Problem(s) is null)));

    public static Gen<string> TagValue() => SqlInjectionPropertyTests.Hostile().Where(v => v.Length <= TagSet.MaxValueLength && Literal(v));

    /// <summary>Any text a comment or body can hold (the file escapes what JSON needs).</summary>
    public static Gen<string> Text() => Gen.OneOf(SqlInjectionPropertyTests.Hostile(), Gen.Elements("governance: acme-global/mask.email (emailDomain)", "governance:", "hand-made", ""));

    private static bool Literal(string v)
    {
        try
        {
            SqlText.RequireLiteral(v);
            return true;
        }
        catch (SnowflakeCompileException)
        {
            return false;
        }
    }

    public static Gen<SchemaObjectName> Name() =>
        from d in Identifier() from s in Identifier() from n in Identifier() select new SchemaObjectName(d, s, n);

    private static Gen<SchemaObjectName> In(SchemaName schema) => Identifier().Select(schema.Object);

    private static Gen<string?> Optional(Gen<string> gen) => Gen.Frequency((1, Gen.Constant<string?>(null)), (3, gen.Select(s => (string?)s)));

    public static Gen<StateScope> Scope() =>
        from pd in Identifier() from ps in Identifier() from td in Identifier() from ts in Identifier()
        from datasets in Gen.ListOf(from n in Name() from k in Gen.Elements(Enum.GetValues<DatasetKind>()) select new ScopeDataset(n, k))
        select new StateScope(new SchemaName(pd, ps), new SchemaName(td, ts), datasets.DistinctBy(d => d.Name));

    private static Gen<TagState> Tag(SchemaName schema) =>
        from name in In(schema)
        from values in Gen.OrNull(Gen.ListOf(TagValue()).Select(l => l.Distinct(StringComparer.Ordinal).ToList()))
        from comment in Optional(Gen.OneOf(Text(), Text().Select(Ownership.Comment)))
        from owner in Optional(Identifier())
        from multiValue in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        from propagate in Gen.Frequency((4, Gen.Constant((string?)null)), (1, Gen.Elements<string?>("ON_DEPENDENCY", "ON_DATA_MOVEMENT", "ON_DEPENDENCY_AND_DATA_MOVEMENT")))
        select new TagState(name, values, comment, owner, multiValue, propagate);

    private static Gen<PolicyState> Policy(SchemaName schema, PolicyKind kind) =>
        from name in Gen.Frequency((4, In(schema)), (1, Name()))
        from names in Gen.NonEmptyListOf(Identifier())
        from types in Gen.ArrayOf(Gen.Elements(BaseTypes), names.Count)
        from returnType in kind == PolicyKind.Masking ? Gen.Elements(ReturnTypes) : Gen.Constant("BOOLEAN")
        from body in Text()
        from exempt in kind == PolicyKind.Masking ? Gen.Elements(true, false) : Gen.Constant(false)
        from comment in Optional(Gen.OneOf(Text(), Text().Select(Ownership.Comment)))
        from owner in Optional(Identifier())
        let arguments = names.Distinct(StringComparer.Ordinal).Select((n, i) => new PolicyArgumentState(n, types[i]))
        select new PolicyState(kind, name, arguments, returnType, body, exempt, comment, owner);

    private static Gen<SchemaObjectName> Dataset(StateScope scope) =>
        scope.Datasets.Count == 0 ? Name() : Gen.Frequency((3, Gen.Elements(scope.Datasets.Select(d => d.Name).ToArray())), (1, Name()));

    private static Gen<SchemaObjectName> PolicyOf(IReadOnlyList<PolicyState> policies) =>
        policies.Count == 0 ? Name() : Gen.Frequency((3, Gen.Elements(policies.Select(p => p.Name).ToArray())), (1, Name()));

    private static Gen<TagTarget> Target(StateScope scope) =>
        from dataset in Dataset(scope)
        from kind in Gen.Elements(Enum.GetValues<DatasetKind>())
        from column in Identifier()
        from level in Gen.Choose(0, 3)
        select level switch
        {
            0 => (TagTarget)new DatabaseTarget(dataset.Database),
            1 => new SchemaTarget(new SchemaName(dataset.Database, dataset.Schema)),
            2 => new DatasetTarget(kind, dataset),
            _ => new ColumnTarget(kind, dataset, column),
        };

    /// <summary>A valid state: tags and policies mostly of the scope's schemas, references to them and to others.</summary>
    public static Gen<AccountState> State() =>
        from scope in Scope()
        from tags in Gen.ListOf(Tag(scope.TagSchema))
        from masking in Gen.ListOf(Policy(scope.PolicySchema, PolicyKind.Masking))
        from rowAccess in Gen.ListOf(Policy(scope.PolicySchema, PolicyKind.RowAccess))
        let tagNames = tags.Select(t => t.Name).ToArray()
        from columnMasking in Gen.ListOf(
            from dataset in Dataset(scope) from domain in Gen.Elements(Domains) from column in Identifier() from policy in PolicyOf(masking)
            from conditions in Gen.ListOf(Identifier())
            from tag in tagNames.Length == 0 ? Gen.Constant<SchemaObjectName?>(null) : Gen.OrNull(Gen.Elements(tagNames))
            from status in Gen.Elements(Statuses)
            select new ColumnMaskingReference(dataset, domain, column, policy, conditions, tag, status))
        from rows in Gen.ListOf(
            from dataset in Dataset(scope) from domain in Gen.Elements(Domains) from policy in PolicyOf(rowAccess)
            from onColumns in Gen.NonEmptyListOf(Identifier()) from status in Gen.Elements(Statuses)
            select new RowAccessReference(dataset, domain, policy, onColumns, status))
        from tagMasking in Gen.ListOf(
            from tag in tagNames.Length == 0 ? Name() : Gen.Elements(tagNames) from policy in PolicyOf(masking) from status in Gen.Elements(Statuses)
            select new TagMaskingReference(tag, policy, status))
        from assignments in Gen.ListOf(
            from target in Target(scope) from tag in tagNames.Length == 0 ? In(scope.TagSchema) : Gen.Elements(tagNames) from value in TagValue()
            select new TagAssignmentState(target, tag, value))
        select new AccountState(scope,
            tags.DistinctBy(t => t.Name), masking.DistinctBy(p => p.Name), rowAccess.DistinctBy(p => p.Name),
            columnMasking.DistinctBy(r => (r.Dataset, r.Column, r.Tag)), rows.DistinctBy(r => r.Dataset), tagMasking.DistinctBy(r => (r.Tag, r.Policy)),
            assignments.DistinctBy(a => (string.Join("\u0000", Key(a.Target)), a.Tag)));

    private static string[] Key(TagTarget target) => target switch
    {
        DatabaseTarget d => new[] { "0", d.Database },
        SchemaTarget s => new[] { "1", s.Schema.Database, s.Schema.Schema },
        DatasetTarget t => new[] { "2", t.Dataset.ToString() },
        ColumnTarget c => new[] { "3", c.Dataset.ToString(), c.Column },
        _ => throw new ArgumentException("unknown target"),
    };
}
