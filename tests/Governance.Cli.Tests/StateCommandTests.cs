using Governance.Cli;
using Governance.Examples;
using Governance.Simulation;
using Governance.Snowflake;
using Governance.State;

namespace Governance.Cli.Tests;

/// <summary>
/// <c>governance state export</c> and <c>state drift</c>: the state file of an emulated account, the connection through
/// a provider loaded from a path, errors with exit code 2, and no secret of a connection string in any output.
/// </summary>
public class StateCommandTests : CliFixture
{
    private static readonly MetadataSnapshot Mesh = AcmeExample.Mesh();

    /// <summary>A DuckDB file holding an emulated account with the Acme plan applied.</summary>
    private string AcmeAccount(bool byHand = false)
    {
        var path = Path.Combine(Dir, "acme.duckdb");
        var packs = PackSet.Create(AcmeExample.Packs());
        var result = Evaluator.Compile(packs).Evaluate(Mesh);
        using var account = new EmulatorConnection("Data Source=" + path);
        account.Open();
        account.CreateDatasets(Mesh);
        account.CreateEntitlementTables(Mesh, result);
        var statements = new[] { "CREATE DATABASE IF NOT EXISTS GOVERNANCE", "CREATE SCHEMA IF NOT EXISTS GOVERNANCE.POLICIES", "CREATE SCHEMA IF NOT EXISTS GOVERNANCE.TAGS" }
            .Concat(SnowflakePlanner.Plan(packs, Mesh, result).Operations.Select(SqlGenerator.Generate))
            .Concat(byHand ? new[] { "CREATE TAG GOVERNANCE.TAGS.COST_CENTER COMMENT = 'by hand'" } : Array.Empty<string>());
        foreach (var sql in statements)
        {
            using var command = account.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
        return path;
    }

    private static string ReadDirectly(string path)
    {
        using var account = new EmulatorConnection("Data Source=" + path);
        account.Open();
        return StateFile.Write(StateReader.ReadStateAsync(account, StateScope.For(Mesh)).GetAwaiter().GetResult());
    }

    [Test]
    public void Export_FromAnEmulatedAccount_WritesItsStateFile()
    {
        var account = AcmeAccount();
        var path = Path.Combine(Dir, "out", "state.json");
        var (code, output, err) = Run("state", "export", "--emulator", account, "--out", path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
            Assert.That(output, Is.Empty);
            Assert.That(File.ReadAllText(path), Is.EqualTo(ReadDirectly(account)));
            Assert.That(err, Does.Contain("wrote " + path));
            Assert.That(err, Does.Contain("read 3 tags, 10 masking policies, 1 row access policy, 64 policy references").And.Contain(": 0 drift findings"));
        });
        var (again, stdout, _) = Run("state", "export", "--emulator", account);
        Assert.That(again, Is.EqualTo(GovernanceCli.Ok));
        Assert.That(stdout, Is.EqualTo(File.ReadAllText(path)), "stdout without --out, the same bytes");
    }

    [Test]
    public void Export_ReportsWhatWasMadeByHand_AndDriftReadsItFromTheFile()
    {
        var account = AcmeAccount(byHand: true);
        var path = Path.Combine(Dir, "state.json");
        var (code, _, err) = Run("state", "export", "--emulator", account, "--out", path);
        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        Assert.That(err, Does.Contain("warning GOV9018 GOVERNANCE.TAGS.COST_CENTER: tag `GOVERNANCE.TAGS.COST_CENTER` in `GOVERNANCE.TAGS` has no `governance:` comment"));
        var (drift, output, summary) = Run("state", "drift", path);
        Assert.Multiple(() =>
        {
            Assert.That(drift, Is.EqualTo(GovernanceCli.Ok), summary);
            Assert.That(output, Is.EqualTo("warning GOV9018 GOVERNANCE.TAGS.COST_CENTER: tag `GOVERNANCE.TAGS.COST_CENTER` in `GOVERNANCE.TAGS` has no `governance:` comment: the tool did not make it, and never changes or drops it\n"));
            Assert.That(summary, Does.Contain("1 drift finding in 4 tags, 11 policies"));
        });
    }

    [Test]
    public void Export_OfAFreshEmulatedAccount_CreatesItWithTheDatasetsAndSchemas_AndGivesAnEmptyState()
    {
        var file = Path.Combine(Dir, "fresh.duckdb");
        var (code, output, err) = Run("state", "export", "--emulator", file);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
            Assert.That(StateFile.Read(output), Is.EqualTo(AccountState.Empty(StateScope.For(Mesh))));
            Assert.That(err, Does.Contain("read 0 tags, 0 masking policies, 0 row access policies, 0 policy references and 0 tag assignments from the emulated account"));
            Assert.That(File.Exists(file), Is.True);
        });
    }

    [TestCase(new string[0], "name one account: `--connection-string …` with `--provider-assembly PATH`, or `--emulator FILE.duckdb`")]
    [TestCase(new[] { "--connection-string", "account=x" }, "`--connection-string` needs an ADO.NET provider: give `--provider-assembly PATH`")]
    [TestCase(new[] { "--connection-string", "account=x", "--emulator", "a.duckdb" }, "name one account")]
    public void Export_WithoutOneAccount_ExitsTwo(string[] options, string expected)
    {
        var (code, _, err) = Run(new[] { "state", "export" }.Concat(options).ToArray());
        Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
        Assert.That(err, Does.Contain(expected));
    }

    [Test]
    public void Drift_OfAStateWithAMultiValueTag_ExitsOne_AndNamesTheTag()
    {
        var path = Path.Combine(Dir, "state.json");
        var (code, _, err) = Run("state", "export", "--emulator", AcmeAccount(byHand: false), "--out", path);
        Assert.That(code, Is.EqualTo(GovernanceCli.Ok), err);
        // What the file says once someone has run ALTER TAG … SET MULTI_VALUE = TRUE and PROPAGATE on the first tag.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        var tag = json["tags"]![0]!;
        tag["multiValue"] = true;
        tag["propagate"] = "ON_DEPENDENCY";
        File.WriteAllText(path, json.ToJsonString());
        var name = StateFile.ReadFile(path).Tags[0].Name;
        var (drift, output, summary) = Run("state", "drift", path);
        Assert.Multiple(() =>
        {
            Assert.That(drift, Is.EqualTo(GovernanceCli.Violations), summary);
            Assert.That(output, Is.EqualTo("error GOV9020 " + name + ": tag `" + name + "` takes several values per object (MULTI_VALUE = TRUE), and the tool's tags take one: the plan is not applied\n"
                + "warning GOV9021 " + name + ": tag `" + name + "` propagates (ON_DEPENDENCY): Snowflake also sets it, with the masking policies on it, on objects made from tagged ones, which the plan does not show\n"));
        });
    }

    [Test]
    public void Drift_OfABadStateFile_ExitsTwoWithFileLineAndPath()
    {
        var path = Path.Combine(Dir, "state.json");
        File.WriteAllText(path, "{\n  \"format\": \"governance.state/v2\"\n}\n");
        var (code, output, err) = Run("state", "drift", path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError));
            Assert.That(output, Is.Empty);
            Assert.That(err, Is.EqualTo("error GOV9017: " + path + ":2: $.format: unsupported state file format `governance.state/v2`; expected `governance.state/v1` (the file was written by another version of the tool)\n"));
        });
    }

    // ------------------------------------------------------------------------------------------------ a provider from a path

    private static string DuckDbProvider => typeof(DuckDB.NET.Data.DuckDBConnection).Assembly.Location;

    [Test]
    public void Export_ThroughAProviderLoadedFromItsPath_RunsTheQueries_AndReportsTheServersAnswer()
    {
        // DuckDB's provider is not Snowflake: it connects, and refuses the first query with its own message.
        var (code, _, err) = Run("state", "export", "--connection-string", "Data Source=:memory:", "--provider-assembly", DuckDbProvider);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError), err);
            Assert.That(err, Does.Contain("cannot read the state of the account of the connection string: `SHOW TAGS IN SCHEMA \"GOVERNANCE\".\"TAGS\"` failed: "));
        });
    }

    [Test]
    public void AConnectionThatFails_ExitsTwo_AndNoSecretOfTheConnectionStringAppears()
    {
        const string secret = "Sup3r-Secret;Pa55";
        var connection = "Data Source=" + Path.Combine(Dir, "no", "such", "dir", "x.duckdb") + ";Password=\"" + secret + "\";token=t0k3n-value";
        var (code, output, err) = Run("state", "export", "--connection-string", connection, "--provider-assembly", DuckDbProvider);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(GovernanceCli.InputError), err);
            Assert.That(err, Does.Contain("\nerror: cannot connect to the account: "));
            Assert.That(output + err, Does.Not.Contain("Sup3r").And.Not.Contain("Pa55").And.Not.Contain("t0k3n"));
        });
    }

    [TestCase("Incorrect username or password was specified: password=hunter2;", "account=acme;user=u;password=hunter2", "Incorrect username or password was specified: password=***;")]
    [TestCase("connection string `account=acme;PWD=hunter2;` rejected", "account=acme;PWD=hunter2", "connection string `account=acme;PWD=***;` rejected")]
    [TestCase("bad key file (passphrase 'a;b=c')", "account=acme;private_key_pwd=\"a;b=c\"", "bad key file (passphrase '***')")]
    [TestCase("token t0k expired", "authenticator=oauth;token=t0k", "token *** expired")]
    [TestCase("Keyword not supported: 'passwrd'", "account=acme;passwrd=hunter2", "Keyword not supported: 'passwrd'")]
    [TestCase("cannot parse `x;y=\"z`", "x;y=\"z", "cannot parse `***`")]
    public void Redact_RemovesEverySecretOfTheConnectionString(string message, string connectionString, string expected)
        => Assert.That(AccountConnection.Redact(message, connectionString), Is.EqualTo(expected));
}
