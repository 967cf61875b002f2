using System.Globalization;
using System.Text;
using Governance.Rules;
using Governance.Packs;

namespace Governance.Simulation;

/// <summary>
/// The rows of the entitlement (mapping) tables, from a file:
/// <c>{"entitlements":[{"database":"GOVERNANCE","schema":"SECURITY","table":"REGION_ENTITLEMENTS","role":"EMEA_ANALYST","value":"EMEA"}]}</c>.
/// Names are stored names (case kept). A bad file is a <see cref="SimulationException"/> naming the file, the JSON path
/// and the line.
/// </summary>
public static class EntitlementFile
{
    public static IReadOnlyList<Entitlement> ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SimulationException("cannot read the entitlement file `" + path + "`: " + e.Message, e);
        }
        return Parse(text, path);
    }

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
            throw new SimulationException("entitlement file" + (file is null ? "" : " `" + file + "`") + ", " + e.Path
                + " (line " + e.Line.ToString(CultureInfo.InvariantCulture) + "): " + e.Problem, e);
        }
    }
}
