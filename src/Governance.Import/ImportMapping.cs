using System.Globalization;
using Governance.Import.Yaml;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Diagnostics;

namespace Governance.Import;

/// <summary>What a mapping rule matches on: the attributes an importer knows about an object (null when unknown).</summary>
internal sealed class MatchSubject
{
    public string? Package { get; init; }
    public string? Group { get; init; }
    public string? Folder { get; init; }
    public string? Database { get; init; }
    public string? Schema { get; init; }
    public string? Domain { get; init; }
    public string? DataProduct { get; init; }

    public string? Get(string key) => key switch
    {
        "package" => Package,
        "group" => Group,
        "folder" => Folder,
        "database" => Database,
        "schema" => Schema,
        "domain" => Domain,
        "dataProduct" => DataProduct,
        _ => null,
    };
}

/// <summary>One rule of the mapping file's <c>products</c> list.</summary>
internal sealed class ProductRule(IReadOnlyList<KeyValuePair<string, string>> match, string? domain, string? product, string? owner, string? database, string? schema, long line)
{
    public IReadOnlyList<KeyValuePair<string, string>> Match { get; } = match;
    public string? Domain { get; } = domain;
    public string? Product { get; } = product;
    public string? Owner { get; } = owner;
    public string? Database { get; } = database;
    public string? Schema { get; } = schema;
    public long Line { get; } = line;

    public bool Matches(MatchSubject subject)
    {
        foreach (var (key, value) in Match)
        {
            if (!string.Equals(subject.Get(key), value, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}

/// <summary>
/// The import mapping file (docs/import.md, "The mapping file"): which domain and product objects go to, where an ODCS
/// contract's tables live, which metadata becomes tags and under what names, which other dbt packages to import, and
/// the type of a column no source types. YAML (or JSON); every key is optional; an unknown key is an error (GOV9016).
/// </summary>
public sealed class ImportMapping
{
    /// <summary>The keys a <c>match</c> may name.</summary>
    internal static readonly string[] MatchKeys = { "package", "group", "folder", "database", "schema", "domain", "dataProduct" };

    private static readonly string[] TopKeys = { "products", "tags", "packages", "disabled", "unknownType" };
    private static readonly string[] RuleKeys = { "match", "domain", "product", "owner", "database", "schema" };
    private static readonly string[] TagKeys = { "meta", "rename" };

    /// <summary>The mapping used when no file is given: every default of docs/import.md.</summary>
    public static readonly ImportMapping Default = new(Array.Empty<ProductRule>(), null, new Dictionary<string, string>(StringComparer.Ordinal), Array.Empty<string>(), false, null, null);

    private ImportMapping(IReadOnlyList<ProductRule> products, IReadOnlySet<string>? metaKeys, IReadOnlyDictionary<string, string> rename,
        IReadOnlyList<string> packages, bool includeDisabled, SnowflakeType? unknownType, string? file)
    {
        Products = products; MetaKeys = metaKeys; Rename = rename; Packages = packages; IncludeDisabled = includeDisabled; UnknownType = unknownType; File = file;
    }

    internal IReadOnlyList<ProductRule> Products { get; }
    /// <summary>The dbt meta keys / ODCS customProperties that become tags; null: all of them.</summary>
    internal IReadOnlySet<string>? MetaKeys { get; }
    /// <summary>Source tag name → the tag it becomes.</summary>
    internal IReadOnlyDictionary<string, string> Rename { get; }
    /// <summary>dbt packages besides the project whose nodes are imported.</summary>
    public IReadOnlyList<string> Packages { get; }
    /// <summary>Whether disabled dbt nodes are imported too.</summary>
    public bool IncludeDisabled { get; }
    /// <summary>The type given to a column no source types; null: such a column is an error.</summary>
    public SnowflakeType? UnknownType { get; }
    /// <summary>The file it was read from, or null for <see cref="Default"/>.</summary>
    public string? File { get; }

    /// <summary>The first rule matching <paramref name="subject"/>, or null.</summary>
    internal ProductRule? Find(MatchSubject subject)
    {
        foreach (var rule in Products)
        {
            if (rule.Matches(subject)) return rule;
        }
        return null;
    }

    /// <summary>Reads a mapping file.</summary>
    /// <exception cref="GovernanceInputException">GOV9016: the file cannot be read or is not a mapping file.</exception>
    public static ImportMapping ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(InputFiles.ReadText(path, GovIds.InvalidImportMapping, "an import mapping file"), path);
    }

    /// <summary>Reads mapping text; <paramref name="file"/> names it in errors.</summary>
    public static ImportMapping Parse(string text, string file)
    {
        var root = YamlTree.Parse(text, file, GovIds.InvalidImportMapping);
        if (root is null) return new ImportMapping(Array.Empty<ProductRule>(), null, new Dictionary<string, string>(StringComparer.Ordinal), Array.Empty<string>(), false, null, file);
        var reader = new Reader(file);
        var top = reader.Mapping(root, "$", "a mapping with `products`, `tags`, `packages` or `unknownType`");
        reader.KnownKeys(top, "$", TopKeys);

        var products = new List<ProductRule>();
        if (top.Get("products") is { } productsValue && !IsNull(productsValue))
        {
            var list = reader.Sequence(productsValue, "$.products", "a list of product rules");
            for (var i = 0; i < list.Items.Count; i++) products.Add(reader.Rule(list.Items[i], "$.products[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
        }

        IReadOnlySet<string>? metaKeys = null;
        var rename = new Dictionary<string, string>(StringComparer.Ordinal);
        if (top.Get("tags") is { } tagsValue && !IsNull(tagsValue))
        {
            var tags = reader.Mapping(tagsValue, "$.tags", "a mapping with `meta` and `rename`");
            reader.KnownKeys(tags, "$.tags", TagKeys);
            if (tags.Get("meta") is { } meta && !IsNull(meta))
            {
                if (meta is YamlScalar { Kind: ScalarKind.Boolean } flag)
                {
                    metaKeys = flag.ValueText == "true" ? null : new HashSet<string>(StringComparer.Ordinal);
                }
                else
                {
                    var keys = reader.Sequence(meta, "$.tags.meta", "`true`, `false` or a list of meta keys");
                    var set = new HashSet<string>(StringComparer.Ordinal);
                    for (var i = 0; i < keys.Items.Count; i++) set.Add(reader.Text(keys.Items[i], "$.tags.meta[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
                    metaKeys = set;
                }
            }
            if (tags.Get("rename") is { } renameValue && !IsNull(renameValue))
            {
                var map = reader.Mapping(renameValue, "$.tags.rename", "a mapping of source tag names to tag names");
                foreach (var (key, value) in map.Entries)
                {
                    var path = "$.tags.rename." + key.Text;
                    var target = reader.Text(value, path);
                    if (SnowflakeIdentifier.Problem(target) is { } problem) throw reader.Fail(value, path, "invalid tag name `" + target + "`: " + problem);
                    rename[key.Text] = target;
                }
            }
        }

        var packages = new List<string>();
        if (top.Get("packages") is { } packagesValue && !IsNull(packagesValue))
        {
            var list = reader.Sequence(packagesValue, "$.packages", "a list of dbt package names");
            for (var i = 0; i < list.Items.Count; i++) packages.Add(reader.Text(list.Items[i], "$.packages[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
        }

        var includeDisabled = false;
        if (top.Get("disabled") is { } disabledValue && !IsNull(disabledValue))
        {
            if (disabledValue is not YamlScalar { Kind: ScalarKind.Boolean } disabledFlag) throw reader.Fail(disabledValue, "$.disabled", "expected `true` or `false`, found " + disabledValue.Describe());
            includeDisabled = disabledFlag.ValueText == "true";
        }

        SnowflakeType? unknownType = null;
        if (top.Get("unknownType") is { } typeValue && !IsNull(typeValue))
        {
            var typeText = reader.Text(typeValue, "$.unknownType");
            if (!SnowflakeType.TryParse(typeText, out unknownType, out var error))
                throw reader.Fail(typeValue, "$.unknownType", (error ?? "unknown type `" + typeText + "`") + "; expected a Snowflake data type like `VARIANT` or `VARCHAR`");
        }
        return new ImportMapping(products, metaKeys, rename, packages, includeDisabled, unknownType, file);
    }

    private static bool IsNull(YamlValue value) => value is YamlScalar { IsNull: true };

    /// <summary>Typed access to the YAML tree, failing with GOV9016 at the value's line and path.</summary>
    private sealed class Reader(string file)
    {
        public GovernanceInputException Fail(YamlValue at, string path, string problem) => new(GovIds.InvalidImportMapping, file, path, at.Line, problem);

        public YamlMapping Mapping(YamlValue value, string path, string expected)
            => value as YamlMapping ?? throw Fail(value, path, "expected " + expected + ", found " + value.Describe());

        public YamlSequence Sequence(YamlValue value, string path, string expected)
            => value as YamlSequence ?? throw Fail(value, path, "expected " + expected + ", found " + value.Describe());

        public string Text(YamlValue value, string path)
        {
            if (value is YamlScalar { IsNull: false } scalar && scalar.Text.Length > 0) return scalar.Text;
            throw Fail(value, path, "expected a non-empty string, found " + value.Describe());
        }

        public void KnownKeys(YamlMapping mapping, string path, string[] known)
        {
            foreach (var (key, _) in mapping.Entries)
            {
                if (Array.IndexOf(known, key.Text) >= 0) continue;
                var hint = Suggestions.DidYouMean(key.Text, known);
                throw Fail(key, path + "." + key.Text, "unknown key `" + key.Text + "`" + (hint.Length > 0 ? hint : "; expected one of " + string.Join(", ", known.Select(k => "`" + k + "`"))));
            }
        }

        public ProductRule Rule(YamlValue value, string path)
        {
            var rule = Mapping(value, path, "a product rule with `match` and `domain`, `product`, `owner`, `database` or `schema`");
            KnownKeys(rule, path, RuleKeys);
            var match = new List<KeyValuePair<string, string>>();
            if (rule.Get("match") is { } matchValue && !IsNull(matchValue))
            {
                var m = Mapping(matchValue, path + ".match", "a mapping of " + string.Join(", ", MatchKeys.Select(k => "`" + k + "`")) + " to values");
                KnownKeys(m, path + ".match", MatchKeys);
                foreach (var (key, v) in m.Entries) match.Add(new KeyValuePair<string, string>(key.Text, Text(v, path + ".match." + key.Text)));
            }
            string? Optional(string key) => rule.Get(key) is { } v && !IsNull(v) ? Text(v, path + "." + key) : null;
            var domain = Optional("domain");
            var product = Optional("product");
            var owner = Optional("owner");
            var database = Optional("database");
            var schema = Optional("schema");
            if (domain is null && product is null && owner is null && database is null && schema is null)
                throw Fail(rule, path, "a product rule sets nothing; expected `domain`, `product`, `owner`, `database` or `schema`");
            if ((database is null) != (schema is null))
                throw Fail(rule, path, "a product rule sets `database` and `schema` together; expected both or neither");
            foreach (var (what, name) in new[] { ("domain name", domain), ("product name", product), ("database name", database), ("schema name", schema) })
            {
                if (name is not null && SnapshotValidator.NameProblem(what, name) is { } problem) throw Fail(rule, path, problem);
            }
            return new ProductRule(match, domain, product, owner, database, schema, rule.Line);
        }
    }
}
