namespace Governance.Tests.Packs;

/// <summary>
/// Every file-reading entry point of the library fails the same way on a bad path: an empty one, a folder, one with a
/// NUL, one too long, one that does not exist — a <see cref="GovernanceInputException"/> with the entry point's GOV ID,
/// naming the file and what was expected, never a raw IO or argument exception.
/// </summary>
public sealed class InputFileErrorTests
{
    private static readonly (string Name, string GovId, string What, Action<string> Read)[] EntryPoints =
    {
        ("WaiverFile.ReadFile", GovIds.InvalidWaivers, "a waiver file", p => WaiverFile.ReadFile(p)),
        ("RulePackLoader.LoadFile", GovIds.InvalidRulePack, "a rule pack manifest (*.rulepack.json)", p => RulePackLoader.LoadFile(p)),
        ("StateFile.ReadFile", GovIds.InvalidStateFile, "a state file (governance.state/v1)", p => StateFile.ReadFile(p)),
        ("SnapshotReader.ReadFile", GovIds.InvalidSnapshot, "a snapshot file", p => SnapshotReader.ReadFile(p)),
    };

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var e in EntryPoints)
        {
            yield return new TestCaseData(e.Name, "", "the path is empty; expected " + e.What).SetName(e.Name + "_EmptyPath");
            yield return new TestCaseData(e.Name, "{dir}", "this is a folder, not a file; expected " + e.What).SetName(e.Name + "_AFolder");
            yield return new TestCaseData(e.Name, "{dir}/a\0b.json", "the path is not a valid file name; expected " + e.What).SetName(e.Name + "_ANulInThePath");
            yield return new TestCaseData(e.Name, "{dir}/" + new string('x', 5000) + ".json", "the path is too long; expected " + e.What).SetName(e.Name + "_APathTooLong");
            yield return new TestCaseData(e.Name, "{dir}/missing.json", "the file does not exist; expected " + e.What).SetName(e.Name + "_AMissingFile");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void ABadPath_IsAnInputError_NamingTheFileAndWhatWasExpected(string entry, string path, string problem)
    {
        var dir = Directory.CreateTempSubdirectory("governance-input-").FullName;
        try
        {
            var (_, govId, _, read) = EntryPoints.Single(e => e.Name == entry);
            path = path.Replace("{dir}", dir, StringComparison.Ordinal);
            var e = Assert.Throws<GovernanceInputException>(() => read(path))!;
            Assert.That((e.GovId, e.File, e.Problem), Is.EqualTo((govId, path, problem)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
