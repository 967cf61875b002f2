using System.Text.Json;
using System.Text.Json.Nodes;
using JsonArray = System.Text.Json.Nodes.JsonArray;
using JsonNode = System.Text.Json.Nodes.JsonNode;
using JsonObject = System.Text.Json.Nodes.JsonObject;
using FsCheck;
using FsCheck.Fluent;
using Governance.State;
using Governance.Tests.Generators;
using Governance.Tests.State;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Schemas;

/// <summary>
/// One meaning per format: the tool enforces its hand-written readers (precise errors, fast start-up; the IDE analyzers
/// use the same manifest reader), and the schemas it publishes (docs/schemas) are proven here, with JsonSchema.Net, to
/// accept what the readers accept — over generated documents and random one-point mutations of them.
/// <para>
/// Where they cannot agree exactly, the law says so: (1) what the reader accepts, the schema accepts, always; (2) what
/// the schema accepts, the reader accepts too, unless the reader's problem is one of the checks a schema cannot express
/// (listed in each schema's description; <see cref="BeyondSchema"/>): names unique within their parent, references to
/// declared tags and defined roles, acyclic inheritance, data types Snowflake parses, rule IDs and pack names of the
/// right shape, lengths counted in UTF-16 code units (Snowflake's count, not JSON Schema's characters), unpaired
/// surrogates. JSON Schema cannot see duplicate keys either; the readers refuse them.
/// </para>
/// </summary>
public sealed class SchemaAgreementTests
{
    private static readonly Lazy<SchemaFile> Pack = new(() => SchemaFile.Docs("rulepack.schema.json"));
    private static readonly Lazy<SchemaFile> Snapshot = new(() => SchemaFile.Docs("snapshot.schema.json"));
    private static readonly Lazy<SchemaFile> StateSchema = new(() => SchemaFile.Docs("state.schema.json"));

    // ------------------------------------------------------------------------------------------------ rule packs

    private static Gen<string> Packs => PackGen.Pack().Select(ManifestCodec.Write);

    [Property(MaxTest = 200)]
    public Property RulePack_SchemaAcceptsEveryValidManifest() => AcceptsValid(Pack.Value, Packs, RulePackProblem);

    [Property(MaxTest = 500)]
    public Property RulePack_SchemaAndReaderAgree_OnMutations() => AgreesOnMutations(Pack.Value, Packs, RulePackProblem);

    /// <summary>The loader's checks but the hash (which a schema cannot compute): null when it reads.</summary>
    private static (string Problem, bool Beyond)? RulePackProblem(string json)
    {
        string? recorded;
        try
        {
            ManifestCodec.Read(json, out recorded);
        }
        catch (Governance.Packs.JsonShapeException e)
        {
            return (e.Path + ": " + e.Problem, BeyondSchema(e.Problem));
        }
        // The loader refuses a recorded hash that does not match (ManifestChecks.VerifyHash): one not even of the form
        // sha256:HEX is refused by the schema too; a well-formed one that does not match, only by the loader.
        if (recorded is not null && !System.Text.RegularExpressions.Regex.IsMatch(recorded, "^sha256:[0-9a-f]{64}$"))
            return ("$.contentHash: the content does not match its hash", false);
        // The shape read: what is left are the cross-field checks (PackValidation), beyond a schema by definition, but
        // for those the schema does express (the version's pattern): those must be refused by both.
        var problems = PackValidation.Problems(ManifestCodec.Read(json, out _));
        if (problems.Count == 0) return null;
        var expressed = problems.Any(p => p.Path == "$.version");
        return (problems[0].Path + ": " + problems[0].Message, !expressed);
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    private static Gen<string> Snapshots(int size) => SnapshotGen.Snapshot(maxDomains: size, maxProducts: size, maxDatasets: size, maxColumns: 2 * size).Select(SnapshotWriter.ToJson);

    [Property(MaxTest = 200)]
    public Property Snapshot_SchemaAcceptsEveryValidSnapshot() => AcceptsValid(Snapshot.Value, Snapshots(3), json => ReaderProblem(() => SnapshotReader.Parse(json, "mesh.json")));

    [Property(MaxTest = 500)]
    public Property Snapshot_SchemaAndReaderAgree_OnMutations()
        => AgreesOnMutations(Snapshot.Value, Snapshots(2), json => ReaderProblem(() => SnapshotReader.Parse(json, "mesh.json")));

    // ------------------------------------------------------------------------------------------------ state files

    private static Gen<string> States => StateGen.State().Select(StateFile.Write);

    [Property(MaxTest = 200)]
    public Property State_SchemaAcceptsEveryValidStateFile() => AcceptsValid(StateSchema.Value, States, json => ReaderProblem(() => StateFile.Read(json, "account.state.json")));

    [Property(MaxTest = 500)]
    public Property State_SchemaAndReaderAgree_OnMutations() => AgreesOnMutations(StateSchema.Value, States, json => ReaderProblem(() => StateFile.Read(json, "account.state.json")));

    /// <summary>The problem of a reader that reports <see cref="GovernanceInputException"/>s, or null when it reads.</summary>
    private static (string Problem, bool Beyond)? ReaderProblem(Action read)
    {
        try
        {
            read();
            return null;
        }
        catch (GovernanceInputException e)
        {
            return (e.JsonPath + ": " + e.Problem, BeyondSchema(e.Problem));
        }
    }

    private static Property AcceptsValid(SchemaFile schema, Gen<string> documents, Func<string, (string Problem, bool Beyond)?> reader)
        => Prop.ForAll(Arb.From(JsonMutations.Readable(documents)), json => Agreement(schema, json, reader(json)));

    private static Property AgreesOnMutations(SchemaFile schema, Gen<string> documents, Func<string, (string Problem, bool Beyond)?> reader)
        => Prop.ForAll(Arb.From(from json in JsonMutations.Readable(documents) from m in JsonMutations.Of(json) select m),
            m => Agreement(schema, m.Json, reader(m.Json), m.Description));

    // ------------------------------------------------------------------------------------------------ the law

    /// <summary>
    /// The reader's problems that no JSON Schema keyword can express, by what they say (the schemas' descriptions list
    /// the same): uniqueness within a parent, references, cycles, data types, identifier and value lengths counted in
    /// UTF-16 code units, unpaired surrogates, cross-field rule checks.
    /// </summary>
    internal static bool BeyondSchema(string problem) =>
        new[]
        {
            "twice", "more than once", "duplicate", "not defined", "undefined", "cycle", "cyclic", "data type", "offset", "surrogate",
            "characters, this one has", "sorted", "distinct", "one product", "one data product", "already used", "listed once", "normalizes", "trimmed",
        }.Any(p => problem.Contains(p, StringComparison.Ordinal));

    private static Property Agreement(SchemaFile schema, string json, (string Problem, bool Beyond)? reader, string mutation = "generated")
    {
        IReadOnlyList<string> errors;
        try
        {
            errors = schema.Errors(json);
        }
        catch (UnreadableStringException)
        {
            // Out of JSON Schema's reach (see SchemaFile.Readable): the reader alone decides.
            return true.Classify(true, "unpaired surrogate: the reader alone decides");
        }
        var schemaAccepts = errors.Count == 0;
        bool holds;
        string why;
        if (reader is null)
        {
            holds = schemaAccepts;
            why = "the reader accepts it, the schema refuses: " + string.Join("; ", errors.Take(3));
        }
        else
        {
            holds = !schemaAccepts || reader.Value.Beyond;
            why = "the reader refuses it (" + reader.Value.Problem + "), the schema accepts it";
        }
        var kind = reader is null ? "both accept" : schemaAccepts ? "reader only refuses (beyond a schema)" : "both refuse";
        return holds.Label(mutation + ": " + why + "\n" + json).Classify(true, kind);
    }
}

/// <summary>One-point edits of a JSON document: the mistakes a person editing it by hand makes, and a few more.</summary>
internal static class JsonMutations
{
    public sealed record Mutated(string Json, string Description);

    private enum Kind { BogusString, EmptyString, LongString, StringToNumber, OtherString, RemoveProperty, AddProperty, ToNull, NumberOutOfRange, BooleanToString, EmptyArray, DuplicateItem, ObjectToArray }

    /// <summary>Documents JSON Schema can read (<see cref="SchemaFile.Readable"/>): the generators' hostile strings include unpaired surrogates.</summary>
    public static Gen<string> Readable(Gen<string> documents) => documents.Where(json =>
    {
        using var doc = JsonDocument.Parse(json);
        return SchemaFile.Readable(doc.RootElement);
    });

    public static Gen<Mutated> Of(string json) =>
        from kind in Gen.Elements(Enum.GetValues<Kind>())
        from pick in Gen.Choose(0, 1_000_000)
        from other in Gen.Choose(0, 1_000_000)
        select Mutate(json, kind, pick, other);

    private static Mutated Mutate(string json, Kind kind, int pick, int other)
    {
        using (var doc = JsonDocument.Parse(json))
        {
            // System.Text.Json cannot edit a document with an escaped unpaired surrogate: left as it is (the law still checks it).
            if (!SchemaFile.Readable(doc.RootElement)) return new Mutated(json, "unchanged (unpaired surrogate)");
        }
        var root = JsonNode.Parse(json)!;
        var nodes = new List<(JsonNode? Node, JsonNode Parent, string? Key, int Index)>();
        Walk(root, nodes);
        bool IsString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String;
        var candidates = kind switch
        {
            Kind.BogusString or Kind.EmptyString or Kind.LongString or Kind.StringToNumber or Kind.OtherString => nodes.Where(n => IsString(n.Node)).ToList(),
            Kind.RemoveProperty => nodes.Where(n => n.Key is not null).ToList(),
            Kind.AddProperty or Kind.ObjectToArray => nodes.Where(n => n.Node is JsonObject).ToList(),
            Kind.ToNull => nodes.Where(n => n.Node is not null).ToList(),
            Kind.NumberOutOfRange => nodes.Where(n => n.Node is JsonValue v && v.GetValueKind() == JsonValueKind.Number).ToList(),
            Kind.BooleanToString => nodes.Where(n => n.Node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False).ToList(),
            _ => nodes.Where(n => n.Node is JsonArray { Count: > 0 }).ToList(),
        };
        if (candidates.Count == 0) return new Mutated(json, "unchanged (" + kind + ")");
        var target = candidates[pick % candidates.Count];
        var strings = nodes.Where(n => IsString(n.Node)).Select(n => Text(n.Node!)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (strings.Count == 0) strings.Add("x");
        var where = Path(target);
        switch (kind)
        {
            case Kind.BogusString: Replace(target, JsonValue.Create("bogus-value")); break;
            case Kind.EmptyString: Replace(target, JsonValue.Create("")); break;
            case Kind.LongString: Replace(target, JsonValue.Create(new string('A', pick % 2 == 0 ? 256 : 257))); break;
            case Kind.StringToNumber: Replace(target, JsonValue.Create(7)); break;
            case Kind.OtherString: Replace(target, JsonValue.Create(strings[other % strings.Count])); break;
            case Kind.RemoveProperty: ((JsonObject)target.Parent).Remove(target.Key!); break;
            case Kind.AddProperty: ((JsonObject)target.Node!)["extra"] = 1; break;
            case Kind.ObjectToArray: Replace(target, new JsonArray()); break;
            case Kind.ToNull: Replace(target, null); break;
            case Kind.NumberOutOfRange: Replace(target, JsonValue.Create(pick % 2 == 0 ? -5 : 99999)); break;
            case Kind.BooleanToString: Replace(target, JsonValue.Create("true")); break;
            case Kind.EmptyArray: ((JsonArray)target.Node!).Clear(); break;
            default:
                var array = (JsonArray)target.Node!;
                array.Add(array[0]?.DeepClone());
                break;
        }
        return new Mutated(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), kind + " at " + where);
    }

    private static string? Text(JsonNode node)
    {
        try
        {
            return node.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void Walk(JsonNode node, List<(JsonNode? Node, JsonNode Parent, string? Key, int Index)> nodes)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    nodes.Add((value, o, key, -1));
                    if (value is not null) Walk(value, nodes);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    nodes.Add((a[i], a, null, i));
                    if (a[i] is { } item) Walk(item, nodes);
                }
                break;
        }
        if (node.Parent is null) nodes.Insert(0, (node, node, null, -1));
    }

    private static void Replace((JsonNode? Node, JsonNode Parent, string? Key, int Index) target, JsonNode? value)
    {
        if (ReferenceEquals(target.Node, target.Parent)) return;
        if (target.Key is not null) ((JsonObject)target.Parent)[target.Key] = value;
        else ((JsonArray)target.Parent)[target.Index] = value;
    }

    private static string Path((JsonNode? Node, JsonNode Parent, string? Key, int Index) target)
        => ReferenceEquals(target.Node, target.Parent) ? "$" : target.Parent.GetPath() + (target.Key is not null ? "." + target.Key : "[" + target.Index + "]");
}
