using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Governance.Snowflake;
using Governance.Tests.Generators;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Snowflake;

/// <summary>
/// One function catalog (<see cref="SqlFunctions"/>): the type checker of custom masking expressions
/// (<see cref="MaskFunctions"/>) and the compiler's type-checked calls (<see cref="FunctionCall"/>) read the same
/// arities and types, so they accept the same expressions with the same result; the authoring guide lists it.
/// </summary>
public sealed class FunctionCatalogTests
{
    private static readonly PolicySignature Text = PolicySignature.ForMasking(SnowflakeType.Varchar());

    // A custom expression built as compiled calls directly, without MaskFunctions: what FunctionCall alone accepts.
    private static PolicyExpression Direct(MaskExpression e, PolicyExpression value) => e switch
    {
        ValueExpression => value,
        LiteralExpression l => PolicyExpression.Typed(l.Literal),
        CallExpression c => PolicyExpression.Call(c.Function, c.Arguments.Select(a => Direct(a, value)).ToArray()),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "a custom expression"),
    };

    private static DataTypeFamily? Compiled(MaskExpression e, out string? error)
    {
        try
        {
            error = null;
            return Direct(e, Text.Ref(PolicySignature.ValueArgument)).Family;
        }
        catch (SnowflakeCompileException x)
        {
            error = x.Message;
            return null;
        }
    }

    /// <summary>Calls of every function of the catalog (custom masking or not) with 0 to 5 arguments of any type: well- and ill-typed alike.</summary>
    private static Gen<MaskExpression> AnyExpression(int depth)
    {
        var leaf = Gen.OneOf(Gen.Constant(MaskExpression.Value), PackGen.Decimal().Select(d => MaskExpression.Of(Literal.Number(d))),
            Gen.Elements("a", "x@y").Select(s => MaskExpression.Of(Literal.String(s))));
        if (depth <= 0) return leaf;
        var call = from f in Gen.Elements(SqlFunctions.All.ToArray())
                   from n in Gen.Choose(Math.Max(0, f.MinArguments - 1), Math.Min(f.MaxArguments + 1, 5))
                   from args in Gen.ArrayOf(AnyExpression(depth - 1), n)
                   select MaskExpression.Call(f, args);
        return Gen.Frequency((1, leaf), (2, call));
    }

    /// <summary>Every function the catalog declares is in <see cref="SqlFunctions.All"/> (which installs the macros and finds names), once.</summary>
    [Test]
    public void EveryDeclaredFunction_IsInTheCatalogOnce()
    {
        var declared = typeof(SqlFunctions).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.FieldType == typeof(SqlFunction)).Select(f => (SqlFunction)f.GetValue(null)!).ToList();
        Assert.That(SqlFunctions.All, Is.EquivalentTo(declared).And.Unique);
        Assert.That(SqlFunctions.All.Select(f => f.Name), Is.Unique);
        Assert.That(SqlFunctions.All.Select(f => f.DuckDbMacro), Is.Unique);
        Assert.That(SqlFunctions.All.Select(f => SqlFunctions.Find(f.Name.ToLowerInvariant())), Is.EqualTo(SqlFunctions.All), "found by name, in any case");
    }

    [Property(MaxTest = 500)]
    public Property CustomExpressionChecker_AndCompiledCalls_AgreeOnEveryExpression()
        => Prop.ForAll(Arb.From(Gen.Choose(0, 3).SelectMany(AnyExpression)), e =>
        {
            var custom = MaskFunctions.TypeOf(e, DataTypeFamily.Text, out var error);
            var compiled = Compiled(e, out var compileError);
            var callsOnlyCustom = Calls(e).All(c => SqlFunctions.Find(c.Function)!.InCustomMasking);
            if (callsOnlyCustom)
            {
                Assert.That(custom, Is.EqualTo(compiled), e + ": " + error + " / " + compileError);
                if (custom is null) Assert.That(compileError, Does.Contain(error!), "one message, from the catalog");
            }
            else
            {
                Assert.That(custom, Is.Null, e + " calls a function custom masking may not call");
                Assert.That(error, Is.Not.Null);
            }
        });

    private static IEnumerable<CallExpression> Calls(MaskExpression e)
        => e is CallExpression c ? c.Arguments.SelectMany(Calls).Prepend(c) : Enumerable.Empty<CallExpression>();

    [Test]
    public void CustomExpressions_TakeEveryArityTheCatalogGives()
    {
        var v = Expr.Value;
        Assert.Multiple(() =>
        {
            Assert.That(MaskFunctions.TypeOf(Expr.Concat(v), DataTypeFamily.Text, out _), Is.EqualTo(DataTypeFamily.Text), "CONCAT of 1");
            Assert.That(MaskFunctions.TypeOf(Expr.Concat(Enumerable.Repeat(v, 16).ToArray()), DataTypeFamily.Text, out _), Is.EqualTo(DataTypeFamily.Text), "CONCAT of 16");
            Assert.That(MaskFunctions.TypeOf(Expr.Substr(v, 2), DataTypeFamily.Text, out _), Is.EqualTo(DataTypeFamily.Text), "SUBSTR of 2");
            Assert.That(MaskFunctions.TypeOf(Expr.Round(v), DataTypeFamily.Numeric, out _), Is.EqualTo(DataTypeFamily.Numeric), "ROUND of 1");
            Assert.That(MaskFunctions.TypeOf(Expr.Greatest(v, v, Expr.Number(0)), DataTypeFamily.Numeric, out _), Is.EqualTo(DataTypeFamily.Numeric), "GREATEST of 3");
            Assert.That(MaskFunctions.TypeOf(Expr.Concat(Enumerable.Repeat(v, 17).ToArray()), DataTypeFamily.Text, out var tooMany), Is.Null);
            Assert.That(tooMany, Is.EqualTo("`CONCAT` takes 1 to 16 arguments, not 17"));
            Assert.That(MaskFunctions.TypeOf(Expr.Left(Expr.Number(1), 2), DataTypeFamily.Text, out var wrongType), Is.Null);
            Assert.That(wrongType, Is.EqualTo("argument 1 of `LEFT` must be text, not numeric"));
        });
    }

    [Test]
    public void AWidenedCustomExpression_CompilesToItsCall()
    {
        var body = MaskingBodies.Compile(Expr.Concat(Expr.Left(Expr.Value, 1), Expr.Text("."), Expr.Substr(Expr.Value, 5)), Text.Ref("VAL"), SnowflakeType.Varchar());
        Assert.That(SqlGenerator.Expression(body), Is.EqualTo("CONCAT(LEFT(\"VAL\", 1), '.', SUBSTR(\"VAL\", 5))"));
    }

    /// <summary>docs/authoring.md lists the functions a custom expression may call as the catalog gives them.</summary>
    [Test]
    public void AuthoringGuide_ListsTheCustomMaskingFunctions_OfTheCatalog()
    {
        static string Arity(SqlFunction f) => f.MinArguments == f.MaxArguments ? f.MinArguments.ToString(CultureInfo.InvariantCulture)
            : f.MinArguments.ToString(CultureInfo.InvariantCulture) + " to " + f.MaxArguments.ToString(CultureInfo.InvariantCulture);
        var rows = SqlFunctions.All.Where(f => f.InCustomMasking).OrderBy(f => f.Name, StringComparer.Ordinal).Select(f =>
            "| `" + f.Name + "` | " + Arity(f) + " | " + string.Join(", ", f.Parameters.Select(p => Names.Of(p!.Value))) + " | "
            + (f.Result == FunctionResult.Numeric ? "numeric" : "text") + " |");
        var table = "| function | arguments | of type (the last one repeats) | returns |\n|---|---|---|---|\n" + string.Join("\n", rows) + "\n";
        var guide = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "docs", "authoring.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.That(guide, Does.Contain(table));
    }
}
