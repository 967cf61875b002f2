using System.Globalization;
using Governance;
using Governance.Examples.Synthetic;
using Governance.Snapshots;
using Governance.Packs;
using Governance.Diagnostics;

if (args.Length > 1 && args[0] == "--analyze") return AnalyzeInProcess.Run(args[1..]);

// Writes a domain project of N product classes for the analyzer benchmark: products from the synthetic mesh (each cut
// to its first 2 datasets of 8 columns, so a class is the size of a real product definition), one source file per 100
// products, the synthetic pack of M rules as a manifest beside the project, and an .editorconfig that reports every
// GOV diagnostic as a warning (the analyzers do the same work; the build does not stop at the first error).
var options = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a, x => x.i + 1 < args.Length ? args[x.i + 1] : "", StringComparer.Ordinal);
var outDir = options.GetValueOrDefault("--out") ?? throw new ArgumentException("--out DIR is required");
var productCount = int.Parse(options.GetValueOrDefault("--products", "1000"), CultureInfo.InvariantCulture);
var ruleCount = int.Parse(options.GetValueOrDefault("--rules", "500"), CultureInfo.InvariantCulture);
var version = options.GetValueOrDefault("--version", "0.0.0-bench");

var mesh = SyntheticMesh.Generate(Math.Max(100_000, productCount * 300), seed: 1);
var products = mesh.Domains.SelectMany(d => d.Products.Select(p => (Domain: d, Product: new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema,
        p.Datasets.Take(2).Select(s => new Dataset(s.Name, s.Kind, s.Columns.Take(8).ToList(), s.Tags)).ToList(), p.Tags))))
    .Take(productCount).ToList();
if (products.Count < productCount) throw new InvalidOperationException("the synthetic mesh has only " + products.Count + " products");

Directory.CreateDirectory(Path.Combine(outDir, "Products"));
for (var i = 0; i < products.Count; i += 100)
{
    var chunk = products.Skip(i).Take(100).ToList();
    var domains = i == 0 ? mesh.Domains : Array.Empty<Domain>();
    File.WriteAllText(Path.Combine(outDir, "Products", "Products" + (i / 100).ToString("D3", CultureInfo.InvariantCulture) + ".cs"),
        DefinitionSource.Render(chunk, domains, i));
}
File.WriteAllText(Path.Combine(outDir, "synthetic.rulepack.json"), ManifestCodec.Write(SyntheticMesh.Pack(ruleCount, seed: 1)));
File.WriteAllText(Path.Combine(outDir, "Bench.Products.csproj"), $"""
    <Project Sdk="Microsoft.NET.Sdk">
      <PropertyGroup>
        <TargetFramework>net10.0</TargetFramework>
        <Nullable>enable</Nullable>
        <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
      </PropertyGroup>
      <ItemGroup>
        <PackageReference Include="Governance" Version="{version}" />
      </ItemGroup>
    </Project>
    """);
File.WriteAllText(Path.Combine(outDir, ".editorconfig"), "root = true\n\n[*.cs]\n"
    + string.Concat(GovCatalog.All.Select(d => "dotnet_diagnostic." + d.Id + ".severity = warning\n")));
File.WriteAllText(Path.Combine(outDir, "Directory.Build.props"), "<Project />\n");
File.WriteAllText(Path.Combine(outDir, "Directory.Packages.props"), "<Project><PropertyGroup><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup></Project>\n");
Console.Error.WriteLine($"wrote {products.Count} products ({products.Sum(p => p.Product.Datasets.Count)} datasets, "
    + $"{products.Sum(p => p.Product.Datasets.Sum(d => d.Columns.Count))} columns) and a {ruleCount}-rule pack to {outDir}");
return 0;
