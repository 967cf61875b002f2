using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Cli;
using Governance.Tests;

namespace Governance.Package.Tests;

/// <summary>
/// The Governance package as a domain team gets it: packed from src/Governance into a local folder feed, restored by
/// the consumer sample (tests/PackageConsumer) with the Acme board's manifest beside it. Its bad twin's build reports
/// the GOV diagnostics (console and SARIF), the CLI reports the same findings from the built assembly, and the fixed
/// twin — what the code fixes make of the bad one — builds clean.
/// </summary>
[NonParallelizable]
public sealed class PackageTests
{
    private string _work = "";
    private string _feed = "";
    private const string Version = "0.0.0-packagetest";

    [OneTimeSetUp]
    public void PackOnce()
    {
        _work = Path.Combine(Path.GetTempPath(), "governance-package-" + Guid.NewGuid().ToString("N"));
        _feed = Path.Combine(_work, "feed");
        Directory.CreateDirectory(_feed);
        var pack = Dotnet(TestFiles.Source(), "pack", TestFiles.Source("src", "Governance", "Governance.csproj"), "-c", "Release", "-o", _feed, "-p:Version=" + Version);
        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
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
    public void CleanUp()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Test]
    public void Package_HoldsTheLibraryTheAnalyzersAndTheProps_AndNoRoslynDependency()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(_feed, "Governance." + Version + ".nupkg"));
        var files = zip.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/", StringComparison.Ordinal) && !n.StartsWith("_rels/", StringComparison.Ordinal) && n != "[Content_Types].xml");
        Assert.That(files.Order(StringComparer.Ordinal), Is.EqualTo(new[]
        {
            "Governance.nuspec", "README.md",
            "analyzers/dotnet/cs/Governance.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/Governance.Analyzers.dll",
            "build/Governance.props", "buildTransitive/Governance.props", "lib/net10.0/Governance.dll",
        }));
        using var nuspec = new StreamReader(zip.GetEntry("Governance.nuspec")!.Open());
        var dependencies = Regex.Matches(nuspec.ReadToEnd(), "<dependency id=\"([^\"]+)\"").Select(m => m.Groups[1].Value);
        Assert.That(dependencies, Is.EqualTo(new[] { "NJsonSchema" }), "no dependency on Microsoft.CodeAnalysis flows to consumers");
    }

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

    /// <summary>Runs dotnet. Consumer builds (under the work folder) restore into their own packages folder, so a package
    /// of the same version from an earlier run is never taken from the machine's cache.</summary>
    private (int ExitCode, string Output) Dotnet(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory.StartsWith(_work, StringComparison.Ordinal))
        {
            start.Environment["NUGET_PACKAGES"] = Path.Combine(_work, "packages");
            // The samples' package version; an environment variable, as `dotnet format` takes no -p.
            start.Environment["GovernanceVersion"] = Version;
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

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
