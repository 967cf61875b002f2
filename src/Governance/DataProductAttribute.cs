using Governance.Rules;
using Governance.Snapshots;

namespace Governance;

/// <summary>
/// Declares a data product on a class: its domain and name, and the Snowflake database and schema it lives in
/// (by default the domain and the product name in UPPER_SNAKE). Its datasets are the <see cref="DatasetAttribute"/>
/// classes nested in it or pointing at it with <see cref="DatasetAttribute.Product"/>.
/// </summary>
/// <example><code>[DataProduct("sales", "orders", Owner = "orders-team@acme.example", Version = "1.4.0")]</code></example>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DataProductAttribute(string domain, string name) : Attribute
{
    /// <summary>The domain the product belongs to.</summary>
    public string Domain { get; } = domain;
    /// <summary>The product's name, unique within its domain.</summary>
    public string Name { get; } = name;
    /// <summary>Who answers for the product (an e-mail address or team name).</summary>
    public string? Owner { get; init; }
    /// <summary>The product's version.</summary>
    public string? Version { get; init; }
    /// <summary>The Snowflake database; default: the domain name in UPPER_SNAKE.</summary>
    public string? Database { get; init; }
    /// <summary>The Snowflake schema; default: the product name in UPPER_SNAKE.</summary>
    public string? Schema { get; init; }
}

/// <summary>
/// Declares a dataset (table, view, …) of a product on a class; the class's <see cref="ColumnAttribute"/> properties are
/// its columns. The name defaults to the class name in UPPER_SNAKE (<c>OrderLines</c> → <c>ORDER_LINES</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DatasetAttribute : Attribute
{
    /// <summary>A dataset named after the class.</summary>
    public DatasetAttribute() { }
    /// <summary>A dataset named <paramref name="name"/>.</summary>
    public DatasetAttribute(string name) => Name = name;

    /// <summary>The dataset's name as given; null: the class name in UPPER_SNAKE.</summary>
    public string? Name { get; }
    /// <summary>Default: <see cref="DatasetKind.Table"/>.</summary>
    public DatasetKind Kind { get; init; } = DatasetKind.Table;
    /// <summary>The <see cref="DataProductAttribute"/> class the dataset belongs to; default: the class it is nested in.</summary>
    public Type? Product { get; init; }
}

/// <summary>
/// Declares a column on a property. The name defaults to the property name in UPPER_SNAKE
/// (<c>CustomerEmail</c> → <c>CUSTOMER_EMAIL</c>) and the type to the property type's Snowflake type
/// (<c>string</c> VARCHAR, <c>int</c>/<c>long</c> NUMBER(38,0), <c>decimal</c> NUMBER(38,9), <c>bool</c> BOOLEAN,
/// <c>DateOnly</c> DATE, <c>DateTime</c> TIMESTAMP_NTZ, <c>DateTimeOffset</c> TIMESTAMP_TZ, …; see docs/analyzers.md).
/// The column is nullable when the property is (<c>int?</c>, <c>string?</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>A column named after the property, of the property type's Snowflake type.</summary>
    public ColumnAttribute() { }
    /// <summary>A column named <paramref name="name"/>, of the property type's Snowflake type.</summary>
    public ColumnAttribute(string name) => Name = name;
    /// <summary>A column named <paramref name="name"/> of the Snowflake type <paramref name="type"/>.</summary>
    public ColumnAttribute(string name, string type)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The column's name as given; null: the property name in UPPER_SNAKE.</summary>
    public string? Name { get; }
    /// <summary>A Snowflake type as Snowflake spells it, like <c>VARCHAR(256)</c> or <c>NUMBER(12,2)</c>.</summary>
    public string? Type { get; init; }
}

/// <summary>Sets a tag on a product, dataset or column; columns inherit their dataset's and product's tags.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property, AllowMultiple = true, Inherited = false)]
public sealed class TagAttribute(string name, string value) : Attribute
{
    /// <summary>The tag's name.</summary>
    public string Name { get; } = name;
    /// <summary>The tag's value.</summary>
    public string Value { get; } = value;
}

/// <summary>Names a domain's owner: <c>[assembly: DataDomain("sales", Owner = "sales-data@acme.example")]</c>.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class DataDomainAttribute(string name) : Attribute
{
    /// <summary>The domain's name.</summary>
    public string Name { get; } = name;
    /// <summary>Who answers for the domain (an e-mail address or team name).</summary>
    public string? Owner { get; init; }
}
