using FsCheck;
using FsCheck.Fluent;
using Governance.Snowflake;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Snowflake;

/// <summary>Every branch of a body has the argument's type, checked when the body is built.</summary>
public sealed class PolicyTypeCheckTests
{
    private static readonly IReadOnlyList<IReadOnlyList<string>> Analyst = new[] { new[] { "ANALYST" } };
    private static readonly MaskingConditionArgument[] NoConditions = Array.Empty<MaskingConditionArgument>();
    private static readonly SchemaObjectName Policy = new("GOV", "POLICIES", "MP");

    [Test]
    public void Redact_OnNumber_IsRefused()
    {
        var e = Assert.Throws<SnowflakeCompileException>(() => MaskingBodies.For(new RedactStrategy(), SnowflakeType.Number(), Analyst, NoConditions));
        Assert.That(e!.Message, Does.Contain("NUMBER(38,0)").And.Contain("text"));
    }

    [Test]
    public void StringBranch_InHandWrittenNumberPolicy_IsRefused()
    {
        var sig = PolicySignature.ForMasking(SnowflakeType.Number());
        Assert.Throws<SnowflakeCompileException>(() =>
            new CreateMaskingPolicy(Policy, sig, PolicyExpression.Case(PolicyExpression.IsRoleInSession("A"), sig.Ref("VAL"), PolicyExpression.String("**MASKED**"))));
    }

    [Test]
    public void WholeStringBody_InNumberPolicy_IsRefused()
    {
        var sig = PolicySignature.ForMasking(SnowflakeType.Number());
        Assert.Throws<SnowflakeCompileException>(() => new CreateMaskingPolicy(Policy, sig, PolicyExpression.String("0")));
    }

    [Test]
    public void ConstantString_InDatePolicy_IsRefused()
        => Assert.Throws<SnowflakeCompileException>(() => MaskingBodies.For(new ConstantStrategy(Literal.String("2000-01-01")), SnowflakeType.Date, Analyst, NoConditions));

    [TestCase("TIMESTAMP_NTZ")]
    [TestCase("BOOLEAN")]
    [TestCase("DATE")]
    [TestCase("FLOAT")]
    public void TextStrategies_OnNonTextTypes_AreRefused(string type)
    {
        var t = SnowflakeType.Parse(type);
        Assert.Multiple(() =>
        {
            Assert.Throws<SnowflakeCompileException>(() => MaskingBodies.For(new RedactStrategy(), t, Analyst, NoConditions));
            Assert.Throws<SnowflakeCompileException>(() => MaskingBodies.For(new KeepLastStrategy(4), t, Analyst, NoConditions));
            Assert.Throws<SnowflakeCompileException>(() => MaskingBodies.For(new HashStrategy(), t, Analyst, NoConditions));
            Assert.Throws<SnowflakeCompileException>(() => MaskingBodies.For(EmailDomainStrategy.Instance, t, Analyst, NoConditions));
        });
    }

    [Test]
    public void TruncateDate_OnText_IsRefused()
        => Assert.Throws<SnowflakeCompileException>(() => MaskingBodies.For(new TruncateDateStrategy(DatePart.Year), SnowflakeType.Varchar(), Analyst, NoConditions));

    [TestCaseSource(nameof(AllTypes))]
    public void Nullify_IsAcceptedOnEveryType(string type)
    {
        var t = SnowflakeType.Parse(type);
        var body = MaskingBodies.For(NullifyStrategy.Instance, t, Analyst, NoConditions);
        var sql = SqlGenerator.Generate(new CreateMaskingPolicy(Policy, PolicySignature.ForMasking(t), body));
        Assert.That(sql, Does.Contain("RETURNS " + t.Text + " ->").And.Contain("ELSE NULL"));
    }

    public static IEnumerable<string> AllTypes => new[]
    {
        "VARCHAR", "NUMBER(10,2)", "FLOAT", "DECFLOAT", "BOOLEAN", "DATE", "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ",
        "BINARY", "VARIANT", "OBJECT", "ARRAY", "GEOGRAPHY", "GEOMETRY", "VECTOR(FLOAT, 3)",
    };

    [Test]
    public void KeepLast_IsAcceptedOnVarchar()
    {
        var body = MaskingBodies.For(new KeepLastStrategy(4), SnowflakeType.Varchar(20), Analyst, NoConditions);
        Assert.That(body.Family, Is.EqualTo(DataTypeFamily.Text));
    }

    [Test]
    public void ConditionValue_OfWrongType_IsRefused()
        => Assert.Throws<SnowflakeCompileException>(() => MaskingBodies.For(new RedactStrategy(), SnowflakeType.Varchar(), Analyst,
            new[] { new MaskingConditionArgument(SnowflakeType.Boolean, Literal.String("yes")) }));

    [Test]
    public void BodyReturningInputUnmasked_IsRefused()
    {
        var sig = PolicySignature.ForMasking(SnowflakeType.Varchar());
        Assert.Multiple(() =>
        {
            Assert.Throws<SnowflakeCompileException>(() => new CreateMaskingPolicy(Policy, sig, sig.Ref("VAL")));
            Assert.Throws<SnowflakeCompileException>(() => new CreateMaskingPolicy(Policy, sig,
                PolicyExpression.Case(PolicyExpression.IsRoleInSession("A"), PolicyExpression.String("x"), sig.Ref("VAL"))));
        });
    }

    [Test]
    public void BodyReferencingAnotherSignature_IsRefused()
    {
        var other = PolicySignature.ForMasking(SnowflakeType.Varchar(), SnowflakeType.Boolean);
        var sig = PolicySignature.ForMasking(SnowflakeType.Varchar());
        var body = PolicyExpression.Case(PolicyExpression.Compare(other.Ref("COND_1"), ComparisonOperator.Equal, PolicyExpression.Boolean(true)), sig.Ref("VAL"), PolicyExpression.Null);
        Assert.Throws<SnowflakeCompileException>(() => new CreateMaskingPolicy(Policy, sig, body));
    }

    [Test]
    public void RowAccessBody_ThatIsNotBoolean_IsRefused()
    {
        var sig = PolicySignature.ForRowAccess(SnowflakeType.Varchar());
        Assert.Throws<SnowflakeCompileException>(() => new CreateRowAccessPolicy(Policy, sig, sig.Ref("ARG_1")));
    }

    [Test]
    public void UnknownFunction_IsRefused()
        => Assert.Throws<SnowflakeCompileException>(() => PolicyExpression.Call("CURRENT_ROLE"));

    // ---- every generated masking body: IS_ROLE_IN_SESSION, never CURRENT_ROLE, an ELSE that is not the input ----

    private static readonly string[] Types = { "VARCHAR", "VARCHAR(20)", "NUMBER", "NUMBER(10,2)", "FLOAT", "BOOLEAN", "DATE", "TIME", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "VARIANT", "BINARY" };

    private static Gen<MaskingStrategy> Strategies() => Gen.OneOf(
        Gen.Constant<MaskingStrategy>(new RedactStrategy()),
        Gen.Choose(0, 10).Select(n => (MaskingStrategy)new KeepLastStrategy(n)),
        Gen.Elements<MaskingStrategy>(new HashStrategy(), new HashStrategy("pepper")),
        Gen.Constant<MaskingStrategy>(NullifyStrategy.Instance),
        Gen.Constant<MaskingStrategy>(EmailDomainStrategy.Instance),
        Gen.Elements(DatePart.Year, DatePart.Quarter, DatePart.Month, DatePart.Week, DatePart.Day, DatePart.Hour).Select(u => (MaskingStrategy)new TruncateDateStrategy(u)),
        Gen.Elements(Literal.String("x"), Literal.Number(0), Literal.Boolean(false), Literal.Date(2000, 1, 1), Literal.Timestamp(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified)))
            .Select(l => (MaskingStrategy)new ConstantStrategy(l)),
        Gen.Constant<MaskingStrategy>(new CustomStrategy(MaskExpression.Call("UPPER", MaskExpression.Value))));

    private static Gen<IReadOnlyList<IReadOnlyList<string>>> Clauses() =>
        from n in Gen.Choose(0, 3)
        from clauses in Gen.ArrayOf(from k in Gen.Choose(1, 3) from roles in Gen.ArrayOf(Gen.Elements("ANALYST", "DPO", "Mixed Case", "R'1"), k) select (IReadOnlyList<string>)roles.Distinct().ToArray(), n)
        select (IReadOnlyList<IReadOnlyList<string>>)clauses;

    private static Gen<MaskingConditionArgument[]> Conditions() =>
        from n in Gen.Choose(0, 2)
        from c in Gen.ArrayOf(Gen.Elements(
            new MaskingConditionArgument(SnowflakeType.Boolean, Literal.Boolean(true)),
            new MaskingConditionArgument(SnowflakeType.Varchar(), Literal.String("Public"))), n)
        select c;

    [Property(MaxTest = 500)]
    public Property MaskingBody_UsesIsRoleInSession_AndNeverElseInput()
    {
        var cases =
            from strategy in Strategies()
            from type in Gen.Elements(Types)
            from clauses in Clauses()
            from conditions in Conditions()
            select (strategy, type: SnowflakeType.Parse(type), clauses, conditions);
        return Prop.ForAll(Arb.From(cases), c =>
        {
            PolicyExpression body;
            try
            {
                body = MaskingBodies.For(c.strategy, c.type, c.clauses, c.conditions);
            }
            catch (SnowflakeCompileException)
            {
                // Refused exactly when the strategy cannot return the column's type.
                Assert.That(c.strategy.Supports(c.type.Family), Is.False, c.strategy + " on " + c.type);
                return;
            }
            Assert.That(c.strategy.Supports(c.type.Family), Is.True, c.strategy + " on " + c.type + " was accepted");
            var sig = MaskingBodies.Signature(c.type, c.conditions);
            var sql = SqlGenerator.Generate(new CreateMaskingPolicy(new SchemaObjectName("GOV", "P", "MP"), sig, body));
            var tokens = SnowflakeLexer.Tokenize(sql);
            var words = tokens.Where(t => t.Kind == TokenKind.Word).Select(t => t.Text).ToList();
            Assert.That(words, Does.Not.Contain("CURRENT_ROLE"));
            Assert.That(sql, Does.Not.Contain("OR REPLACE"));
            var revealed = c.clauses.Count > 0 && c.clauses.All(k => k.Count > 0);
            if (revealed)
            {
                Assert.That(body, Is.InstanceOf<CaseExpression>());
                var @case = (CaseExpression)body;
                Assert.That(@case.Else, Is.Not.InstanceOf<ArgumentReference>(), sql);
                Assert.That(words.Count(w => w == "IS_ROLE_IN_SESSION"), Is.EqualTo(c.clauses.Sum(k => k.Count)), sql);
                // The token before END is not "VAL": the ELSE is a masked value.
                var end = tokens.FindLastIndex(t => t == Tok.W("END"));
                var elseAt = tokens.FindLastIndex(t => t == Tok.W("ELSE"));
                Assert.That(tokens.Skip(elseAt + 1).Take(end - elseAt - 1), Is.Not.EqualTo(new[] { Tok.I("VAL") }), sql);
            }
            else
            {
                Assert.That(words, Does.Not.Contain("CASE"), sql);
                Assert.That(body, Is.Not.InstanceOf<ArgumentReference>());
            }
        });
    }
}
