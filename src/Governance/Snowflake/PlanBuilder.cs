using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Governance.State;

namespace Governance.Snowflake;

/// <summary>
/// Turns a PackSet, a snapshot and the evaluator's decisions into a <see cref="SnowflakePlan"/>: the tags of the
/// taxonomy, the masking and row access policies that are actually needed, their attachments, and (optionally) tag
/// assignments. Throws <see cref="SnowflakeCompileException"/> only for input that Snowflake cannot hold (a name
/// longer than 255 characters, a NUL, a tag value longer than 256 characters …); nothing is planned then.
/// </summary>
public static class SnowflakePlanner
{
    private const int MaxBaseName = 200;

    public static SnowflakePlan Plan(PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, PlanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(result);
        options ??= PlanOptions.Default;
        SqlText.RequireIdentifier(options.PolicyDatabase);
        SqlText.RequireIdentifier(options.PolicySchema);
        SqlText.RequireIdentifier(options.TagDatabase);
        SqlText.RequireIdentifier(options.TagSchema);
        return new Builder(packs, snapshot, result, options).Build();
    }

    /// <summary>The type of a masking policy for a column of <paramref name="columnType"/>: VARCHAR for any VARCHAR(n), otherwise the exact type.</summary>
    public static SnowflakeType PolicyType(SnowflakeType columnType)
    {
        ArgumentNullException.ThrowIfNull(columnType);
        return columnType.Kind == SnowflakeTypeKind.Varchar ? SnowflakeType.Varchar() : columnType;
    }

    /// <summary>The type part of a policy name: <c>TEXT</c> for VARCHAR, else the type with non-alphanumerics as <c>_</c> (<c>NUMBER_12_2</c>, <c>DATE</c>).</summary>
    public static string TypeTag(SnowflakeType policyType)
    {
        ArgumentNullException.ThrowIfNull(policyType);
        return policyType.Kind == SnowflakeTypeKind.Varchar ? "TEXT" : NamePart(policyType.Text);
    }

    /// <summary>Upper case, every character but A–Z and 0–9 as <c>_</c>, runs of <c>_</c> collapsed, none at either end.</summary>
    public static string NamePart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToUpperInvariant())
        {
            var keep = char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);
            if (keep) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        var s = sb.ToString().TrimEnd('_');
        return s.Length == 0 ? "X" : s;
    }

    /// <summary>The first 6 hex digits (upper case) of the SHA-256 of <paramref name="key"/>: a short, stable suffix.</summary>
    internal static string ShortHash(string key)
        => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..6];

    /// <summary>
    /// An upper bound of the length of a masked value of <paramref name="strategy"/> on a VARCHAR(<paramref name="length"/>)
    /// column, when it can exceed <paramref name="length"/>; null when it cannot, or when no safe bound is known
    /// (emailDomain grows by at most 4 characters, only for a local part shorter than 5; custom expressions are not estimated).
    /// </summary>
    public static int? MaskedLengthOver(MaskingStrategy strategy, int length)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        int? bound = strategy switch
        {
            HashStrategy => HashStrategy.DigestLength,
            RedactStrategy r => Characters(r.Replacement),
            ConstantStrategy { Value.Kind: LiteralKind.String } c => Characters(c.Value.Text),
            KeepLastStrategy k when Characters(k.MaskCharacter) > 1 && length > k.Count
                => (int)Math.Min(int.MaxValue, (long)(length - k.Count) * Characters(k.MaskCharacter) + k.Count),
            _ => null,
        };
        return bound is { } b && b > length ? b : null;
    }

    private static int Characters(string s) => s.EnumerateRunes().Count();

    private sealed record PolicySpec(string Key, string BaseName, PolicySignature Signature, PolicyExpression Body, string Comment);

    private sealed record Attachment(MaskingDecision Decision, string PolicyKey, IReadOnlyList<string> ConditionColumns);

    private sealed record Branch(string Key, IReadOnlyList<IReadOnlyList<string>> Clauses, PolicyExpression Masked, MaskingDecision Decision);

    private sealed class Builder
    {
        private readonly PackSet _packs;
        private readonly MetadataSnapshot _snapshot;
        private readonly EvaluationResult _result;
        private readonly PlanOptions _options;
        private readonly List<Finding> _findings = new();

        public Builder(PackSet packs, MetadataSnapshot snapshot, EvaluationResult result, PlanOptions options)
        {
            _packs = packs; _snapshot = snapshot; _result = result; _options = options;
        }

        private SchemaObjectName TagName(string tag) => new(_options.TagDatabase, _options.TagSchema, tag);
        private SchemaObjectName PolicyName(string name) => new(_options.PolicyDatabase, _options.PolicySchema, name);
        private string PolicySchemaSql => SqlText.Qualified(_options.PolicyDatabase, _options.PolicySchema);
        private string TagSchemaSql => SqlText.Qualified(_options.TagDatabase, _options.TagSchema);

        public SnowflakePlan Build()
        {
            var groups = new List<PlanGroup>();

            // 1. Tags.
            var (tags, tagNotes) = Taxonomy();
            var createTags = tags.Values.Select(t => (Operation)new CreateTag(TagName(t.Name), t.AllowedValues, Ownership.Comment(t.Description))).ToList();
            Add(groups, PlanStep.Tags, "Tags",
                "Create the taxonomy's tags with their allowed values, in the board's order. Tags come first: attachments, tag assignments and policy bodies name them.",
                "CREATE TAG on schema " + TagSchemaSql, createTags, tagNotes);

            // 2. Masking.
            var policies = new Dictionary<string, PolicySpec>(StringComparer.Ordinal);
            var direct = new List<Attachment>();
            var tagPolicies = new Dictionary<string, List<string>>(StringComparer.Ordinal); // tag → policy keys
            var maskingNotes = new List<string>();
            var directNotes = new List<string>();
            var eligible = new List<(MaskingDecision Decision, string Tag, string Value)>();

            foreach (var d in _result.Masking)
            {
                CheckLength(d);
                if (_options.Mode == PlanMode.Tag && TagOnly(d, tags) is { } tv) eligible.Add((d, tv.Tag, tv.Value));
                else direct.Add(Direct(d, policies));
            }

            if (_options.Mode == PlanMode.Tag)
            {
                var fallback = TagPolicies(eligible, tags, policies, tagPolicies, maskingNotes);
                foreach (var d in fallback) direct.Add(Direct(d, policies));
                directNotes.Add("These are the decisions tag-based masking cannot express: selected by something else than one tag's values, conditional, or a value whose columns need different policies. A direct column policy wins over a tag-based one.");
            }

            var names = Names(policies.Values.Select(p => (p.Key, p.BaseName)));
            var createMasking = policies.Values
                .Select(p => (Operation)new CreateMaskingPolicy(PolicyName(names[p.Key]), p.Signature, p.Body, p.Comment))
                .OrderBy(o => ((CreateMaskingPolicy)o).Name.Name, StringComparer.Ordinal).ToList();
            Add(groups, PlanStep.MaskingPolicies, "Masking policies",
                "Create the masking policies: one per rule, data type and reveal clauses" + (_options.Mode == PlanMode.Tag ? ", and one per tag and data type for tag-based masking (MP_TAG_…). " : ". ")
                + "Clear values only when IS_ROLE_IN_SESSION holds for a role of every reveal clause (deny overrides); the ELSE always masks. "
                + "The return type is the input type.",
                "CREATE MASKING POLICY on schema " + PolicySchemaSql, createMasking, maskingNotes);

            // 3. Row access policies.
            var rowPolicies = new Dictionary<string, PolicySpec>(StringComparer.Ordinal);
            var rowAttachments = new List<(RowAccessDecision Decision, string Key, IReadOnlyList<string> On)>();
            foreach (var d in _result.RowAccess)
            {
                var body = RowAccessBodies.For(Canonical(d));
                var key = "row\n" + SignatureText(body.Signature) + "\n" + body.Body;
                if (!rowPolicies.ContainsKey(key))
                {
                    var refs = string.Join(", ", d.Parts.Select(p => p.Rule.Ref).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal));
                    rowPolicies[key] = new PolicySpec(key, Truncate("RAP_" + NamePart(d.Parts[0].Rule.Rule.Id)), body.Signature, body.Body, Ownership.Comment(refs));
                }
                rowAttachments.Add((d, key, body.OnColumns));
            }
            var rowNames = Names(rowPolicies.Values.Select(p => (p.Key, p.BaseName)));
            var createRows = rowPolicies.Values
                .Select(p => (Operation)new CreateRowAccessPolicy(PolicyName(rowNames[p.Key]), p.Signature, p.Body, p.Comment))
                .OrderBy(o => ((CreateRowAccessPolicy)o).Name.Name, StringComparer.Ordinal).ToList();
            Add(groups, PlanStep.RowAccessPolicies, "Row access policies",
                "Create the row access policies: every matching rule is one conjunct (deny overrides); a conjunct admits its bypass roles (IS_ROLE_IN_SESSION) or the rows its filter admits (entitlement table through EXISTS, or a comparison).",
                "CREATE ROW ACCESS POLICY on schema " + PolicySchemaSql, createRows, Array.Empty<string>());

            // Fail closed: tagged columns that no tag-based policy of their type protects.
            var tagNotes2 = _options.Mode == PlanMode.Tag ? CheckTagCoverage(tagPolicies, policies, direct) : new List<string>();

            // 4. Tag-based masking attachments.
            var setTagPolicies = tagPolicies.OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => (Operation)new SetTagMaskingPolicy(TagName(t.Key), t.Value.Select(k => PolicyName(names[k])).OrderBy(n => n.Name, StringComparer.Ordinal).ToList(), force: true))
                .ToList();
            Add(groups, PlanStep.TagMaskingAttachments, "Tag-based masking",
                "Set the tag-based masking policies on their tags, one per data type: they protect every column that carries the tag (set on it, its table, schema or database), new columns included. FORCE replaces the policy already set for that data type.",
                "APPLY MASKING POLICY on the account and APPLY TAG on the account (or APPLY or OWNERSHIP on the tag)", setTagPolicies, tagNotes2);

            // 5. Column masking attachments.
            var setColumns = direct
                .Select(a => (Operation)new SetColumnMaskingPolicy(a.Decision.Dataset.Kind, DatasetName(a.Decision.Product, a.Decision.Dataset),
                    a.Decision.Column.Name, PolicyName(names[a.PolicyKey]), a.ConditionColumns, force: true))
                .OrderBy(o => ((SetColumnMaskingPolicy)o).Table.Database, StringComparer.Ordinal)
                .ThenBy(o => ((SetColumnMaskingPolicy)o).Table.Schema, StringComparer.Ordinal)
                .ThenBy(o => ((SetColumnMaskingPolicy)o).Table.Name, StringComparer.Ordinal)
                .ThenBy(o => ((SetColumnMaskingPolicy)o).Column, StringComparer.Ordinal)
                .ToList();
            Add(groups, PlanStep.ColumnMaskingAttachments, "Column masking",
                "Set a masking policy on each masked column (the ALTER keyword of its dataset's kind). USING passes the conditional columns. FORCE replaces the column's current policy in one statement, with no unmasked gap.",
                "APPLY MASKING POLICY on the account (or APPLY on each policy plus OWNERSHIP of each table or view)", setColumns, directNotes);

            // 6. Row access attachments.
            var addRows = rowAttachments
                .Select(a => (Operation)new AddRowAccessPolicy(a.Decision.Dataset.Kind, DatasetName(a.Decision.Product, a.Decision.Dataset), PolicyName(rowNames[a.Key]), a.On))
                .OrderBy(o => ((AddRowAccessPolicy)o).Table.Database, StringComparer.Ordinal)
                .ThenBy(o => ((AddRowAccessPolicy)o).Table.Schema, StringComparer.Ordinal)
                .ThenBy(o => ((AddRowAccessPolicy)o).Table.Name, StringComparer.Ordinal)
                .ToList();
            Add(groups, PlanStep.RowAccessAttachments, "Row access",
                "Add each dataset's row access policy on its filter columns. A dataset holds one row access policy: on a dataset that already has one, swap it in one statement (DROP ROW ACCESS POLICY old, ADD ROW ACCESS POLICY new ON (…)).",
                "APPLY ROW ACCESS POLICY on the account (or APPLY on the policy plus OWNERSHIP of each dataset)", addRows, Array.Empty<string>());

            // 7. Tag assignments.
            if (_options.AssignTags)
            {
                var (assignments, notes) = Assignments(tags);
                Add(groups, PlanStep.TagAssignments, "Tag assignments",
                    "Set the tags the snapshot records: a product's tags on its schema, a dataset's on the dataset, a column's on the column (all of a column's tags in one statement).",
                    "APPLY TAG on the account (or APPLY on each tag plus OWNERSHIP of each object)", assignments, notes);
            }

            _findings.Sort(Finding.Compare);
            return new SnowflakePlan(_options, Inputs(), groups, _findings.ToArray());
        }

        private static void Add(List<PlanGroup> groups, PlanStep step, string title, string description, string privilege, List<Operation> operations, IReadOnlyList<string> notes)
        {
            if (operations.Count == 0) return;
            groups.Add(new PlanGroup(step, title, description, privilege, operations.ToArray(),
                notes.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToArray()));
        }

        private IReadOnlyList<string> Inputs()
        {
            var packs = string.Join(", ", _packs.Packs.Select(p => p.Name + " " + p.Version + (p.Scope.IsGlobal ? " (global)" : " (domain " + p.Scope.Domain + ")")));
            var products = _snapshot.Domains.Sum(d => d.Products.Count);
            var datasets = _snapshot.Domains.Sum(d => d.Products.Sum(p => p.Datasets.Count));
            var inv = CultureInfo.InvariantCulture;
            return new[]
            {
                "Rule packs: " + packs,
                "Snapshot: " + _snapshot.Domains.Count.ToString(inv) + " domains, " + products.ToString(inv) + " products, "
                    + datasets.ToString(inv) + " datasets, " + _snapshot.ColumnCount.ToString(inv) + " columns",
                "Decisions: " + _result.Masking.Count.ToString(inv) + " masked columns, " + _result.RowAccess.Count.ToString(inv) + " datasets with row access",
            };
        }

        // Without a filter column, a policy attaches on the dataset's first column: take the first by name, so the
        // plan does not depend on the snapshot's column order.
        private static RowAccessDecision Canonical(RowAccessDecision d)
        {
            if (d.Columns.Count > 0 || d.Dataset.Columns.Count < 2) return d;
            var sorted = d.Dataset.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray();
            return new RowAccessDecision(d.Target, d.Product, new Dataset(d.Dataset.Name, d.Dataset.Kind, sorted, d.Dataset.Tags), d.Parts);
        }

        // ------------------------------------------------------------------------------------------ tags

        private (SortedDictionary<string, TagDefinition> Tags, List<string> Notes) Taxonomy()
        {
            var notes = new List<string>();
            var global = _packs.GlobalRules.Taxonomy;
            var tags = new SortedDictionary<string, TagDefinition>(StringComparer.Ordinal);
            foreach (var (name, def) in global) tags[name] = def;
            var domainOnly = new SortedDictionary<string, (TagDefinition Def, string Domain)>(StringComparer.Ordinal);
            foreach (var set in _packs.RuleSets.Where(s => s.Domain is not null))
            {
                foreach (var (name, def) in set.Taxonomy.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    if (global.TryGetValue(name, out var g))
                    {
                        if (!def.AllowedValues.SequenceEqual(g.AllowedValues, StringComparer.Ordinal))
                        {
                            notes.Add("domain `" + set.Domain + "` narrows tag `" + name + "` to " + Values(def.AllowedValues)
                                + "; a tag is one account object, so it is created with the global allowed values (the evaluator checks the domain's)");
                        }
                        continue;
                    }
                    if (domainOnly.TryGetValue(name, out var existing))
                    {
                        if (existing.Def.AllowedValues.SequenceEqual(def.AllowedValues, StringComparer.Ordinal)) continue;
                        var merged = existing.Def.AllowedValues.Count == 0 || def.AllowedValues.Count == 0
                            ? Array.Empty<string>()
                            : existing.Def.AllowedValues.Concat(def.AllowedValues).Distinct(StringComparer.Ordinal).ToArray();
                        notes.Add("domains `" + existing.Domain + "` and `" + set.Domain + "` declare tag `" + name
                            + "` with other allowed values; it is created with " + (merged.Length == 0 ? "any value allowed" : "their union " + Values(merged)));
                        domainOnly[name] = (new TagDefinition(name, merged, existing.Def.Description), existing.Domain);
                    }
                    else
                    {
                        domainOnly[name] = (def, set.Domain!);
                    }
                }
            }
            foreach (var (name, d) in domainOnly) tags[name] = d.Def;
            return (tags, notes);
        }

        private static string Values(IEnumerable<string> values)
        {
            var list = values.ToList();
            return list.Count == 0 ? "any value" : string.Join(", ", list.Select(v => "`" + v + "`"));
        }

        private (List<Operation> Operations, List<string> Notes) Assignments(SortedDictionary<string, TagDefinition> tags)
        {
            var ops = new List<(string[] Key, Operation Op)>();
            var unknown = new SortedSet<string>(StringComparer.Ordinal);
            var notAllowed = new List<string>();
            List<TagAssignment> Known(TagSet set, string target)
            {
                var list = new List<TagAssignment>();
                foreach (var (name, value) in set.Items)
                {
                    if (!tags.TryGetValue(name, out var def)) unknown.Add(name);
                    else if (!def.Allows(value)) notAllowed.Add("`" + target + "` has `" + name + "` = `" + value + "`, which the tag does not allow: not assigned (Snowflake would refuse it)");
                    else list.Add(new TagAssignment(TagName(name), value));
                }
                return list;
            }
            foreach (var domain in _snapshot.Domains)
            {
                foreach (var p in domain.Products)
                {
                    var pt = Known(p.Tags, Targets.Of(p));
                    if (pt.Count > 0) ops.Add((new[] { p.Database, p.Schema, "", "" }, new SetTag(new SchemaTarget(p.Database, p.Schema), pt)));
                    foreach (var ds in p.Datasets)
                    {
                        var name = DatasetName(p, ds);
                        var dt = Known(ds.Tags, Targets.Of(p, ds));
                        if (dt.Count > 0) ops.Add((new[] { p.Database, p.Schema, "\u0001" + ds.Name, "" }, new SetTag(new DatasetTarget(ds.Kind, name), dt)));
                        foreach (var c in ds.Columns)
                        {
                            var ct = Known(c.Tags, Targets.Of(p, ds, c));
                            if (ct.Count > 0) ops.Add((new[] { p.Database, p.Schema, "\u0001" + ds.Name, c.Name }, new SetTag(new ColumnTarget(ds.Kind, name, c.Name), ct)));
                        }
                    }
                }
            }
            ops.Sort((a, b) =>
            {
                for (var i = 0; i < 4; i++)
                {
                    var c = string.CompareOrdinal(a.Key[i], b.Key[i]);
                    if (c != 0) return c;
                }
                return 0;
            });
            var notes = unknown.Select(t => "tag `" + t + "` is not in any taxonomy: it is neither created nor assigned").Concat(notAllowed).ToList();
            return (ops.Select(o => o.Op).ToList(), notes);
        }

        // ------------------------------------------------------------------------------------------ masking

        private static SchemaObjectName DatasetName(DataProduct p, Dataset d) => new(p.Database, p.Schema, d.Name);

        private Attachment Direct(MaskingDecision d, Dictionary<string, PolicySpec> policies)
        {
            var type = PolicyType(d.Column.Type);
            var conditions = new List<MaskingConditionArgument>();
            var columns = new List<string>();
            foreach (var c in d.Conditions)
            {
                var column = d.Dataset.FindColumn(c.Column)
                    ?? throw new SnowflakeCompileException("conditional masking of `" + d.Target + "` reads column " + SqlText.Show(c.Column) + ", which its dataset does not have");
                conditions.Add(new MaskingConditionArgument(PolicyType(column.Type), c.Value));
                columns.Add(column.Name);
            }
            var body = MaskingBodies.For(d.Strategy, type, d.RevealClauses, conditions);
            var signature = MaskingBodies.Signature(type, conditions);
            var key = "rule\n" + d.Rule.Ref + "\n" + SignatureText(signature) + "\n" + body;
            if (!policies.ContainsKey(key))
            {
                policies[key] = new PolicySpec(key, Truncate("MP_" + NamePart(d.Rule.Rule.Id) + "_" + TypeTag(type)), signature, body,
                    Ownership.Comment(d.Rule.Ref + " (" + d.Strategy.Describe() + ")"));
            }
            return new Attachment(d, key, columns);
        }

        // The tag and value a decision depends on, when it depends on nothing else: every matching rule selects by
        // values of one tag T (declared, so the plan creates it), and there is no condition.
        private static (string Tag, string Value)? TagOnly(MaskingDecision d, SortedDictionary<string, TagDefinition> tags)
        {
            if (d.Conditions.Count > 0 || d.Matched.Count == 0) return null;
            string? tag = null;
            foreach (var m in d.Matched)
            {
                if (m.Rule is not MaskingRule { Columns: TagSelector { Values: not null } t }) return null;
                if (tag is not null && !string.Equals(tag, t.Tag, StringComparison.Ordinal)) return null;
                tag = t.Tag;
            }
            if (tag is null || !tags.ContainsKey(tag)) return null;
            var value = d.Column.Tags.Get(tag) ?? d.Dataset.Tags.Get(tag) ?? d.Product.Tags.Get(tag);
            return value is null ? null : (tag, value);
        }

        // One policy per (tag, type) branching on the tag's value. For each (tag, type, value) the branch most columns
        // need is kept; columns that need another fall back to a direct column policy (returned).
        private List<MaskingDecision> TagPolicies(List<(MaskingDecision Decision, string Tag, string Value)> eligible, SortedDictionary<string, TagDefinition> tags,
            Dictionary<string, PolicySpec> policies, Dictionary<string, List<string>> tagPolicies, List<string> notes)
        {
            // Values of a tag that no masking rule of any pack selects: the evaluator leaves such columns in clear, so the
            // tag's policy passes them through explicitly (the ELSE still masks every value nobody declared).
            var selected = MaskedTagValues();
            var fallback = new List<MaskingDecision>();
            foreach (var byTagType in eligible
                .GroupBy(e => (e.Tag, Type: PolicyType(e.Decision.Column.Type).Text))
                .OrderBy(g => g.Key.Tag, StringComparer.Ordinal).ThenBy(g => g.Key.Type, StringComparer.Ordinal))
            {
                var type = PolicyType(byTagType.First().Decision.Column.Type);
                var signature = PolicySignature.ForMasking(type);
                var val = signature.Ref(PolicySignature.ValueArgument);
                var tagName = TagName(byTagType.Key.Tag);
                var branches = new List<(PolicyExpression When, PolicyExpression Then)>();
                var described = new List<string>();
                foreach (var byValue in byTagType.GroupBy(e => e.Value).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    var candidates = byValue.Select(e => MakeBranch(e.Decision, type, val)).ToList();
                    var chosen = candidates.GroupBy(b => b.Key)
                        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
                    foreach (var other in candidates.Where(b => !string.Equals(b.Key, chosen.Key, StringComparison.Ordinal)))
                    {
                        fallback.Add(other.Decision);
                        notes.Add("`" + other.Decision.Target + "` needs another policy than the other columns with `" + byTagType.Key.Tag + "` = `" + byValue.Key
                            + "` and type " + type + ": it gets a direct column policy");
                    }
                    var branch = chosen.First();
                    var when = PolicyExpression.Compare(new TagOnCurrentColumn(tagName), SqlComparison.Equal, PolicyExpression.String(byValue.Key));
                    if (branch.Clauses.Count > 0 && branch.Clauses.All(c => c.Count > 0))
                    {
                        var parts = new List<PolicyExpression> { when };
                        parts.AddRange(branch.Clauses.Select(c => PolicyExpression.Or(c.Select(PolicyExpression.IsRoleInSession).ToArray())));
                        branches.Add((PolicyExpression.And(parts.ToArray()), val));
                    }
                    branches.Add((when, branch.Masked));
                    var refs = chosen.Select(b => b.Decision.Rule.Ref).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal);
                    described.Add(byValue.Key + ": " + string.Join(", ", refs) + " (" + branch.Decision.Strategy.Describe() + ")");
                }
                var named = new HashSet<string>(byTagType.Select(e => e.Value), StringComparer.Ordinal);
                if (tags.TryGetValue(byTagType.Key.Tag, out var definition) && !selected.Contains((byTagType.Key.Tag, AnyValue)))
                {
                    foreach (var v in definition.AllowedValues.Where(v => !named.Contains(v) && !selected.Contains((byTagType.Key.Tag, v))).OrderBy(v => v, StringComparer.Ordinal))
                    {
                        branches.Add((PolicyExpression.Compare(new TagOnCurrentColumn(tagName), SqlComparison.Equal, PolicyExpression.String(v)), val));
                        described.Add(v + ": no masking rule (clear)");
                    }
                }
                var body = PolicyExpression.Case(branches, PolicyExpression.Null);
                var key = "tag\n" + byTagType.Key.Tag + "\n" + SignatureText(signature) + "\n" + body;
                policies[key] = new PolicySpec(key, Truncate("MP_TAG_" + NamePart(byTagType.Key.Tag) + "_" + TypeTag(type)), signature, body,
                    Ownership.Comment("tag-based masking on " + byTagType.Key.Tag + " for " + type + "; " + string.Join("; ", described) + "; any other value: NULL"));
                if (!tagPolicies.TryGetValue(byTagType.Key.Tag, out var list)) tagPolicies[byTagType.Key.Tag] = list = new List<string>();
                list.Add(key);
                notes.Add("a column that carries `" + byTagType.Key.Tag + "` with type " + type + " and a value no branch names (one outside the taxonomy, or one a rule masks on other types only) is masked to NULL for every session (fail closed)");
            }
            return fallback;
        }

        /// <summary>(tag, value) pairs some masking rule of some pack selects; (tag, AnyValue) when one selects any value.</summary>
        private HashSet<(string Tag, string Value)> MaskedTagValues()
        {
            var selected = new HashSet<(string Tag, string Value)>();
            foreach (var b in _packs.AllRules)
            {
                foreach (var t in TagSelectorsOf(b.Rule is MaskingRule m ? m.Columns : null))
                {
                    if (t.Values is null) selected.Add((t.Tag, AnyValue));
                    else foreach (var v in t.Values) selected.Add((t.Tag, v));
                }
            }
            return selected;
        }

        private const string AnyValue = "\u0000any";

        private static IEnumerable<TagSelector> TagSelectorsOf(Selector? selector) => selector switch
        {
            TagSelector t => new[] { t },
            AllSelector a => a.Parts.SelectMany(TagSelectorsOf),
            AnySelector a => a.Parts.SelectMany(TagSelectorsOf),
            NotSelector n => TagSelectorsOf(n.Inner),
            _ => Array.Empty<TagSelector>(),
        };

        private static Branch MakeBranch(MaskingDecision d, SnowflakeType type, PolicyExpression val)
        {
            var masked = MaskingBodies.Masked(d.Strategy, type, val);
            if (masked is ArgumentReference)
                throw new SnowflakeCompileException("masking strategy `" + d.Strategy.Describe() + "` of `" + d.Rule.Ref + "` would return the input unmasked on `" + d.Target + "`");
            var clauses = d.RevealClauses;
            var key = string.Join(" AND ", clauses.Select(c => "(" + string.Join(" OR ", c) + ")")) + "\n" + masked;
            return new Branch(key, clauses, masked, d);
        }

        // GOV1005 for every tagged column whose type has no policy on the tag; a note for a column that two tags'
        // policies would both mask (Snowflake reports MULTIPLE_MASKING_POLICY_ASSIGNED_TO_THE_COLUMN).
        private List<string> CheckTagCoverage(Dictionary<string, List<string>> tagPolicies, Dictionary<string, PolicySpec> policies, List<Attachment> direct)
        {
            var notes = new List<string>();
            if (tagPolicies.Count == 0) return notes;
            var types = tagPolicies.ToDictionary(t => t.Key,
                t => new HashSet<string>(t.Value.Select(k => policies[k].Signature.Arguments[0].Type.Text), StringComparer.Ordinal), StringComparer.Ordinal);
            var directColumns = new HashSet<string>(direct.Select(a => a.Decision.Target), StringComparer.Ordinal);
            var descriptor = GovCatalog.Get(GovIds.TagPolicyMissingForType);
            foreach (var domain in _snapshot.Domains)
            foreach (var p in domain.Products)
            foreach (var ds in p.Datasets)
            foreach (var c in ds.Columns)
            {
                var target = Targets.Of(p, ds, c);
                if (directColumns.Contains(target)) continue;
                var policyType = PolicyType(c.Type).Text;
                var masking = new List<string>();
                foreach (var (tag, covered) in types.OrderBy(t => t.Key, StringComparer.Ordinal))
                {
                    var value = c.Tags.Get(tag) ?? ds.Tags.Get(tag) ?? p.Tags.Get(tag);
                    if (value is null) continue;
                    if (covered.Contains(policyType)) masking.Add(tag);
                    else _findings.Add(new Finding(GovIds.TagPolicyMissingForType, null, Severity.Error, target, descriptor.Format(target, tag, value, c.Type.Text)));
                }
                if (masking.Count > 1)
                {
                    notes.Add("`" + target + "` carries " + string.Join(" and ", masking.Select(t => "`" + t + "`"))
                        + ", whose policies both mask its type: Snowflake refuses two masking policies on one column; give it a direct policy");
                }
            }
            return notes;
        }

        private void CheckLength(MaskingDecision d)
        {
            var type = d.Column.Type;
            if (type.Kind != SnowflakeTypeKind.Varchar || type.Length >= SnowflakeType.MaxVarcharLength) return;
            if (MaskedLengthOver(d.Strategy, type.Length) is not { } length) return;
            _findings.Add(new Finding(GovIds.MaskedValueTooLong, d.Rule.Ref, Severity.Warning, d.Target,
                GovCatalog.Get(GovIds.MaskedValueTooLong).Format(d.Target, type.Text, d.Strategy.Describe(), length.ToString(CultureInfo.InvariantCulture))));
        }

        // ------------------------------------------------------------------------------------------ names

        private static string SignatureText(PolicySignature s) => string.Join(", ", s.Arguments.Select(a => a.Name + " " + a.Type.Text));

        private static string Truncate(string name) => name.Length <= MaxBaseName ? name : name[..MaxBaseName].TrimEnd('_');

        // Readable names; a short stable hash of the key is appended only where two keys share a name.
        private static Dictionary<string, string> Names(IEnumerable<(string Key, string BaseName)> specs)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var group in specs.GroupBy(s => s.BaseName, StringComparer.Ordinal))
            {
                var list = group.ToList();
                foreach (var s in list) result[s.Key] = list.Count == 1 ? s.BaseName : s.BaseName + "_" + ShortHash(s.Key);
            }
            return result;
        }
    }
}
