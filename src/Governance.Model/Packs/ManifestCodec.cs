using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Diagnostics;

namespace Governance.Packs;

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
    /// <summary>The value of a manifest's <c>format</c>: the version of the manifest format this library reads and writes.</summary>
    public const string FormatV1 = "governance.rulepack/v1";
    /// <summary>The prefix of a manifest's <c>contentHash</c>, before the hex digest.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>The manifest text, with its content hash.</summary>
    public static string Write(RulePack pack) => Render(pack, ComputeHash(pack)) + "\n";

    /// <summary><c>sha256:</c> and the lower-case hex SHA-256 of the canonical content.</summary>
    public static string ComputeHash(RulePack pack) => HashPrefix + TextDigest.Sha256Hex(Render(pack, null));

    private static string Render(RulePack pack, string? hash)
    {
        var w = new CanonicalJsonWriter();
        var writer = new Writer(w);
        w.StartObject();
        if (hash is not null) w.Property("contentHash", hash);
        w.Property("description", pack.Description);
        w.Property("format", FormatV1);
        w.Property("name", pack.Name);
        w.Property("publisher", pack.Publisher);
        w.Key("rules").StartArray();
        foreach (var rule in pack.Rules) rule.Accept(writer);
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

    /// <summary>Writes each node of the rule IR as the manifest holds it: keys in ordinal order.</summary>
    private sealed class Writer : IRuleVisitor<CanonicalJsonWriter>, ISelectorVisitor<CanonicalJsonWriter>, IMaskingStrategyVisitor<CanonicalJsonWriter>,
        IRowFilterVisitor<CanonicalJsonWriter>, INamingConstraintVisitor<CanonicalJsonWriter>, IMaskExpressionVisitor<CanonicalJsonWriter>
    {
        private readonly CanonicalJsonWriter _w;

        public Writer(CanonicalJsonWriter w) => _w = w;

        // ---------------------------------------------------------------------------------------- rules

        /// <summary>The rule's object: its common keys and <paramref name="specific"/> ones, interleaved in ordinal order.</summary>
        private CanonicalJsonWriter Rule(Rule rule, SortedList<string, Action> specific)
        {
            var w = _w;
            specific["id"] = () => w.Property("id", rule.Id);
            specific["kind"] = () => w.Property("kind", Names.Of(rule.Kind));
            specific["rationale"] = () => w.Property("rationale", rule.Rationale);
            specific["severity"] = () => w.Property("severity", Names.Of(rule.Severity));
            specific["title"] = () => w.Property("title", rule.Title);
            if (rule.Tightens is not null) specific["tightens"] = () => w.Property("tightens", rule.Tightens);
            w.StartObject();
            foreach (var p in specific.Values) p();
            return w.EndObject();
        }

        // A sorted list rather than a SortedDictionary, whose tree of key-value pairs is generic code over a value type
        // that ReadyToRun cannot compile ahead: a manifest is rendered (its hash checked) at every start of `check`.
        private static SortedList<string, Action> Keys() => new SortedList<string, Action>(StringComparer.Ordinal);

        public CanonicalJsonWriter Visit(MaskingRule rule)
        {
            var props = Keys();
            props["columns"] = () => { _w.Key("columns"); rule.Columns.Accept(this); };
            props["strategy"] = () => { _w.Key("strategy"); rule.Strategy.Accept(this); };
            props["revealTo"] = () => _w.Strings("revealTo", rule.RevealTo);
            if (rule.Condition is { } condition)
            {
                props["condition"] = () =>
                {
                    _w.Key("condition").StartObject();
                    _w.Property("column", condition.Column);
                    _w.Key("value");
                    Literal(condition.Value);
                    _w.EndObject();
                };
            }
            return Rule(rule, props);
        }

        public CanonicalJsonWriter Visit(RowAccessRule rule)
        {
            var props = Keys();
            props["datasets"] = () => { _w.Key("datasets"); rule.Datasets.Accept(this); };
            props["filter"] = () => { _w.Key("filter"); rule.Filter.Accept(this); };
            props["bypassRoles"] = () => _w.Strings("bypassRoles", rule.BypassRoles);
            return Rule(rule, props);
        }

        public CanonicalJsonWriter Visit(TagRequirementRule rule)
        {
            var props = Keys();
            props["requirement"] = () =>
            {
                _w.Key("requirement").StartObject();
                _w.Property("level", Names.Of(rule.Level));
                _w.Property("tag", rule.Tag);
                _w.Property("type", "tag");
                _w.Key("when");
                rule.When.Accept(this);
                _w.EndObject();
            };
            return Rule(rule, props);
        }

        public CanonicalJsonWriter Visit(TaxonomyRule rule)
        {
            var props = Keys();
            props["requirement"] = () =>
            {
                _w.Key("requirement").StartObject();
                // A manifest written before unknownTagSeverity existed reads back to the same text (and hash).
                _w.Property("rejectUnknownTags", rule.RejectUnknownTags);
                _w.Property("type", "taxonomy");
                if (rule.UnknownTagSeverity is { } unknown && unknown != rule.Severity) _w.Property("unknownTagSeverity", Names.Of(unknown));
                _w.EndObject();
            };
            return Rule(rule, props);
        }

        public CanonicalJsonWriter Visit(ProductMetadataRule rule)
        {
            var props = Keys();
            props["requirement"] = () =>
            {
                _w.Key("requirement").StartObject();
                _w.Property("field", Names.Of(rule.Field));
                _w.Property("type", "productMetadata");
                _w.Key("when");
                rule.When.Accept(this);
                _w.EndObject();
            };
            return Rule(rule, props);
        }

        public CanonicalJsonWriter Visit(NamingRule rule)
        {
            var props = Keys();
            props["level"] = () => _w.Property("level", Names.Of(rule.Level));
            props["when"] = () => { _w.Key("when"); rule.When.Accept(this); };
            props["constraint"] = () => { _w.Key("constraint"); rule.Constraint.Accept(this); };
            return Rule(rule, props);
        }

        // ---------------------------------------------------------------------------------------- selectors

        public CanonicalJsonWriter Visit(AlwaysSelector selector) => _w.StartObject().Property("type", "always").EndObject();

        public CanonicalJsonWriter Visit(TagSelector selector)
        {
            _w.StartObject();
            _w.Property("tag", selector.Tag);
            _w.Property("type", "tag");
            if (selector.Values is not null) _w.Strings("values", selector.Values);
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(NameSelector selector) => _w.StartObject().Property("pattern", selector.Pattern).Property("type", "name").EndObject();

        public CanonicalJsonWriter Visit(TypeSelector selector)
        {
            _w.StartObject();
            _w.Key("families").StartArray();
            foreach (var f in selector.Families) _w.String(Names.Of(f));
            _w.EndArray();
            _w.Property("type", "dataType");
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(KindSelector selector)
        {
            _w.StartObject();
            _w.Key("kinds").StartArray();
            foreach (var kind in selector.Kinds) _w.String(kind.ToJson());
            _w.EndArray();
            _w.Property("type", "datasetKind");
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(DomainSelector selector)
        {
            _w.StartObject();
            _w.Strings("domains", selector.Domains);
            _w.Property("type", "domain");
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(ProductSelector selector)
        {
            _w.StartObject();
            _w.Strings("products", selector.Products);
            _w.Property("type", "product");
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(HasColumnSelector selector) => _w.StartObject().Property("pattern", selector.Pattern).Property("type", "hasColumn").EndObject();

        public CanonicalJsonWriter Visit(AllSelector selector) => Parts(selector.Parts, "all");

        public CanonicalJsonWriter Visit(AnySelector selector) => Parts(selector.Parts, "any");

        private CanonicalJsonWriter Parts(IReadOnlyList<Selector> parts, string type)
        {
            _w.StartObject();
            _w.Key("of").StartArray();
            foreach (var part in parts) part.Accept(this);
            _w.EndArray();
            _w.Property("type", type);
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(NotSelector selector)
        {
            _w.StartObject();
            _w.Key("selector");
            selector.Inner.Accept(this);
            _w.Property("type", "not");
            return _w.EndObject();
        }

        // ---------------------------------------------------------------------------------------- strategies

        public CanonicalJsonWriter Visit(RedactStrategy strategy)
            => _w.StartObject().Property("replacement", strategy.Replacement).Property("type", strategy.Name).EndObject();

        public CanonicalJsonWriter Visit(KeepLastStrategy strategy)
            => _w.StartObject().Property("count", strategy.Count).Property("maskCharacter", strategy.MaskCharacter).Property("type", strategy.Name).EndObject();

        public CanonicalJsonWriter Visit(HashStrategy strategy)
        {
            _w.StartObject();
            if (strategy.Salt is not null) _w.Property("salt", strategy.Salt);
            return _w.Property("type", strategy.Name).EndObject();
        }

        public CanonicalJsonWriter Visit(NullifyStrategy strategy) => _w.StartObject().Property("type", strategy.Name).EndObject();

        public CanonicalJsonWriter Visit(EmailDomainStrategy strategy) => _w.StartObject().Property("type", strategy.Name).EndObject();

        public CanonicalJsonWriter Visit(TruncateDateStrategy strategy)
            => _w.StartObject().Property("type", strategy.Name).Property("unit", strategy.Unit.ToString().ToUpperInvariant()).EndObject();

        public CanonicalJsonWriter Visit(ConstantStrategy strategy)
        {
            _w.StartObject().Property("type", strategy.Name).Key("value");
            Literal(strategy.Value);
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(CustomStrategy strategy)
        {
            _w.StartObject().Key("expression");
            strategy.Expression.Accept(this);
            return _w.Property("type", strategy.Name).EndObject();
        }

        // ---------------------------------------------------------------------------------------- expressions

        public CanonicalJsonWriter Visit(ValueExpression expression) => _w.StartObject().Property("type", "value").EndObject();

        public CanonicalJsonWriter Visit(LiteralExpression expression)
        {
            _w.StartObject().Key("literal");
            Literal(expression.Literal);
            return _w.Property("type", "literal").EndObject();
        }

        public CanonicalJsonWriter Visit(CallExpression expression)
        {
            _w.StartObject();
            _w.Key("arguments").StartArray();
            foreach (var a in expression.Arguments) a.Accept(this);
            _w.EndArray();
            _w.Property("function", expression.Function);
            return _w.Property("type", "call").EndObject();
        }

        private void Literal(Literal l) => _w.StartObject().Property("kind", Governance.Rules.Literal.KindName(l.Kind)).Property("value", l.Text).EndObject();

        // ---------------------------------------------------------------------------------------- filters

        public CanonicalJsonWriter Visit(EntitlementFilter filter)
        {
            _w.StartObject();
            _w.Property("column", filter.Column);
            _w.Property("database", filter.Database);
            _w.Property("roleColumn", filter.RoleColumn);
            _w.Property("schema", filter.Schema);
            _w.Property("table", filter.Table);
            _w.Property("type", "entitlement");
            _w.Property("valueColumn", filter.ValueColumn);
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(PredicateFilter filter)
        {
            _w.StartObject();
            _w.Property("column", filter.Column);
            _w.Property("operator", PredicateFilter.Symbol(filter.Operator));
            _w.Property("type", "predicate");
            _w.Key("value");
            Literal(filter.Value);
            return _w.EndObject();
        }

        // ---------------------------------------------------------------------------------------- naming constraints

        public CanonicalJsonWriter Visit(CaseConstraint constraint)
            => _w.StartObject().Property("style", Names.Of(constraint.Style)).Property("type", constraint.Name).EndObject();

        public CanonicalJsonWriter Visit(PatternConstraint constraint)
            => _w.StartObject().Property("pattern", constraint.Pattern).Property("type", constraint.Name).EndObject();

        public CanonicalJsonWriter Visit(AffixConstraint constraint)
        {
            _w.StartObject();
            _w.Property("type", constraint.Name);
            _w.Strings("values", constraint.Templates);
            return _w.EndObject();
        }

        public CanonicalJsonWriter Visit(MaxLengthConstraint constraint)
            => _w.StartObject().Property("max", constraint.Max).Property("type", constraint.Name).EndObject();

        public CanonicalJsonWriter Visit(NotReservedConstraint constraint) => _w.StartObject().Property("type", constraint.Name).EndObject();
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
                        return new ProductMetadataRule(id, severity, title, rationale, field == Names.Of(ProductField.Owner) ? ProductField.Owner : ProductField.Version, ReadSelector(Req(r, "when")), tightens);
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
internal static class ManifestChecks
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
        catch (Governance.Packs.JsonShapeException e)
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
