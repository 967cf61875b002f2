using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;
using Governance.Diagnostics;

namespace Governance.Cli;

/// <summary>A command with examples, which its <c>--help</c> prints after the options.</summary>
internal sealed class GovernanceCommand(string name, string description) : Command(name, description)
{
    /// <summary>Lines like <c>governance check mesh.snapshot.json --pack acme.rulepack.json</c>, each with a comment.</summary>
    public IReadOnlyList<string> Examples { get; init; } = Array.Empty<string>();
}

/// <summary>
/// The command line's conventions, in one place: options that take one value each (repeat the option for several),
/// choices checked with a did-you-mean, unknown options and commands reported with a suggestion (as <c>git</c> and
/// <c>dotnet</c> do), help with examples, and messages in the project's style.
/// </summary>
internal static class CommandLine
{
    /// <summary>An option that may be repeated, one value per occurrence: <c>--pack a.json --pack b.json</c>.</summary>
    public static Option<string[]> Repeated(string name, string helpName, string description)
        => new(name) { Description = description + " Repeat the option for several.", HelpName = helpName, AllowMultipleArgumentsPerToken = false };

    /// <summary>An option whose value is one of <paramref name="values"/>; the first is the default.</summary>
    public static Option<string> Choice(string name, string description, params string[] values)
    {
        var option = new Option<string>(name) { Description = description, HelpName = string.Join("|", values), DefaultValueFactory = _ => values[0] };
        option.Validators.Add(result =>
        {
            var given = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
            if (given is not null && Array.IndexOf(values, given) < 0)
                result.AddError("`" + name + "` must be " + Or(values) + ", not `" + given + "`" + Suggestions.DidYouMean(given, values));
        });
        return option;
    }

    /// <summary><c>a, b or c</c>.</summary>
    public static string Or(IReadOnlyList<string> values)
        => values.Count == 1 ? values[0] : string.Join(", ", values.Take(values.Count - 1)) + " or " + values[^1];

    /// <summary>The <c>governance</c> root: help (with examples, at the terminal's width) and version on every command.</summary>
    public static GovernanceCommand Root(string description, int? width, IEnumerable<Command> commands, IReadOnlyList<string> examples)
    {
        var root = new GovernanceCommand("governance", description) { Examples = examples };
        foreach (var c in commands) root.Subcommands.Add(c);
        var help = new HelpOption();
        var defaultHelp = (HelpAction)help.Action!;
        if (width is { } w) defaultHelp.MaxWidth = w;
        help.Action = new HelpWithExamples(defaultHelp);
        root.Options.Add(help);
        root.Options.Add(new VersionOption());
        NeedsACommand(root, help, "check");
        return root;
    }

    /// <summary><c>governance</c> or a group such as <c>governance import</c> alone: the error, then the group's help, exit 2.</summary>
    private static void NeedsACommand(Command group, HelpOption help, string example)
    {
        group.SetAction(parse =>
        {
            var path = Path(parse.CommandResult);
            parse.InvocationConfiguration.Error.WriteLine("error: no command given; run `" + path + " COMMAND`, for example `" + path + " " + example + "`");
            ((SynchronousCommandLineAction)help.Action!).Invoke(parse);
            return GovernanceCli.InputError;
        });
        foreach (var sub in group.Subcommands.Where(c => c.Subcommands.Count > 0 && c.Action is null)) NeedsACommand(sub, help, sub.Subcommands[0].Name);
    }

    /// <summary>
    /// What is wrong with the command line, in the project's style: unknown options and commands with the closest known
    /// one, then the parser's own errors. Empty when it parsed.
    /// </summary>
    public static List<string> Problems(ParseResult parse)
    {
        var problems = new List<string>();
        var command = parse.CommandResult.Command;
        var optionNames = OptionNames(parse.CommandResult).ToList();
        foreach (var token in parse.Tokens)
        {
            // An option-like word taken as a value: the parser gives words it does not know to arguments.
            if (token.Type == TokenType.Argument && LooksLikeOption(token.Value))
                problems.Add("unknown option `" + token.Value + "` for `" + Path(parse.CommandResult) + "`" + Suggestions.DidYouMean(token.Value, optionNames));
        }
        foreach (var token in parse.UnmatchedTokens)
        {
            if (LooksLikeOption(token)) problems.Add("unknown option `" + token + "` for `" + Path(parse.CommandResult) + "`" + Suggestions.DidYouMean(token, optionNames));
            else if (command.Subcommands.Count > 0) problems.Add("unknown command `" + token + "`" + Suggestions.DidYouMean(token, command.Subcommands.Select(c => c.Name)));
            else problems.Add("unexpected argument `" + token + "`");
        }
        foreach (var e in parse.Errors)
        {
            if (e.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal) || e.Message.StartsWith("Required command was not provided", StringComparison.Ordinal)) continue;
            problems.Add(Plain(e.Message));
        }
        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary><c>governance check</c>: the words of the command being parsed.</summary>
    public static string Path(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is CommandResult c) names.Insert(0, c.Command.Name);
        }
        return string.Join(" ", names);
    }

    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is not CommandResult c) continue;
            foreach (var o in c.Command.Options)
            {
                if (!ReferenceEquals(r, result) && !o.Recursive) continue;
                yield return o.Name;
                foreach (var a in o.Aliases) yield return a;
            }
        }
    }

    private static bool LooksLikeOption(string value)
        => value.Length > 1 && value[0] == '-' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>The parser's messages, rewritten in the project's style (lowercase, names in backticks, no period).</summary>
    private static string Plain(string message)
    {
        var m = Regex.Match(message, @"^Required argument missing for option: '(?<o>[^']+)'\.?$");
        if (m.Success) return "`" + m.Groups["o"].Value + "` needs a value";
        m = Regex.Match(message, @"^Option '(?<o>[^']+)' is required\.?$");
        if (m.Success) return "`" + m.Groups["o"].Value + "` is required";
        m = Regex.Match(message, @"^Cannot parse argument '(?<v>[^']*)' for option '(?<o>[^']+)' as expected type '(?<t>[^']+)'\.?$");
        if (m.Success) return "`" + m.Groups["o"].Value + "` expects " + (m.Groups["t"].Value.Contains("Int", StringComparison.Ordinal) ? "a whole number" : "a value of another kind") + ", not `" + m.Groups["v"].Value + "`";
        m = Regex.Match(message, @"^Option '(?<o>[^']+)' expects a single argument but (?<n>\d+) were provided\.?$");
        if (m.Success) return "`" + m.Groups["o"].Value + "` takes one value; repeat the option for several, or give the others as arguments";
        m = Regex.Match(message, @"^Required argument missing for command: '(?<c>[^']+)'\.?$");
        if (m.Success) return "`" + m.Groups["c"].Value + "` needs an argument";
        var text = message.Trim().TrimEnd('.');
        return text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text.Substring(1) : text;
    }

    /// <summary>The default help, then the command's examples.</summary>
    private sealed class HelpWithExamples(HelpAction inner) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            if (parseResult.CommandResult.Command is GovernanceCommand { Examples.Count: > 0 } command)
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var line in command.Examples) output.WriteLine("  " + line);
                output.WriteLine();
            }
            return code;
        }
    }
}
