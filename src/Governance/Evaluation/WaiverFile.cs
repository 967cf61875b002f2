using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Packs;
using Governance.Diagnostics;

namespace Governance.Evaluation;

/// <summary>
/// An exception to a rule: which rule (<c>pack/ruleId</c>), which targets (a glob: <c>*</c> within one dot-separated
/// segment, <c>**</c> across segments, <c>?</c> one character), why, who answers for it and until when. It applies through
/// the end of its <see cref="Expires"/> day (UTC); after that it no longer applies.
/// </summary>
public sealed class Waiver
{
    private readonly Regex _target;

    /// <summary>A waiver of <paramref name="rule"/> on the targets <paramref name="target"/> matches.</summary>
    /// <param name="rule">The waived rule, <c>pack/ruleId</c>.</param>
    /// <param name="target">A glob over targets (<c>DB.SCHEMA.DATASET.COLUMN</c> …): <c>*</c> within a segment, <c>**</c> across segments, <c>?</c> one character; case-sensitive.</param>
    /// <param name="reason">Why the rule does not apply.</param>
    /// <param name="owner">Who answers for the waiver.</param>
    /// <param name="expires">The last day (UTC) the waiver applies.</param>
    /// <param name="location">Where the waiver is written, or null.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="location"/> is null.</exception>
    public Waiver(string rule, string target, string reason, string owner, DateOnly expires, SourceLocation? location = null)
    {
        Location = location;
        Rule = rule ?? throw new ArgumentNullException(nameof(rule));
        Target = target ?? throw new ArgumentNullException(nameof(target));
        Reason = reason ?? throw new ArgumentNullException(nameof(reason));
        Owner = owner ?? throw new ArgumentNullException(nameof(owner));
        Expires = expires;
        _target = new Regex(GlobToRegex(target), RegexOptions.CultureInvariant);
    }

    /// <summary>The waived rule, <c>pack/ruleId</c>.</summary>
    public string Rule { get; }
    /// <summary>The glob of the targets waived.</summary>
    public string Target { get; }
    /// <summary>Why the rule does not apply there.</summary>
    public string Reason { get; }
    /// <summary>Who answers for the waiver.</summary>
    public string Owner { get; }
    /// <summary>The last day (UTC) the waiver applies.</summary>
    public DateOnly Expires { get; }
    /// <summary>Where the waiver is written (its file and line), or null.</summary>
    public SourceLocation? Location { get; }

    /// <summary>How far ahead, by default, a waiver may expire before it is reported as too long (GOV9008): a year.</summary>
    public const int DefaultHorizonDays = 365;

    /// <summary>True when the target names nothing but wildcards and dots (<c>**</c>, <c>*.*</c>): it waives the rule everywhere.</summary>
    public bool IsUnbounded => Target.All(c => c is '*' or '?' or '.');

    /// <summary>True while <paramref name="now"/> is on or before the expiry day (UTC).</summary>
    public bool IsActive(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime) <= Expires;

    /// <summary>True when the waiver is of <paramref name="rule"/> (ordinal) and its glob matches the whole of <paramref name="target"/>; expiry is not considered (<see cref="IsActive"/>).</summary>
    public bool Covers(string rule, string target) => string.Equals(rule, Rule, StringComparison.Ordinal) && _target.IsMatch(target);

    private static string GlobToRegex(string glob)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*') { sb.Append(".*"); i++; }
            else if (c == '*') sb.Append("[^.]*");
            else if (c == '?') sb.Append("[^.]");
            else sb.Append(Regex.Escape(c.ToString()));
        }
        return sb.Append(@"\z").ToString();
    }
}

/// <summary>Reads a waiver file: <c>{"waivers":[{"rule","target","reason","owner","expires"}]}</c>.</summary>
public static class WaiverFile
{
    /// <summary>Reads and parses the waiver file at <paramref name="path"/> (UTF-8).</summary>
    /// <exception cref="GovernanceInputException">The file cannot be read or is not a valid waiver file (the error names the file, JSON path and line).</exception>
    public static IReadOnlyList<Waiver> ReadFile(string path)
    {
        return Parse(InputFiles.ReadText(path, GovIds.InvalidWaivers, "a waiver file"), path);
    }

    /// <summary>Parses a waiver file's text. Every field is required and non-empty, <c>rule</c> is <c>pack/ruleId</c>, <c>expires</c> is <c>yyyy-MM-dd</c>; no other field is allowed.</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="file">The file's path, for error messages and the waivers' locations; null when there is none.</param>
    /// <returns>The waivers, in the file's order.</returns>
    /// <exception cref="GovernanceInputException">The text is not a valid waiver file (the error names the JSON path and line).</exception>
    public static IReadOnlyList<Waiver> Parse(string json, string? file = null)
    {
        try
        {
            return JsonObject.ReadItems(json, "waivers", "a waiver", o =>
            {
                o.OnlyKnown("rule", "target", "reason", "owner", "expires");
                var rule = o.RequiredString("rule", allowEmpty: false);
                if (rule.IndexOf('/', StringComparison.Ordinal) <= 0) throw new JsonShapeException(o.Path + ".rule", o.Line, "`" + rule + "` is not a rule reference; expected `pack/ruleId`");
                var target = o.RequiredString("target", allowEmpty: false);
                var reason = o.RequiredString("reason", allowEmpty: false);
                var owner = o.RequiredString("owner", allowEmpty: false);
                var expiresText = o.RequiredString("expires", allowEmpty: false);
                if (!DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expires))
                    throw new JsonShapeException(o.Path + ".expires", o.Get("expires")!.Line, "`" + expiresText + "` is not a date; expected yyyy-MM-dd");
                return new Waiver(rule, target, reason, owner, expires, file is null ? null : new SourceLocation(file, line: o.Line));
            });
        }
        catch (JsonShapeException e)
        {
            throw new GovernanceInputException(GovIds.InvalidWaivers, file, e.Path, e.Line, e.Problem, e);
        }
    }
}
