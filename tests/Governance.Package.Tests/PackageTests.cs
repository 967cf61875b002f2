using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Governance.Cli;
using Governance.Tests;

namespace Governance.Package.Tests;

/// <summary>
/// The packages as the release workflow (.github/workflows/release.yml) makes them — its pack step on a fresh copy of
/// the repository, as a CI build — with their metadata, readmes and symbols; and the Governance package as a domain
/// team gets it: restored from that folder feed by the consumer sample (tests/PackageConsumer) with the Acme board's
/// manifest beside it. Its bad twin's build reports the GOV diagnostics (console and SARIF), the CLI reports the same
/// findings from the built assembly, `dotnet format` fixes them, and the fixed twin builds clean.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private string _work = "";
    private string _repository = "";
    private string _feed = "";
    private const string Version = "0.0.0-packagetest";

    [OneTimeSetUp]
    public void PackOnce()
    {
        _work = Workspace.TemporaryFolder("package");
        // The packages as the release workflow makes them: its pack step, run on a fresh copy of the repository whose
        // origin is the public repository, as a CI build (deterministic paths, SourceLink).
        _repository = Path.Combine(_work, "repository");
        Workspace.CopyRepository(_repository);
        Workspace.CommitAll(_repository, origin: Workspace.RepositoryUrl());
        var packStep = Workspace.Steps(File.ReadAllText(TestFiles.Source(".github", "workflows", "release.yml"))).Single(s => s.Name == "Pack");
        var pack = Workspace.Bash(packStep.Run!, _repository, new Dictionary<string, string> { ["VERSION"] = Version, ["CI"] = "true" });
        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
        _feed = Path.Combine(_repository, "artifacts");
        // The consumer sample, copied out of the repository so that nothing of its build settings applies.
        CopyDirectory(TestFiles.Source("tests", "PackageConsumer"), Path.Combine(_work, "consumer"));
        var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(_work, "consumer", "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="feed" value="{_feed}" />
                <add key="cache" value="{globalPackages}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
    }

    [OneTimeTearDown]
    public void CleanUp() => Workspace.Delete(_work);

    [Test]
    public void Package_HoldsTheLibraryTheAnalyzersAndTheProps_AndNoRoslynDependency()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed, "Governance." + Version + ".nupkg"));
        var files = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal) && n != "[Content_Types].xml");
        Assert.That(files.Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "Governance.nuspec", "README.md",
            "analyzers/dotnet/cs/Governance.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Governance.Analyzers.dll",
            "build/Governance.props", "buildTransitive/Governance.props", "lib/net10.0/Governance.dll", "lib/net10.0/Governance.xml",
        }));
        using var nuspec = new StreamReader(zip.GetEntry("Governance.nuspec")!.Open());
        var dependencies = Regex.Matches(nuspec.ReadToEnd(), "<dependency id=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
        Assert.That(dependencies, Is.Empty, "no dependency flows to consumers: neither Microsoft.CodeAnalysis nor a JSON Schema library (the readers are the library's own)");
    }

    [Test]
    public void Package_ShipsTheXmlDocumentation_ThatAUsersIdeShows()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed, "Governance." + Version + ".nupkg"));
        using var stream = zip.GetEntry("lib/net10.0/Governance.xml")!.Open();
        var members = XDocument.Load(stream).Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, m => (m.Element("summary")?.Value ?? "").Trim());
        // The compiler refuses an undocumented public member (CS1591 is an error); this proves the file reaches users,
        // for the types each kind of user starts from.
        foreach (var name in new[]
        {
            "T:Governance.RulePackBuilder", "T:Governance.Select", "T:Governance.Mask", "T:Governance.DataProductAttribute",
            "T:Governance.Evaluation.Evaluator", "T:Governance.Snapshots.SnapshotReader", "T:Governance.Snowflake.SnowflakePlanner",
            "M:Governance.Snowflake.SnowflakePlan.WriteSql(System.IO.TextWriter)", "T:Governance.Deploy.Deployment",
            "T:Governance.Reporting.SarifReport",
        })
        {
            Assert.That(members, Does.ContainKey(name));
            Assert.That(members[name], Has.Length.GreaterThan(10), name + " has a summary");
        }
    }

    [TestCase("Governance", "src/Governance/PACKAGE.md")]
    [TestCase("Governance.Cli", "src/Governance.Cli/PACKAGE.md")]
    [TestCase("Governance.Cli.linux-x64", "src/Governance.Cli/PACKAGE.md")]
    [TestCase("Governance.Cli.any", "src/Governance.Cli/PACKAGE.md")]
    public void Package_CarriesItsReadme_AndCompleteMetadata(string id, string readme)
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed, id + "." + Version + ".nupkg"));
        var nuspec = Nuspec(zip, id);
        var url = Workspace.RepositoryUrl();
        var commit = Workspace.Run("git", _repository, null, "rev-parse", "HEAD").Output.Trim();
        Assert.Multiple(() =>
        {
            Assert.That(Metadata(nuspec, "id"), Is.EqualTo(id));
            Assert.That(Metadata(nuspec, "version"), Is.EqualTo(Version), "the version the release workflow passes");
            Assert.That(Metadata(nuspec, "description"), Has.Length.GreaterThan(60));
            Assert.That(Metadata(nuspec, "tags").Split(' '), Does.Contain("snowflake").And.Contain("governance"));
            Assert.That(Metadata(nuspec, "projectUrl"), Is.EqualTo(url));
            Assert.That(Metadata(nuspec, "releaseNotes"), Does.Contain(url + "/releases"));
            Assert.That(nuspec.Descendants().Single(e => e.Name.LocalName == "license").Value, Is.EqualTo("MIT"));
            var repository = nuspec.Descendants().Single(e => e.Name.LocalName == "repository");
            Assert.That((string?)repository.Attribute("type"), Is.EqualTo("git"));
            Assert.That((string?)repository.Attribute("url"), Is.EqualTo(url));
            Assert.That((string?)repository.Attribute("commit"), Is.EqualTo(commit), "the commit the package was built from");
            Assert.That(Metadata(nuspec, "readme"), Is.EqualTo("README.md"));
            using var packed = new StreamReader(zip.GetEntry("README.md")!.Open());
            Assert.That(packed.ReadToEnd(), Is.EqualTo(File.ReadAllText(TestFiles.Source(readme.Split('/')))), "the package readme is " + readme);
        });
    }

    /// <summary>The platforms whose tool package has ReadyToRun code (the project's <c>RuntimeIdentifiers</c>, but <c>any</c>).</summary>
    private static readonly string[] ReadyToRunPlatforms = { "linux-x64" };

    /// <summary>
    /// The tool is one package per platform (.NET 10 RID-specific tool packages): <c>Governance.Cli</c> names the
    /// <c>governance</c> command and points at them; linux-x64's package runs the command from ReadyToRun-compiled
    /// assemblies with its own executable; <c>Governance.Cli.any</c> (IL only, run by <c>dotnet</c>) serves every other
    /// platform. JSON Schema is JsonSchema.Net (for ODCS contracts, in the importers); NJsonSchema, Newtonsoft.Json and
    /// Namotion.Reflection are gone from the tool.
    /// </summary>
    [Test]
    public void ToolPackage_IsTheGovernanceCommand_ReadyToRunOnLinuxX64_WithAnyForTheRest()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed, "Governance.Cli." + Version + ".nupkg"));
        Assert.That(Nuspec(zip, "Governance.Cli").Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")), Is.EqualTo(new[] { "DotnetTool" }));
        var pointer = ToolSettings(zip, "tools/any/any/DotnetToolSettings.xml");
        Assert.That(pointer.Descendants("Command").Select(c => (string?)c.Attribute("Name")), Is.EqualTo(new[] { "governance" }));
        Assert.That(pointer.Descendants("RuntimeIdentifierPackage").Select(p => ((string?)p.Attribute("RuntimeIdentifier"), (string?)p.Attribute("Id"))),
            Is.EquivalentTo(ReadyToRunPlatforms.Append("any").Select(r => ((string?)r, (string?)("Governance.Cli." + r)))));
        Assert.That(zip.Entries.Where(e => e.FullName.EndsWith(".dll", StringComparison.Ordinal)), Is.Empty, "the pointer package has no code");
        foreach (var rid in ReadyToRunPlatforms.Append("any"))
        {
            using var package = ZipFile.OpenRead(Path.Combine(_feed, "Governance.Cli." + rid + "." + Version + ".nupkg"));
            var folder = "tools/net10.0/" + rid + "/";
            var command = ToolSettings(package, folder + "DotnetToolSettings.xml").Descendants("Command").Single();
            var entryPoint = (string?)command.Attribute("EntryPoint");
            Assert.That((string?)command.Attribute("Name"), Is.EqualTo("governance"), rid);
            Assert.That(package.GetEntry(folder + entryPoint), Is.Not.Null, rid + ": the entry point " + entryPoint);
            foreach (var assembly in new[] { "Governance.Cli", "Governance", "System.CommandLine" })
            {
                using var dll = new MemoryStream();
                using (var entry = package.GetEntry(folder + assembly + ".dll")!.Open()) entry.CopyTo(dll);
                dll.Position = 0;
                using var pe = new PEReader(dll);
                var readyToRun = pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0;
                Assert.That(readyToRun, Is.EqualTo(rid != "any"), rid + ": " + assembly + (rid == "any" ? " is IL only" : " has ReadyToRun code"));
            }
            var dlls = package.Entries.Select(e => Path.GetFileName(e.FullName)).Where(n => n.EndsWith(".dll", StringComparison.Ordinal)).ToList();
            Assert.That(dlls, Has.Member("JsonSchema.Net.dll"), rid);
            Assert.That(dlls.Where(n => n.StartsWith("NJsonSchema", StringComparison.Ordinal) || n.StartsWith("Newtonsoft", StringComparison.Ordinal) || n.StartsWith("Namotion", StringComparison.Ordinal)), Is.Empty, rid);
        }
    }

    private static XDocument ToolSettings(ZipArchive zip, string path)
    {
        Assert.That(zip.GetEntry(path), Is.Not.Null, path);
        using var settings = new StreamReader(zip.GetEntry(path)!.Open());
        return XDocument.Parse(settings.ReadToEnd());
    }

    /// <summary>
    /// Each package has a symbol package whose portable PDBs belong to the package's own DLLs (same PDB ID as the DLL's
    /// CodeView entry) and map their sources, by SourceLink, to the commit on the public repository.
    /// </summary>
    [TestCase("Governance", new[] { "lib/net10.0/Governance", "analyzers/dotnet/cs/Governance.Analyzers", "analyzers/dotnet/cs/Governance.Analyzers.CodeFixes" })]
    [TestCase("Governance.Cli.any", new[] { "tools/net10.0/any/Governance.Cli", "tools/net10.0/any/Governance", "tools/net10.0/any/Governance.Simulation", "tools/net10.0/any/Governance.Examples" })]
    [TestCase("Governance.Cli.linux-x64", new[] { "tools/net10.0/linux-x64/Governance.Cli", "tools/net10.0/linux-x64/Governance", "tools/net10.0/linux-x64/Governance.Simulation", "tools/net10.0/linux-x64/Governance.Examples" })]
    public void SymbolPackage_HoldsPortablePdbsOfThePackagesDlls_WithSourceLinkToTheCommit(string id, string[] assemblies)
    {
        using var package = ZipFile.OpenRead(Path.Combine(_feed, id + "." + Version + ".nupkg"));
        using var symbols = ZipFile.OpenRead(Path.Combine(_feed, id + "." + Version + ".snupkg"));
        var commit = Workspace.Run("git", _repository, null, "rev-parse", "HEAD").Output.Trim();
        var raw = Workspace.RepositoryUrl().Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal) + "/" + commit + "/*";
        foreach (var assembly in assemblies)
        {
            using var dll = new MemoryStream();
            using (var entry = package.GetEntry(assembly + ".dll")!.Open()) entry.CopyTo(dll);
            dll.Position = 0;
            using var pe = new PEReader(dll);
            // A ReadyToRun image may also name the PDB of its native code (`.ni.pdb`): the portable PDB is the other one.
            var codeView = pe.ReadDebugDirectory().Where(d => d.Type == DebugDirectoryEntryType.CodeView)
                .Single(d => !pe.ReadCodeViewDebugDirectoryData(d).Path.EndsWith(".ni.pdb", StringComparison.OrdinalIgnoreCase));
            var expected = new BlobContentId(pe.ReadCodeViewDebugDirectoryData(codeView).Guid, codeView.Stamp);

            var pdbEntry = symbols.GetEntry(assembly + ".pdb");
            Assert.That(pdbEntry, Is.Not.Null, assembly + ".pdb is in the symbol package");
            using var pdb = new MemoryStream();
            using (var entry = pdbEntry!.Open()) entry.CopyTo(pdb);
            pdb.Position = 0;
            using var provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
            var reader = provider.GetMetadataReader();
            Assert.That(new BlobContentId(reader.DebugMetadataHeader!.Id), Is.EqualTo(expected), assembly + ": the PDB is the DLL's");
            var sourceLink = reader.GetCustomDebugInformation(EntityHandle.ModuleDefinition).Select(reader.GetCustomDebugInformation)
                .Where(c => reader.GetGuid(c.Kind) == SourceLinkKind).Select(c => Encoding.UTF8.GetString(reader.GetBlobBytes(c.Value))).SingleOrDefault();
            Assert.That(sourceLink, Is.Not.Null, assembly + ": SourceLink");
            using var map = JsonDocument.Parse(sourceLink!);
            Assert.That(map.RootElement.GetProperty("documents").GetProperty("/_/*").GetString(), Is.EqualTo(raw), assembly + ": sources at the commit");
            Assert.That(reader.Documents.Select(d => reader.GetString(reader.GetDocument(d).Name)), Has.All.StartWith("/_/"), assembly + ": deterministic source paths");
        }
    }

    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    private static XDocument Nuspec(ZipArchive zip, string id)
    {
        using var reader = new StreamReader(zip.GetEntry(id + ".nuspec")!.Open());
        return XDocument.Parse(reader.ReadToEnd());
    }

    private static string Metadata(XDocument nuspec, string name)
        => nuspec.Descendants().Single(e => e.Name.LocalName == name && e.Parent?.Name.LocalName == "metadata").Value;

    [Test]
    public void BadTwin_BuildReportsTheGovDiagnostics_InTheConsoleAndInSarif_AndTheCliAgrees()
    {
        var dir = Path.Combine(_work, "consumer", "Bad");
        var sarif = Path.Combine(_work, "bad.sarif");
        var build = Dotnet(dir, "build", "-c", "Release", "-p:GovernanceVersion=" + Version, "-p:ErrorLog=" + sarif + "%2Cversion=2.1");
        var reported = Regex.Matches(build.Output, @"Products\.cs\((\d+),\d+\): (error|warning) (GOV\d{4}):")
            .Select(m => m.Groups[3].Value + "@" + m.Groups[1].Value + " " + m.Groups[2].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.That(reported, Is.EqualTo(new[]
        {
            "GOV3002@23 error",   // PII = mobile
            "GOV4001@18 warning", // customerEmail
            "GOV4003@26 warning", // ACTIVE
            "GOV4004@29 warning", // CREATED
        }), build.Output);
        Assert.That(build.ExitCode, Is.Not.Zero, "GOV3002 is an error in the Acme pack, so the build fails");

        // docs/analyzers.md shows this output (paths, help links and project names left out).
        var guide = File.ReadAllText(TestFiles.Source("docs", "analyzers.md"));
        var lines = Regex.Matches(build.Output, @"(Products\.cs\(\d+,\d+\): (?:error|warning) GOV\d{4}: .*?) \(https://\S+\) \[")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(lines, Has.Count.EqualTo(4));
        foreach (var line in lines) Assert.That(guide, Does.Contain(line + "\n"), "docs/analyzers.md shows the build output");

        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("ruleId").GetString()).Where(id => id!.StartsWith("GOV", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.That(results, Is.EqualTo(new[] { "GOV3002", "GOV4001", "GOV4003", "GOV4004" }));

        // The same definitions through the CLI: `governance check --assembly` reports the same findings. (The analyzers'
        // error stopped the build above, so the assembly is built once more without them.)
        var plain = Dotnet(dir, "build", "-c", "Release", "-p:GovernanceVersion=" + Version, "-p:RunAnalyzers=false");
        Assert.That(plain.ExitCode, Is.Zero, plain.Output);
        var dll = Directory.GetFiles(Path.Combine(dir, "bin", "Release"), "Acme.Sales.Products.dll", SearchOption.AllDirectories).Single();
        var (code, stdout, stderr) = Check("--assembly", dll, "--pack", Path.Combine(_work, "consumer", "acme-global.rulepack.json"), "--format", "json");
        Assert.That(code, Is.EqualTo(1), stderr);
        using var report = JsonDocument.Parse(stdout);
        var findings = report.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString() + " " + f.GetProperty("target").GetString());
        Assert.That(findings.Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "GOV3002 SALES.ORDERS.ORDERS.CONTACT_PHONE", "GOV4001 SALES.ORDERS.ORDERS.customerEmail",
            "GOV4003 SALES.ORDERS.ORDERS.ACTIVE", "GOV4004 SALES.ORDERS.ORDERS.CREATED",
        }));
    }

    [Test]
    public void FixedTwin_BuildsClean_AndTheCliFindsNothingInIt()
    {
        var dir = Path.Combine(_work, "consumer", "Fixed");
        var build = Dotnet(dir, "build", "-c", "Release", "-p:GovernanceVersion=" + Version);
        Assert.That(build.ExitCode, Is.Zero, build.Output);
        Assert.That(build.Output, Does.Not.Contain("GOV"));
        var dll = Directory.GetFiles(Path.Combine(dir, "bin", "Release"), "Acme.Sales.Products.dll", SearchOption.AllDirectories).Single();
        var (code, stdout, stderr) = Check("--assembly", dll, "--pack", Path.Combine(_work, "consumer", "acme-global.rulepack.json"), "--format", "json", "--fail-on", "note");
        Assert.That(code, Is.Zero, stdout + stderr);
        using var report = JsonDocument.Parse(stdout);
        Assert.That(report.RootElement.GetProperty("findings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void DotnetFormat_FixesEveryFixableFindingOfTheBadTwinInOneRun_AndASecondRunTheOneARenameReveals()
    {
        // A copy of the bad twin beside it (same NuGet.config, same manifest), fixed by the command docs/analyzers.md shows.
        var dir = Path.Combine(_work, "consumer", "Format");
        CopyDirectory(Path.Combine(_work, "consumer", "Bad"), dir);
        var products = Path.Combine(dir, "Products.cs");
        var guide = File.ReadAllText(TestFiles.Source("docs", "analyzers.md"));
        var command = Regex.Match(guide, @"^dotnet format analyzers --diagnostics[ A-Z0-9]+$", RegexOptions.Multiline).Value;
        Assert.That(command, Is.Not.Empty, "docs/analyzers.md shows the dotnet format command");
        var args = command.Split(' ').Skip(1).ToArray();

        var first = Dotnet(dir, args);
        Assert.That(first.ExitCode, Is.Zero, first.Output);
        Assert.That(first.Output, Does.Not.Contain("Unable to fix"), "every code fix supports Fix All");
        // Every finding reported at the start is fixed; the rename to CUSTOMER_EMAIL makes the column a PII column.
        var verify = Dotnet(dir, "format", "analyzers", "--verify-no-changes");
        Assert.That(verify.ExitCode, Is.Not.Zero, verify.Output);
        Assert.That(Regex.Matches(verify.Output, @"Products\.cs\(\d+,\d+\): \w+ (GOV\d{4}): (.*?) \[").Select(m => m.Groups[1].Value + ": " + m.Groups[2].Value).Distinct(),
            Is.EqualTo(new[] { "GOV3001: column `CUSTOMER_EMAIL` has no tag `PII` (rule `acme-global/tags.pii`)" }), verify.Output);

        var second = Dotnet(dir, args);
        Assert.That(second.ExitCode, Is.Zero, second.Output);
        Assert.That(File.ReadAllText(products), Is.EqualTo(File.ReadAllText(TestFiles.Source("tests", "PackageConsumer", "Fixed", "Products.cs"))));
        var clean = Dotnet(dir, "format", "analyzers", "--verify-no-changes");
        Assert.That(clean.ExitCode, Is.Zero, clean.Output);
    }

    private static (int Code, string Stdout, string Stderr) Check(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = GovernanceCli.Run(new[] { "check" }.Concat(args).ToArray(), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs dotnet. Consumer builds restore into their own packages folder, so a package of the same version
    /// from an earlier run is never taken from the machine's cache.</summary>
    private (int ExitCode, string Output) Dotnet(string directory, params string[] args)
        => Workspace.Run("dotnet", directory, new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
            // The samples' package version; an environment variable, as `dotnet format` takes no -p.
            ["GovernanceVersion"] = Version,
        }, args);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj")) continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
