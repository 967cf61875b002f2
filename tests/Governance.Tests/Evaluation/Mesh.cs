
namespace Governance.Tests.Evaluation;

/// <summary>Small in-code meshes for unit tests.</summary>
internal static class Mesh
{
    public static Column Col(string name, string type = "VARCHAR(256)", params (string, string)[] tags)
        => new(name, SnowflakeType.Parse(type), true, TagSet.Of(tags));

    public static Dataset Table(string name, params Column[] columns) => new(name, DatasetKind.Table, columns);

    public static Dataset TableTagged(string name, (string, string)[] tags, params Column[] columns) => new(name, DatasetKind.Table, columns, TagSet.Of(tags));

    public static MetadataSnapshot Snapshot(params Dataset[] datasets) => Snapshot("sales", datasets);

    public static MetadataSnapshot Snapshot(string domain, params Dataset[] datasets)
        => new(Roles(), new[] { new Domain(domain, "owner@acme.example", new[] { new DataProduct("orders", "1.0.0", "team@acme.example", "SALES", "ORDERS", datasets) }) });

    public static IReadOnlyList<RoleDefinition> Roles() => new[]
    {
        new RoleDefinition("ANALYST"),
        new RoleDefinition("PII_READER", new[] { "ANALYST" }),
        new RoleDefinition("DATA_ENGINEER", new[] { "PII_READER" }),
        new RoleDefinition("FINANCE_READER", new[] { "ANALYST" }),
        new RoleDefinition("GLOBAL_ANALYST", new[] { "ANALYST" }),
    };

    public static RulePackBuilder Pack(string name = "p") => RulePackBuilder.Global(name, "1.0.0", "board")
        .Tag("SENSITIVITY", "", "public", "internal", "confidential", "restricted")
        .Tag("PII", "", "email", "phone", "ssn")
        .Tag("CONSENT", "");

    public static EvaluationResult Evaluate(MetadataSnapshot snapshot, params RulePack[] packs)
        => Evaluator.Compile(PackSet.Create(packs)).Evaluate(snapshot);
}
