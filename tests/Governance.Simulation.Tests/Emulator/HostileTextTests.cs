using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Governance.Simulation;
using Governance.Snowflake;
using Governance.Tests.Snowflake;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Simulation.Tests.Emulator;

/// <summary>
/// Hostile strings — quotes, backslashes, comment and statement markers, control characters, unicode — as a tag's name,
/// allowed value, comment and assigned value, in statements the compiler's generator writes: the emulated account reads
/// each one back exactly, through SHOW TAGS, SYSTEM$GET_TAG_ALLOWED_VALUES and TAG_REFERENCES_ALL_COLUMNS. A string
/// the generator refuses (NUL, a lone surrogate, a value over 256 characters) is not generated.
/// </summary>
public sealed class HostileTextTests
{
    private sealed record Case(string Name, string Value, string Comment);

    private static readonly MetadataSnapshot One = new(Array.Empty<RoleDefinition>(), new[]
    {
        new Domain("sales", null, new[] { new DataProduct("orders", null, null, "SALES", "ORDERS", new[] { new Dataset("ORDERS", DatasetKind.Table, new[] { new Column("REGION", SnowflakeType.Varchar(16)) }) }) }),
    });

    private static Case? Valid(string name, string value, string comment)
    {
        try
        {
            _ = new CreateTag(new SchemaObjectName("GOVERNANCE", "TAGS", name), new[] { value }, comment);
            return new Case(name, value, comment);
        }
        catch (SnowflakeCompileException)
        {
            return null;
        }
    }

    [Property(MaxTest = 60)]
    public Property TagNamesValuesAndComments_ReadBackExactly() => Prop.ForAll(Arb.From(
        from name in SqlInjectionPropertyTests.Hostile()
        from value in SqlInjectionPropertyTests.Hostile()
        from comment in SqlInjectionPropertyTests.Hostile()
        let c = Valid(name, value, comment)
        where c is not null
        select c), c =>
    {
        using var account = Emulated.Account();
        account.CreateDatasets(One, rows: 1);
        var tag = new SchemaObjectName("GOVERNANCE", "TAGS", c.Name);
        Emulated.Execute(account, SqlGenerator.Generate(new CreateTag(tag, new[] { c.Value }, c.Comment)));
        Emulated.Execute(account, SqlGenerator.Generate(new SetTag(new ColumnTarget(DatasetKind.Table, new SchemaObjectName("SALES", "ORDERS", "ORDERS"), "REGION"),
            new[] { new TagAssignment(tag, c.Value) })));
        var shown = Emulated.Records(account, "SHOW TAGS IN SCHEMA GOVERNANCE.TAGS").Single();
        var allowed = Emulated.Query(account, "SELECT SYSTEM$GET_TAG_ALLOWED_VALUES(" + SqlText.Literal(tag.Sql) + ")").Rows.Single()[0];
        var assigned = Emulated.Records(account, "SELECT TAG_NAME, TAG_VALUE FROM TABLE(SALES.INFORMATION_SCHEMA.TAG_REFERENCES_ALL_COLUMNS('SALES.ORDERS.ORDERS', 'TABLE'))").Single();
        Assert.Multiple(() =>
        {
            Assert.That(shown["name"], Is.EqualTo(c.Name));
            Assert.That(shown["comment"], Is.EqualTo(c.Comment));
            Assert.That(JsonSerializer.Deserialize<string[]>(allowed!), Is.EqualTo(new[] { c.Value }));
            Assert.That(assigned["TAG_NAME"], Is.EqualTo(c.Name));
            Assert.That(assigned["TAG_VALUE"], Is.EqualTo(c.Value));
        });
    });
}
