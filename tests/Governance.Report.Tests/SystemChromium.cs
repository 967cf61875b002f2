using System.Diagnostics;
using Microsoft.Playwright;

namespace Governance.Report.Tests;

/// <summary>
/// Debian's Chromium, driven by Playwright through <c>ExecutablePath</c> (Playwright's own browser download does not
/// work here). When it is missing, the setup installs it with <c>apt-get install -y chromium</c>; the tests are skipped,
/// with the reason, only where that is impossible (not Linux, no apt-get, not root, no package registry).
/// </summary>
[SetUpFixture]
public sealed class SystemChromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>The flags a headless Chromium needs on a machine without a network or a GPU.</summary>
    private static readonly string[] Args =
    {
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    };

    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static string? _skipped;

    /// <summary>The browser, or the test is ignored with the reason it cannot run.</summary>
    public static IBrowser Browser
    {
        get
        {
            if (_skipped is not null) Assert.Ignore(_skipped);
            return _browser!;
        }
    }

    [OneTimeSetUp]
    public async Task Start()
    {
        if (!File.Exists(Path)) _skipped = Install();
        if (_skipped is not null) return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Path, Headless = true, Args = Args });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Installs Debian's chromium; null when it is there afterwards, else why the browser tests cannot run.</summary>
    private static string? Install()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
            return "browser tests skipped: " + Path + " is missing and this machine has no apt-get to install Debian's chromium";
        if (Environment.UserName != "root")
            return "browser tests skipped: " + Path + " is missing and installing it needs root (run `apt-get install -y chromium`)";
        var log = Run("apt-get", "install -y -q chromium");
        if (!File.Exists(Path)) log += Run("apt-get", "update -q") + Run("apt-get", "install -y -q chromium");
        return File.Exists(Path) ? null : "browser tests skipped: `apt-get install -y chromium` did not install " + Path + ":\n" + Tail(log);
    }

    private static string Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit(TimeSpan.FromMinutes(10));
        return stdout + stderr.Result;
    }

    private static string Tail(string text) => string.Join("\n", text.Split('\n').TakeLast(5));
}
