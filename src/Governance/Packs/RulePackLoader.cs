using System.Text;
using Governance.Diagnostics;

namespace Governance.Packs;

/// <summary>
/// Loads rule-pack manifests: JSON syntax, shape and cross-field checks (<see cref="ManifestChecks"/>, the reader the
/// IDE analyzers use too, so a manifest means the same everywhere), then the recorded SHA-256 content hash. Every
/// problem is a <see cref="GovernanceInputException"/> naming the file, JSON path and line. The published schema
/// (<c>docs/schemas/rulepack.schema.json</c>) is not evaluated at run time: tests prove it accepts exactly what this
/// reader accepts (docs/cli.md, "Schemas").
/// </summary>
public static class RulePackLoader
{
    /// <summary>Reads, validates and verifies the manifest at <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="GovernanceInputException">The file cannot be read, is not a valid manifest, or its content does not match its recorded hash (the error names the file, JSON path and line).</exception>
    public static RulePack LoadFile(string path)
    {
        return Parse(InputFiles.ReadText(path, GovIds.InvalidRulePack, "a rule pack manifest (*.rulepack.json)"), path);
    }

    /// <summary>Reads, validates and verifies one manifest.</summary>
    public static RulePack Parse(string json, string? file = null)
    {
        var pack = ManifestChecks.ReadValid(json, file, out var recorded);
        ManifestChecks.VerifyHash(pack, recorded, file);
        return pack;
    }
}
