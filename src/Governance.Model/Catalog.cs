using System;
using System.Collections.Generic;
using System.Globalization;

namespace Governance;

/// <summary>
/// The GOV catalog: one ID per kind of finding, the same in the CLI, the IDE and SARIF. Ranges: GOV1xxx masking,
/// GOV2xxx row access, GOV3xxx tagging, GOV4xxx naming, GOV9xxx configuration and input.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class GovIds
{
    public const string MaskingConflict = "GOV1001";
    public const string MaskingStrategyTypeMismatch = "GOV1002";
    public const string MaskingConditionColumnMissing = "GOV1003";
    public const string MaskedValueTooLong = "GOV1004";
    public const string TagPolicyMissingForType = "GOV1005";
    public const string RowAccessConflict = "GOV2001";
    public const string RowAccessColumnMissing = "GOV2002";
    public const string RequiredTagMissing = "GOV3001";
    public const string TagValueNotAllowed = "GOV3002";
    public const string UnknownTag = "GOV3003";
    public const string RequiredMetadataMissing = "GOV3004";
    public const string NameCase = "GOV4001";
    public const string NamePattern = "GOV4002";
    public const string NamePrefix = "GOV4003";
    public const string NameSuffix = "GOV4004";
    public const string NameTooLong = "GOV4005";
    public const string NameReserved = "GOV4006";
    public const string InvalidSnapshot = "GOV9001";
    public const string InvalidRulePack = "GOV9002";
    public const string RulePackHashMismatch = "GOV9003";
    public const string DomainRuleWeakensGlobal = "GOV9004";
    public const string InvalidWaivers = "GOV9005";
    public const string WaiverExpired = "GOV9006";
    public const string InvalidStateFile = "GOV9017";
    public const string ForeignObject = "GOV9018";
    public const string ForeignAttachment = "GOV9019";
}

/// <summary>One entry of the GOV catalog.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class GovDescriptor
{
    internal GovDescriptor(string id, string category, string title, string messageFormat, string description)
    {
        Id = id; Category = category; Title = title; MessageFormat = messageFormat; Description = description;
    }

    public string Id { get; }
    /// <summary><c>Masking</c>, <c>RowAccess</c>, <c>Tagging</c>, <c>Naming</c> or <c>Configuration</c>.</summary>
    public string Category { get; }
    public string Title { get; }
    /// <summary>A composite format string (invariant culture); user input goes in backticks.</summary>
    public string MessageFormat { get; }
    public string Description { get; }
    /// <summary>The rule's documentation page.</summary>
    public string HelpUri => GovCatalog.HelpBaseUri + Id + ".md";

    public string Format(params object[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}

#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class GovCatalog
{
    /// <summary>Where the rule pages live; every descriptor's help link is this plus <c>GOVnnnn.md</c>.</summary>
    public const string HelpBaseUri = "https://github.com/acme-data/governance/blob/main/docs/rules/";

    private static readonly GovDescriptor[] Descriptors =
    {
        new GovDescriptor(GovIds.MaskingConflict, "Masking", "Several masking rules match one column",
            "column `{0}` matches masking rules {1}; `{2}` applies",
            "Snowflake attaches one masking policy per column. When several rules select a column, the most restrictive strategy wins (lowest rank), then the fewest reveal roles, then the rule reference in ordinal order."),
        new GovDescriptor(GovIds.MaskingStrategyTypeMismatch, "Masking", "Masking strategy does not fit the column's data type",
            "masking strategy `{0}` cannot return the `{1}` type of column `{2}`; the column is nullified instead",
            "A masking policy must return its input type. A strategy that cannot (a text redaction on a NUMBER) is an error; the column falls back to NULL so it is never left in clear."),
        new GovDescriptor(GovIds.MaskingConditionColumnMissing, "Masking", "Conditional masking column is missing",
            "conditional masking of `{0}` needs column `{1}` of type {2} in its dataset; the column is masked for every session",
            "A conditional masking rule reads another column of the same row. When the dataset has no such column (or it has another type), the column is masked for everyone (fail closed)."),
        new GovDescriptor(GovIds.MaskedValueTooLong, "Masking", "Masked value can be longer than the column",
            "column `{0}` is `{1}` but its masked value (`{2}`) can have {3} characters",
            "A VARCHAR masking policy applies to VARCHAR(n) columns of any length and Snowflake does not cut the masked value to n. A masked value longer than n (a SHA-256 hex digest has 64 characters) breaks copies into a column of the same type, such as CREATE TABLE AS SELECT."),
        new GovDescriptor(GovIds.TagPolicyMissingForType, "Masking", "Tag-based masking has no policy for a column's data type",
            "column `{0}` carries tag `{1}` = `{2}` but the tag has no masking policy for its type `{3}`; Snowflake leaves it unmasked",
            "A tag holds one masking policy per data type, and a column is protected only when its data type matches one of them. A column that carries the tag with another type is left in clear without any error, so the plan reports it (fail closed)."),
        new GovDescriptor(GovIds.RowAccessConflict, "RowAccess", "Several row access rules match one dataset",
            "dataset `{0}` matches row access rules {1}; a row is visible only when every one of them admits it",
            "Snowflake attaches one row access policy per table or view, so the rules that select a dataset are combined into it: deny overrides, a row is visible only when every rule admits it (the session bypasses the rule, or the rule's filter admits the row)."),
        new GovDescriptor(GovIds.RowAccessColumnMissing, "RowAccess", "Row access column is missing",
            "row access on `{0}` needs column `{1}`, which it does not have; only bypass roles see its rows",
            "A row access rule filters on a column. When a selected dataset lacks it, rows are denied to every session but the bypass roles (fail closed)."),
        new GovDescriptor(GovIds.RequiredTagMissing, "Tagging", "A required tag is missing",
            "{0} `{1}` has no tag `{2}`",
            "The rule requires the tag on the product, dataset or column, set directly or inherited from a parent as in Snowflake."),
        new GovDescriptor(GovIds.TagValueNotAllowed, "Tagging", "A tag value is not allowed by the taxonomy",
            "tag `{0}` on {1} `{2}` has value `{3}`, expected one of {4}",
            "The taxonomy lists the allowed values of a tag; Snowflake enforces the same list through ALLOWED_VALUES."),
        new GovDescriptor(GovIds.UnknownTag, "Tagging", "A tag is not in the taxonomy",
            "tag `{0}` on {1} `{2}` is not declared in any taxonomy",
            "With unknown tags rejected, every tag set in the mesh must be declared by a rule pack's taxonomy."),
        new GovDescriptor(GovIds.RequiredMetadataMissing, "Tagging", "Required product metadata is missing",
            "product `{0}` has no {1}",
            "Every product must declare the metadata the rule names (an owner to answer for it, a version)."),
        new GovDescriptor(GovIds.NameCase, "Naming", "Name is not in the required case style",
            "{0} name `{1}` is not {2}; expected `{3}`",
            "Names follow one case style per level. Snowflake stores unquoted names upper-case, so UPPER_SNAKE avoids quoting."),
        new GovDescriptor(GovIds.NamePattern, "Naming", "Name does not match the required pattern",
            "{0} name `{1}` does not match `{2}`",
            "The whole name must match the rule's regular expression."),
        new GovDescriptor(GovIds.NamePrefix, "Naming", "Name lacks the required prefix",
            "{0} name `{1}` does not start with {2}",
            "The name must start with one of the prefixes (placeholders such as {domain} are filled in)."),
        new GovDescriptor(GovIds.NameSuffix, "Naming", "Name lacks the required suffix",
            "{0} name `{1}` does not end with {2}",
            "The name must end with one of the suffixes (placeholders such as {domain} are filled in)."),
        new GovDescriptor(GovIds.NameTooLong, "Naming", "Name is too long",
            "{0} name `{1}` has {2} characters, more than {3}",
            "Names have at most the rule's number of characters (Snowflake allows 255)."),
        new GovDescriptor(GovIds.NameReserved, "Naming", "Name is a Snowflake reserved word",
            "{0} name `{1}` is a Snowflake reserved word",
            "A reserved word can only be used quoted, which every query then has to remember."),
        new GovDescriptor(GovIds.InvalidSnapshot, "Configuration", "Invalid metadata snapshot",
            "{0}",
            "The snapshot does not follow docs/schemas/snapshot.schema.json or its cross-field rules."),
        new GovDescriptor(GovIds.InvalidRulePack, "Configuration", "Invalid rule pack manifest",
            "{0}",
            "The manifest does not follow docs/schemas/rulepack.schema.json or its cross-field rules."),
        new GovDescriptor(GovIds.RulePackHashMismatch, "Configuration", "Rule pack content hash does not match",
            "{0}",
            "The manifest's content differs from the content its SHA-256 hash was computed over: it was edited after publishing."),
        new GovDescriptor(GovIds.DomainRuleWeakensGlobal, "Configuration", "A domain rule weakens a global rule",
            "{0}",
            "A domain pack may add rules and tighten global ones, never remove or weaken them."),
        new GovDescriptor(GovIds.InvalidWaivers, "Configuration", "Invalid waiver file",
            "{0}",
            "Every waiver names a rule, a target glob, a reason, an owner and an expiry date."),
        new GovDescriptor(GovIds.WaiverExpired, "Configuration", "A waiver has expired",
            "waiver of `{0}` for `{1}` owned by `{2}` expired on {3}",
            "An expired waiver no longer applies; the findings it covered are reported again."),
        new GovDescriptor(GovIds.InvalidStateFile, "Configuration", "Invalid account state file",
            "{0}",
            "The state file does not follow docs/schemas/state.schema.json (governance.state/v1) or its cross-field rules."),
        new GovDescriptor(GovIds.ForeignObject, "Configuration", "An object in the tool's schemas was not made by the tool",
            "{0} `{1}` in `{2}` has no `governance:` comment: the tool did not make it, and never changes or drops it",
            "The tool marks every tag and policy it creates with a comment that starts with `governance:`. An object of its policy or tag schema without the mark was made by someone else: the tool reports it and leaves it as it is."),
        new GovDescriptor(GovIds.ForeignAttachment, "Configuration", "A policy the tool does not manage is attached where it manages",
            "{0} `{1}` has {2} `{3}`, which the tool does not manage",
            "A column or dataset of the snapshot, or a tag of the tool's tag schema, carries a masking or row access policy that the tool did not make (outside its policy schema, or without its `governance:` comment)."),
    };

    private static readonly Dictionary<string, GovDescriptor> ById = Index();

    private static Dictionary<string, GovDescriptor> Index()
    {
        var d = new Dictionary<string, GovDescriptor>(StringComparer.Ordinal);
        foreach (var x in Descriptors) d.Add(x.Id, x);
        return d;
    }

    /// <summary>Every descriptor, in ID order.</summary>
    public static IReadOnlyList<GovDescriptor> All => Descriptors;

    public static GovDescriptor Get(string id) => ById.TryGetValue(id, out var d) ? d : throw new KeyNotFoundException("unknown GOV id " + id);
}
