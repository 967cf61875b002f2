using System.Text.RegularExpressions;
using FsCheck.Fluent;
using Governance.Tests.Generators;

namespace Governance.Tests.Manifests;

/// <summary>
/// The manifest properties are only as good as the packs they see: a sample of generated manifests must use every
/// shape of the format (selector, strategy, expression, literal, filter, requirement and constraint types, every
/// enum value) and the awkward strings the writer has to escape.
/// </summary>
public sealed class PackGenCoverageTests
{
    // A fixed seed: a coverage check must not depend on the luck of the draw (it was flaky with a random one).
    private static readonly Lazy<string[]> Manifests = new(() =>
        Gen.Sample(Gen.CollectToArray(Enumerable.Range(0, 1000), _ => PackGen.Pack()), 20, new FsCheck.Rnd(20261124UL), 1)[0]
            .Select(ManifestCodec.Write).ToArray());

    private static HashSet<string> Values(string key)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pattern = new Regex("\"" + key + "\": \"([^\"]*)\"", RegexOptions.CultureInvariant);
        foreach (var m in Manifests.Value) foreach (Match x in pattern.Matches(m)) found.Add(x.Groups[1].Value);
        return found;
    }

    private static HashSet<string> ArrayItems(string key)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pattern = new Regex("\"" + key + "\": \\[([^\\]]*)\\]", RegexOptions.CultureInvariant);
        var item = new Regex("\"([^\"]*)\"", RegexOptions.CultureInvariant);
        foreach (var m in Manifests.Value)
        {
            foreach (Match x in pattern.Matches(m))
            {
                foreach (Match i in item.Matches(x.Groups[1].Value)) found.Add(i.Groups[1].Value);
            }
        }
        return found;
    }

    [Test]
    public void EveryTypeTag_Occurs()
    {
        string[] selectors = { "always", "tag", "name", "hasColumn", "dataType", "datasetKind", "domain", "product", "all", "any", "not" };
        string[] strategies = { "redact", "keepLast", "hash", "nullify", "emailDomain", "truncateDate", "constant", "custom" };
        string[] expressions = { "value", "literal", "call" };
        string[] filters = { "entitlement", "predicate" };
        string[] requirements = { "tag", "taxonomy", "productMetadata" };
        string[] constraints = { "case", "pattern", "prefix", "suffix", "maxLength", "notReserved" };
        Assert.That(Values("type"), Is.SupersetOf(selectors.Concat(strategies).Concat(expressions).Concat(filters).Concat(requirements).Concat(constraints).Distinct(StringComparer.Ordinal)));
    }

    [Test]
    public void EveryKindAndEnumValue_Occurs()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Values("kind"), Is.SupersetOf(new[] { "masking", "rowAccess", "tagging", "naming", "string", "number", "boolean", "date", "timestamp" }));
            Assert.That(Values("severity"), Is.EquivalentTo(new[] { "note", "warning", "error" }));
            Assert.That(Values("level"), Is.EquivalentTo(new[] { "product", "dataset", "column" }));
            Assert.That(Values("scope"), Does.Contain("global").And.Contain("domain:sales"));
            Assert.That(Values("function"), Is.EquivalentTo(MaskFunctions.Names));
            Assert.That(Values("unit"), Is.EquivalentTo(new[] { "YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR" }));
            Assert.That(Values("operator"), Is.EquivalentTo(new[] { "=", "<>", "<", "<=", ">", ">=" }));
            Assert.That(Values("style"), Is.EquivalentTo(new[] { "UPPER_SNAKE", "lower_snake", "PascalCase", "camelCase" }));
            Assert.That(Values("field"), Is.EquivalentTo(new[] { "owner", "version" }));
            Assert.That(ArrayItems("families"), Is.EquivalentTo(new[] { "text", "numeric", "boolean", "date", "time", "timestamp", "binary", "semiStructured", "geospatial", "vector" }));
            Assert.That(ArrayItems("kinds"), Is.EquivalentTo(new[] { "table", "view", "materialized_view", "dynamic_table", "iceberg_table", "external_table" }));
            Assert.That(Manifests.Value.Any(m => m.Contains("\"tightens\": ", StringComparison.Ordinal)), Is.True, "tightens");
            Assert.That(Manifests.Value.Any(m => m.Contains("\"condition\": ", StringComparison.Ordinal)), Is.True, "condition");
            Assert.That(Manifests.Value.Any(m => m.Contains("\"salt\": ", StringComparison.Ordinal)), Is.True, "salt");
        });
    }

    [Test]
    public void AwkwardStrings_Occur()
    {
        var all = string.Concat(Manifests.Value);
        Assert.Multiple(() =>
        {
            foreach (var escaped in new[] { "\\\"", "\\\\", "\\u0000", "\\u0001", "\\n", "\\t", "\\b", "\\f", "\\u2028", "\\ud800", "\\udc00", "é", "😀", "日本語", "'" })
            {
                Assert.That(all, Does.Contain(escaped), escaped);
            }
        });
    }

    [Test]
    public void TheSchemaEnumOfFunctions_IsTheMaskFunctionCatalog()
    {
        var functions = RulePackSchema.Schema.Root.GetProperty("$defs").GetProperty("maskFunction").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.That(functions, Is.EqualTo(MaskFunctions.Names.ToArray()));
    }
}
