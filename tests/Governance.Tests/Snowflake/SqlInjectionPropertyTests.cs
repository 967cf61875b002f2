using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Governance.Snowflake;
using static Governance.Tests.Snowflake.Tok;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Tests.Snowflake;

/// <summary>
/// Hostile strings as database, schema, table, column, tag value, role name and comment: the emitted statement
/// tokenizes (under Snowflake's lexical rules, <see cref="SnowflakeLexer"/>) into exactly the intended tokens — each
/// user string inside one string literal or one quoted identifier, equal to it once unescaped — or the input is
/// refused with <see cref="SnowflakeCompileException"/> and nothing is emitted.
/// </summary>
public sealed class SqlInjectionPropertyTests
{
    private static readonly string[] Pieces =
    {
        "\"", "'", "\\", ".", " ", "$$", "--", ";", "/*", "*/", "//", "\n", "\r", "\t", "\b", "\f", "\u0001", "\u001f", "\u007f",
        "é", "日本", "😀", "\"\"", "''", "\\'", "\\\\", "a", "Z", "0", "_", "x", "SELECT", "DROP TABLE x", "\u2028", "\u00a0",
        "\\x41", "\\u0041", "\\0", "\\101", "\\d", "ALL", "END", "' OR 1=1 --", "\"; DROP TAG t; --", "$", "@", "?",
    };

    internal static Gen<string> Hostile()
    {
        var piece = Gen.Elements(Pieces);
        var concatenated = from n in Gen.Choose(1, 8) from parts in Gen.ArrayOf(piece, n) select string.Concat(parts);
        var anyChars = from n in Gen.Choose(0, 20) from cs in Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(i => (char)i), n) select new string(cs);
        var longOnes = from n in Gen.Choose(120, 135) from p in Gen.Elements("a", "\"", "'", "\\", "é", "😀", "\n") select string.Concat(Enumerable.Repeat(p, n * (p.Length == 2 ? 1 : 2)));
        var broken = from a in piece from bad in Gen.Elements("\0", "\ud800", "\udc00", "x\0y") from b in piece select a + bad + b;
        var words = Gen.Elements("SALES", "select", "a b", "Mixed_Case$1", "ÄÖÜ");
        return Gen.Frequency((10, concatenated), (3, words), (2, anyChars), (1, longOnes), (1, broken));
    }

    internal sealed record Inputs(string Database, string Schema, string Table, string Column, string TagValue, string Role, string Comment);

    private static Arbitrary<Inputs> AllInputs => Arb.From(
        from db in Hostile()
        from schema in Hostile()
        from table in Hostile()
        from column in Hostile()
        from tagValue in Hostile()
        from role in Hostile()
        from comment in Hostile()
        select new Inputs(db, schema, table, column, tagValue, role, comment));

    // Validity, written from Snowflake's rules and not from the generator's helpers.
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static bool ValidText(string s)
    {
        if (s.Contains('\0', StringComparison.Ordinal)) return false;
        try { StrictUtf8.GetBytes(s); return true; }
        catch (EncoderFallbackException) { return false; }
    }

    private static bool Id(params string[] names) => names.All(n => n.Length is > 0 and <= 255 && ValidText(n));
    private static bool TagValue(string v) => v.Length <= 256 && ValidText(v);

    private static void Expect(Func<Operation> build, bool valid, Func<List<Token>> expected)
    {
        if (!valid)
        {
            Assert.Throws<SnowflakeCompileException>(() => SqlGenerator.Generate(build()));
            return;
        }
        var sql = SqlGenerator.Generate(build());
        Assert.That(SnowflakeLexer.Tokenize(sql), Is.EqualTo(expected()), sql);
    }

    private static IEnumerable<Token> Varchar => Seq(W("VARCHAR"), P("("), N("16777216"), P(")"));

    [Property(MaxTest = 500)]
    public Property EmittedStatements_TokenizeIntoExactlyTheIntendedTokens() => Prop.ForAll(AllInputs, x =>
    {
        var (db, s, t, c, v, role, comment) = (x.Database, x.Schema, x.Table, x.Column, x.TagValue, x.Role, x.Comment);
        Assert.Multiple(() =>
        {
            Expect(() => new SetTag(new ColumnTarget(DatasetKind.Table, new SchemaObjectName(db, s, t), c), new[] { new TagAssignment(new SchemaObjectName(db, s, c), v) }),
                Id(db, s, t, c) && TagValue(v),
                () => Seq(Ws("ALTER TABLE"), Q(db, s, t), Ws("MODIFY COLUMN"), I(c), Ws("SET TAG"), Q(db, s, c), P("="), S(v), P(";")));

            Expect(() => new SetTag(new DatabaseTarget(db), new[] { new TagAssignment(new SchemaObjectName(db, s, t), v) }),
                Id(db, s, t) && TagValue(v),
                () => Seq(Ws("ALTER DATABASE"), I(db), Ws("SET TAG"), Q(db, s, t), P("="), S(v), P(";")));

            Expect(() => new UnsetTag(new SchemaTarget(new SchemaName(db, s)), new[] { new SchemaObjectName(db, s, t) }),
                Id(db, s, t),
                () => Seq(Ws("ALTER SCHEMA"), Q(db, s), Ws("UNSET TAG"), Q(db, s, t), P(";")));

            Expect(() => new CreateTag(new SchemaObjectName(db, s, t), new[] { v }, comment),
                Id(db, s, t) && TagValue(v) && ValidText(comment),
                () => Seq(Ws("CREATE TAG IF NOT EXISTS"), Q(db, s, t), W("ALLOWED_VALUES"), S(v), W("COMMENT"), P("="), S(comment), P(";")));

            Expect(() => new AddTagAllowedValues(new SchemaObjectName(db, s, t), new[] { v }),
                Id(db, s, t) && TagValue(v),
                () => Seq(Ws("ALTER TAG"), Q(db, s, t), Ws("ADD ALLOWED_VALUES"), S(v), P(";")));

            Expect(() =>
                {
                    var body = MaskingBodies.For(new RedactStrategy(comment), SnowflakeType.Varchar(), new[] { new[] { role } }, Array.Empty<MaskingConditionArgument>());
                    return new CreateMaskingPolicy(new SchemaObjectName(db, s, t), PolicySignature.ForMasking(SnowflakeType.Varchar()), body, comment);
                },
                Id(db, s, t, role) && ValidText(comment),
                () => Seq(Ws("CREATE MASKING POLICY IF NOT EXISTS"), Q(db, s, t), W("AS"), P("("), I("VAL"), Varchar, P(")"),
                    W("RETURNS"), Varchar, P("->"),
                    W("CASE"), W("WHEN"), W("IS_ROLE_IN_SESSION"), P("("), S(role), P(")"), W("THEN"), I("VAL"), W("ELSE"), S(comment), W("END"),
                    W("COMMENT"), P("="), S(comment), P(";")));

            Expect(() =>
                {
                    var sig = PolicySignature.ForRowAccess(SnowflakeType.Varchar());
                    var body = PolicyExpression.Or(PolicyExpression.IsRoleInSession(role),
                        PolicyExpression.EntitlementExists(new SchemaObjectName(db, s, t), c, s, sig.Ref("ARG_1")));
                    return new CreateRowAccessPolicy(new SchemaObjectName(db, s, "RAP"), sig, body, comment);
                },
                Id(db, s, t, c, role) && ValidText(comment),
                () => Seq(Ws("CREATE ROW ACCESS POLICY IF NOT EXISTS"), Q(db, s, "RAP"), W("AS"), P("("), I("ARG_1"), Varchar, P(")"),
                    Ws("RETURNS BOOLEAN"), P("->"),
                    W("IS_ROLE_IN_SESSION"), P("("), S(role), P(")"), W("OR"),
                    W("EXISTS"), P("("), W("SELECT"), N("1"), W("FROM"), Q(db, s, t), W("m"), W("WHERE"),
                    W("IS_ROLE_IN_SESSION"), P("("), W("m"), P("."), I(c), P(")"), W("AND"), W("m"), P("."), I(s), P("="), I("ARG_1"), P(")"),
                    W("COMMENT"), P("="), S(comment), P(";")));

            Expect(() => new SetColumnMaskingPolicy(DatasetKind.View, new SchemaObjectName(db, s, t), c, new SchemaObjectName(db, s, "MP"), new[] { s }, force: true),
                Id(db, s, t, c),
                () => Seq(Ws("ALTER VIEW"), Q(db, s, t), Ws("MODIFY COLUMN"), I(c), Ws("SET MASKING POLICY"), Q(db, s, "MP"),
                    W("USING"), P("("), I(c), P(","), I(s), P(")"), W("FORCE"), P(";")));

            Expect(() => new SwapRowAccessPolicy(DatasetKind.IcebergTable, new SchemaObjectName(db, s, t), new SchemaObjectName(db, s, c), new SchemaObjectName(db, s, role), new[] { c, t }),
                Id(db, s, t, c, role),
                () => Seq(Ws("ALTER ICEBERG TABLE"), Q(db, s, t), Ws("DROP ROW ACCESS POLICY"), Q(db, s, c), P(","),
                    Ws("ADD ROW ACCESS POLICY"), Q(db, s, role), W("ON"), P("("), I(c), P(","), I(t), P(")"), P(";")));

            Expect(() => new DropMaskingPolicy(new SchemaObjectName(db, s, t)),
                Id(db, s, t),
                () => Seq(Ws("DROP MASKING POLICY IF EXISTS"), Q(db, s, t), P(";")));
        });
    });

    [Property(MaxTest = 500)]
    public Property Literal_RoundTripsThroughTheLexer() => Prop.ForAll(Arb.From(Hostile()), value =>
    {
        if (!ValidText(value))
        {
            Assert.Throws<SnowflakeCompileException>(() => SqlText.Literal(value));
            return;
        }
        var literal = SqlText.Literal(value);
        Assert.That(SnowflakeLexer.Tokenize(literal), Is.EqualTo(new[] { S(value) }), literal);
        // Ordinal: a leading combining mark would fool a culture-aware StartsWith.
        Assert.That((literal[0], literal[^1]), Is.EqualTo(('\'', '\'')), literal);
    });

    [Test]
    public void Identifier_WithNul_IsRefused()
    {
        var e = Assert.Throws<SnowflakeCompileException>(() => SqlText.Identifier("a\0b"));
        Assert.That(e!.Message, Does.Contain("NUL").And.Contain("`a\\u0000b`"));
    }

    [Test]
    public void Identifier_LongerThan255_IsRefused_And255IsAccepted()
    {
        Assert.Multiple(() =>
        {
            var e = Assert.Throws<SnowflakeCompileException>(() => new SchemaObjectName("DB", "S", new string('x', 256)));
            Assert.That(e!.Message, Does.Contain("255"));
            Assert.That(SqlText.Identifier(new string('"', 255)), Has.Length.EqualTo(2 + 510));
            Assert.Throws<SnowflakeCompileException>(() => SqlText.Identifier(""));
            Assert.Throws<SnowflakeCompileException>(() => SqlText.Identifier("a\ud800"));
        });
    }

    [Test]
    public void Literal_WithNulOrUnpairedSurrogate_IsRefused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<SnowflakeCompileException>(() => SqlText.Literal("x\0"));
            Assert.Throws<SnowflakeCompileException>(() => SqlText.Literal("\udc00x"));
            Assert.Throws<SnowflakeCompileException>(() => new TagAssignment(new SchemaObjectName("G", "T", "PII"), "a\0"));
            Assert.Throws<SnowflakeCompileException>(() => new CreateTag(new SchemaObjectName("G", "T", "PII"), Array.Empty<string>(), "c\0"));
            Assert.Throws<SnowflakeCompileException>(() => PolicyExpression.IsRoleInSession("R\0"));
        });
    }

    [Test]
    public void TagValue_LongerThan256_IsRefused()
    {
        var tag = new SchemaObjectName("G", "T", "PII");
        Assert.Multiple(() =>
        {
            Assert.Throws<SnowflakeCompileException>(() => new TagAssignment(tag, new string('v', 257)));
            Assert.That(new TagAssignment(tag, new string('v', 256)).Value, Has.Length.EqualTo(256));
        });
    }
}
