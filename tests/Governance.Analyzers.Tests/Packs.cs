namespace Governance.Analyzers.Tests;

/// <summary>Small rule packs for the analyzer tests, one concern each.</summary>
internal static class Packs
{
    public static RulePack Global(Func<RulePackBuilder, RulePackBuilder> rules)
        => rules(RulePackBuilder.Global("board", "1.0.0", "the board")
            .Tag("PII", "Personal data", "email", "phone", "ssn")
            .Tag("SENSITIVITY", "Harm of disclosure", "public", "internal", "restricted")).Build();

    public const string Usings = "using System;\nusing Governance;\n\n";
}
