using System.Text.Json;
using Governance.Snowflake;
using Governance.Snapshots;
using Governance.State;

namespace Governance.Simulation.Emulation;

internal static class Policies
{
    public static string KindName(PolicyKind kind) => kind == PolicyKind.Masking ? "MASKING_POLICY" : "ROW_ACCESS_POLICY";

    public static string Noun(PolicyKind kind) => kind == PolicyKind.Masking ? "Masking policy" : "Row access policy";

    /// <summary>True when the policy is set on a column or a tag, or added to a dataset.</summary>
    public static bool IsAttached(AccountState state, SchemaObjectName policy)
        => state.ColumnMasking.Any(m => m.Policy.Equals(policy))
           || state.TagMasking.Values.Any(l => l.Contains(policy))
           || state.RowAccess.Values.Any(r => r.Policy.Equals(policy));

    public static EmulatorException Attached(SchemaObjectName policy)
        => Errors.Compilation("Policy " + policy.Name + " cannot be dropped/replaced as it is associated with one or more entities.");
}

/// <summary>
/// <c>CREATE [OR REPLACE] {MASKING | ROW ACCESS} POLICY [IF NOT EXISTS] p AS (arg type, …) RETURNS type -&gt; body
/// [COMMENT = '…'] [EXEMPT_OTHER_POLICIES = TRUE|FALSE]</c> (the last for masking policies only).
/// </summary>
internal sealed record CreatePolicy(PolicyKind Kind, SchemaObjectName Name, bool OrReplace, bool IfNotExists, IReadOnlyList<PolicyArgument> Arguments,
    SnowflakeType ReturnType, string Body, string? Comment, bool ExemptOtherPolicies) : Statement
{
    public static CreatePolicy Parse(Parser p, PolicyKind kind, bool orReplace)
    {
        var ifNotExists = p.AcceptWord("IF", "NOT", "EXISTS");
        var name = p.ObjectName();
        p.ExpectWord("AS");
        p.ExpectPunctuation("(");
        var args = new List<PolicyArgument>();
        do
        {
            var arg = p.Identifier();
            args.Add(new PolicyArgument(arg, p.DataType()));
        }
        while (p.AcceptPunctuation(","));
        p.ExpectPunctuation(")");
        p.ExpectWord("RETURNS");
        var returns = p.DataType();
        p.ExpectPunctuation("->");
        var body = p.Body();
        string? comment = null;
        var exempt = false;
        while (!p.AtEnd)
        {
            if (p.AcceptWord("COMMENT"))
            {
                p.ExpectPunctuation("=");
                comment = p.StringLiteral();
            }
            else if (kind == PolicyKind.Masking && p.AcceptWord("EXEMPT_OTHER_POLICIES"))
            {
                p.ExpectPunctuation("=");
                exempt = p.Boolean();
            }
            else throw p.SyntaxError();
        }
        return new CreatePolicy(kind, name, orReplace, ifNotExists, args, returns, body, comment, exempt);
    }

    public override ResultSet Execute(Account account)
    {
        if (OrReplace && IfNotExists) throw Errors.Compilation("OR REPLACE and IF NOT EXISTS cannot both be specified.");
        account.RequireSchema(Name.Database, Name.Schema);
        var duplicate = Arguments.GroupBy(a => a.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw Errors.Compilation("duplicate argument name '" + duplicate.Key + "' in the signature of " + Name.Name + ".");
        if (Kind == PolicyKind.Masking && ReturnType.Kind != Arguments[0].Type.Kind)
            throw Errors.Compilation("Masking policy function argument and return type mismatch: " + Name.Name + " takes " + Show.BaseType(Arguments[0].Type)
                + " and returns " + Show.BaseType(ReturnType) + ".");
        if (Kind == PolicyKind.RowAccess && ReturnType.Kind != SnowflakeTypeKind.Boolean)
            throw Errors.Compilation("Row access policy " + Name.Name + " must return BOOLEAN, not " + ReturnType.Text + ".");
        account.CheckBody(Arguments, Body);
        var state = account.State;
        if (state.Policies.TryGetValue(Name, out var existing))
        {
            if (IfNotExists) return ResultSet.Status(Name.Name + " already exists, statement succeeded.");
            if (!OrReplace || existing.Kind != Kind) throw Errors.AlreadyExists(Errors.Show(Name));
            if (Policies.IsAttached(state, Name)) throw Policies.Attached(Name);
        }
        account.Catalog.Transaction(() =>
        {
            if (existing is not null) DropPolicy.Delete(account.Catalog, Name);
            account.Catalog.Execute("INSERT INTO governance_account.policies VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Name.Database, Name.Schema, Name.Name, Policies.KindName(Kind), JsonSerializer.Serialize(Arguments.Select(a => new[] { a.Name, a.Type.Text }).ToArray()),
                ReturnType.Text, Body, Comment, ExemptOtherPolicies, account.Role, Catalog.Time(account.Now));
        });
        return ResultSet.Status(Policies.Noun(Kind) + " " + Name.Name + " successfully created.");
    }
}

/// <summary>
/// <c>ALTER {MASKING | ROW ACCESS} POLICY [IF EXISTS] p SET BODY -&gt; body | SET COMMENT = '…' | UNSET COMMENT</c>.
/// SET BODY works while the policy is attached: the next query uses the new body.
/// </summary>
internal sealed record AlterPolicy(PolicyKind Kind, SchemaObjectName Name, bool IfExists, string? Body, string? Comment, bool UnsetComment) : Statement
{
    public static AlterPolicy Parse(Parser p, PolicyKind kind)
    {
        var ifExists = p.AcceptWord("IF", "EXISTS");
        var name = p.ObjectName();
        if (p.AcceptWord("SET", "BODY"))
        {
            p.ExpectPunctuation("->");
            return new AlterPolicy(kind, name, ifExists, p.Body(), null, false);
        }
        if (p.AcceptWord("SET", "COMMENT"))
        {
            p.ExpectPunctuation("=");
            return new AlterPolicy(kind, name, ifExists, null, p.StringLiteral(), false);
        }
        if (p.AcceptWord("UNSET", "COMMENT")) return new AlterPolicy(kind, name, ifExists, null, null, true);
        if (p.AtWord("RENAME") || p.AtWord("SET") || p.AtWord("UNSET"))
            throw Errors.Unsupported("`ALTER " + (kind == PolicyKind.Masking ? "MASKING" : "ROW ACCESS") + " POLICY … " + p.Peek()!.Text.ToUpperInvariant() + " …` (SET BODY, SET COMMENT and UNSET COMMENT only)");
        throw p.SyntaxError();
    }

    public override ResultSet Execute(Account account)
    {
        if (!account.State.Policies.TryGetValue(Name, out var policy) || policy.Kind != Kind)
        {
            if (IfExists) return Done();
            throw Errors.DoesNotExist(Policies.Noun(Kind), Errors.Show(Name));
        }
        if (Body is not null)
        {
            account.CheckBody(policy.Arguments, Body);
            account.Catalog.Transaction(() => account.Catalog.Execute(
                "UPDATE governance_account.policies SET body = ? WHERE database_name = ? AND schema_name = ? AND name = ?", Body, Name.Database, Name.Schema, Name.Name));
        }
        else
        {
            account.Catalog.Transaction(() => account.Catalog.Execute(
                "UPDATE governance_account.policies SET comment = ? WHERE database_name = ? AND schema_name = ? AND name = ?",
                UnsetComment ? null : Comment, Name.Database, Name.Schema, Name.Name));
        }
        return Done();
    }
}

/// <summary><c>DROP {MASKING | ROW ACCESS} POLICY [IF EXISTS] p</c>: refused while the policy is attached to anything.</summary>
internal sealed record DropPolicy(PolicyKind Kind, SchemaObjectName Name, bool IfExists) : Statement
{
    public override ResultSet Execute(Account account)
    {
        var state = account.State;
        if (!state.Policies.TryGetValue(Name, out var policy) || policy.Kind != Kind)
        {
            if (IfExists) return ResultSet.Status("Drop statement executed successfully (" + Name.Name + " already dropped).");
            throw Errors.DoesNotExist(Policies.Noun(Kind), Errors.Show(Name));
        }
        if (Policies.IsAttached(state, Name)) throw Policies.Attached(Name);
        account.Catalog.Transaction(() => Delete(account.Catalog, Name));
        return ResultSet.Status(Name.Name + " successfully dropped.");
    }

    public static void Delete(Catalog catalog, SchemaObjectName policy)
        => catalog.Execute("DELETE FROM governance_account.policies WHERE database_name = ? AND schema_name = ? AND name = ?", policy.Database, policy.Schema, policy.Name);
}
