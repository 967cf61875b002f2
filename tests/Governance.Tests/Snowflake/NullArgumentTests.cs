using System.Reflection;

namespace Governance.Tests.Snowflake;

/// <summary>
/// The public factories and constructors of the Snowflake compiler (namespace <c>Governance.Snowflake</c>) refuse a null
/// argument, or a null element of a list argument, with <see cref="ArgumentNullException"/> naming the parameter, never a
/// <see cref="NullReferenceException"/> from somewhere inside.
/// </summary>
public sealed class NullArgumentTests
{
    private static readonly PolicyExpression True = PolicyExpression.Boolean(true);

    [Test]
    public void AndOr_OfANullArray_OrANullOperand_NameTheOperands()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => PolicyExpression.And(null!))!.ParamName, Is.EqualTo("operands"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => PolicyExpression.Or(null!))!.ParamName, Is.EqualTo("operands"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => PolicyExpression.And(new PolicyExpression[] { null! }))!.ParamName, Is.EqualTo("operands"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => PolicyExpression.Or(True, null!))!.ParamName, Is.EqualTo("operands"));
    }

    [Test]
    public void PlanCoverage_OfANullOperation_NamesTheOperations()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => new PlanCoverage(null!))!.ParamName, Is.EqualTo("operations"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => new PlanCoverage(new Operation[] { null! }))!.ParamName, Is.EqualTo("operations"));
    }

    [Test]
    public void Signatures_OfANullTypeList_OrANullType_NameIt()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => PolicySignature.ForMasking(SnowflakeType.Boolean, null!))!.ParamName, Is.EqualTo("conditions"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => PolicySignature.ForMasking(SnowflakeType.Boolean, new SnowflakeType[] { null! }))!.ParamName, Is.EqualTo("conditions"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => PolicySignature.ForRowAccess(null!))!.ParamName, Is.EqualTo("types"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => PolicySignature.ForRowAccess(SnowflakeType.Boolean, null!))!.ParamName, Is.EqualTo("types"));
    }

    private static IEnumerable<MethodBase> Entries() =>
        typeof(PolicyExpression).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Governance.Snowflake" && !t.IsInterface && !t.ContainsGenericParameters)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly).Cast<MethodBase>()
                .Concat(t.IsAbstract ? [] : t.GetConstructors()))
            .Where(m => !m.IsSpecialName || m is ConstructorInfo)
            .Where(m => !m.ContainsGenericParameters && m is not MethodInfo { ReturnType.IsGenericType: true } && (m as MethodInfo)?.ReturnType != typeof(Task))
            .Where(m => m.GetParameters().Any(p => !p.ParameterType.IsValueType && !p.IsOptional));

    /// <summary>Every public static method and constructor of the namespace, called with nulls: an argument exception, never a null reference.</summary>
    [Test]
    public void EveryEntry_GivenNulls_RefusesThemByName()
    {
        var nullReferences = new List<string>();
        Assert.That(Entries().Count(), Is.GreaterThan(40), "the namespace's entries are found");
        foreach (var m in Entries())
        {
            var args = m.GetParameters().Select(p => p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null).ToArray();
            try
            {
                if (m is ConstructorInfo c) c.Invoke(args); else m.Invoke(null, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is NullReferenceException)
            {
                nullReferences.Add(m.DeclaringType!.Name + "." + m.Name + "(" + string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name)) + ")");
            }
            catch (TargetInvocationException)
            {
                // an ArgumentNullException, or a refusal of the other (default) arguments: not a crash
            }
        }
        Assert.That(nullReferences, Is.Empty);
    }
}
