using Governance.Snowflake;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.State;

namespace Governance.Simulation.Emulation;

/// <summary>Checks of tag values shared by CREATE TAG, ALTER TAG and SET TAG.</summary>
internal static class TagValues
{
    /// <summary>The most allowed values a tag can have.</summary>
    public const int MaxAllowedValues = 5000;

    public static void CheckLength(string value)
    {
        if (value.Length > TagSet.MaxValueLength)
            throw Errors.Compilation("Tag value '" + value[..32] + "…' exceeds the maximum length of 256 characters.");
    }

    /// <summary>The allowed values, in order and once each; at most 5,000, each at most 256 characters.</summary>
    public static List<string> Allowed(SchemaObjectName tag, IEnumerable<string> values)
    {
        var list = values.Distinct(StringComparer.Ordinal).ToList();
        foreach (var v in list) CheckLength(v);
        if (list.Count > MaxAllowedValues)
            throw Errors.Compilation("Tag " + tag.Name + " cannot have more than 5000 allowed values.");
        return list;
    }

    /// <summary>A value set on an object must be one of the tag's allowed values, when it has some.</summary>
    public static void CheckAllowed(TagInfo tag, string value)
    {
        CheckLength(value);
        if (tag.AllowedValues is { } allowed && !allowed.Contains(value, StringComparer.Ordinal))
            throw Errors.Compilation("Tag '" + Errors.Show(tag.Name) + "' does not allow the value '" + value + "': its allowed values are "
                + Catalog.Json(allowed) + ".");
    }

    public static string? Stored(IReadOnlyList<string>? values) => values is null ? null : Catalog.Json(values);
}

/// <summary><c>CREATE [OR REPLACE] TAG [IF NOT EXISTS] t [ALLOWED_VALUES 'a', …] [COMMENT = '…']</c>.</summary>
internal sealed record CreateTag(SchemaObjectName Name, bool OrReplace, bool IfNotExists, IReadOnlyList<string>? AllowedValues, string? Comment) : Statement
{
    public static CreateTag Parse(Parser p, bool orReplace)
    {
        var ifNotExists = p.AcceptWord("IF", "NOT", "EXISTS");
        var name = p.ObjectName();
        var (allowed, comment) = Properties(p);
        return new CreateTag(name, orReplace, ifNotExists, allowed, comment);
    }

    /// <summary>
    /// <c>[ALLOWED_VALUES 'a', …] [COMMENT = '…']</c>, of CREATE TAG and ALTER TAG … SET. ALLOWED_VALUES must come before
    /// every other parameter (Snowflake ignores it after them; the emulator refuses).
    /// </summary>
    public static (List<string>? Allowed, string? Comment) Properties(Parser p)
    {
        List<string>? allowed = null;
        string? comment = null;
        if (p.AcceptWord("ALLOWED_VALUES")) allowed = p.StringList();
        if (p.AcceptWord("COMMENT"))
        {
            p.ExpectPunctuation("=");
            comment = p.StringLiteral();
        }
        if (p.AtWord("ALLOWED_VALUES")) throw p.SyntaxError("ALLOWED_VALUES must come before every other parameter of a tag");
        if (p.AtWord("PROPAGATE") || p.AtWord("ON_CONFLICT") || p.AtWord("MULTI_VALUE")) throw Errors.Unsupported("tag propagation and multi-value tags");
        return (allowed, comment);
    }

    public override ResultSet Execute(Account account)
    {
        if (OrReplace && IfNotExists) throw Errors.Compilation("OR REPLACE and IF NOT EXISTS cannot both be specified.");
        account.RequireSchema(Name.Database, Name.Schema);
        var allowed = AllowedValues is null ? null : TagValues.Allowed(Name, AllowedValues);
        var state = account.State;
        var exists = state.Tags.ContainsKey(Name);
        if (exists && IfNotExists) return ResultSet.Status(Name.Name + " already exists, statement succeeded.");
        if (exists && !OrReplace) throw Errors.AlreadyExists(Errors.Show(Name));
        if (exists && state.TagMasking.TryGetValue(Name, out var policies) && policies.Count > 0)
            throw Errors.Compilation("Tag " + Name.Name + " cannot be dropped/replaced as it is associated with masking policy " + policies[0].Name + ".");
        account.Catalog.Transaction(() =>
        {
            if (exists) DropTag.Delete(account.Catalog, Name);
            account.Catalog.Execute("INSERT INTO governance_account.tags VALUES (?, ?, ?, ?, ?, ?, ?)",
                Name.Database, Name.Schema, Name.Name, TagValues.Stored(allowed), Comment, account.Role, Catalog.Time(account.Now));
        });
        return ResultSet.Status("Tag " + Name.Name + " successfully created.");
    }
}

/// <summary><c>DROP TAG [IF EXISTS] t</c>: refused while a masking policy is set on the tag; drops its assignments.</summary>
internal sealed record DropTag(SchemaObjectName Name, bool IfExists) : Statement
{
    public override ResultSet Execute(Account account)
    {
        var state = account.State;
        if (!state.Tags.ContainsKey(Name))
        {
            if (IfExists) return ResultSet.Status("Drop statement executed successfully (" + Name.Name + " already dropped).");
            throw Errors.DoesNotExist("Tag", Errors.Show(Name));
        }
        if (state.TagMasking.TryGetValue(Name, out var policies) && policies.Count > 0)
            throw Errors.Compilation("Tag " + Name.Name + " cannot be dropped/replaced as it is associated with masking policy " + policies[0].Name + ".");
        account.Catalog.Transaction(() => Delete(account.Catalog, Name));
        return ResultSet.Status(Name.Name + " successfully dropped.");
    }

    public static void Delete(Catalog catalog, SchemaObjectName tag)
    {
        catalog.Execute("DELETE FROM governance_account.tags WHERE database_name = ? AND schema_name = ? AND name = ?", tag.Database, tag.Schema, tag.Name);
        catalog.Execute("DELETE FROM governance_account.tag_assignments WHERE tag_database = ? AND tag_schema = ? AND tag_name = ?", tag.Database, tag.Schema, tag.Name);
    }
}

/// <summary><c>ALTER TAG [IF EXISTS] t …</c>: one action per statement.</summary>
internal abstract record AlterTag(SchemaObjectName Name, bool IfExists) : Statement
{
    public static AlterTag Parse(Parser p)
    {
        var ifExists = p.AcceptWord("IF", "EXISTS");
        var name = p.ObjectName();
        if (p.AcceptWord("ADD", "ALLOWED_VALUES")) return new AddAllowedValues(name, ifExists, p.StringList());
        if (p.AcceptWord("DROP", "ALLOWED_VALUES")) return new DropAllowedValues(name, ifExists, p.StringList());
        if (p.AcceptWord("SET", "MASKING", "POLICY")) return new SetTagMasking(name, ifExists, Policies(p), p.AcceptWord("FORCE"));
        if (p.AcceptWord("UNSET", "MASKING", "POLICY")) return new UnsetTagMasking(name, ifExists, Policies(p));
        if (p.AcceptWord("SET"))
        {
            var (allowed, comment) = CreateTag.Properties(p);
            if (allowed is null && comment is null) throw p.SyntaxError();
            return new SetTagProperties(name, ifExists, allowed, comment);
        }
        if (p.AcceptWord("UNSET", "ALLOWED_VALUES")) return new UnsetTagProperty(name, ifExists, AllowedValues: true);
        if (p.AcceptWord("UNSET", "COMMENT")) return new UnsetTagProperty(name, ifExists, AllowedValues: false);
        if (p.AtWord("RENAME") || p.AtWord("UNSET")) throw Errors.Unsupported("`ALTER TAG … " + p.Peek()!.Text.ToUpperInvariant() + " …`");
        throw p.SyntaxError();
    }

    // <p1> [, MASKING POLICY <p2> …], after the first MASKING POLICY.
    private static List<SchemaObjectName> Policies(Parser p)
    {
        var policies = new List<SchemaObjectName> { p.ObjectName() };
        while (p.AcceptPunctuation(","))
        {
            p.ExpectWord("MASKING", "POLICY");
            policies.Add(p.ObjectName());
        }
        return policies;
    }

    public sealed override ResultSet Execute(Account account)
    {
        if (!account.State.Tags.TryGetValue(Name, out var tag))
        {
            if (IfExists) return Done();
            throw Errors.DoesNotExist("Tag", Errors.Show(Name));
        }
        Run(account, tag);
        return Done();
    }

    protected abstract void Run(Account account, TagInfo tag);

    protected static void WriteAllowed(Account account, TagInfo tag, IReadOnlyList<string>? values)
        => account.Catalog.Transaction(() => account.Catalog.Execute(
            "UPDATE governance_account.tags SET allowed_values = ? WHERE database_name = ? AND schema_name = ? AND name = ?",
            TagValues.Stored(values), tag.Name.Database, tag.Name.Schema, tag.Name.Name));
}

/// <summary><c>ALTER TAG t ADD ALLOWED_VALUES 'a', …</c>: appended in order; a value already allowed stays where it is.</summary>
internal sealed record AddAllowedValues(SchemaObjectName Name, bool IfExists, IReadOnlyList<string> Values) : AlterTag(Name, IfExists)
{
    protected override void Run(Account account, TagInfo tag)
        => WriteAllowed(account, tag, TagValues.Allowed(Name, (tag.AllowedValues ?? Array.Empty<string>()).Concat(Values)));
}

/// <summary>
/// <c>ALTER TAG t DROP ALLOWED_VALUES 'a', …</c>. Dropping every value leaves an empty list, which allows no value
/// (UNSET ALLOWED_VALUES allows any); values already set on objects stay.
/// </summary>
internal sealed record DropAllowedValues(SchemaObjectName Name, bool IfExists, IReadOnlyList<string> Values) : AlterTag(Name, IfExists)
{
    protected override void Run(Account account, TagInfo tag)
    {
        if (tag.AllowedValues is null) return;
        WriteAllowed(account, tag, tag.AllowedValues.Where(v => !Values.Contains(v, StringComparer.Ordinal)).ToList());
    }
}

/// <summary><c>ALTER TAG t SET [ALLOWED_VALUES 'a', …] [COMMENT = '…']</c>: SET ALLOWED_VALUES replaces the list.</summary>
internal sealed record SetTagProperties(SchemaObjectName Name, bool IfExists, IReadOnlyList<string>? AllowedValues, string? Comment) : AlterTag(Name, IfExists)
{
    protected override void Run(Account account, TagInfo tag)
    {
        var allowed = AllowedValues is null ? tag.AllowedValues : TagValues.Allowed(Name, AllowedValues);
        account.Catalog.Transaction(() => account.Catalog.Execute(
            "UPDATE governance_account.tags SET allowed_values = ?, comment = ? WHERE database_name = ? AND schema_name = ? AND name = ?",
            TagValues.Stored(allowed), Comment ?? tag.Comment, Name.Database, Name.Schema, Name.Name));
    }
}

/// <summary><c>ALTER TAG t UNSET ALLOWED_VALUES</c> (any value allowed again) or <c>UNSET COMMENT</c>.</summary>
internal sealed record UnsetTagProperty(SchemaObjectName Name, bool IfExists, bool AllowedValues) : AlterTag(Name, IfExists)
{
    protected override void Run(Account account, TagInfo tag)
    {
        if (AllowedValues) WriteAllowed(account, tag, null);
        else account.Catalog.Transaction(() => account.Catalog.Execute(
            "UPDATE governance_account.tags SET comment = NULL WHERE database_name = ? AND schema_name = ? AND name = ?", Name.Database, Name.Schema, Name.Name));
    }
}

/// <summary>
/// <c>ALTER TAG t SET MASKING POLICY p1 [, MASKING POLICY p2 …] [FORCE]</c>: a tag holds one masking policy per data
/// type; FORCE replaces the one of the same data type.
/// </summary>
internal sealed record SetTagMasking(SchemaObjectName Name, bool IfExists, IReadOnlyList<SchemaObjectName> Policies, bool Force) : AlterTag(Name, IfExists)
{
    protected override void Run(Account account, TagInfo tag)
    {
        var state = account.State;
        var policies = Policies.Select(p => account.RequirePolicy(p, PolicyKind.Masking)).ToList();
        var list = (state.TagMasking.TryGetValue(Name, out var current) ? current : Array.Empty<SchemaObjectName>()).ToList();
        var seen = new Dictionary<SnowflakeTypeKind, PolicyInfo>();
        foreach (var p in policies)
        {
            var kind = p.Arguments[0].Type.Kind;
            if (seen.TryGetValue(kind, out var twin))
                throw Errors.Compilation("A tag can support one masking policy for each data type: " + p.Name.Name + " and " + twin.Name.Name + " are both for " + Base(p) + ".");
            seen[kind] = p;
            var existing = list.FindIndex(e => state.Policies[e].Arguments[0].Type.Kind == kind);
            if (existing < 0) { list.Add(p.Name); continue; }
            if (list[existing].Equals(p.Name)) continue;
            if (!Force)
                throw Errors.Compilation("Tag " + Name.Name + " already has masking policy " + list[existing].Name + " for data type " + Base(p)
                    + ": a tag can support one masking policy for each data type (FORCE replaces it).");
            list[existing] = p.Name;
        }
        Write(account, list);
    }

    private static string Base(PolicyInfo p) => Show.BaseType(p.Arguments[0].Type);

    private void Write(Account account, List<SchemaObjectName> list) => account.Catalog.Transaction(() => WriteTagMasking(account.Catalog, Name, list));

    public static void WriteTagMasking(Catalog catalog, SchemaObjectName tag, IReadOnlyList<SchemaObjectName> policies)
    {
        catalog.Execute("DELETE FROM governance_account.tag_masking WHERE tag_database = ? AND tag_schema = ? AND tag_name = ?", tag.Database, tag.Schema, tag.Name);
        for (var i = 0; i < policies.Count; i++)
        {
            catalog.Execute("INSERT INTO governance_account.tag_masking VALUES (?, ?, ?, ?, ?, ?, ?)",
                tag.Database, tag.Schema, tag.Name, policies[i].Database, policies[i].Schema, policies[i].Name, i);
        }
    }
}

/// <summary><c>ALTER TAG t UNSET MASKING POLICY p1 [, MASKING POLICY p2 …]</c>: each must be set on the tag.</summary>
internal sealed record UnsetTagMasking(SchemaObjectName Name, bool IfExists, IReadOnlyList<SchemaObjectName> Policies) : AlterTag(Name, IfExists)
{
    protected override void Run(Account account, TagInfo tag)
    {
        var list = (account.State.TagMasking.TryGetValue(Name, out var current) ? current : Array.Empty<SchemaObjectName>()).ToList();
        foreach (var p in Policies)
        {
            account.RequirePolicy(p, PolicyKind.Masking);
            if (!list.Remove(p)) throw Errors.Compilation("Masking policy " + p.Name + " is not set on tag " + Name.Name + ".");
        }
        account.Catalog.Transaction(() => SetTagMasking.WriteTagMasking(account.Catalog, Name, list));
    }
}
