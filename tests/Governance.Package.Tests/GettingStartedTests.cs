using System.Text.RegularExpressions;
using Governance.Tests;

namespace Governance.Package.Tests;

/// <summary>
/// docs/getting-started.md works verbatim on a fresh clone: its shell blocks run, in order, in one bash
/// (<c>set -euo pipefail</c>) in an empty folder that holds a copy of the repository in <c>governance/</c> — packing
/// the packages into a folder feed, installing the tool, writing, building and packing a rule pack, checking a
/// snapshot. Then the CI workflow the page shows runs its steps on the result, committed as the page says.
/// </summary>
[NonParallelizable]
public sealed class GettingStartedTests
{
    private string _work = "";
    private string _root = "";
    private string _page = "";
    private Dictionary<string, string> _environment = new();
    private (int ExitCode, string Output) _run;

    [OneTimeSetUp]
    public void RunThePage()
    {
        _work = Workspace.TemporaryFolder("getting-started");
        _root = Path.Combine(_work, "start");
        Workspace.CopyRepository(Path.Combine(_root, "governance"));
        // Packages restore into a folder of their own: never a Governance package cached by an earlier run. The dotnet
        // CLI's home too: its local-tool cache (~/.dotnet/toolResolverCache) keeps the first path a tool version was
        // restored to, which an earlier run's deleted folder would otherwise be.
        _environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_work, "packages"),
            ["DOTNET_CLI_HOME"] = Path.Combine(_work, "home"),
        };
        _page = File.ReadAllText(TestFiles.Source("docs", "getting-started.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        _run = Workspace.Bash(string.Join("\n", Blocks(_page, "sh")), _root, _environment);
    }

    [OneTimeTearDown]
    public void CleanUp() => Workspace.Delete(_work);

    private static IEnumerable<string> Blocks(string markdown, string language)
        => Regex.Matches(markdown, "^```" + language + "\n(.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline).Select(m => m.Groups[1].Value);

    private string Board(params string[] parts) => Path.Combine(new[] { _root, "acme-governance" }.Concat(parts).ToArray());

    [Test]
    public void ThePagesCommands_RunVerbatim()
    {
        Assert.That(Blocks(_page, "sh").Count(), Is.GreaterThanOrEqualTo(6), "the page's steps are sh blocks");
        Assert.That(_run.ExitCode, Is.Zero, _run.Output);
    }

    [Test]
    public void ThePublishedManifest_HoldsThePagesRules()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.Output);
        var pack = RulePackLoader.LoadFile(Board("packs", "acme-global.rulepack.json"));
        Assert.That(pack.Rules.Select(r => r.Id), Is.EquivalentTo(new[] { "tags.taxonomy", "tags.sensitivity", "tags.pii", "mask.email", "names.column-case" }));
    }

    [Test]
    public void TheCheck_FailsOnAMisspelledTagValue()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.Output);
        var broken = Path.Combine(_work, "broken.snapshot.json");
        File.WriteAllText(broken, File.ReadAllText(Board("snapshots", "sales.snapshot.json")).Replace("\"PII\": \"email\"", "\"PII\": \"emial\"", StringComparison.Ordinal));
        var check = Workspace.Run("dotnet", Board(), _environment, "governance", "check", broken, "--pack", Board("packs", "acme-global.rulepack.json"));
        Assert.That(check.ExitCode, Is.EqualTo(1), check.Output);
        Assert.That(check.Output, Does.Contain("GOV3002"));
    }

    /// <summary>The workflow of the page's last step, run as GitHub Actions would after both checkouts: the board's
    /// folder committed, every step's script in its working directory.</summary>
    [Test]
    public void TheCiWorkflow_PassesOnTheCommittedBoardRepository()
    {
        Assert.That(_run.ExitCode, Is.Zero, _run.Output);
        var steps = Workspace.Steps(Blocks(_page, "yaml").Single());
        Assert.That(steps.Select(s => s.Repository).OfType<string>(), Is.EqualTo(new[] { new Uri(Workspace.RepositoryUrl()).AbsolutePath.Trim('/') }),
            "the workflow checks out this repository (GovernanceRepositoryUrl in Directory.Build.props)");
        Workspace.CommitAll(Board());
        var scripts = steps.Where(s => s.Run is not null).ToList();
        Assert.That(scripts, Has.Count.EqualTo(2));
        foreach (var step in scripts)
        {
            var run = Workspace.Bash(step.Run!, Path.Combine(_root, step.WorkingDirectory ?? "."), _environment);
            Assert.That(run.ExitCode, Is.Zero, step.Name + ":\n" + run.Output);
        }
    }
}
