using System.Text.Json.Nodes;
using JsonArray = System.Text.Json.Nodes.JsonArray;
using JsonNode = System.Text.Json.Nodes.JsonNode;
using JsonObject = System.Text.Json.Nodes.JsonObject;
using FsCheck;
using FsCheck.Fluent;
using JsonShapeException = Governance.Packs.JsonShapeException;
using Governance.Tests.Generators;
using Governance.Tests.Manifests;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Properties;

/// <summary>
/// A misspelling is never silent: a misspelt field name of a snapshot or a manifest is an input error naming it (and
/// the schemas refuse it too), and a misspelt tag name or tag value in the mesh is a finding — in the evaluator and in
/// the analyzers' checks alike.
/// </summary>
public sealed class MisspellingPropertyTests
{
    /// <summary>One typing mistake: a letter dropped, added, replaced or swapped with the next, or its case flipped.</summary>
    internal static Gen<string> Misspelt(string word) =>
        from edit in Gen.Choose(0, 4)
        from at in Gen.Choose(0, word.Length - 1)
        from letter in Gen.Elements("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_".ToCharArray())
        let misspelt = edit switch
        {
            0 when word.Length > 1 => word.Remove(at, 1),
            1 => word.Insert(at, letter.ToString()),
            2 => word.Remove(at, 1).Insert(at, letter.ToString()),
            3 when at + 1 < word.Length => word.Substring(0, at) + word[at + 1] + word[at] + word.Substring(at + 2),
            _ => word.Substring(0, at) + (char.IsUpper(word[at]) ? char.ToLowerInvariant(word[at]) : char.ToUpperInvariant(word[at])) + word.Substring(at + 1),
        }
        select misspelt;

    [Property(MaxTest = 500)]
    public Property Suggestions_NameAWordOneTypingMistakeAway()
    {
        var words = new[] { "tags", "name", "columns", "datasets", "SENSITIVITY", "CLASSIFICATION", "email", "confidential", "PII" };
        var gen = from word in Gen.Elements(words)
                  from misspelt in Misspelt(word)
                  where misspelt != word
                  select (word, misspelt);
        return Prop.ForAll(Arb.From(gen), x =>
        {
            var suggested = Suggestions.Closest(x.misspelt, words);
            return (suggested is not null && Suggestions.Distance(x.misspelt, suggested) <= 1 && Suggestions.Distance(x.misspelt, x.word) <= 1
                    && Suggestions.Distance(x.word, x.misspelt) == Suggestions.Distance(x.misspelt, x.word))
                .Label(x.misspelt + " -> " + suggested);
        });
    }

    /// <summary>Every object of a JSON document whose keys are field names (tag maps excluded), with its path.</summary>
    private static List<JsonObject> FieldObjects(JsonNode node, bool isTagMap = false)
    {
        var list = new List<JsonObject>();
        switch (node)
        {
            case JsonObject o:
                if (!isTagMap && o.Count > 0) list.Add(o);
                foreach (var (key, value) in o)
                {
                    if (value is not null) list.AddRange(FieldObjects(value, key == "tags"));
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null) list.AddRange(FieldObjects(item));
                }
                break;
        }
        return list;
    }

    /// <summary>
    /// A document with one field name of one object misspelt (never into a name the object has, nor into another field
    /// the format knows: `sources` misspelt `source` is a different field, not a typo).
    /// </summary>
    private static Gen<(string Json, string Misspelt)> WithMisspeltField(string json, IReadOnlySet<string> formatFields) =>
        from objectIndex in Gen.Choose(0, int.MaxValue - 1)
        from keyIndex in Gen.Choose(0, int.MaxValue - 1)
        let root = JsonNode.Parse(json)!
        let objects = FieldObjects(root)
        let target = objects[objectIndex % objects.Count]
        let key = target.Select(p => p.Key).ElementAt(keyIndex % target.Count)
        from misspelt in Misspelt(key)
        where !target.ContainsKey(misspelt) && !formatFields.Contains(misspelt)
        select (Rename(root, target, key, misspelt), misspelt);

    /// <summary>Every property name a JSON Schema declares, at any depth.</summary>
    private static IReadOnlySet<string> DeclaredFields(SchemaFile schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Walk(System.Text.Json.JsonElement e)
        {
            if (e.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                foreach (var p in e.EnumerateObject())
                {
                    if (p.Name == "properties" && p.Value.ValueKind == System.Text.Json.JsonValueKind.Object)
                        foreach (var field in p.Value.EnumerateObject()) names.Add(field.Name);
                    Walk(p.Value);
                }
            }
            else if (e.ValueKind == System.Text.Json.JsonValueKind.Array)
            {
                foreach (var item in e.EnumerateArray()) Walk(item);
            }
        }
        Walk(schema.Root);
        return names;
    }

    private static readonly System.Text.RegularExpressions.Regex KeyLine = new(@"^(?<indent>[ ]*)""(?<key>[A-Za-z]+)"": ", System.Text.RegularExpressions.RegexOptions.Multiline);

    /// <summary>
    /// The same for canonical JSON, edited as text (generated packs hold lone surrogates, which a JSON DOM refuses): one
    /// key line's name misspelt into a name no object of the document has.
    /// </summary>
    private static Gen<(string Json, string Misspelt)> WithMisspeltKeyLine(string json) =>
        from keyIndex in Gen.Choose(0, int.MaxValue - 1)
        let keys = KeyLine.Matches(json)
        let chosen = keys[keyIndex % keys.Count]
        let key = chosen.Groups["key"].Value
        from misspelt in Misspelt(key)
        where keys.All(k => k.Groups["key"].Value != misspelt)
        select (json.Substring(0, chosen.Index) + chosen.Groups["indent"].Value + "\"" + misspelt + "\": " + json.Substring(chosen.Index + chosen.Length), misspelt);

    private static string Rename(JsonNode root, JsonObject target, string key, string misspelt)
    {
        var members = target.Select(p => (p.Key == key ? misspelt : p.Key, p.Value)).ToList();
        target.Clear();
        foreach (var (k, v) in members) target[k] = v;
        return root.ToJsonString();
    }

    [Property(MaxTest = 300)]
    public Property Snapshot_MisspeltFieldName_IsAnErrorNamingIt_InReaderAndSchema()
    {
        var schema = SchemaFile.Docs("snapshot.schema.json");
        var fields = DeclaredFields(schema);
        var gen = from json in Schemas.JsonMutations.Readable(SnapshotGen.Snapshot(maxDomains: 2, maxProducts: 2, maxDatasets: 2, maxColumns: 3).Select(SnapshotWriter.ToJson))
                  from edit in WithMisspeltField(json, fields)
                  select edit;
        return Prop.ForAll(Arb.From(gen), x =>
        {
            string problem;
            try
            {
                SnapshotReader.Parse(x.Json, "mesh.json");
                problem = "(read without error)";
            }
            catch (GovernanceInputException e)
            {
                problem = e.Problem;
            }
            var reported = problem.StartsWith("unknown property `" + x.Misspelt + "`", StringComparison.Ordinal);
            var refused = schema.Errors(x.Json).Count > 0;
            return (reported && refused).Label(x.Misspelt + ": reader said " + problem + "; schema refused: " + refused);
        });
    }

    [Property(MaxTest = 300)]
    public Property Manifest_MisspeltFieldName_IsAnErrorNamingIt_InReaderAndSchema()
    {
        var gen = from json in Schemas.JsonMutations.Readable(PackGen.GlobalPack().Select(ManifestCodec.Write))
                  from edit in WithMisspeltKeyLine(json)
                  select edit;
        return Prop.ForAll(Arb.From(gen), x =>
        {
            string problem;
            try
            {
                ManifestCodec.Read(x.Json, out _);
                problem = "(read without error)";
            }
            catch (JsonShapeException e)
            {
                problem = e.Problem;
            }
            var reported = problem.StartsWith("unknown property `" + x.Misspelt + "`", StringComparison.Ordinal);
            var refused = RulePackSchema.Validate(x.Json).Count > 0;
            return (reported && refused).Label(x.Misspelt + ": reader said " + problem + "; schema refused: " + refused);
        });
    }

    private static readonly TagDefinition[] Taxonomy =
    {
        new("PII", new[] { "email", "phone", "ssn", "name" }, ""),
        new("SENSITIVITY", new[] { "public", "internal", "confidential", "restricted" }, ""),
        new("CLASSIFICATION", new[] { "personal", "business" }, ""),
    };

    /// <summary>A pack that only declares the taxonomy: the default rule enforces it.</summary>
    private static RulePack DeclaringPack()
    {
        var b = RulePackBuilder.Global("board", "1.0.0", "board");
        foreach (var t in Taxonomy) b.Tag(t.Name, t.Description, t.AllowedValues.ToArray());
        return b.Build();
    }

    [Property(MaxTest = 300)]
    public Property MisspeltTagNameOrValue_IsAlwaysReported_ByEvaluatorAndAnalyzerChecks()
    {
        var gen = from tag in Gen.Elements(Taxonomy)
                  from value in Gen.Elements(tag.AllowedValues.ToArray())
                  from misspellName in Gen.Elements(true, false)
                  from misspelt in Misspelt(misspellName ? tag.Name : value)
                  where misspellName ? Taxonomy.All(t => t.Name != misspelt) : !tag.Allows(misspelt)
                  from level in Gen.Choose(0, 2)
                  select (Tag: misspellName ? misspelt : tag.Name, Value: misspellName ? value : misspelt, Expected: misspellName ? GovIds.UnknownTag : GovIds.TagValueNotAllowed, Level: level);
        var packs = PackSet.Create(new[] { DeclaringPack() });
        return Prop.ForAll(Arb.From(gen), x =>
        {
            var tags = TagSet.Of((x.Tag, x.Value));
            var column = new Column("COL", SnowflakeType.Parse("VARCHAR(10)"), true, x.Level == 2 ? tags : null);
            var dataset = new Dataset("DS", DatasetKind.Table, new[] { column }, x.Level == 1 ? tags : null);
            var product = new DataProduct("p", "1.0.0", "o", "DB", "SCH", new[] { dataset }, x.Level == 0 ? tags : null);
            var snapshot = new MetadataSnapshot(Array.Empty<RoleDefinition>(), new[] { new Domain("d", "o", new[] { product }) });
            var evaluator = Evaluator.Compile(packs).Evaluate(snapshot).Findings.Select(f => f.Id).ToList();
            var checks = Checks.Run(packs, snapshot).Select(v => v.Id).ToList();
            return (evaluator.SequenceEqual(new[] { x.Expected }) && checks.SequenceEqual(evaluator))
                .Label(x.Tag + "=" + x.Value + ": evaluator " + string.Join(",", evaluator) + ", checks " + string.Join(",", checks));
        });
    }
}
