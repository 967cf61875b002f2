using Governance.Cli;

namespace Governance.Cli.Tests;

/// <summary>Progress appears on a terminal's stderr for large snapshots only: never when stderr is redirected, never on stdout.</summary>
public class CheckProgressTests : CliFixture
{
    [TestCase(false, 100_001, ExpectedResult = true)]
    [TestCase(false, 100_000, ExpectedResult = false)]
    [TestCase(false, 500, ExpectedResult = false)]
    [TestCase(true, 1_000_000, ExpectedResult = false)]
    public bool Shows_OnlyOnATerminalAboveTheThreshold(bool stderrRedirected, long columns) => CheckProgress.Shows(stderrRedirected, columns);

    [Test]
    public void Check_StderrRedirected_WritesNoProgressEvenAboveTheThreshold()
    {
        var (redirected, _) = RunCheck(stderrRedirected: true, progressThreshold: 0);
        var (terminal, _) = RunCheck(stderrRedirected: false, progressThreshold: 0);
        Assert.Multiple(() =>
        {
            Assert.That(redirected.Err, Does.Not.Contain("evaluating"));
            Assert.That(redirected.Err, Does.StartWith("no snapshot or pack given"), "only the usual log lines");
            Assert.That(terminal.Err, Does.Contain("evaluating"), "the same run on a terminal shows progress");
        });
    }

    [Test]
    public void Check_Terminal_ShowsProgressOnStderrAndLeavesStdoutAlone()
    {
        var (quiet, _) = RunCheck(stderrRedirected: true, progressThreshold: 0);
        var (shown, code) = RunCheck(stderrRedirected: false, progressThreshold: 0);
        Assert.Multiple(() =>
        {
            Assert.That(shown.Err, Does.Contain("evaluating"));
            Assert.That(shown.Out, Is.EqualTo(quiet.Out), "stdout is byte-identical with and without progress");
            Assert.That(code, Is.EqualTo(GovernanceCli.Violations));
        });
    }

    [Test]
    public void Check_Terminal_SmallSnapshotShowsNoProgress()
    {
        var (result, _) = RunCheck(stderrRedirected: false, progressThreshold: CheckProgress.Threshold);
        Assert.That(result.Err, Does.Not.Contain("evaluating"));
    }

    private static ((string Out, string Err), int Code) RunCheck(bool stderrRedirected, long progressThreshold)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = GovernanceCli.Run(new[] { "check", "--format", "json" }, stdout, stderr, stderrRedirected, progressThreshold);
        return ((stdout.ToString(), stderr.ToString()), code);
    }
}
