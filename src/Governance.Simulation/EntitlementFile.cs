using System.Globalization;
using System.Text;
using Governance.Json;

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
            if (MiniJson.Parse(json) is not JsonObject root) throw new JsonShapeException("$", 1, "expected an object with an `entitlements` array");
            if (root.Get("entitlements") is not JsonArray array) throw new JsonShapeException("$", root.Line, "missing required array `entitlements`");
            var list = new List<Entitlement>();
            foreach (var item in array.Items)
            {
                if (item is not JsonObject o) throw new JsonShapeException(item.Path, item.Line, "expected an entitlement object, found " + item.KindName);
                list.Add(new Entitlement(Required(o, "database"), Required(o, "schema"), Required(o, "table"), Required(o, "role"), Required(o, "value")));
            }
            return list;
        }
        catch (JsonShapeException e)
        {
            throw new SimulationException("entitlement file" + (file is null ? "" : " `" + file + "`") + ", " + e.Path
                + " (line " + e.Line.ToString(CultureInfo.InvariantCulture) + "): " + e.Problem, e);
        }
    }

    private static string Required(JsonObject o, string name)
    {
        var node = o.Get(name) ?? throw new JsonShapeException(o.Path, o.Line, "missing required property `" + name + "`");
        if (node is not JsonString s) throw new JsonShapeException(node.Path, node.Line, "expected a string, found " + node.KindName);
        return s.Value;
    }
}
