using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Json;

namespace Governance;

/// <summary>
/// The rule-pack manifest: the only bridge between build time and run time. Canonical JSON (keys sorted, sets sorted,
/// two-space indentation, <c>\n</c>) with the SHA-256 of the canonical content (everything but <c>contentHash</c>)
/// recorded in it. The one reader, shared by the runtime and the analyzers.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class ManifestCodec
{
    public const string FormatV1 = "governance.rulepack/v1";
    public const string HashPrefix = "sha256:";

    /// <summary>The manifest text, with its content hash.</summary>
    public static string Write(RulePack pack) => Render(pack, ComputeHash(pack)) + "\n";

    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the canonical content.</summary>
    public static string ComputeHash(RulePack pack) => HashPrefix + TextDigest.Sha256Hex(Render(pack, null));

    private static string Render(RulePack pack, string? hash)
    {
        var w = new CanonicalJsonWriter();
        w.StartObject();
        if (hash is not null) w.Property("contentHash", hash);
        w.Property("description", pack.Description);
        w.Property("format", FormatV1);
        w.Property("name", pack.Name);
        w.Property("publisher", pack.Publisher);
        w.Key("rules").StartArray();
        foreach (var rule in pack.Rules) WriteRule(w, rule);
        w.EndArray();
        w.Property("scope", pack.Scope.ToString());
        w.Key("taxonomy").StartArray();
        foreach (var tag in pack.Taxonomy)
        {
            w.StartObject();
            w.Strings("allowedValues", tag.AllowedValues);
            w.Property("description", tag.Description);
            w.Property("name", tag.Name);
            w.EndObject();
        }
        w.EndArray();
        w.Property("version", pack.Version);
        w.EndObject();
        return w.ToString();
    }

    /// <summary>The canonical JSON of a selector: two selectors mean the same when these are equal.</summary>
    public static string CanonicalSelector(Selector selector)
    {
        var w = new CanonicalJsonWriter();
        WriteSelector(w, selector);
        return w.ToString();
    }

    /// <summary>The canonical JSON of a row filter.</summary>
    public static string CanonicalFilter(RowFilter filter)
    {
        var w = new CanonicalJsonWriter();
        WriteFilter(w, filter);
        return w.ToString();
    }

    /// <summary>The canonical JSON of a rule (as it stands in a manifest).</summary>
    public static string CanonicalRule(Rule rule)
    {
        var w = new CanonicalJsonWriter();
        WriteRule(w, rule);
        return w.ToString();
    }

    private static void WriteRule(CanonicalJsonWriter w, Rule rule)
    {
        // Keys in ordinal order; kind-specific keys are interleaved accordingly.
        var props = new SortedDictionary<string, Action>(StringComparer.Ordinal)
        {
            ["id"] = () => w.Property("id", rule.Id),
            ["kind"] = () => w.Property("kind", Names.Of(rule.Kind)),
            ["rationale"] = () => w.Property("rationale", rule.Rationale),
            ["severity"] = () => w.Property("severity", Names.Of(rule.Severity)),
            ["title"] = () => w.Property("title", rule.Title),
        };
        if (rule.Tightens is not null) props["tightens"] = () => w.Property("tightens", rule.Tightens);
        switch (rule)
        {
            case MaskingRule m:
                props["columns"] = () => { w.Key("columns"); WriteSelector(w, m.Columns); };
                props["strategy"] = () => { w.Key("strategy"); WriteStrategy(w, m.Strategy); };
                props["revealTo"] = () => w.Strings("revealTo", m.RevealTo);
                if (m.Condition is not null)
                {
                    props["condition"] = () =>
                    {
                        w.Key("condition").StartObject();
                        w.Property("column", m.Condition.Column);
                        w.Key("value"); WriteLiteral(w, m.Condition.Value);
                        w.EndObject();
                    };
                }
                break;
            case RowAccessRule r:
                props["datasets"] = () => { w.Key("datasets"); WriteSelector(w, r.Datasets); };
                props["filter"] = () => { w.Key("filter"); WriteFilter(w, r.Filter); };
                props["bypassRoles"] = () => w.Strings("bypassRoles", r.BypassRoles);
                break;
            case TagRequirementRule t:
                props["requirement"] = () =>
                {
                    w.Key("requirement").StartObject();
                    w.Property("level", Names.Of(t.Level));
                    w.Property("tag", t.Tag);
                    w.Property("type", "tag");
                    w.Key("when"); WriteSelector(w, t.When);
                    w.EndObject();
                };
                break;
            case TaxonomyRule x:
                props["requirement"] = () =>
                {
                    w.Key("requirement").StartObject();
                    // A manifest written before unknownTagSeverity existed reads back to the same text (and hash).
                    w.Property("rejectUnknownTags", x.RejectUnknownTags);
                    w.Property("type", "taxonomy");
                    if (x.UnknownTagSeverity is { } unknown && unknown != x.Severity) w.Property("unknownTagSeverity", Names.Of(unknown));
                    w.EndObject();
                };
                break;
            case ProductMetadataRule p:
                props["requirement"] = () =>
                {
                    w.Key("requirement").StartObject();
                    w.Property("field", p.Field == ProductField.Owner ? "owner" : "version");
                    w.Property("type", "productMetadata");
                    w.Key("when"); WriteSelector(w, p.When);
                    w.EndObject();
                };
                break;
            case NamingRule n:
                props["level"] = () => w.Property("level", Names.Of(n.Level));
                props["when"] = () => { w.Key("when"); WriteSelector(w, n.When); };
                props["constraint"] = () => { w.Key("constraint"); WriteConstraint(w, n.Constraint); };
                break;
            default:
                throw new NotSupportedException("unknown rule type " + rule.GetType().Name);
        }
        w.StartObject();
        foreach (var p in props.Values) p();
        w.EndObject();
    }

    private static void WriteSelector(CanonicalJsonWriter w, Selector s)
    {
        w.StartObject();
        switch (s)
        {
            case AlwaysSelector:
                w.Property("type", "always");
                break;
            case TagSelector t:
                w.Property("tag", t.Tag);
                w.Property("type", "tag");
                if (t.Values is not null) w.Strings("values", t.Values);
                break;
            case NameSelector n:
                w.Property("pattern", n.Pattern);
                w.Property("type", "name");
                break;
            case TypeSelector ty:
                w.Key("families").StartArray();
                foreach (var f in ty.Families) w.String(Names.Of(f));
                w.EndArray();
                w.Property("type", "dataType");
                break;
            case KindSelector k:
                w.Key("kinds").StartArray();
                foreach (var kind in k.Kinds) w.String(kind.ToJson());
                w.EndArray();
                w.Property("type", "datasetKind");
                break;
            case DomainSelector d:
                w.Strings("domains", d.Domains);
                w.Property("type", "domain");
                break;
            case ProductSelector p:
                w.Strings("products", p.Products);
                w.Property("type", "product");
                break;
            case HasColumnSelector h:
                w.Property("pattern", h.Pattern);
                w.Property("type", "hasColumn");
                break;
            case AllSelector all:
                w.Key("of").StartArray();
                foreach (var part in all.Parts) WriteSelector(w, part);
                w.EndArray();
                w.Property("type", "all");
                break;
            case AnySelector any:
                w.Key("of").StartArray();
                foreach (var part in any.Parts) WriteSelector(w, part);
                w.EndArray();
                w.Property("type", "any");
                break;
            case NotSelector not:
                w.Key("selector"); WriteSelector(w, not.Inner);
                w.Property("type", "not");
                break;
            default:
                throw new NotSupportedException("unknown selector " + s.GetType().Name);
        }
        w.EndObject();
    }

    private static void WriteStrategy(CanonicalJsonWriter w, MaskingStrategy s)
    {
        w.StartObject();
        switch (s)
        {
            case RedactStrategy r:
                w.Property("replacement", r.Replacement);
                break;
            case KeepLastStrategy k:
                w.Property("count", k.Count);
                w.Property("maskCharacter", k.MaskCharacter);
                break;
            case HashStrategy h:
                if (h.Salt is not null) w.Property("salt", h.Salt);
                break;
            case TruncateDateStrategy t:
                w.Property("type", s.Name);
                w.Property("unit", t.Unit.ToString().ToUpperInvariant());
                w.EndObject();
                return;
            case ConstantStrategy c:
                w.Property("type", s.Name);
                w.Key("value"); WriteLiteral(w, c.Value);
                w.EndObject();
                return;
            case CustomStrategy x:
                w.Key("expression"); WriteExpression(w, x.Expression);
                break;
        }
        w.Property("type", s.Name);
        w.EndObject();
    }

    private static void WriteExpression(CanonicalJsonWriter w, MaskExpression e)
    {
        w.StartObject();
        switch (e)
        {
            case ValueExpression:
                w.Property("type", "value");
                break;
            case LiteralExpression l:
                w.Key("literal"); WriteLiteral(w, l.Literal);
                w.Property("type", "literal");
                break;
            case CallExpression c:
                w.Key("arguments").StartArray();
                foreach (var a in c.Arguments) WriteExpression(w, a);
                w.EndArray();
                w.Property("function", c.Function);
                w.Property("type", "call");
                break;
        }
        w.EndObject();
    }

    private static void WriteLiteral(CanonicalJsonWriter w, Literal l)
    {
        w.StartObject();
        w.Property("kind", Literal.KindName(l.Kind));
        w.Property("value", l.Text);
        w.EndObject();
    }

    private static void WriteFilter(CanonicalJsonWriter w, RowFilter f)
    {
        w.StartObject();
        switch (f)
        {
            case EntitlementFilter e:
                w.Property("column", e.Column);
                w.Property("database", e.Database);
                w.Property("roleColumn", e.RoleColumn);
                w.Property("schema", e.Schema);
                w.Property("table", e.Table);
                w.Property("type", "entitlement");
                w.Property("valueColumn", e.ValueColumn);
                break;
            case PredicateFilter p:
                w.Property("column", p.Column);
                w.Property("operator", PredicateFilter.Symbol(p.Operator));
                w.Property("type", "predicate");
                w.Key("value"); WriteLiteral(w, p.Value);
                break;
        }
        w.EndObject();
    }

    private static void WriteConstraint(CanonicalJsonWriter w, NamingConstraint c)
    {
        w.StartObject();
        switch (c)
        {
            case CaseConstraint cs:
                w.Property("style", Names.Of(cs.Style));
                break;
            case PatternConstraint p:
                w.Property("pattern", p.Pattern);
                break;
            case AffixConstraint a:
                w.Property("type", c.Name);
                w.Strings("values", a.Templates);
                w.EndObject();
                return;
            case MaxLengthConstraint m:
                w.Property("max", m.Max);
                break;
        }
        w.Property("type", c.Name);
        w.EndObject();
    }

    // ------------------------------------------------------------------------------------------------ reading

    /// <summary>
    /// Reads a manifest. Throws <see cref="JsonShapeException"/> (path, line, what was expected) on malformed JSON or a
    /// wrong shape. <paramref name="recordedHash"/> is the hash the file claims; the caller compares it with
    /// <see cref="ComputeHash"/> of the result.
    /// </summary>
    public static RulePack Read(string json, out string? recordedHash)
    {
        var root = Obj(MiniJson.Parse(json));
        root.OnlyKnown("contentHash", "description", "format", "name", "publisher", "rules", "scope", "taxonomy", "version");
        var format = Str(root, "format");
        if (format != FormatV1) throw Shape(root.Get("format")!, "unknown format `" + format + "`; expected `" + FormatV1 + "`");
        recordedHash = OptStr(root, "contentHash");
        var scopeText = Str(root, "scope");
        if (!PackScope.TryParse(scopeText, out var scope)) throw Shape(root.Get("scope")!, "unknown scope `" + scopeText + "`; expected `global` or `domain:NAME`");
        var taxonomy = new List<TagDefinition>();
        foreach (var item in Arr(root, "taxonomy").Items)
        {
            var t = Obj(item);
            t.OnlyKnown("allowedValues", "description", "name");
            taxonomy.Add(new TagDefinition(Str(t, "name"), StrList(t, "allowedValues"), OptStr(t, "description") ?? ""));
        }
        var rules = new List<Rule>();
        foreach (var item in Arr(root, "rules").Items) rules.Add(ReadRule(Obj(item)));
        return new RulePack(Str(root, "name"), Str(root, "version"), scope!, Str(root, "publisher"), taxonomy, rules, OptStr(root, "description") ?? "");
    }

    private static Rule ReadRule(JsonObject o)
    {
        var id = Str(o, "id");
        var kind = Str(o, "kind");
        var severity = ReadSeverity(Req(o, "severity"));
        var title = Str(o, "title");
        var rationale = OptStr(o, "rationale") ?? "";
        var tightens = OptStr(o, "tightens");
        switch (kind)
        {
            case "masking":
            {
                o.OnlyKnown("id", "kind", "severity", "title", "rationale", "tightens", "columns", "strategy", "revealTo", "condition");
                MaskingCondition? condition = null;
                if (o.Get("condition") is { } cn and not JsonNull)
                {
                    var c = Obj(cn);
                    c.OnlyKnown("column", "value");
                    condition = new MaskingCondition(Str(c, "column"), ReadLiteral(Req(c, "value")));
                }
                return new MaskingRule(id, severity, title, rationale, ReadSelector(Req(o, "columns")), ReadStrategy(Obj(Req(o, "strategy"))),
                    StrList(o, "revealTo"), condition, tightens);
            }
            case "rowAccess":
                o.OnlyKnown("id", "kind", "severity", "title", "rationale", "tightens", "datasets", "filter", "bypassRoles");
                return new RowAccessRule(id, severity, title, rationale, ReadSelector(Req(o, "datasets")), ReadFilter(Obj(Req(o, "filter"))),
                    StrList(o, "bypassRoles"), tightens);
            case "tagging":
            {
                o.OnlyKnown("id", "kind", "severity", "title", "rationale", "tightens", "requirement");
                var r = Obj(Req(o, "requirement"));
                var type = Str(r, "type");
                switch (type)
                {
                    case "tag":
                        r.OnlyKnown("level", "tag", "type", "when");
                        return new TagRequirementRule(id, severity, title, rationale, Level(r), Str(r, "tag"), ReadSelector(Req(r, "when")), tightens);
                    case "taxonomy":
                    {
                        r.OnlyKnown("rejectUnknownTags", "type", "unknownTagSeverity");
                        Severity? unknown = Bool(r, "rejectUnknownTags") ? severity : null;
                        if (r.Get("unknownTagSeverity") is { } u)
                        {
                            if (unknown is null) throw Shape(u, "`unknownTagSeverity` needs `\"rejectUnknownTags\": true`");
                            unknown = ReadSeverity(u);
                        }
                        return new TaxonomyRule(id, severity, title, rationale, unknown, tightens);
                    }
                    case "productMetadata":
                    {
                        r.OnlyKnown("field", "type", "when");
                        var field = Str(r, "field");
                        if (field != "owner" && field != "version") throw Shape(r.Get("field")!, "unknown product field `" + field + "`; expected owner or version");
                        return new ProductMetadataRule(id, severity, title, rationale, field == "owner" ? ProductField.Owner : ProductField.Version, ReadSelector(Req(r, "when")), tightens);
                    }
                    default:
                        throw Shape(r.Get("type")!, "unknown requirement type `" + type + "`; expected tag, taxonomy or productMetadata");
                }
            }
            case "naming":
                o.OnlyKnown("id", "kind", "severity", "title", "rationale", "tightens", "level", "when", "constraint");
                return new NamingRule(id, severity, title, rationale, Level(o), ReadSelector(Req(o, "when")), ReadConstraint(Obj(Req(o, "constraint"))), tightens);
            default:
                throw Shape(o.Get("kind")!, "unknown rule kind `" + kind + "`; expected masking, rowAccess, tagging or naming");
        }
    }

    private static Severity ReadSeverity(JsonNode node)
    {
        var text = StrValue(node);
        if (!Names.TryParse(text, Names.Of, Names.Severities, out Severity severity))
            throw Shape(node, "unknown severity `" + text + "`; expected note, warning or error");
        return severity;
    }

    private static TargetLevel Level(JsonObject o)
    {
        var text = Str(o, "level");
        if (!Names.TryParse(text, Names.Of, Names.Levels, out TargetLevel level))
            throw Shape(o.Get("level")!, "unknown level `" + text + "`; expected product, dataset or column");
        return level;
    }

    private static Selector ReadSelector(JsonNode node)
    {
        var o = Obj(node);
        var type = Str(o, "type");
        OnlyKnown(o, type switch
        {
            "tag" => new[] { "tag", "type", "values" },
            "name" or "hasColumn" => new[] { "pattern", "type" },
            "dataType" => new[] { "families", "type" },
            "datasetKind" => new[] { "kinds", "type" },
            "domain" => new[] { "domains", "type" },
            "product" => new[] { "products", "type" },
            "all" or "any" => new[] { "of", "type" },
            "not" => new[] { "selector", "type" },
            "always" => new[] { "type" },
            _ => null, // an unknown type is reported below
        });
        switch (type)
        {
            case "always": return Selector.Always;
            case "tag":
                return new TagSelector(Str(o, "tag"), o.Get("values") is null ? null : StrList(o, "values"));
            case "name": return new NameSelector(Str(o, "pattern"));
            case "hasColumn": return new HasColumnSelector(Str(o, "pattern"));
            case "dataType":
            {
                var families = new List<DataTypeFamily>();
                foreach (var f in Arr(o, "families").Items)
                {
                    var text = StrValue(f);
                    if (!Names.TryParse(text, Names.Of, Names.Families, out DataTypeFamily family))
                        throw Shape(f, "unknown data type family `" + text + "`; expected one of " + string.Join(", ", Array.ConvertAll(Names.Families, Names.Of)));
                    families.Add(family);
                }
                return new TypeSelector(families);
            }
            case "datasetKind":
            {
                var kinds = new List<DatasetKind>();
                foreach (var k in Arr(o, "kinds").Items)
                {
                    var text = StrValue(k);
                    if (!DatasetKinds.TryParse(text, out var kind)) throw Shape(k, "unknown dataset kind `" + text + "`; expected one of " + DatasetKinds.Expected);
                    kinds.Add(kind);
                }
                return new KindSelector(kinds);
            }
            case "domain": return new DomainSelector(StrList(o, "domains"));
            case "product": return new ProductSelector(StrList(o, "products"));
            case "all":
            case "any":
            {
                var parts = new List<Selector>();
                foreach (var p in Arr(o, "of").Items) parts.Add(ReadSelector(p));
                if (parts.Count == 0) throw Shape(o, "`" + type + "` needs at least one selector");
                return type == "all" ? new AllSelector(parts) : new AnySelector(parts);
            }
            case "not": return new NotSelector(ReadSelector(Req(o, "selector")));
            default:
                throw Shape(o.Get("type")!, "unknown selector type `" + type + "`; expected always, tag, name, hasColumn, dataType, datasetKind, domain, product, all, any or not");
        }
    }

    private static MaskingStrategy ReadStrategy(JsonObject o)
    {
        var type = Str(o, "type");
        OnlyKnown(o, type switch
        {
            "redact" => new[] { "replacement", "type" },
            "keepLast" => new[] { "count", "maskCharacter", "type" },
            "hash" => new[] { "salt", "type" },
            "truncateDate" => new[] { "type", "unit" },
            "constant" => new[] { "type", "value" },
            "custom" => new[] { "expression", "type" },
            "nullify" or "emailDomain" => new[] { "type" },
            _ => null,
        });
        switch (type)
        {
            case "redact": return new RedactStrategy(OptStr(o, "replacement") ?? RedactStrategy.DefaultReplacement);
            case "keepLast":
            {
                var count = Int(o, "count", 0, KeepLastStrategy.MaxCount);
                return new KeepLastStrategy(count, OptStr(o, "maskCharacter") ?? "*");
            }
            case "hash": return new HashStrategy(OptStr(o, "salt"));
            case "nullify": return NullifyStrategy.Instance;
            case "emailDomain": return EmailDomainStrategy.Instance;
            case "truncateDate":
            {
                var unit = Str(o, "unit");
                for (var p = DatePart.Year; p <= DatePart.Hour; p++)
                {
                    if (p.ToString().ToUpperInvariant() == unit) return new TruncateDateStrategy(p);
                }
                throw Shape(o.Get("unit")!, "unknown date part `" + unit + "`; expected YEAR, QUARTER, MONTH, WEEK, DAY or HOUR");
            }
            case "constant": return new ConstantStrategy(ReadLiteral(Req(o, "value")));
            case "custom": return new CustomStrategy(ReadExpression(Req(o, "expression")));
            default:
                throw Shape(o.Get("type")!, "unknown masking strategy `" + type + "`; expected redact, keepLast, hash, nullify, emailDomain, truncateDate, constant or custom");
        }
    }

    private static MaskExpression ReadExpression(JsonNode node)
    {
        var o = Obj(node);
        var type = Str(o, "type");
        OnlyKnown(o, type switch
        {
            "literal" => new[] { "literal", "type" },
            "call" => new[] { "arguments", "function", "type" },
            "value" => new[] { "type" },
            _ => null,
        });
        switch (type)
        {
            case "value": return MaskExpression.Value;
            case "literal": return new LiteralExpression(ReadLiteral(Req(o, "literal")));
            case "call":
            {
                var args = new List<MaskExpression>();
                foreach (var a in Arr(o, "arguments").Items) args.Add(ReadExpression(a));
                return new CallExpression(Str(o, "function"), args);
            }
            default:
                throw Shape(o.Get("type")!, "unknown expression type `" + type + "`; expected value, literal or call");
        }
    }

    private static Literal ReadLiteral(JsonNode node)
    {
        var o = Obj(node);
        o.OnlyKnown("kind", "value");
        var kindText = Str(o, "kind");
        if (!Literal.TryParseKindName(kindText, out var kind)) throw Shape(o.Get("kind")!, "unknown literal kind `" + kindText + "`; expected string, number, boolean, date or timestamp");
        var text = Str(o, "value");
        if (!Literal.TryParse(kind, text, out var literal)) throw Shape(o.Get("value")!, "`" + text + "` is not a valid " + kindText + " literal");
        return literal!;
    }

    private static RowFilter ReadFilter(JsonObject o)
    {
        var type = Str(o, "type");
        OnlyKnown(o, type switch
        {
            "predicate" => new[] { "column", "operator", "type", "value" },
            "entitlement" => new[] { "column", "database", "roleColumn", "schema", "table", "type", "valueColumn" },
            _ => null,
        });
        switch (type)
        {
            case "entitlement":
                return new EntitlementFilter(Str(o, "column"), Str(o, "database"), Str(o, "schema"), Str(o, "table"), Str(o, "roleColumn"), Str(o, "valueColumn"));
            case "predicate":
            {
                var symbol = Str(o, "operator");
                for (var op = ComparisonOperator.Equal; op <= ComparisonOperator.GreaterOrEqual; op++)
                {
                    if (PredicateFilter.Symbol(op) == symbol) return new PredicateFilter(Str(o, "column"), op, ReadLiteral(Req(o, "value")));
                }
                throw Shape(o.Get("operator")!, "unknown operator `" + symbol + "`; expected =, <>, <, <=, > or >=");
            }
            default:
                throw Shape(o.Get("type")!, "unknown filter type `" + type + "`; expected entitlement or predicate");
        }
    }

    private static NamingConstraint ReadConstraint(JsonObject o)
    {
        var type = Str(o, "type");
        OnlyKnown(o, type switch
        {
            "case" => new[] { "style", "type" },
            "pattern" => new[] { "pattern", "type" },
            "prefix" or "suffix" => new[] { "type", "values" },
            "maxLength" => new[] { "max", "type" },
            "notReserved" => new[] { "type" },
            _ => null,
        });
        switch (type)
        {
            case "case":
            {
                var text = Str(o, "style");
                if (!Names.TryParse(text, Names.Of, Names.CaseStyles, out CaseStyle style))
                    throw Shape(o.Get("style")!, "unknown case style `" + text + "`; expected UPPER_SNAKE, lower_snake, PascalCase or camelCase");
                return new CaseConstraint(style);
            }
            case "pattern": return new PatternConstraint(Str(o, "pattern"));
            case "prefix":
            case "suffix":
            {
                var values = StrList(o, "values");
                if (values.Count == 0) throw Shape(o.Get("values")!, "at least one " + type + " was expected");
                return new AffixConstraint(type == "prefix", values);
            }
            case "maxLength": return new MaxLengthConstraint(Int(o, "max", 1, SnowflakeIdentifier.MaxLength));
            case "notReserved": return NotReservedConstraint.Instance;
            default:
                throw Shape(o.Get("type")!, "unknown naming constraint `" + type + "`; expected case, pattern, prefix, suffix, maxLength or notReserved");
        }
    }

    // ------------------------------------------------------------------------------------------------ shape helpers

    /// <summary>The object's properties are <paramref name="known"/> (null: its type is unknown, which the caller reports).</summary>
    private static void OnlyKnown(JsonObject o, string[]? known)
    {
        if (known is not null) o.OnlyKnown(known);
    }

    private static JsonShapeException Shape(JsonNode node, string problem) => new JsonShapeException(node.Path, node.Line, problem);

    private static JsonObject Obj(JsonNode node) => node as JsonObject ?? throw Shape(node, "expected an object, found " + node.KindName);

    private static JsonNode Req(JsonObject o, string name)
        => o.Get(name) ?? throw o.Missing(name);

    private static string StrValue(JsonNode node) => node is JsonString s ? s.Value : throw Shape(node, "expected a string, found " + node.KindName);

    private static string Str(JsonObject o, string name) => StrValue(Req(o, name));

    private static string? OptStr(JsonObject o, string name)
    {
        var n = o.Get(name);
        return n is null || n is JsonNull ? null : StrValue(n);
    }

    private static bool Bool(JsonObject o, string name)
    {
        var n = Req(o, name);
        return n is JsonBool b ? b.Value : throw Shape(n, "expected a boolean, found " + n.KindName);
    }

    private static int Int(JsonObject o, string name, int min, int max)
    {
        var n = Req(o, name);
        if (n is JsonNumber num && int.TryParse(num.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        throw Shape(n, "expected an integer from " + min.ToString(CultureInfo.InvariantCulture) + " to " + max.ToString(CultureInfo.InvariantCulture) + ", found " + (n is JsonNumber x ? x.Text : n.KindName));
    }

    private static JsonArray Arr(JsonObject o, string name)
    {
        var n = Req(o, name);
        return n as JsonArray ?? throw Shape(n, "expected an array, found " + n.KindName);
    }

    private static IReadOnlyList<string> StrList(JsonObject o, string name)
    {
        var list = new List<string>();
        foreach (var item in Arr(o, name).Items) list.Add(StrValue(item));
        return list;
    }
}

/// <summary>
/// The checks every reader of a manifest makes — the CLI's loader and the analyzers — so a manifest means the same to
/// both: its shape (<see cref="ManifestCodec.Read"/>), the pack's cross-field rules, and its recorded content hash.
/// Problems are <see cref="GovernanceInputException"/>s naming the file, JSON path and line.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class ManifestChecks
{
    /// <summary>Reads a manifest and checks its shape and cross-field rules (GOV9002); <paramref name="recordedHash"/>
    /// is the hash it claims.</summary>
    public static RulePack ReadValid(string json, string? file, out string? recordedHash)
    {
        RulePack pack;
        try
        {
            pack = ManifestCodec.Read(json, out recordedHash);
        }
        catch (Governance.Json.JsonShapeException e)
        {
            throw new GovernanceInputException(GovIds.InvalidRulePack, file, e.Path, e.Line, e.Problem, e);
        }
        var problems = PackValidation.Problems(pack);
        if (problems.Count > 0)
            throw new GovernanceInputException(GovIds.InvalidRulePack, file, problems[0].Path, null, problems[0].Message
                + (problems.Count > 1 ? " (and " + (problems.Count - 1).ToString(CultureInfo.InvariantCulture) + " more problems)" : ""));
        return pack;
    }

    /// <summary>Checks the recorded content hash against the content (GOV9003).</summary>
    public static void VerifyHash(RulePack pack, string? recordedHash, string? file)
    {
        if (recordedHash is null)
            throw new GovernanceInputException(GovIds.RulePackHashMismatch, file, "$.contentHash", null,
                "the manifest records no content hash; expected `contentHash` as written by `governance pack`");
        var actual = ManifestCodec.ComputeHash(pack);
        if (!string.Equals(recordedHash, actual, StringComparison.Ordinal))
            throw new GovernanceInputException(GovIds.RulePackHashMismatch, file, "$.contentHash", null,
                "the content does not match its hash (recorded `" + recordedHash + "`, computed `" + actual + "`); the manifest was edited after it was published");
    }
}
