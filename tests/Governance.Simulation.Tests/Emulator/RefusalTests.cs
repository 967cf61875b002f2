using Governance.Simulation;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>
/// Snowflake's documented refusals, each enforced by the emulated account. Every test quotes the documentation sentence
/// the refusal comes from (docs.snowflake.com, the page named before the quote), checks the refusal and its message, and
/// checks that the refused statement changed nothing.
/// </summary>
public sealed class RefusalTests
{
    private const string Table = "SALES.ORDERS.ORDERS";

    private static string MaskingOf(EmulatorConnection account, string column)
    {
        var rows = Emulated.Records(account, "SELECT POLICY_NAME FROM TABLE(GOVERNANCE.INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => '" + Table + "', REF_ENTITY_DOMAIN => 'table')) "
            + "WHERE REF_COLUMN_NAME = '" + column + "'");
        return string.Join(",", rows.Select(r => r["POLICY_NAME"]));
    }

    /// <summary>sql/alter-table (usage notes): "A table or view can only be protected by one row access policy at a time."</summary>
    [Test]
    public void SecondRowAccessPolicy_OnATable_IsRefused_TheSwapIsNot()
    {
        const string quote = "A table or view can only be protected by one row access policy at a time.";
        using var account = Small.Account();
        Emulated.Execute(account, "CREATE ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_OTHER AS (R VARCHAR) RETURNS BOOLEAN -> TRUE");
        Emulated.Execute(account, "ALTER TABLE " + Table + " ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION ON (REGION)");
        var e = Emulated.Refused(account, "ALTER TABLE " + Table + " ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_OTHER ON (REGION)");
        Assert.That(e.Message, Does.Contain("can only be protected by one row access policy at a time"), quote);

        Emulated.Execute(account, "ALTER TABLE " + Table + " DROP ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION, ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_OTHER ON (REGION)");
        var rows = Emulated.Records(account, "SELECT * FROM TABLE(GOVERNANCE.INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => '" + Table + "', REF_ENTITY_DOMAIN => 'TABLE'))");
        Assert.That(rows.Select(r => (r["POLICY_NAME"], r["POLICY_KIND"], r["REF_ARG_COLUMN_NAMES"])), Is.EqualTo(new[] { ("RAP_OTHER", "ROW_ACCESS_POLICY", "[\"REGION\"]") }));
    }

    /// <summary>
    /// sql/alter-table (FORCE): "Replaces a masking or projection policy that is currently set on a column with a
    /// different policy in a single statement." Without it Snowflake answers error 003529 (Terraform provider PR #2186).
    /// </summary>
    [Test]
    public void SetMaskingPolicy_OnAMaskedColumn_WithoutForce_IsRefused_WithForce_Replaced()
    {
        const string quote = "Replaces a masking or projection policy that is currently set on a column with a different policy in a single statement.";
        using var account = Small.Account();
        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        var e = Emulated.Refused(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT_2");
        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.StartWith("Specified column already attached to another masking policy."), quote);
            Assert.That(e.ErrorCode, Is.EqualTo(3529));
            Assert.That(MaskingOf(account, "CUSTOMER_EMAIL"), Is.EqualTo("MP_TEXT"));
        });
        Emulated.Execute(account, "ALTER TABLE " + Table + " ALTER COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT_2 FORCE");
        Assert.That(MaskingOf(account, "CUSTOMER_EMAIL"), Is.EqualTo("MP_TEXT_2"));
    }

    /// <summary>
    /// sql/alter-table (FORCE): "Note that using the FORCE keyword with a masking policy requires the data type of the
    /// policy in the ALTER TABLE statement (i.e. STRING) to match the data type of the masking policy currently set on
    /// the column (i.e. STRING)."
    /// </summary>
    [Test]
    public void Force_AcrossDataTypes_IsRefused()
    {
        const string quote = "using the FORCE keyword with a masking policy requires the data type of the policy in the ALTER TABLE statement (i.e. STRING) "
            + "to match the data type of the masking policy currently set on the column";
        using var account = Small.Account();
        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        var e = Emulated.Refused(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_NUMBER FORCE");
        Assert.That(e.Message, Does.Contain("FORCE requires the data type of masking policy MP_NUMBER (NUMBER) to match the data type of masking policy MP_TEXT"), quote);
        Assert.That(MaskingOf(account, "CUSTOMER_EMAIL"), Is.EqualTo("MP_TEXT"));
    }

    /// <summary>
    /// sql/drop-masking-policy: "A masking policy cannot be dropped successfully if it is currently assigned to a column
    /// or a tag." sql/drop-row-access-policy: "A row access policy cannot be dropped successfully if it is currently
    /// attached to a resource." CREATE OR REPLACE fails the same way, with the message public issues report.
    /// </summary>
    [Test]
    public void DroppingOrReplacingAnAttachedPolicy_IsRefused()
    {
        const string quote = "A masking policy cannot be dropped successfully if it is currently assigned to a column or a tag.";
        using var account = Small.Account();
        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP_NUMBER");
        Emulated.Execute(account, "ALTER TABLE " + Table + " ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION ON (REGION)");
        foreach (var sql in new[]
                 {
                     "DROP MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT",
                     "DROP MASKING POLICY IF EXISTS GOVERNANCE.POLICIES.MP_NUMBER",
                     "DROP ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION",
                     "CREATE OR REPLACE MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT AS (VAL VARCHAR) RETURNS VARCHAR -> NULL",
                     "CREATE OR REPLACE ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION AS (R VARCHAR) RETURNS BOOLEAN -> FALSE",
                 })
        {
            Assert.That(Emulated.Refused(account, sql).Message, Does.Match("Policy (MP_TEXT|MP_NUMBER|RAP_REGION) cannot be dropped/replaced as it is associated with one or more entities\\."), quote + "\n" + sql);
        }
        Assert.That(Emulated.Records(account, "DESCRIBE MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT")[0]["body"], Does.StartWith("CASE WHEN"));

        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL UNSET MASKING POLICY");
        Emulated.Execute(account, "DROP MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Assert.That(Emulated.Query(account, "SHOW MASKING POLICIES LIKE 'MP_TEXT' IN SCHEMA GOVERNANCE.POLICIES").Rows, Is.Empty);
    }

    /// <summary>
    /// sql/alter-tag (usage notes): "A tag cannot be dropped if a masking policy is assigned to the tag, nor can the
    /// masking policy be dropped if the masking policy is assigned to a tag."
    /// </summary>
    [Test]
    public void DroppingATag_ThatHasAMaskingPolicy_IsRefused()
    {
        const string quote = "A tag cannot be dropped if a masking policy is assigned to the tag";
        using var account = Small.Account();
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Assert.That(Emulated.Refused(account, "DROP TAG GOVERNANCE.TAGS.PII").Message, Does.Contain("cannot be dropped"), quote);
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.PII UNSET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Emulated.Execute(account, "DROP TAG GOVERNANCE.TAGS.PII");
        Assert.That(Emulated.Query(account, "SHOW TAGS IN SCHEMA GOVERNANCE.TAGS").Rows, Is.Empty);
    }

    /// <summary>
    /// user-guide/tag-based-masking-policies (limitations): "A tag can support one masking policy for each data type.
    /// For example, if a tag already has a masking policy for the NUMBER data type, you cannot assign another masking
    /// policy with the NUMBER data type to the same tag." A data type here is NUMBER whatever its precision.
    /// </summary>
    [Test]
    public void TwoMaskingPoliciesOfOneDataType_OnATag_AreRefused_ForceReplaces()
    {
        const string quote = "if a tag already has a masking policy for the NUMBER data type, you cannot assign another masking policy with the NUMBER data type to the same tag.";
        using var account = Small.Account();
        Emulated.Execute(account, "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_AMOUNT AS (VAL NUMBER(12,2)) RETURNS NUMBER(12,2) -> 0");
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP_NUMBER, MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Assert.Multiple(() =>
        {
            Assert.That(Emulated.Refused(account, "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP_AMOUNT").Message,
                Does.Contain("a tag can support one masking policy for each data type"), quote);
            Assert.That(Emulated.Refused(account, "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT_2, MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT FORCE").Message,
                Does.Contain("one masking policy for each data type"), quote);
        });
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP_AMOUNT FORCE");
        var onTag = Emulated.Records(account, "SELECT POLICY_NAME FROM TABLE(GOVERNANCE.INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => 'GOVERNANCE.TAGS.PII', REF_ENTITY_DOMAIN => 'TAG'))");
        Assert.That(onTag.Select(r => r["POLICY_NAME"]), Is.EquivalentTo(new[] { "MP_AMOUNT", "MP_TEXT" }));
    }

    /// <summary>
    /// user-guide/object-tagging/work: "Users cannot assign a value to a tag unless the value is in the defined list."
    /// and "Changing or removing an allowed value from a tag's definition doesn't affect tag values already assigned to
    /// objects."
    /// </summary>
    [Test]
    public void TagValue_OutsideItsAllowedValues_IsRefused_AnAssignedValueSurvivesItsRemoval()
    {
        const string quote = "Users cannot assign a value to a tag unless the value is in the defined list.";
        using var account = Small.Account();
        var e = Emulated.Refused(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET TAG GOVERNANCE.TAGS.PII = 'ssn'");
        Assert.That(e.Message, Does.Contain("does not allow the value 'ssn'"), quote);
        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET TAG GOVERNANCE.TAGS.PII = 'email'");
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.PII DROP ALLOWED_VALUES 'email'");
        var tags = Emulated.Records(account, "SELECT COLUMN_NAME, TAG_VALUE FROM TABLE(SALES.INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('" + Table + "', 'table'))");
        Assert.Multiple(() =>
        {
            Assert.That(tags.Select(t => (t["COLUMN_NAME"], t["TAG_VALUE"])), Is.EqualTo(new[] { ("CUSTOMER_EMAIL", "email") }));
            Assert.That(Emulated.Refused(account, "ALTER TABLE " + Table + " MODIFY COLUMN REGION SET TAG GOVERNANCE.TAGS.PII = 'email'").Message, Does.Contain("does not allow"));
        });
    }

    /// <summary>
    /// user-guide/security-row-intro: "A given table or view column can be specified in either a row access policy
    /// signature or a masking policy signature." user-guide/security-column-intro: "This behavior also applies to columns
    /// used as conditional columns in a masking policy." sql/create-masking-policy: EXEMPT_OTHER_POLICIES = TRUE lets a
    /// row access policy reference a column its masking policy protects.
    /// </summary>
    [Test]
    public void Column_InBothAMaskingSignatureAndARowAccessOn_IsRefused()
    {
        const string quote = "A given table or view column can be specified in either a row access policy signature or a masking policy signature.";
        using var account = Small.Account();
        Emulated.Execute(account, "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT AS (VAL VARCHAR, COND_1 VARCHAR) RETURNS VARCHAR -> CASE WHEN COND_1 = 'EMEA' THEN VAL ELSE '***' END");
        Emulated.Execute(account, "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_EXEMPT AS (VAL VARCHAR) RETURNS VARCHAR -> '***' EXEMPT_OTHER_POLICIES = TRUE");

        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN REGION SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Assert.That(Emulated.Refused(account, "ALTER TABLE " + Table + " ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION ON (REGION)").Message,
            Does.Contain("either a row access policy signature or a masking policy signature"), quote);

        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN REGION SET MASKING POLICY GOVERNANCE.POLICIES.MP_EXEMPT FORCE");
        Emulated.Execute(account, "ALTER TABLE " + Table + " ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION ON (REGION)");

        // A conditional column in the row access policy's ON list.
        var e = Emulated.Refused(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT USING (CUSTOMER_EMAIL, REGION)");
        Assert.That(e.Message, Does.Contain("either a row access policy signature or a masking policy signature").Or.Contain("conditional column"), quote);
        Assert.That(MaskingOf(account, "CUSTOMER_EMAIL"), Is.Empty);
    }

    /// <summary>
    /// user-guide/tag-based-masking-policies (troubleshooting): a column that two tags' policies protect cannot be
    /// queried — "SQL execution error: Column &lt;col_name&gt; is mapped to multiple masking policies by tags." — and
    /// POLICY_REFERENCES shows MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN. Setting the tags is not refused.
    /// </summary>
    [Test]
    public void Column_MappedToTwoMaskingPoliciesByTags_FailsAtQueryTime()
    {
        const string quote = "is mapped to multiple masking policies by tags";
        using var account = Small.Account();
        Emulated.Execute(account, "CREATE TAG GOVERNANCE.TAGS.SENSITIVITY");
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.PII SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Emulated.Execute(account, "ALTER TAG GOVERNANCE.TAGS.SENSITIVITY SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT_2");
        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET TAG GOVERNANCE.TAGS.PII = 'email', GOVERNANCE.TAGS.SENSITIVITY = 'high'");

        Assert.That(Emulated.Query(account, "SELECT ORDER_ID FROM " + Table).Rows, Has.Count.EqualTo(6), "the other columns stay readable");
        var e = Assert.Throws<EmulatorException>(() => Emulated.Query(account, "SELECT CUSTOMER_EMAIL FROM " + Table));
        Assert.That(e!.Message, Is.EqualTo("SQL execution error: Column CUSTOMER_EMAIL is mapped to multiple masking policies by tags.Please contact your local administrator to fix the issue."), quote);
        var statuses = Emulated.Records(account, "SELECT POLICY_STATUS FROM TABLE(GOVERNANCE.INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => '" + Table + "', REF_ENTITY_DOMAIN => 'TABLE'))");
        Assert.That(statuses.Select(s => s["POLICY_STATUS"]), Is.EqualTo(new[] { "MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN", "MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN" }));

        // A direct policy wins over the tags': "the masking policy directly assigned to the column takes precedence".
        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Assert.That(Emulated.Query(account, "SELECT CUSTOMER_EMAIL FROM " + Table).Rows.Select(r => r[0]), Is.All.EqualTo("***"));
    }

    /// <summary>
    /// sql/alter-materialized-view has no column, masking or row access policy clause; user-guide/security-column-intro:
    /// "For an existing materialized view, execute an ALTER VIEW … MODIFY COLUMN statement on the materialized view".
    /// </summary>
    [Test]
    public void PolicyDdl_OnAMaterializedView_ThroughAlterMaterializedView_IsRefused_ThroughAlterView_Accepted()
    {
        const string quote = "For an existing materialized view, execute an ALTER VIEW … MODIFY COLUMN statement on the materialized view";
        using var account = Small.Account();
        var e = Emulated.Refused(account, "ALTER MATERIALIZED VIEW SALES.ORDERS.ORDERS_MV MODIFY COLUMN REGION SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Assert.That(e.Message, Does.StartWith("SQL compilation error:\nsyntax error line 1 at position 47 unexpected 'MODIFY'.").And.Contain("use ALTER VIEW"), quote);
        Assert.That(Emulated.Refused(account, "ALTER MATERIALIZED VIEW SALES.ORDERS.ORDERS_MV ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION ON (REGION)").Message,
            Does.Contain("unexpected 'ADD'"));
        Emulated.Execute(account, "ALTER VIEW SALES.ORDERS.ORDERS_MV MODIFY COLUMN REGION SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
        Assert.That(Emulated.Query(account, "SELECT REGION FROM SALES.ORDERS.ORDERS_MV").Rows.Select(r => r[0]), Is.All.EqualTo("***"));
    }

    /// <summary>
    /// sql/alter-external-table has no policy or tag clause; user-guide/security-row-intro: "You can apply the row access
    /// policy to the VALUE column of an existing external table by executing an ALTER TABLE statement on the external
    /// table." and "A row access policy cannot be added to a virtual column directly."
    /// </summary>
    [Test]
    public void PolicyDdl_OnAnExternalTable_ThroughAlterExternalTable_IsRefused_OnVirtualColumns_Too()
    {
        const string quote = "You can apply the row access policy to the VALUE column of an existing external table by executing an ALTER TABLE statement on the external table.";
        using var account = Small.Account();
        Emulated.Execute(account, "CREATE ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_VALUE AS (V VARIANT) RETURNS BOOLEAN -> TRUE");
        Assert.Multiple(() =>
        {
            Assert.That(Emulated.Refused(account, "ALTER EXTERNAL TABLE SALES.ORDERS.EVENTS ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_VALUE ON (VALUE)").Message,
                Does.Contain("unexpected 'ROW'").And.Contain("use ALTER TABLE"), quote);
            Assert.That(Emulated.Refused(account, "ALTER EXTERNAL TABLE SALES.ORDERS.EVENTS SET TAG GOVERNANCE.TAGS.PII = 'email'").Message, Does.Contain("unexpected 'TAG'"));
            Assert.That(Emulated.Refused(account, "ALTER TABLE SALES.ORDERS.EVENTS ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION ON (REGION)").Message,
                Does.Contain("A row access policy cannot be added to a virtual column directly"));
        });
        Emulated.Execute(account, "ALTER TABLE SALES.ORDERS.EVENTS ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_VALUE ON (VALUE)");
        Emulated.Execute(account, "ALTER TABLE SALES.ORDERS.EVENTS SET TAG GOVERNANCE.TAGS.PII = 'email'");
    }

    /// <summary>
    /// The dataset's own keyword: an Iceberg table refuses plain ALTER TABLE ("Iceberg tables should use ALTER ICEBERG
    /// TABLE commands.", the error reported in entechlog/dbt-snow-mask#86), a view is not altered as a table.
    /// </summary>
    [Test]
    public void AlterKeyword_ThatDoesNotFitTheDatasetsKind_IsRefused()
    {
        using var account = Small.Account();
        Assert.Multiple(() =>
        {
            Assert.That(Emulated.Refused(account, "ALTER TABLE SALES.ORDERS.LEDGER MODIFY COLUMN REGION SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT").Message,
                Does.Contain("Iceberg tables should use ALTER ICEBERG TABLE commands."));
            Assert.That(Emulated.Refused(account, "ALTER TABLE SALES.ORDERS.ORDERS_V ADD ROW ACCESS POLICY GOVERNANCE.POLICIES.RAP_REGION ON (REGION)").Message,
                Does.Contain("Object found is of type 'VIEW', not specified type 'TABLE'."));
            Assert.That(Emulated.Refused(account, "ALTER VIEW " + Table + " SET TAG GOVERNANCE.TAGS.PII = 'email'").Message,
                Does.Contain("Object found is of type 'TABLE', not specified type 'VIEW'."));
        });
        Emulated.Execute(account, "ALTER ICEBERG TABLE SALES.ORDERS.LEDGER MODIFY COLUMN REGION SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT");
    }

    /// <summary>
    /// functions/system_get_tag_on_current_column: a tag that does not exist is "Tag '&lt;tag&gt;' does not exist or not
    /// authorized." — a tag is a schema-level object, created before it is set on anything (CREATE TAG).
    /// </summary>
    [Test]
    public void ATag_UsedBeforeItExists_IsRefused()
    {
        using var account = Small.Account();
        Assert.Multiple(() =>
        {
            Assert.That(Emulated.Refused(account, "ALTER TABLE " + Table + " SET TAG GOVERNANCE.TAGS.OWNER = 'sales'").Message,
                Is.EqualTo("SQL compilation error:\nTag 'GOVERNANCE.TAGS.OWNER' does not exist or not authorized."));
            Assert.That(Emulated.Refused(account, "ALTER SCHEMA SALES.ORDERS SET TAG GOVERNANCE.TAGS.OWNER = 'sales'").ErrorCode, Is.EqualTo(2003));
            Assert.That(Emulated.Refused(account, "ALTER TAG GOVERNANCE.TAGS.OWNER SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT").Message, Does.Contain("does not exist"));
            Assert.That(Emulated.Refused(account, "SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('GOVERNANCE.TAGS.OWNER')").Message, Does.Contain("Tag 'GOVERNANCE.TAGS.OWNER' does not exist"));
        });
    }

    /// <summary>
    /// user-guide/security-column-intro (limitations): "A masking policy definition must have the same data type for the
    /// input and output."
    /// </summary>
    [Test]
    public void AMaskingPolicy_ThatReturnsAnotherDataType_IsRefused()
    {
        const string quote = "A masking policy definition must have the same data type for the input and output.";
        using var account = Small.Account();
        Assert.That(Emulated.Refused(account, "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_BAD AS (VAL NUMBER) RETURNS VARCHAR -> '***'").Message,
            Does.Contain("argument and return type mismatch"), quote);
        Assert.That(Emulated.Query(account, "SHOW MASKING POLICIES LIKE 'MP_BAD' IN ACCOUNT").Rows, Is.Empty);
    }

    /// <summary>
    /// user-guide/security-column-intro: a masking policy applies to "table/view columns with the matching data type";
    /// sql/alter-table (USING): "The first column in the list specifies the column for the policy conditions to mask or
    /// tokenize the data and must match the column to which the masking policy is set."
    /// </summary>
    [Test]
    public void AMaskingPolicy_OfAnotherDataType_OrAUsingListThatDoesNotFit_IsRefused()
    {
        const string quote = "must match the column to which the masking policy is set.";
        using var account = Small.Account();
        Emulated.Execute(account, "CREATE MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT AS (VAL VARCHAR, COND_1 BOOLEAN) RETURNS VARCHAR -> CASE WHEN COND_1 THEN VAL ELSE '***' END");
        Assert.Multiple(() =>
        {
            Assert.That(Emulated.Refused(account, "ALTER TABLE " + Table + " MODIFY COLUMN AMOUNT SET MASKING POLICY GOVERNANCE.POLICIES.MP_TEXT").Message,
                Does.Contain("the data type of the policy must match the data type of the column"));
            Assert.That(Emulated.Refused(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT USING (REGION, HAS_CONSENT)").Message,
                Does.Contain("The first column in USING must be the masked column CUSTOMER_EMAIL"), quote);
            Assert.That(Emulated.Refused(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT USING (CUSTOMER_EMAIL, REGION)").Message,
                Does.Contain("Column REGION is VARCHAR(16) but argument COND_1"));
            Assert.That(MaskingOf(account, "AMOUNT") + MaskingOf(account, "CUSTOMER_EMAIL"), Is.Empty);
        });
        Emulated.Execute(account, "ALTER TABLE " + Table + " MODIFY COLUMN CUSTOMER_EMAIL SET MASKING POLICY GOVERNANCE.POLICIES.MP_CONSENT USING (CUSTOMER_EMAIL, HAS_CONSENT)");
        Assert.That(MaskingOf(account, "CUSTOMER_EMAIL"), Is.EqualTo("MP_CONSENT"));
    }
}
