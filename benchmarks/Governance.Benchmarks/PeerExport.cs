using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Governance.Examples.Synthetic;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;

namespace Governance.Benchmarks;

/// <summary>
/// <c>--peer-export DIR [--columns N] [--seed S]</c>: the peer race's workload (<c>benchmarks/peers/race.sh</c>). From
/// the synthetic mesh it writes the masking rules as Cedar policies (<c>policies.cedar</c>), the roles and masked columns
/// as Cedar entity data, the (column, role, conditions hold) requests and our engine's decision for each
/// (<c>workload.json</c>). It times the lookup-only path (<see cref="MaskingDecision.IsClearFor"/> on decisions
/// evaluated beforehand, the MaskingDecision benchmark's code path) and writes its rate into the workload, labelled as
/// what it is. <c>--peer-time DIR</c> (<see cref="Time"/>) times the full path, in a fresh process.
/// </summary>
/// <remarks>
/// <para>
/// The Cedar encoding of our deny-overrides masking semantics: one <c>permit</c> for every request, and per masking
/// rule one <c>forbid … when { selector } unless { principal in a reveal role &amp;&amp; its condition holds }</c>.
/// A column is then clear for a role exactly when every rule that selects it reveals it to that role (the hierarchy
/// counts: a role entity's parents are the roles it inherits, and <c>PUBLIC</c>) and every condition holds. Cedar
/// decides from raw attributes: a column entity carries its effective tags (its own, else its dataset's, else its
/// product's: <see cref="Subject.EffectiveTag"/>), its type family, dataset kind, domain and product, and — for the
/// conditional rules — the type family of each condition column its dataset has (<c>row</c>); the request's context
/// says whether the row's condition columns hold.
/// </para>
/// <para>
/// Only masking rules whose selectors Cedar expresses exactly (tags and values, type families, dataset kinds,
/// domains, products, and/or/not) are in the race; a rule selecting by name pattern or by dataset columns is left out
/// and counted (the synthetic pack has none). Our decisions come from evaluating the same restricted pack.
/// </para>
/// </remarks>
public static class PeerExport
{
    /// <summary>Every <see cref="HoldEvery"/>-th request asks about a row where the conditions do not hold.</summary>
    public const int HoldEvery = 7;

    /// <summary>Warm timings: the best of this many runs.</summary>
    private const int Runs = 5;

    /// <summary>The race's inputs, built before any clock starts: the snapshot and the compiled race pack.</summary>
    private sealed record Race(MetadataSnapshot Snapshot, PackSet Packs, Evaluator Evaluator, int MaskingRules, int Columns, int Seed)
    {
        public int Excluded => MaskingRules - Packs.AllRules.Count;

        public static Race Build(int columns, int seed)
        {
            var snapshot = SyntheticMesh.Generate(columns, seed);
            var full = SyntheticMesh.Pack(Sizes.Rules, seed);
            var masking = full.Rules.OfType<MaskingRule>().ToList();
            var race = masking.Where(r => Cedar(r.Columns) is not null).Cast<Rule>().ToList();
            var pack = new RulePack(full.Name, full.Version, full.Scope, full.Publisher, full.Taxonomy, race, full.Description);
            var packs = PackSet.Create(new[] { pack });
            return new Race(snapshot, packs, Evaluator.Compile(packs), masking.Count, columns, seed);
        }
    }

    public static int Run(string[] args)
    {
        var (dir, columns, seed) = Options(args, "--peer-export");
        var race = Race.Build(columns, seed);
        var decisions = race.Evaluator.Evaluate(race.Snapshot).Masking;
        var roles = RoleGraph.TryBuild(race.Snapshot.Roles, out _)!;
        var roleNames = RoleNames(roles);

        // The requests: every masked column × every role; conditions hold except in every HoldEvery-th request.
        var count = decisions.Count * roleNames.Length;
        var ours = new bool[count];
        Decide(decisions, roles, roleNames, ours);
        var full = FullPath(race);
        if (!full.AsSpan().SequenceEqual(ours)) throw new InvalidOperationException("the full path and the lookup disagree");

        // Lookup only: IsClearFor over the decisions evaluated above (not the full path).
        var scratch = new bool[count];
        var lookup = Best(() => Decide(decisions, roles, roleNames, scratch), out var repeats);
        var lookupPerSecond = count / lookup.TotalSeconds;

        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "policies.cedar"), Policies(race.Packs), new UTF8Encoding(false));
        WriteWorkload(Path.Combine(dir, "workload.json"), race, decisions, roleNames, ours, lookupPerSecond);

        var clear = ours.Count(c => c);
        Console.WriteLine(FormattableString.Invariant(
            $"ours: {count:N0} decisions ({decisions.Count:N0} masked columns of {race.Snapshot.ColumnCount:N0} x {roleNames.Length} roles, {clear:N0} clear), {race.Packs.AllRules.Count} masking rules ({race.Excluded} not expressible in Cedar, left out)"));
        Console.WriteLine(FormattableString.Invariant(
            $"ours, lookup only (IsClearFor on decisions evaluated beforehand; not the full path): best of {Runs} runs of {repeats} passes: {lookup.TotalMilliseconds * 1000:0} us per pass, {lookupPerSecond:N0} decisions/s"));
        return 0;
    }

    /// <summary>
    /// <c>--peer-time DIR [--columns N] [--seed S]</c>: the full path — <c>Evaluator.Evaluate</c> of the loaded snapshot
    /// with the compiled race pack, the role graph, and <c>IsClearFor</c> for every request Cedar gets — timed in this
    /// process: the first pass cold (JIT, tiering and pattern compilation included), then the best of five warm runs.
    /// Every pass's decisions are compared with the workload's (<c>--peer-export</c>); exit 1 on a difference.
    /// Prints <c>full-path cold_ms=… warm_ms=… decisions=…</c>.
    /// </summary>
    public static int Time(string[] args)
    {
        var (dir, columns, seed) = Options(args, "--peer-time");
        var race = Race.Build(columns, seed);
        var expected = ReadOurs(Path.Combine(dir, "workload.json"), columns, seed);

        var clock = Stopwatch.StartNew();
        var cold = FullPath(race);
        clock.Stop();
        var coldTime = clock.Elapsed;
        if (!cold.AsSpan().SequenceEqual(expected))
        {
            Console.Error.WriteLine("the full path's decisions differ from the workload's");
            return 1;
        }
        bool[] last = cold;
        var warm = Best(() => last = FullPath(race), out var repeats);
        if (!last.AsSpan().SequenceEqual(expected))
        {
            Console.Error.WriteLine("the full path's decisions differ from the workload's");
            return 1;
        }
        Console.WriteLine(FormattableString.Invariant(
            $"full-path cold_ms={coldTime.TotalMilliseconds:0.000} warm_ms={warm.TotalMilliseconds:0.000} decisions={expected.Length} passes={repeats} runs={Runs} cores={Environment.ProcessorCount}"));
        return 0;
    }

    /// <summary>The full path: evaluate, build the role graph, decide every request in the order of the workload.</summary>
    private static bool[] FullPath(Race race)
    {
        var decisions = race.Evaluator.Evaluate(race.Snapshot).Masking;
        var roles = RoleGraph.TryBuild(race.Snapshot.Roles, out _)!;
        var roleNames = RoleNames(roles);
        var result = new bool[decisions.Count * roleNames.Length];
        Decide(decisions, roles, roleNames, result);
        return result;
    }

    private static string[] RoleNames(RoleGraph roles) => roles.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray();

    /// <summary>Request i = column i / roles × role i % roles; its conditions hold unless i % HoldEvery == HoldEvery - 1.</summary>
    private static void Decide(IReadOnlyList<Governance.Evaluation.MaskingDecision> decisions, RoleGraph roles, string[] roleNames, bool[] result)
    {
        var i = 0;
        for (var c = 0; c < decisions.Count; c++)
        {
            var d = decisions[c];
            for (var r = 0; r < roleNames.Length; r++, i++) result[i] = d.IsClearFor(roles, roleNames[r], i % HoldEvery != HoldEvery - 1);
        }
    }

    /// <summary>
    /// The time of one call of <paramref name="pass"/>, warm: after one untimed call, it is repeated until a run lasts at
    /// least 200 ms; the best of <see cref="Runs"/> such runs, divided by the repeats.
    /// </summary>
    private static TimeSpan Best(Action pass, out int repeats)
    {
        pass();
        repeats = 1;
        while (true)
        {
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < repeats; k++) pass();
            if (clock.Elapsed.TotalMilliseconds >= 200) break;
            repeats *= 2;
        }
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < Runs; run++)
        {
            var clock = Stopwatch.StartNew();
            for (var k = 0; k < repeats; k++) pass();
            clock.Stop();
            if (clock.Elapsed < best) best = clock.Elapsed;
        }
        return best / repeats;
    }

    private static (string Dir, int Columns, int Seed) Options(string[] args, string mode)
    {
        if (args.Length == 0) throw new ArgumentException("usage: " + mode + " DIR [--columns N] [--seed S]");
        var columns = 10_000;
        var seed = Sizes.Seed;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture);
            switch (args[i])
            {
                case "--columns": columns = value; break;
                case "--seed": seed = value; break;
                default: throw new ArgumentException("unknown option " + args[i]);
            }
        }
        return (args[0], columns, seed);
    }

    /// <summary>The workload's decisions of ours, after checking it was written for the same columns and seed.</summary>
    private static bool[] ReadOurs(string path, int columns, int seed)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        if (root.GetProperty("columns").GetInt32() != columns || root.GetProperty("seed").GetInt32() != seed)
            throw new ArgumentException(path + " was written for other columns or another seed");
        return root.GetProperty("ours").GetString()!.Select(c => c == '1').ToArray();
    }

    // ───────────────────────────── Cedar policies ─────────────────────────────

    private static string Policies(PackSet packs)
    {
        var text = new StringBuilder();
        text.Append("// Generated by Governance.Benchmarks --peer-export: our masking rules, deny overrides.\n");
        text.Append("@id(\"clear-by-default\")\npermit (principal, action == Action::\"readClear\", resource);\n");
        foreach (var b in packs.AllRules)
        {
            var rule = (MaskingRule)b.Rule;
            text.Append('\n').Append("@id(").Append(Str(b.Ref)).Append(")\n");
            text.Append("forbid (principal, action == Action::\"readClear\", resource)\n");
            text.Append("when { ").Append(Cedar(rule.Columns)).Append(" }\n");
            var reveal = rule.RevealTo.Count == 0 ? "false" : "(" + string.Join(" || ", rule.RevealTo.Select(r => "principal in Role::" + Str(r))) + ")";
            text.Append("unless { ").Append(reveal);
            if (rule.Condition is { } condition)
            {
                var fits = Enum.GetValues<DataTypeFamily>().Where(condition.Value.Fits).Select(f => Str(Names.Of(f)));
                text.Append(" && context.conditionsHold && resource.row has ").Append(Str(condition.Column))
                    .Append(" && [").Append(string.Join(", ", fits)).Append("].contains(resource.row[").Append(Str(condition.Column)).Append("])");
            }
            text.Append(" };\n");
        }
        return text.ToString();
    }

    /// <summary>The selector as a Cedar condition on the column entity, or null when Cedar cannot express it exactly.</summary>
    private static string? Cedar(Selector selector) => selector.Accept(CedarCondition.Instance);

    private sealed class CedarCondition : ISelectorVisitor<string?>
    {
        public static readonly CedarCondition Instance = new();

        public string? Visit(AlwaysSelector selector) => "true";

        public string? Visit(TagSelector selector)
        {
            var has = "resource.tags has " + Str(selector.Tag);
            if (selector.Values is null) return has;
            return "(" + has + " && (" + string.Join(" || ", selector.Values.Select(v => "resource.tags[" + Str(selector.Tag) + "] == " + Str(v))) + "))";
        }

        // Name patterns are regular expressions (Cedar's `like` has only `*`); HasColumn reads other columns.
        public string? Visit(NameSelector selector) => null;
        public string? Visit(HasColumnSelector selector) => null;

        public string? Visit(TypeSelector selector) => OneOf("resource.family", selector.Families.Select(Names.Of));
        public string? Visit(KindSelector selector) => OneOf("resource.kind", selector.Kinds.Select(DatasetKinds.ToJson));
        public string? Visit(DomainSelector selector) => OneOf("resource.domain", selector.Domains);
        public string? Visit(ProductSelector selector) => OneOf("resource.product", selector.Products);
        public string? Visit(AllSelector selector) => Join(selector.Parts, " && ");
        public string? Visit(AnySelector selector) => Join(selector.Parts, " || ");
        public string? Visit(NotSelector selector) => selector.Inner.Accept(this) is { } inner ? "!(" + inner + ")" : null;
    }

    private static string OneOf(string attribute, IEnumerable<string> values) => "(" + string.Join(" || ", values.Select(v => attribute + " == " + Str(v))) + ")";

    private static string? Join(IReadOnlyList<Selector> parts, string op)
    {
        var texts = new List<string>(parts.Count);
        foreach (var p in parts)
        {
            if (Cedar(p) is not { } text) return null;
            texts.Add(text);
        }
        return "(" + string.Join(op, texts) + ")";
    }

    /// <summary>A Cedar string literal (Cedar escapes as JSON does for the characters our names can hold).</summary>
    private static string Str(string value) => JsonSerializer.Serialize(value);

    // ───────────────────────────── entities and requests ─────────────────────────────

    private static void WriteWorkload(string path, Race race, IReadOnlyList<Governance.Evaluation.MaskingDecision> decisions, string[] roleNames, bool[] ours,
        double lookupPerSecond)
    {
        var snapshot = race.Snapshot;
        var packs = race.Packs;
        var domainOf = new Dictionary<DataProduct, Domain>(ReferenceEqualityComparer.Instance);
        foreach (var domain in snapshot.Domains)
        {
            foreach (var product in domain.Products) domainOf[product] = domain;
        }
        var conditionColumns = packs.AllRules.Select(b => ((MaskingRule)b.Rule).Condition?.Column).OfType<string>().Distinct(StringComparer.Ordinal)
            .OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var roleDefinitions = snapshot.Roles.ToDictionary(r => r.Name, r => r.Inherits, StringComparer.Ordinal);

        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteNumber("columns", race.Columns);
        json.WriteNumber("snapshotColumns", snapshot.ColumnCount);
        json.WriteNumber("seed", race.Seed);
        json.WriteNumber("rules", packs.AllRules.Count);
        json.WriteNumber("excludedRules", race.Excluded);
        json.WriteNumber("holdEvery", HoldEvery);
        json.WriteNumber("oursLookupOnlyPerSecond", lookupPerSecond);
        json.WriteStartArray("roles");
        foreach (var role in roleNames)
        {
            json.WriteStartObject();
            json.WriteString("name", role);
            json.WriteStartArray("parents");
            if (roleDefinitions.TryGetValue(role, out var inherits))
            {
                foreach (var parent in inherits) json.WriteStringValue(parent);
            }
            if (!string.Equals(role, RoleGraph.Public, StringComparison.Ordinal)) json.WriteStringValue(RoleGraph.Public);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("resources");
        foreach (var d in decisions)
        {
            var domain = domainOf[d.Product];
            var subject = Subject.ForColumn(domain, d.Product, d.Dataset, d.Column);
            json.WriteStartObject();
            json.WriteString("uid", d.Target);
            json.WriteStartObject("tags");
            var names = d.Product.Tags.Items.Concat(d.Dataset.Tags.Items).Concat(d.Column.Tags.Items).Select(t => t.Key)
                .Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal);
            foreach (var name in names) json.WriteString(name, subject.EffectiveTag(name));
            json.WriteEndObject();
            json.WriteString("family", Names.Of(d.Column.Type.Family));
            json.WriteString("kind", d.Dataset.Kind.ToJson());
            json.WriteString("domain", domain.Name);
            json.WriteString("product", domain.Name + "/" + d.Product.Name);
            json.WriteStartObject("row");
            foreach (var c in conditionColumns)
            {
                if (d.Dataset.FindColumn(c) is { } other) json.WriteString(c, Names.Of(other.Type.Family));
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        // ours[i] for request i = column (i / roles) × role (i % roles); conditions hold unless i % holdEvery == holdEvery - 1.
        json.WriteString("ours", new string(ours.Select(c => c ? '1' : '0').ToArray()));
        json.WriteEndObject();
    }
}
