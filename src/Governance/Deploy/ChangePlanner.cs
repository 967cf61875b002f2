using System.Globalization;
using Governance.Snowflake;
using Governance.State;
using Governance.Rules;
using Governance.Snapshots;

namespace Governance.Deploy;

/// <summary>
/// Plans the smallest safe change from what an account holds (<see cref="AccountState"/>) to what the rule packs want
/// (<see cref="DesiredState"/>):
/// <list type="bullet">
/// <item>a policy keeps its stable name while its body changes: same signature, return type and
/// <c>EXEMPT_OTHER_POLICIES</c> → <c>ALTER … POLICY … SET BODY</c>; a body the tool cannot read back counts as changed;</item>
/// <item>otherwise a new version (<c>MP_X_TEXT_V2</c>, <c>_V3</c> …) is created, every reference moved to it in one
/// statement each (<c>SET MASKING POLICY … FORCE</c> on columns and tags; <c>DROP ROW ACCESS POLICY old, ADD ROW ACCESS
/// POLICY new</c> in one <c>ALTER</c>), and the old version dropped once nothing references it;</item>
/// <item>allowed values added or dropped with <c>ALTER TAG … ADD | DROP ALLOWED_VALUES</c>; a changed tag value set
/// again with <c>SET TAG</c>;</item>
/// <item>attachments no rule wants are unset, and the tool's policies nothing references any more are dropped — after
/// everything else, so that nothing is unset before its replacement is in place: never unset-then-set, never a drop of
/// an attached policy;</item>
/// <item>what the tool does not own (no <c>governance:</c> comment, or outside its schemas) is reported and never touched.</item>
/// </list>
/// </summary>
public static class ChangePlanner
{
    // The order statements run in: creations, in-place changes and one-statement moves first, removals last.
    private enum Phase
    {
        Tags,
        CreatePolicies,
        SetBodies,
        TagMasking,
        TagAssignments,
        ColumnMasking,
        RowAccess,
        Detach,
        UnsetTagMasking,
        UnsetTagAssignments,
        DropPolicies,
    }

    private static readonly string[] KindOrder = { "tag", "masking policy", "row access policy", "tag masking", "tag assignment", "column masking", "row access" };

    /// <summary>The smallest safe change from <paramref name="actual"/> to <paramref name="desired"/>, with the drift findings of <paramref name="actual"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static ChangePlan Plan(DesiredState desired, AccountState actual)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(actual);
        return new Planner(desired, actual).Run();
    }

    private sealed class Planner(DesiredState desired, AccountState actual)
    {
        private readonly List<Change> _changes = new();
        private readonly List<(Phase Phase, int Order, Operation Op)> _statements = new();
        private readonly SortedSet<string> _notes = new(StringComparer.Ordinal);
        // Desired policy name → the account's policy that serves it (the same name, or a version of it).
        private readonly Dictionary<SchemaObjectName, SchemaObjectName> _resolved = new();
        private readonly Dictionary<SchemaObjectName, DataTypeFamily?> _families = new();
        private readonly Dictionary<SchemaObjectName, Change> _replacedBy = new();

        private Change Add(ChangeAction action, string kind, string @object, string detail)
        {
            var change = new Change(action, kind, @object, detail);
            _changes.Add(change);
            return change;
        }

        private void Run(Change change, Phase phase, Operation op)
        {
            change._operations.Add(op);
            _statements.Add((phase, _statements.Count, op));
        }

        public ChangePlan Run()
        {
            Tags();
            Policies();
            TagMasking();
            TagAssignments();
            ColumnMasking();
            RowAccess();
            DropPolicies();
            var changes = _changes.OrderBy(c => Array.IndexOf(KindOrder, c.Kind)).ThenBy(c => c.Object, StringComparer.Ordinal).ToList();
            var position = _statements.ToDictionary(s => s.Op, s => (s.Phase, s.Order)); // operations compare by reference
            foreach (var c in changes)
            {
                // A change's statements in the order they run.
                var order = c._operations.OrderBy(op => position[op].Phase).ThenBy(op => position[op].Order).ToList();
                c._operations.Clear();
                c._operations.AddRange(order);
            }
            var statements = _statements.OrderBy(s => s.Phase).ThenBy(s => s.Order).Select(s => s.Op).ToList();
            return new ChangePlan(actual, desired.Session, changes, statements, StateDrift.Findings(actual), _notes.ToList());
        }

        // ------------------------------------------------------------------------------------------ tags

        private void Tags()
        {
            foreach (var t in desired.Tags)
            {
                var a = actual.FindTag(t.Name);
                if (a is null)
                {
                    var change = Add(ChangeAction.Create, "tag", t.Name.ToString(), t.AllowedValues.Count == 0 ? "" : "allowed values: " + string.Join(", ", t.AllowedValues));
                    Run(change, Phase.Tags, new CreateTag(t.Name, t.AllowedValues, t.Comment));
                    continue;
                }
                if (!actual.IsManaged(a))
                {
                    _notes.Add("tag `" + t.Name + "` exists without the `governance:` comment: the tool uses it as it is and never changes it");
                    continue;
                }
                var ops = new List<Operation>();
                var details = new List<string>();
                if (t.AllowedValues.Count == 0)
                {
                    if (a.AllowedValues is not null)
                    {
                        ops.Add(new UnsetTagAllowedValues(t.Name));
                        details.Add("any value allowed");
                    }
                }
                else
                {
                    var have = a.AllowedValues ?? ValueList<string>.Empty;
                    var add = t.AllowedValues.Where(v => !have.Contains(v, StringComparer.Ordinal)).ToList();
                    var drop = a.AllowedValues is null ? new List<string>() : have.Where(v => !t.AllowedValues.Contains(v, StringComparer.Ordinal)).ToList();
                    if (a.AllowedValues is null) add = t.AllowedValues.ToList();
                    if (add.Count > 0)
                    {
                        ops.Add(new AddTagAllowedValues(t.Name, add));
                        details.Add("allowed values + " + string.Join(", ", add));
                    }
                    if (drop.Count > 0)
                    {
                        ops.Add(new DropTagAllowedValues(t.Name, drop));
                        details.Add("allowed values - " + string.Join(", ", drop));
                    }
                }
                if (ops.Count == 0) continue;
                var changed = Add(ChangeAction.Change, "tag", t.Name.ToString(), string.Join("; ", details));
                foreach (var op in ops) Run(changed, Phase.Tags, op);
            }
            var wanted = desired.Tags.Select(t => t.Name).ToHashSet();
            foreach (var t in actual.Tags.Where(t => actual.IsManaged(t) && !wanted.Contains(t.Name)))
                _notes.Add("tag `" + t.Name + "` is in no taxonomy any more: kept (dropping a tag unsets it on every object of the account)");
        }

        // ------------------------------------------------------------------------------------------ policies

        private static readonly string[] PolicyKinds = { "masking policy", "row access policy" };

        private IReadOnlyList<PolicyState> ActualPolicies(PolicyKind kind) => kind == PolicyKind.Masking ? actual.MaskingPolicies : actual.RowAccessPolicies;

        private int References(SchemaObjectName policy)
            => actual.ColumnMasking.Count(r => r.Tag is null && r.Policy == policy) + actual.RowAccess.Count(r => r.Policy == policy) + actual.TagMasking.Count(r => r.Policy == policy);

        private static bool SameShape(DesiredPolicy d, PolicyState p)
            => p.ExemptOtherPolicies == d.ExemptOtherPolicies
               && string.Equals(p.ReturnType, d.ReturnType, StringComparison.Ordinal)
               && p.Arguments.Count == d.Signature.Arguments.Count
               && p.Arguments.Zip(d.Signature.Arguments).All(x => x.First == PolicyArgumentState.Of(x.Second.Name, x.Second.Type));

        /// <summary>The version of <paramref name="name"/> that <paramref name="baseName"/>'s family gives it: 1 for the base name, k for <c>_Vk</c>; 0 when it is not of the family.</summary>
        private static int Version(string name, string baseName)
        {
            if (string.Equals(name, baseName, StringComparison.Ordinal)) return 1;
            if (!name.StartsWith(baseName + "_V", StringComparison.Ordinal)) return 0;
            var digits = name[(baseName.Length + 2)..];
            return digits.Length is > 0 and < 6 && digits.All(char.IsAsciiDigit) && digits[0] != '0' && int.Parse(digits, CultureInfo.InvariantCulture) is var v && v >= 2 ? v : 0;
        }

        private void Policies()
        {
            var allNames = actual.MaskingPolicies.Concat(actual.RowAccessPolicies).Select(p => p.Name).ToHashSet();
            var desiredNames = desired.Policies.Select(p => p.Name.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var d in desired.Policies)
            {
                _families[d.Name] = d.Kind == PolicyKind.Masking ? d.Signature.Arguments[0].Type.Family : DataTypeFamily.Boolean;
                var schema = actual.Scope.PolicySchema;
                // The family: the base name and its versions, but a version that is itself a desired name.
                var family = ActualPolicies(d.Kind)
                    .Where(p => schema.Contains(p.Name) && Version(p.Name.Name, d.Name.Name) > 0 && (p.Name == d.Name || !desiredNames.Contains(p.Name.Name)))
                    .ToList();
                var managed = family.Where(actual.IsManaged).ToList();
                var match = managed.Where(p => SameShape(d, p))
                    .OrderByDescending(p => References(p.Name)).ThenBy(p => Version(p.Name.Name, d.Name.Name)).FirstOrDefault();
                var kind = PolicyKinds[(int)d.Kind];
                if (match is not null)
                {
                    _resolved[d.Name] = match.Name;
                    _families[match.Name] = _families[d.Name];
                    if (!BodyText.Same(match.Body, d.BodyText))
                    {
                        var change = Add(ChangeAction.Change, kind, match.Name.ToString(), "body");
                        Run(change, Phase.SetBodies, d.Kind == PolicyKind.Masking
                            ? new SetMaskingPolicyBody(match.Name, d.Signature, d.Body)
                            : new SetRowAccessPolicyBody(match.Name, d.Signature, d.Body));
                    }
                    // Older versions serve nothing: DropPolicies removes them.
                    continue;
                }
                foreach (var p in family.Where(p => !actual.IsManaged(p)))
                    _notes.Add(kind + " `" + p.Name + "` has the name the tool would give it but no `governance:` comment: left as it is, the tool's is named after it");
                var version = family.Count == 0 ? 1 : Math.Max(2, family.Max(p => Version(p.Name.Name, d.Name.Name)) + 1);
                SchemaObjectName Named(int v) => v == 1 ? d.Name : new SchemaObjectName(d.Name.Database, d.Name.Schema, d.Name.Name + "_V" + v.ToString(CultureInfo.InvariantCulture));
                var name = Named(version);
                while (allNames.Contains(name)) name = Named(++version);
                _resolved[d.Name] = name;
                _families[name] = _families[d.Name];
                var replaced = managed.OrderBy(p => Version(p.Name.Name, d.Name.Name)).ToList();
                var created = replaced.Count == 0
                    ? Add(ChangeAction.Create, kind, name.ToString(), "")
                    : Add(ChangeAction.Replace, kind, replaced[^1].Name.ToString(), "new version " + name.Name + ": " + Why(d, replaced[^1]));
                Run(created, Phase.CreatePolicies, d.Kind == PolicyKind.Masking
                    ? new CreateMaskingPolicy(name, d.Signature, d.Body, d.Comment, d.ExemptOtherPolicies)
                    : new CreateRowAccessPolicy(name, d.Signature, d.Body, d.Comment));
                foreach (var old in replaced) _replacedBy[old.Name] = created;
            }
        }

        private static string Why(DesiredPolicy d, PolicyState p)
        {
            var reasons = new List<string>();
            if (p.ExemptOtherPolicies != d.ExemptOtherPolicies) reasons.Add("EXEMPT_OTHER_POLICIES");
            if (!string.Equals(p.ReturnType, d.ReturnType, StringComparison.Ordinal)) reasons.Add("return type");
            if (reasons.Count == 0 || p.Arguments.Count != d.Signature.Arguments.Count) reasons.Insert(0, "signature");
            return string.Join(", ", reasons) + " changed";
        }

        private SchemaObjectName Resolve(SchemaObjectName desiredPolicy) => _resolved.TryGetValue(desiredPolicy, out var name) ? name : desiredPolicy;

        private DataTypeFamily? FamilyOf(SchemaObjectName policy)
        {
            if (_families.TryGetValue(policy, out var family)) return family;
            var p = actual.FindPolicy(PolicyKind.Masking, policy);
            return p is not null && SnowflakeType.TryParse(p.ReturnType, out var type, out _) ? type!.Family : null;
        }

        // ------------------------------------------------------------------------------------------ attachments

        private void TagMasking()
        {
            var wanted = desired.TagMasking.GroupBy(r => r.Tag).ToDictionary(g => g.Key, g => g.Select(r => Resolve(r.Policy)).ToList());
            var tags = wanted.Keys.Concat(actual.TagMasking.Where(r => actual.Scope.TagSchema.Contains(r.Tag)).Select(r => r.Tag)).Distinct().ToList();
            foreach (var tag in tags)
            {
                var want = wanted.TryGetValue(tag, out var w) ? w : new List<SchemaObjectName>();
                var have = actual.TagMasking.Where(r => r.Tag == tag).Select(r => r.Policy).ToList();
                var foreign = have.Where(p => !actual.IsManagedPolicy(PolicyKind.Masking, p)).ToList();
                var foreignFamilies = foreign.Select(FamilyOf).ToHashSet();
                var toSet = new List<SchemaObjectName>();
                foreach (var p in want.Where(p => !have.Contains(p)))
                {
                    if (foreignFamilies.Contains(FamilyOf(p)))
                        _notes.Add("tag `" + tag + "` has a masking policy the tool does not manage for the data type of `" + p + "`: left as it is, `" + p + "` is not set on the tag");
                    else toSet.Add(p);
                }
                var setFamilies = toSet.Select(FamilyOf).ToHashSet();
                var toUnset = have.Where(p => !want.Contains(p) && actual.IsManagedPolicy(PolicyKind.Masking, p) && !setFamilies.Contains(FamilyOf(p))).ToList();
                if (toSet.Count == 0 && toUnset.Count == 0) continue;
                var managedNow = have.Count(p => actual.IsManagedPolicy(PolicyKind.Masking, p));
                var action = toSet.Count > 0 && managedNow == 0 ? ChangeAction.Create : toSet.Count == 0 && toUnset.Count == managedNow ? ChangeAction.Remove : ChangeAction.Change;
                var detail = string.Join("; ", new[]
                {
                    toSet.Count == 0 ? "" : "set " + string.Join(", ", toSet.Select(p => p.Name)),
                    toUnset.Count == 0 ? "" : "unset " + string.Join(", ", toUnset.Select(p => p.Name)),
                }.Where(s => s.Length > 0));
                var change = Add(action, "tag masking", tag.ToString(), detail);
                if (toSet.Count > 0) Run(change, Phase.TagMasking, new SetTagMaskingPolicy(tag, toSet.OrderBy(p => p.Name, StringComparer.Ordinal).ToList(), force: true));
                if (toUnset.Count > 0) Run(change, Phase.UnsetTagMasking, new UnsetTagMaskingPolicy(tag, toUnset.OrderBy(p => p.Name, StringComparer.Ordinal).ToList()));
            }
        }

        // The tool manages assignments of its tags when the plan sets tags: with AssignTags, or in tag mode (the tags
        // that make tag-based masking reach a column). Otherwise the tags on objects are the data teams', and left alone.
        private bool ManagesAssignments => desired.Options.AssignTags || desired.Options.Mode == PlanMode.Tag;

        private void TagAssignments()
        {
            var have = actual.TagAssignments.ToDictionary(a => ChangeKeys.Assignment(a.Target, a.Tag), StringComparer.Ordinal);
            var want = desired.TagAssignments.ToDictionary(a => ChangeKeys.Assignment(a.Target, a.Tag), StringComparer.Ordinal);
            foreach (var (key, d) in want.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                var name = d.Tag + " on " + ChangeKeys.Show(d.Target);
                if (have.TryGetValue(key, out var a))
                {
                    if (string.Equals(a.Value, d.Value, StringComparison.Ordinal)) continue;
                    Run(Add(ChangeAction.Change, "tag assignment", name, "`" + a.Value + "` → `" + d.Value + "`"), Phase.TagAssignments,
                        new SetTag(d.Target, new[] { new TagAssignment(d.Tag, d.Value) }));
                }
                else
                {
                    Run(Add(ChangeAction.Create, "tag assignment", name, "`" + d.Value + "`"), Phase.TagAssignments, new SetTag(d.Target, new[] { new TagAssignment(d.Tag, d.Value) }));
                }
            }
            if (!ManagesAssignments) return;
            foreach (var (key, a) in have.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                if (want.ContainsKey(key) || !actual.IsManagedTag(a.Tag)) continue;
                Run(Add(ChangeAction.Remove, "tag assignment", a.Tag + " on " + ChangeKeys.Show(a.Target), "`" + a.Value + "`"), Phase.UnsetTagAssignments,
                    new UnsetTag(a.Target, new[] { a.Tag }));
            }
        }

        private void ColumnMasking()
        {
            var have = actual.ColumnMasking.Where(r => r.Tag is null).ToDictionary(r => ChangeKeys.Column(r.Dataset, r.Column), StringComparer.Ordinal);
            var want = desired.ColumnMasking.ToDictionary(r => ChangeKeys.Column(r.Dataset, r.Column), StringComparer.Ordinal);
            foreach (var (key, d) in want)
            {
                var policy = Resolve(d.Policy);
                var name = d.Dataset + "." + d.Column;
                var set = new SetColumnMaskingPolicy(d.Kind, d.Dataset, d.Column, policy, d.ConditionColumns, force: true);
                if (!have.TryGetValue(key, out var a))
                {
                    Run(Add(ChangeAction.Create, "column masking", name, policy.Name), Phase.ColumnMasking, set);
                    continue;
                }
                if (!actual.IsManagedPolicy(PolicyKind.Masking, a.Policy))
                {
                    _notes.Add("column `" + name + "` has masking policy `" + a.Policy + "`, which the tool does not manage: left as it is, `" + policy.Name + "` is not set on it");
                    continue;
                }
                if (a.Policy == policy && a.ConditionColumns.SequenceEqual(d.ConditionColumns, StringComparer.Ordinal)) continue;
                Run(Add(ChangeAction.Change, "column masking", name, a.Policy == policy ? "USING (" + string.Join(", ", d.ConditionColumns.Prepend(d.Column)) + ")" : a.Policy.Name + " → " + policy.Name),
                    Phase.ColumnMasking, set);
            }
            foreach (var (key, a) in have)
            {
                if (want.ContainsKey(key) || !actual.IsManagedPolicy(PolicyKind.Masking, a.Policy) || actual.Scope.Find(a.Dataset) is not { } dataset) continue;
                Run(Add(ChangeAction.Remove, "column masking", a.Dataset + "." + a.Column, a.Policy.Name), Phase.Detach,
                    new UnsetColumnMaskingPolicy(dataset.Kind, a.Dataset, a.Column));
            }
        }

        private void RowAccess()
        {
            var have = actual.RowAccess.ToDictionary(r => ChangeKeys.Dataset(r.Dataset), StringComparer.Ordinal);
            var want = desired.RowAccess.ToDictionary(r => ChangeKeys.Dataset(r.Dataset), StringComparer.Ordinal);
            foreach (var (key, d) in want)
            {
                var policy = Resolve(d.Policy);
                var name = d.Dataset.ToString();
                if (!have.TryGetValue(key, out var a))
                {
                    Run(Add(ChangeAction.Create, "row access", name, policy.Name), Phase.RowAccess, new AddRowAccessPolicy(d.Kind, d.Dataset, policy, d.On));
                    continue;
                }
                if (!actual.IsManagedPolicy(PolicyKind.RowAccess, a.Policy))
                {
                    _notes.Add("dataset `" + name + "` has row access policy `" + a.Policy + "`, which the tool does not manage: left as it is, `" + policy.Name + "` is not added");
                    continue;
                }
                if (a.Policy == policy && a.On.SequenceEqual(d.On, StringComparer.Ordinal)) continue;
                Run(Add(ChangeAction.Change, "row access", name, a.Policy == policy ? "ON (" + string.Join(", ", d.On) + ")" : a.Policy.Name + " → " + policy.Name),
                    Phase.RowAccess, new SwapRowAccessPolicy(d.Kind, d.Dataset, a.Policy, policy, d.On));
            }
            foreach (var (key, a) in have)
            {
                if (want.ContainsKey(key) || !actual.IsManagedPolicy(PolicyKind.RowAccess, a.Policy) || actual.Scope.Find(a.Dataset) is not { } dataset) continue;
                Run(Add(ChangeAction.Remove, "row access", a.Dataset.ToString(), a.Policy.Name), Phase.Detach, new DropTableRowAccessPolicy(dataset.Kind, a.Dataset, a.Policy));
            }
        }

        // ------------------------------------------------------------------------------------------ drops

        // A managed policy that serves no desired one is dropped once the plan has moved or unset every reference to
        // it; one still referenced outside what the plan covers (a dataset not in the snapshot, a tag outside the tool's
        // tag schema) is kept, and said.
        private void DropPolicies()
        {
            var serving = _resolved.Values.ToHashSet();
            foreach (var kind in new[] { PolicyKind.Masking, PolicyKind.RowAccess })
            {
                foreach (var p in ActualPolicies(kind).Where(p => actual.IsManaged(p) && !serving.Contains(p.Name)))
                {
                    var outside = actual.ColumnMasking.Where(r => r.Tag is null && r.Policy == p.Name && actual.Scope.Find(r.Dataset) is null).Select(r => r.Dataset + "." + r.Column)
                        .Concat(actual.RowAccess.Where(r => r.Policy == p.Name && actual.Scope.Find(r.Dataset) is null).Select(r => r.Dataset.ToString()))
                        .Concat(actual.TagMasking.Where(r => r.Policy == p.Name && !actual.Scope.TagSchema.Contains(r.Tag)).Select(r => r.Tag.ToString()))
                        .ToList();
                    if (outside.Count > 0)
                    {
                        _notes.Add(PolicyKinds[(int)kind] + " `" + p.Name + "` is wanted by no rule but still set on " + string.Join(", ", outside.Select(o => "`" + o + "`"))
                            + ", outside the snapshot: not dropped");
                        continue;
                    }
                    var change = _replacedBy.TryGetValue(p.Name, out var replacement)
                        ? replacement
                        : Add(ChangeAction.Remove, PolicyKinds[(int)kind], p.Name.ToString(), References(p.Name) == 0 ? "" : "after its references are removed");
                    Run(change, Phase.DropPolicies, kind == PolicyKind.Masking ? new DropMaskingPolicy(p.Name) : new DropRowAccessPolicy(p.Name));
                }
            }
        }
    }
}
