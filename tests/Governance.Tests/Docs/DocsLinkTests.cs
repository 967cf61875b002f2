using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Governance.Tests.Docs;

/// <summary>
/// The repository's Markdown holds together as GitHub renders it: every relative link and image resolves to a file or
/// folder of the repository, every <c>#anchor</c> to a heading (GitHub's rules: the heading's text lower-cased,
/// punctuation dropped, spaces to hyphens, <c>-1</c>, <c>-2</c>… for repeats) or an explicit anchor, nothing points
/// outside the repository, and every repository path a page names (<c>src/…</c>, <c>docs/…</c>, <c>tests/…</c>, …)
/// exists.
/// </summary>
public sealed partial class DocsLinkTests
{
    private static readonly string[] Skipped = { ".git", "bin", "obj", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts", "artifacts" };

    /// <summary>Every Markdown file of the repository, relative to its root, with '/' separators.</summary>
    public static IEnumerable<string> MarkdownFiles()
    {
        var root = TestFiles.Source();
        var pending = new Stack<string>();
        pending.Push(root);
        var files = new List<string>();
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var sub in Directory.GetDirectories(dir))
                if (!Skipped.Contains(Path.GetFileName(sub), StringComparer.Ordinal)) pending.Push(sub);
            files.AddRange(Directory.GetFiles(dir, "*.md").Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')));
        }
        return files.Order(StringComparer.Ordinal);
    }

    [Test]
    public void TheWalkerFindsTheDocs()
        => Assert.That(MarkdownFiles(), Is.SupersetOf(new[] { "README.md", "docs/authoring.md", "docs/concepts.md", "docs/rules/GOV1001.md", "benchmarks/README.md" }));

    [TestCaseSource(nameof(MarkdownFiles))]
    public void EveryRelativeLinkAndAnchor_Resolves(string file)
    {
        var root = TestFiles.Source();
        var problems = new List<string>();
        foreach (var (line, target) in Links(File.ReadAllText(Path.Combine(root, file))))
        {
            if (Regex.IsMatch(target, "^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)) continue; // https:, mailto:
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var resolved = path.Length == 0 ? Path.Combine(root, file)
                : Path.GetFullPath(path.StartsWith('/') ? Path.Combine(root, path.TrimStart('/')) : Path.Combine(root, Path.GetDirectoryName(file)!, path));
            if (!Inside(root, resolved)) { problems.Add($"line {line}: `{target}` points outside the repository"); continue; }
            if (!File.Exists(resolved) && !Directory.Exists(resolved)) { problems.Add($"line {line}: `{target}`: no such file or folder"); continue; }
            if (anchor is null) continue;
            if (!resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(resolved)) { problems.Add($"line {line}: `{target}`: an anchor into a file that is not Markdown"); continue; }
            var anchors = Anchors(File.ReadAllText(resolved));
            if (!anchors.Contains(Uri.UnescapeDataString(anchor).ToLowerInvariant()))
                problems.Add($"line {line}: `{target}`: no heading with anchor `#{anchor}` (there are: {string.Join(", ", anchors.Select(a => "#" + a))})");
        }
        Assert.That(problems, Is.Empty, file);
    }

    [TestCaseSource(nameof(MarkdownFiles))]
    public void NoPageNamesAPathOutsideTheRepository_OrARepositoryPathThatDoesNotExist(string file)
    {
        var root = TestFiles.Source();
        var text = File.ReadAllText(Path.Combine(root, file));
        var problems = new List<string>();
        foreach (Match m in OutsidePath().Matches(text)) problems.Add($"line {LineOf(text, m.Index)}: `{m.Value}` is outside the repository");
        foreach (Match m in RepositoryPath().Matches(text))
        {
            var path = m.Value.TrimEnd('.', ',', ':', ';', ')');
            if (NotARepositoryPath(path)) continue;
            var full = Path.Combine(root, path);
            if (!File.Exists(full) && !Directory.Exists(full)) problems.Add($"line {LineOf(text, m.Index)}: `{path}` does not exist");
        }
        Assert.That(problems, Is.Empty, file);
    }

    [Test]
    public void AnchorRules_AreGitHubs()
    {
        var anchors = Anchors("""
            # Concepts
            ## Combining rules
            ## The `governance` command: check, plan
            ## What the analyzers do and do not see
            ## Combining rules
            ```
            # not a heading
            ```
            ### GOV3001: A required tag is missing
            ## Snowflake [docs](https://docs.snowflake.com) & more
            <a id="explicit"></a>
            """);
        Assert.That(anchors, Is.EquivalentTo(new[]
        {
            "concepts", "combining-rules", "the-governance-command-check-plan", "what-the-analyzers-do-and-do-not-see",
            "combining-rules-1", "gov3001-a-required-tag-is-missing", "snowflake-docs--more", "explicit",
        }));
    }

    [Test]
    public void Links_SkipCodeAndFindReferenceDefinitions()
    {
        var links = Links("""
            See [concepts](concepts.md#combining-rules) and ![a picture](img/a.png "title").
            `[not](a-link.md)`
            ```md
            [not](a-link-either.md)
            ```
            [ref]: docs/cli.md
            """).Select(l => l.Target);
        Assert.That(links, Is.EqualTo(new[] { "concepts.md#combining-rules", "img/a.png", "docs/cli.md" }));
    }

    /// <summary>The link targets of a Markdown text, with their lines: inline links and images and reference
    /// definitions, outside fenced code blocks and code spans.</summary>
    internal static IEnumerable<(int Line, string Target)> Links(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var fence = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) { fence = !fence; continue; }
            if (fence) continue;
            var text = CodeSpan().Replace(lines[i], "");
            var definition = ReferenceDefinition().Match(text);
            if (definition.Success) { yield return (i + 1, definition.Groups["target"].Value); continue; }
            foreach (Match m in InlineLink().Matches(text)) yield return (i + 1, m.Groups["target"].Value.Trim('<', '>'));
        }
    }

    /// <summary>The anchors GitHub gives a Markdown text: one per heading (outside code fences), repeats numbered, and
    /// explicit <c>&lt;a id&gt;</c>/<c>&lt;a name&gt;</c> anchors.</summary>
    internal static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var fence = false;
        foreach (var line in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fence = !fence; continue; }
            if (fence) continue;
            foreach (Match a in ExplicitAnchor().Matches(line)) anchors.Add(a.Groups["id"].Value);
            var heading = Heading().Match(line);
            if (!heading.Success) continue;
            var slug = Slug(heading.Groups["text"].Value);
            var n = seen.GetValueOrDefault(slug);
            seen[slug] = n + 1;
            anchors.Add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    /// <summary>GitHub's slug of a heading: its rendered text (links as their text, code as its content) lower-cased,
    /// every character but letters, digits, marks, '-', '_' and spaces dropped, spaces turned into hyphens.</summary>
    private static string Slug(string heading)
    {
        var text = HeadingLink().Replace(heading, "${text}").Replace("`", "", StringComparison.Ordinal);
        text = HtmlTag().Replace(text, "").Trim().ToLowerInvariant();
        var slug = new StringBuilder();
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || c is '-' or '_' || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark) slug.Append(c);
            else if (c == ' ') slug.Append('-');
        }
        return slug.ToString();
    }

    /// <summary>Globs, placeholders (<c>GOVnnnn</c>, <c>results/DATE</c>), build output and the package's own layout
    /// (<c>analyzers/dotnet/cs</c>) name no file of the repository.</summary>
    private static bool NotARepositoryPath(string path)
        => path.Contains('*', StringComparison.Ordinal) || path.Contains("nnnn", StringComparison.Ordinal)
           || path.Split('/').Any(s => Skipped.Contains(s, StringComparer.Ordinal) || (s.Length > 1 && s.All(char.IsAsciiLetterUpper)))
           || path.StartsWith("analyzers/dotnet/", StringComparison.Ordinal);

    private static bool Inside(string root, string path)
        => path == Path.GetFullPath(root) || path.StartsWith(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;

    [GeneratedRegex(@"`+[^`]*`+")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\((?<target><[^>]*>|[^\s)]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\s{0,3}\[[^\]]+\]:\s*(?<target>\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex HeadingLink();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"<a\s+(?:id|name)=""(?<id>[^""]+)""")]
    private static partial Regex ExplicitAnchor();

    /// <summary>A path that leaves the repository: the design notes beside it, or an absolute path of this machine.</summary>
    [GeneratedRegex(@"\.\./shared\b|/work/[\w./-]*")]
    private static partial Regex OutsidePath();

    /// <summary>A path from the repository's root, as pages name them: <c>src/Governance.Cli</c>, <c>docs/rules/GOV3001.md</c>.</summary>
    [GeneratedRegex(@"(?<![\w./-])(?:src|docs|tests|analyzers|benchmarks)/[\w./*-]*[\w*/]")]
    private static partial Regex RepositoryPath();
}
