using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Examples;

/// <summary>
/// The next version of the Acme board's global pack, 1.3.0, written as the changes the board proposes on 1.2.0 — what
/// <c>governance diff</c> shows the impact of before it is published. Not a <see cref="RulePackDefinition"/>: it has
/// the same name as <see cref="AcmeGlobalPack"/>, and <c>governance pack</c> publishes one version of a pack at a time.
/// </summary>
public static class AcmeGlobalPackNext
{
    public const string Version = "1.3.0";

    /// <summary>The role 1.3.0 adds to the readers of clear e-mail addresses.</summary>
    public const string NewEmailReader = "GLOBAL_ANALYST";

    /// <summary>1.2.0 with its changes: global analysts may read e-mail addresses in clear; birth dates are truncated
    /// to the year outside PII readers; date columns must end with <c>_DATE</c> or <c>_ON</c> (an error).</summary>
    public static RulePack Build()
    {
        var current = new AcmeGlobalPack().Build();
        var email = (MaskingRule)current.Rules.Single(r => r.Id == "mask.email");
        var changes = new Rule[]
        {
            new MaskingRule(email.Id, email.Severity, email.Title,
                "Global analysts reconcile customers across regions by e-mail address.",
                email.Columns, email.Strategy, email.RevealTo.Append(NewEmailReader), email.Condition),
            new MaskingRule("mask.birthdate", Severity.Error, "Birth dates show only the year",
                "A full birth date identifies a person; the year is enough for age bands.",
                Select.Tag("PII", "birthdate"), Mask.TruncateTo(DatePart.Year), new[] { "PII_READER" }),
            new NamingRule("names.date-suffix", Severity.Error, "Date columns end with _DATE or _ON",
                "A reader tells a date from a timestamp or a number by its name.",
                TargetLevel.Column, Select.Type(DataTypeFamily.Date), new AffixConstraint(false, new[] { "_DATE", "_ON" })),
        };
        var rules = current.Rules.Where(r => changes.All(c => c.Id != r.Id)).Concat(changes).ToArray();
        var next = new RulePack(current.Name, Version, current.Scope, current.Publisher, current.Taxonomy, rules, current.Description);
        var problems = PackValidation.Problems(next);
        if (problems.Count > 0) throw new InvalidOperationException("acme-global " + Version + " is invalid: " + string.Join("; ", problems));
        return next;
    }
}
