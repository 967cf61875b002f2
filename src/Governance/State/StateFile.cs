using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.State;

/// <summary>
/// The state file (<c>governance.state/v1</c>, <c>docs/schemas/state.schema.json</c>): an <see cref="AccountState"/> as
/// canonical JSON — fields in the documented order, every list in the state's order, two-space indentation, <c>\n</c>
/// line ends — so the same state gives the same bytes, and reading a written file gives an equal state. Qualified
/// names are arrays of their stored parts (<c>["GOVERNANCE", "TAGS", "PII"]</c>). A file that is not valid is reported
/// as GOV9017 with the file, the JSON path, the line and what was expected.
/// </summary>
public static class StateFile
{
    private static readonly string[] RootProperties = { "format", "scope", "tags", "maskingPolicies", "rowAccessPolicies", "columnMasking", "rowAccess", "tagMasking", "tagAssignments" };

    /// <summary>The state as canonical JSON, ending with a line feed.</summary>
    public static string Write(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var w = new CanonicalJsonWriter();
        w.StartObject();
        w.Property("format", AccountState.FormatV1);
        w.Key("scope").StartObject();
        w.InlineStrings("policySchema", new[] { state.Scope.PolicySchema.Database, state.Scope.PolicySchema.Schema });
        w.InlineStrings("tagSchema", new[] { state.Scope.TagSchema.Database, state.Scope.TagSchema.Schema });
        w.Key("datasets").StartArray();
        foreach (var d in state.Scope.Datasets)
        {
            w.StartObject();
            Name(w, "name", d.Name);
            w.Property("kind", d.Kind.ToJson());
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();

        w.Key("tags").StartArray();
        foreach (var t in state.Tags)
        {
            w.StartObject();
            Name(w, "name", t.Name);
            if (t.AllowedValues is not null) w.Strings("allowedValues", t.AllowedValues);
            Optional(w, "comment", t.Comment);
            Optional(w, "owner", t.Owner);
            if (t.MultiValue) w.Property("multiValue", true);
            Optional(w, "propagate", t.Propagate);
            w.EndObject();
        }
        w.EndArray();

        Policies(w, "maskingPolicies", state.MaskingPolicies);
        Policies(w, "rowAccessPolicies", state.RowAccessPolicies);

        w.Key("columnMasking").StartArray();
        foreach (var r in state.ColumnMasking)
        {
            w.StartObject();
            Name(w, "dataset", r.Dataset);
            w.Property("domain", r.Domain);
            w.Property("column", r.Column);
            Name(w, "policy", r.Policy);
            if (r.ConditionColumns.Count > 0) w.InlineStrings("conditionColumns", r.ConditionColumns);
            if (r.Tag is not null) Name(w, "tag", r.Tag);
            Optional(w, "status", r.Status);
            w.EndObject();
        }
        w.EndArray();

        w.Key("rowAccess").StartArray();
        foreach (var r in state.RowAccess)
        {
            w.StartObject();
            Name(w, "dataset", r.Dataset);
            w.Property("domain", r.Domain);
            Name(w, "policy", r.Policy);
            w.InlineStrings("on", r.On);
            Optional(w, "status", r.Status);
            w.EndObject();
        }
        w.EndArray();

        w.Key("tagMasking").StartArray();
        foreach (var r in state.TagMasking)
        {
            w.StartObject();
            Name(w, "tag", r.Tag);
            Name(w, "policy", r.Policy);
            Optional(w, "status", r.Status);
            w.EndObject();
        }
        w.EndArray();

        w.Key("tagAssignments").StartArray();
        foreach (var a in state.TagAssignments)
        {
            w.StartObject();
            var (on, parts, kind) = Target(a.Target);
            w.Property("on", on);
            w.InlineStrings("object", parts);
            if (kind is { } k) w.Property("kind", k.ToJson());
            Name(w, "tag", a.Tag);
            w.Property("value", a.Value);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        return w + "\n";
    }

    private static void Policies(CanonicalJsonWriter w, string key, IEnumerable<PolicyState> policies)
    {
        w.Key(key).StartArray();
        foreach (var p in policies)
        {
            w.StartObject();
            Name(w, "name", p.Name);
            w.Key("arguments").StartArray();
            foreach (var a in p.Arguments)
            {
                w.StartObject();
                w.Property("name", a.Name);
                w.Property("type", a.Type);
                w.EndObject();
            }
            w.EndArray();
            w.Property("returnType", p.ReturnType);
            w.Property("body", p.Body);
            if (p.Kind == PolicyKind.Masking) w.Property("exemptOtherPolicies", p.ExemptOtherPolicies);
            Optional(w, "comment", p.Comment);
            Optional(w, "owner", p.Owner);
            w.EndObject();
        }
        w.EndArray();
    }

    private static void Name(CanonicalJsonWriter w, string key, SchemaObjectName name) => w.InlineStrings(key, StateOrder.Parts(name));

    private static void Optional(CanonicalJsonWriter w, string key, string? value)
    {
        if (value is not null) w.Property(key, value);
    }

    private static (string On, string[] Parts, DatasetKind? Kind) Target(TagTarget target) => target switch
    {
        DatabaseTarget d => ("database", new[] { d.Database }, null),
        SchemaTarget s => ("schema", new[] { s.Schema.Database, s.Schema.Schema }, null),
        DatasetTarget t => ("dataset", StateOrder.Parts(t.Dataset), t.Kind),
        ColumnTarget c => ("column", StateOrder.Parts(c.Dataset).Append(c.Column).ToArray(), c.Kind),
        _ => throw new ArgumentException("unknown tag target `" + target + "`", nameof(target)),
    };

    /// <summary>Reads a state file.</summary>
    /// <exception cref="GovernanceInputException">GOV9017: the file cannot be read or is not a valid state file.</exception>
    public static AccountState ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = InputFiles.ReadText(path, GovIds.InvalidStateFile, "a state file (governance.state/v1)", new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        return Read(text, path);
    }

    /// <summary>Reads a state from JSON text; <paramref name="fileName"/> only names it in errors.</summary>
    /// <exception cref="GovernanceInputException">GOV9017: the text is not a valid state file.</exception>
    public static AccountState Read(string json, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode root;
        try
        {
            root = MiniJson.Parse(json);
        }
        catch (JsonShapeException e)
        {
            throw new GovernanceInputException(GovIds.InvalidStateFile, fileName, e.Path, e.Line, e.Problem + " (the file is not valid JSON)", e);
        }
        return new Reader(fileName).State(root);
    }

    private sealed class Reader(string? file)
    {
        private GovernanceInputException Error(JsonNode node, string problem) => new(GovIds.InvalidStateFile, file, node.Path, node.Line, problem);

        public AccountState State(JsonNode node)
        {
            if (node is not JsonObject root) throw Error(node, "expected a JSON object, an account state (" + AccountState.FormatV1 + "), found " + node.KindName);
            var format = root.Get("format") ?? throw Error(root, "missing required property `format`; expected `" + AccountState.FormatV1 + "`");
            if (format is not JsonString { Value: var f }) throw Error(format, "expected the string `" + AccountState.FormatV1 + "`, found " + format.KindName);
            if (f != AccountState.FormatV1)
            {
                throw Error(format, f.StartsWith("governance.state/", StringComparison.Ordinal)
                    ? "unsupported state file format `" + f + "`; expected `" + AccountState.FormatV1 + "` (the file was written by another version of the tool)"
                    : "`" + f + "` is not a state file format; expected `" + AccountState.FormatV1 + "`");
            }
            Properties(root, RootProperties);
            var scope = Scope(Required(root, "scope"));
            var tags = Items(root, "tags", Tag, t => StateOrder.Parts(t.Name), "tag");
            var masking = Items(root, "maskingPolicies", n => Policy(n, PolicyKind.Masking), p => StateOrder.Parts(p.Name), "masking policy");
            var rowAccess = Items(root, "rowAccessPolicies", n => Policy(n, PolicyKind.RowAccess), p => StateOrder.Parts(p.Name), "row access policy");
            var columnMasking = Items(root, "columnMasking", ColumnMasking, StateOrder.Key, "masking policy reference of a column (dataset, column and tag)");
            var rows = Items(root, "rowAccess", RowAccess, StateOrder.Key, "row access policy reference of a dataset");
            var tagMasking = Items(root, "tagMasking", TagMasking, StateOrder.Key, "masking policy reference of a tag");
            var assignments = Items(root, "tagAssignments", Assignment, StateOrder.Key, "tag assignment (object and tag)");
            return new AccountState(scope, tags, masking, rowAccess, columnMasking, rows, tagMasking, assignments);
        }

        private StateScope Scope(JsonNode node)
        {
            var o = Object(node, "the scope", "policySchema", "tagSchema", "datasets");
            var datasets = Items(o, "datasets", d =>
            {
                var item = Object(d, "a dataset", "name", "kind");
                var kindNode = Required(item, "kind");
                if (!DatasetKinds.TryParse(String(kindNode), out var kind)) throw Error(kindNode, "unknown dataset kind `" + String(kindNode) + "`; expected one of " + DatasetKinds.Expected);
                return new ScopeDataset(Name(Required(item, "name")), kind);
            }, d => StateOrder.Parts(d.Name), "dataset");
            return new StateScope(Schema(Required(o, "policySchema")), Schema(Required(o, "tagSchema")), datasets);
        }

        private TagState Tag(JsonNode node)
        {
            var o = Object(node, "a tag", "name", "allowedValues", "comment", "owner", "multiValue", "propagate");
            var name = Name(Required(o, "name"));
            List<string>? values = null;
            if (o.Get("allowedValues") is { } v)
            {
                var nodes = Array(v, "the allowed values");
                values = nodes.Select(String).ToList();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < values.Count; i++)
                {
                    if (!seen.Add(values[i])) throw Error(nodes[i], "allowed value `" + values[i] + "` is listed twice");
                    Check(nodes[i], () => SqlText.RequireTagValue(values[i]));
                }
            }
            var multiValue = o.Get("multiValue") is { } m && (m is JsonBool b ? b.Value : throw Error(m, "expected true or false, found " + m.KindName));
            return Check(node, () => new TagState(name, values, OptionalString(o, "comment"), OptionalString(o, "owner"), multiValue, OptionalString(o, "propagate")));
        }

        private PolicyState Policy(JsonNode node, PolicyKind kind)
        {
            var o = kind == PolicyKind.Masking
                ? Object(node, "a masking policy", "name", "arguments", "returnType", "body", "exemptOtherPolicies", "comment", "owner")
                : Object(node, "a row access policy", "name", "arguments", "returnType", "body", "comment", "owner");
            var name = Name(Required(o, "name"));
            var argumentNodes = Array(Required(o, "arguments"), "the arguments");
            if (argumentNodes.Count == 0) throw Error(Required(o, "arguments"), "a policy has at least one argument");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var arguments = new List<PolicyArgumentState>();
            foreach (var a in argumentNodes)
            {
                var ao = Object(a, "an argument", "name", "type");
                var argumentName = Identifier(Required(ao, "name"));
                if (!seen.Add(argumentName)) throw Error(a, "argument `" + argumentName + "` is given twice");
                var typeNode = Required(ao, "type");
                var type = NonEmpty(typeNode);
                if (StateText.ArgumentType(type) != type) throw Error(typeNode, "expected a base type name as Snowflake normalizes it, like `" + StateText.ArgumentType(type) + "`, found `" + type + "`");
                arguments.Add(new PolicyArgumentState(argumentName, type));
            }
            var returnNode = Required(o, "returnType");
            var returnType = NonEmpty(returnNode);
            if (StateText.Type(returnType) != returnType) throw Error(returnNode, "expected a data type as Snowflake normalizes it, like `" + StateText.Type(returnType) + "`, found `" + returnType + "`");
            var bodyNode = Required(o, "body");
            var body = String(bodyNode);
            if (body.Trim() != body) throw Error(bodyNode, "expected the body trimmed of leading and trailing white space, as Snowflake stores it");
            var exempt = false;
            if (kind == PolicyKind.Masking)
            {
                var e = Required(o, "exemptOtherPolicies");
                exempt = e is JsonBool b ? b.Value : throw Error(e, "expected true or false, found " + e.KindName);
            }
            return Check(node, () => new PolicyState(kind, name, arguments, returnType, body, exempt, OptionalString(o, "comment"), OptionalString(o, "owner")));
        }

        private ColumnMaskingReference ColumnMasking(JsonNode node)
        {
            var o = Object(node, "a masking policy reference of a column", "dataset", "domain", "column", "policy", "conditionColumns", "tag", "status");
            var conditions = o.Get("conditionColumns") is { } c ? Identifiers(c, "the condition columns") : new List<string>();
            var tag = o.Get("tag") is { } t ? Name(t) : null;
            return Check(node, () => new ColumnMaskingReference(Name(Required(o, "dataset")), Domain(Required(o, "domain")), Identifier(Required(o, "column")),
                Name(Required(o, "policy")), conditions, tag, OptionalString(o, "status")));
        }

        private RowAccessReference RowAccess(JsonNode node)
        {
            var o = Object(node, "a row access policy reference of a dataset", "dataset", "domain", "policy", "on", "status");
            var onNode = Required(o, "on");
            var on = Identifiers(onNode, "the ON columns");
            if (on.Count == 0) throw Error(onNode, "a row access policy is set on at least one column");
            return Check(node, () => new RowAccessReference(Name(Required(o, "dataset")), Domain(Required(o, "domain")), Name(Required(o, "policy")), on, OptionalString(o, "status")));
        }

        private TagMaskingReference TagMasking(JsonNode node)
        {
            var o = Object(node, "a masking policy reference of a tag", "tag", "policy", "status");
            return Check(node, () => new TagMaskingReference(Name(Required(o, "tag")), Name(Required(o, "policy")), OptionalString(o, "status")));
        }

        private TagAssignmentState Assignment(JsonNode node)
        {
            var o = Object(node, "a tag assignment", "on", "object", "kind", "tag", "value");
            var onNode = Required(o, "on");
            var on = String(onNode);
            var objectNode = Required(o, "object");
            var parts = Identifiers(objectNode, "the object's name");
            var expected = on switch
            {
                "database" => 1,
                "schema" => 2,
                "dataset" => 3,
                "column" => 4,
                _ => throw Error(onNode, "unknown level `" + on + "`; expected one of database, schema, dataset, column"),
            };
            if (parts.Count != expected) throw Error(objectNode, "a " + on + " is named by " + expected + (expected == 1 ? " part" : " parts") + ", found " + parts.Count);
            DatasetKind? kind = null;
            var kindNode = o.Get("kind");
            if (expected >= 3)
            {
                if (kindNode is null) throw Error(o, "missing required property `kind`: the kind of the " + on + "'s dataset, one of " + DatasetKinds.Expected);
                if (!DatasetKinds.TryParse(String(kindNode), out var k)) throw Error(kindNode, "unknown dataset kind `" + String(kindNode) + "`; expected one of " + DatasetKinds.Expected);
                kind = k;
            }
            else if (kindNode is not null) throw Error(kindNode, "a " + on + " has no `kind`");
            TagTarget target = expected switch
            {
                1 => new DatabaseTarget(parts[0]),
                2 => new SchemaTarget(new SchemaName(parts[0], parts[1])),
                3 => new DatasetTarget(kind!.Value, new SchemaObjectName(parts[0], parts[1], parts[2])),
                _ => new ColumnTarget(kind!.Value, new SchemaObjectName(parts[0], parts[1], parts[2]), parts[3]),
            };
            var valueNode = Required(o, "value");
            var value = String(valueNode);
            Check(valueNode, () => SqlText.RequireTagValue(value));
            return Check(node, () => new TagAssignmentState(target, Name(Required(o, "tag")), value));
        }

        // ------------------------------------------------------------------------------------------------ shapes

        private List<T> Items<T>(JsonObject parent, string key, Func<JsonNode, T> read, Func<T, IReadOnlyList<string>> identity, string what)
        {
            var nodes = Array(Required(parent, key), "`" + key + "`");
            var items = new List<T>(nodes.Count);
            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var n in nodes)
            {
                var item = read(n);
                var id = string.Join("\u0000", identity(item));
                if (seen.TryGetValue(id, out var earlier)) throw Error(n, "a second entry for one " + what + " (the first is at " + earlier + "); each is listed once");
                seen[id] = n.Path;
                items.Add(item);
            }
            return items;
        }

        private JsonObject Object(JsonNode node, string what, params string[] allowed)
        {
            if (node is not JsonObject o) throw Error(node, "expected " + what + " (an object), found " + node.KindName);
            Properties(o, allowed);
            return o;
        }

        private void Properties(JsonObject o, string[] allowed)
        {
            foreach (var m in o.Members)
            {
                if (!allowed.Contains(m.Key, StringComparer.Ordinal))
                    throw Error(m.Value, "unknown property `" + m.Key + "`; expected " + string.Join(", ", allowed.Select(a => "`" + a + "`")));
            }
        }

        private JsonNode Required(JsonObject o, string key)
            => o.Get(key) ?? throw Error(o, "missing required property `" + key + "`");

        private IReadOnlyList<JsonNode> Array(JsonNode node, string what)
            => node is JsonArray a ? a.Items : throw Error(node, "expected " + what + " (an array), found " + node.KindName);

        private string String(JsonNode node) => node is JsonString s ? s.Value : throw Error(node, "expected a string, found " + node.KindName);

        private string NonEmpty(JsonNode node) => String(node) is { Length: > 0 } s ? s : throw Error(node, "expected a non-empty string");

        private string? OptionalString(JsonObject o, string key)
        {
            var node = o.Get(key);
            if (node is null) return null;
            var s = String(node);
            return s.Length == 0 ? throw Error(node, "expected a non-empty string; leave `" + key + "` out when there is none") : s;
        }

        private string Domain(JsonNode node)
        {
            // Upper-case words as POLICY_REFERENCES gives them (TABLE, VIEW, DYNAMIC_TABLE, EXTERNAL TABLE …): the schema's pattern.
            var s = NonEmpty(node);
            return s.Trim().Length == s.Length && s.All(c => c is (>= 'A' and <= 'Z') or '_' or ' ') ? s
                : throw Error(node, "expected an entity domain in upper case, like `TABLE` or `VIEW`, found `" + s + "`");
        }

        private string Identifier(JsonNode node)
        {
            var s = String(node);
            Check(node, () => SqlText.RequireIdentifier(s));
            return s;
        }

        private List<string> Identifiers(JsonNode node, string what) => Array(node, what).Select(Identifier).ToList();

        private SchemaObjectName Name(JsonNode node)
        {
            var parts = Identifiers(node, "a qualified name, [\"DATABASE\", \"SCHEMA\", \"NAME\"]");
            if (parts.Count != 3) throw Error(node, "expected a qualified name of 3 parts, [\"DATABASE\", \"SCHEMA\", \"NAME\"], found " + parts.Count);
            return new SchemaObjectName(parts[0], parts[1], parts[2]);
        }

        private SchemaName Schema(JsonNode node)
        {
            var parts = Identifiers(node, "a schema name, [\"DATABASE\", \"SCHEMA\"]");
            if (parts.Count != 2) throw Error(node, "expected a schema name of 2 parts, [\"DATABASE\", \"SCHEMA\"], found " + parts.Count);
            return new SchemaName(parts[0], parts[1]);
        }

        private void Check(JsonNode node, Action check) => Check(node, () => { check(); return true; });

        private T Check<T>(JsonNode node, Func<T> build)
        {
            try
            {
                return build();
            }
            catch (Exception e) when (e is SnowflakeCompileException or ArgumentException)
            {
                throw Error(node, e.Message);
            }
        }
    }
}
