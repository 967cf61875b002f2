using Governance.Diagnostics;
using Governance.Rules;
using Governance.Packs;

namespace Governance.Simulation;

/// <summary>
/// The rows of the entitlement (mapping) tables, from a file:
/// <c>{"entitlements":[{"database":"GOVERNANCE","schema":"SECURITY","table":"REGION_ENTITLEMENTS","role":"EMEA_ANALYST","value":"EMEA"}]}</c>.
/// Names are stored names (case kept). A file that cannot be read or is not valid is a <see cref="GovernanceInputException"/>
/// (GOV9011) naming the file, the JSON path and the line.
/// </summary>
public static class EntitlementFile
{
    /// <summary>Reads and parses the entitlement file at <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="GovernanceInputException">GOV9011: the file cannot be read (missing, a folder, an empty path) or is not a valid entitlement file.</exception>
    public static IReadOnlyList<Entitlement> ReadFile(string path)
        => Parse(InputFiles.ReadText(path, GovIds.InvalidEntitlements, "an entitlement file"), path);

    /// <summary>Parses an entitlement file's text; <paramref name="file"/> names it in errors (null when there is none).</summary>
    /// <exception cref="GovernanceInputException">GOV9011: the text is not a valid entitlement file (the error names the JSON path and line).</exception>
    public static IReadOnlyList<Entitlement> Parse(string json, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonObject.ReadItems(json, "entitlements", "an entitlement", o =>
            {
                o.OnlyKnown("database", "schema", "table", "role", "value");
                return new Entitlement(o.RequiredString("database"), o.RequiredString("schema"), o.RequiredString("table"), o.RequiredString("role"), o.RequiredString("value"));
            });
        }
        catch (JsonShapeException e)
        {
            throw new GovernanceInputException(GovIds.InvalidEntitlements, file, e.Path, e.Line, e.Problem, e);
        }
    }
}
