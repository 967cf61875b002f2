using FsCheck;
using FsCheck.Fluent;

namespace Governance.Tests.Generators;

/// <summary>
/// FsCheck generators of valid metadata snapshots: realistic names (including badly cased ones and a reserved word),
/// a small tag vocabulary, Snowflake types as people spell them, and a random acyclic role hierarchy. Every generated
/// snapshot passes <see cref="SnapshotReader"/>'s checks (unique names where required, one product per schema).
/// </summary>
public static class SnapshotGen
{
    public static readonly IReadOnlyList<string> RoleNames =
        ["ANALYST", "PII_READER", "DATA_ENGINEER", "FINANCE_ANALYST", "SALES_REP", "AUDITOR", "SYSADMIN"];

    public static readonly IReadOnlyList<string> DomainNames = ["sales", "finance", "marketing", "hr", "logistics"];

    public static readonly IReadOnlyList<string> ProductNames = ["orders", "customers", "payments", "invoices", "campaigns"];

    public static readonly IReadOnlyList<string> DatasetNames = ["ORDERS", "CUSTOMERS", "PAYMENTS", "EVENTS", "DIM_REGION", "order_items"];

    /// <summary>Column names: conventional ones, badly cased ones (<c>customerName</c>, <c>emailAddress</c>) and a reserved word (<c>ORDER</c>).</summary>
    public static readonly IReadOnlyList<string> ColumnNames =
    [
        "CUSTOMER_EMAIL", "PHONE_NUMBER", "SSN", "REGION", "AMOUNT", "ORDER_ID", "CREATED_AT", "IS_ACTIVE",
        "customerName", "emailAddress", "ORDER",
    ];

    /// <summary>Types as written in snapshots; several are synonyms the reader normalizes.</summary>
    public static readonly IReadOnlyList<string> TypeTexts =
        ["VARCHAR(256)", "STRING", "NUMBER(10,2)", "NUMBER", "BOOLEAN", "DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ"];

    public const string Sensitivity = "SENSITIVITY";
    public const string Pii = "PII";
    public const string DataDomain = "DATA_DOMAIN";

    public static readonly IReadOnlyList<string> SensitivityValues = ["public", "internal", "confidential", "restricted"];
    public static readonly IReadOnlyList<string> PiiValues = ["email", "phone", "ssn"];

    private static readonly IReadOnlyList<string> Owners = ["sales-data@acme.example", "finance@acme.example", "Data Platform Team"];
    private static readonly IReadOnlyList<string> Versions = ["1.0.0", "1.4.0", "2.0.0-beta.1"];
    private static readonly SnowflakeType[] Types = TypeTexts.Select(SnowflakeType.Parse).ToArray();
    private static readonly DatasetKind[] Kinds = Enum.GetValues<DatasetKind>();

    /// <summary>A valid snapshot: 0–5 roles, 1–<paramref name="maxDomains"/> domains and so on down to columns.</summary>
    public static Gen<MetadataSnapshot> Snapshot(int maxDomains = 3, int maxProducts = 3, int maxDatasets = 3, int maxColumns = 6) =>
        from roles in Roles()
        from domainNames in Distinct(DomainNames, 1, Math.Min(maxDomains, DomainNames.Count))
        from domains in Gen.CollectToArray(domainNames, name => Domain(name, maxProducts, maxDatasets, maxColumns))
        from takenAt in TakenAt()
        select new MetadataSnapshot(roles, domains, takenAt);

    /// <summary>A role hierarchy without cycles: each role inherits only roles listed before it.</summary>
    public static Gen<RoleDefinition[]> Roles() =>
        from names in Distinct(RoleNames, 0, 5)
        from inherits in Gen.CollectToArray(Enumerable.Range(0, names.Length), i => Gen.SubListOf(names.Take(i).ToArray()))
        select names.Select((name, i) => new RoleDefinition(name, inherits[i].ToArray())).ToArray();

    public static Gen<Domain> Domain(string name, int maxProducts = 3, int maxDatasets = 3, int maxColumns = 6) =>
        from owner in Maybe(Owners)
        from productNames in Distinct(ProductNames, 1, Math.Min(maxProducts, ProductNames.Count))
        from products in Gen.CollectToArray(productNames, product => Product(name, product, maxDatasets, maxColumns))
        select new Domain(name, owner, products);

    /// <summary>
    /// A product of <paramref name="domain"/>; its schema is unique in any snapshot whose domain names are unique and
    /// whose product names are unique within a domain (database = the domain or ANALYTICS with a prefixed schema).
    /// </summary>
    public static Gen<DataProduct> Product(string domain, string name, int maxDatasets = 3, int maxColumns = 6) =>
        from version in Maybe(Versions)
        from owner in Maybe(Owners)
        from shared in Gen.Elements(true, false)
        from tags in Tags(domain)
        from datasetNames in Distinct(DatasetNames, 1, Math.Min(maxDatasets, DatasetNames.Count))
        from datasets in Gen.CollectToArray(datasetNames, dataset => Dataset(domain, dataset, maxColumns))
        let database = shared ? "ANALYTICS" : domain.ToUpperInvariant()
        let schema = shared ? (domain + "_" + name).ToUpperInvariant() : name.ToUpperInvariant()
        select new DataProduct(name, version, owner, database, schema, datasets, tags);

    public static Gen<Dataset> Dataset(string domain, string name, int maxColumns = 6) =>
        from kind in Gen.Elements(Kinds)
        from tags in Tags(domain)
        from columnNames in Distinct(ColumnNames, 1, Math.Min(maxColumns, ColumnNames.Count))
        from columns in Gen.CollectToArray(columnNames, column => Column(domain, column))
        from sources in kind == DatasetKind.MaterializedView ? Sources() : Gen.Constant<string[]?>(null)
        select new Dataset(name, kind, columns, tags, sources);

    /// <summary>A materialized view's lineage, outside the generated mesh (the planner's checks of it have their own tests): absent, empty or a few targets.</summary>
    private static Gen<string[]?> Sources() => Gen.Frequency(
        (2, Gen.Constant<string[]?>(null)),
        (1, Gen.Constant<string[]?>(Array.Empty<string>())),
        (1, Gen.Elements("LINEAGE.RAW.ORDERS", "LINEAGE.RAW.Customers", "LINEAGE.a.b.c").NonEmptyListOf().Select(l => (string[]?)l.Distinct().ToArray())));

    public static Gen<Column> Column(string domain, string name) =>
        from type in Gen.Elements(Types)
        from nullable in Gen.Elements(true, false)
        from tags in Tags(domain)
        select new Column(name, type, nullable, tags);

    /// <summary>Any subset of SENSITIVITY, PII and DATA_DOMAIN (valued with <paramref name="domain"/>).</summary>
    public static Gen<TagSet> Tags(string domain) =>
        from sensitivity in Maybe(SensitivityValues)
        from pii in Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Gen.Elements(PiiValues.ToArray()).Select(v => (string?)v)))
        from dataDomain in Maybe([domain])
        select TagSet.Create(Pairs((Sensitivity, sensitivity), (Pii, pii), (DataDomain, dataDomain)));

    public static Gen<DateTimeOffset?> TakenAt() =>
        from present in Gen.Elements(true, false)
        from seconds in Gen.Choose(0, 400 * 24 * 3600)
        from millis in Gen.Elements(0, 0, 250, 999)
        from offsetHours in Gen.Elements(0, 0, 2, -5)
        select present
            ? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(offsetHours)).AddSeconds(seconds).AddMilliseconds(millis)
            : (DateTimeOffset?)null;

    /// <summary>
    /// The same snapshot with domains, products, datasets, columns, roles and each role's inherits in a random order
    /// (tag sets are sets and keep their order). Order-independence tests compare results on both.
    /// </summary>
    public static Gen<MetadataSnapshot> Shuffled(MetadataSnapshot snapshot) =>
        from roles in Gen.CollectToArray(snapshot.Roles, r => Gen.Shuffle(r.Inherits.ToArray()).Select(i => new RoleDefinition(r.Name, i)))
        from roleOrder in Gen.Shuffle(roles)
        from domains in Gen.CollectToArray(snapshot.Domains, ShuffledDomain)
        from domainOrder in Gen.Shuffle(domains)
        select new MetadataSnapshot(roleOrder, domainOrder, snapshot.TakenAt);

    private static Gen<Domain> ShuffledDomain(Domain d) =>
        from products in Gen.CollectToArray(d.Products, ShuffledProduct)
        from order in Gen.Shuffle(products)
        select new Domain(d.Name, d.Owner, order);

    private static Gen<DataProduct> ShuffledProduct(DataProduct p) =>
        from datasets in Gen.CollectToArray(p.Datasets, ShuffledDataset)
        from order in Gen.Shuffle(datasets)
        select new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema, order, p.Tags);

    private static Gen<Dataset> ShuffledDataset(Dataset s) =>
        Gen.Shuffle(s.Columns.ToArray()).Select(columns => new Dataset(s.Name, s.Kind, columns, s.Tags, s.Sources));

    /// <summary>Between <paramref name="min"/> and <paramref name="max"/> distinct items of <paramref name="pool"/>, in random order.</summary>
    public static Gen<T[]> Distinct<T>(IReadOnlyList<T> pool, int min, int max) =>
        from n in Gen.Choose(min, max)
        from shuffled in Gen.Shuffle(pool.ToArray())
        select shuffled.Take(n).ToArray();

    private static Gen<string?> Maybe(IReadOnlyList<string> values) =>
        Gen.Frequency((1, Gen.Constant<string?>(null)), (2, Gen.Elements(values.ToArray()).Select(v => (string?)v)));

    private static IEnumerable<KeyValuePair<string, string>> Pairs(params (string Name, string? Value)[] tags)
    {
        foreach (var (name, value) in tags)
        {
            if (value != null) yield return new KeyValuePair<string, string>(name, value);
        }
    }
}
