using Microsoft.CodeAnalysis;

namespace Governance.Tests.Meta;

/// <summary>
/// The rule model's closed hierarchies stay closed: a record outside the library cannot derive from their record bases,
/// whose protected copy constructor would otherwise let it (and every visitor, the evaluator, the compiler and the
/// simulation would meet a kind they do not know).
/// </summary>
public class ClosedHierarchyTests
{
    public static IEnumerable<TestCaseData> Bases() => new[]
    {
        ("Governance.Rules.MaskingStrategy", "public override string Name => \"x\"; public override TResult Accept<TResult>(IMaskingStrategyVisitor<TResult> visitor) => default!;"),
        ("Governance.Rules.RowFilter", ""),
        ("Governance.Rules.MaskExpression", ""),
        ("Governance.Rules.Selector", ""),
        ("Governance.Rules.Rule", ""),
        ("Governance.Rules.NamingConstraint", ""),
        ("Governance.Snowflake.TagTarget", ""),
    }.Select(b => new TestCaseData(b.Item1, b.Item2).SetName("RecordOutsideTheLibrary_CannotDerive(" + b.Item1.Split('.').Last() + ")"));

    [TestCaseSource(nameof(Bases))]
    public void RecordOutsideTheLibrary_CannotDerive(string baseType, string members)
    {
        // Through the copy constructor, the one constructor a derived record can always reach.
        var source = "using Governance.Rules; using Governance.Snowflake;\n"
                     + "public sealed record Outsider : " + baseType + " { public Outsider(" + baseType + " original) : base(original) { } " + members + " }";
        var errors = TestCompilation.Compile("Outsider", (source, "Outsider.cs")).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.That(errors.Select(e => e.Id), Does.Contain("CS0534"), string.Join("\n", errors));
        Assert.That(errors.Where(e => e.Id == "CS0534").Select(e => e.GetMessage(System.Globalization.CultureInfo.InvariantCulture)), Has.Some.Contains("Closed()"));
    }

    /// <summary>The check above is about the closing member, not about the snippet: without a base, it compiles.</summary>
    [Test]
    public void TheSameRecordWithoutTheBase_Compiles()
    {
        var errors = TestCompilation.Compile("Insider", ("public sealed record Outsider { public Outsider(Outsider original) { } }", "Insider.cs"))
            .GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
        Assert.That(errors, Is.Empty);
    }
}
