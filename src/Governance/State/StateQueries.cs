using Governance.Snowflake;
using Governance.Rules;

namespace Governance.State;

/// <summary>
/// The queries <see cref="StateReader"/> sends, one method per query. Names are quoted through
/// <see cref="SqlText.Identifier"/> and, where a function takes a name as a string, written as a literal of the quoted
/// name (<c>'"GOVERNANCE"."POLICIES"."MP_X"'</c>, as POLICY_REFERENCES documents) through <see cref="SqlText.Literal(string)"/>.
/// Only live sources: SHOW, DESCRIBE, SYSTEM$ functions and the Information Schema table functions, never the
/// ACCOUNT_USAGE views, which lag by up to two hours. Every text is pinned in golden tests.
/// </summary>
public static class StateQueries
{
    /// <summary>The columns read from <c>POLICY_REFERENCES</c>, in the documented order.</summary>
    public static IReadOnlyList<string> PolicyReferenceColumns { get; } = new[]
    {
        "POLICY_DB", "POLICY_SCHEMA", "POLICY_NAME", "POLICY_KIND", "REF_DATABASE_NAME", "REF_SCHEMA_NAME", "REF_ENTITY_NAME", "REF_ENTITY_DOMAIN",
        "REF_COLUMN_NAME", "REF_ARG_COLUMN_NAMES", "TAG_DATABASE", "TAG_SCHEMA", "TAG_NAME", "POLICY_STATUS",
    };

    /// <summary>The columns read from <c>TAG_REFERENCES_ALL_COLUMNS</c>, in the documented order.</summary>
    public static IReadOnlyList<string> TagReferenceColumns { get; } = new[]
    {
        "TAG_DATABASE", "TAG_SCHEMA", "TAG_NAME", "TAG_VALUE", "LEVEL", "OBJECT_DATABASE", "OBJECT_SCHEMA", "OBJECT_NAME", "COLUMN_NAME",
    };

    /// <summary>The alias of <c>SYSTEM$GET_TAG_ALLOWED_VALUES</c>'s one column (unaliased, it is named after the call).</summary>
    public const string AllowedValuesColumn = "ALLOWED_VALUES";

    /// <summary><c>SHOW TAGS IN SCHEMA "DB"."SCHEMA"</c>: name, owner, comment of each tag.</summary>
    public static string ShowTags(SchemaName schema) => "SHOW TAGS IN SCHEMA " + Require(schema).Sql;

    /// <summary><c>SHOW MASKING POLICIES IN SCHEMA "DB"."SCHEMA"</c>: name, owner, comment, options of each masking policy.</summary>
    public static string ShowMaskingPolicies(SchemaName schema) => "SHOW MASKING POLICIES IN SCHEMA " + Require(schema).Sql;

    /// <summary><c>SHOW ROW ACCESS POLICIES IN SCHEMA "DB"."SCHEMA"</c>.</summary>
    public static string ShowRowAccessPolicies(SchemaName schema) => "SHOW ROW ACCESS POLICIES IN SCHEMA " + Require(schema).Sql;

    /// <summary><c>SHOW MASKING POLICIES …</c> or <c>SHOW ROW ACCESS POLICIES …</c>.</summary>
    public static string ShowPolicies(PolicyKind kind, SchemaName schema) => kind == PolicyKind.Masking ? ShowMaskingPolicies(schema) : ShowRowAccessPolicies(schema);

    /// <summary><c>DESCRIBE MASKING POLICY "DB"."SCHEMA"."P"</c> or <c>DESCRIBE ROW ACCESS POLICY …</c>: signature, return type, body.</summary>
    public static string DescribePolicy(PolicyKind kind, SchemaObjectName policy)
        => (kind == PolicyKind.Masking ? "DESCRIBE MASKING POLICY " : "DESCRIBE ROW ACCESS POLICY ") + Require(policy).Sql;

    /// <summary><c>SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('"DB"."SCHEMA"."TAG"') AS ALLOWED_VALUES</c>: a JSON array, NULL when any value is allowed.</summary>
    public static string TagAllowedValues(SchemaObjectName tag)
        => "SELECT SYSTEM$GET_TAG_ALLOWED_VALUES(" + NameLiteral(tag) + ") AS " + AllowedValuesColumn;

    /// <summary>
    /// <c>SELECT … FROM TABLE("DB".INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME =&gt; '"DB"."SCHEMA"."P"'))</c>: every
    /// object the policy is set on, in the Information Schema of the policy's database.
    /// </summary>
    public static string PolicyReferencesOfPolicy(SchemaObjectName policy)
        => "SELECT " + string.Join(", ", PolicyReferenceColumns) + " FROM TABLE(" + SqlText.Identifier(Require(policy).Database)
           + ".INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME => " + NameLiteral(policy) + "))";

    /// <summary>
    /// <c>SELECT … FROM TABLE("DB".INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME =&gt; '"DB"."SCHEMA"."X"', REF_ENTITY_DOMAIN =&gt; 'TABLE'))</c>:
    /// every policy set on the object (a dataset and its columns: <c>TABLE</c> or <c>VIEW</c>; a tag: <c>TAG</c>), in the
    /// Information Schema of the object's database.
    /// </summary>
    public static string PolicyReferencesOfEntity(SchemaObjectName entity, string domain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        return "SELECT " + string.Join(", ", PolicyReferenceColumns) + " FROM TABLE(" + SqlText.Identifier(Require(entity).Database)
               + ".INFORMATION_SCHEMA.POLICY_REFERENCES(REF_ENTITY_NAME => " + NameLiteral(entity) + ", REF_ENTITY_DOMAIN => " + SqlText.Literal(domain) + "))";
    }

    /// <summary>
    /// <c>SELECT … FROM TABLE("DB".INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('"DB"."SCHEMA"."T"', 'table'))</c>: every
    /// tag on every column of a table or view, set on the column or inherited (the domain is <c>table</c> for views too).
    /// </summary>
    public static string TagReferencesAllColumns(SchemaObjectName dataset)
        => "SELECT " + string.Join(", ", TagReferenceColumns) + " FROM TABLE(" + SqlText.Identifier(Require(dataset).Database)
           + ".INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS(" + NameLiteral(dataset) + ", 'table'))";

    private static string NameLiteral(SchemaObjectName name) => SqlText.Literal(name.Sql);

    private static T Require<T>(T value) where T : class => value ?? throw new ArgumentNullException(nameof(value));
}
