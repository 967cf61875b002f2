using DuckDB.NET.Data;
using FsCheck;
using FsCheck.Fluent;
using Governance.Snowflake;
using Governance.Tests.Evaluation;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Simulation.Tests;

/// <summary>
/// The compiled masked expression of each text strategy, run on DuckDB through the compatibility layer, gives the
/// model's masked value (<see cref="MaskingStrategy.MaskText"/>) for every value: every length 0 … n + 2 for keepLast(n),
/// multi-byte characters, values with no, one or several <c>@</c>, the empty string and NULL.
/// </summary>
public sealed class MaskedTextAgreementTests
{
    private static DuckDBConnection Session() => Simulator.OpenSession("ANALYST", new[] { "ANALYST", "PUBLIC" }, "ALICE");

    private static readonly PolicySignature Text = PolicySignature.ForMasking(SnowflakeType.Varchar());

    /// <summary>
    /// The strategy's masked expression over <paramref name="value"/> on DuckDB, both ways a body gets there: written
    /// from the compiled expression (the simulation's) and translated from the text the script holds (the emulated
    /// account's). The two agree.
    /// </summary>
    private static string? OnDuckDb(DuckDBConnection connection, MaskingStrategy strategy, string? value)
    {
        var masked = MaskingBodies.Masked(strategy, SnowflakeType.Varchar(), Text.Ref(PolicySignature.ValueArgument));
        string? Run(string expression)
        {
            var sql = "SELECT CAST((" + expression + ") AS VARCHAR) FROM (SELECT CAST(? AS VARCHAR) AS " + DuckDbText.Identifier(PolicySignature.ValueArgument) + ")";
            using var command = Simulator.Command(connection, sql, value);
            return command.ExecuteScalar() is string s ? s : null;
        }
        var written = Run(DuckDbExpressionWriter.Body(masked).Sql);
        Assert.That(Run(SnowflakeCompatibility.Translate(SqlGenerator.Body(masked, ""))), Is.EqualTo(written), "translated from the script's text");
        return written;
    }

    [Test]
    public void KeepLast_EveryLengthUpToCountPlusTwo_AgreesWithTheModel()
    {
        using var c = Session();
        foreach (var n in Enumerable.Range(0, 6))
        {
            foreach (var mask in new[] { "*", "•", "😀" })
            {
                var strategy = new KeepLastStrategy(n, mask);
                foreach (var length in Enumerable.Range(0, n + 3))
                {
                    foreach (var letter in new[] { "a", "é", "€", "😀" })
                    {
                        var value = string.Concat(Enumerable.Range(0, length).Select(i => i % 2 == 0 ? letter : "7"));
                        Assert.That(OnDuckDb(c, strategy, value), Is.EqualTo(strategy.MaskText(value)), strategy.Describe() + " of `" + value + "`");
                    }
                }
                Assert.That(OnDuckDb(c, strategy, null), Is.Null);
            }
        }
    }

    [TestCase("ada@acme.example")]
    [TestCase("no-at-sign")]
    [TestCase("")]
    [TestCase("@acme.example")]
    [TestCase("a@b@acme.example")]
    [TestCase("é😀@€")]
    [TestCase("line\nbreak@x")]
    public void EmailDomain_AgreesWithTheModel(string value)
    {
        using var c = Session();
        Assert.That(OnDuckDb(c, EmailDomainStrategy.Instance, value), Is.EqualTo(EmailDomainStrategy.Instance.MaskText(value)));
    }

    [Property(MaxTest = 200)]
    public Property TextStrategies_OnDuckDb_GiveTheModelsValue() => Prop.ForAll(
        Arb.From(from s in Governance.Tests.Generators.PackGen.Strategy()
                 where s is RedactStrategy or KeepLastStrategy or HashStrategy or NullifyStrategy or EmailDomainStrategy
                     || s is ConstantStrategy { Value.Kind: LiteralKind.String }
                 where Writable(s)
                 from value in Gen.OrNull(MaskTextTests.Text(10))
                 select (Strategy: s, Value: value)),
        x =>
        {
            using var c = Session();
            Assert.That(OnDuckDb(c, x.Strategy, x.Value), Is.EqualTo(x.Strategy.MaskText(x.Value)), x.Strategy.Describe() + " of `" + x.Value + "`");
        });

    // A literal Snowflake can hold (no NUL, no unpaired surrogate): the others are refused before anything runs.
    private static bool Writable(MaskingStrategy s)
    {
        try
        {
            MaskingBodies.Masked(s, SnowflakeType.Varchar(), Text.Ref(PolicySignature.ValueArgument));
            return true;
        }
        catch (SnowflakeCompileException)
        {
            return false;
        }
    }
}
