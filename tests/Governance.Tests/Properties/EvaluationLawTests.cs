using FsCheck;
using FsCheck.Fluent;
using Governance.Tests.Generators;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Properties;

/// <summary>The laws of evaluation, over generated packs and snapshots.</summary>
public sealed class EvaluationLawTests
{
    private static readonly Gen<(RulePack Pack, MetadataSnapshot Snapshot)> PackAndSnapshot =
        from pack in PackGen.GlobalPack()
        from snapshot in SnapshotGen.Snapshot()
        select (pack, snapshot);

    private static string Report(EvaluationResult result)
    {
        using var stream = new MemoryStream();
        JsonReport.Write(result, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static EvaluationResult Evaluate(RulePack pack, MetadataSnapshot snapshot)
        => Evaluator.Compile(PackSet.Create(new[] { pack })).Evaluate(snapshot);

    [Property(MaxTest = 250)]
    public Property ManifestRoundTrip_PreservesEvaluation() => Prop.ForAll(Arb.From(PackAndSnapshot), input =>
    {
        var loaded = RulePackLoader.Parse(ManifestCodec.Write(input.Pack));
        return Report(Evaluate(loaded, input.Snapshot)) == Report(Evaluate(input.Pack, input.Snapshot));
    });

    [Property(MaxTest = 250)]
    public Property Evaluation_IsIndependentOfSnapshotOrder()
    {
        var gen = from x in PackAndSnapshot
                  from shuffled in SnapshotGen.Shuffled(x.Snapshot)
                  select (x.Pack, x.Snapshot, Shuffled: shuffled);
        return Prop.ForAll(Arb.From(gen), x => Report(Evaluate(x.Pack, x.Snapshot)) == Report(Evaluate(x.Pack, x.Shuffled)));
    }

    /// <summary>
    /// The evaluator sorts each dataset's findings and decisions on its workers and puts the datasets' sorted blocks
    /// together: the whole is in the one order (targets ordinal, then ID, rule, message) also where a dataset's name
    /// extends another's with a character before or after the dot (<c>A</c>, <c>A-B</c>, <c>A.B</c>: their blocks
    /// overlap), and the same for any order of the snapshot.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Evaluation_IsSorted_WhereDatasetNamesExtendOthers()
    {
        var gen = from x in PackAndSnapshot
                  let extending = WithExtendingNames(x.Snapshot)
                  from shuffled in SnapshotGen.Shuffled(extending)
                  select (x.Pack, Snapshot: extending, Shuffled: shuffled);
        return Prop.ForAll(Arb.From(gen), x =>
        {
            var result = Evaluate(x.Pack, x.Snapshot);
            static bool Ascending(IEnumerable<string> targets) => targets.Zip(targets.Skip(1)).All(p => string.CompareOrdinal(p.First, p.Second) < 0);
            var findings = result.Findings.Zip(result.Findings.Skip(1)).All(p => Finding.Compare(p.First, p.Second) <= 0);
            var masking = Ascending(result.Masking.Select(m => m.Target));
            var rows = Ascending(result.RowAccess.Select(r => r.Target));
            var independent = Report(result) == Report(Evaluate(x.Pack, x.Shuffled));
            return (findings && masking && rows && independent).Label($"findings={findings} masking={masking} rows={rows} independent={independent}");
        });
    }

    /// <summary>The snapshot with its datasets renamed so that names extend others: <c>A</c>, <c>A-B</c>, <c>A.B</c> …</summary>
    private static MetadataSnapshot WithExtendingNames(MetadataSnapshot snapshot)
    {
        string[] names = ["A", "A-B", "A.B", "A.B.C", "AB", "A_B"];
        string Rename(string name) => names[SnapshotGen.DatasetNames.ToList().IndexOf(name)];
        return new MetadataSnapshot(snapshot.Roles, snapshot.Domains.Select(d => new Domain(d.Name, d.Owner, d.Products.Select(p =>
            new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema,
                p.Datasets.Select(s => new Dataset(Rename(s.Name), s.Kind, s.Columns, s.Tags, s.Sources)).ToArray(), p.Tags)).ToArray())).ToArray(), snapshot.TakenAt);
    }

    [Property(MaxTest = 300)]
    public Property IndexedEvaluator_AgreesWithReferenceEvaluation() => Prop.ForAll(Arb.From(PackAndSnapshot), input =>
    {
        var packs = PackSet.Create(new[] { input.Pack });
        var indexed = ReferenceEvaluator.Lines(Evaluator.Compile(packs).Evaluate(input.Snapshot));
        var reference = ReferenceEvaluator.Evaluate(packs, input.Snapshot);
        return indexed.SequenceEqual(reference).Label("indexed:\n" + string.Join("\n", indexed) + "\nreference:\n" + string.Join("\n", reference));
    });

    /// <summary>The analyzers report <see cref="Checks"/>' violations; the CLI reports the indexed evaluator's findings.</summary>
    internal static Property SameFindings(PackSet packs, MetadataSnapshot snapshot)
    {
        static string Key(string id, string? rule, Severity severity, string target, string message) => $"{id}|{rule}|{severity}|{target}|{message}";
        var evaluator = Evaluator.Compile(packs).Evaluate(snapshot).Findings.Select(f => Key(f.Id, f.Rule, f.Severity, f.Target, f.Message)).ToList();
        var checks = Checks.Run(packs, snapshot).Select(v => Key(v.Id, v.Rule, v.Severity, v.Target, v.Message)).ToList();
        return evaluator.SequenceEqual(checks).Label("evaluator:\n" + string.Join("\n", evaluator) + "\nchecks:\n" + string.Join("\n", checks));
    }

    [Property(MaxTest = 300)]
    public Property IndexedEvaluator_ReportsTheSameFindingsAsTheAnalyzersChecks()
        => Prop.ForAll(Arb.From(PackAndSnapshot), input => SameFindings(PackSet.Create(new[] { input.Pack }), input.Snapshot));

    /// <summary>The analyzers check product by product with each rule set's rules by level and tag and one memo of its
    /// name tests, kept across the products (<see cref="RuleLevels"/>, <see cref="NameMatches"/>: the evaluator's memo
    /// too); the plain checks try every rule on every subject and remember nothing.</summary>
    [Property(MaxTest = 300)]
    public Property ChecksWithTheNameMemoAndTheRuleLevels_ReportWhatThePlainChecksReport() => Prop.ForAll(Arb.From(PackAndSnapshot), input =>
    {
        static string Key(Finding f) => $"{f.Id}|{f.Rule}|{f.Severity}|{f.Level}|{f.Target}|{f.Message}|{f.Tag}|{string.Join(",", f.AllowedValues)}|{f.SuggestedName}";
        var packs = PackSet.Create(new[] { input.Pack });
        var memos = new Dictionary<RuleSet, (NameMatches Names, RuleLevels Levels)>();
        var plain = new List<Finding>();
        var memoized = new List<Finding>();
        var levelled = new List<Finding>();
        foreach (var domain in input.Snapshot.Domains)
        {
            var set = packs.For(domain.Name);
            if (!memos.TryGetValue(set, out var memo)) memos[set] = memo = (new NameMatches(set), new RuleLevels(set, new NameMatches(set)));
            foreach (var product in domain.Products)
            {
                Checks.Product(set, domain, product, plain);
                Checks.Product(set, domain, product, memoized, memo.Names);
                Checks.Product(set, domain, product, levelled, memo.Levels);
            }
        }
        var expected = plain.OrderBy(Key, StringComparer.Ordinal).Select(Key).ToList();
        var actual = memoized.OrderBy(Key, StringComparer.Ordinal).Select(Key).ToList();
        var byLevel = levelled.OrderBy(Key, StringComparer.Ordinal).Select(Key).ToList();
        return (expected.SequenceEqual(actual) && expected.SequenceEqual(byLevel)).Label("plain:\n" + string.Join("\n", expected)
            + "\nwith the memo:\n" + string.Join("\n", actual) + "\nby level:\n" + string.Join("\n", byLevel));
    });

    [Property(MaxTest = 250)]
    public Property WaivedFindings_AreASubsetOfFindings_AndOnlyActiveWaiversApply()
    {
        var gen = from x in PackAndSnapshot
                  from picks in Gen.ListOf(Gen.Choose(0, 1000), 4)
                  from globs in Gen.ListOf(Gen.Elements("exact", "*", "**", "prefix"), 4)
                  from days in Gen.ListOf(Gen.Choose(-3, 3), 4)
                  select (x.Pack, x.Snapshot, Picks: picks.ToArray(), Globs: globs.ToArray(), Days: days.ToArray());
        return Prop.ForAll(Arb.From(gen), x =>
        {
            var evaluator = Evaluator.Compile(PackSet.Create(new[] { x.Pack }));
            var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
            var clock = new FixedTime(now);
            var plain = evaluator.Evaluate(x.Snapshot, null, clock);
            var ruled = plain.Findings.Where(f => f.Rule is not null).ToList();
            if (ruled.Count == 0) return true.ToProperty();
            var waivers = Enumerable.Range(0, 4).Select(i =>
            {
                var f = ruled[x.Picks[i] % ruled.Count];
                var target = x.Globs[i] switch
                {
                    "exact" => f.Target,
                    "*" => string.Join(".", f.Target.Split('.').Select((s, j) => j == 0 ? s : "*")),
                    "**" => f.Target.Split('.')[0] + ".**",
                    _ => f.Target.Split('.')[0] + ".*",
                };
                return new Waiver(f.Rule!, target, "reason", "owner", DateOnly.FromDateTime(now.UtcDateTime).AddDays(x.Days[i]));
            }).ToList();
            var waived = evaluator.Evaluate(x.Snapshot, waivers, clock);
            static string Key(Finding f) => f.Id + "|" + f.Rule + "|" + f.Target + "|" + f.Message;
            // The findings about the waivers themselves: expired, unused, too broad or too long.
            static bool AboutWaivers(Finding f) => f.Id is GovIds.WaiverExpired or GovIds.WaiverUnused or GovIds.WaiverTooBroad;
            var sameFindings = waived.Findings.Where(f => !AboutWaivers(f)).Select(Key).SequenceEqual(plain.Findings.Select(Key));
            var activeOnly = waived.Findings.Where(f => f.Waived).All(f => f.WaivedBy!.IsActive(now) && f.WaivedBy.Covers(f.Rule!, f.Target));
            var complete = waived.Findings.Where(f => !f.Waived && f.Rule is not null && !AboutWaivers(f))
                .All(f => !waivers.Any(w => w.IsActive(now) && w.Covers(f.Rule!, f.Target)));
            var expiredReported = waived.Findings.Count(f => f.Id == GovIds.WaiverExpired) == waivers.Count(w => !w.IsActive(now));
            var unusedReported = waived.Findings.Count(f => f.Id == GovIds.WaiverUnused)
                == waivers.Count(w => w.IsActive(now) && !plain.Findings.Any(f => f.Rule is not null && w.Covers(f.Rule, f.Target)));
            return (sameFindings && activeOnly && complete && expiredReported && unusedReported)
                .Label($"same={sameFindings} activeOnly={activeOnly} complete={complete} expired={expiredReported} unused={unusedReported}");
        });
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
