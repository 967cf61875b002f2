using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Governance.Tests;

namespace Governance.Package.Tests;

/// <summary>
/// What the package tests run things with: a copy of the repository as a fresh clone has it, processes (dotnet, bash,
/// git) with a quiet .NET CLI, the steps of a GitHub Actions workflow, and the repository URL of the build settings.
/// </summary>
internal static partial class Workspace
{
    /// <summary>
    /// A new empty folder under the system's temporary folder, named after this process; the fixture deletes it in its
    /// one-time teardown (which runs when its tests fail too). The folders (0.7–2.5 GB each: a copy of the repository,
    /// its Release build, restored packages) that earlier runs could not delete — a test host killed by a timeout, a
    /// run stopped by hand — are deleted first: those whose process is gone.
    /// </summary>
    public static string TemporaryFolder(string name)
    {
        var prefix = "governance-" + name + "-";
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), prefix + "*"))
        {
            var rest = Path.GetFileName(stale)[prefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) && !IsRunning(pid))
                Delete(stale);
        }
        var dir = Path.Combine(Path.GetTempPath(), prefix + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; } // no such process
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Deletes <paramref name="dir"/> and everything in it; what cannot be deleted is said on the test output
    /// (never silently left behind).</summary>
    public static void Delete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TestContext.Progress.WriteLine("could not delete the temporary folder `" + dir + "`: " + e.Message);
        }
    }

    /// <summary>
    /// Copies the repository under test to <paramref name="destination"/> as a fresh clone has it: the files git tracks
    /// and the new ones it does not ignore (no build output), as they are in the working tree.
    /// </summary>
    public static void CopyRepository(string destination)
    {
        var root = TestFiles.Source();
        var listed = Run("git", root, null, "ls-files", "--cached", "--others", "--exclude-standard", "-z");
        Assert.That(listed.ExitCode, Is.Zero, "git lists the repository's files: " + listed.Output);
        foreach (var relative in listed.Output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(root, relative);
            if (!File.Exists(source)) continue; // deleted in the working tree
            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    /// <summary>Makes <paramref name="dir"/> a git repository with everything committed, and the given remote as origin.</summary>
    public static void CommitAll(string dir, string? origin = null)
    {
        foreach (var args in new[]
        {
            new[] { "init", "-q", "-b", "main" }, new[] { "add", "-A" },
            new[] { "-c", "user.name=Governance tests", "-c", "user.email=tests@governance.invalid", "commit", "-q", "-m", "copy" },
        }.Concat(origin is null ? Array.Empty<string[]>() : new[] { new[] { "remote", "add", "origin", origin } }))
        {
            var git = Run("git", dir, null, args);
            Assert.That(git.ExitCode, Is.Zero, "git " + string.Join(' ', args) + ": " + git.Output);
        }
    }

    /// <summary>Runs a program and returns its exit code and its output (stdout, then stderr). The .NET CLI is quiet and
    /// leaves no build servers behind; <paramref name="environment"/> adds or overrides variables.</summary>
    public static (int ExitCode, string Output) Run(string program, string directory, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>Runs a bash script (<c>set -euo pipefail</c> first) in <paramref name="directory"/>.</summary>
    public static (int ExitCode, string Output) Bash(string script, string directory, IReadOnlyDictionary<string, string>? environment = null)
        => Run("bash", directory, environment, "-c", "set -euo pipefail\n" + script);

    /// <summary>The repository's public URL: <c>GovernanceRepositoryUrl</c> in Directory.Build.props.</summary>
    public static string RepositoryUrl()
        => XDocument.Load(TestFiles.Source("Directory.Build.props")).Descendants("GovernanceRepositoryUrl").Single().Value;

    /// <summary>A step of a GitHub Actions workflow: its name, working directory and script, when it has them.</summary>
    public sealed record Step(string? Name, string? WorkingDirectory, string? Run, string? Repository);

    /// <summary>The steps of a workflow's jobs, in order (the subset of YAML that workflows use: block scalars for
    /// scripts, one key per line).</summary>
    public static IReadOnlyList<Step> Steps(string yaml)
    {
        var lines = yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var steps = new List<Step>();
        var stepsIndent = -1;
        Dictionary<string, string>? current = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0) continue;
            var indent = line.Length - line.TrimStart().Length;
            if (line.Trim() == "steps:") { stepsIndent = indent; continue; }
            if (stepsIndent < 0) continue;
            if (indent <= stepsIndent) { Flush(); stepsIndent = -1; continue; }
            var item = line.TrimStart().StartsWith("- ", StringComparison.Ordinal) && indent <= stepsIndent + 2;
            if (item) { Flush(); current = new Dictionary<string, string>(StringComparer.Ordinal); }
            var key = KeyValue().Match(line);
            if (current is null || !key.Success) continue;
            var value = key.Groups["value"].Value.Trim();
            var keyIndent = key.Groups["indent"].Length;
            if (value is "|" or "|-")
            {
                var block = new List<string>();
                while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || lines[i + 1].Length - lines[i + 1].TrimStart().Length > keyIndent)) block.Add(lines[++i]);
                var blockIndent = block.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
                value = string.Join("\n", block.Select(l => l.Length >= blockIndent ? l[blockIndent..] : "")).TrimEnd() + "\n";
            }
            else value = Regex.Replace(value, @"\s+#.*$", "").Trim('\'', '"');
            current[key.Groups["key"].Value] = value;
        }
        Flush();
        return steps;

        void Flush()
        {
            if (current is not null)
                steps.Add(new Step(current.GetValueOrDefault("name"), current.GetValueOrDefault("working-directory"), current.GetValueOrDefault("run"), current.GetValueOrDefault("repository")));
            current = null;
        }
    }

    [GeneratedRegex(@"^(?<indent>\s*(?:- )?)(?<key>[\w-]+):\s*(?<value>.*)$")]
    private static partial Regex KeyValue();
}
