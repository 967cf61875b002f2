using System.Data.Common;
using FsCheck;
using FsCheck.Fluent;
using Governance.Simulation.Tests.Emulator;
using Governance.Snowflake;
using Governance.State;
using Property = FsCheck.Property;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace Governance.Simulation.Tests.State;

/// <summary>
/// Reading an account gives what was applied to it: for generated snapshots and packs (the cases of
/// <see cref="DifferentialPropertyTests"/>, hostile names included), in column and tag mode, with and without tag
/// assignments, the plan is applied statement by statement to a fresh emulated account — every statement runs, none is
/// refused — and the state read back holds exactly the tags, policies, references and tag assignments the statements made,
/// nothing more, nothing less.
/// </summary>
public sealed class StateReaderPropertyTests
{
    private static Gen<(DifferentialPropertyTests.Case Case, PlanMode Mode, bool AssignTags)> Cases() =>
        from c in DifferentialPropertyTests.Cases()
        from mode in Gen.Elements(PlanMode.Column, PlanMode.Tag)
        from assign in Gen.Elements(true, false)
        select (c, mode, assign);

    [Property(MaxTest = 100)]
    public Property StateReadAfterApplyingAPlan_HoldsWhatThePlanMade() => Prop.ForAll(Arb.From(Cases()), input =>
    {
        var (c, mode, assign) = input;
        SnowflakePlan plan;
        try
        {
            plan = SnowflakePlanner.Plan(c.Packs, c.Snapshot, c.Result, new PlanOptions { Mode = mode, AssignTags = assign });
        }
        catch (SnowflakeCompileException)
        {
            return; // the input cannot be compiled in this mode: nothing to apply
        }
        using var account = Emulated.Account();
        account.CreateDatasets(c.Snapshot, c.Rows, c.Seed);
        account.CreateEntitlementTables(c.Snapshot, c.Result, c.Entitlements);
        var ran = Apply(account, plan.Operations, c.ToString());
        var state = StateReader.ReadStateAsync(account, StateScope.For(c.Snapshot)).GetAwaiter().GetResult();
        var context = c + "\n" + mode + (assign ? " with tag assignments" : "") + "\n" + StateFile.Write(state);

        Assert.Multiple(() =>
        {
            var tags = ran.OfType<CreateTag>().ToList();
            Assert.That(state.Tags.Select(t => (t.Name, Values: t.AllowedValues is null ? "any" : string.Join("\u0001", t.AllowedValues), t.Comment)),
                Is.EquivalentTo(tags.Select(t => (t.Name, Values: t.AllowedValues.Count == 0 ? "any" : string.Join("\u0001", t.AllowedValues), t.Comment))), context);
            var masking = ran.OfType<CreateMaskingPolicy>().ToList();
            Assert.That(state.MaskingPolicies.Select(p => (p.Name, Arguments: string.Join(",", p.Arguments.Select(a => a.Name + " " + a.Type)), p.ReturnType, p.Comment, p.ExemptOtherPolicies)),
                Is.EquivalentTo(masking.Select(p => (p.Name, Arguments: string.Join(",", p.Signature.Arguments.Select(a => PolicyArgumentState.Of(a.Name, a.Type)).Select(a => a.Name + " " + a.Type)),
                    p.ReturnType.Text, p.Comment, p.ExemptOtherPolicies))), context);
            var rows = ran.OfType<CreateRowAccessPolicy>().ToList();
            Assert.That(state.RowAccessPolicies.Select(p => (p.Name, Arguments: string.Join(",", p.Arguments.Select(a => a.Name + " " + a.Type)), p.ReturnType, p.Comment)),
                Is.EquivalentTo(rows.Select(p => (p.Name, Arguments: string.Join(",", p.Signature.Arguments.Select(a => PolicyArgumentState.Of(a.Name, a.Type)).Select(a => a.Name + " " + a.Type)),
                    "BOOLEAN", p.Comment))), context);
            foreach (var p in state.MaskingPolicies.Concat(state.RowAccessPolicies))
            {
                var statement = SqlGenerator.Generate(ran.Single(o => o is CreateMaskingPolicy m ? m.Name == p.Name : o is CreateRowAccessPolicy r && r.Name == p.Name));
                Assert.That(p.Body, Is.Not.Empty.And.EqualTo(p.Body.Trim()), context);
                Assert.That(statement[(statement.IndexOf("->\n", StringComparison.Ordinal) + 3)..].TrimStart(), Does.StartWith(p.Body + "\n").Or.StartWith(p.Body + ";"),
                    "the body as the statement wrote it, trimmed\n" + context);
                Assert.That(state.IsManaged(p), Is.True, context);
            }
            Assert.That(state.Tags.All(state.IsManaged), Is.True, context);

            Assert.That(state.ColumnMasking.Where(r => r.Tag is null).Select(r => (r.Dataset, r.Column, r.Policy, string.Join(",", r.ConditionColumns))),
                Is.EquivalentTo(ran.OfType<SetColumnMaskingPolicy>().Select(o => (o.Table, o.Column, o.Policy, string.Join(",", o.ConditionColumns)))), context);
            Assert.That(state.RowAccess.Select(r => (r.Dataset, r.Policy, string.Join(",", r.On))),
                Is.EquivalentTo(ran.OfType<AddRowAccessPolicy>().Select(o => (o.Table, o.Policy, string.Join(",", o.Columns)))), context);
            Assert.That(state.TagMasking.Select(r => (r.Tag, r.Policy)),
                Is.EquivalentTo(ran.OfType<SetTagMaskingPolicy>().SelectMany(o => o.Policies.Select(p => (o.Tag, p)))), context);
            Assert.That(state.ColumnMasking.Where(r => r.Tag is not null).Select(r => (r.Tag!, r.Policy)).Distinct(), Is.SubsetOf(state.TagMasking.Select(r => (r.Tag, r.Policy))), context);

            var set = ran.OfType<SetTag>().SelectMany(o => o.Tags.Select(t => new TagAssignmentState(o.Target, t.Tag, t.Value))).ToList();
            Assert.That(state.TagAssignments, Is.SubsetOf(set), context);
            Assert.That(state.TagAssignments.Where(a => a.Target is ColumnTarget), Is.EquivalentTo(set.Where(a => a.Target is ColumnTarget)), context);
            foreach (var a in set.Where(a => a.Target is not ColumnTarget && Reaches(a, set, c.Snapshot)))
                Assert.That(state.TagAssignments, Does.Contain(a), "an assignment that reaches a column is seen\n" + context);
            Assert.That(StateDrift.Findings(state), Is.Empty, context);
        });
    });

    /// <summary>The property is only as good as what it compares: on a fixed sample, the states read hold every kind of reference and tag assignment.</summary>
    [Test]
    public void Cases_ReadBackEveryKindOfReferenceAndAssignment()
    {
        var cases = Gen.Sample(Gen.CollectToArray(Enumerable.Range(0, 30), _ => Cases()), 20, new FsCheck.Rnd(20261215UL), 1)[0];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string what, int n) => seen[what] = seen.GetValueOrDefault(what) + n;
        foreach (var (c, mode, assign) in cases)
        {
            SnowflakePlan plan;
            try
            {
                plan = SnowflakePlanner.Plan(c.Packs, c.Snapshot, c.Result, new PlanOptions { Mode = mode, AssignTags = assign });
            }
            catch (SnowflakeCompileException)
            {
                continue;
            }
            using var account = Emulated.Account();
            account.CreateDatasets(c.Snapshot, c.Rows, c.Seed);
            account.CreateEntitlementTables(c.Snapshot, c.Result, c.Entitlements);
            Apply(account, plan.Operations, c.ToString());
            var state = StateReader.ReadStateAsync(account, StateScope.For(c.Snapshot)).GetAwaiter().GetResult();
            Count("column", state.ColumnMasking.Count(r => r.Tag is null));
            Count("conditional", state.ColumnMasking.Count(r => r.ConditionColumns.Count > 0));
            Count("through a tag", state.ColumnMasking.Count(r => r.Tag is not null));
            Count("row access", state.RowAccess.Count);
            Count("tag", state.TagMasking.Count);
            Count("column tag", state.TagAssignments.Count(a => a.Target is ColumnTarget));
            Count("dataset tag", state.TagAssignments.Count(a => a.Target is DatasetTarget));
            Count("schema tag", state.TagAssignments.Count(a => a.Target is SchemaTarget));
        }
        Assert.That(seen.Where(s => s.Value == 0).Select(s => s.Key), Is.Empty, string.Join(", ", seen.Select(s => s.Key + " " + s.Value)));
    }

    // Runs each operation as the compiler wrote it: the compiler reports what Snowflake would refuse instead of writing it
    // (tag mode included: one masking policy per type family on a tag, issue 10), so every statement must run. Returns them all.
    private static List<Operation> Apply(DbConnection account, IEnumerable<Operation> operations, string context)
    {
        var ran = new List<Operation>();
        foreach (var op in operations)
        {
            var sql = SqlGenerator.Generate(op);
            try
            {
                Emulated.Execute(account, sql);
            }
            catch (EmulatorException e)
            {
                Assert.Fail("refused: " + sql + "\n  " + e.Message + "\n" + context);
            }
            ran.Add(op);
        }
        return ran;
    }

    // A tag set on a dataset or schema shows in TAG_REFERENCES_ALL_COLUMNS through a column that has no closer value of it.
    private static bool Reaches(TagAssignmentState a, List<TagAssignmentState> set, MetadataSnapshot snapshot)
    {
        bool Closer(TagTarget t) => set.Any(x => x.Target == t && x.Tag == a.Tag);
        foreach (var p in snapshot.Domains.SelectMany(d => d.Products))
        foreach (var ds in p.Datasets)
        {
            var name = new SchemaObjectName(p.Database, p.Schema, ds.Name);
            var inside = a.Target switch
            {
                DatasetTarget t => t.Dataset == name,
                SchemaTarget s => s.Schema.Database == p.Database && s.Schema.Schema == p.Schema && !Closer(new DatasetTarget(ds.Kind, name)),
                DatabaseTarget d => d.Database == p.Database && !Closer(new SchemaTarget(new SchemaName(p.Database, p.Schema))) && !Closer(new DatasetTarget(ds.Kind, name)),
                _ => false,
            };
            if (inside && ds.Columns.Any(col => !Closer(new ColumnTarget(ds.Kind, name, col.Name)))) return true;
        }
        return false;
    }
}
