using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Analyzers;

/// <summary>
/// The rule packs of one compilation: the manifests among its <c>AdditionalFiles</c> (named <c>*.rulepack.json</c>, or
/// marked <c>GovernanceRulePack="true"</c> by the package's props), read with the shared model's reader and checks —
/// each parsed once per <see cref="SourceText"/> — and layered into one <see cref="PackSet"/>. A problem is kept as the
/// <see cref="GovernanceInputException"/> it is, to be reported once, in the file it is about.
/// </summary>
internal sealed class RulePacks
{
    private sealed class Parsed
    {
        public Parsed(RulePack? pack, GovernanceInputException? problem) { Pack = pack; Problem = problem; }
        public RulePack? Pack { get; }
        public GovernanceInputException? Problem { get; }
    }

    /// <summary>Parsed manifests by content: an unchanged file is not parsed again as the user types elsewhere.</summary>
    private static readonly ConditionalWeakTable<SourceText, Parsed> Cache = new ConditionalWeakTable<SourceText, Parsed>();

    private readonly Dictionary<string, GovernanceInputException> _problems;

    private RulePacks(PackSet? set, Dictionary<string, GovernanceInputException> problems, bool any)
    {
        Set = set;
        _problems = problems;
        HasManifests = any;
    }

    /// <summary>The layered packs, or null when there are none or one is broken (its problem is reported instead).</summary>
    public PackSet? Set { get; }
    public bool HasManifests { get; }

    public const string MetadataKey = "build_metadata.AdditionalFiles.GovernanceRulePack";

    public static bool IsManifest(AdditionalText file, AnalyzerConfigOptionsProvider options)
    {
        if (file.Path.EndsWith(".rulepack.json", StringComparison.OrdinalIgnoreCase)) return true;
        return options.GetOptions(file).TryGetValue(MetadataKey, out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
    }

    public static RulePacks Load(ImmutableArray<AdditionalText> files, AnalyzerConfigOptionsProvider options, CancellationToken cancellation)
    {
        var problems = new Dictionary<string, GovernanceInputException>(StringComparer.Ordinal);
        var packs = new List<RulePack>();
        var sources = new Dictionary<RulePack, string>();
        var any = false;
        var ordered = new List<AdditionalText>();
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            // A manifest given twice (by the folder glob and by GovernanceRulePacks) is read once.
            if (IsManifest(f, options) && paths.Add(f.Path)) ordered.Add(f);
        }
        ordered.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        foreach (var file in ordered)
        {
            any = true;
            var text = file.GetText(cancellation);
            if (text is null)
            {
                problems[file.Path] = new GovernanceInputException(GovIds.InvalidRulePack, file.Path, null, null, "cannot read the rule pack");
                continue;
            }
            var parsed = Cache.GetValue(text, t => Parse(t, file.Path));
            if (parsed.Problem is not null)
            {
                // The cached problem may name another path with the same content; report it for this file.
                var p = parsed.Problem;
                problems[file.Path] = new GovernanceInputException(p.GovId, file.Path, p.JsonPath, p.Line, p.Problem);
                continue;
            }
            packs.Add(parsed.Pack!);
            sources[parsed.Pack!] = file.Path;
        }
        if (problems.Count > 0 || packs.Count == 0) return new RulePacks(null, problems, any);
        try
        {
            return new RulePacks(PackSet.Create(packs, sources), problems, any);
        }
        catch (GovernanceInputException e)
        {
            problems[e.File ?? ordered[0].Path] = e;
            return new RulePacks(null, problems, any);
        }
    }

    private static Parsed Parse(SourceText text, string path)
    {
        try
        {
            var json = text.ToString();
            var pack = ManifestChecks.ReadValid(json, path, out var recorded);
            ManifestChecks.VerifyHash(pack, recorded, path);
            return new Parsed(pack, null);
        }
        catch (GovernanceInputException e)
        {
            return new Parsed(null, e);
        }
    }

    /// <summary>Reports the problem of <paramref name="file"/>, if it has one, at its line.</summary>
    public void Report(AdditionalFileAnalysisContext context)
    {
        if (!_problems.TryGetValue(context.AdditionalFile.Path, out var e)) return;
        var location = Location.None;
        var text = context.AdditionalFile.GetText(context.CancellationToken);
        if (text is not null && text.Lines.Count > 0)
        {
            var line = e.Line is { } l && l >= 1 && l <= text.Lines.Count ? (int)l - 1 : 0;
            var span = text.Lines[line].Span;
            location = Location.Create(context.AdditionalFile.Path, span, text.Lines.GetLinePositionSpan(span));
        }
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.Get(e.GovId), location, e.Message));
    }
}
