using System.Text.RegularExpressions;
using Governance.Tests;

namespace Governance.Simulation.Tests.Deploy;

/// <summary>A compiled sample between <c>// begin-snippet: NAME</c> and <c>// end-snippet</c>, unindented, as a page shows it in a ```csharp block.</summary>
internal static class Snippets
{
    public static string Block(string name, params string[] sourcePath)
    {
        var source = File.ReadAllText(TestFiles.Source(sourcePath)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var m = Regex.Match(source, @"// begin-snippet: " + Regex.Escape(name) + @"\n(?<code>.*?)\n[ ]*// end-snippet", RegexOptions.Singleline);
        if (!m.Success) throw new ArgumentException("no snippet `" + name + "` in " + string.Join("/", sourcePath), nameof(name));
        var lines = m.Groups["code"].Value.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return "```csharp\n" + string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).TrimEnd() + "\n```";
    }
}
