namespace Governance.Tests;

/// <summary>
/// Files of the repository the tests read in place (golden files, sample sources). Found by walking up from the test
/// output to the folder that holds Governance.sln — not through [CallerFilePath], which deterministic CI builds map to
/// <c>/_/</c>.
/// </summary>
internal static class TestFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find Governance.sln above " + TestContext.CurrentContext.TestDirectory);
    });

    /// <summary>A path inside the repository, from its parts: <c>Source("tests", "Governance.Tests", "x.sql")</c>.</summary>
    public static string Source(params string[] parts) => Path.Combine(new[] { Root.Value }.Concat(parts).ToArray());
}
