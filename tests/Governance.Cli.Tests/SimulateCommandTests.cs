using System.Text.Json;
using System.Text.RegularExpressions;

namespace Governance.Cli.Tests;

public sealed class SimulateCommandTests : CliFixture
{
    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;

    private static IEnumerable<string?> Column(JsonElement simulation, string target, string column)
    {
        var dataset = simulation.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("target").GetString() == target);
        var index = dataset.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList().IndexOf(column);
        return dataset.GetProperty("rows").EnumerateArray().Select(r => r[index].ValueKind == JsonValueKind.Null ? null : r[index].GetString());
    }

    private static int Rows(JsonElement simulation) => simulation.GetProperty("datasets").EnumerateArray().Sum(d => d.GetProperty("rows").GetArrayLength());

    [Test]
    public void Simulate_AnalystAndPiiReader_SeeMaskedAgainstClearEmails()
    {
        var (code, analyst, err) = Run("simulate", "--role", "ANALYST", "--format", "json");
        Assert.That(code, Is.EqualTo(0), err);
        var (_, reader, _) = Run("simulate", "--role", "PII_READER", "--format", "json");
        var masked = Column(Json(analyst), "SALES.CUSTOMERS.CUSTOMERS", "CUSTOMER_EMAIL").OfType<string>().ToList();
        var clear = Column(Json(reader), "SALES.CUSTOMERS.CUSTOMERS", "CUSTOMER_EMAIL").OfType<string>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Json(analyst).GetProperty("role").GetString(), Is.EqualTo("ANALYST"));
            Assert.That(masked, Is.Not.Empty.And.All.StartsWith("*****@"));
            Assert.That(clear, Has.Count.EqualTo(masked.Count).And.None.StartsWith("*****"));
        });
    }

    [Test]
    public void Simulate_GlobalAnalyst_SeesMoreRowsThanAnAnalyst()
    {
        var (_, global, _) = Run("simulate", "--role", "GLOBAL_ANALYST", "--format", "json");
        var (_, analyst, _) = Run("simulate", "--role", "ANALYST", "--format", "json");
        Assert.That(Rows(Json(global)), Is.GreaterThan(Rows(Json(analyst))));
        Assert.That(Rows(Json(global)), Is.EqualTo(35 * 10)); // the bypass role sees every sample row of the 35 datasets
    }

    [Test]
    public void Simulate_Json_ListsEveryDatasetOfTheSelection_EvenWithoutVisibleRows()
    {
        var (code, output, err) = Run("simulate", "--role", "PUBLIC", "--product", "sales/orders", "--format", "json", "--rows", "3");
        Assert.That(code, Is.EqualTo(0), err);
        var datasets = Json(output).GetProperty("datasets").EnumerateArray().ToList();
        Assert.That(datasets.Select(d => d.GetProperty("target").GetString()),
            Is.EqualTo(new[] { "SALES.ORDERS.DAILY_ORDER_SUMMARY", "SALES.ORDERS.ORDERS", "SALES.ORDERS.ORDER_LINES" }));
        Assert.That(datasets.Select(d => d.GetProperty("rows").GetArrayLength()), Is.All.EqualTo(0)); // PUBLIC has no entitlement
    }

    [Test]
    public void Simulate_SameInputs_GiveTheSameBytes_AndTheWrittenOutExampleTheSameAsTheDefault()
    {
        var first = Run("simulate", "--role", "EMEA_ANALYST", "--seed", "7");
        var second = Run("simulate", "--role", "EMEA_ANALYST", "--seed", "7");
        ExampleFiles();
        var files = Run(ExampleInputs().Prepend("simulate").Concat(new[] { "--role", "EMEA_ANALYST", "--seed", "7" }).ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(second.Out, Is.EqualTo(first.Out));
            Assert.That(files.Code, Is.EqualTo(0), files.Err);
            Assert.That(files.Out, Is.EqualTo(first.Out));
        });
    }

    [Test]
    public void Simulate_UnknownRole_ExitsTwo_NamingItAndTheKnownRoles()
    {
        var (code, output, err) = Run("simulate", "--role", "INTERN");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("unknown role `INTERN`").And.Contain("`PII_READER`").And.Not.Contain("   at "));
        });
    }

    [Test]
    public void Simulate_UnknownProduct_ExitsTwo_ListingTheProducts()
    {
        var (code, _, err) = Run("simulate", "--role", "ANALYST", "--product", "sales/nothing");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("unknown product `sales/nothing`").And.Contain("`sales/orders`"));
        });
    }

    [Test]
    public void Simulate_ProductWithTheOldDotSpelling_ExitsTwo_SayingTheShapeAndSuggestingTheProduct()
    {
        var (code, _, err) = Run("simulate", "--role", "ANALYST", "--product", "sales.orders");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("`sales.orders` is not a product: expected `domain/product`").And.Contain("did you mean `sales/orders`?"));
        });
    }

    [Test]
    public void Simulate_EntitlementFile_DecidesWhichRowsARoleSees()
    {
        var file = Path.Combine(Dir, "entitlements.json");
        File.WriteAllText(file, "{\"entitlements\":[{\"database\":\"GOVERNANCE\",\"schema\":\"SECURITY\",\"table\":\"REGION_ENTITLEMENTS\",\"role\":\"ANALYST\",\"value\":\"LATAM\"}]}");
        var (code, output, err) = Run("simulate", "--role", "PII_READER", "--entitlements", file, "--format", "json");
        Assert.That(code, Is.EqualTo(0), err);
        var regions = Column(Json(output), "SALES.ORDERS.ORDERS", "REGION").ToList();
        Assert.That(regions, Is.Not.Empty.And.All.EqualTo("LATAM")); // PII_READER inherits ANALYST's entitlement
    }

    [Test]
    public void Simulate_BadEntitlementFile_ExitsTwo_NamingTheFileAndLine()
    {
        var file = Path.Combine(Dir, "entitlements.json");
        File.WriteAllText(file, "{\"entitlements\": [\n  {\"database\": \"GOVERNANCE\", \"role\": \"ANALYST\"}\n]}");
        var (code, _, err) = Run("simulate", "--role", "ANALYST", "--entitlements", file);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("error GOV9011: " + file + ":2: $.entitlements[0]: missing required property `schema`"));
        });
    }

    [TestCase("--rows", "0")]
    [TestCase("--format", "sarif")]
    public void Simulate_BadOptions_ExitTwo(string option, string value)
        => Assert.That(Run("simulate", "--role", "ANALYST", option, value).Code, Is.EqualTo(2));

    /// <summary>Every command of docs/simulate.md, run: the output block after it is its output, verbatim (line ends trimmed).</summary>
    [Test]
    public void SimulateDoc_ShowsTheToolsRealOutput()
    {
        var doc = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "simulate.md"));
        var runs = Regex.Matches(doc, "```sh\\n(governance simulate [^\\n]*)\\n```\\n+```text\\n(.*?)```", RegexOptions.Singleline);
        Assert.That(runs, Has.Count.GreaterThanOrEqualTo(2));
        foreach (Match m in runs)
        {
            var (code, output, err) = Run(m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray());
            Assert.That(code, Is.EqualTo(0), err);
            Assert.That(Trim(output + err), Does.Contain(Trim(m.Groups[2].Value)), m.Groups[1].Value);
        }
    }

    private static string Trim(string text) => string.Join("\n", text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()));
}
