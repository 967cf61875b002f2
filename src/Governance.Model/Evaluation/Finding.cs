using System;
using System.Collections.Generic;
using Governance.Diagnostics;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Evaluation;

/// <summary>
/// A violation of a rule (or a problem of the input) found in a product, dataset or column: what the evaluator, the
/// analyzers and the planner report. Beside what a report shows it keeps what a code fix needs: the tag at fault, its
/// allowed values, a compliant name.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class Finding
{
    /// <summary>A finding with no subject level and nothing for a code fix (the input's problems, roles, plans); one
    /// that points at a place in a file (a waiver's line) is made with the longer constructor, a null level and its location.</summary>
    public Finding(string id, string? rule, Severity severity, string target, string message)
        : this(id, rule, severity, null, target, message)
    {
    }

    /// <summary>A finding about a subject of the mesh at <paramref name="level"/>, with what a code fix reads.</summary>
    public Finding(string id, string? rule, Severity severity, TargetLevel? level, string target, string message,
        string? tag = null, IReadOnlyList<string>? allowedValues = null, string? suggestedName = null, SourceLocation? location = null)
        : this(id, rule, severity, level, target, message ?? throw new ArgumentNullException(nameof(message)), null, null, tag, allowedValues, suggestedName, location)
    {
    }

    /// <summary>
    /// A finding of kind <paramref name="kind"/> whose message is <paramref name="kind"/>'s format with
    /// <paramref name="arguments"/> (which must not change afterwards), rendered when <see cref="Message"/> is first read:
    /// the evaluator reports up to hundreds of thousands of findings, and their text is only paid for when something
    /// (a report, the order of two findings that agree on all else) reads it.
    /// </summary>
    internal Finding(GovDescriptor kind, string? rule, Severity severity, TargetLevel? level, string target, object[] arguments,
        string? tag = null, IReadOnlyList<string>? allowedValues = null, string? suggestedName = null)
        : this(kind.Id, rule, severity, level, target, null, kind, arguments, tag, allowedValues, suggestedName, null)
    {
    }

    private Finding(string id, string? rule, Severity severity, TargetLevel? level, string target, string? message, GovDescriptor? kind, object[]? arguments,
        string? tag, IReadOnlyList<string>? allowedValues, string? suggestedName, SourceLocation? location)
    {
        Id = id ?? throw new ArgumentNullException(nameof(id));
        Rule = rule;
        Severity = severity;
        Level = level;
        Target = target ?? throw new ArgumentNullException(nameof(target));
        _message = message;
        _kind = kind;
        _arguments = arguments;
        Tag = tag;
        AllowedValues = allowedValues ?? Array.Empty<string>();
        SuggestedName = suggestedName;
        Location = location;
    }

    /// <summary>The message once given or rendered; null until a lazily rendered one is first read.</summary>
    private string? _message;
    /// <summary>The kind and arguments of a message rendered on first read (null when it was given).</summary>
    private readonly GovDescriptor? _kind;
    private readonly object[]? _arguments;

    /// <summary>The GOV ID: what kind of violation.</summary>
    public string Id { get; }
    /// <summary>The rule at fault, <c>pack/ruleId</c>, or null for a finding about the input.</summary>
    public string? Rule { get; }
    /// <summary>The finding's severity: its rule's, or the input problem's.</summary>
    public Severity Severity { get; }
    /// <summary>The level of the subject at fault, or null when the target is not a subject of the mesh (a role, a waiver).</summary>
    public TargetLevel? Level { get; }
    /// <summary>Stored names joined with dots: <c>DB.SCHEMA[.DATASET[.COLUMN]]</c> (a role's name for GOV9009).</summary>
    public string Target { get; }
    /// <summary>What is wrong, for a person: lowercase, no trailing period, user input in backticks.</summary>
    /// <remarks>Rendered on first read when the finding was made with a message kind and its arguments (the same text
    /// whichever thread reads first).</remarks>
    public string Message => _message ??= _kind!.Format(_arguments!);
    /// <summary>The tag at fault (GOV3001 missing, GOV3002 value not allowed, GOV3003 unknown), else null.</summary>
    public string? Tag { get; }
    /// <summary>The taxonomy's allowed values for <see cref="Tag"/> (empty when any value goes or it is unknown).</summary>
    public IReadOnlyList<string> AllowedValues { get; }
    /// <summary>A name that satisfies the naming rule (GOV4001 case, GOV4003 prefix, GOV4004 suffix), else null.</summary>
    public string? SuggestedName { get; }
    /// <summary>Where the finding's cause is written when it is not the target's element (a waiver's line in its file), or null.</summary>
    public SourceLocation? Location { get; }

#if !GOVERNANCE_ANALYZERS
    /// <summary>The active waiver that covers this finding, or null.</summary>
    public Waiver? WaivedBy { get; private set; }
    /// <summary>True when an active waiver covers the finding; a waived finding never fails a command.</summary>
    public bool Waived => WaivedBy is not null;

    internal Finding WithWaiver(Waiver w)
        => new(Id, Rule, Severity, Level, Target, _message, _kind, _arguments, Tag, AllowedValues, SuggestedName, Location) { WaivedBy = w };
#endif

    /// <summary>Findings order: target, ID, rule, message (ordinal).</summary>
    public static int Compare(Finding a, Finding b)
    {
        // The messages (rendered on first read) only when all else is equal: the same order as the overload below.
        var c = Compare(a.Target, a.Id, a.Rule, "", b.Target, b.Id, b.Rule, "");
        return c != 0 ? c : string.CompareOrdinal(a.Message, b.Message);
    }

    /// <summary>The order of findings everywhere (CLI reports, analyzers): target, ID, rule, message, ordinal.</summary>
    public static int Compare(string aTarget, string aId, string? aRule, string aMessage, string bTarget, string bId, string? bRule, string bMessage)
    {
        var c = string.CompareOrdinal(aTarget, bTarget);
        if (c != 0) return c;
        c = string.CompareOrdinal(aId, bId);
        if (c != 0) return c;
        c = string.CompareOrdinal(aRule, bRule);
        return c != 0 ? c : string.CompareOrdinal(aMessage, bMessage);
    }
}
