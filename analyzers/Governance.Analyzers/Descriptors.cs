using System;
using System.Collections.Generic;
using System.Linq;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Governance.Evaluation;
using Governance.Diagnostics;

namespace Governance.Analyzers;

/// <summary>
/// The analyzers' descriptors: one per GOV ID they report, made from the shared <see cref="GovCatalog"/> (title,
/// description, help link). A rule finding is reported with its rule's severity; <c>dotnet_diagnostic.GOVnnnn.severity</c>
/// in <c>.editorconfig</c> overrides it.
/// </summary>
internal static class Descriptors
{
    // The GOV IDs the analyzers report: rule findings on definitions, and problems of manifests and definitions.
    // GOV1004–GOV1009 and GOV2003–GOV2006 (Snowflake plans), GOV9001 (snapshot files), GOV9005–GOV9008 (waiver files),
    // GOV9009 (the snapshot's role list), GOV9011 (entitlement files), GOV9013–GOV9016 (importers) and GOV9017–GOV9021
    // (account state) belong to the CLI.
    private const string RuleMessage = "{1} (rule `{0}`)";
    private const string ProblemMessage = "{0}";
    private static readonly DiagnosticDescriptor MaskingConflictDescriptor = new DiagnosticDescriptor(GovIds.MaskingConflict, GovCatalog.Get(GovIds.MaskingConflict).Title,
        RuleMessage, "Governance.Masking", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.MaskingConflict).Description, GovCatalog.Get(GovIds.MaskingConflict).HelpUri);
    private static readonly DiagnosticDescriptor MaskingStrategyTypeMismatchDescriptor = new DiagnosticDescriptor(GovIds.MaskingStrategyTypeMismatch, GovCatalog.Get(GovIds.MaskingStrategyTypeMismatch).Title,
        RuleMessage, "Governance.Masking", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.MaskingStrategyTypeMismatch).Description, GovCatalog.Get(GovIds.MaskingStrategyTypeMismatch).HelpUri);
    private static readonly DiagnosticDescriptor MaskingConditionColumnMissingDescriptor = new DiagnosticDescriptor(GovIds.MaskingConditionColumnMissing, GovCatalog.Get(GovIds.MaskingConditionColumnMissing).Title,
        RuleMessage, "Governance.Masking", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.MaskingConditionColumnMissing).Description, GovCatalog.Get(GovIds.MaskingConditionColumnMissing).HelpUri);
    private static readonly DiagnosticDescriptor RowAccessConflictDescriptor = new DiagnosticDescriptor(GovIds.RowAccessConflict, GovCatalog.Get(GovIds.RowAccessConflict).Title,
        RuleMessage, "Governance.RowAccess", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.RowAccessConflict).Description, GovCatalog.Get(GovIds.RowAccessConflict).HelpUri);
    private static readonly DiagnosticDescriptor RowAccessColumnMissingDescriptor = new DiagnosticDescriptor(GovIds.RowAccessColumnMissing, GovCatalog.Get(GovIds.RowAccessColumnMissing).Title,
        RuleMessage, "Governance.RowAccess", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.RowAccessColumnMissing).Description, GovCatalog.Get(GovIds.RowAccessColumnMissing).HelpUri);
    private static readonly DiagnosticDescriptor RequiredTagMissingDescriptor = new DiagnosticDescriptor(GovIds.RequiredTagMissing, GovCatalog.Get(GovIds.RequiredTagMissing).Title,
        RuleMessage, "Governance.Tagging", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.RequiredTagMissing).Description, GovCatalog.Get(GovIds.RequiredTagMissing).HelpUri);
    private static readonly DiagnosticDescriptor TagValueNotAllowedDescriptor = new DiagnosticDescriptor(GovIds.TagValueNotAllowed, GovCatalog.Get(GovIds.TagValueNotAllowed).Title,
        RuleMessage, "Governance.Tagging", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.TagValueNotAllowed).Description, GovCatalog.Get(GovIds.TagValueNotAllowed).HelpUri);
    private static readonly DiagnosticDescriptor UnknownTagDescriptor = new DiagnosticDescriptor(GovIds.UnknownTag, GovCatalog.Get(GovIds.UnknownTag).Title,
        RuleMessage, "Governance.Tagging", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.UnknownTag).Description, GovCatalog.Get(GovIds.UnknownTag).HelpUri);
    private static readonly DiagnosticDescriptor RequiredMetadataMissingDescriptor = new DiagnosticDescriptor(GovIds.RequiredMetadataMissing, GovCatalog.Get(GovIds.RequiredMetadataMissing).Title,
        RuleMessage, "Governance.Tagging", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.RequiredMetadataMissing).Description, GovCatalog.Get(GovIds.RequiredMetadataMissing).HelpUri);
    private static readonly DiagnosticDescriptor NameCaseDescriptor = new DiagnosticDescriptor(GovIds.NameCase, GovCatalog.Get(GovIds.NameCase).Title,
        RuleMessage, "Governance.Naming", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.NameCase).Description, GovCatalog.Get(GovIds.NameCase).HelpUri);
    private static readonly DiagnosticDescriptor NamePatternDescriptor = new DiagnosticDescriptor(GovIds.NamePattern, GovCatalog.Get(GovIds.NamePattern).Title,
        RuleMessage, "Governance.Naming", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.NamePattern).Description, GovCatalog.Get(GovIds.NamePattern).HelpUri);
    private static readonly DiagnosticDescriptor NamePrefixDescriptor = new DiagnosticDescriptor(GovIds.NamePrefix, GovCatalog.Get(GovIds.NamePrefix).Title,
        RuleMessage, "Governance.Naming", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.NamePrefix).Description, GovCatalog.Get(GovIds.NamePrefix).HelpUri);
    private static readonly DiagnosticDescriptor NameSuffixDescriptor = new DiagnosticDescriptor(GovIds.NameSuffix, GovCatalog.Get(GovIds.NameSuffix).Title,
        RuleMessage, "Governance.Naming", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.NameSuffix).Description, GovCatalog.Get(GovIds.NameSuffix).HelpUri);
    private static readonly DiagnosticDescriptor NameTooLongDescriptor = new DiagnosticDescriptor(GovIds.NameTooLong, GovCatalog.Get(GovIds.NameTooLong).Title,
        RuleMessage, "Governance.Naming", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.NameTooLong).Description, GovCatalog.Get(GovIds.NameTooLong).HelpUri);
    private static readonly DiagnosticDescriptor NameReservedDescriptor = new DiagnosticDescriptor(GovIds.NameReserved, GovCatalog.Get(GovIds.NameReserved).Title,
        RuleMessage, "Governance.Naming", DiagnosticSeverity.Warning, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.NameReserved).Description, GovCatalog.Get(GovIds.NameReserved).HelpUri);
    private static readonly DiagnosticDescriptor InvalidRulePackDescriptor = new DiagnosticDescriptor(GovIds.InvalidRulePack, GovCatalog.Get(GovIds.InvalidRulePack).Title,
        ProblemMessage, "Governance.Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.InvalidRulePack).Description, GovCatalog.Get(GovIds.InvalidRulePack).HelpUri);
    private static readonly DiagnosticDescriptor RulePackHashMismatchDescriptor = new DiagnosticDescriptor(GovIds.RulePackHashMismatch, GovCatalog.Get(GovIds.RulePackHashMismatch).Title,
        ProblemMessage, "Governance.Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.RulePackHashMismatch).Description, GovCatalog.Get(GovIds.RulePackHashMismatch).HelpUri);
    private static readonly DiagnosticDescriptor DomainRuleWeakensGlobalDescriptor = new DiagnosticDescriptor(GovIds.DomainRuleWeakensGlobal, GovCatalog.Get(GovIds.DomainRuleWeakensGlobal).Title,
        ProblemMessage, "Governance.Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.DomainRuleWeakensGlobal).Description, GovCatalog.Get(GovIds.DomainRuleWeakensGlobal).HelpUri);
    private static readonly DiagnosticDescriptor InvalidProductDefinitionDescriptor = new DiagnosticDescriptor(GovIds.InvalidProductDefinition, GovCatalog.Get(GovIds.InvalidProductDefinition).Title,
        ProblemMessage, "Governance.Configuration", DiagnosticSeverity.Error, isEnabledByDefault: true,
        GovCatalog.Get(GovIds.InvalidProductDefinition).Description, GovCatalog.Get(GovIds.InvalidProductDefinition).HelpUri);

    /// <summary>Every descriptor, in ID order.</summary>
    public static readonly ImmutableArray<DiagnosticDescriptor> All = ImmutableArray.Create(
        MaskingConflictDescriptor,
        MaskingStrategyTypeMismatchDescriptor,
        MaskingConditionColumnMissingDescriptor,
        RowAccessConflictDescriptor,
        RowAccessColumnMissingDescriptor,
        RequiredTagMissingDescriptor,
        TagValueNotAllowedDescriptor,
        UnknownTagDescriptor,
        RequiredMetadataMissingDescriptor,
        NameCaseDescriptor,
        NamePatternDescriptor,
        NamePrefixDescriptor,
        NameSuffixDescriptor,
        NameTooLongDescriptor,
        NameReservedDescriptor,
        InvalidRulePackDescriptor,
        RulePackHashMismatchDescriptor,
        DomainRuleWeakensGlobalDescriptor,
        InvalidProductDefinitionDescriptor);

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id, StringComparer.Ordinal);

    public static DiagnosticDescriptor Get(string id) => ById[id];

    public static DiagnosticSeverity Of(Severity severity) => severity switch
    {
        Severity.Error => DiagnosticSeverity.Error,
        Severity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}

/// <summary>The keys of <see cref="Diagnostic.Properties"/> the code fixes read.</summary>
internal static class FixData
{
    /// <summary>The tag at fault (GOV3001).</summary>
    public const string Tag = "GovTag";
    /// <summary>The tag's allowed values, joined with <see cref="Separator"/>.</summary>
    public const string Values = "GovValues";
    /// <summary>A compliant name (GOV4001, GOV4003, GOV4004).</summary>
    public const string Name = "GovName";
    /// <summary>The target at fault, as the CLI reports it: <c>DB.SCHEMA[.DATASET[.COLUMN]]</c>.</summary>
    public const string Target = "GovTarget";
    /// <summary>The stored name of the subject at fault.</summary>
    public const string Subject = "GovSubject";
    public const char Separator = '\u001F';
}
