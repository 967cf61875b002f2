using System;
using System.Collections.Generic;
using System.Globalization;

namespace Governance.Diagnostics;

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
    /// <summary>GOV1001: Several masking rules match one column.</summary>
    public const string MaskingConflict = "GOV1001";
    /// <summary>GOV1002: Masking strategy does not fit the column's data type.</summary>
    public const string MaskingStrategyTypeMismatch = "GOV1002";
    /// <summary>GOV1003: Conditional masking column is missing.</summary>
    public const string MaskingConditionColumnMissing = "GOV1003";
    /// <summary>GOV1004: Masked value can be longer than the column.</summary>
    public const string MaskedValueTooLong = "GOV1004";
    /// <summary>GOV1005: Tag-based masking has no policy for a column's data type.</summary>
    public const string TagPolicyMissingForType = "GOV1005";
    /// <summary>GOV1006: Two tag-based masking policies reach one column.</summary>
    public const string TagPoliciesCollide = "GOV1006";
    /// <summary>GOV1007: Snowflake cannot attach the masking the rules ask for.</summary>
    public const string MaskingNotAttachable = "GOV1007";
    /// <summary>GOV1008: A masked column is in a table a materialized view reads.</summary>
    public const string MaskingOnMaterializedViewSource = "GOV1008";
    /// <summary>GOV1009: A materialized view does not say which datasets it reads.</summary>
    public const string MaterializedViewLineageMissing = "GOV1009";
    /// <summary>GOV2001: Several row access rules match one dataset.</summary>
    public const string RowAccessConflict = "GOV2001";
    /// <summary>GOV2002: Row access column is missing.</summary>
    public const string RowAccessColumnMissing = "GOV2002";
    /// <summary>GOV2003: Snowflake cannot attach the row access the rules ask for.</summary>
    public const string RowAccessNotAttachable = "GOV2003";
    /// <summary>GOV2004: A row-filtered dataset is read by a materialized view.</summary>
    public const string RowAccessOnMaterializedViewSource = "GOV2004";
    /// <summary>GOV2005: A column is in both a masking and a row access policy.</summary>
    public const string ColumnInMaskingAndRowAccess = "GOV2005";
    /// <summary>GOV2006: An entitlement table has a tag-masked column.</summary>
    public const string EntitlementTableTagMasked = "GOV2006";
    /// <summary>GOV3001: A required tag is missing.</summary>
    public const string RequiredTagMissing = "GOV3001";
    /// <summary>GOV3002: A tag value is not allowed by the taxonomy.</summary>
    public const string TagValueNotAllowed = "GOV3002";
    /// <summary>GOV3003: A tag is not in the taxonomy.</summary>
    public const string UnknownTag = "GOV3003";
    /// <summary>GOV3004: Required product metadata is missing.</summary>
    public const string RequiredMetadataMissing = "GOV3004";
    /// <summary>GOV4001: Name is not in the required case style.</summary>
    public const string NameCase = "GOV4001";
    /// <summary>GOV4002: Name does not match the required pattern.</summary>
    public const string NamePattern = "GOV4002";
    /// <summary>GOV4003: Name lacks the required prefix.</summary>
    public const string NamePrefix = "GOV4003";
    /// <summary>GOV4004: Name lacks the required suffix.</summary>
    public const string NameSuffix = "GOV4004";
    /// <summary>GOV4005: Name is too long.</summary>
    public const string NameTooLong = "GOV4005";
    /// <summary>GOV4006: Name is a Snowflake reserved word.</summary>
    public const string NameReserved = "GOV4006";
    /// <summary>GOV9001: Invalid metadata snapshot.</summary>
    public const string InvalidSnapshot = "GOV9001";
    /// <summary>GOV9002: Invalid rule pack manifest.</summary>
    public const string InvalidRulePack = "GOV9002";
    /// <summary>GOV9003: Rule pack content hash does not match.</summary>
    public const string RulePackHashMismatch = "GOV9003";
    /// <summary>GOV9004: A domain rule weakens a global rule.</summary>
    public const string DomainRuleWeakensGlobal = "GOV9004";
    /// <summary>GOV9005: Invalid waiver file.</summary>
    public const string InvalidWaivers = "GOV9005";
    /// <summary>GOV9006: A waiver has expired.</summary>
    public const string WaiverExpired = "GOV9006";
    /// <summary>GOV9007: A waiver matches no finding.</summary>
    public const string WaiverUnused = "GOV9007";
    /// <summary>GOV9008: A waiver is too broad or lasts too long.</summary>
    public const string WaiverTooBroad = "GOV9008";
    /// <summary>GOV9009: A reveal or bypass role is not defined.</summary>
    public const string UndefinedRole = "GOV9009";
    /// <summary>GOV9010: Invalid product definition.</summary>
    public const string InvalidProductDefinition = "GOV9010";
    /// <summary>GOV9011: Invalid entitlement file.</summary>
    public const string InvalidEntitlements = "GOV9011";
    /// <summary>GOV9013: Invalid dbt artifact.</summary>
    public const string InvalidDbtArtifact = "GOV9013";
    /// <summary>GOV9014: Invalid ODCS data contract.</summary>
    public const string InvalidDataContract = "GOV9014";
    /// <summary>GOV9015: Invalid Snowflake catalog export.</summary>
    public const string InvalidSnowflakeCatalog = "GOV9015";
    /// <summary>GOV9016: Invalid import mapping file.</summary>
    public const string InvalidImportMapping = "GOV9016";
    /// <summary>GOV9017: Invalid account state file.</summary>
    public const string InvalidStateFile = "GOV9017";
    /// <summary>GOV9018: An object in the tool's schemas was not made by the tool.</summary>
    public const string ForeignObject = "GOV9018";
    /// <summary>GOV9019: A policy the tool does not manage is attached where it manages.</summary>
    public const string ForeignAttachment = "GOV9019";
    /// <summary>GOV9020: A tag of the tool's tag schema takes several values per object.</summary>
    public const string MultiValueTag = "GOV9020";
    /// <summary>GOV9021: A tag of the tool's tag schema propagates to other objects.</summary>
    public const string PropagatingTag = "GOV9021";
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

    /// <summary>The ID, <c>GOVnnnn</c>.</summary>
    public string Id { get; }
    /// <summary><c>Masking</c>, <c>RowAccess</c>, <c>Tagging</c>, <c>Naming</c> or <c>Configuration</c>.</summary>
    public string Category { get; }
    /// <summary>A one-line title, as the rule's page and SARIF show it.</summary>
    public string Title { get; }
    /// <summary>A composite format string (invariant culture); user input goes in backticks.</summary>
    public string MessageFormat { get; }
    /// <summary>What the finding means and why it matters, in a few sentences.</summary>
    public string Description { get; }
    /// <summary>The rule's documentation page.</summary>
    public string HelpUri => GovCatalog.HelpBaseUri + Id + ".md";

    /// <summary>The message of a finding: <see cref="MessageFormat"/> with <paramref name="args"/> filled in, in invariant culture.</summary>
    /// <exception cref="FormatException">Fewer arguments than the format uses.</exception>
    public string Format(params object[] args) => string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}

/// <summary>The GOV catalog's entries, by ID: what <c>docs/rules/GOVnnnn.md</c> documents.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
static class GovCatalog
{
    /// <summary>
    /// The documentation's base URL (ending in <c>/</c>): the build's <c>GovernanceDocsUrl</c> property (see
    /// <c>Directory.Build.props</c>), recorded in the assembly as <c>[AssemblyMetadata("GovernanceDocsUrl", …)]</c>.
    /// </summary>
    public static string DocsUrl { get; } = ReadDocsUrl();

    /// <summary>Where the rule pages live; every descriptor's help link is this plus <c>GOVnnnn.md</c>.</summary>
    public static string HelpBaseUri { get; } = DocsUrl + "rules/";

    /// <summary>What <see cref="DocsUrl"/> is when the assembly records none (a build outside this repository).</summary>
    public const string DefaultDocsUrl = "https://github.com/acme-data/governance/blob/main/docs/";

    private static string ReadDocsUrl()
    {
        foreach (var a in System.Reflection.CustomAttributeExtensions.GetCustomAttributes<System.Reflection.AssemblyMetadataAttribute>(typeof(GovCatalog).Assembly))
        {
            if (a.Key == "GovernanceDocsUrl" && !string.IsNullOrWhiteSpace(a.Value)) return a.Value!.EndsWith("/", StringComparison.Ordinal) ? a.Value! : a.Value + "/";
        }
        return DefaultDocsUrl;
    }

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
            "A tag holds one masking policy per data type, and a column is protected only when its data type matches one of them. A column that a rule masks and that only the tag protects, with a type the tag has no policy for, is left in clear without any error, so the plan reports it (fail closed)."),
        new GovDescriptor(GovIds.TagPoliciesCollide, "Masking", "Two tag-based masking policies reach one column",
            "column `{0}` carries tags {1}, which each have a masking policy for its type `{2}`; Snowflake fails every query on the column",
            "A column is protected by one masking policy. When two tags on a column (set on it or inherited from its table, schema or database) each have a masking policy for its data type, Snowflake fails every query on the column: \"Column … is mapped to multiple masking policies by tags\"."),
        new GovDescriptor(GovIds.MaskingNotAttachable, "Masking", "Snowflake cannot attach the masking the rules ask for",
            "column `{0}` cannot get its conditional masking policy: {1}; it is masked for every session instead",
            "Some masking Snowflake refuses: a conditional masking policy cannot mask a virtual column of an external table, and a column protected by a masking policy cannot be a conditional column of another. The plan masks such a column for every session (fail closed) and reports it; a secure view over the dataset can apply the condition instead."),
        new GovDescriptor(GovIds.MaskingOnMaterializedViewSource, "Masking", "A masked column is in a table a materialized view reads",
            "column `{0}` is masked, but materialized view `{1}` reads `{2}`; Snowflake refuses a masking policy on a table a materialized view reads, so none is attached",
            "Snowflake refuses to set a masking policy on a column of a table that a materialized view is built on (\"One or more materialized views exist on the table\"), and a tag-based policy added later invalidates the view. The plan attaches nothing there and reports the column: mask the materialized view's columns, or build a dynamic table or a secure view instead of the materialized view."),
        new GovDescriptor(GovIds.MaterializedViewLineageMissing, "Masking", "A materialized view does not say which datasets it reads",
            "materialized view `{0}` does not list the datasets it reads (`sources`); the plan cannot check that none of them gets a masking or row access policy, which Snowflake refuses",
            "Snowflake refuses masking and row access policies on a table that a materialized view reads. The snapshot's optional `sources` of a materialized view lets the plan check that; without it, the plan warns once per materialized view."),
        new GovDescriptor(GovIds.RowAccessConflict, "RowAccess", "Several row access rules match one dataset",
            "dataset `{0}` matches row access rules {1}; a row is visible only when every one of them admits it",
            "Snowflake attaches one row access policy per table or view, so the rules that select a dataset are combined into it: deny overrides, a row is visible only when every rule admits it (the session bypasses the rule, or the rule's filter admits the row)."),
        new GovDescriptor(GovIds.RowAccessColumnMissing, "RowAccess", "Row access column is missing",
            "row access on `{0}` needs column `{1}`, which it does not have; only bypass roles see its rows",
            "A row access rule filters on a column. When a selected dataset lacks it, rows are denied to every session but the bypass roles (fail closed)."),
        new GovDescriptor(GovIds.RowAccessNotAttachable, "RowAccess", "Snowflake cannot attach the row access the rules ask for",
            "row access on external table `{0}` filters on {1}; Snowflake adds a row access policy to an external table on its VALUE column only, so none is attached: filter a secure view over the table instead",
            "A row access policy on an external table goes on its VALUE column (through ALTER TABLE); it cannot be added on a virtual column. The plan attaches nothing and reports the dataset; a view over the external table can carry the row access policy on its columns."),
        new GovDescriptor(GovIds.RowAccessOnMaterializedViewSource, "RowAccess", "A row-filtered dataset is read by a materialized view",
            "dataset `{0}` has row access, but materialized view `{1}` reads it; Snowflake refuses a row access policy on a table a materialized view reads, so none is attached",
            "Snowflake refuses to add a row access policy to a table that a materialized view is built on, and to build a materialized view on a table with one. The plan attaches nothing there and reports the dataset: filter the materialized view itself, or build a dynamic table instead."),
        new GovDescriptor(GovIds.ColumnInMaskingAndRowAccess, "RowAccess", "A column is in both a masking and a row access policy",
            "dataset `{0}` filters rows on {1}, which a masking policy protects or reads; Snowflake refuses a column in both a masking policy's signature and a row access policy's, so the row access policy is not attached",
            "Snowflake does not let one column be in a masking policy's signature (the masked column or a USING condition column) and in a row access policy's ON list at the same time, unless the masking policy is EXEMPT_OTHER_POLICIES. The plan attaches the masking policies and leaves out the row access policy that Snowflake would refuse, and reports the dataset."),
        new GovDescriptor(GovIds.EntitlementTableTagMasked, "RowAccess", "An entitlement table has a tag-masked column",
            "entitlement table `{0}` has column `{1}` protected by a tag-based masking policy; Snowflake cannot use it as a row access mapping table",
            "A row access policy reads its entitlement (mapping) table as the policy's owner. Snowflake does not allow a table with a column protected by a tag-based masking policy as a mapping table, so the row access policies that read it fail."),
        new GovDescriptor(GovIds.RequiredTagMissing, "Tagging", "A required tag is missing",
            "{0} `{1}` has no tag `{2}`",
            "The rule requires the tag on the product, dataset or column, set directly or inherited from a parent as in Snowflake."),
        new GovDescriptor(GovIds.TagValueNotAllowed, "Tagging", "A tag value is not allowed by the taxonomy",
            "tag `{0}` on {1} `{2}` has value `{3}`, expected one of {4}{5}",
            "The taxonomy lists the allowed values of a tag; Snowflake enforces the same list through ALLOWED_VALUES."),
        new GovDescriptor(GovIds.UnknownTag, "Tagging", "A tag is not in the taxonomy",
            "tag `{0}` on {1} `{2}` is not declared in any taxonomy{3}",
            "Every tag set in the mesh must be declared by a rule pack's taxonomy: an undeclared tag is a typo or a classification nobody governs. A pack's default taxonomy rule reports it as a warning."),
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
        new GovDescriptor(GovIds.WaiverUnused, "Configuration", "A waiver matches no finding",
            "waiver of `{0}` for `{1}` matches no finding; its target may be misspelt, or the subject renamed or removed",
            "An active waiver that covers nothing is a typo or a leftover: it would silently start covering a new finding that happens to match."),
        new GovDescriptor(GovIds.WaiverTooBroad, "Configuration", "A waiver is too broad or lasts too long",
            "waiver of `{0}` for `{1}` {2}",
            "A waiver is an exception for named subjects and a limited time: a target made only of wildcards (`**`) waives the rule everywhere, and an expiry far ahead (more than a year by default) is a permanent exception in disguise."),
        new GovDescriptor(GovIds.UndefinedRole, "Configuration", "A reveal or bypass role is not defined",
            "{0} role `{1}` of `{2}` is not among the snapshot's roles{3}",
            "A masking rule reveals clear values to roles, a row access rule lets roles bypass it; a role the snapshot's role list does not define is a typo or a role that does not exist, so nobody gets the access the rule means to give."),
        new GovDescriptor(GovIds.InvalidProductDefinition, "Configuration", "Invalid product definition",
            "{0}",
            "A C# product definition ([DataProduct], [Dataset], [Column], [Tag]) cannot become part of the mesh: a name Snowflake cannot store, a type Snowflake does not know or cannot be inferred from the property, a dataset class that belongs to no product, a name or schema used twice. The definition is left out until it is fixed."),
        new GovDescriptor(GovIds.InvalidEntitlements, "Configuration", "Invalid entitlement file",
            "{0}",
            "The entitlement file given to `simulate --entitlements` cannot be read, or an entitlement does not name a database, schema, table, role and value (strings), or names another field."),
        new GovDescriptor(GovIds.InvalidDbtArtifact, "Configuration", "Invalid dbt artifact",
            "{0}",
            "A dbt manifest.json (schema v11 or v12) or catalog.json cannot be imported: an unsupported schema version, a truncated file, a catalog of another project, a column without a type, or a name Snowflake cannot store. As a warning: something left out of the import (a documented column missing from the catalog, a nested meta value)."),
        new GovDescriptor(GovIds.InvalidDataContract, "Configuration", "Invalid ODCS data contract",
            "{0}",
            "An ODCS v3 data contract cannot be imported: YAML with duplicate keys, anchors or tabs, a contract that fails the ODCS v3.1.0 JSON schema, or one that cannot be mapped to a product. With --lenient, schema errors are warnings."),
        new GovDescriptor(GovIds.InvalidSnowflakeCatalog, "Configuration", "Invalid Snowflake catalog export",
            "{0}",
            "A saved INFORMATION_SCHEMA.COLUMNS or tag-reference result (CSV or JSON) cannot be imported: a missing column, a malformed row, a value of the wrong kind, two values of one tag on one object. As a warning: a tag on an object the columns result does not have."),
        new GovDescriptor(GovIds.InvalidImportMapping, "Configuration", "Invalid import mapping file",
            "{0}",
            "The import mapping file (domains, products, tag mapping) names an unknown key, has a value of the wrong kind, or maps one product to several schemas."),
        new GovDescriptor(GovIds.InvalidStateFile, "Configuration", "Invalid account state file",
            "{0}",
            "The state file does not follow docs/schemas/state.schema.json (governance.state/v1) or its cross-field rules."),
        new GovDescriptor(GovIds.ForeignObject, "Configuration", "An object in the tool's schemas was not made by the tool",
            "{0} `{1}` in `{2}` has no `governance:` comment: the tool did not make it, and never changes or drops it",
            "The tool marks every tag and policy it creates with a comment that starts with `governance:`. An object of its policy or tag schema without the mark was made by someone else: the tool reports it and leaves it as it is."),
        new GovDescriptor(GovIds.ForeignAttachment, "Configuration", "A policy the tool does not manage is attached where it manages",
            "{0} `{1}` has {2} `{3}`, which the tool does not manage",
            "A column or dataset of the snapshot, or a tag of the tool's tag schema, carries a masking or row access policy that the tool did not make (outside its policy schema, or without its `governance:` comment)."),
        new GovDescriptor(GovIds.MultiValueTag, "Configuration", "A tag of the tool's tag schema takes several values per object",
            "tag `{0}` takes several values per object (MULTI_VALUE = TRUE), and the tool's tags take one: the plan is not applied",
            "The tool sets one value of each tag per object and its tag-based masking reads that one value; what Snowflake does with a multi-value tag there is not documented, so the tool fails closed. Snowflake cannot make a multi-value tag single-valued again."),
        new GovDescriptor(GovIds.PropagatingTag, "Configuration", "A tag of the tool's tag schema propagates to other objects",
            "tag `{0}` propagates ({1}): Snowflake also sets it, with the masking policies on it, on objects made from tagged ones, which the plan does not show",
            "The tool creates its tags without PROPAGATE. A tag altered to propagate reaches views and tables made from tagged objects, with its tag-based masking; the plan and its coverage report show only the snapshot's objects."),
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

    /// <summary>The entry of <paramref name="id"/> (<c>GOVnnnn</c>).</summary>
    /// <exception cref="KeyNotFoundException"><paramref name="id"/> is not in the catalog.</exception>
    public static GovDescriptor Get(string id) => ById.TryGetValue(id, out var d) ? d : throw new KeyNotFoundException("unknown GOV id " + id);
}
