using Governance.Snowflake;
using Governance.State;

namespace Governance.Simulation.Emulation;

/// <summary>
/// A statement the emulated account runs. Each statement checks what Snowflake checks against the account's state and
/// writes its change in one DuckDB transaction (<see cref="Catalog.Transaction"/>): a refused statement changes nothing.
/// </summary>
internal abstract record Statement
{
    public abstract ResultSet Execute(Account account);

    /// <summary>
    /// Parses one statement (an optional trailing <c>;</c>). A statement the emulated account does not know is refused
    /// with a message that says so; it never succeeds silently.
    /// </summary>
    public static Statement Parse(string sql)
    {
        var p = new Parser(sql);
        if (p.IsEmpty) throw new EmulatorException("SQL compilation error:\nEmpty SQL statement.", ErrorCodes.Syntax, "42000");
        Statement statement;
        if (p.AcceptWord("USE", "ROLE")) statement = new UseRole(p.Identifier());
        else if (p.AcceptWord("ALTER", "SESSION", "SET")) statement = AlterSession.Parse(p);
        else if (p.AcceptWord("CREATE")) statement = ParseCreate(p);
        else if (p.AcceptWord("ALTER")) statement = ParseAlter(p);
        else if (p.AcceptWord("DROP")) statement = ParseDrop(p);
        else if (p.AcceptWord("GRANT", "ROLE"))
        {
            var role = p.Identifier();
            p.ExpectWord("TO", "ROLE");
            statement = new GrantRole(role, p.Identifier());
        }
        else if (p.AcceptWord("SHOW")) statement = Show.Parse(p);
        else if (p.AcceptWord("DESCRIBE") || p.AcceptWord("DESC")) statement = DescribePolicy.Parse(p);
        else if (p.AtWord("SELECT")) statement = SelectStatement.Parse(p);
        else throw Unknown(p);
        p.End();
        return statement;
    }

    private static EmulatorException Unknown(Parser p)
        => Errors.Unsupported("`" + p.Head() + "`: it runs the governance DDL the tool emits (tags, masking and row access policies and their attachments, "
            + "tag assignments, databases, schemas and roles), USE ROLE, SHOW and DESCRIBE of tags and policies, and SELECT of the introspection "
            + "functions and of datasets (see docs/emulator.md)");

    private static Statement ParseCreate(Parser p)
    {
        var orReplace = p.AcceptWord("OR", "REPLACE");
        if (p.AcceptWord("TAG")) return CreateTag.Parse(p, orReplace);
        if (p.AcceptWord("MASKING", "POLICY")) return CreatePolicy.Parse(p, PolicyKind.Masking, orReplace);
        if (p.AcceptWord("ROW", "ACCESS", "POLICY")) return CreatePolicy.Parse(p, PolicyKind.RowAccess, orReplace);
        if (!orReplace && p.AcceptWord("DATABASE"))
        {
            var ifNotExists = p.AcceptWord("IF", "NOT", "EXISTS");
            return new CreateDatabase(p.Identifier(), ifNotExists);
        }
        if (!orReplace && p.AcceptWord("SCHEMA"))
        {
            var ifNotExists = p.AcceptWord("IF", "NOT", "EXISTS");
            var name = p.DottedName();
            if (name.Count != 2) throw Errors.Unsupported("a schema named without its database: `" + string.Join(".", name) + "` (write `DATABASE.SCHEMA`)");
            return new CreateSchema(name[0], name[1], ifNotExists);
        }
        if (!orReplace && p.AcceptWord("ROLE"))
        {
            var ifNotExists = p.AcceptWord("IF", "NOT", "EXISTS");
            return new CreateRole(p.Identifier(), ifNotExists);
        }
        throw Unknown(p);
    }

    private static Statement ParseAlter(Parser p)
    {
        if (p.AcceptWord("TAG")) return AlterTag.Parse(p);
        if (p.AcceptWord("MASKING", "POLICY")) return AlterPolicy.Parse(p, PolicyKind.Masking);
        if (p.AcceptWord("ROW", "ACCESS", "POLICY")) return AlterPolicy.Parse(p, PolicyKind.RowAccess);
        if (p.AcceptWord("DATABASE")) return ContainerTags.Parse(p, TagDomain.Database);
        if (p.AcceptWord("SCHEMA")) return ContainerTags.Parse(p, TagDomain.Schema);
        foreach (var keyword in AlterDataset.Keywords)
        {
            if (p.AcceptWord(keyword.Split(' '))) return AlterDataset.Parse(p, keyword);
        }
        throw Unknown(p);
    }

    private static Statement ParseDrop(Parser p)
    {
        PolicyKind? kind = p.AcceptWord("MASKING", "POLICY") ? PolicyKind.Masking : p.AcceptWord("ROW", "ACCESS", "POLICY") ? PolicyKind.RowAccess : null;
        if (kind is null && !p.AcceptWord("TAG")) throw Unknown(p);
        var ifExists = p.AcceptWord("IF", "EXISTS");
        var name = p.ObjectName();
        return kind is { } k ? new DropPolicy(k, name, ifExists) : new DropTag(name, ifExists);
    }

    protected static ResultSet Done() => ResultSet.Status("Statement executed successfully.");
}

/// <summary><c>USE ROLE r</c>: the session's primary role; it has every role granted to it, and PUBLIC.</summary>
internal sealed record UseRole(string Role) : Statement
{
    public override ResultSet Execute(Account account)
    {
        if (!account.State.Roles.ContainsKey(Role)) throw Errors.DoesNotExist("Role", Role);
        account.Role = Role;
        return Done();
    }
}

/// <summary><c>ALTER SESSION SET QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE</c> (the emulated account's only session parameter, and its value).</summary>
internal sealed record AlterSession(string Parameter, bool Value) : Statement
{
    public static AlterSession Parse(Parser p)
    {
        var parameter = p.Identifier();
        p.ExpectPunctuation("=");
        if (!string.Equals(parameter, "QUOTED_IDENTIFIERS_IGNORE_CASE", StringComparison.Ordinal))
            throw Errors.Unsupported("the session parameter `" + parameter + "` (only QUOTED_IDENTIFIERS_IGNORE_CASE = FALSE)");
        return new AlterSession(parameter, p.Boolean());
    }

    public override ResultSet Execute(Account account)
    {
        if (Value) throw Errors.Unsupported("QUOTED_IDENTIFIERS_IGNORE_CASE = TRUE: quoted identifiers keep their case");
        return Done();
    }
}

internal sealed record CreateDatabase(string Name, bool IfNotExists) : Statement
{
    public override ResultSet Execute(Account account)
    {
        if (account.State.Databases.Contains(Name))
        {
            if (IfNotExists) return ResultSet.Status(Name + " already exists, statement succeeded.");
            throw Errors.AlreadyExists(Name);
        }
        Parser.Name(Name, "S", "O");
        account.Catalog.Transaction(() => account.Catalog.Execute("INSERT INTO governance_account.databases VALUES (?)", Name));
        return ResultSet.Status("Database " + Name + " successfully created.");
    }
}

internal sealed record CreateSchema(string Database, string Name, bool IfNotExists) : Statement
{
    public override ResultSet Execute(Account account)
    {
        if (!account.State.Databases.Contains(Database)) throw Errors.DoesNotExist("Database", Database);
        if (account.State.Schemas.Contains((Database, Name)))
        {
            if (IfNotExists) return ResultSet.Status(Name + " already exists, statement succeeded.");
            throw Errors.AlreadyExists(Database + "." + Name);
        }
        Parser.Name(Database, Name, "O");
        account.Catalog.Transaction(() => account.Catalog.Execute("INSERT INTO governance_account.schemas VALUES (?, ?)", Database, Name));
        return ResultSet.Status("Schema " + Name + " successfully created.");
    }
}

internal sealed record CreateRole(string Name, bool IfNotExists) : Statement
{
    public override ResultSet Execute(Account account)
    {
        if (account.State.Roles.ContainsKey(Name))
        {
            if (IfNotExists) return ResultSet.Status(Name + " already exists, statement succeeded.");
            throw Errors.AlreadyExists(Name);
        }
        account.Catalog.Transaction(() => account.Catalog.Execute("INSERT INTO governance_account.roles VALUES (?)", Name));
        return ResultSet.Status("Role " + Name + " successfully created.");
    }
}

/// <summary><c>GRANT ROLE r TO ROLE s</c>: a session of <c>s</c> has <c>r</c>. A cycle is refused.</summary>
internal sealed record GrantRole(string Role, string Grantee) : Statement
{
    public override ResultSet Execute(Account account)
    {
        var state = account.State;
        if (!state.Roles.ContainsKey(Role)) throw Errors.DoesNotExist("Role", Role);
        if (!state.Roles.ContainsKey(Grantee)) throw Errors.DoesNotExist("Role", Grantee);
        if (state.Roles[Grantee].Contains(Role, StringComparer.Ordinal)) return Done();
        if (string.Equals(Role, Grantee, StringComparison.Ordinal) || state.SessionRoles(Role).Contains(Grantee, StringComparer.Ordinal))
            throw Errors.Compilation("Cannot grant role " + Role + " to role " + Grantee + ": the grant would create a cycle.");
        account.Catalog.Transaction(() => account.Catalog.Execute("INSERT INTO governance_account.role_grants VALUES (?, ?)", Grantee, Role));
        return Done();
    }
}
