using System.Data;
using Governance.Snowflake;
using Governance.State;

namespace Governance.Tests.State;

/// <summary>
/// The reader over a plain <see cref="System.Data.Common.DbConnection"/> that answers with the shapes Snowflake's
/// documentation and other tools describe — columns in another case and order, extra columns, the variants of
/// <c>options</c> and <c>REF_ARG_COLUMN_NAMES</c>, empty comments, untrimmed bodies, type synonyms — and its queries,
/// pinned.
/// </summary>
public sealed class StateReaderTests
{
    private static readonly SchemaObjectName Orders = StateTestData.Orders;

    private static StateScope Scope() => new(new SchemaName("GOVERNANCE", "POLICIES"), new SchemaName("GOVERNANCE", "TAGS"), new[] { new ScopeDataset(Orders, DatasetKind.Table) });

    private static readonly string[] Refs = StateQueries.PolicyReferenceColumns.ToArray();

    private static object?[] Ref(string policy, string kind, string entity, string domain, string? column, string? args, string? tag = null)
        => new object?[] { "GOVERNANCE", "POLICIES", policy, kind, "SALES", "ORDERS", entity, domain, column, args, tag is null ? null : "GOVERNANCE", tag is null ? null : "TAGS", tag, "ACTIVE" };

    // What a Snowflake account could answer for one tag, two masking policies (one conditional, one exempt), a row access
    // policy, and the references and tags on SALES.ORDERS.ORDERS.
    private static DataTable Answer(string q)
    {
        if (q.StartsWith("SHOW TAGS", StringComparison.Ordinal))
            return ScriptedConnection.Table(new[] { "created_on", "NAME", "database_name", "schema_name", "owner", "comment", "allowed_values", "owner_role_type", "propagate" },
                new object?[] { "2026-11-20", "PII", "GOVERNANCE", "TAGS", "ACCOUNTADMIN", "governance: personal data", "[\"email\"]", "ROLE", null },
                new object?[] { "2026-11-20", "NOTE", "GOVERNANCE", "TAGS", "SYSADMIN", "", null, "ROLE", null });
        if (q.Contains("GET_TAG_ALLOWED_VALUES", StringComparison.Ordinal))
            return ScriptedConnection.Table(new[] { "ALLOWED_VALUES" }, new object?[] { q.Contains("PII", StringComparison.Ordinal) ? "[\"email\",\"phone\",\"it's \\\"x\\\"\"]" : null });
        if (q.StartsWith("SHOW MASKING POLICIES", StringComparison.Ordinal))
            return ScriptedConnection.Table(new[] { "created_on", "name", "database_name", "schema_name", "kind", "owner", "comment", "owner_role_type", "options" },
                new object?[] { "x", "MP_CONSENT", "GOVERNANCE", "POLICIES", "MASKING_POLICY", "ACCOUNTADMIN", "governance: consent", "ROLE", "{\"EXEMPT_OTHER_POLICIES\":\"TRUE\"}" },
                new object?[] { "x", "MP_EMAIL", "GOVERNANCE", "POLICIES", "MASKING_POLICY", "ACCOUNTADMIN", "governance: email", "ROLE", "" },
                new object?[] { "x", "MP_LOWER", "GOVERNANCE", "POLICIES", "MASKING_POLICY", "ACCOUNTADMIN", "governance: lower", "ROLE", "{\"exempt_other_policies\":true}" });
        if (q.StartsWith("SHOW ROW ACCESS POLICIES", StringComparison.Ordinal))
            return ScriptedConnection.Table(new[] { "created_on", "name", "database_name", "schema_name", "kind", "owner", "comment", "options", "owner_role_type" },
                new object?[] { "x", "RAP_REGION", "GOVERNANCE", "POLICIES", "ROW_ACCESS_POLICY", "ACCOUNTADMIN", "governance: rows", null, "ROLE" });
        if (q.StartsWith("DESCRIBE MASKING POLICY", StringComparison.Ordinal))
        {
            var signature = q.Contains("MP_CONSENT", StringComparison.Ordinal) ? "(VAL STRING, COND_1 BOOLEAN)" : "(VAL VARCHAR)";
            return ScriptedConnection.Table(new[] { "name", "signature", "return_type", "body" }, new object?[] { "x", signature, "VARCHAR", "\n  CASE WHEN TRUE THEN VAL END  \n" });
        }
        if (q.StartsWith("DESCRIBE ROW ACCESS POLICY", StringComparison.Ordinal))
            return ScriptedConnection.Table(new[] { "name", "signature", "return_type", "body" }, new object?[] { "RAP_REGION", "(ARG_1 TEXT)", "BOOLEAN", "ARG_1 = 'EMEA'" });
        if (q.Contains("POLICY_REFERENCES", StringComparison.Ordinal))
        {
            var all = new[]
            {
                Ref("MP_EMAIL", "MASKING_POLICY", "ORDERS", "TABLE", "EMAIL", null),
                Ref("MP_CONSENT", "MASKING_POLICY", "ORDERS", "TABLE", "NOTE", "[ \"NOTE\", \"HAS_CONSENT\" ]"),
                Ref("RAP_REGION", "ROW_ACCESS_POLICY", "ORDERS", "TABLE", null, "REGION"),
                Ref("MP_EMAIL", "MASKING_POLICY", "ORDERS", "TABLE", "PHONE", null, "PII"),
                new object?[] { "GOVERNANCE", "POLICIES", "MP_EMAIL", "MASKING_POLICY", "GOVERNANCE", "TAGS", "PII", "TAG", null, null, null, null, null, "ACTIVE" },
                new object?[] { "SECURITY", "P", "PP_ROWS", "PROJECTION_POLICY", "SALES", "ORDERS", "ORDERS", "TABLE", "EMAIL", null, null, null, null, "ACTIVE" },
            };
            var rows = all.Where(r => q.Contains("POLICY_NAME => '\"GOVERNANCE\".\"POLICIES\".\"" + r[2] + "\"'", StringComparison.Ordinal)
                                      || (q.Contains("REF_ENTITY_DOMAIN => 'TABLE'", StringComparison.Ordinal) && (string)r[7]! == "TABLE")
                                      || (q.Contains("REF_ENTITY_DOMAIN => 'TAG'", StringComparison.Ordinal) && (string)r[7]! == "TAG" && q.Contains("\"" + r[6] + "\"'", StringComparison.Ordinal))).ToArray();
            // CREATED_ON first, as an older copy of the page documents it.
            return ScriptedConnection.Table(new[] { "CREATED_ON" }.Concat(Refs).ToArray(), rows.Select(r => new object?[] { "x" }.Concat(r).ToArray()).ToArray());
        }
        if (q.Contains("TAG_REFERENCES_ALL_COLUMNS", StringComparison.Ordinal))
            return ScriptedConnection.Table(new[] { "TAG_DATABASE", "TAG_SCHEMA", "TAG_NAME", "TAG_VALUE", "APPLY_METHOD", "LEVEL", "OBJECT_DATABASE", "OBJECT_SCHEMA", "OBJECT_NAME", "DOMAIN", "COLUMN_NAME" },
                new object?[] { "GOVERNANCE", "TAGS", "PII", "email", "MANUAL", "COLUMN", "SALES", "ORDERS", "ORDERS", "COLUMN", "EMAIL" },
                new object?[] { "GOVERNANCE", "TAGS", "PII", "phone", "INHERITED", "TABLE", "SALES", "ORDERS", "ORDERS", "COLUMN", "PHONE" },
                new object?[] { "GOVERNANCE", "TAGS", "NOTE", "x", "INHERITED", "SCHEMA", "SALES", "ORDERS", "ORDERS", "COLUMN", "PHONE" },
                new object?[] { "GOVERNANCE", "TAGS", "NOTE", "x", "INHERITED", "SCHEMA", "SALES", "ORDERS", "ORDERS", "COLUMN", "EMAIL" },
                new object?[] { "SNOWFLAKE", "CORE", "SEMANTIC_CATEGORY", "EMAIL", "CLASSIFIED", "COLUMN", "SALES", "ORDERS", "ORDERS", "COLUMN", "EMAIL" });
        throw new AssertionException("unexpected query " + q);
    }

    private static SchemaObjectName P(string name) => new("GOVERNANCE", "POLICIES", name);
    private static SchemaObjectName T(string name) => new("GOVERNANCE", "TAGS", name);

    [Test]
    public async Task ServerShapesAndSpellings_AreNormalizedIntoTheState()
    {
        var account = new ScriptedConnection(Answer);
        var state = await StateReader.ReadStateAsync(account, Scope());
        var body = "CASE WHEN TRUE THEN VAL END";
        var expected = new AccountState(Scope(),
            new[] { new TagState(T("PII"), new[] { "email", "phone", "it's \"x\"" }, "governance: personal data", "ACCOUNTADMIN"), new TagState(T("NOTE"), null, null, "SYSADMIN") },
            new[]
            {
                new PolicyState(PolicyKind.Masking, P("MP_CONSENT"), new[] { new PolicyArgumentState("VAL", "VARCHAR"), new PolicyArgumentState("COND_1", "BOOLEAN") }, "VARCHAR(16777216)", body, true, "governance: consent", "ACCOUNTADMIN"),
                new PolicyState(PolicyKind.Masking, P("MP_EMAIL"), new[] { new PolicyArgumentState("VAL", "VARCHAR") }, "VARCHAR(16777216)", body, false, "governance: email", "ACCOUNTADMIN"),
                new PolicyState(PolicyKind.Masking, P("MP_LOWER"), new[] { new PolicyArgumentState("VAL", "VARCHAR") }, "VARCHAR(16777216)", body, true, "governance: lower", "ACCOUNTADMIN"),
            },
            new[] { new PolicyState(PolicyKind.RowAccess, P("RAP_REGION"), new[] { new PolicyArgumentState("ARG_1", "VARCHAR") }, "BOOLEAN", "ARG_1 = 'EMEA'", false, "governance: rows", "ACCOUNTADMIN") },
            new[]
            {
                new ColumnMaskingReference(Orders, "TABLE", "EMAIL", P("MP_EMAIL"), Array.Empty<string>(), null, "ACTIVE"),
                new ColumnMaskingReference(Orders, "TABLE", "NOTE", P("MP_CONSENT"), new[] { "HAS_CONSENT" }, null, "ACTIVE"),
                new ColumnMaskingReference(Orders, "TABLE", "PHONE", P("MP_EMAIL"), Array.Empty<string>(), T("PII"), "ACTIVE"),
            },
            new[] { new RowAccessReference(Orders, "TABLE", P("RAP_REGION"), new[] { "REGION" }, "ACTIVE") },
            new[] { new TagMaskingReference(T("PII"), P("MP_EMAIL"), "ACTIVE") },
            new[]
            {
                new TagAssignmentState(new ColumnTarget(DatasetKind.Table, Orders, "EMAIL"), T("PII"), "email"),
                new TagAssignmentState(new DatasetTarget(DatasetKind.Table, Orders), T("PII"), "phone"),
                new TagAssignmentState(new SchemaTarget(new SchemaName("SALES", "ORDERS")), T("NOTE"), "x"),
            });
        Assert.That(state, Is.EqualTo(expected), StateFile.Write(state));
    }

    [Test]
    public async Task Queries_AreTheLiveSourcesInOrder()
    {
        var account = new ScriptedConnection(Answer);
        await StateReader.ReadStateAsync(account, Scope());
        Assert.That(account.Queries, Is.EqualTo(new[]
        {
            "SHOW TAGS IN SCHEMA \"GOVERNANCE\".\"TAGS\"",
            "SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('\"GOVERNANCE\".\"TAGS\".\"NOTE\"') AS ALLOWED_VALUES",
            "SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('\"GOVERNANCE\".\"TAGS\".\"PII\"') AS ALLOWED_VALUES",
            "SHOW MASKING POLICIES IN SCHEMA \"GOVERNANCE\".\"POLICIES\"",
            "DESCRIBE MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_CONSENT\"",
            "DESCRIBE MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_EMAIL\"",
            "DESCRIBE MASKING POLICY \"GOVERNANCE\".\"POLICIES\".\"MP_LOWER\"",
            "SHOW ROW ACCESS POLICIES IN SCHEMA \"GOVERNANCE\".\"POLICIES\"",
            "DESCRIBE ROW ACCESS POLICY \"GOVERNANCE\".\"POLICIES\".\"RAP_REGION\"",
            "SELECT POLICY_DB, POLICY_SCHEMA, POLICY_NAME, POLICY_KIND, REF_DATABASE_NAME, REF_SCHEMA_NAME, REF_ENTITY_NAME, REF_ENTITY_DOMAIN, REF_COLUMN_NAME, REF_ARG_COLUMN_NAMES, TAG_DATABASE, TAG_SCHEMA, TAG_NAME, POLICY_STATUS FROM TABLE(\"GOVERNANCE\".INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '\"GOVERNANCE\".\"POLICIES\".\"MP_CONSENT\"'))",
            "SELECT POLICY_DB, POLICY_SCHEMA, POLICY_NAME, POLICY_KIND, REF_DATABASE_NAME, REF_SCHEMA_NAME, REF_ENTITY_NAME, REF_ENTITY_DOMAIN, REF_COLUMN_NAME, REF_ARG_COLUMN_NAMES, TAG_DATABASE, TAG_SCHEMA, TAG_NAME, POLICY_STATUS FROM TABLE(\"GOVERNANCE\".INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '\"GOVERNANCE\".\"POLICIES\".\"MP_EMAIL\"'))",
            "SELECT POLICY_DB, POLICY_SCHEMA, POLICY_NAME, POLICY_KIND, REF_DATABASE_NAME, REF_SCHEMA_NAME, REF_ENTITY_NAME, REF_ENTITY_DOMAIN, REF_COLUMN_NAME, REF_ARG_COLUMN_NAMES, TAG_DATABASE, TAG_SCHEMA, TAG_NAME, POLICY_STATUS FROM TABLE(\"GOVERNANCE\".INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '\"GOVERNANCE\".\"POLICIES\".\"MP_LOWER\"'))",
            "SELECT POLICY_DB, POLICY_SCHEMA, POLICY_NAME, POLICY_KIND, REF_DATABASE_NAME, REF_SCHEMA_NAME, REF_ENTITY_NAME, REF_ENTITY_DOMAIN, REF_COLUMN_NAME, REF_ARG_COLUMN_NAMES, TAG_DATABASE, TAG_SCHEMA, TAG_NAME, POLICY_STATUS FROM TABLE(\"GOVERNANCE\".INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => '\"GOVERNANCE\".\"POLICIES\".\"RAP_REGION\"'))",
            "SELECT POLICY_DB, POLICY_SCHEMA, POLICY_NAME, POLICY_KIND, REF_DATABASE_NAME, REF_SCHEMA_NAME, REF_ENTITY_NAME, REF_ENTITY_DOMAIN, REF_COLUMN_NAME, REF_ARG_COLUMN_NAMES, TAG_DATABASE, TAG_SCHEMA, TAG_NAME, POLICY_STATUS FROM TABLE(\"GOVERNANCE\".INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => '\"GOVERNANCE\".\"TAGS\".\"NOTE\"', REF_ENTITY_DOMAIN => 'TAG'))",
            "SELECT POLICY_DB, POLICY_SCHEMA, POLICY_NAME, POLICY_KIND, REF_DATABASE_NAME, REF_SCHEMA_NAME, REF_ENTITY_NAME, REF_ENTITY_DOMAIN, REF_COLUMN_NAME, REF_ARG_COLUMN_NAMES, TAG_DATABASE, TAG_SCHEMA, TAG_NAME, POLICY_STATUS FROM TABLE(\"GOVERNANCE\".INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => '\"GOVERNANCE\".\"TAGS\".\"PII\"', REF_ENTITY_DOMAIN => 'TAG'))",
            "SELECT POLICY_DB, POLICY_SCHEMA, POLICY_NAME, POLICY_KIND, REF_DATABASE_NAME, REF_SCHEMA_NAME, REF_ENTITY_NAME, REF_ENTITY_DOMAIN, REF_COLUMN_NAME, REF_ARG_COLUMN_NAMES, TAG_DATABASE, TAG_SCHEMA, TAG_NAME, POLICY_STATUS FROM TABLE(\"SALES\".INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => '\"SALES\".\"ORDERS\".\"ORDERS\"', REF_ENTITY_DOMAIN => 'TABLE'))",
            "SELECT TAG_DATABASE, TAG_SCHEMA, TAG_NAME, TAG_VALUE, LEVEL, OBJECT_DATABASE, OBJECT_SCHEMA, OBJECT_NAME, COLUMN_NAME FROM TABLE(\"SALES\".INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('\"SALES\".\"ORDERS\".\"ORDERS\"', 'table'))",
        }));
        Assert.That(account.Queries, Has.None.Contains("ACCOUNT_USAGE"), "never the ACCOUNT_USAGE views, which lag by up to two hours");
    }

    [Test]
    public void HostileNames_AreQuotedAndEscapedThroughTheOneHelper()
    {
        var tag = new SchemaObjectName("My \"DB\"", "it's", "back\\slash\nnew line");
        var view = new SchemaObjectName("a.b", "c'd", "e\"f");
        Assert.Multiple(() =>
        {
            Assert.That(StateQueries.ShowTags(new SchemaName("My \"DB\"", "it's")), Is.EqualTo("SHOW TAGS IN SCHEMA \"My \"\"DB\"\"\".\"it's\""));
            Assert.That(StateQueries.TagAllowedValues(tag),
                Is.EqualTo("SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('\"My \"\"DB\"\"\".\"it\\'s\".\"back\\\\slash\\nnew line\"') AS ALLOWED_VALUES"));
            Assert.That(StateQueries.DescribePolicy(PolicyKind.RowAccess, view), Is.EqualTo("DESCRIBE ROW ACCESS POLICY \"a.b\".\"c'd\".\"e\"\"f\""));
            Assert.That(StateQueries.PolicyReferencesOfEntity(view, "VIEW"), Does.EndWith(
                "FROM TABLE(\"a.b\".INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => '\"a.b\".\"c\\'d\".\"e\"\"f\"', REF_ENTITY_DOMAIN => 'VIEW'))"));
            Assert.That(StateQueries.TagReferencesAllColumns(view), Does.EndWith("FROM TABLE(\"a.b\".INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('\"a.b\".\"c\\'d\".\"e\"\"f\"', 'table'))"));
        });
    }

    [Test]
    public void AFailingQuery_IsReportedWithTheQueryAndTheServersMessage()
    {
        var account = new ScriptedConnection(q => q.StartsWith("SHOW MASKING", StringComparison.Ordinal)
            ? throw new FakeServerException("SQL compilation error:\nSchema 'GOVERNANCE.POLICIES' does not exist or not authorized.")
            : Answer(q));
        var e = Assert.ThrowsAsync<StateReadException>(() => StateReader.ReadStateAsync(account, Scope()))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.Query, Is.EqualTo("SHOW MASKING POLICIES IN SCHEMA \"GOVERNANCE\".\"POLICIES\""));
            Assert.That(e.Message, Is.EqualTo("`SHOW MASKING POLICIES IN SCHEMA \"GOVERNANCE\".\"POLICIES\"` failed: SQL compilation error:\nSchema 'GOVERNANCE.POLICIES' does not exist or not authorized."));
        });
    }

    [Test]
    public void AResultWithoutADocumentedColumn_IsReported()
    {
        var account = new ScriptedConnection(q => q.StartsWith("DESCRIBE", StringComparison.Ordinal)
            ? ScriptedConnection.Table(new[] { "name", "signature", "return_type" }, new object?[] { "x", "(VAL VARCHAR)", "VARCHAR" })
            : Answer(q));
        var e = Assert.ThrowsAsync<StateReadException>(() => StateReader.ReadStateAsync(account, Scope()))!;
        Assert.That(e.Message, Does.Contain("has no column `body`; it has `name`, `signature`, `return_type`"));
    }

    [TestCase("options", "{EXEMPT", "expected a JSON object, like {\"EXEMPT_OTHER_POLICIES\":true}, or nothing")]
    [TestCase("signature", "VAL VARCHAR,", "expected `(NAME TYPE, …)`")]
    [TestCase("allowed", "[\"email\", 1]", "expected a JSON array of strings")]
    public void AValueOfAnotherShape_IsReported(string which, string value, string expected)
    {
        var account = new ScriptedConnection(q =>
        {
            var t = Answer(q);
            if (which == "options" && q.StartsWith("SHOW MASKING", StringComparison.Ordinal)) t.Rows[0]["options"] = value;
            if (which == "signature" && q.StartsWith("DESCRIBE MASKING", StringComparison.Ordinal)) t.Rows[0]["signature"] = value;
            if (which == "allowed" && q.Contains("GET_TAG_ALLOWED_VALUES", StringComparison.Ordinal)) t.Rows[0][0] = value;
            return t;
        });
        var e = Assert.ThrowsAsync<StateReadException>(() => StateReader.ReadStateAsync(account, Scope()))!;
        Assert.That(e.Message, Does.Contain(expected));
    }

    // SHOW TAGS of an account with the 2026_03 bundle's columns (BCR 2291: on_conflict, multi_value) beside propagate.
    private static DataTable NewerTags(string multiValue, string? propagate)
        => ScriptedConnection.Table(new[] { "created_on", "name", "database_name", "schema_name", "owner", "comment", "allowed_values", "owner_role_type", "propagate", "on_conflict", "multi_value" },
            new object?[] { "2026-11-20", "PII", "GOVERNANCE", "TAGS", "ACCOUNTADMIN", "governance: personal data", "[\"email\"]", "ROLE", propagate, null, multiValue },
            new object?[] { "2026-11-20", "NOTE", "GOVERNANCE", "TAGS", "SYSADMIN", "", null, "ROLE", null, null, "false" });

    [TestCase("true", "ON_DEPENDENCY", true)]
    [TestCase("TRUE", null, true)]
    [TestCase("False", " ", false)]
    public async Task MultiValueAndPropagation_AreRead_WhereTheAccountReportsThem(string multiValue, string? propagate, bool expected)
    {
        var account = new ScriptedConnection(q => q.StartsWith("SHOW TAGS", StringComparison.Ordinal) ? NewerTags(multiValue, propagate) : Answer(q));
        var state = await StateReader.ReadStateAsync(account, Scope());
        var pii = state.FindTag(T("PII"))!;
        Assert.Multiple(() =>
        {
            Assert.That(pii.MultiValue, Is.EqualTo(expected));
            Assert.That(pii.Propagate, Is.EqualTo(string.IsNullOrWhiteSpace(propagate) ? null : propagate));
            Assert.That(state.FindTag(T("NOTE"))!.MultiValue, Is.False);
            Assert.That(StateFile.Read(StateFile.Write(state)), Is.EqualTo(state), "the state file keeps both");
        });
    }

    [Test]
    public async Task AnAccountWithoutTheNewerColumns_HasSingleValueTagsThatDoNotPropagate()
    {
        var state = await StateReader.ReadStateAsync(new ScriptedConnection(Answer), Scope());
        Assert.That(state.Tags.Select(t => (t.MultiValue, t.Propagate)), Is.All.EqualTo((false, (string?)null)));
    }

    [Test]
    public void AMultiValueFlagOfAnotherShape_IsReported()
    {
        var account = new ScriptedConnection(q => q.StartsWith("SHOW TAGS", StringComparison.Ordinal) ? NewerTags("maybe", null) : Answer(q));
        var e = Assert.ThrowsAsync<StateReadException>(() => StateReader.ReadStateAsync(account, Scope()))!;
        Assert.That(e.Message, Does.Contain("returned multi_value `maybe`; expected true or false"));
    }

    [Test]
    public void ClosedConnection_IsRefused()
    {
        var account = new ScriptedConnection(Answer);
        account.Close();
        Assert.ThrowsAsync<InvalidOperationException>(() => StateReader.ReadStateAsync(account, Scope()));
    }

    [Test]
    public void Cancellation_StopsTheRead()
    {
        using var cancel = new CancellationTokenSource();
        var account = new ScriptedConnection(q =>
        {
            cancel.Cancel();
            return Answer(q);
        });
        Assert.That(() => StateReader.ReadStateAsync(account, Scope(), cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(account.Queries, Has.Count.EqualTo(1));
    }

    [Test]
    public void TheLibrary_ReferencesNoDatabaseDriver()
    {
        var references = typeof(StateReader).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references, Has.None.StartsWith("Snowflake").And.None.StartsWith("DuckDB").And.None.StartsWith("Governance.Simulation"));
        Assert.That(references, Does.Contain("System.Data.Common"), "the reader speaks ADO.NET, whatever the provider");
    }
}
