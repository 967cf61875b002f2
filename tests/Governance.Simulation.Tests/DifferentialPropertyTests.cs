using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Governance.Simulation;
using Governance.Snowflake;
using Governance.Tests.Generators;
using Governance.Tests.Snowflake;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Simulation.Tests;

/// <summary>
/// The compiled policies, run on DuckDB through the simulated views, agree with the evaluator's decisions (see
/// <see cref="Oracle"/>): for generated snapshots, packs, role hierarchies, entitlements and values, every row a role
/// sees is one the evaluator's row rule admits and every admitted row is seen, and every value is the clear value or
/// exactly the masked one. A case the compiler refuses (a SnowflakeCompileException: Snowflake could not hold it) or
/// whose decisions use a custom expression or a constant that does not fit its column is not generated.
/// </summary>
public sealed class DifferentialPropertyTests
{
    internal sealed record Case(MetadataSnapshot Snapshot, PackSet Packs, EvaluationResult Result, string Role, IReadOnlyList<Entitlement> Entitlements, int Rows, int Seed)
    {
        public override string ToString()
            => "role " + Role + ", " + Result.Masking.Count.ToString(CultureInfo.InvariantCulture) + " masked columns, "
               + Result.RowAccess.Count.ToString(CultureInfo.InvariantCulture) + " row access decisions, entitlements: "
               + string.Join("; ", Entitlements.Select(e => e.Table + "/" + e.Role + "=" + e.Value)) + "\n"
               + string.Join("\n", Result.Masking.Select(m => m.Target + ": " + m.Strategy.Describe() + " clear for "
                   + string.Join(" and ", m.RevealClauses.Select(c => "(" + string.Join(" or ", c) + ")"))
                   + string.Concat(m.Conditions.Select(c => " when " + c.Column + " = " + c.Value.Text))))
               + "\n" + string.Join("\n", Result.RowAccess.Select(r => r.Target + ": " + string.Join(" and ", r.Parts.Select(p =>
                   "(" + string.Join(" or ", p.BypassRoles) + " | " + p.Filter.Name + " " + p.Filter.Column + " " + (p.Filter is PredicateFilter f ? PredicateFilter.Symbol(f.Operator) + " " + f.Value.Text : "") + ")"))));
    }

    private static readonly string[] SessionRoles = SnapshotGen.RoleNames.Append(RoleGraph.Public).ToArray();

    /// <summary>
    /// A global pack whose rules reach the generated snapshots' columns: masking by their tags, names and types, with
    /// conditions on their columns; row access by entitlement on REGION or predicates on their columns; reveal and
    /// bypass roles from the snapshots' roles. (PackGen's packs, also used, rarely meet a snapshot's columns.)
    /// </summary>
    private static Gen<RulePack> ReachingPack()
    {
        var selector = Gen.OneOf(
            PackGen.NonEmptySubset(SnapshotGen.PiiValues).Select(v => Select.Tag(SnapshotGen.Pii, v)),
            PackGen.NonEmptySubset(SnapshotGen.SensitivityValues).Select(v => Select.Tag(SnapshotGen.Sensitivity, v)),
            Gen.Elements(Select.Name("EMAIL"), Select.Name("(?i)phone|ssn"), Select.Type(DataTypeFamily.Numeric), Select.Type(DataTypeFamily.Date, DataTypeFamily.Timestamp), Select.Everything));
        var condition = Gen.Frequency(
            (2, Gen.Constant<MaskingCondition?>(null)),
            (1, Gen.Elements<MaskingCondition?>(new MaskingCondition("IS_ACTIVE", Literal.Boolean(true)), new MaskingCondition("REGION", Literal.String("EMEA")),
                new MaskingCondition("AMOUNT", Literal.Number(0)), new MaskingCondition("ORDER_ID", Literal.Number(2)))));
        // Mostly away from the columns row rules filter on: Snowflake refuses a column in both a masking and a row access
        // policy (GOV2005), and the plan then leaves the row access policy out.
        var spared = Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)));
        var masking =
            from any in selector
            from spare in spared
            let columns = spare ? any & !Select.Name("^(REGION|AMOUNT|IS_ACTIVE|ORDER_ID|CREATED_AT)$") : any
            from strategy in PackGen.Strategy()
            from reveal in PackGen.Subset(SessionRoles)
            from when in condition
            select (Func<string, Rule>)(id => new MaskingRule(id, Severity.Error, "Masked", "", columns, strategy, reveal, when));
        var filter = Gen.OneOf(
            Gen.Constant<RowFilter>(new EntitlementFilter("REGION", "GOVERNANCE", "SECURITY", "REGION_ENTITLEMENTS", "ROLE_NAME", "REGION")),
            from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
            from f in Gen.Elements<RowFilter>(
                new PredicateFilter("AMOUNT", op, Literal.Number(5000)), new PredicateFilter("REGION", op, Literal.String("EMEA")),
                new PredicateFilter("IS_ACTIVE", op, Literal.Boolean(true)), new PredicateFilter("ORDER_ID", op, Literal.Number(3)),
                new PredicateFilter("CREATED_AT", op, Literal.Timestamp(new DateTime(2025, 1, 1, 12, 0, 0, DateTimeKind.Unspecified))))
            select f);
        // Mostly on the datasets that have the filter column: a dataset without it admits bypass roles only. Bypass roles
        // mostly without PUBLIC, which every session has: a rule that PUBLIC bypasses hides no row from anyone.
        var rows =
            from f in filter
            from datasets in Gen.Frequency((4, Gen.Constant(Select.HasColumn("^" + f.Column + "$"))), (1, Gen.Constant(Select.Everything)))
            from bypass in Gen.Frequency((4, PackGen.Subset(SnapshotGen.RoleNames)), (1, PackGen.Subset(SessionRoles)))
            select (Func<string, Rule>)(id => new RowAccessRule(id, Severity.Error, "Rows", "", datasets, f, bypass));
        return
            from count in Gen.Choose(1, 5)
            from factories in Gen.ArrayOf(Gen.Frequency((3, masking), (2, rows)), count)
            select new RulePack("reaching", "1.0.0", PackScope.Global, "tests", PackGen.Vocabulary,
                factories.Select((f, i) => f("r" + i.ToString(CultureInfo.InvariantCulture))).ToArray());
    }

    // Columns the generated rules read get, most of the time, the type those rules expect (otherwise a filter or a
    // condition does not apply: the evaluator reports it and the policy admits bypass roles only).
    private static readonly Dictionary<string, SnowflakeType> Typical = new(StringComparer.Ordinal)
    {
        ["REGION"] = SnowflakeType.Varchar(16), ["AMOUNT"] = SnowflakeType.Number(12, 2), ["ORDER_ID"] = SnowflakeType.Number(),
        ["IS_ACTIVE"] = SnowflakeType.Boolean, ["CREATED_AT"] = SnowflakeType.TimestampNtz(),
    };

    private static Gen<MetadataSnapshot> Snapshots() =>
        from snapshot in SnapshotGen.Snapshot(maxDomains: 2, maxProducts: 2, maxDatasets: 2, maxColumns: 6)
        from typical in Gen.Frequency((2, Gen.Constant(true)), (1, Gen.Constant(false)))
        select typical ? new MetadataSnapshot(snapshot.Roles, snapshot.Domains.Select(d => new Domain(d.Name, d.Owner, d.Products.Select(p =>
            new DataProduct(p.Name, p.Version, p.Owner, p.Database, p.Schema, p.Datasets.Select(ds => new Dataset(ds.Name, ds.Kind, ds.Columns.Select(c =>
                Typical.TryGetValue(c.Name, out var t) ? new Column(c.Name, t, c.Nullable, c.Tags) : c).ToArray(), ds.Tags)).ToArray(), p.Tags)).ToArray())).ToArray(),
            snapshot.TakenAt) : snapshot;

    internal static Gen<Case> Cases() =>
        from snapshot in Snapshots()
        from packs in Gen.Frequency(
            (2, ReachingPack().Select(p => new[] { p })),
            (1, from global in PackGen.GlobalPack() from domain in Gen.OrNull(PackGen.DomainPack())
                select domain is null ? new[] { global } : new[] { global, domain }))
        let built = Build(snapshot, packs)
        where built is not null
        from role in Gen.Elements(snapshot.Roles.Select(r => r.Name).Append(RoleGraph.Public).ToArray())
        from rows in Gen.Choose(2, 8)
        from seed in Gen.Choose(0, 1000)
        from grants in Gen.ArrayOf(Gen.Elements(true, false), 64)
        let entitlements = Grants(snapshot, built.Value.Result, rows, seed, grants)
        select new Case(snapshot, built.Value.Packs, built.Value.Result, role, entitlements, rows, seed);

    private static (PackSet Packs, EvaluationResult Result)? Build(MetadataSnapshot snapshot, RulePack[] packs)
    {
        try
        {
            var set = PackSet.Create(packs);
            var result = Evaluator.Compile(set).Evaluate(snapshot);
            if (result.Masking.Any(d => d.Strategy is CustomStrategy || !Fits(d))) return null;
            if (!OneTypePerEntitlementColumn(result)) return null;
            SnowflakePlanner.Plan(set, snapshot, result);
            return (set, result);
        }
        catch (Exception e) when (e is GovernanceInputException or SnowflakeCompileException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    // A numeric constant must fit the column's NUMBER(p,s): Snowflake and DuckDB both fail the query otherwise.
    private static bool Fits(MaskingDecision d)
    {
        if (d.Strategy is not ConstantStrategy { Value.Kind: LiteralKind.Number } c || d.Column.Type.Kind != SnowflakeTypeKind.Number) return true;
        var value = Math.Abs(Math.Round(decimal.Parse(c.Value.Text, CultureInfo.InvariantCulture), d.Column.Type.Scale, MidpointRounding.AwayFromZero));
        var digits = d.Column.Type.Precision - d.Column.Type.Scale;
        return digits >= 28 || value < (decimal)Math.Pow(10, digits);
    }

    // Comparing a mapping table's values with columns of different types fails in Snowflake as in DuckDB.
    private static bool OneTypePerEntitlementColumn(EvaluationResult result)
        => result.RowAccess.SelectMany(d => d.Parts.Where(p => p.Filter is EntitlementFilter && p.ColumnPresent)
                .Select(p => (Filter: (EntitlementFilter)p.Filter, Type: d.Dataset.FindColumn(p.Filter.Column)!.Type.Family)))
            .GroupBy(x => (x.Filter.Database, x.Filter.Schema, x.Filter.Table, x.Filter.ValueColumn))
            .All(g => g.Select(x => x.Type).Distinct().Count() == 1);

    // Entitlement rows: some (role, value) pairs, the values taken from the filter column's sample values so that some match.
    private static IReadOnlyList<Entitlement> Grants(MetadataSnapshot snapshot, EvaluationResult result, int rows, int seed, bool[] grants)
    {
        var list = new List<Entitlement>();
        var k = 0;
        var roles = snapshot.Roles.Select(r => r.Name).Append(RoleGraph.Public).ToList();
        foreach (var d in result.RowAccess)
        {
            var target = d.Product.Database + "." + d.Product.Schema + "." + d.Dataset.Name;
            var sample = SampleData.Rows(target, d.Dataset, rows, seed);
            foreach (var p in d.Parts.Where(p => p.ColumnPresent && p.Filter is EntitlementFilter))
            {
                var e = (EntitlementFilter)p.Filter;
                var index = d.Dataset.Columns.ToList().FindIndex(c => c.Name == e.Column);
                foreach (var value in sample.Select(r => r[index]).OfType<string>().Distinct(StringComparer.Ordinal))
                {
                    foreach (var role in roles)
                    {
                        if (grants[k++ % grants.Length] && grants[(k * 7) % grants.Length]) list.Add(new Entitlement(e.Database, e.Schema, e.Table, role, value));
                    }
                }
            }
        }
        return list.Distinct().ToList();
    }

    /// <summary>
    /// Checks every dataset of <paramref name="simulation"/> against the oracle. <paramref name="failClosed"/> names the
    /// columns (target) that the plan may mask to NULL for everyone where the evaluator leaves them clear. What the plan
    /// (<paramref name="plan"/>, the one the simulation ran) reports Snowflake cannot do is checked as the script does it:
    /// a dataset whose row access policy is not attached (GOV2003, GOV2004, GOV2005) shows every row, a column whose
    /// masking policy is not attached (GOV1008) shows its clear value, a column masked for every session instead of
    /// conditionally (GOV1007) shows its masked value; and an external table's VALUE, and each of its columns without a
    /// policy of its own, may be NULL where the plan masks VALUE (VALUE holds the whole row; the columns inherit its policy).
    /// </summary>
    internal static void AgreesWithTheEvaluator(SimulationResult simulation, MetadataSnapshot snapshot, EvaluationResult result, SnowflakePlan plan,
        string role, IReadOnlyList<Entitlement> entitlements, string because, ISet<string>? failClosed = null)
    {
        var roles = RoleGraph.TryBuild(snapshot.Roles, out _)!;
        var masking = result.Masking.ToDictionary(m => m.Target, StringComparer.Ordinal);
        var rowAccess = result.RowAccess.ToDictionary(r => r.Target, StringComparer.Ordinal);
        HashSet<string> Reported(params string[] ids) => plan.Findings.Where(f => ids.Contains(f.Id)).Select(f => f.Target).ToHashSet(StringComparer.Ordinal);
        var rowsNotAttached = Reported(GovIds.RowAccessNotAttachable, GovIds.RowAccessOnMaterializedViewSource, GovIds.ColumnInMaskingAndRowAccess);
        var maskingNotAttached = Reported(GovIds.MaskingOnMaterializedViewSource);
        var maskedForAll = Reported(GovIds.MaskingNotAttachable);
        var direct = plan.Operations.OfType<SetColumnMaskingPolicy>().Select(o => o.Table + "." + o.Column).ToHashSet(StringComparer.Ordinal);
        // An external table's VALUE, which the plan masks whenever a column is (it holds the whole row), and the columns
        // without a policy of their own, which inherit VALUE's.
        bool UnderValue(SimulatedDataset ds, string column)
            => ds.Dataset.Kind == DatasetKind.ExternalTable && direct.Contains(ds.Target + "." + SnowflakePlanner.ExternalValueColumn)
               && (column == SnowflakePlanner.ExternalValueColumn || !direct.Contains(ds.Target + "." + column));
        foreach (var ds in simulation.Datasets)
        {
            rowAccess.TryGetValue(ds.Target, out var rule);
            var expected = ds.Sample.Where(r => rowsNotAttached.Contains(ds.Target) || Oracle.Admits(rule, roles, role, entitlements, ds, r)).Select(r => r.Sample).ToList();
            Assert.That(ds.Rows.Select(r => r.Sample), Is.EqualTo(expected), ds.Target + ": visible rows\n" + because);
            var sample = ds.Sample.ToDictionary(r => r.Sample);
            foreach (var row in ds.Rows)
            {
                for (var c = 0; c < ds.Columns.Count; c++)
                {
                    var target = ds.Target + "." + ds.Columns[c].Name;
                    masking.TryGetValue(target, out var decision);
                    if (maskingNotAttached.Contains(target)) decision = null;
                    var want = decision is not null && maskedForAll.Contains(target)
                        ? Oracle.Masked(decision.Strategy, ds.Columns[c].Type, sample[row.Sample].Values[c])
                        : Oracle.Sees(decision, roles, role, ds, sample[row.Sample], c);
                    var nullAllowed = decision is null && row.Values[c] is null
                        && (failClosed?.Contains(target) == true || UnderValue(ds, ds.Columns[c].Name));
                    if (!nullAllowed && !Oracle.Same(want, row.Values[c], ds.Columns[c].Type))
                    {
                        Assert.Fail(target + " row " + row.Sample.ToString(CultureInfo.InvariantCulture) + ": expected `"
                            + (want ?? "NULL") + "`, the view shows `" + (row.Values[c] ?? "NULL") + "` (clear `" + (sample[row.Sample].Values[c] ?? "NULL") + "`)\n" + because);
                    }
                }
            }
        }
    }

    [Property(MaxTest = 200)]
    public Property SimulatedViews_ShowWhatTheEvaluatorDecides() => Prop.ForAll(Arb.From(Cases()), c =>
    {
        var simulation = Simulator.Run(c.Packs, c.Snapshot, c.Result, c.Role, new SimulationOptions { Rows = c.Rows, Seed = c.Seed, Entitlements = c.Entitlements });
        Assert.That(simulation.Datasets, Has.Count.EqualTo(c.Snapshot.Domains.Sum(d => d.Products.Sum(p => p.Datasets.Count))));
        AgreesWithTheEvaluator(simulation, c.Snapshot, c.Result, SnowflakePlanner.Plan(c.Packs, c.Snapshot, c.Result), c.Role, c.Entitlements, c.ToString());
    });

    /// <summary>
    /// Tag mode: the same agreement, through tag-based policies where the plan uses them. The one allowed difference is
    /// the plan's documented fail-closed ELSE: a column the evaluator leaves clear but that carries a tag whose policy
    /// covers its type, with a value no branch names, is NULL for every session. A column that two tags' policies
    /// cover cannot be queried in Snowflake (the plan notes it): the simulation refuses too.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property SimulatedViews_InTagMode_ShowWhatTheEvaluatorDecides() => Prop.ForAll(Arb.From(Cases().Where(c => TagPlan(c) is not null)), c =>
    {
        var plan = TagPlan(c)!;
        var covered = Covered(c.Snapshot, plan);
        var options = new SimulationOptions { Rows = c.Rows, Seed = c.Seed, Entitlements = c.Entitlements, Mode = PlanMode.Tag };
        if (covered.Values.Any(n => n > 1))
        {
            var e = Assert.Throws<SimulationException>(() => Simulator.Run(c.Packs, c.Snapshot, c.Result, c.Role, options));
            Assert.That(e!.Message, Does.Contain("Snowflake refuses to query it"));
            return;
        }
        var simulation = Simulator.Run(c.Packs, c.Snapshot, c.Result, c.Role, options);
        AgreesWithTheEvaluator(simulation, c.Snapshot, c.Result, plan, c.Role, c.Entitlements, c.ToString(), covered.Keys.ToHashSet(StringComparer.Ordinal));
    });

    private static SnowflakePlan? TagPlan(Case c)
    {
        try
        {
            return SnowflakePlanner.Plan(c.Packs, c.Snapshot, c.Result, new PlanOptions { Mode = PlanMode.Tag });
        }
        catch (SnowflakeCompileException)
        {
            return null;
        }
    }

    // Columns without a direct policy that the plan's tags reach with a tag-based policy of their type: how many such tags.
    private static Dictionary<string, int> Covered(MetadataSnapshot snapshot, SnowflakePlan plan)
    {
        var coverage = new PlanCoverage(plan.Operations);
        var covered = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in snapshot.Domains.SelectMany(d => d.Products))
        foreach (var ds in p.Datasets)
        foreach (var col in ds.Columns)
        {
            var name = new SchemaObjectName(p.Database, p.Schema, ds.Name);
            if (coverage.HasDirectPolicy(name, col.Name)) continue;
            var n = coverage.TagPoliciesOn(name, col.Name, col.Type).Count;
            if (n > 0) covered[name + "." + col.Name] = n;
        }
        return covered;
    }

    private static Gen<(MetadataSnapshot Snapshot, string Reveal, string Child, MaskingStrategy Strategy)> Inherited() =>
        from snapshot in SnapshotGen.Snapshot(maxDomains: 1, maxProducts: 2, maxDatasets: 2, maxColumns: 5)
        from depth in Gen.Choose(1, 4)
        from strategy in PackGen.Strategy()
        where strategy is not CustomStrategy && Writable(strategy)
        let existing = snapshot.Roles.Select(r => r.Name).ToArray()
        from reveal in Gen.Elements(existing.Append("REVEALER").ToArray())
        let chain = Enumerable.Range(1, depth).Select(i => "CHILD_" + i.ToString(CultureInfo.InvariantCulture)).ToArray()
        let roles = snapshot.Roles.Concat(existing.Contains(reveal) ? Array.Empty<RoleDefinition>() : new[] { new RoleDefinition(reveal) })
            .Concat(chain.Select((name, i) => new RoleDefinition(name, new[] { i == 0 ? reveal : chain[i - 1] })))
            .ToArray()
        select (new MetadataSnapshot(roles, snapshot.Domains, snapshot.TakenAt), reveal, chain[^1], strategy);

    // The strategy's texts are values Snowflake can hold (no NUL, no unpaired surrogate).
    private static bool Writable(MaskingStrategy strategy)
    {
        var texts = strategy switch
        {
            RedactStrategy r => new[] { r.Replacement },
            HashStrategy h => new[] { h.Salt ?? "" },
            KeepLastStrategy k => new[] { k.MaskCharacter },
            ConstantStrategy c => new[] { c.Value.Text },
            _ => Array.Empty<string>(),
        };
        try
        {
            foreach (var t in texts) SqlText.RequireLiteral(t);
            return true;
        }
        catch (SnowflakeCompileException)
        {
            return false;
        }
    }

    [Property(MaxTest = 200)]
    public Property ARoleThatInheritsTheRevealRole_SeesClearValues() => Prop.ForAll(Arb.From(Inherited()), x =>
    {
        var pack = new RulePack("reveal-test", "1.0.0", PackScope.Global, "tests", Array.Empty<TagDefinition>(), new Rule[]
        {
            new MaskingRule("mask.all", Severity.Error, "Everything is masked", "", Select.Everything, x.Strategy, new[] { x.Reveal }),
        });
        var set = PackSet.Create(new[] { pack });
        var result = Evaluator.Compile(set).Evaluate(x.Snapshot);
        var simulation = Simulator.Run(set, x.Snapshot, result, x.Child, new SimulationOptions { Rows = 3 });
        foreach (var ds in simulation.Datasets)
        {
            Assert.That(ds.Rows.Select(r => r.Values), Is.EqualTo(ds.Sample.Select(r => r.Values)), ds.Target + " as " + x.Child + " (inherits " + x.Reveal + ")");
        }
        AgreesWithTheEvaluator(simulation, x.Snapshot, result, SnowflakePlanner.Plan(set, x.Snapshot, result), x.Child, Array.Empty<Entitlement>(), "inherits " + x.Reveal);
    });

    internal sealed record HostileCase(string Database, string Schema, string Table, string Column, string TagValue, string Role, string Text, string[] Data);

    private static Gen<HostileCase> HostileCases() =>
        from db in SqlInjectionPropertyTests.Hostile()
        from schema in SqlInjectionPropertyTests.Hostile()
        from table in SqlInjectionPropertyTests.Hostile()
        from column in SqlInjectionPropertyTests.Hostile()
        from tagValue in SqlInjectionPropertyTests.Hostile()
        from role in SqlInjectionPropertyTests.Hostile()
        from text in SqlInjectionPropertyTests.Hostile()
        from data in Gen.ArrayOf(SqlInjectionPropertyTests.Hostile(), 4)
        select new HostileCase(db, schema, table, column, tagValue, role, text, data);

    /// <summary>
    /// Hostile strings as database, schema, dataset, column and mapping-table names, tag value, role name, redaction
    /// text, entitlement value and data: the statements run and do exactly what the evaluator decides — the hostile
    /// role sees its entitled rows with clear values, another role sees no row (or, bypassing, every row masked) — or
    /// the input is refused before anything runs. 500 cases: a little more than half hold a string Snowflake cannot
    /// (NUL, an unpaired surrogate, a name over 255 characters) and are refused; about 230 run.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property HostileStrings_NeverChangeWhatAStatementDoes() => Prop.ForAll(Arb.From(HostileCases()), h =>
    {
        if (h.Role is "BYPASS" or RoleGraph.Public) return;
        MetadataSnapshot snapshot;
        PackSet set;
        EvaluationResult result;
        try
        {
            var columns = new[]
            {
                new Column(h.Column, SnowflakeType.Varchar(), true, TagSet.Of(("PII", h.TagValue))),
                new Column("REGION", SnowflakeType.Varchar()),
            };
            snapshot = new MetadataSnapshot(
                new[] { new RoleDefinition(h.Role), new RoleDefinition("BYPASS") },
                new[] { new Domain("d", null, new[] { new DataProduct("p", null, null, h.Database, h.Schema, new[] { new Dataset(h.Table, DatasetKind.Table, columns) }) }) });
            var pack = new RulePack("hostile", "1.0.0", PackScope.Global, "tests", new[] { new TagDefinition("PII", Array.Empty<string>(), "") }, new Rule[]
            {
                new MaskingRule("mask.pii", Severity.Error, "PII is redacted", "", Select.Tag("PII", h.TagValue), new RedactStrategy(h.Text), new[] { h.Role }),
                new RowAccessRule("rows", Severity.Error, "Rows by entitlement", "", Select.Everything,
                    new EntitlementFilter("REGION", h.Database, h.Schema, h.Table, h.Column == "X" ? "ROLE" : h.Column, "X"), new[] { "BYPASS" }),
            });
            set = PackSet.Create(new[] { pack });
            result = Evaluator.Compile(set).Evaluate(snapshot);
            SnowflakePlanner.Plan(set, snapshot, result);
        }
        catch (Exception e) when (e is GovernanceInputException or SnowflakeCompileException or ArgumentException or InvalidOperationException or FormatException)
        {
            return; // refused before anything runs
        }
        var target = h.Database + "." + h.Schema + "." + h.Table;
        var rows = h.Data.Select((d, i) => new string?[] { d.Replace("\0", "", StringComparison.Ordinal), i % 2 == 0 ? h.Text.Replace("\0", "", StringComparison.Ordinal) : "other" }).ToList();
        var entitlements = new[] { new Entitlement(h.Database, h.Schema, h.Table, h.Role, rows[0][1]!) };
        foreach (var role in new[] { h.Role, "BYPASS" })
        {
            var simulation = Simulator.Run(set, snapshot, result, role, new SimulationOptions { Entitlements = entitlements }, null, (t, _) => t == target ? rows : throw new InvalidOperationException(t));
            AgreesWithTheEvaluator(simulation, snapshot, result, SnowflakePlanner.Plan(set, snapshot, result), role, entitlements, "hostile case " + h);
            var ds = simulation.Datasets.Single();
            Assert.That(ds.Rows.Select(r => r.Sample), role == "BYPASS" ? Is.EqualTo(new[] { 0, 1, 2, 3 }) : Is.EqualTo(rows.Select((r, i) => (r, i)).Where(x => x.r[1] == rows[0][1]).Select(x => x.i)));
        }
    });
}
