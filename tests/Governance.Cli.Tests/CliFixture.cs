using Governance.Cli;

namespace Governance.Cli.Tests;

/// <summary>
/// What every CLI test needs: a fresh temporary folder, the command run in-process with its stdout, stderr and exit
/// code, and the bundled example written out as files.
/// </summary>
[Parallelizable(ParallelScope.None)]
public abstract class CliFixture
{
    protected string Dir { get; private set; } = "";

    [SetUp]
    public void CreateFolder()
    {
        Dir = Path.Combine(Path.GetTempPath(), "governance-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Dir);
    }

    [TearDown]
    public void DeleteFolder() => Directory.Delete(Dir, recursive: true);

    protected static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GovernanceCli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes the example into <see cref="Dir"/> and returns it.</summary>
    protected string ExampleFiles()
    {
        var (code, _, err) = Run("example", "--out", Dir);
        Assert.That(code, Is.EqualTo(0), err);
        return Dir;
    }

    /// <summary>The example's snapshots and <c>--pack</c> options, after <see cref="ExampleFiles"/>.</summary>
    protected IEnumerable<string> ExampleInputs()
    {
        foreach (var s in Directory.GetFiles(Dir, "*.snapshot.json").OrderBy(f => f, StringComparer.Ordinal)) yield return s;
        foreach (var p in Directory.GetFiles(Dir, "*.rulepack.json").OrderBy(f => f, StringComparer.Ordinal)) { yield return "--pack"; yield return p; }
    }
}
