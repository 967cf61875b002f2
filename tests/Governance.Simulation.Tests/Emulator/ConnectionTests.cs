using System.Data;
using System.Data.Common;
using Governance.Simulation;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>The account behind a <see cref="DbConnection"/>: what ADO.NET code sees, persistence in a file, injected faults.</summary>
[NonParallelizable]
public sealed class ConnectionTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("governance-emulator-").FullName;

    [TearDown]
    public void DeleteDirectory()
    {
        Environment.SetEnvironmentVariable(EmulatorConnection.FailAfterVariable, null);
        Directory.Delete(_directory, recursive: true);
    }

    // Code written against DbConnection only, as the state reader and apply will be.
    private static List<string> Run(DbConnection connection, params string[] statements)
    {
        var results = new List<string>();
        foreach (var sql in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read()) results.Add(reader.IsDBNull(0) ? "NULL" : reader.GetString(0));
        }
        return results;
    }

    [Test]
    public void AnAccountInAFile_OutlivesTheConnection()
    {
        var file = Path.Combine(_directory, "account.duckdb");
        using (var first = Emulated.Account(file))
        {
            first.CreateDatasets(Small.Snapshot);
            Run(first, "CREATE TAG GOVERNANCE.TAGS.PII ALLOWED_VALUES 'email'",
                "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP AS (VAL VARCHAR) RETURNS VARCHAR -> '***'",
                "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP",
                "ALTER TABLE SALES.ORDERS.ORDERS MODIFY COLUMN CUSTOMER_EMAIL SET TAG GOVERNANCE.TAGS.PII = 'email'");
        }
        using var second = new EmulatorConnection("Data Source=" + file);
        second.Open();
        Assert.Multiple(() =>
        {
            Assert.That(Run(second, "SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('GOVERNANCE.TAGS.PII')"), Is.EqualTo(new[] { "[\"email\"]" }));
            Assert.That(Run(second, "SELECT CUSTOMER_EMAIL FROM SALES.ORDERS.ORDERS"), Has.Count.EqualTo(10).And.All.EqualTo("***"));
            Assert.That(Run(second, "SELECT POLICY_NAME FROM TABLE(INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => 'GOVERNANCE.POLICIES.MP'))"), Is.EqualTo(new[] { "MP", "MP" }));
        });
        // The datasets are created once: a second load keeps their rows.
        second.CreateDatasets(Small.Snapshot, rows: 3);
        Assert.That(Run(second, "SELECT REGION FROM SALES.ORDERS.ORDERS"), Has.Count.EqualTo(10));
    }

    [Test]
    public void ADuckDbFile_ThatIsNotAnAccount_IsRefused()
    {
        var file = Path.Combine(_directory, "other.duckdb");
        using (var duck = new DuckDB.NET.Data.DuckDBConnection("DataSource=" + file))
        {
            duck.Open();
            using var command = duck.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER)";
            command.ExecuteNonQuery();
        }
        using var connection = new EmulatorConnection("Data Source=" + file);
        var e = Assert.Throws<EmulatorException>(connection.Open);
        Assert.That(e!.Message, Does.Contain("is a DuckDB database but not an emulated account"));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
    }

    [Test]
    public void FailAfter_FailsTheNextStatement_OnceAndTransiently_WithoutRunningIt()
    {
        using var account = Emulated.Account();
        account.FailAfter = 5; // the account helper ran 4 statements
        Run(account, "CREATE TAG GOVERNANCE.TAGS.A");
        var e = Assert.Throws<EmulatorException>(() => Run(account, "CREATE TAG GOVERNANCE.TAGS.B"));
        Assert.Multiple(() =>
        {
            Assert.That(e!.IsTransient, Is.True);
            Assert.That(e.SqlState, Is.EqualTo("08006"));
            Assert.That(e.Message, Does.Contain("failed statement 6 on purpose (GOVERNANCE_EMULATOR_FAIL_AFTER=5)"));
        });
        Run(account, "CREATE TAG GOVERNANCE.TAGS.C");
        Assert.That(Run(account, "SHOW TAGS IN SCHEMA GOVERNANCE.TAGS").Count, Is.EqualTo(2), "B did not run; C did");
    }

    [Test]
    public void FailAfter_IsReadFromTheEnvironment_WhenNotSetInCode()
    {
        Environment.SetEnvironmentVariable(EmulatorConnection.FailAfterVariable, "0");
        using var connection = new EmulatorConnection("Data Source=:memory:");
        connection.Open();
        Assert.That(connection.FailAfter, Is.EqualTo(0));
        Assert.That(Assert.Throws<EmulatorException>(() => Run(connection, "SHOW TAGS IN ACCOUNT"))!.IsTransient, Is.True);
        Assert.That(Run(connection, "SHOW TAGS IN ACCOUNT"), Is.Empty);

        Environment.SetEnvironmentVariable(EmulatorConnection.FailAfterVariable, "two");
        using var bad = new EmulatorConnection("Data Source=:memory:");
        Assert.That(Assert.Throws<ArgumentException>(bad.Open)!.Message, Does.Contain("GOVERNANCE_EMULATOR_FAIL_AFTER must be a whole number").And.Contain("`two`"));
    }

    [Test]
    public void AStatementTheAccountDoesNotKnow_FailsClearly_NeverSucceedsSilently()
    {
        using var account = Emulated.Account();
        foreach (var sql in new[] { "CREATE WAREHOUSE WH", "INSERT INTO SALES.ORDERS.ORDERS VALUES (1)", "ALTER TAG GOVERNANCE.TAGS.X RENAME TO Y", "GRANT SELECT ON TABLE T TO ROLE R" })
        {
            var e = Assert.Throws<EmulatorException>(() => Run(account, sql), sql);
            Assert.That(e!.Message, Does.StartWith("the emulated account does not support").Or.StartWith("SQL compilation error"), sql);
        }
        Assert.That(Assert.Throws<EmulatorException>(() => Run(account, "CREATE TAG GOVERNANCE.TAGS.A; CREATE TAG GOVERNANCE.TAGS.B"))!.Message,
            Is.EqualTo("Actual statement count 2 did not match the desired statement count 1."));
        Assert.That(Run(account, "SHOW TAGS IN ACCOUNT"), Is.Empty, "a refused command runs none of its statements");
    }

    [Test]
    public void Parameters_AndTransactions_AreRefusedClearly()
    {
        using var account = Emulated.Account();
        using var command = account.CreateCommand();
        command.CommandText = "SHOW TAGS IN ACCOUNT";
        var parameter = command.CreateParameter();
        parameter.Value = 1;
        command.Parameters.Add(parameter);
        Assert.That(Assert.Throws<NotSupportedException>(() => command.ExecuteNonQuery())!.Message, Does.Contain("does not bind parameters"));
        Assert.That(Assert.Throws<NotSupportedException>(() => account.BeginTransaction())!.Message, Does.Contain("transactions are not emulated"));
    }

    [Test]
    public void TheSessionRole_ComesFromTheConnectionString_AndUseRole()
    {
        using var admin = Emulated.Account();
        admin.CreateDatasets(Small.Snapshot);
        Run(admin, "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP AS (VAL VARCHAR) RETURNS VARCHAR -> CASE WHEN IS_ROLE_IN_SESSION('ANALYST') THEN VAL ELSE '***' END",
            "ALTER TABLE SALES.ORDERS.ORDERS MODIFY COLUMN REGION SET MASKING POLICY GOVERNANCE.POLICIES.MP");
        Assert.Multiple(() =>
        {
            Assert.That(Run(admin, "SELECT REGION FROM SALES.ORDERS.ORDERS"), Is.All.EqualTo("***"));
            Assert.That(Run(admin, "USE ROLE PII_READER", "SELECT REGION FROM SALES.ORDERS.ORDERS"), Does.Not.Contain("***"), "PII_READER inherits ANALYST");
            Assert.That(Assert.Throws<EmulatorException>(() => Run(admin, "USE ROLE NOBODY"))!.Message, Does.Contain("Role 'NOBODY' does not exist or not authorized."));
            Assert.That(Run(admin, "SELECT CURRENT_ROLE()"), Is.EqualTo(new[] { "PII_READER" }));
        });
        using var unknown = new EmulatorConnection("Data Source=:memory:;Role=ANALYST");
        Assert.That(Assert.Throws<EmulatorException>(unknown.Open)!.Message, Does.Contain("Role 'ANALYST' does not exist"), "a fresh account has the system roles only");
    }

    [Test]
    public void Ddl_ReturnsSnowflakesStatusRow_AndAFailedStatementChangesNothing()
    {
        using var account = Emulated.Account();
        Assert.That(Run(account, "CREATE TAG GOVERNANCE.TAGS.PII"), Is.EqualTo(new[] { "Tag PII successfully created." }));
        Assert.That(Run(account, "CREATE TAG IF NOT EXISTS GOVERNANCE.TAGS.PII"), Is.EqualTo(new[] { "PII already exists, statement succeeded." }));
        Assert.That(Assert.Throws<EmulatorException>(() => Run(account, "CREATE TAG GOVERNANCE.TAGS.PII"))!.Message, Is.EqualTo("SQL compilation error:\nObject 'GOVERNANCE.TAGS.PII' already exists."));
        // Two policies of one data type in one statement: neither is set.
        Run(account, "CREATE MASKING POLICY GOVERNANCE.POLICIES.A AS (VAL VARCHAR) RETURNS VARCHAR -> '*'",
            "CREATE MASKING POLICY GOVERNANCE.POLICIES.B AS (VAL VARCHAR(10)) RETURNS VARCHAR(10) -> '*'");
        Assert.Throws<EmulatorException>(() => Run(account, "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.A, MASKING POLICY GOVERNANCE.POLICIES.B"));
        Assert.That(Run(account, "SELECT POLICY_NAME FROM TABLE(INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => 'GOVERNANCE.TAGS.PII', REF_ENTITY_DOMAIN => 'TAG'))"), Is.Empty);
    }
}
