using System.Reflection;

namespace Governance.Tests.Meta;

/// <summary>
/// Rules are data and data does not change: every public type of the shared model (rule IR, snapshot, catalog) and
/// every evaluation result exposes no setter and no writable field. A type that needs mutation is a builder and is
/// named so.
/// </summary>
public class ImmutabilityTests
{
    private static IEnumerable<Type> ModelAndResultTypes() => typeof(Rule).Assembly.GetExportedTypes()
        .Where(t => t.Namespace is "Governance" or "Governance.Rules" or "Governance.Snapshots" or "Governance.Evaluation" or "Governance.Packs" or "Governance.Diagnostics" or "Governance.Reporting" or "Governance.State")
        .Where(t => !t.Name.EndsWith("Builder", StringComparison.Ordinal) && !t.Name.EndsWith("Builder`1", StringComparison.Ordinal))
        // Attributes are C# syntax for product definitions: named arguments need settable properties.
        .Where(t => !t.IsEnum && !typeof(Exception).IsAssignableFrom(t) && !typeof(Delegate).IsAssignableFrom(t) && !typeof(Attribute).IsAssignableFrom(t))
        .Where(t => t != typeof(Governance.Packs.CanonicalJsonWriter) && t != typeof(RulePackDefinition));

    [Test]
    public void PublicModelTypes_HaveNoPublicSettersOrWritableFields()
    {
        var offenders = new List<string>();
        foreach (var type in ModelAndResultTypes())
        {
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (p.SetMethod is { IsPublic: true }) offenders.Add(type.Name + "." + p.Name);
            }
            foreach (var f in type.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (!f.IsInitOnly && !f.IsLiteral) offenders.Add(type.Name + "." + f.Name);
            }
        }
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void TheMetaTestSeesTheModel()
        => Assert.That(ModelAndResultTypes().Select(t => t.Name), Is.SupersetOf(new[] { "MaskingRule", "Selector", "MetadataSnapshot", "Column", "RulePack", "Finding", "MaskingDecision", "PackDiff", "MaskingChange", "AccountState", "PolicyState" }));
}
