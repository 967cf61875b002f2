using System.Text.Json;
using Governance.Cli;
using Governance.Examples;
using Governance.Simulation;

namespace Governance.Cli.Tests;

/// <summary>
/// <c>governance plan … --emulator | --state</c> and <c>governance apply</c>: the issue's "done when" scenario end to end
/// through the CLI on a fresh emulated account, the plan's formats and exit codes, confirmation, a run broken half-way
/// and run again, and no secret of a connection string in any output.
/// </summary>
public sealed class DeployCommandTests : CliFixture
{
    /// <summary>The example's files (v1), and the same packs with GLOBAL_ANALYST added to the readers of e-mail addresses (v2).</summary>
    private (string[] V1, string[] V2) Versions()
    {
        ExampleFiles();
        var v1 = ExampleInputs().ToArray();
        var v2Dir = Path.Combine(Dir, "v2");
        Directory.CreateDirectory(v2Dir);
        var v2 = Directory.GetFiles(Dir, "*.snapshot.json").OrderBy(f => f, StringComparer.Ordinal).ToList();
        foreach (var pack in AcmeExample.PacksWithEmailReader(AcmeGlobalPackNext.NewEmailReader))
        {
            var file = Path.Combine(v2Dir, pack.Name + ".rulepack.json");
            File.WriteAllText(file, ManifestCodec.Write(pack));
            v2.Add("--pack");
            v2.Add(file);
        }
        return (v1, v2.ToArray());
    }

    /// <summary>The command (<paramref name="args"/>' first element, words separated by spaces), the inputs, then the rest.</summary>
    private static string[] With(string[] inputs, params string[] args) => args[0].Split(' ').Concat(inputs).Concat(args.Skip(1)).ToArray();

    /// <summary>What GLOBAL_ANALYST reads of SALES.CUSTOMERS.CUSTOMERS.CUSTOMER_EMAIL in the emulated account.</summary>
    private static List<string?> Emails(string[] inputs, string account)
    {
        var (code, output, err) = Run(With(inputs, "simulate", "--role", AcmeGlobalPackNext.NewEmailReader, "--product", "sales/customers", "--format", "json", "--emulator", account));
        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        var customers = JsonDocument.Parse(output).RootElement.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("target").GetString() == "SALES.CUSTOMERS.CUSTOMERS");
        var index = customers.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).ToList().IndexOf("CUSTOMER_EMAIL");
        return customers.GetProperty("rows").EnumerateArray().Select(r => r[index].GetString()).ToList();
    }

    [Test]
    public void DoneWhen_ApplyThenNothingToDo_ARevealRoleIsOneSetBody_AndSimulateShowsIt()
    {
        var (v1, v2) = Versions();
        var account = Path.Combine(Dir, "acme.duckdb");

        var (applied, appliedOut, appliedErr) = Run(With(v1, "apply", "--emulator", account, "--yes"));
        Assert.Multiple(() =>
        {
            Assert.That(applied, Is.EqualTo(GovernanceCli.Ok), appliedErr);
            Assert.That(appliedOut, Does.Contain("  + masking policy GOVERNANCE.POLICIES.MP_MASK_EMAIL_TEXT\n").And.Contain("\nPlan: 78 to create, 0 to change, 0 to replace, 0 to remove.\n"));
            Assert.That(appliedErr, Does.Contain("[1/79] ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;\n").And.Contain("applied 79 statements to the emulated account"));
        });

        var (again, againOut, againErr) = Run(With(v1, "plan", "--emulator", account));
        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(GovernanceCli.Ok), againErr);
            Assert.That(againOut, Is.EqualTo("No changes: the account matches the rule packs.\n"));
            Assert.That(againErr, Does.EndWith(": nothing to do\n"));
        });

        var (changed, changedOut, changedErr) = Run(With(v2, "plan", "--emulator", account));
        Assert.Multiple(() =>
        {
            Assert.That(changed, Is.EqualTo(GovernanceCli.Violations), changedErr);
            Assert.That(changedOut, Is.EqualTo("  ~ masking policy GOVERNANCE.POLICIES.MP_MASK_EMAIL_TEXT (body)\n\nPlan: 0 to create, 1 to change, 0 to replace, 0 to remove.\n"));
        });
        var (_, json, _) = Run(With(v2, "plan", "--emulator", account, "--format", "json"));
        var change = JsonDocument.Parse(json).RootElement.GetProperty("changes").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(change.GetProperty("action").GetString(), Is.EqualTo("change"));
            Assert.That(change.GetProperty("kind").GetString(), Is.EqualTo("masking policy"));
            Assert.That(change.GetProperty("statements").EnumerateArray().Single().GetString(),
                Does.StartWith("ALTER MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_MASK_EMAIL_TEXT\" SET BODY ->\n").And.Contain("IS_ROLE_IN_SESSION('GLOBAL_ANALYST')"));
        });

        var before = Emails(v2, account);
        var (second, _, secondErr) = Run(With(v2, "apply", "--emulator", account, "--yes"));
        var after = Emails(v2, account);
        var (last, lastOut, _) = Run(With(v2, "plan", "--emulator", account));
        Assert.Multiple(() =>
        {
            Assert.That(second, Is.EqualTo(GovernanceCli.Ok), secondErr);
            Assert.That(secondErr, Does.Contain("[2/2] ALTER MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_MASK_EMAIL_TEXT\" SET BODY ->\n"));
            Assert.That(before, Is.Not.Empty.And.All.StartWith("*****@"));
            Assert.That(after, Has.None.StartWith("*****@").And.All.Contain("@"));
            Assert.That((last, lastOut), Is.EqualTo((GovernanceCli.Ok, "No changes: the account matches the rule packs.\n")));
        });
    }

    [Test]
    public void DoneWhen_ARunBrokenHalfWay_AndRunAgain_EndsInTheStateOfAnUnbrokenOne()
    {
        var (v1, _) = Versions();
        var unbroken = Path.Combine(Dir, "unbroken.duckdb");
        var broken = Path.Combine(Dir, "broken.duckdb");
        Assert.That(Run(With(v1, "apply", "--emulator", unbroken, "--yes")).Code, Is.EqualTo(GovernanceCli.Ok));

        // Reading the state of a fresh account takes about 75 statements and apply reads it twice: the 191st statement is a DDL one.
        (int Code, string Out, string Err) failed;
        Environment.SetEnvironmentVariable(EmulatorConnection.FailAfterVariable, "190");
        try
        {
            failed = Run(With(v1, "apply", "--emulator", broken, "--yes"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(EmulatorConnection.FailAfterVariable, null);
        }
        var (rerun, _, rerunErr) = Run(With(v1, "apply", "--emulator", broken, "--yes"));
        var (_, unbrokenState, _) = Run(With(v1, "state export", "--emulator", unbroken));
        var (_, brokenState, _) = Run(With(v1, "state export", "--emulator", broken));
        Assert.Multiple(() =>
        {
            Assert.That(failed.Code, Is.EqualTo(GovernanceCli.Violations), failed.Err);
            Assert.That(failed.Err, Does.Match(@"error: statement ([2-9]|[1-7]\d) of 79 failed:\n").And.Contain("the server says: connection lost: the emulated account failed statement 191 on purpose")
                .And.Contain("run `governance apply` again to finish"));
            Assert.That(rerun, Is.EqualTo(GovernanceCli.Ok), rerunErr);
            Assert.That(rerunErr, Does.Not.Contain("[1/79]"), "the rerun plans only what is left");
            Assert.That(brokenState, Is.EqualTo(unbrokenState).And.Contain("\"format\": \"governance.state/v1\""));
        });
    }

    [Test]
    public void Plan_AgainstAStateFile_GivesTheSameChangeAsAgainstTheAccount_InEachFormat()
    {
        var (v1, v2) = Versions();
        var account = Path.Combine(Dir, "acme.duckdb");
        Assert.That(Run(With(v1, "apply", "--emulator", account, "--yes")).Code, Is.EqualTo(GovernanceCli.Ok));
        var state = Path.Combine(Dir, "acme.state.json");
        Assert.That(Run(With(v1, "state export", "--emulator", account, "--out", state)).Code, Is.EqualTo(GovernanceCli.Ok));
        foreach (var format in new[] { "text", "sql", "json" })
        {
            var fromFile = Run(With(v2, "plan", "--state", state, "--format", format));
            var fromAccount = Run(With(v2, "plan", "--emulator", account, "--format", format));
            Assert.Multiple(() =>
            {
                Assert.That(fromFile.Code, Is.EqualTo(GovernanceCli.Violations), fromFile.Err);
                Assert.That(fromFile.Out, Is.EqualTo(fromAccount.Out), format);
            });
        }
        var (_, sql, _) = Run(With(v2, "plan", "--state", state, "--format", "sql"));
        Assert.That(sql, Does.StartWith("-- Snowflake governance change").And.Contain("\nALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE;\n\nALTER MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_MASK_EMAIL_TEXT\" SET BODY ->\n"));
    }

    [Test]
    public void Plan_WithAStateFileOfAnotherVersion_ExitsTwo_NamingTheFileAndWhatWasExpected()
    {
        ExampleFiles();
        var state = Path.Combine(Dir, "old.state.json");
        File.WriteAllText(state, "{\n  \"format\": \"governance.state/v0\"\n}\n");
        var (code, output, err) = Run(With(ExampleInputs().ToArray(), "plan", "--state", state));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError), err);
            Assert.That(output, Is.Empty);
            Assert.That(err, Does.Contain("error GOV9017: ").And.Contain("old.state.json").And.Contain("governance.state/v1"));
        });
    }

    [Test]
    public void Plan_FormatWithoutAnAccount_IsAnInputError_AndThePlainPlanIsTheFirstDeployScript()
    {
        var (code, _, err) = Run("plan", "--format", "json");
        var (plain, script, _) = Run("plan");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Does.Contain("error: `--format` goes with `--state`, `--emulator` or `--connection-string`"));
            Assert.That(script, Does.Contain("\n-- Snowflake governance plan, generated by `governance plan`"));
            Assert.That(plain, Is.Not.EqualTo(GovernanceCli.InputError));
        });
    }

    [Test]
    public void Apply_WithoutYes_AsksFirst_AndAnythingButYesChangesNothing()
    {
        var account = Path.Combine(Dir, "acme.duckdb");
        var input = Console.In;
        (int Code, string Out, string Err) declined;
        try
        {
            Console.SetIn(new StringReader("y\n"));
            declined = Run("apply", "--emulator", account);
        }
        finally
        {
            Console.SetIn(input);
        }
        var (_, plan, _) = Run("plan", "--emulator", account);
        Assert.Multiple(() =>
        {
            Assert.That(declined.Code, Is.EqualTo(GovernanceCli.Violations));
            Assert.That(declined.Err, Does.Contain("Apply 78 changes (79 statements) to the emulated account `" + account + "`? Only `yes` is accepted: apply cancelled: nothing was changed\n"));
            Assert.That(plan, Does.EndWith("Plan: 78 to create, 0 to change, 0 to replace, 0 to remove.\n"));
        });
    }

    [Test]
    public void Apply_WithoutAnAccount_ExitsTwo_SayingHowToNameOne()
    {
        var (code, _, err) = Run("apply", "--yes");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(err, Does.Contain("error: name the account: `--emulator FILE.duckdb`, or `--connection-string …` (or the GOVERNANCE_CONNECTION environment variable) with `--provider-assembly PATH`"));
        });
    }

    // ------------------------------------------------------------------------------------------------ secrets

    private static string DuckDbProvider => typeof(DuckDB.NET.Data.DuckDBConnection).Assembly.Location;

    [TestCase("plan")]
    [TestCase("apply")]
    public void AFailingConnection_FromTheOptionOrTheEnvironment_ExitsTwo_AndNoSecretAppears(string verb)
    {
        const string secret = "Sup3r-Secret;Pa55";
        var connection = "Data Source=" + Path.Combine(Dir, "no", "such", "dir", "x.duckdb") + ";Password=\"" + secret + "\";token=t0k3n-value";
        var extra = verb == "apply" ? new[] { "--yes" } : Array.Empty<string>();
        var fromOption = Run(new[] { verb, "--connection-string", connection, "--provider-assembly", DuckDbProvider }.Concat(extra).ToArray());
        (int Code, string Out, string Err) fromEnvironment;
        Environment.SetEnvironmentVariable(AccountOptions.ConnectionVariable, connection);
        try
        {
            fromEnvironment = Run(new[] { verb, "--provider-assembly", DuckDbProvider }.Concat(extra).ToArray());
        }
        finally
        {
            Environment.SetEnvironmentVariable(AccountOptions.ConnectionVariable, null);
        }
        Assert.Multiple(() =>
        {
            foreach (var (code, output, err) in new[] { fromOption, fromEnvironment })
            {
                Assert.That(code, Is.EqualTo(GovernanceCli.InputError), err);
                Assert.That(err, Does.Contain("\nerror: cannot connect to the account: "));
                Assert.That(output + err, Does.Not.Contain("Sup3r").And.Not.Contain("Pa55").And.Not.Contain("t0k3n"));
            }
        });
    }

    [Test]
    public void Apply_AgainstAProviderThatIsNotSnowflake_ReportsTheServersAnswer_WithoutTheSecret()
    {
        var (code, output, err) = Run("apply", "--connection-string", "Data Source=:memory:;password=hunter2", "--provider-assembly", DuckDbProvider, "--yes");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError), err);
            Assert.That(output + err, Does.Not.Contain("hunter2"));
        });
    }
}
