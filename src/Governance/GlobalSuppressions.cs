using System.Diagnostics.CodeAnalysis;

// The public API analyzer's backward-compatibility rules for optional parameters (RS0026: one overload only may have
// optional parameters; RS0027: it must be the one with the most parameters) guard a released API: adding an overload
// beside one with optional parameters breaks callers compiled against the old one. These four were written before the
// API was tracked and nothing is released yet; fixing them changes their signatures (issue 12 stage 2, or before the
// first release). Any new violation still fails the build.
[assembly: SuppressMessage("ApiDesign", "RS0026", Scope = "member",
    Target = "~M:Governance.Evaluation.Finding.#ctor(System.String,System.String,Governance.Severity,System.String,System.String,Governance.Evaluation.Waiver,Governance.Snapshots.SourceLocation)",
    Justification = "not released yet; see the comment above")]
[assembly: SuppressMessage("ApiDesign", "RS0026", Scope = "member",
    Target = "~M:Governance.Evaluation.Finding.#ctor(System.String,System.String,Governance.Severity,System.Nullable{Governance.Rules.TargetLevel},System.String,System.String,System.String,System.Collections.Generic.IReadOnlyList{System.String},System.String,Governance.Snapshots.SourceLocation)",
    Justification = "not released yet; see the comment above")]
[assembly: SuppressMessage("ApiDesign", "RS0027", Scope = "member",
    Target = "~M:Governance.Snapshots.SourceLocation.#ctor(System.String,System.String,System.Nullable{System.Int64},System.String)",
    Justification = "not released yet; see the comment above")]
[assembly: SuppressMessage("ApiDesign", "RS0027", Scope = "member",
    Target = "~M:Governance.MaskingRuleBuilder.OnlyWhen(System.String,System.Boolean)~Governance.MaskingRuleBuilder",
    Justification = "not released yet; see the comment above")]
