using System.Text;
using Governance.Simulation.Tests.Corpus;

namespace Governance.Simulation.Tests;

/// <summary>
/// Writes the output corpus (<see cref="OutputCorpus"/>) — larger than the one <c>OutputCorpusTests</c> pins:
/// more synthetic meshes and more generated cases — into <c>$GOVERNANCE_DUMP_DIR</c>, one file per output. Run it on two
/// commits and diff the folders (<c>scripts/compare-outputs.sh</c>): a refactoring that keeps behaviour leaves no
/// difference. Explicit: it writes files and takes minutes.
/// </summary>
[Explicit("writes the output corpus for scripts/compare-outputs.sh")]
public sealed class OutputDump
{
    private static string Folder => Environment.GetEnvironmentVariable("GOVERNANCE_DUMP_DIR") is { Length: > 0 } d ? d
        : throw new InvalidOperationException("set GOVERNANCE_DUMP_DIR");

    private static void Write(string name, string text)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, name), text, new UTF8Encoding(false));
    }

    [Test]
    public void Examples()
    {
        OutputCorpus.Examples(Write);
        Assert.That(Directory.GetFiles(Folder), Is.Not.Empty);
    }

    [Test]
    public void SyntheticMeshes()
    {
        OutputCorpus.SyntheticMeshes(Write, new[] { (300, 20, 1), (2000, 200, 7), (20000, 500, 3) });
        Assert.That(Directory.GetFiles(Folder), Is.Not.Empty);
    }

    [Test]
    public void GeneratedCases()
    {
        OutputCorpus.GeneratedCases(Write, cases: 150, packs: 200);
        Assert.That(Directory.GetFiles(Folder), Is.Not.Empty);
    }
}
