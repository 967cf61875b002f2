using System.Collections.Concurrent;
using NUnit.Framework.Interfaces;

[assembly: Governance.Import.Tests.TemporaryFolders]

namespace Governance.Import.Tests;

/// <summary>
/// The tests' temporary folders: each made for the running test (or fixture) and deleted when it ends, passed or failed,
/// so that a run leaves nothing under the system's temporary folder.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TemporaryFoldersAttribute : Attribute, ITestAction
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<string>> Folders = new();

    /// <summary>Around every test and every suite (a folder made in a fixture's set-up goes with the fixture).</summary>
    public ActionTargets Targets => ActionTargets.Test | ActionTargets.Suite;

    /// <summary>A new empty folder, deleted when the current test or fixture ends.</summary>
    public static string Create()
    {
        var dir = Directory.CreateTempSubdirectory("governance-import-tests-").FullName;
        Folders.GetOrAdd(TestContext.CurrentContext.Test.ID, _ => new ConcurrentBag<string>()).Add(dir);
        return dir;
    }

    public void BeforeTest(ITest test) { }

    public void AfterTest(ITest test)
    {
        if (!Folders.TryRemove(test.Id, out var dirs)) return;
        foreach (var dir in dirs) Directory.Delete(dir, recursive: true);
    }
}
