using Governance.Rules;
using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Examples;

/// <summary>The bundled Acme example: its rule packs and its sample mesh. The CLI's default input.</summary>
public static class AcmeExample
{
    private const string ResourcePrefix = "Governance.Examples.Mesh.";

    /// <summary>The example's rule packs: the global pack and the finance domain's pack.</summary>
    public static IReadOnlyList<RulePack> Packs() => new[] { new AcmeGlobalPack().Build(), new AcmeFinancePack().Build() };

    /// <summary>The packs once the board publishes the global pack's next version (<see cref="AcmeGlobalPackNext"/>):
    /// what <c>governance diff</c> compares <see cref="Packs"/> with by default.</summary>
    public static IReadOnlyList<RulePack> NextPacks() => new[] { AcmeGlobalPackNext.Build(), new AcmeFinancePack().Build() };

    /// <summary>
    /// The example's packs after one change to one rule: <paramref name="role"/> joins the readers of clear e-mail
    /// addresses (acme-global's <c>mask.email</c>), nothing else changes. The change docs/deploy.md plans and applies: one
    /// <c>ALTER MASKING POLICY … SET BODY</c>.
    /// </summary>
    public static IReadOnlyList<RulePack> PacksWithEmailReader(string role)
    {
        var global = new AcmeGlobalPack().Build();
        var email = (MaskingRule)global.Rules.Single(r => r.Id == "mask.email");
        var changed = new MaskingRule(email.Id, email.Severity, email.Title, email.Rationale, email.Columns, email.Strategy, email.RevealTo.Append(role), email.Condition);
        var rules = global.Rules.Select(r => r.Id == email.Id ? changed : r).ToArray();
        return new[] { new RulePack(global.Name, global.Version, global.Scope, global.Publisher, global.Taxonomy, rules, global.Description), new AcmeFinancePack().Build() };
    }

    /// <summary>The folder, under the one <c>governance example</c> writes, that holds the next version's manifests.</summary>
    public const string NextFolder = "next";

    /// <summary>The file names of the example's snapshots (<c>*.snapshot.json</c>).</summary>
    public static IReadOnlyList<string> SnapshotNames =>
        typeof(AcmeExample).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();

    /// <summary>Opens one of the example's snapshot files.</summary>
    public static Stream OpenSnapshot(string name)
        => typeof(AcmeExample).Assembly.GetManifestResourceStream(ResourcePrefix + name)
           ?? throw new ArgumentException("the example has no snapshot `" + name + "`", nameof(name));

    /// <summary>The example's mesh, read through the same reader as any snapshot file.</summary>
    public static MetadataSnapshot Mesh()
    {
        var parts = new List<SnapshotPart>();
        foreach (var name in SnapshotNames)
        {
            using var stream = OpenSnapshot(name);
            parts.Add(new SnapshotPart(SnapshotReader.Read(stream, name), name, GovIds.InvalidSnapshot));
        }
        return MetadataSnapshot.Merge(parts);
    }
}
