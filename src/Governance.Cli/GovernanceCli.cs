using System.CommandLine;
using System.Reflection;
using Governance.Examples;
using Governance.Packs;

namespace Governance.Cli;

/// <summary>
/// The <c>governance</c> command. Exit codes: 0 nothing reached <c>--fail-on</c>; 1 something did (or, for
/// <c>plan</c>, a fail-closed error); 2 usage or input error (the message names file, JSON path, line); 3 internal error.
/// Results go to stdout, logs to stderr.
/// </summary>
internal static class GovernanceCli
{
    public const int Ok = 0;
    public const int Violations = 1;
    public const int InputError = 2;
    public const int InternalError = 3;

    public static string Version => typeof(GovernanceCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Runs the command. <paramref name="stderrRedirected"/>: false when stderr is a terminal, which lets
    /// <c>check</c> show progress on large snapshots. <paramref name="stdoutWidth"/>: the terminal's width when stdout is
    /// one (tables and help fit it), null when stdout is redirected (tables are plain aligned text, never wrapped).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrRedirected = true, int? stdoutWidth = null)
        => Run(args, stdout, stderr, stderrRedirected, CheckProgress.Threshold, stdoutWidth);

    /// <summary>The same, with the column count above which <c>check</c> shows progress (tests lower it).</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrRedirected, long progressThreshold, int? stdoutWidth = null)
    {
        var root = CommandLine.Root("Federated governance for a data mesh on Snowflake: check snapshots against rule packs, publish packs, plan and simulate the Snowflake policies, import snapshots from dbt, ODCS contracts and the Snowflake catalog, show the impact of new pack versions, write HTML reports, export the account's governance state and its drift, plan and apply the change to an account.",
            stdoutWidth,
            new Command[]
            {
                CheckCommand.Create(stdout, stderr, stderrRedirected, progressThreshold, stdoutWidth),
                PackCommand(stderr),
                ExampleCommand(stderr),
                GenerateCommand.Create(stderr),
                PlanCommand.Create(stdout, stderr),
                SimulateCommand.Create(stdout, stderr, stdoutWidth),
                ImportCommand.Create(stderr),
                DiffCommand.Create(stdout, stderr, stdoutWidth),
                ReportCommand.Create(stderr),
                StateCommand.Create(stdout, stderr),
                ApplyCommand.Create(stdout, stderr, Console.In.ReadLine),
            },
            new[]
            {
                "governance check                                   # check the bundled Acme example",
                "governance example --out acme                      # write it out, to start from",
                "governance check acme/acme-mesh.snapshot.json --pack acme/acme-global.rulepack.json",
                "governance check --help                            # a command's options and examples",
            });
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            var parse = root.Parse(args);
            var problems = CommandLine.Problems(parse);
            if (problems.Count > 0 && !IsHelp(args))
            {
                foreach (var p in problems) stderr.WriteLine("error: " + p);
                stderr.WriteLine("run `" + CommandLine.Path(parse.CommandResult) + " --help` for usage and examples");
                return InputError;
            }
            return parse.Invoke(config);
        }
        catch (GovernanceInputException e)
        {
            stderr.WriteLine("error " + e.GovId + ": " + e.Message);
            return InputError;
        }
        catch (UsageException e)
        {
            stderr.WriteLine("error: " + e.Message);
            return InputError;
        }
        catch (Exception e)
        {
            stderr.WriteLine("internal error: " + e.GetType().Name + ": " + e.Message);
            if (Environment.GetEnvironmentVariable("GOVERNANCE_DEBUG") == "1") stderr.WriteLine(e);
            return InternalError;
        }
    }

    private static bool IsHelp(string[] args) => args.Any(a => a is "--help" or "-h" or "-?");

    private static Command PackCommand(TextWriter stderr)
    {
        var assembly = new Argument<FileInfo>("assembly") { Description = "A compiled assembly that defines RulePackDefinition classes.", HelpName = "ASSEMBLY.dll" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write <name>.rulepack.json files.", Required = true, HelpName = "DIR" };
        var command = new GovernanceCommand("pack", "Build the rule packs defined in an assembly and write their canonical manifests.")
        {
            Examples = new[]
            {
                "dotnet build Acme.Rules -c Release",
                "governance pack Acme.Rules/bin/Release/net10.0/Acme.Rules.dll --out packs/",
            },
        };
        command.Arguments.Add(assembly);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(assembly)!;
            var dir = parse.GetValue(output)!;
            var packs = LoadPackDefinitions(file.FullName);
            PackSet.Create(packs); // federation and validation, before anything is written
            var files = packs.ToDictionary(p => Path.Combine(dir.FullName, p.Name + ".rulepack.json"), ManifestCodec.Write);
            Output.WriteAll(files);
            foreach (var (path, _) in files.OrderBy(f => f.Key, StringComparer.Ordinal)) stderr.WriteLine("wrote " + path);
            return Ok;
        });
        return command;
    }

    /// <summary>Loads an assembly and builds every RulePackDefinition it defines.</summary>
    internal static IReadOnlyList<RulePack> LoadPackDefinitions(string path) => InputAssembly.Use(path, BuildPacks);

    private static IReadOnlyList<RulePack> BuildPacks(Assembly asm, string path)
    {
        Type[] types;
        try
        {
            types = asm.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new UsageException("cannot load the types of `" + path + "`: " + e.LoaderExceptions.FirstOrDefault()?.Message);
        }
        var definitions = types
            .Where(t => !t.IsAbstract && typeof(RulePackDefinition).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        if (definitions.Count == 0) throw new UsageException("`" + path + "` defines no RulePackDefinition with a parameterless constructor");
        var packs = new List<RulePack>();
        foreach (var t in definitions)
        {
            try
            {
                packs.Add(((RulePackDefinition)Activator.CreateInstance(t)!).Build());
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException or ArgumentException)
            {
                throw new UsageException(t.FullName + ": " + e.InnerException!.Message);
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                throw new UsageException(t.FullName + ": " + e.Message);
            }
        }
        return packs;
    }

    private static Command ExampleCommand(TextWriter stderr)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Where to write the example's rule packs and snapshots.", Required = true, HelpName = "DIR" };
        var command = new GovernanceCommand("example", "Write the bundled Acme example (rule packs and mesh) to a folder, to start from.")
        {
            Examples = new[]
            {
                "governance example --out acme",
                "governance check acme/acme-mesh.snapshot.json --pack acme/acme-global.rulepack.json --pack acme/acme-finance.rulepack.json",
            },
        };
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!.FullName;
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pack in AcmeExample.Packs()) files[Path.Combine(dir, pack.Name + ".rulepack.json")] = ManifestCodec.Write(pack);
            files[Path.Combine(dir, AcmeExample.NextFolder, AcmeGlobalPack.Name + ".rulepack.json")] = ManifestCodec.Write(AcmeGlobalPackNext.Build());
            foreach (var name in AcmeExample.SnapshotNames)
            {
                using var reader = new StreamReader(AcmeExample.OpenSnapshot(name));
                files[Path.Combine(dir, name)] = reader.ReadToEnd();
            }
            Output.WriteAll(files);
            foreach (var path in files.Keys.OrderBy(p => p, StringComparer.Ordinal)) stderr.WriteLine("wrote " + path);
            return Ok;
        });
        return command;
    }
}

/// <summary>A command-line mistake: exit code 2 with the message.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Writes files all-or-nothing: each goes to a temporary file first, and is moved into place only when all were written.</summary>
internal static class Output
{
    /// <summary>Writes <paramref name="text"/> to stdout, or whole to <paramref name="path"/> (saying so on stderr) when one is given.</summary>
    public static void Text(string text, string? path, TextWriter stdout, TextWriter stderr)
        => Text(writer => writer.Write(text), path, stdout, stderr);

    /// <summary>
    /// Writes what <paramref name="write"/> writes to stdout, or to <paramref name="path"/> (UTF-8, all or nothing,
    /// saying so on stderr): a large text is written as it is made, never held whole.
    /// </summary>
    public static void Text(Action<TextWriter> write, string? path, TextWriter stdout, TextWriter stderr)
    {
        if (path is null)
        {
            write(stdout);
            stdout.Flush();
            return;
        }
        WriteAll(new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
        {
            [Path.GetFullPath(path)] = stream =>
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
                write(writer);
            },
        });
        stderr.WriteLine("wrote " + path);
    }

    public static void WriteAll(IReadOnlyDictionary<string, string> files)
    {
        var writers = new Dictionary<string, Action<Stream>>(StringComparer.Ordinal);
        foreach (var (path, content) in files) writers[path] = stream => stream.Write(new System.Text.UTF8Encoding(false).GetBytes(content));
        WriteAll(writers);
    }

    /// <summary>The same for content streamed to each file (a large snapshot is never held as one string).</summary>
    public static void WriteAll(IReadOnlyDictionary<string, Action<Stream>> files)
    {
        var temps = new List<(string Temp, string Final)>();
        try
        {
            foreach (var (path, write) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                var temp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                temps.Add((temp, path)); // before writing, so a half-written temporary file is removed too
                using var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                write(stream);
            }
            foreach (var (temp, final) in temps) File.Move(temp, final, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException("cannot write output: " + e.Message);
        }
        finally
        {
            // Whatever stopped the writing (a full disk, content that cannot be written): no half-written file is left.
            // Once moved, a temporary file is gone and this does nothing.
            foreach (var (temp, _) in temps)
            {
                try { File.Delete(temp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
            }
        }
    }
}
