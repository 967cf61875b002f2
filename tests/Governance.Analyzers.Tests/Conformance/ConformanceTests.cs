using System.Runtime.Loader;
using FsCheck;
using FsCheck.Fluent;
using Governance.Examples;
using Governance.Tests;
using Governance.Tests.Generators;
using Governance.Examples.Synthetic;
using Microsoft.CodeAnalysis;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Analyzers.Tests.Conformance;

/// <summary>
/// The analyzers and the CLI agree: for the same C# product definitions, the analyzer's diagnostics and the runtime
/// evaluator's findings (through the reflection reader) are the same set of (ID, target) — and the definitions read
/// back by reflection evaluate exactly as the snapshot they were written from.
/// </summary>
public sealed class ConformanceTests
{
    private static IEnumerable<string> Keys(IEnumerable<Diagnostic> diagnostics)
        => diagnostics.Where(d => d.Id.StartsWith("GOV", StringComparison.Ordinal))
            .Select(d => d.Id + " " + (d.Properties.TryGetValue("GovTarget", out var t) ? t : "?")).Order(StringComparer.Ordinal);

    private static IEnumerable<string> Keys(EvaluationResult result)
        => result.Findings.Select(f => f.Id + " " + f.Target).Order(StringComparer.Ordinal);

    /// <summary>Compiles the definitions, loads them in a collectible context and reads them back by reflection.</summary>
    private static (MetadataSnapshot Read, Compilation Compilation) CompileAndRead(string source)
    {
        var compilation = AnalyzerRun.Compile(source);
        var context = new AssemblyLoadContext("definitions", isCollectible: true);
        try
        {
            return (ProductDefinitionReader.Read(TestCompilation.EmitAndLoad(compilation, context)), compilation);
        }
        finally
        {
            context.Unload();
        }
    }

    private static string Report(EvaluationResult result)
    {
        using var stream = new MemoryStream();
        JsonReport.Write(result, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The snapshot without roles (definitions carry none) and with domains, products and datasets in the
    /// readers' order, so reports compare byte for byte.</summary>
    private static MetadataSnapshot Canonical(MetadataSnapshot s) => new(Array.Empty<RoleDefinition>(),
        s.Domains.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => new Domain(d.Name, d.Owner,
            d.Products.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema,
                p.Datasets.OrderBy(x => x.Name, StringComparer.Ordinal).ToList(), p.Tags)).ToList())).ToList());

    [Test]
    public async Task AcmeExample_AnalyzerDiagnostics_AreTheEvaluatorsFindings()
    {
        var packs = AcmeExample.Packs();
        var source = DefinitionSource.Render(AcmeExample.Mesh());
        var (read, compilation) = CompileAndRead(source);
        var findings = Evaluator.Compile(PackSet.Create(packs)).Evaluate(read);
        var diagnostics = await AnalyzerRun.Diagnostics(compilation, packs.ToArray());
        Assert.Multiple(() =>
        {
            Assert.That(Keys(findings), Is.Not.Empty, "the example has violations");
            Assert.That(Keys(diagnostics), Is.EqualTo(Keys(findings)));
            Assert.That(diagnostics.Where(d => d.Id == "AD0001"), Is.Empty, "no analyzer exception");
            Assert.That(Report(findings), Is.EqualTo(Report(Evaluator.Compile(PackSet.Create(packs)).Evaluate(Canonical(AcmeExample.Mesh())))),
                "the definitions read back evaluate as the snapshot they were written from");
        });
    }

    /// <summary>
    /// docs/analyzers.md, "Class names and inherited columns": its sample — a generic dataset class and a <c>file</c>-local
    /// one, with inferred names, columns inherited from a base class, one declared again — read by both readers: the
    /// datasets and columns the page lists, and the analyzer's diagnostics are the evaluator's findings.
    /// </summary>
    [Test]
    public async Task GenericFileLocalAndInheritedDefinitions_AreNamedAndReadAlike_ByTheAnalyzerAndTheCli()
    {
        var doc = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "analyzers.md"));
        var section = doc[doc.IndexOf("## Class names and inherited columns", StringComparison.Ordinal)..];
        var sample = System.Text.RegularExpressions.Regex.Match(section, @"```csharp\r?\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var pack = Packs.Global(p => p
            .RequireTag("tags.column", "Columns are classified", r => r.OnColumns().Tag("SENSITIVITY"))
            .Naming("names.dataset-prefix", "Datasets start with DS_", r => r.Datasets().StartsWith("DS_")));
        var (read, compilation) = CompileAndRead(Packs.Usings + sample);
        var findings = Evaluator.Compile(PackSet.Create(new[] { pack })).Evaluate(read);
        var diagnostics = await AnalyzerRun.Diagnostics(compilation, pack);
        var text = SnowflakeType.Parse("VARCHAR").Text;
        Assert.Multiple(() =>
        {
            Assert.That(read.Domains.Single().Products.Single().Datasets.Select(d => d.Name + ": " + string.Join(", ", d.Columns.Select(c => c.Name + " " + c.Type.Text))),
                Is.EqualTo(new[]
                {
                    "CALIBRATIONS: CREATED_AT TIMESTAMP_NTZ(9), CREATED_BY " + text + ", SENSOR_ID NUMBER(38,0)",
                    "SENSOR_READINGS: CREATED_AT TIMESTAMP_NTZ(9), SENSOR_ID NUMBER(38,0), CREATED_BY VARCHAR(64)",
                }));
            Assert.That(Keys(diagnostics), Is.EqualTo(Keys(findings)));
            Assert.That(Keys(diagnostics), Is.SupersetOf(new[]
            {
                "GOV4003 IOT.TELEMETRY.CALIBRATIONS", "GOV4003 IOT.TELEMETRY.SENSOR_READINGS",
                "GOV3001 IOT.TELEMETRY.CALIBRATIONS.CREATED_BY", "GOV3001 IOT.TELEMETRY.SENSOR_READINGS.CREATED_AT",
            }));
            Assert.That(diagnostics.Where(d => d.Id is "AD0001" or GovIds.InvalidProductDefinition), Is.Empty);
        });
    }

    /// <summary>
    /// Broken definitions — a type Snowflake does not know, a tag given twice, an inherited column named as an own one,
    /// two products on one schema, one product defined twice, a dataset outside any product — are the same GOV9010
    /// problems in the analyzers and in <c>check --assembly</c> (one validator behind both): the same messages, up to how
    /// each names the other definition involved (the IDE points at it, the CLI spells its C# name).
    /// </summary>
    [Test]
    public async Task BrokenDefinitions_AreTheSameProblems_InTheAnalyzerAndTheReflectionReader()
    {
        var source = Packs.Usings + """
            namespace Mesh;

            public abstract class Keyed { [Column("ID")] public long Id { get; init; } }

            [DataProduct("sales", "orders", Owner = "o@acme.example", Schema = "SHARED")]
            public static class Orders
            {
                [Dataset("ORDERS")]
                public sealed class OrdersTable : Keyed
                {
                    [Column("ID")] public long Identifier { get; init; }
                    [Column("TOTAL", "NUMBR(12,2)")] public decimal Total { get; init; }
                }

                [Dataset("NOTES"), Tag("SENSITIVITY", "internal"), Tag("SENSITIVITY", "public")]
                public sealed class Notes { [Column("NOTE")] public string? Note { get; init; } }
            }

            [DataProduct("sales", "returns", Owner = "o@acme.example", Schema = "SHARED")]
            public static class Returns { }

            [DataProduct("sales", "orders", Owner = "o@acme.example", Schema = "OTHER")]
            public static class OrdersAgain { }

            [Dataset("LOOSE")]
            public sealed class Loose { [Column("ID")] public long Id { get; init; } }
            """;
        var compilation = AnalyzerRun.Compile(source);
        var diagnostics = await AnalyzerRun.Diagnostics(compilation, Packs.Global(p => p.RequireTag("tags.column", "Columns are classified", r => r.OnColumns().Tag("SENSITIVITY"))));
        var context = new AssemblyLoadContext("broken", isCollectible: true);
        List<string> fromReflection;
        try
        {
            var assembly = TestCompilation.EmitAndLoad(compilation, context);
            fromReflection = ProductDefinitionReader.Build(assembly, assembly.GetTypes()).Problems.Select(p => p.Message).ToList();
        }
        finally
        {
            context.Unload();
        }
        // How each names another definition: `(also at property `Id`)` / `(also at `Mesh.Keyed.Id`)`, a class before the message.
        static string Plain(string message) => System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(message, @"^`[^`]*`: ", ""), @"\((also )?at [^)]*\)", "(at …)");
        var fromAnalyzer = diagnostics.Where(d => d.Id == GovIds.InvalidProductDefinition).Select(d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(fromAnalyzer.Select(Plain).Order(StringComparer.Ordinal), Is.EqualTo(fromReflection.Select(Plain).Order(StringComparer.Ordinal)));
            Assert.That(fromReflection, Has.Count.EqualTo(6), string.Join("\n", fromReflection));
            Assert.That(diagnostics.Where(d => d.Id == "AD0001"), Is.Empty, "no analyzer exception");
        });
    }

    private static readonly Gen<(RulePack Pack, MetadataSnapshot Snapshot)> PackAndSnapshot =
        from pack in PackGen.GlobalPack()
        from snapshot in SnapshotGen.Snapshot(maxDomains: 2, maxProducts: 2, maxDatasets: 2, maxColumns: 5)
        select (pack, snapshot);

    [Property(MaxTest = 60)]
    public Property GeneratedDefinitions_AnalyzerAndEvaluatorAgree() => Prop.ForAll(Arb.From(PackAndSnapshot), input =>
    {
        var (read, compilation) = CompileAndRead(DefinitionSource.Render(input.Snapshot));
        var packs = PackSet.Create(new[] { input.Pack });
        var findings = Evaluator.Compile(packs).Evaluate(read);
        var diagnostics = AnalyzerRun.Diagnostics(compilation, input.Pack).GetAwaiter().GetResult();
        var analyzer = Keys(diagnostics).ToList();
        var evaluator = Keys(findings).ToList();
        var roundTrip = Report(findings) == Report(Evaluator.Compile(packs).Evaluate(Canonical(input.Snapshot)));
        return (analyzer.SequenceEqual(evaluator) && roundTrip)
            .Label("round trip: " + roundTrip + "\nanalyzer:\n" + string.Join("\n", analyzer) + "\nevaluator:\n" + string.Join("\n", evaluator));
    });
}
