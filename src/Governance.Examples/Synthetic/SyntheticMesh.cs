using System.Globalization;
using Governance.Rules;
using Governance.Simulation;
using Governance.Snapshots;

namespace Governance.Examples.Synthetic;

/// <summary>
/// A deterministic synthetic data mesh for benchmarks and scale tests: <see cref="Generate"/> builds a snapshot of
/// exactly N columns with realistic names, types and tags, and <see cref="Pack"/> a global rule pack of exactly M
/// rules of every kind that applies to it.
/// </summary>
/// <remarks>
/// <para>
/// Shape: about one domain per 50,000 columns (at least 3), products of 5–20 datasets, datasets of 5–40 columns (the
/// last dataset of the mesh is cut to the remainder, so it may be smaller), 20 roles in a hierarchy. About 10% of
/// columns hold personal data (named so and tagged <c>PII</c>), most columns carry <c>SENSITIVITY</c>, a quarter carry
/// one of <see cref="ClassTagCount"/> <c>CLASS_nnn</c> classification tags, and a few percent break a rule on purpose
/// (missing or unknown tags, disallowed values, names in the wrong case or too long, booleans without <c>IS_</c>…).
/// </para>
/// <para>
/// Randomness is a SplitMix64 sequence of our own, so the same (columns, seed) gives byte-identical
/// <see cref="SnapshotWriter"/> output on every runtime, and the same (rules, seed) the same manifest.
/// </para>
/// </remarks>
public static class SyntheticMesh
{
    /// <summary>The name of the generated pack.</summary>
    public const string PackName = "synthetic-global";

    /// <summary>How many <c>CLASS_nnn</c> tags the taxonomy declares (each allows <see cref="ClassValues"/>).</summary>
    public const int ClassTagCount = 200;

    /// <summary>Columns per domain, roughly.</summary>
    public const int ColumnsPerDomain = 50_000;

    /// <summary>The smallest and largest pack <see cref="Pack"/> builds.</summary>
    public const int MinRules = 10, MaxRules = 1000;

    /// <summary>The allowed values of every <c>CLASS_nnn</c> tag.</summary>
    public static IReadOnlyList<string> ClassValues { get; } = new[] { "tier1", "tier2", "tier3", "tier4" };

    private static readonly DateTimeOffset TakenAt = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    // ───────────────────────────── vocabulary ─────────────────────────────

    private static readonly string[] DomainWords =
    {
        "sales", "finance", "marketing", "hr", "logistics", "product", "support", "risk", "legal", "procurement",
        "manufacturing", "research", "security", "operations", "partners", "billing", "identity", "analytics",
        "inventory", "pricing", "payments", "fraud", "customer", "compliance",
    };

    private static readonly string[] ProductWords =
    {
        "orders", "customers", "accounts", "invoices", "payments", "shipments", "suppliers", "employees", "campaigns",
        "tickets", "contracts", "stores", "devices", "sessions", "claims", "policies", "ledger", "assets", "vendors", "events",
    };

    private static readonly string[] Nouns =
    {
        "ORDER", "CUSTOMER", "ACCOUNT", "PRODUCT", "INVOICE", "PAYMENT", "SHIPMENT", "SUPPLIER", "EMPLOYEE", "CAMPAIGN",
        "TICKET", "CONTRACT", "STORE", "DEVICE", "SESSION", "CLAIM", "POLICY", "LEDGER", "ASSET", "VENDOR",
    };

    private static readonly string[] TextAttributes =
    {
        "STATUS", "CATEGORY", "DESCRIPTION", "CHANNEL", "CURRENCY_CODE", "SEGMENT", "SOURCE_SYSTEM", "EXTERNAL_REF",
        "NOTES", "LABEL", "TYPE_CODE", "BUSINESS_UNIT",
    };

    private static readonly string[] Measures =
    {
        "AMOUNT", "NET_AMOUNT", "GROSS_AMOUNT", "PRICE", "UNIT_PRICE", "QUANTITY", "BALANCE", "DISCOUNT", "TAX_AMOUNT",
        "COST", "MARGIN", "SCORE",
    };

    private static readonly string[] Timestamps = { "CREATED_AT", "UPDATED_AT", "LOADED_AT", "SHIPPED_AT", "PAID_AT", "CLOSED_AT", "DELETED_AT", "EVENT_AT" };
    private static readonly string[] BadTimestamps = { "CREATED_TS", "UPDATE_TIME", "LOAD_TIMESTAMP" };
    private static readonly string[] Booleans = { "IS_ACTIVE", "IS_VERIFIED", "HAS_DISCOUNT", "IS_TEST", "HAS_CHILDREN", "IS_PRIMARY" };
    private static readonly string[] BadBooleans = { "ACTIVE_FLAG", "VERIFIED", "DISCOUNTED" };
    private static readonly string[] Dates = { "ORDER_DATE", "START_DATE", "END_DATE", "VALID_FROM", "VALID_TO", "BUSINESS_DATE" };
    private static readonly string[] SemiStructured = { "PAYLOAD", "ATTRIBUTES", "METADATA" };
    private static readonly string[] ReservedNames = { "ORDER", "GROUP", "VALUES", "TABLE", "ROWS", "START" };
    private static readonly string[] DatasetPrefixes = { "FCT_", "FCT_", "DIM_", "DIM_", "STG_", "STG_", "RAW_", "RAW_", "VW_", "AGG_" };
    private static readonly string[] Sensitivities = { "public", "internal", "confidential", "restricted" };
    private static readonly string[] Retentions = { "30d", "1y", "7y" };

    /// <summary>Columns that look like personal data: name, type, PII kind, sensitivity.</summary>
    private static readonly (string Name, SnowflakeType Type, string Pii, string Sensitivity)[] PiiColumns =
    {
        ("CUSTOMER_EMAIL", SnowflakeType.Parse("VARCHAR(256)"), "email", "restricted"),
        ("CONTACT_EMAIL", SnowflakeType.Parse("VARCHAR(256)"), "email", "restricted"),
        ("PHONE_NUMBER", SnowflakeType.Parse("VARCHAR(32)"), "phone", "restricted"),
        ("MOBILE_PHONE", SnowflakeType.Parse("VARCHAR(32)"), "phone", "restricted"),
        ("SSN", SnowflakeType.Parse("VARCHAR(11)"), "ssn", "restricted"),
        ("FIRST_NAME", SnowflakeType.Parse("VARCHAR(128)"), "name", "confidential"),
        ("LAST_NAME", SnowflakeType.Parse("VARCHAR(128)"), "name", "confidential"),
        ("STREET_ADDRESS", SnowflakeType.Parse("VARCHAR(512)"), "address", "confidential"),
        ("BIRTH_DATE", SnowflakeType.Parse("DATE"), "birthdate", "restricted"),
    };

    private static readonly SnowflakeType IdType = SnowflakeType.Parse("NUMBER(38,0)");
    private static readonly SnowflakeType AmountType = SnowflakeType.Parse("NUMBER(18,2)");
    private static readonly SnowflakeType FloatType = SnowflakeType.Parse("FLOAT");
    private static readonly SnowflakeType RegionType = SnowflakeType.Parse("VARCHAR(16)");
    private static readonly SnowflakeType CountryType = SnowflakeType.Parse("VARCHAR(2)");
    private static readonly SnowflakeType TextType = SnowflakeType.Parse("VARCHAR(256)");
    private static readonly SnowflakeType LongTextType = SnowflakeType.Parse("VARCHAR(16777216)");
    private static readonly SnowflakeType BoolType = SnowflakeType.Parse("BOOLEAN");
    private static readonly SnowflakeType DateType = SnowflakeType.Parse("DATE");
    private static readonly SnowflakeType TimestampType = SnowflakeType.Parse("TIMESTAMP_NTZ(9)");
    private static readonly SnowflakeType TimestampTzType = SnowflakeType.Parse("TIMESTAMP_TZ(9)");
    private static readonly SnowflakeType VariantType = SnowflakeType.Parse("VARIANT");

    // ───────────────────────────── roles ─────────────────────────────

    /// <summary>The 20 roles of every generated snapshot and what each inherits.</summary>
    public static IReadOnlyList<RoleDefinition> Roles { get; } = BuildRoles();

    private static RoleDefinition[] BuildRoles()
    {
        var roles = new List<RoleDefinition> { new("ANALYST") };
        foreach (var r in new[] { "DATA_ENGINEER", "PII_READER", "FINANCE_READER", "HR_READER", "MARKETING_READER", "GLOBAL_ANALYST", "REGION_AMER", "REGION_EMEA", "REGION_APAC" })
            roles.Add(new RoleDefinition(r, new[] { "ANALYST" }));
        for (var i = 0; i < ClassReaderCount; i++) roles.Add(new RoleDefinition(ClassReader(i), new[] { "ANALYST" }));
        roles.Add(new RoleDefinition("DATA_STEWARD", new[] { "PII_READER", ClassReader(0), ClassReader(1) }));
        roles.Add(new RoleDefinition("COMPLIANCE_OFFICER", new[] { "PII_READER", "FINANCE_READER", "HR_READER" }));
        roles.Add(new RoleDefinition("PLATFORM_ADMIN", new[] { "DATA_ENGINEER", "GLOBAL_ANALYST" }));
        roles.Add(new RoleDefinition("SECURITY_ADMIN", new[] { "COMPLIANCE_OFFICER", "PLATFORM_ADMIN", "DATA_STEWARD" }));
        return roles.ToArray();
    }

    private const int ClassReaderCount = 6;

    private static string ClassReader(int i) => "CLASS_READER_" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>CLASS_007</c>.</summary>
    public static string ClassTag(int i) => "CLASS_" + i.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The name of the <paramref name="i"/>-th domain: <c>sales</c>, <c>finance</c>, … then <c>sales_2</c>, ….</summary>
    public static string DomainName(int i)
    {
        var word = DomainWords[i % DomainWords.Length];
        var round = i / DomainWords.Length;
        return round == 0 ? word : word + "_" + (round + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>How many domains a mesh of <paramref name="columns"/> columns has.</summary>
    public static int DomainCount(int columns) => Math.Max(3, (int)((columns + (long)ColumnsPerDomain / 2) / ColumnsPerDomain));

    // ───────────────────────────── the snapshot ─────────────────────────────

    /// <summary>A snapshot of exactly <paramref name="columns"/> columns; the same arguments give the same snapshot.</summary>
    public static MetadataSnapshot Generate(int columns, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var g = new MeshGenerator(new SplitMix64(seed));
        return g.Build(columns);
    }

    private sealed class MeshGenerator(SplitMix64 rng)
    {
        private readonly Dictionary<string, TagSet> _tagSets = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, string>> _tags = new(4);
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);
        private readonly System.Text.StringBuilder _key = new();

        public MetadataSnapshot Build(int columns)
        {
            var domainCount = DomainCount(columns);
            var products = new List<DataProduct>[domainCount];
            for (var d = 0; d < domainCount; d++) products[d] = new List<DataProduct>();
            var remaining = columns;
            var seq = 0;
            while (remaining > 0)
            {
                var d = seq % domainCount;
                products[d].Add(Product(DomainName(d), seq, ref remaining));
                seq++;
            }
            var domains = new Domain[domainCount];
            for (var d = 0; d < domainCount; d++)
            {
                var name = DomainName(d);
                domains[d] = new Domain(name, name.Replace('_', '-') + "-data@acme.example", products[d]);
            }
            return new MetadataSnapshot(Roles, domains, TakenAt);
        }

        private DataProduct Product(string domain, int seq, ref int remaining)
        {
            var word = ProductWords[rng.Next(ProductWords.Length)];
            var number = seq.ToString("D5", CultureInfo.InvariantCulture);
            // 2% of products are named in PascalCase (the product naming rule wants lower_snake_case).
            var name = rng.Chance(0.02)
                ? char.ToUpperInvariant(word[0]) + word.Substring(1) + "Data" + number
                : word + "_" + number;
            var schema = name.ToUpperInvariant();
            var owner = rng.Chance(0.02) ? null : word + "-team@acme.example";
            var version = (1 + rng.Next(3)).ToString(CultureInfo.InvariantCulture) + "." + rng.Next(10).ToString(CultureInfo.InvariantCulture) + "." + rng.Next(10).ToString(CultureInfo.InvariantCulture);
            _tags.Clear();
            if (!rng.Chance(0.03)) _tags.Add(new("DATA_DOMAIN", domain));
            var tags = Tags();

            var datasetCount = 5 + rng.Next(16);
            var datasets = new List<Dataset>(datasetCount);
            _used.Clear();
            for (var i = 0; i < datasetCount && remaining > 0; i++)
            {
                var n = Math.Min(5 + rng.Next(36), remaining);
                remaining -= n;
                datasets.Add(Dataset(n));
            }
            return new DataProduct(name, version, owner, domain.ToUpperInvariant(), schema, datasets, tags);
        }

        private Dataset Dataset(int columnCount)
        {
            var prefix = DatasetPrefixes[rng.Next(DatasetPrefixes.Length)];
            var noun = Nouns[rng.Next(Nouns.Length)];
            var name = prefix + (rng.Chance(0.5) ? Plural(noun) : noun + "_" + TextAttributes[rng.Next(TextAttributes.Length)]);
            if (rng.Chance(0.01)) name = name.ToLowerInvariant(); // naming violation
            name = Unique(_used, name);
            var kind = prefix switch
            {
                "VW_" => DatasetKind.View,
                "AGG_" => rng.Chance(0.5) ? DatasetKind.MaterializedView : DatasetKind.DynamicTable,
                _ => rng.Chance(0.02) ? DatasetKind.IcebergTable : DatasetKind.Table,
            };
            _tags.Clear();
            if (rng.Chance(0.95)) _tags.Add(new("SENSITIVITY", Sensitivity(rng.NextDouble())));
            var tags = Tags();

            var columns = new List<Column>(columnCount);
            var names = new HashSet<string>(StringComparer.Ordinal);
            columns.Add(new Column(Intern(Unique(names, noun + "_ID")), IdType, nullable: false, Tagged("SENSITIVITY", "internal")));
            // Structural columns that row access rules look for.
            if (columns.Count < columnCount && rng.Chance(0.30)) columns.Add(Structural(names, "REGION", RegionType, "internal"));
            if (columns.Count < columnCount && rng.Chance(0.15)) columns.Add(Structural(names, "IS_DELETED", BoolType, "internal"));
            if (columns.Count < columnCount && rng.Chance(0.10)) columns.Add(Structural(names, "COUNTRY_CODE", CountryType, "internal"));
            if (columns.Count < columnCount && rng.Chance(0.05)) columns.Add(Structural(names, "TENANT_ID", IdType, "internal"));
            if (columns.Count < columnCount && rng.Chance(0.05)) columns.Add(Structural(names, "HAS_CONSENT", BoolType, "internal"));
            while (columns.Count < columnCount) columns.Add(Column(names));
            return new Dataset(name, kind, columns, tags);
        }

        private Column Structural(HashSet<string> names, string name, SnowflakeType type, string sensitivity)
            => new(Intern(Unique(names, name)), type, nullable: true, Tagged("SENSITIVITY", sensitivity));

        private Column Column(HashSet<string> names)
        {
            var roll = rng.NextDouble();
            string name;
            SnowflakeType type;
            string? pii = null;
            string sensitivity;
            if (roll < 0.10)
            {
                var p = PiiColumns[rng.Next(PiiColumns.Length)];
                (name, type, sensitivity) = (p.Name, p.Type, p.Sensitivity);
                if (!rng.Chance(0.04)) pii = p.Pii; // 4% of personal-data columns are not classified
            }
            else if (roll < 0.22)
            {
                name = Measures[rng.Next(Measures.Length)];
                if (rng.Chance(0.5)) name = Nouns[rng.Next(Nouns.Length)] + "_" + name;
                type = rng.Chance(0.8) ? AmountType : FloatType;
                sensitivity = Sensitivity(rng.NextDouble());
            }
            else if (roll < 0.30)
            {
                name = rng.Chance(0.03) ? BadTimestamps[rng.Next(BadTimestamps.Length)] : Timestamps[rng.Next(Timestamps.Length)];
                type = rng.Chance(0.8) ? TimestampType : TimestampTzType;
                sensitivity = "internal";
            }
            else if (roll < 0.36)
            {
                name = rng.Chance(0.03) ? BadBooleans[rng.Next(BadBooleans.Length)] : Booleans[rng.Next(Booleans.Length)];
                type = BoolType;
                sensitivity = "internal";
            }
            else if (roll < 0.44)
            {
                name = Dates[rng.Next(Dates.Length)];
                type = DateType;
                sensitivity = "internal";
            }
            else if (roll < 0.48)
            {
                name = SemiStructured[rng.Next(SemiStructured.Length)];
                type = VariantType;
                sensitivity = Sensitivity(rng.NextDouble());
            }
            else
            {
                name = TextAttributes[rng.Next(TextAttributes.Length)];
                if (rng.Chance(0.5)) name = Nouns[rng.Next(Nouns.Length)] + "_" + name;
                type = rng.Chance(0.9) ? TextType : LongTextType;
                sensitivity = Sensitivity(rng.NextDouble());
            }

            // Naming violations: camelCase, too long, reserved words.
            var naming = rng.NextDouble();
            if (naming < 0.008) name = Camel(name);
            else if (naming < 0.010) name += "_DERIVED_FROM_THE_LEGACY_SOURCE_SYSTEM_FOR_RECONCILIATION";
            else if (naming < 0.012) name = ReservedNames[rng.Next(ReservedNames.Length)];

            _tags.Clear();
            var tagRoll = rng.NextDouble();
            if (tagRoll < 0.003) _tags.Add(new("SENSITIVITY", "secret")); // not allowed by the taxonomy
            else if (tagRoll < 0.96) _tags.Add(new("SENSITIVITY", sensitivity));
            if (pii is not null) _tags.Add(new("PII", pii));
            if (rng.Chance(0.25))
            {
                var u = rng.NextDouble();
                var cls = ClassTag((int)(ClassTagCount * u * u)); // low classes are the common ones
                _tags.Add(new(cls, rng.Chance(0.003) ? "tier9" : ClassValues[rng.Next(ClassValues.Count)]));
                if (rng.Chance(0.9)) _tags.Add(new("RETENTION", Retentions[rng.Next(Retentions.Length)]));
            }
            if (rng.Chance(0.002)) _tags.Add(new("COST_CENTER", "cc-104")); // not in the taxonomy
            return new Column(Intern(Unique(names, name)), type, nullable: !rng.Chance(0.1), Tags());
        }

        private TagSet Tagged(string name, string value)
        {
            _tags.Clear();
            _tags.Add(new(name, value));
            return Tags();
        }

        /// <summary>The tag set of <see cref="_tags"/>, shared with every equal set (as the reader shares them).</summary>
        private TagSet Tags()
        {
            if (_tags.Count == 0) return TagSet.Empty;
            _tags.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            _key.Clear();
            foreach (var t in _tags) _key.Append(t.Key).Append('\u0001').Append(t.Value).Append('\u0002');
            var key = _key.ToString();
            if (!_tagSets.TryGetValue(key, out var set)) _tagSets[key] = set = TagSet.Create(_tags);
            return set;
        }

        private string Intern(string name)
        {
            if (_names.TryGetValue(name, out var existing)) return existing;
            _names[name] = name;
            return name;
        }

        private string Sensitivity(double u) => u < 0.15 ? Sensitivities[0] : u < 0.65 ? Sensitivities[1] : u < 0.90 ? Sensitivities[2] : Sensitivities[3];
    }

    private static string Unique(HashSet<string> used, string name)
    {
        if (used.Add(name)) return name;
        for (var k = 2; ; k++)
        {
            var candidate = name + "_" + k.ToString(CultureInfo.InvariantCulture);
            if (used.Add(candidate)) return candidate;
        }
    }

    private static string Plural(string noun) => noun.EndsWith('Y') ? noun.Substring(0, noun.Length - 1) + "IES" : noun + "S";

    /// <summary><c>CUSTOMER_STATUS</c> → <c>customerStatus</c>.</summary>
    private static string Camel(string upperSnake)
    {
        var parts = upperSnake.ToLowerInvariant().Split('_');
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i].Length > 0) parts[i] = char.ToUpperInvariant(parts[i][0]) + parts[i].Substring(1);
        }
        return string.Concat(parts);
    }

    // ───────────────────────────── the pack ─────────────────────────────

    /// <summary>
    /// A global pack of exactly <paramref name="rules"/> rules (<see cref="MinRules"/>–<see cref="MaxRules"/>): a core of
    /// hand-written rules of every kind (the first ten already cover masking, row access, tagging and naming), then
    /// generated ones in a fixed mix — 55% masking by <c>CLASS_nnn</c> values, 15% tag requirements on classified
    /// columns, 10% tag requirements conditional on a column name pattern, 10% naming, 5% row access by domain and
    /// filter column, 5% overlapping masking (which conflicts on purpose).
    /// </summary>
    public static RulePack Pack(int rules, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rules, MinRules);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rules, MaxRules);
        var rng = new SplitMix64(seed ^ 0x5EED);
        var b = RulePackBuilder.Global(PackName, "1.0.0", "Synthetic Governance Board")
            .Description("A generated pack for benchmarks and scale tests.")
            .Tag("SENSITIVITY", "How much harm disclosure of a value can do", "public", "internal", "confidential", "restricted")
            .Tag("PII", "The kind of personal data a column holds", "email", "phone", "ssn", "name", "address", "birthdate")
            .Tag("DATA_DOMAIN", "The business domain a product belongs to")
            .Tag("RETENTION", "How long values are kept", Retentions);
        for (var c = 0; c < ClassTagCount; c++) b.Tag(ClassTag(c), "Business classification " + c.ToString(CultureInfo.InvariantCulture), ClassValues.ToArray());

        var core = CoreRules();
        var count = Math.Min(rules, core.Length);
        for (var i = 0; i < count; i++) core[i](b);
        int masking = 0, required = 0, named = 0, naming = 0, rows = 0, overlap = 0;
        for (var j = 0; j < rules - count; j++)
        {
            var t = j % 20;
            if (t <= 10) ClassMasking(b, masking++, rng);
            else if (t <= 13) ClassRetention(b, required++);
            else if (t <= 15) NameConditional(b, named++);
            else if (t <= 17) ScaledNaming(b, naming++);
            else if (t == 18) ScaledRowAccess(b, rows++);
            else OverlappingMasking(b, overlap++);
        }
        return b.Build();
    }

    /// <summary>The hand-written rules, most essential first: any prefix of ten or more covers all four kinds.</summary>
    private static Action<RulePackBuilder>[] CoreRules() => new Action<RulePackBuilder>[]
    {
        b => b.EnforceTaxonomy("tags.taxonomy", "Tags use the taxonomy", r => r.RejectUnknownTags()),
        b => b.RequireTag("tags.sensitivity", "Every column has a sensitivity", r => r.OnColumns().Tag("SENSITIVITY")),
        b => b.Masking("mask.email", "E-mail addresses show only their domain", r => r
            .Columns(Select.Tag("PII", "email")).With(Mask.EmailDomain).RevealTo("PII_READER")),
        b => b.RowAccess("rows.region", "Rows are visible by regional entitlement", r => r
            .Datasets(Select.HasColumn("^REGION$"))
            .Entitlements("REGION", "GOVERNANCE", "SECURITY", "REGION_ENTITLEMENTS", "ROLE_NAME", "REGION")
            .Bypass("GLOBAL_ANALYST")),
        b => b.Naming("names.column-case", "Column names are UPPER_SNAKE_CASE", r => r.Columns().UpperSnakeCase()),
        b => b.RequireTag("tags.pii", "Contact and identity columns are classified as PII", r => r
            .OnColumns(Select.NameContains("EMAIL", "PHONE", "SSN")).Tag("PII")),
        b => b.Masking("mask.ssn", "Social security numbers are redacted", r => r
            .Columns(Select.Tag("PII", "ssn")).With(Mask.Redact()).RevealTo("PII_READER")),
        b => b.Naming("names.boolean-prefix", "Boolean columns start with IS_ or HAS_", r => r
            .Columns(Select.Type(DataTypeFamily.Boolean)).StartsWith("IS_", "HAS_")),
        b => b.Naming("names.timestamp-suffix", "Timestamp columns end with _AT", r => r
            .Columns(Select.Type(DataTypeFamily.Timestamp)).EndsWith("_AT")),
        b => b.Masking("mask.restricted-numbers", "Restricted amounts are hidden outside finance", r => r
            .Columns(Select.Tag("SENSITIVITY", "restricted") & Select.Type(DataTypeFamily.Numeric)).With(Mask.Nullify).RevealTo("FINANCE_READER")),
        b => b.Masking("mask.phone", "Phone numbers show their last four digits", r => r
            .Columns(Select.Tag("PII", "phone")).With(Mask.KeepLast(4)).RevealTo("PII_READER")),
        b => b.Naming("names.column-length", "Column names have at most 64 characters", r => r.Columns().MaxLength(64)),
        b => b.Naming("names.column-reserved", "Column names are not reserved words", r => r.Columns().NotReservedWord()),
        b => b.Naming("names.dataset-case", "Dataset names are UPPER_SNAKE_CASE", r => r.Datasets().UpperSnakeCase()),
        b => b.Naming("names.product-case", "Product names are lower_snake_case", r => r.Products().Case(CaseStyle.LowerSnake)),
        b => b.RequireTag("tags.data-domain", "Every product says its data domain", r => r.OnProducts().Tag("DATA_DOMAIN")),
        b => b.RequireMetadata("product.owner", "Every product has an owner", r => r.Owner()),
        b => b.Masking("mask.name", "Personal names are pseudonymized", r => r
            .Columns(Select.Tag("PII", "name")).With(Mask.Sha256("synthetic")).RevealTo("PII_READER")),
        b => b.Masking("mask.address", "Addresses are redacted", r => r
            .Columns(Select.Tag("PII", "address")).With(Mask.Redact()).RevealTo("PII_READER", "COMPLIANCE_OFFICER")),
        b => b.Masking("mask.birthdate", "Birth dates keep their year", r => r
            .Columns(Select.Tag("PII", "birthdate")).With(Mask.TruncateTo(DatePart.Year)).RevealTo("HR_READER")),
        b => b.Masking("mask.marketing-phone", "Marketing sees phone numbers only with consent", r => r
            .Columns(Select.Tag("PII", "phone") & Select.Domain("marketing")).With(Mask.KeepLast(2)).RevealTo("MARKETING_READER")
            .OnlyWhen("HAS_CONSENT")),
        b => b.RowAccess("rows.deleted", "Deleted rows are hidden", r => r
            .Datasets(Select.HasColumn("^IS_DELETED$")).Where("IS_DELETED", ComparisonOperator.Equal, false).Bypass("DATA_ENGINEER")),
        b => b.RowAccess("rows.restricted", "Restricted datasets show live rows only", r => r
            .Datasets(Select.Tag("SENSITIVITY", "restricted")).Where("IS_DELETED", ComparisonOperator.Equal, false).Bypass("SECURITY_ADMIN")),
        b => b.Naming("names.dataset-prefix", "Dataset names start with their layer", r => r
            .Datasets().Matches("^(RAW|STG|DIM|FCT|VW|AGG)_[A-Z0-9_]+$")),
        b => b.RequireTag("tags.dataset-sensitivity", "Every dataset has a sensitivity", r => r.OnDatasets().Tag("SENSITIVITY")),
    };

    private static readonly string[] RowColumns = { "COUNTRY_CODE", "TENANT_ID", "CHANNEL", "SEGMENT", "BUSINESS_UNIT" };

    private static string Num(int i) => i.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>Masks one (class, tier): distinct for up to 800 rules.</summary>
    private static void ClassMasking(RulePackBuilder b, int k, SplitMix64 rng)
    {
        var cls = ClassTag(k % ClassTagCount);
        var tier = ClassValues[(k / ClassTagCount) % ClassValues.Count];
        var reveal = ClassReader(rng.Next(ClassReaderCount));
        var selector = Select.Tag(cls, tier);
        // Text-only strategies are limited to text columns, except now and then (a strategy/type mismatch, GOV1002).
        var text = k % 23 != 7 ? selector & Select.Type(DataTypeFamily.Text) : selector;
        var (strategy, columns) = (k % 5) switch
        {
            0 => (Mask.Nullify, selector),
            1 => (Mask.Sha256(), text),
            2 => (Mask.Redact(), text),
            3 => (Mask.KeepLast(4), text),
            _ => (Mask.Nullify, selector & Select.Type(DataTypeFamily.Numeric)),
        };
        b.Masking("mask." + cls.ToLowerInvariant() + "-" + tier, cls + " " + tier + " values are masked", r =>
        {
            r.Columns(columns).With(strategy).RevealTo(reveal);
            if (k % 40 == 39) r.OnlyWhen("HAS_CONSENT");
        });
    }

    private static void ClassRetention(RulePackBuilder b, int k)
    {
        var cls = ClassTag(k % ClassTagCount);
        b.RequireTag("tags.retention." + cls.ToLowerInvariant(), cls + " columns say how long they are kept", r => r
            .OnColumns(Select.Tag(cls)).Tag("RETENTION"));
    }

    private static void NameConditional(RulePackBuilder b, int k)
    {
        var noun = Nouns[k % Nouns.Length];
        var attribute = TextAttributes[(k / Nouns.Length) % TextAttributes.Length];
        var tag = k % 2 == 0 ? "SENSITIVITY" : "RETENTION";
        b.RequireTag("tags.named." + noun.ToLowerInvariant() + "-" + attribute.ToLowerInvariant().Replace('_', '-'), noun + "_" + attribute + " columns carry " + tag, r => r
            .OnColumns(Select.Name("^" + noun + "_" + attribute + "(_[0-9]+)?$")).Tag(tag));
    }

    private static void ScaledNaming(RulePackBuilder b, int k)
    {
        switch (k % 3)
        {
            case 0:
            {
                var cls = ClassTag(k / 3 % ClassTagCount);
                b.Naming("names." + cls.ToLowerInvariant() + "-length", cls + " column names are short", r => r
                    .Columns(Select.Tag(cls)).MaxLength(48));
                break;
            }
            case 1:
            {
                var domain = DomainName(k / 3);
                b.Naming("names.dataset-layer." + domain, "Datasets of " + domain + " start with their layer", r => r
                    .Datasets(Select.Domain(domain)).StartsWith("RAW_", "STG_", "DIM_", "FCT_", "VW_", "AGG_"));
                break;
            }
            default:
            {
                var domain = DomainName(k / 3);
                b.Naming("names.date-suffix." + domain, "Date columns of " + domain + " say what they date", r => r
                    .Columns(Select.Domain(domain) & Select.Type(DataTypeFamily.Date)).Matches("^[A-Z0-9_]+_(DATE|FROM|TO)$"));
                break;
            }
        }
    }

    private static void ScaledRowAccess(RulePackBuilder b, int k)
    {
        var column = RowColumns[k % RowColumns.Length];
        var domain = DomainName(k / RowColumns.Length);
        var id = "rows." + domain + "." + column.ToLowerInvariant().Replace('_', '-');
        var datasets = Select.Domain(domain) & Select.HasColumn("^" + column + "$");
        if (k % 2 == 0)
        {
            b.RowAccess(id, column + " entitlements in " + domain, r => r.Datasets(datasets)
                .Entitlements(column, "GOVERNANCE", "SECURITY", column + "_ENTITLEMENTS", "ROLE_NAME", column).Bypass("GLOBAL_ANALYST"));
        }
        else
        {
            b.RowAccess(id, "Test rows are hidden in " + domain, r => r.Datasets(datasets)
                .Where(column, ComparisonOperator.NotEqual, "TEST").Bypass("PLATFORM_ADMIN"));
        }
    }

    private static void OverlappingMasking(RulePackBuilder b, int k)
    {
        var cls = ClassTag(k % ClassTagCount);
        b.Masking("mask." + cls.ToLowerInvariant() + "-high-numbers", "High-tier " + cls + " numbers are hidden", r => r
            .Columns(Select.Tag(cls, "tier3", "tier4") & Select.Type(DataTypeFamily.Numeric)).With(Mask.Nullify).RevealTo("DATA_STEWARD"));
    }
}
