using Governance.Cli;
using Governance.Examples;

namespace Governance.Cli.Tests;

/// <summary>
/// The acceptance suite against a real Snowflake account: the same apply and plan scenarios as the emulated account's,
/// through the CLI and an ADO.NET provider loaded from its path. It runs when <c>GOVERNANCE_SNOWFLAKE_CONNECTION</c> (a
/// connection string) and <c>GOVERNANCE_SNOWFLAKE_PROVIDER</c> (the path of <c>Snowflake.Data.dll</c>) are set, and is
/// skipped otherwise, saying so. The account must hold the Acme example's datasets and the GOVERNANCE database with its
/// POLICIES and TAGS schemas (docs/deploy.md, "Against Snowflake"); the suite leaves it with the example's packs applied.
/// </summary>
[Category("Live")]
public sealed class LiveSnowflakeTests : CliFixture
{
    public const string ConnectionVariable = "GOVERNANCE_SNOWFLAKE_CONNECTION";
    public const string ProviderVariable = "GOVERNANCE_SNOWFLAKE_PROVIDER";

    private static (string Connection, string Provider) Account()
    {
        var connection = Environment.GetEnvironmentVariable(ConnectionVariable);
        var provider = Environment.GetEnvironmentVariable(ProviderVariable);
        if (string.IsNullOrEmpty(connection) || string.IsNullOrEmpty(provider))
            Assert.Ignore("the live Snowflake acceptance suite is skipped: set " + ConnectionVariable + " (an ADO.NET connection string) and " + ProviderVariable
                + " (the path of Snowflake.Data.dll) to run it against a real account");
        return (connection!, provider!);
    }

    private (string[] V1, string[] V2) Packs()
    {
        ExampleFiles();
        var v1 = ExampleInputs().ToArray();
        var v2 = Directory.GetFiles(Dir, "*.snapshot.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(Path.Combine(Dir, "v2"));
        foreach (var pack in AcmeExample.PacksWithEmailReader(AcmeGlobalPackNext.NewEmailReader))
        {
            var file = Path.Combine(Dir, "v2", pack.Name + ".rulepack.json");
            File.WriteAllText(file, ManifestCodec.Write(pack));
            v2.Add("--pack");
            v2.Add(file);
        }
        return (v1, v2.ToArray());
    }

    private static (int Code, string Out, string Err) On((string Connection, string Provider) account, string verb, string[] inputs, params string[] more)
        => Run(new[] { verb }.Concat(inputs).Concat(new[] { "--connection-string", account.Connection, "--provider-assembly", account.Provider }).Concat(more).ToArray());

    [Test]
    public void Apply_ThenTheSecondPlanIsEmpty_AndNoSecretAppears()
    {
        var account = Account();
        var (v1, _) = Packs();
        var applied = On(account, "apply", v1, "--yes");
        var plan = On(account, "plan", v1);
        Assert.Multiple(() =>
        {
            Assert.That(applied.Code, Is.EqualTo(GovernanceCli.Ok), applied.Err);
            Assert.That((plan.Code, plan.Out), Is.EqualTo((GovernanceCli.Ok, "No changes: the account matches the rule packs.\n")), plan.Err);
            foreach (var secret in SecretsOf(account.Connection))
                Assert.That(applied.Out + applied.Err + plan.Out + plan.Err, Does.Not.Contain(secret));
        });
    }

    [Test]
    public void ANewRevealRole_IsOneSetBody_AppliedThenEmpty()
    {
        var account = Account();
        var (v1, v2) = Packs();
        Assert.That(On(account, "apply", v1, "--yes").Code, Is.EqualTo(GovernanceCli.Ok));
        try
        {
            var plan = On(account, "plan", v2, "--format", "sql");
            var applied = On(account, "apply", v2, "--yes");
            var after = On(account, "plan", v2);
            Assert.Multiple(() =>
            {
                Assert.That(plan.Code, Is.EqualTo(GovernanceCli.Violations), plan.Err);
                Assert.That(plan.Out, Does.Contain("ALTER MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_MASK_EMAIL_TEXT\" SET BODY ->"));
                Assert.That(applied.Code, Is.EqualTo(GovernanceCli.Ok), applied.Err);
                Assert.That(after.Code, Is.EqualTo(GovernanceCli.Ok), after.Out + after.Err);
            });
        }
        finally
        {
            On(account, "apply", v1, "--yes");
        }
    }

    [Test]
    public void AStateExported_PlansAsTheAccountDoes()
    {
        var account = Account();
        var (v1, v2) = Packs();
        var state = Path.Combine(Dir, "live.state.json");
        Assert.That(Run(new[] { "state", "export" }.Concat(v1).Concat(new[] { "--connection-string", account.Connection, "--provider-assembly", account.Provider, "--out", state }).ToArray()).Code,
            Is.EqualTo(GovernanceCli.Ok));
        var fromFile = Run(new[] { "plan" }.Concat(v2).Concat(new[] { "--state", state, "--format", "json" }).ToArray());
        var fromAccount = On(account, "plan", v2, "--format", "json");
        Assert.That(fromFile.Out, Is.EqualTo(fromAccount.Out));
    }

    private static IEnumerable<string> SecretsOf(string connection)
    {
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        foreach (string key in builder.Keys)
        {
            var k = key.ToLowerInvariant();
            if ((k.Contains("password", StringComparison.Ordinal) || k.Contains("token", StringComparison.Ordinal) || k.Contains("passcode", StringComparison.Ordinal) || k.Contains("private_key", StringComparison.Ordinal))
                && builder[key] is string value && value.Length > 3)
                yield return value;
        }
    }
}
