using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Governance.Snowflake;
using Governance.Rules;
using Governance.Snapshots;
using Governance.State;

namespace Governance.Simulation.Emulation;

/// <summary>
/// <c>SHOW {TAGS | MASKING POLICIES | ROW ACCESS POLICIES} [LIKE '…'] [IN {ACCOUNT | DATABASE d | SCHEMA d.s | d.s}]</c>,
/// with Snowflake's lower-case column names, sorted by database, schema and name.
/// </summary>
internal sealed record Show(string What, string? Like, string? Database, string? Schema) : Statement
{
    public static Show Parse(Parser p)
    {
        string what;
        if (p.AcceptWord("TAGS")) what = "TAGS";
        else if (p.AcceptWord("MASKING", "POLICIES")) what = "MASKING POLICIES";
        else if (p.AcceptWord("ROW", "ACCESS", "POLICIES")) what = "ROW ACCESS POLICIES";
        else throw Errors.Unsupported("`SHOW " + (p.Peek()?.Text.ToUpperInvariant() ?? "") + " …` (SHOW TAGS, SHOW MASKING POLICIES and SHOW ROW ACCESS POLICIES only)");
        string? like = null;
        if (p.AcceptWord("LIKE")) like = p.StringLiteral();
        string? database = null, schema = null;
        if (p.AcceptWord("IN"))
        {
            if (p.AcceptWord("ACCOUNT")) { }
            else if (p.AcceptWord("DATABASE"))
            {
                if (p.AtEnd) throw Errors.Unsupported("`IN DATABASE` without a name: the emulated account has no current database");
                database = p.Identifier();
            }
            else
            {
                var keyword = p.AcceptWord("SCHEMA");
                if (keyword && p.AtEnd) throw Errors.Unsupported("`IN SCHEMA` without a name: the emulated account has no current schema");
                var name = p.DottedName();
                if (name.Count != 2) throw Errors.Unsupported("`IN SCHEMA " + string.Join(".", name) + "`: name the schema with its database, `DATABASE.SCHEMA`");
                (database, schema) = (name[0], name[1]);
            }
        }
        if (!p.AtEnd) throw Errors.Unsupported("`SHOW " + what + " … " + p.Peek()!.Text.ToUpperInvariant() + " …` (LIKE and IN only)");
        return new Show(what, like, database, schema);
    }

    public override ResultSet Execute(Account account)
    {
        var state = account.State;
        if (Schema is not null) account.RequireSchema(Database!, Schema);
        else if (Database is not null && !state.Databases.Contains(Database)) throw Errors.DoesNotExist("Database", Database);
        bool InScope(SchemaObjectName n) => (Database is null || n.Database == Database) && (Schema is null || n.Schema == Schema) && Matches(Like, n.Name);
        var created = ResultColumn.Timestamp("created_on");
        if (What == "TAGS")
        {
            var columns = new[] { created, ResultColumn.Text("name"), ResultColumn.Text("database_name"), ResultColumn.Text("schema_name"), ResultColumn.Text("owner"),
                ResultColumn.Text("comment"), ResultColumn.Text("allowed_values"), ResultColumn.Text("owner_role_type") };
            var rows = state.Tags.Values.Where(t => InScope(t.Name)).OrderBy(t => t.Name.ToString(), StringComparer.Ordinal)
                .Select(t => new object?[] { t.CreatedOn, t.Name.Name, t.Name.Database, t.Name.Schema, t.Owner, t.Comment, AllowedValues(t), "ROLE" }).ToList();
            return new ResultSet(columns, rows);
        }
        var kind = What == "MASKING POLICIES" ? PolicyKind.Masking : PolicyKind.RowAccess;
        var policies = state.Policies.Values.Where(p => p.Kind == kind && InScope(p.Name)).OrderBy(p => p.Name.ToString(), StringComparer.Ordinal).ToList();
        // SHOW MASKING POLICIES: options before owner_role_type in no source; the order of the code that reads it (see docs/snowflake.md).
        var head = new[] { created, ResultColumn.Text("name"), ResultColumn.Text("database_name"), ResultColumn.Text("schema_name"), ResultColumn.Text("kind"),
            ResultColumn.Text("owner"), ResultColumn.Text("comment") };
        var tail = kind == PolicyKind.Masking
            ? new[] { ResultColumn.Text("owner_role_type"), ResultColumn.Text("options") }
            : new[] { ResultColumn.Text("options"), ResultColumn.Text("owner_role_type") };
        return new ResultSet(head.Concat(tail).ToList(), policies.Select(p =>
        {
            var options = p.ExemptOtherPolicies ? "{\"EXEMPT_OTHER_POLICIES\":true}" : "";
            var start = new object?[] { p.CreatedOn, p.Name.Name, p.Name.Database, p.Name.Schema, Policies.KindName(kind), p.Owner, p.Comment };
            return start.Concat(kind == PolicyKind.Masking ? new object?[] { "ROLE", options } : new object?[] { options, "ROLE" }).ToArray();
        }).ToList());
    }

    /// <summary>The allowed values as <c>SYSTEM$GET_TAG_ALLOWED_VALUES</c> gives them: <c>["a","b"]</c>, NULL when any value is allowed.</summary>
    public static string? AllowedValues(TagInfo tag)
        => tag.AllowedValues is null ? null : JsonSerializer.Serialize(tag.AllowedValues, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>SHOW's LIKE: case-insensitive, <c>%</c> any characters, <c>_</c> one character.</summary>
    public static bool Matches(string? like, string name)
    {
        if (like is null) return true;
        var pattern = new StringBuilder("^");
        foreach (var c in like) pattern.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
        return Regex.IsMatch(name, pattern.Append(@"\z").ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>A type's base name, as DESCRIBE shows it in a signature: <c>VARCHAR(16777216)</c> → <c>VARCHAR</c>.</summary>
    public static string BaseType(SnowflakeType type)
    {
        var paren = type.Text.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? type.Text : type.Text[..paren];
    }
}

/// <summary><c>DESC[RIBE] {MASKING | ROW ACCESS} POLICY p</c>: <c>name, signature, return_type, body</c>.</summary>
internal sealed record DescribePolicy(PolicyKind Kind, SchemaObjectName Name) : Statement
{
    public static DescribePolicy Parse(Parser p)
    {
        PolicyKind kind;
        if (p.AcceptWord("MASKING", "POLICY")) kind = PolicyKind.Masking;
        else if (p.AcceptWord("ROW", "ACCESS", "POLICY")) kind = PolicyKind.RowAccess;
        else throw Errors.Unsupported("`DESCRIBE " + (p.Peek()?.Text.ToUpperInvariant() ?? "") + " …` (DESCRIBE MASKING POLICY and DESCRIBE ROW ACCESS POLICY only)");
        return new DescribePolicy(kind, p.ObjectName());
    }

    public override ResultSet Execute(Account account)
    {
        var policy = account.RequirePolicy(Name, Kind);
        var signature = "(" + string.Join(", ", policy.Arguments.Select(a => a.Name + " " + Show.BaseType(a.Type))) + ")";
        return new ResultSet(new[] { ResultColumn.Text("name"), ResultColumn.Text("signature"), ResultColumn.Text("return_type"), ResultColumn.Text("body") },
            new[] { new object?[] { policy.Name.Name, signature, policy.ReturnType.Text, policy.Body } });
    }
}

/// <summary>What a SELECT reads: its columns, and either rows computed from the catalog or a dataset.</summary>
internal sealed record Source(IReadOnlyList<ResultColumn> Columns, IReadOnlyList<object?[]>? Rows, DatasetInfo? Dataset);

/// <summary>
/// The SELECT the emulated account answers:
/// <c>SELECT SYSTEM$GET_TAG_ALLOWED_VALUES('db.schema.tag')</c>, <c>SELECT CURRENT_ROLE()</c>, and
/// <c>SELECT {* | col [[AS] alias], …} FROM source [[AS] alias] [WHERE …] [ORDER BY …] [LIMIT n]</c> where the source is
/// <c>TABLE([db.]INFORMATION_SCHEMA.POLICY_REFERENCES(POLICY_NAME =&gt; '…' | REF_ENTITY_NAME =&gt; '…', REF_ENTITY_DOMAIN =&gt; '…'))</c>,
/// <c>TABLE([db.]INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('…', 'table'))</c>, <c>TABLE([db.]INFORMATION_SCHEMA.TAG_REFERENCES('…', 'table'))</c>,
/// <c>db.INFORMATION_SCHEMA.COLUMNS</c> or <c>TABLES</c> (or the two joined: <c>… [INNER] JOIN db.INFORMATION_SCHEMA.… ON …</c>)
/// or a dataset <c>db.schema.name</c> (read as the current role, through its policies). WHERE and ORDER BY take column
/// names, literals, comparisons, AND, OR, NOT, IN, IS [NOT] NULL, LIKE, ILIKE, BETWEEN, ASC, DESC, NULLS FIRST|LAST.
/// </summary>
internal sealed record SelectStatement : Statement
{
    private sealed record Item(string? Qualifier, string Column, string? Alias);

    private string? _function;
    private string _functionText = "";
    private string? _functionArgument;
    private IReadOnlyList<Item>? _items; // null: *
    private IReadOnlyList<string> _from = Array.Empty<string>();
    private string? _tableFunction;
    private IReadOnlyDictionary<string, string> _arguments = new Dictionary<string, string>();
    private IReadOnlyList<string> _positional = Array.Empty<string>();
    private string? _alias;
    private IReadOnlyList<Token> _where = Array.Empty<Token>();
    private IReadOnlyList<Token> _orderBy = Array.Empty<Token>();
    private long? _limit;
    private IReadOnlyList<string>? _join;
    private string? _joinAlias;
    private IReadOnlyList<Token> _on = Array.Empty<Token>();

    private static readonly HashSet<string> Clauses = new(StringComparer.OrdinalIgnoreCase) { "WHERE", "ORDER", "LIMIT", "GROUP", "HAVING", "UNION", "JOIN", "QUALIFY", "INNER", "ON" };
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "AND", "OR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE", "LIKE", "ILIKE", "BETWEEN", "ASC", "DESC", "NULLS", "FIRST", "LAST",
    };
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal) { "=", "<>", "!=", "<", ">", "<=", ">=", "(", ")", "," };

    public static SelectStatement Parse(Parser p)
    {
        p.ExpectWord("SELECT");
        var s = new SelectStatement();
        var mark = p.Mark();
        if (p.AtWord("SYSTEM$GET_TAG_ALLOWED_VALUES") || p.AtWord("CURRENT_ROLE"))
        {
            s._function = p.Peek()!.Text.ToUpperInvariant();
            p.Skip();
            p.ExpectPunctuation("(");
            if (s._function == "SYSTEM$GET_TAG_ALLOWED_VALUES") s._functionArgument = p.StringLiteral();
            p.ExpectPunctuation(")");
            s._functionText = p.TextSince(mark).ToUpperInvariant();
            if (p.AcceptWord("AS") || (p.Peek() is { Kind: TokenKind.Word or TokenKind.QuotedIdentifier } && !p.AtWord("FROM"))) s._alias = p.Identifier();
            if (!p.AtEnd) throw Errors.Unsupported("`SELECT " + s._function + "(…) …` with anything after it");
            return s;
        }
        if (!p.AcceptPunctuation("*"))
        {
            var items = new List<Item>();
            do
            {
                var first = p.Identifier();
                string? qualifier = null;
                var column = first;
                if (p.AcceptPunctuation(".")) { qualifier = first; column = p.Identifier(); }
                string? alias = null;
                if (p.AcceptWord("AS") || (p.Peek() is { Kind: TokenKind.Word or TokenKind.QuotedIdentifier } t && !p.AtWord("FROM"))) alias = p.Identifier();
                if (p.AtPunctuation("(")) throw Errors.Unsupported("functions in a SELECT list (`" + column + "(…)`)");
                items.Add(new Item(qualifier, column, alias));
            }
            while (p.AcceptPunctuation(","));
            s._items = items;
        }
        p.ExpectWord("FROM");
        if (p.AcceptWord("TABLE"))
        {
            p.ExpectPunctuation("(");
            var function = p.DottedName();
            if (function.Count < 2 || function[^2] != "INFORMATION_SCHEMA" || function.Count > 3)
                throw Errors.Unsupported("the table function `" + string.Join(".", function) + "` (INFORMATION_SCHEMA.POLICY_REFERENCES, TAG_REFERENCES and TAG_REFERENCES_ALL_COLUMNS only)");
            s._tableFunction = function[^1];
            p.ExpectPunctuation("(");
            var named = new Dictionary<string, string>(StringComparer.Ordinal);
            var positional = new List<string>();
            if (!p.AtPunctuation(")"))
            {
                do
                {
                    if (p.Peek() is { Kind: TokenKind.Word } && p.Peek(1) == new Token(TokenKind.Punctuation, "=") && p.Peek(2) == new Token(TokenKind.Punctuation, ">"))
                    {
                        var key = p.Identifier();
                        p.ExpectPunctuation("=");
                        p.ExpectPunctuation(">");
                        named[key] = p.StringLiteral();
                    }
                    else positional.Add(p.StringLiteral());
                }
                while (p.AcceptPunctuation(","));
            }
            p.ExpectPunctuation(")");
            p.ExpectPunctuation(")");
            s._arguments = named;
            s._positional = positional;
        }
        else s._from = p.DottedName();
        if (p.AcceptWord("AS") || (p.Peek() is { Kind: TokenKind.Word or TokenKind.QuotedIdentifier } a && !Clauses.Contains(a.Text))) s._alias = p.Identifier();
        if (p.AcceptWord("JOIN") || p.AcceptWord("INNER", "JOIN"))
        {
            if (s._tableFunction is not null) throw Errors.Unsupported("a JOIN on a table function (it joins two Information Schema views)");
            s._join = p.DottedName();
            if (p.AcceptWord("AS") || (p.Peek() is { Kind: TokenKind.Word or TokenKind.QuotedIdentifier } j && !Clauses.Contains(j.Text))) s._joinAlias = p.Identifier();
            p.ExpectWord("ON");
            s._on = Tokens(p, stop: () => p.AtWord("WHERE") || p.AtWord("ORDER", "BY") || p.AtWord("LIMIT"));
        }
        if (p.AcceptWord("WHERE")) s._where = Tokens(p, stop: () => p.AtWord("ORDER", "BY") || p.AtWord("LIMIT"));
        if (p.AcceptWord("ORDER", "BY")) s._orderBy = Tokens(p, stop: () => p.AtWord("LIMIT"));
        if (p.AcceptWord("LIMIT")) s._limit = p.Integer();
        if (!p.AtEnd) throw Errors.Unsupported("`" + p.Peek()!.Text + "` in a SELECT (it reads one source, with WHERE, ORDER BY and LIMIT)");
        return s;
    }

    private static List<Token> Tokens(Parser p, Func<bool> stop)
    {
        var tokens = new List<Token>();
        while (!p.AtEnd && !stop())
        {
            tokens.Add(p.Peek()!);
            p.Skip();
        }
        if (tokens.Count == 0) throw p.SyntaxError();
        return tokens;
    }

    public override ResultSet Execute(Account account)
    {
        if (_function == "CURRENT_ROLE") return new ResultSet(new[] { ResultColumn.Text(_alias ?? _functionText) }, new[] { new object?[] { account.Role } });
        if (_function is not null)
        {
            var tag = account.RequireTag(Parser.Qualified(Parser.NameInString(_functionArgument!)));
            return new ResultSet(new[] { ResultColumn.Text(_alias ?? _functionText) }, new[] { new object?[] { Show.AllowedValues(tag) } });
        }
        if (_join is not null) return RunJoin(account);
        var source = _tableFunction is not null ? TableFunction(account) : _from.Count == 3 && _from[1] == "INFORMATION_SCHEMA" ? InformationSchema.Columns(account, _from[0], _from[2]) : Dataset(account);
        return Run(account, source);
    }

    private Source TableFunction(Account account) => _tableFunction switch
    {
        "POLICY_REFERENCES" => InformationSchema.PolicyReferences(account, _arguments, _positional),
        "TAG_REFERENCES_ALL_COLUMNS" => InformationSchema.TagReferencesAllColumns(account, _arguments, _positional),
        "TAG_REFERENCES" => InformationSchema.TagReferences(account, _arguments, _positional),
        _ => throw Errors.Unsupported("the table function INFORMATION_SCHEMA." + _tableFunction + " (POLICY_REFERENCES, TAG_REFERENCES and TAG_REFERENCES_ALL_COLUMNS only)"),
    };

    private Source Dataset(Account account)
    {
        if (_from.Count != 3) Parser.Qualified(_from);
        var name = Parser.Name(_from[0], _from[1], _from[2]);
        if (!account.State.Datasets.TryGetValue(name, out var dataset)) throw Errors.DoesNotExist("Object", Errors.Show(name));
        return new Source(dataset.Columns.Select(c => new ResultColumn(c.Name, c.Type.Text, typeof(object))).ToList(), null, dataset);
    }

    // Resolves a column reference by Snowflake's rules (the stored name, exactly) and writes it for DuckDB.
    private int Resolve(Source source, string? qualifier, string column)
    {
        if (qualifier is not null && !string.Equals(qualifier, _alias ?? (_from.Count > 0 ? _from[^1] : _tableFunction), StringComparison.Ordinal))
            throw Errors.Compilation("invalid identifier '" + qualifier + "." + column + "'");
        for (var i = 0; i < source.Columns.Count; i++)
        {
            if (string.Equals(source.Columns[i].Name, column, StringComparison.Ordinal)) return i;
        }
        throw Errors.Compilation("invalid identifier '" + column + "'");
    }

    // The WHERE or ORDER BY tokens as DuckDB text: columns resolved, literals rewritten, only the listed words and operators.
    private string Translate(Source source, IReadOnlyList<Token> tokens, ISet<int> used)
        => Translate(tokens, (qualifier, column) =>
        {
            var index = Resolve(source, qualifier, column);
            used.Add(index);
            return DuckDbText.Identifier(source.Columns[index].Name);
        });

    private static string Translate(IReadOnlyList<Token> tokens, Func<string?, string, string> columnText)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            string text;
            if (t.Kind == TokenKind.Word && Keywords.Contains(t.Text)) text = t.Text.ToUpperInvariant();
            else if (t.Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
            {
                string? qualifier = null;
                var column = Parser.Stored(t);
                if (i + 2 < tokens.Count && tokens[i + 1] == new Token(TokenKind.Punctuation, ".") && tokens[i + 2].Kind is TokenKind.Word or TokenKind.QuotedIdentifier)
                {
                    qualifier = column;
                    column = Parser.Stored(tokens[i + 2]);
                    i += 2;
                }
                text = columnText(qualifier, column);
            }
            else if (t.Kind is TokenKind.String or TokenKind.DollarString) text = DuckDbText.Literal(t.Text);
            else if (t.Kind == TokenKind.Number && decimal.TryParse(t.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)) text = t.Text;
            else if (t.Kind == TokenKind.Punctuation && Operators.Contains(t.Text)) text = t.Text;
            else throw Errors.Unsupported("`" + t.Text + "` in the WHERE or ORDER BY of a SELECT (columns, literals, comparisons, AND, OR, NOT, IN, IS, LIKE, BETWEEN, ASC, DESC only)");
            sb.Append(sb.Length == 0 ? "" : " ").Append(text);
        }
        return sb.ToString();
    }

    private ResultSet Run(Account account, Source source)
    {
        var used = new SortedSet<int>();
        var selected = new List<(int Index, string Name)>();
        if (_items is null) selected.AddRange(source.Columns.Select((c, i) => (i, c.Name)));
        else foreach (var item in _items) selected.Add((Resolve(source, item.Qualifier, item.Column), item.Alias ?? item.Column));
        foreach (var (index, _) in selected) used.Add(index);
        var where = _where.Count == 0 ? "" : " WHERE " + Translate(source, _where, used);
        var order = _orderBy.Count == 0 ? "" : Translate(source, _orderBy, used) + ", ";
        string relation;
        if (source.Dataset is { } dataset) relation = account.View(dataset, used.Select(i => dataset.Columns[i]).ToList());
        else relation = Load(account.Duck, source);
        var sql = "SELECT " + string.Join(", ", selected.Select(s => DuckDbText.Identifier(source.Columns[s.Index].Name))) + " FROM " + relation + where
            + " ORDER BY " + order + PolicyViews.RowColumn + (_limit is { } n ? " LIMIT " + n.ToString(CultureInfo.InvariantCulture) : "");
        var columns = selected.Select(s => source.Columns[s.Index] with { Name = s.Name }).ToList();
        var rows = new List<object?[]>();
        try
        {
            using var command = Simulator.Command(account.Duck, sql);
            using var reader = command.ExecuteReader();
            for (var i = 0; i < columns.Count && source.Dataset is not null; i++) columns[i] = columns[i] with { ClrType = reader.GetFieldType(i) };
            while (reader.Read())
            {
                var row = new object?[columns.Count];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
        }
        catch (System.Data.Common.DbException e)
        {
            throw Errors.Execution(Simulator.FirstLine(e.Message));
        }
        return new ResultSet(columns, rows);
    }

    // Computed rows go to a temporary table, so that WHERE and ORDER BY run on DuckDB as for a dataset.
    private static string Load(DuckDBConnection duck, Source source, string table = "governance_result")
    {
        string TypeOf(ResultColumn c) => c.ClrType == typeof(long) ? "BIGINT" : "VARCHAR";
        Simulator.Execute(duck, "CREATE OR REPLACE TEMP TABLE " + table + " (" + PolicyViews.RowColumn + " INTEGER"
            + string.Concat(source.Columns.Select(c => ", " + DuckDbText.Identifier(c.Name) + " " + TypeOf(c))) + ")");
        var insert = "INSERT INTO " + table + " VALUES (?" + string.Concat(source.Columns.Select(_ => ", ?")) + ")";
        for (var r = 0; r < source.Rows!.Count; r++) Simulator.Execute(duck, insert, source.Rows[r].Prepend(r).ToArray());
        return table;
    }

    // `FROM db.INFORMATION_SCHEMA.X [a] JOIN db.INFORMATION_SCHEMA.Y [b] ON …`: both views loaded, joined on DuckDB.
    private ResultSet RunJoin(Account account)
    {
        static bool IsView(IReadOnlyList<string> name) => name.Count == 3 && name[1] == "INFORMATION_SCHEMA";
        if (!IsView(_from) || !IsView(_join!)) throw Errors.Unsupported("a JOIN of anything but two Information Schema views (`db.INFORMATION_SCHEMA.COLUMNS`, `db.INFORMATION_SCHEMA.TABLES`)");
        var sides = new[]
        {
            (Name: _alias ?? _from[^1], Sql: "l", Source: InformationSchema.Columns(account, _from[0], _from[2])),
            (Name: _joinAlias ?? _join![^1], Sql: "r", Source: InformationSchema.Columns(account, _join![0], _join[2])),
        };
        if (sides[0].Name == sides[1].Name) throw Errors.Compilation("duplicate alias '" + sides[0].Name + "'");
        (int Side, int Index) Resolve(string? qualifier, string column)
        {
            var found = new List<(int, int)>();
            for (var side = 0; side < sides.Length; side++)
            {
                if (qualifier is not null && !string.Equals(qualifier, sides[side].Name, StringComparison.Ordinal)) continue;
                var columns = sides[side].Source.Columns;
                for (var i = 0; i < columns.Count; i++)
                {
                    if (string.Equals(columns[i].Name, column, StringComparison.Ordinal)) found.Add((side, i));
                }
            }
            return found.Count switch
            {
                1 => found[0],
                0 => throw Errors.Compilation("invalid identifier '" + (qualifier is null ? "" : qualifier + ".") + column + "'"),
                _ => throw Errors.Compilation("ambiguous column name '" + column + "'"),
            };
        }
        string Text(string? qualifier, string column)
        {
            var (side, index) = Resolve(qualifier, column);
            return sides[side].Sql + "." + DuckDbText.Identifier(sides[side].Source.Columns[index].Name);
        }
        var selected = new List<(int Side, int Index, string Name)>();
        if (_items is null)
        {
            for (var side = 0; side < sides.Length; side++) selected.AddRange(sides[side].Source.Columns.Select((c, i) => (side, i, c.Name)));
        }
        else foreach (var item in _items)
        {
            var (side, index) = Resolve(item.Qualifier, item.Column);
            selected.Add((side, index, item.Alias ?? item.Column));
        }
        var on = Translate(_on, Text);
        var where = _where.Count == 0 ? "" : " WHERE " + Translate(_where, Text);
        var order = _orderBy.Count == 0 ? "" : Translate(_orderBy, Text) + ", ";
        var left = Load(account.Duck, sides[0].Source, "governance_result");
        var right = Load(account.Duck, sides[1].Source, "governance_join");
        var sql = "SELECT " + string.Join(", ", selected.Select(s => sides[s.Side].Sql + "." + DuckDbText.Identifier(sides[s.Side].Source.Columns[s.Index].Name)))
            + " FROM " + left + " AS l JOIN " + right + " AS r ON " + on + where
            + " ORDER BY " + order + "l." + PolicyViews.RowColumn + ", r." + PolicyViews.RowColumn + (_limit is { } n ? " LIMIT " + n.ToString(CultureInfo.InvariantCulture) : "");
        var columns = selected.Select(s => sides[s.Side].Source.Columns[s.Index] with { Name = s.Name }).ToList();
        var rows = new List<object?[]>();
        try
        {
            using var command = Simulator.Command(account.Duck, sql);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new object?[columns.Count];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
        }
        catch (System.Data.Common.DbException e)
        {
            throw Errors.Execution(Simulator.FirstLine(e.Message));
        }
        return new ResultSet(columns, rows);
    }
}
