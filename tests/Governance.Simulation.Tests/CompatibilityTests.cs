using DuckDB.NET.Data;
using Governance.Simulation;
using Governance.Snowflake;
using Governance.Tests.Snowflake;
using FsCheck;
using FsCheck.Fluent;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Simulation.Tests;

/// <summary>The Snowflake compatibility layer: every function the compiler emits has a DuckDB counterpart with Snowflake's semantics, and bodies translate token by token.</summary>
public sealed class CompatibilityTests
{
    private static DuckDBConnection Session(string role = "PII_READER", params string[] roles)
        => Simulator.OpenSession(role, roles.Length == 0 ? new[] { "ANALYST", "PII_READER", "PUBLIC" } : roles, "ALICE");

    private static string? Scalar(DuckDBConnection connection, string snowflakeExpression)
    {
        using var command = Simulator.Command(connection, "SELECT CAST((" + SnowflakeCompatibility.Translate(snowflakeExpression) + ") AS VARCHAR)");
        return command.ExecuteScalar() is string s ? s : null;
    }

    [Test]
    public void EveryFunctionOfTheCatalog_HasADuckDbTranslation_ForEachOfItsArities()
    {
        Assert.Multiple(() =>
        {
            foreach (var f in SqlFunctions.All)
            {
                Assert.That(f.DuckDbMacro, Does.Match("^sf_[a-z0-9_]+$"), f.Name);
                for (var n = f.MinArguments; n <= f.MaxArguments; n++)
                {
                    var parameters = (f.DuckDbImplicitArgument is null ? 0 : 1) + n;
                    Assert.That(f.DuckDbDefinition, Does.Match(@"(^|, )\(" + string.Join(", ", Enumerable.Repeat(@"\w+", parameters)) + @"\) AS "),
                        f.Name + " of " + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + " arguments");
                }
            }
        });
    }

    [Test]
    public void EveryFunctionTheCompilerEmits_IsInTheCatalog()
    {
        var emitted = FunctionCall.Names.Concat(new[] { SqlFunctions.IsRoleInSession.Name, SqlFunctions.GetTagOnCurrentColumn.Name });
        Assert.That(SqlFunctions.All.Select(f => f.Name), Is.SupersetOf(emitted));
        Assert.That(MaskFunctions.Names, Is.SubsetOf(FunctionCall.Names), "a custom masking expression compiles to calls a body may make");
    }

    [Test]
    public void EveryCounterpart_IsInstalled()
    {
        using var c = Session();
        using var command = Simulator.Command(c, "SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_name LIKE 'sf\\_%' ESCAPE '\\'");
        var installed = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) installed.Add(reader.GetString(0));
        }
        Assert.That(installed, Is.SupersetOf(SqlFunctions.All.Select(f => f.DuckDbMacro)));
    }

    /// <summary>Every function of the catalog, at every arity it takes, runs on DuckDB when a body written by hand calls it (the emulated account's path).</summary>
    [Test]
    public void EveryFunctionOfTheCatalog_RunsAtEveryArity()
    {
        using var c = Session();
        Assert.Multiple(() =>
        {
            foreach (var f in SqlFunctions.All)
            {
                for (var n = f.MinArguments; n <= f.MaxArguments; n++)
                {
                    var args = Enumerable.Range(0, n).Select(i => f.Parameter(i) switch
                    {
                        DataTypeFamily.Numeric => "256",
                        DataTypeFamily.Boolean => "TRUE",
                        null when f.Result == FunctionResult.TruncatedSecond => "'2025-03-14'::DATE",
                        _ => "'DAY'",
                    });
                    var call = f.Name + "(" + string.Join(", ", args) + ")";
                    using var command = Simulator.Command(c, "SELECT CAST((" + SnowflakeCompatibility.Translate(call) + ") AS VARCHAR) FROM (SELECT MAP {'t': 'v'} AS "
                        + SqlFunctions.ColumnTagsParameter + ")");
                    Assert.DoesNotThrow(() => command.ExecuteScalar(), call);
                }
            }
        });
    }

    [TestCase("IS_ROLE_IN_SESSION('ANALYST')", "true")] // inherited
    [TestCase("IS_ROLE_IN_SESSION('PUBLIC')", "true")]
    [TestCase("IS_ROLE_IN_SESSION('analyst')", "false")] // role names are case-sensitive, as stored
    [TestCase("IS_ROLE_IN_SESSION('GLOBAL_ANALYST')", "false")]
    [TestCase("CURRENT_ROLE()", "PII_READER")]
    [TestCase("INVOKER_ROLE()", "PII_READER")]
    [TestCase("CURRENT_USER()", "ALICE")]
    [TestCase("CONCAT('a', NULL)", null)] // Snowflake: NULL if any argument is NULL
    [TestCase("CONCAT('a', 'b', 'c')", "abc")]
    [TestCase("GREATEST(1, NULL)", null)]
    [TestCase("LEAST(3, 2, 5)", "2")]
    [TestCase("LEFT('abc', -1)", "")]
    [TestCase("RIGHT('a😀bc', 3)", "😀bc")] // characters, not UTF-16 units
    [TestCase("REPEAT('*', GREATEST(LENGTH('abcdef') - 4, 0))", "**")]
    [TestCase("REPEAT('*', NULL)", null)]
    [TestCase("REGEXP_REPLACE('a.b.c', '\\\\.', '-')", "a-b-c")] // every match; '\\.' is the regex \.
    [TestCase("REGEXP_REPLACE('ada@acme.example', '^[^@]*', '*****')", "*****@acme.example")]
    [TestCase("SHA2('abc', 256)", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("SHA2_HEX('abc')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("MD5('abc')", "900150983cd24fb0d6963f7d28e17f72")]
    [TestCase("POSITION('c', 'abcabc')", "3")]
    [TestCase("POSITION('c', 'abcabc', 4)", "6")]
    [TestCase("SUBSTR('abcdef', 2, 3)", "bcd")]
    [TestCase("UPPER('ab')", "AB")]
    [TestCase("ROUND(2.5)", "3")]
    [TestCase("FLOOR(2.5)", "2")]
    [TestCase("IFF(1 = 1, 'y', 'n')", "y")]
    [TestCase("DATE_TRUNC('MONTH', '2025-03-14'::DATE)", "2025-03-01 00:00:00")]
    [TestCase("DATE_TRUNC('WEEK', '2025-03-16'::DATE)", "2025-03-10 00:00:00")] // a Sunday: weeks start on Monday, as WEEK_START 0 or 1 (docs/snowflake.md Y2)
    [TestCase("DATE_TRUNC('WEEK', '2025-03-10 08:00:00'::TIMESTAMP_NTZ)", "2025-03-10 00:00:00")] // a Monday
    [TestCase("'2025-03-14 09:26:53'::TIMESTAMP_NTZ", "2025-03-14 09:26:53")]
    [TestCase("'it\\'s a \\\\ and a ''quote'''", "it's a \\ and a 'quote'")]
    [TestCase("'tab\\there'", "tab\there")]
    [TestCase("'\\x41\\u00e9\\101\\d'", "AéAd")]
    public void SnowflakeExpression_GivesSnowflakesValue(string expression, string? expected)
    {
        using var c = Session();
        Assert.That(Scalar(c, expression), Is.EqualTo(expected));
    }

    [Test]
    public void TagOnCurrentColumn_ReadsTheColumnsTags()
    {
        var body = SnowflakeCompatibility.Translate("SYSTEM$GET_TAG_ON_CURRENT_COLUMN('\"GOVERNANCE\".\"TAGS\".\"PII\"')");
        Assert.That(body, Is.EqualTo("sf_get_tag_on_current_column ( governance_column_tags , '\"GOVERNANCE\".\"TAGS\".\"PII\"' )"));
    }

    [Test]
    public void AFunctionWithoutCounterpart_IsRefused()
    {
        var e = Assert.Throws<SimulationException>(() => SnowflakeCompatibility.Translate("CASE WHEN IS_ROLE_IN_SESSION('A') THEN \"VAL\" ELSE SECRET_UDF(\"VAL\") END"));
        Assert.That(e!.Message, Does.Contain("SECRET_UDF"));
    }

    [Test]
    public void QuotedIdentifiers_ThatDifferOnlyInCase_StayDistinct()
        => Assert.That(DuckDbText.Identifier("Email"), Is.Not.EqualTo(DuckDbText.Identifier("EMAIL")).IgnoreCase);

    /// <summary>Any string the compiler's literal writer accepts reads back, after translation, as itself in DuckDB.</summary>
    [Property(MaxTest = 300)]
    public Property Literal_TranslatesToTheSameValue() => Prop.ForAll(Arb.From(SqlInjectionPropertyTests.Hostile()), value =>
    {
        string literal;
        try
        {
            literal = SqlText.Literal(value);
        }
        catch (SnowflakeCompileException)
        {
            return;
        }
        using var c = Session();
        Assert.That(Scalar(c, literal), Is.EqualTo(value), literal);
    });
}

/// <summary>
/// The script holds each policy's body as the generator writes the compiled body (<see cref="SqlGenerator.Body"/>): the
/// compiled body the simulation installs (written as DuckDB from the same expression) is the one the script shows.
/// </summary>
public sealed class SameBodyTextTests
{
    [TestCase(PlanMode.Column)]
    [TestCase(PlanMode.Tag)]
    public void EveryPolicyBodyOfTheScript_IsTheGeneratorsTextOfTheCompiledBody(PlanMode mode)
    {
        var packs = PackSet.Create(Governance.Examples.AcmeExample.Packs());
        var mesh = Governance.Examples.AcmeExample.Mesh();
        var plan = SnowflakePlanner.Plan(packs, mesh, Evaluator.Compile(packs).Evaluate(mesh), new PlanOptions { Mode = mode });
        var script = plan.ToSql();
        var policies = plan.Operations.OfType<CreateMaskingPolicy>().Select(m => ((Operation)m, m.Body))
            .Concat(plan.Operations.OfType<CreateRowAccessPolicy>().Select(r => ((Operation)r, r.Body))).ToList();
        Assert.That(policies, Is.Not.Empty);
        foreach (var (op, compiled) in policies)
        {
            var statement = SqlGenerator.Generate(op);
            Assert.That(script, Does.Contain(statement));
            // The body as the script holds it: after "->\n", up to the COMMENT line.
            var body = statement[(statement.IndexOf("->\n", StringComparison.Ordinal) + 3)..statement.LastIndexOf("\nCOMMENT = ", StringComparison.Ordinal)];
            var rendered = SqlGenerator.Body(compiled);
            Assert.That(rendered, Is.EqualTo(body));
        }
    }
}
