using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.Tests;

namespace Governance.Simulation.Tests.Corpus;

/// <summary>
/// The outputs users and scripts read stay byte-identical unless a change means to change them: <c>check</c>'s JSON and
/// SARIF (with and without waivers), the evaluator's decisions, the analyzers' findings, plan scripts (column and tag
/// mode, plain and with tag assignments and a role), simulated rows and, for the example, <c>diff</c> of its next pack
/// version (<see cref="OutputCorpus"/>), pinned in
/// <c>Corpus/golden</c>: whole files for the Acme example (<c>golden/files</c>, small enough to review in a diff), and
/// one SHA-256 digest per output for the every-kind mesh, seeded synthetic meshes and seeded generated cases
/// (<c>golden/digests.sha256</c>, in <c>sha256sum</c>'s format).
/// <para>
/// On a mismatch the failure names each output that changed, appeared or went, and writes the actual files into the
/// test's work folder (<c>corpus-actual/</c>), to diff against <c>golden/files</c> or to check with
/// <c>sha256sum -c golden/digests.sha256</c> from there. When the change is meant (a new field, a fixed message, a changed
/// test generator — the generated cases are drawn by <c>tests/Governance.Tests/Generators</c>), run the tests once with
/// <c>GOVERNANCE_UPDATE_GOLDEN=1</c>: they rewrite the corpus and fail; review the diff, commit it, and run again without.
/// </para>
/// <para>
/// Deterministic on every machine: inputs are fixed or seeded, waivers expire against a fixed clock, every output is
/// written with <c>\n</c> line endings and compared as UTF-8 bytes, the golden files are checked out byte for byte
/// (<c>golden/.gitattributes</c>), and the outputs are made under a culture that differs from the invariant one in
/// digits, dates and casing (<c>tr-TR</c>), so code that reads the machine's culture shows up here.
/// </para>
/// </summary>
[SetCulture("tr-TR")]
[SetUICulture("tr-TR")]
public sealed class OutputCorpusTests
{
    private const string UpdateVariable = "GOVERNANCE_UPDATE_GOLDEN";
    private const int Listed = 20;

    private static string Golden(params string[] parts)
        => TestFiles.Source(new[] { "tests", "Governance.Simulation.Tests", "Corpus", "golden" }.Concat(parts).ToArray());

    private static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The synthetic meshes of the pinned corpus: columns, rules, seed.</summary>
    internal static readonly (int Columns, int Rules, int Seed)[] SyntheticSizes = { (300, 20, 1), (2000, 200, 7) };

    [Test]
    public void AcmeExample_OutputsAreTheCommittedFiles()
    {
        var actual = Produce(OutputCorpus.Acme);
        Assert.That(actual, Has.Count.GreaterThanOrEqualTo(12), "the example gives plans, simulations and reports");
        var folder = Golden("files");
        if (Updating)
        {
            Directory.CreateDirectory(folder);
            foreach (var stale in Directory.GetFiles(folder).Where(f => !actual.ContainsKey(Path.GetFileName(f)))) File.Delete(stale);
            foreach (var (name, bytes) in actual) File.WriteAllBytes(Path.Combine(folder, name), bytes);
            Assert.Fail("wrote " + actual.Count.ToString(CultureInfo.InvariantCulture) + " files into " + folder + "; review the diff, commit it and run again without " + UpdateVariable);
        }

        var expected = Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);
        var problems = Compare(expected.Keys, actual.Keys, name => expected[name].AsSpan().SequenceEqual(actual[name]),
            name => FirstDifference(expected[name], actual[name]));
        Report(problems, actual, found => "diff -r " + folder + " " + found);
    }

    [Test]
    public void EveryKindSyntheticAndGeneratedMeshes_OutputsHaveTheCommittedDigests()
    {
        var actual = Produce(emit =>
        {
            OutputCorpus.EveryKind(emit);
            OutputCorpus.SyntheticMeshes(emit, SyntheticSizes);
            OutputCorpus.GeneratedCases(emit, cases: 6, packs: 12);
        });
        Assert.That(actual.Keys, Has.Some.StartsWith("synthetic-2000-200.").And.Some.StartsWith("case-005.").And.Some.StartsWith("pack-011."));
        var digests = actual.ToDictionary(o => o.Key, o => Convert.ToHexStringLower(SHA256.HashData(o.Value)), StringComparer.Ordinal);
        var file = Golden("digests.sha256");
        if (Updating)
        {
            var text = new StringBuilder();
            foreach (var name in digests.Keys.Order(StringComparer.Ordinal)) text.Append(digests[name]).Append("  ").Append(name).Append('\n');
            File.WriteAllText(file, text.ToString(), new UTF8Encoding(false));
            Assert.Fail("wrote " + digests.Count.ToString(CultureInfo.InvariantCulture) + " digests into " + file + "; review the diff, commit it and run again without " + UpdateVariable);
        }

        var expected = File.ReadAllLines(file, new UTF8Encoding(false)).Where(l => l.Length > 0)
            .Select(l => l.Split("  ", 2)).ToDictionary(p => p[1], p => p[0], StringComparer.Ordinal);
        var problems = Compare(expected.Keys, digests.Keys, name => expected[name] == digests[name], _ => "its SHA-256 differs");
        Report(problems, actual, found => "cd " + found + " && sha256sum -c " + file);
    }

    /// <summary>The corpus <paramref name="produce"/> emits, as UTF-8 bytes by name; an output named twice is a bug of the corpus.</summary>
    private static Dictionary<string, byte[]> Produce(Action<Action<string, string>> produce)
    {
        var outputs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        produce((name, text) => Assert.That(outputs.TryAdd(name, new UTF8Encoding(false).GetBytes(text)), Is.True, "the corpus names `" + name + "` twice"));
        return outputs;
    }

    private static List<string> Compare(IEnumerable<string> expected, IEnumerable<string> actual, Func<string, bool> same, Func<string, string> why)
    {
        var before = expected.ToHashSet(StringComparer.Ordinal);
        var after = actual.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var name in after.Order(StringComparer.Ordinal))
        {
            if (!before.Contains(name)) problems.Add("`" + name + "` is new: it is not in the committed corpus");
            else if (!same(name)) problems.Add("`" + name + "` changed: " + why(name));
        }
        foreach (var name in before.Where(n => !after.Contains(n)).Order(StringComparer.Ordinal)) problems.Add("`" + name + "` is no longer produced");
        return problems;
    }

    /// <summary>Where two texts first differ: the line number and both lines.</summary>
    private static string FirstDifference(byte[] expected, byte[] actual)
    {
        var a = Encoding.UTF8.GetString(expected).Split('\n');
        var b = Encoding.UTF8.GetString(actual).Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : "(end of file)";
            var y = i < b.Length ? b[i] : "(end of file)";
            if (x != y) return "line " + (i + 1).ToString(CultureInfo.InvariantCulture) + " was `" + x + "`, is `" + y + "`";
        }
        return "the bytes differ (encoding or line endings)";
    }

    /// <summary>Fails naming the outputs that differ, after writing every actual output into the test's work folder.</summary>
    private static void Report(List<string> problems, IReadOnlyDictionary<string, byte[]> actual, Func<string, string> compare)
    {
        if (problems.Count == 0) return;
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "corpus-actual", TestContext.CurrentContext.Test.MethodName ?? "outputs");
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in actual) File.WriteAllBytes(Path.Combine(folder, name), bytes);
        var shown = problems.Take(Listed).ToList();
        if (problems.Count > Listed) shown.Add("… and " + (problems.Count - Listed).ToString(CultureInfo.InvariantCulture) + " more");
        Assert.Fail(problems.Count.ToString(CultureInfo.InvariantCulture) + " output(s) differ from the committed corpus:\n  " + string.Join("\n  ", shown)
            + "\nthe actual outputs are in " + folder + " (compare: " + compare(folder) + ")"
            + "\nif the change is meant, run with " + UpdateVariable + "=1, review the diff and commit it");
    }
}
