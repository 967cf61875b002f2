using System.Globalization;
using System.Text;
using Governance.State;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;
using Governance.Diagnostics;

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

    /// <summary>The plan that enforces <paramref name="result"/>'s decisions for <paramref name="snapshot"/> in Snowflake.</summary>
    /// <param name="packs">The PackSet that was evaluated (its taxonomy gives the tags).</param>
    /// <param name="snapshot">The metadata the decisions are about.</param>
    /// <param name="result">The evaluator's result for <paramref name="packs"/> on <paramref name="snapshot"/>.</param>
    /// <param name="options">Where objects go and what the plan does; null for <see cref="PlanOptions.Default"/>.</param>
    /// <returns>The plan; the same inputs give the same plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="packs"/>, <paramref name="snapshot"/> or <paramref name="result"/> is null.</exception>
    /// <exception cref="SnowflakeCompileException">A name or value cannot be written to Snowflake (an option's name or the role included).</exception>
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
        if (options.Role is not null) SqlText.RequireIdentifier(options.Role);
        return new Builder(packs, snapshot, result, options).Build();
    }

    /// <summary>The type of a masking policy for a column of <paramref name="columnType"/>: VARCHAR for any VARCHAR(n), otherwise the exact type.</summary>
    public static SnowflakeType PolicyType(SnowflakeType columnType)
    {
        ArgumentNullException.ThrowIfNull(columnType);
        return columnType.Kind == SnowflakeTypeKind.Varchar ? AnyVarchar : columnType;
    }

    // Immutable: one for every VARCHAR column's policy.
    private static readonly SnowflakeType AnyVarchar = SnowflakeType.Varchar();

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
        => Convert.ToHexString(Sha256.Hash(Encoding.UTF8.GetBytes(key)))[..6];

    /// <summary>
    /// An upper bound of the length of a masked value of <paramref name="strategy"/> on a VARCHAR(<paramref name="length"/>)
    /// column, when it can exceed <paramref name="length"/>; null when it cannot, or when no safe bound is known
    /// (emailDomain grows by at most 4 characters, only for a local part shorter than 5; custom expressions are not estimated).
    /// </summary>
    public static int? MaskedLengthOver(MaskingStrategy strategy, int length)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return strategy.Accept(new MaskedLength(length)) is { } b && b > length ? b : null;
    }

    /// <summary>The longest masked value of a VARCHAR(length), where a strategy can exceed the length; null where it cannot
    /// or no safe bound is known.</summary>
    private sealed class MaskedLength(int length) : IMaskingStrategyVisitor<int?>
    {
        public int? Visit(RedactStrategy strategy) => CodePoints.Count(strategy.Replacement);

        // A value of L > n characters gives (L - n) masks and n kept characters, one of L <= n characters gives L masks.
        public int? Visit(KeepLastStrategy strategy)
        {
            long mask = CodePoints.Count(strategy.MaskCharacter);
            if (mask <= 1) return null;
            var whole = Math.Min(strategy.Count, length) * mask;
            var partial = length > strategy.Count ? (length - strategy.Count) * mask + strategy.Count : 0;
            return (int)Math.Min(int.MaxValue, Math.Max(whole, partial));
        }

        public int? Visit(HashStrategy strategy) => HashStrategy.DigestLength;
        public int? Visit(NullifyStrategy strategy) => null;
        // At most 4 characters more, and only for a local part shorter than 5: not estimated.
        public int? Visit(EmailDomainStrategy strategy) => null;
        public int? Visit(TruncateDateStrategy strategy) => null;
        public int? Visit(ConstantStrategy strategy) => strategy.Value.Kind == LiteralKind.String ? CodePoints.Count(strategy.Value.Text) : null;
        // Custom expressions are not estimated.
        public int? Visit(CustomStrategy strategy) => null;
    }

    /// <summary>An external table's column that holds the whole row; its other columns are virtual columns computed from it.</summary>
    public const string ExternalValueColumn = "VALUE";

    private sealed record PolicySpec(string Key, string BaseName, PolicySignature Signature, PolicyExpression Body, string Comment, bool Exempt = false);

    /// <summary>A masking policy set on one column (<see cref="ConditionColumns"/> passed through USING).</summary>
    private sealed record Attachment(DataProduct Product, Dataset Dataset, string Column, string PolicyKey, IReadOnlyList<string> ConditionColumns)
    {
        public string Target => Targets.Of(Product, Dataset) + "." + Column;
    }

    private sealed record Branch(string Key, IReadOnlyList<IReadOnlyList<string>> Clauses, PolicyExpression Masked, MaskingDecision Decision);

    /// <summary>A decision that a tag-based policy serves: the column gets the tag set on it.</summary>
    private sealed record Served(MaskingDecision Decision, string Tag, string Value);

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

        // Each tag's and policy's name made once: a plan names them in a statement per protected or masked column.
        private readonly Dictionary<string, SchemaObjectName> _tagNames = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SchemaObjectName> _policyNames = new(StringComparer.Ordinal);

        private SchemaObjectName TagName(string tag)
        {
            if (!_tagNames.TryGetValue(tag, out var name)) _tagNames[tag] = name = new SchemaObjectName(_options.TagDatabase, _options.TagSchema, tag);
            return name;
        }

        private SchemaObjectName PolicyName(string policy)
        {
            if (!_policyNames.TryGetValue(policy, out var name)) _policyNames[policy] = name = new SchemaObjectName(_options.PolicyDatabase, _options.PolicySchema, policy);
            return name;
        }
        private string PolicySchemaSql => SqlText.Qualified(_options.PolicyDatabase, _options.PolicySchema);
        private string TagSchemaSql => SqlText.Qualified(_options.TagDatabase, _options.TagSchema);

        private void Report(string id, string? rule, string target, params object[] args)
        {
            var descriptor = GovCatalog.Get(id);
            _findings.Add(new Finding(id, rule, id == GovIds.MaterializedViewLineageMissing ? Severity.Warning : Severity.Error, target, descriptor.Format(args)));
        }

        public SnowflakePlan Build()
        {
            var groups = new List<PlanGroup>();

            // 0. The session the script relies on.
            var session = new List<Operation>();
            if (_options.Role is { } role) session.Add(new UseRole(role));
            session.Add(new SetQuotedIdentifiersCaseSensitive());
            Add(groups, PlanStep.Session, "Session",
                (_options.Role is null ? "" : "Run as the role that creates and so owns the tags and policies. ")
                + "Quoted identifiers keep their case, as every name below is written (the account or user may have set QUOTED_IDENTIFIERS_IGNORE_CASE).",
                _options.Role is null ? "none (a session parameter)" : "the role granted to the user who runs the script", session, Array.Empty<string>());

            // 1. Tags.
            var (tags, tagNotes) = Taxonomy();
            var createTags = tags.Values.Select(t => (Operation)new CreateTag(TagName(t.Name), t.AllowedValues, Ownership.Comment(t.Description))).ToList();
            Add(groups, PlanStep.Tags, "Tags",
                "Create the taxonomy's tags with their allowed values, in the board's order. Tags come first: attachments, tag assignments and policy bodies name them.",
                "CREATE TAG on schema " + TagSchemaSql, createTags, tagNotes);

            // What Snowflake refuses on datasets a materialized view reads.
            var readers = Lineage();

            // 2. Masking.
            var planned = new List<MaskingDecision>();
            foreach (var d in _result.Masking)
            {
                CheckLength(d);
                if (readers.Count > 0 && readers.TryGetValue(DatasetTarget(d.Product, d.Dataset), out var mv))
                    Report(GovIds.MaskingOnMaterializedViewSource, d.Rule.Ref, d.Target, d.Target, mv, DatasetTarget(d.Product, d.Dataset));
                else
                    planned.Add(d);
            }
            var maskedColumns = new HashSet<string>(planned.Count, StringComparer.Ordinal);
            foreach (var d in planned) maskedColumns.Add(d.Target);
            var policies = new Dictionary<string, PolicySpec>(StringComparer.Ordinal);
            var direct = new List<Attachment>();
            var tagPolicies = new Dictionary<string, List<string>>(StringComparer.Ordinal); // tag → policy keys
            var maskingNotes = new List<string>();
            var directNotes = new List<string>();
            var eligible = new List<Served>();
            foreach (var d in planned)
            {
                if (_options.Mode == PlanMode.Tag && TagOnly(d, tags) is { } tv) eligible.Add(new Served(d, tv.Tag, tv.Value));
                else direct.Add(Direct(d, policies, maskedColumns));
            }
            var served = new List<Served>();
            if (_options.Mode == PlanMode.Tag)
            {
                var fallback = TagPolicies(eligible, tags, policies, tagPolicies, served, maskingNotes);
                foreach (var d in fallback) direct.Add(Direct(d, policies, maskedColumns));
                directNotes.Add("These are the decisions tag-based masking cannot express: selected by something else than one tag's values, conditional, on a materialized view or an external table, or a value or type whose columns need another policy. A direct column policy wins over a tag-based one.");
            }
            ExternalValues(direct, planned, policies, directNotes);

            var names = Names(policies.Values.Select(p => (p.Key, p.BaseName)));
            var createMasking = policies.Values
                .Select(p => (Operation)new CreateMaskingPolicy(PolicyName(names[p.Key]), p.Signature, p.Body, p.Comment, p.Exempt))
                .OrderBy(o => ((CreateMaskingPolicy)o).Name.Name, StringComparer.Ordinal).ToList();
            Add(groups, PlanStep.MaskingPolicies, "Masking policies",
                "Create the masking policies: one per rule, data type and reveal clauses" + (_options.Mode == PlanMode.Tag ? ", and one per tag and data type for tag-based masking (MP_TAG_…). " : ". ")
                + "Clear values only when IS_ROLE_IN_SESSION holds for a role of every reveal clause (deny overrides); the ELSE always masks. "
                + "The return type is the input type.",
                "CREATE MASKING POLICY on schema " + PolicySchemaSql, createMasking, maskingNotes);

            // Which tags have a policy for which type kinds: what protects a column through its tags.
            var tagKinds = tagPolicies.ToDictionary(t => t.Key, t => t.Value.Select(k => policies[k].Signature.Arguments[0].Type.Kind).ToHashSet(), StringComparer.Ordinal);

            // 3. Row access policies: those Snowflake can attach.
            var tagProtected = TagProtected(tagKinds);
            var signatureColumns = SignatureColumns(direct, policies, served, tagProtected, _result.RowAccess);
            var rowPolicies = new Dictionary<string, PolicySpec>(StringComparer.Ordinal);
            var rowAttachments = new List<(RowAccessDecision Decision, string Key, IReadOnlyList<string> On)>();
            foreach (var d in _result.RowAccess)
            {
                if (readers.TryGetValue(d.Target, out var mv))
                {
                    Report(GovIds.RowAccessOnMaterializedViewSource, d.Rule.Ref, d.Target, d.Target, mv);
                    continue;
                }
                Column? standIn = null;
                if (d.Dataset.Kind == DatasetKind.ExternalTable)
                {
                    var virtualColumns = d.Columns.Where(c => !string.Equals(c, ExternalValueColumn, StringComparison.Ordinal)).ToList();
                    if (virtualColumns.Count > 0)
                    {
                        Report(GovIds.RowAccessNotAttachable, d.Rule.Ref, d.Target, d.Target, Quoted(virtualColumns));
                        continue;
                    }
                    standIn = d.Dataset.FindColumn(ExternalValueColumn) ?? new Column(ExternalValueColumn, SnowflakeType.Parse("VARIANT"));
                }
                signatureColumns.TryGetValue(d.Target, out var inMasking);
                var body = RowPolicy(d, standIn ?? StandIn(d, inMasking));
                if (inMasking is not null && body.OnColumns.Where(inMasking.Contains).ToList() is { Count: > 0 } both)
                {
                    Report(GovIds.ColumnInMaskingAndRowAccess, d.Rule.Ref, d.Target, d.Target, Quoted(both));
                    continue;
                }
                var key = body.Key;
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
            var mappingTables = createRows.Cast<CreateRowAccessPolicy>().SelectMany(p => p.Body.Descendants()).OfType<EntitlementExists>()
                .Select(e => e.Table.Sql).Distinct(StringComparer.Ordinal).OrderBy(t => t, StringComparer.Ordinal).ToList();
            Add(groups, PlanStep.RowAccessPolicies, "Row access policies",
                "Create the row access policies: every matching rule is one conjunct (deny overrides); a conjunct admits its bypass roles (IS_ROLE_IN_SESSION) or the rows its filter admits (entitlement table through EXISTS, or a comparison).",
                "CREATE ROW ACCESS POLICY on schema " + PolicySchemaSql
                + (mappingTables.Count == 0 ? "" : ". A row access policy runs as its owner, the role that creates it: that role needs USAGE on the database and schema and SELECT on "
                    + string.Join(", ", mappingTables)),
                createRows, Array.Empty<string>());

            // Fail closed, and what would make Snowflake refuse queries.
            CheckTagCollisions(tagProtected);
            CheckMappingTables(rowAttachments.Select(a => a.Decision), tagProtected);

            // 4. Tag-based masking attachments.
            var setTagPolicies = tagPolicies.OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => (Operation)new SetTagMaskingPolicy(TagName(t.Key), t.Value.Select(k => PolicyName(names[k])).OrderBy(n => n.Name, StringComparer.Ordinal).ToList(), force: true))
                .ToList();
            Add(groups, PlanStep.TagMaskingAttachments, "Tag-based masking",
                "Set the tag-based masking policies on their tags, one per data type: they protect every column that carries the tag (set on it, its table, schema or database) and whose type is the policy's. FORCE replaces the policy already set for that data type.",
                "APPLY MASKING POLICY on the account", setTagPolicies, Array.Empty<string>());

            // 5. The tags that make tag-based masking protect the columns it serves.
            var protectionTags = new Dictionary<(string Tag, string Value), TagAssignment[]>();
            var protection = ByName(served.Select(x =>
                {
                    if (!protectionTags.TryGetValue((x.Tag, x.Value), out var assignment)) protectionTags[(x.Tag, x.Value)] = assignment = new[] { new TagAssignment(TagName(x.Tag), x.Value) };
                    return new SetTag(new ColumnTarget(x.Decision.Dataset.Kind, DatasetName(x.Decision.Product, x.Decision.Dataset), x.Decision.Column.Name), assignment);
                }),
                o => ((ColumnTarget)o.Target).Dataset, o => ((ColumnTarget)o.Target).Column);
            Add(groups, PlanStep.TagProtection, "Tags of tag-protected columns",
                "Set its tag on each column that a tag-based policy protects: the policy protects a column only once the tag is on it (or on its table, schema or database).",
                "APPLY TAG on the account (or OWNERSHIP or APPLY on each tag plus OWNERSHIP of each table or view)", protection, Array.Empty<string>());

            // 6. Column masking attachments.
            var setColumns = ByName(direct.Select(a => new SetColumnMaskingPolicy(a.Dataset.Kind, DatasetName(a.Product, a.Dataset), a.Column, PolicyName(names[a.PolicyKey]), a.ConditionColumns, force: true)),
                o => o.Table, o => o.Column);
            Add(groups, PlanStep.ColumnMaskingAttachments, "Column masking",
                "Set a masking policy on each masked column (ALTER TABLE for an external table, ALTER VIEW for a materialized view, else the ALTER keyword of its dataset's kind). USING passes the conditional columns. FORCE replaces the column's current policy in one statement, with no unmasked gap.",
                "APPLY MASKING POLICY on the account (or APPLY on each policy plus OWNERSHIP of each table or view)", setColumns, directNotes);

            // 7. Row access attachments.
            var addRows = ByName(rowAttachments.Select(a => new AddRowAccessPolicy(a.Decision.Dataset.Kind, DatasetName(a.Decision.Product, a.Decision.Dataset), PolicyName(rowNames[a.Key]), a.On)),
                o => o.Table, _ => "");
            Add(groups, PlanStep.RowAccessAttachments, "Row access",
                "Add each dataset's row access policy on its filter columns (an external table's on VALUE, through ALTER TABLE). A dataset holds one row access policy: on a dataset that already has one, swap it in one statement (DROP ROW ACCESS POLICY old, ADD ROW ACCESS POLICY new ON (…)).",
                "APPLY ROW ACCESS POLICY on the account (or APPLY on the policy plus OWNERSHIP of each dataset)", addRows, Array.Empty<string>());

            // 8. Tag assignments.
            if (_options.AssignTags)
            {
                var already = new HashSet<(string, string)>(served.Select(x => (x.Decision.Target, x.Tag)));
                var (assignments, notes) = Assignments(tags, already, readers, tagKinds);
                Add(groups, PlanStep.TagAssignments, "Tag assignments",
                    "Set the tags the snapshot records: a product's tags on its schema, a dataset's on the dataset, a column's on the column (all of a column's tags in one statement)"
                    + (served.Count == 0 ? "." : ", but those the tag-protected columns already got."),
                    "APPLY TAG on the account (or APPLY on each tag plus OWNERSHIP of each object)", assignments, notes);
            }

            // Fail closed: every column a rule masks is reached by a policy once the script has run.
            // (Only the columns tag-based policies serve can miss one: without any, nothing is read.)
            var coverage = new PlanCoverage(served.Count == 0 ? Array.Empty<Operation>() : groups.SelectMany(g => g.Operations));
            var descriptor = GovCatalog.Get(GovIds.TagPolicyMissingForType);
            foreach (var x in served)
            {
                var d = x.Decision;
                if (!coverage.Protects(DatasetName(d.Product, d.Dataset), d.Column.Name, d.Column.Type))
                    _findings.Add(new Finding(GovIds.TagPolicyMissingForType, d.Rule.Ref, Severity.Error, d.Target, descriptor.Format(d.Target, x.Tag, x.Value, d.Column.Type.Text)));
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

        // Statements in the order of their dataset's name (database, schema, dataset), then the column's; statements with
        // equal names keep their order. They come in a few runs already in that order (the decisions' order, or one run per
        // tag and value): a merge of the runs, with each statement's names read once.
        private static List<Operation> ByName<T>(IEnumerable<T> operations, Func<T, SchemaObjectName> dataset, Func<T, string> column) where T : Operation
        {
            var list = operations.ToList();
            var datasets = new SchemaObjectName[list.Count];
            var columns = new string[list.Count];
            for (var i = 0; i < list.Count; i++) (datasets[i], columns[i]) = (dataset(list[i]), column(list[i]));
            var order = MergeRuns(list.Count, (a, b) =>
            {
                if (a == b) return 0;
                var x = datasets[a];
                var y = datasets[b];
                var c = string.CompareOrdinal(x.Database, y.Database);
                if (c == 0) c = string.CompareOrdinal(x.Schema, y.Schema);
                if (c == 0) c = string.CompareOrdinal(x.Name, y.Name);
                if (c == 0) c = string.CompareOrdinal(columns[a], columns[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
            var sorted = new List<Operation>(order.Length);
            foreach (var i in order) sorted.Add(list[i]);
            return sorted;
        }

        /// <summary>The indexes 0 … <paramref name="count"/> − 1 sorted by <paramref name="compare"/> (a total order): the
        /// runs already in order found, then merged pairwise. No work for a sorted input, n log(runs) comparisons else.</summary>
        private static int[] MergeRuns(int count, Comparison<int> compare)
        {
            var order = new int[count];
            for (var i = 0; i < count; i++) order[i] = i;
            var starts = new List<int> { 0 };
            for (var i = 1; i < count; i++)
            {
                if (compare(i - 1, i) > 0) starts.Add(i);
            }
            if (starts.Count == 1) return order;
            var into = new int[count];
            while (starts.Count > 1)
            {
                var merged = new List<int>((starts.Count + 1) / 2);
                for (var r = 0; r < starts.Count; r += 2)
                {
                    int low = starts[r], middle = r + 1 < starts.Count ? starts[r + 1] : count, high = r + 2 < starts.Count ? starts[r + 2] : count;
                    merged.Add(low);
                    int i = low, j = middle, k = low;
                    while (i < middle && j < high) into[k++] = compare(order[j], order[i]) < 0 ? order[j++] : order[i++];
                    while (i < middle) into[k++] = order[i++];
                    while (j < high) into[k++] = order[j++];
                }
                (order, into) = (into, order);
                starts = merged;
            }
            return order;
        }

        private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => "`" + n + "`"));

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

        // Without a filter column, a policy attaches on the dataset's first column: take the first by name that no
        // masking policy's signature holds there (Snowflake refuses a column in both, GOV2005), so the plan does not
        // depend on the snapshot's column order. Null when a filter column is present (or the dataset has no column).
        private static Column? StandIn(RowAccessDecision d, HashSet<string>? inMasking)
        {
            if (d.Columns.Count > 0) return null;
            Column? first = null;
            var firstInMasking = false;
            foreach (var c in d.Dataset.Columns)
            {
                var inSignature = inMasking?.Contains(c.Name) == true;
                if (first is null || (firstInMasking && !inSignature)
                    || (firstInMasking == inSignature && string.CompareOrdinal(c.Name, first.Name) < 0)) (first, firstInMasking) = (c, inSignature);
            }
            return first;
        }

        /// <summary>A dataset's row access policy: its key (signature and body), and the columns it is attached ON.</summary>
        private sealed record RowPolicyOf(string Key, PolicySignature Signature, PolicyExpression Body, IReadOnlyList<string> OnColumns);

        // Datasets whose parts come from the same rules (filters, bypass roles, whether the filter column is present) and
        // whose policy columns have the same types get the same signature and body: made and written once per shape
        // (a body and its text per dataset was most of the row access step's time and allocations).
        private readonly Dictionary<RowShape, RowPolicyOf> _rowPolicies = new(RowShape.Comparer);

        private RowPolicyOf RowPolicy(RowAccessDecision d, Column? standIn)
        {
            IReadOnlyList<string> on = d.Columns.Count > 0 ? d.Columns : standIn is null ? Array.Empty<string>() : new[] { standIn.Name };
            if (on.Count == 0) return Made(RowAccessBodies.For(d, standIn)); // throws: the dataset has no column
            var types = new SnowflakeType[on.Count];
            for (var i = 0; i < on.Count; i++)
            {
                var column = d.Dataset.FindColumn(on[i]) ?? (string.Equals(standIn?.Name, on[i], StringComparison.Ordinal) ? standIn : null);
                if (column is null) return Made(RowAccessBodies.For(d, standIn)); // throws: the dataset has no such column
                types[i] = column.Type;
            }
            var shape = new RowShape(d.Parts, types);
            if (!_rowPolicies.TryGetValue(shape, out var known))
            {
                known = Made(RowAccessBodies.For(d, standIn));
                _rowPolicies[shape] = known;
            }
            return known with { OnColumns = on };

            static RowPolicyOf Made(RowAccessBody b) => new("row\n" + SignatureText(b.Signature) + "\n" + b.Body, b.Signature, b.Body, b.OnColumns);
        }

        /// <summary>What a row access policy's signature and body are made of: per part its filter and bypass roles (the
        /// rule's objects, compared by reference) and whether its column is present, and the types of the policy's columns.</summary>
        private readonly record struct RowShape(IReadOnlyList<RowAccessPart> Parts, SnowflakeType[] Types)
        {
            public static readonly IEqualityComparer<RowShape> Comparer = new ShapeComparer();

            private sealed class ShapeComparer : IEqualityComparer<RowShape>
            {
                public bool Equals(RowShape a, RowShape b)
                {
                    if (a.Parts.Count != b.Parts.Count || !a.Types.AsSpan().SequenceEqual(b.Types)) return false;
                    for (var i = 0; i < a.Parts.Count; i++)
                    {
                        var (x, y) = (a.Parts[i], b.Parts[i]);
                        if (!ReferenceEquals(x.Filter, y.Filter) || !ReferenceEquals(x.BypassRoles, y.BypassRoles) || x.ColumnPresent != y.ColumnPresent) return false;
                    }
                    return true;
                }

                public int GetHashCode(RowShape shape)
                {
                    var hash = new HashCode();
                    foreach (var t in shape.Types) hash.Add(t);
                    foreach (var p in shape.Parts)
                    {
                        hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(p.Filter));
                        hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(p.BypassRoles));
                        hash.Add(p.ColumnPresent);
                    }
                    return hash.ToHashCode();
                }
            }
        }

        // ------------------------------------------------------------------------------------------ lineage

        // Dataset target → the first (ordinal) materialized view that lists it in its sources. A materialized view that
        // does not say what it reads gets GOV1009.
        private Dictionary<string, string> Lineage()
        {
            var readers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var domain in _snapshot.Domains)
            foreach (var p in domain.Products)
            foreach (var ds in p.Datasets.Where(ds => ds.Kind == DatasetKind.MaterializedView))
            {
                var mv = Targets.Of(p, ds);
                if (ds.Sources is null)
                {
                    Report(GovIds.MaterializedViewLineageMissing, null, mv, mv);
                    continue;
                }
                foreach (var source in ds.Sources)
                {
                    if (!readers.TryGetValue(source, out var first) || string.CompareOrdinal(mv, first) < 0) readers[source] = mv;
                }
            }
            return readers;
        }

        // ------------------------------------------------------------------------------------------ signatures

        // Dataset target → the columns in a masking policy's signature there: masked columns and USING columns of
        // direct policies (but those of an EXEMPT_OTHER_POLICIES policy), columns the plan protects through a tag, and
        // columns whose snapshot tags have a tag-based policy for their type.
        private Dictionary<string, HashSet<string>?> SignatureColumns(List<Attachment> direct, Dictionary<string, PolicySpec> policies, List<Served> served,
            List<TagProtectedColumn> tagProtected, IReadOnlyList<RowAccessDecision> rows)
        {
            // Only the datasets a row access policy is attached to are asked about.
            var columns = new Dictionary<string, HashSet<string>?>(rows.Count, StringComparer.Ordinal);
            foreach (var d in rows) columns[d.Target] = null;
            // One target string and one set per dataset, found once per dataset object (the entries come in runs of one
            // dataset, but the served columns in one run per tag and value).
            var sets = new Dictionary<Dataset, HashSet<string>?>(ReferenceEqualityComparer.Instance);
            Dataset? lastDataset = null;
            HashSet<string>? lastSet = null;
            void Add(DataProduct product, Dataset dataset, string column)
            {
                if (!ReferenceEquals(dataset, lastDataset) && !sets.TryGetValue(dataset, out lastSet))
                {
                    var target = DatasetTarget(product, dataset);
                    if (columns.TryGetValue(target, out lastSet) && lastSet is null) columns[target] = lastSet = new HashSet<string>(StringComparer.Ordinal);
                    sets[dataset] = lastSet;
                }
                lastDataset = dataset;
                lastSet?.Add(column);
            }
            foreach (var a in direct)
            {
                if (policies[a.PolicyKey].Exempt) continue;
                Add(a.Product, a.Dataset, a.Column);
                foreach (var c in a.ConditionColumns) Add(a.Product, a.Dataset, c);
            }
            foreach (var x in served) Add(x.Decision.Product, x.Decision.Dataset, x.Decision.Column.Name);
            foreach (var x in tagProtected) Add(x.Product, x.Dataset, x.Column.Name);
            return columns;
        }

        /// <summary>A column of the snapshot with the tags (sorted) that have a tag-based policy for its type kind.</summary>
        private readonly record struct TagProtectedColumn(DataProduct Product, Dataset Dataset, Column Column, string[] Tags);

        // Every column of the snapshot with the tags (effective: on it, its dataset or its product) that have a
        // tag-based policy for its type kind. One walk per plan: the tags of a dataset and its product that have a
        // policy are found once per dataset, then each column's own tags are looked up; only a match allocates.
        private List<TagProtectedColumn> TagProtected(Dictionary<string, HashSet<SnowflakeTypeKind>> tagKinds)
        {
            var found = new List<TagProtectedColumn>();
            if (tagKinds.Count == 0) return found;
            var inherited = new List<(string Tag, HashSet<SnowflakeTypeKind> Kinds)>();
            var on = new List<string>();
            foreach (var domain in _snapshot.Domains)
            foreach (var p in domain.Products)
            foreach (var ds in p.Datasets)
            {
                inherited.Clear();
                AddPolicyTags(ds.Tags, inherited, tagKinds);
                AddPolicyTags(p.Tags, inherited, tagKinds);
                foreach (var c in ds.Columns)
                {
                    var kind = c.Type.Kind;
                    var own = c.Tags.Items;
                    for (var i = 0; i < own.Count; i++)
                    {
                        if (tagKinds.TryGetValue(own[i].Key, out var kinds) && kinds.Contains(kind)) on.Add(own[i].Key);
                    }
                    foreach (var (tag, kinds) in inherited)
                    {
                        if (kinds.Contains(kind) && !c.Tags.Contains(tag)) on.Add(tag);
                    }
                    if (on.Count == 0) continue;
                    on.Sort(StringComparer.Ordinal);
                    found.Add(new TagProtectedColumn(p, ds, c, on.Count == 1 ? OneTag(on[0]) : on.ToArray()));
                    on.Clear();
                }
            }
            return found;
        }

        // Most tag-protected columns have one such tag: one array per tag, shared (the arrays are only read).
        private readonly Dictionary<string, string[]> _oneTag = new(StringComparer.Ordinal);

        private string[] OneTag(string tag)
        {
            if (!_oneTag.TryGetValue(tag, out var one)) _oneTag[tag] = one = new[] { tag };
            return one;
        }

        // The tags of a set that have a tag-based policy, each once.
        private static void AddPolicyTags(TagSet tags, List<(string Tag, HashSet<SnowflakeTypeKind> Kinds)> into, Dictionary<string, HashSet<SnowflakeTypeKind>> tagKinds)
        {
            var items = tags.Items;
            for (var i = 0; i < items.Count; i++)
            {
                var name = items[i].Key;
                if (tagKinds.TryGetValue(name, out var kinds) && !into.Exists(t => string.Equals(t.Tag, name, StringComparison.Ordinal))) into.Add((name, kinds));
            }
        }

        // GOV1006: a column that two tags' policies reach fails every query.
        private void CheckTagCollisions(List<TagProtectedColumn> tagProtected)
        {
            foreach (var (p, ds, c, on) in tagProtected)
            {
                if (on.Length < 2) continue;
                var target = Targets.Of(p, ds, c);
                Report(GovIds.TagPoliciesCollide, null, target, target, Quoted(on).Replace(", ", " and ", StringComparison.Ordinal), c.Type.Text);
            }
        }

        // GOV2006: an entitlement table (in the snapshot) with a column that a tag-based policy protects.
        private void CheckMappingTables(IEnumerable<RowAccessDecision> attached, List<TagProtectedColumn> tagProtected)
        {
            var tables = attached.SelectMany(d => d.Parts).Where(p => p.ColumnPresent).Select(p => p.Filter).OfType<EntitlementFilter>()
                .Select(e => e.Database + "." + e.Schema + "." + e.Table).ToHashSet(StringComparer.Ordinal);
            if (tables.Count == 0) return;
            foreach (var (p, ds, c, _) in tagProtected)
            {
                var table = DatasetTarget(p, ds);
                if (tables.Contains(table)) Report(GovIds.EntitlementTableTagMasked, null, Targets.Of(p, ds, c), table, c.Name);
            }
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

        // The snapshot's tags, but the (column, tag) pairs in <paramref name="already"/> (set for tag-based protection), and
        // a tag with a tag-based policy on a dataset a materialized view reads (it would invalidate the view).
        private (List<Operation> Operations, List<string> Notes) Assignments(SortedDictionary<string, TagDefinition> tags, HashSet<(string Column, string Tag)> already,
            Dictionary<string, string> readers, Dictionary<string, HashSet<SnowflakeTypeKind>> tagKinds)
        {
            var ops = new List<(string[] Key, Operation Op)>();
            var unknown = new SortedSet<string>(StringComparer.Ordinal);
            var notAllowed = new List<string>();
            List<TagAssignment> Known(TagSet set, string target, string? readBy = null, SnowflakeType? type = null)
            {
                var list = new List<TagAssignment>();
                foreach (var (name, value) in set.Items)
                {
                    if (already.Contains((target, name))) continue;
                    if (readBy is not null && tagKinds.TryGetValue(name, out var kinds) && (type is null || kinds.Contains(type.Kind)))
                    {
                        notAllowed.Add("`" + target + "` has `" + name + "`, which has a tag-based masking policy, but materialized view `" + readBy
                            + "` reads it: not assigned (a tag-based policy on a table a materialized view reads invalidates the view)");
                        continue;
                    }
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
                    if (pt.Count > 0) ops.Add((new[] { p.Database, p.Schema, "", "" }, new SetTag(new SchemaTarget(new SchemaName(p.Database, p.Schema)), pt)));
                    foreach (var ds in p.Datasets)
                    {
                        var name = DatasetName(p, ds);
                        readers.TryGetValue(Targets.Of(p, ds), out var readBy);
                        var dt = Known(ds.Tags, Targets.Of(p, ds), readBy);
                        if (dt.Count > 0) ops.Add((new[] { p.Database, p.Schema, "\u0001" + ds.Name, "" }, new SetTag(new DatasetTarget(ds.Kind, name), dt)));
                        foreach (var c in ds.Columns)
                        {
                            var ct = Known(c.Tags, Targets.Of(p, ds, c), readBy, c.Type);
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

        // A dataset's name and target, made once per dataset: a plan names a dataset in a statement per masked column.
        private readonly Dictionary<Dataset, (DataProduct Product, SchemaObjectName? Name, string? Target)> _datasets = new(ReferenceEqualityComparer.Instance);

        private SchemaObjectName DatasetName(DataProduct p, Dataset d)
        {
            var known = _datasets.GetValueOrDefault(d);
            if (ReferenceEquals(known.Product, p) && known.Name is { } name) return name;
            name = new SchemaObjectName(p.Database, p.Schema, d.Name);
            _datasets[d] = (p, name, ReferenceEquals(known.Product, p) ? known.Target : null);
            return name;
        }

        private string DatasetTarget(DataProduct p, Dataset d)
        {
            var known = _datasets.GetValueOrDefault(d);
            if (ReferenceEquals(known.Product, p) && known.Target is { } target) return target;
            target = Targets.Of(p, d);
            _datasets[d] = (p, ReferenceEquals(known.Product, p) ? known.Name : null, target);
            return target;
        }

        // Unconditional decisions of one rule with one strategy, policy type and reveal clauses share their policy: its key,
        // found once (building and writing a body per masked column was most of a plan's time).
        private readonly Dictionary<PolicyShape, string> _directKeys = new(PolicyShape.Comparer);

        private Attachment Direct(MaskingDecision d, Dictionary<string, PolicySpec> policies, HashSet<string> maskedColumns)
        {
            var type = PolicyType(d.Column.Type);
            var shape = new PolicyShape(d.Rule, d.Strategy, type, d.RevealClauses);
            if (d.Conditions.Count == 0 && _directKeys.TryGetValue(shape, out var known))
                return new Attachment(d.Product, d.Dataset, d.Column.Name, known, Array.Empty<string>());
            var clauses = d.RevealClauses;
            var conditionList = d.Conditions;
            if (d.Conditions.Count > 0 && NotAttachable(d, maskedColumns) is { } reason)
            {
                // Fail closed: without its condition the column is masked for every session.
                Report(GovIds.MaskingNotAttachable, d.Rule.Ref, d.Target, d.Target, reason);
                clauses = Array.Empty<IReadOnlyList<string>>();
                conditionList = Array.Empty<MaskingCondition>();
            }
            var conditions = new List<MaskingConditionArgument>();
            var columns = new List<string>();
            foreach (var c in conditionList)
            {
                var column = d.Dataset.FindColumn(c.Column)
                    ?? throw new SnowflakeCompileException("conditional masking of `" + d.Target + "` reads column " + SqlText.Show(c.Column) + ", which its dataset does not have");
                conditions.Add(new MaskingConditionArgument(PolicyType(column.Type), c.Value));
                columns.Add(column.Name);
            }
            var body = MaskingBodies.For(d.Strategy, type, clauses, conditions);
            var signature = MaskingBodies.Signature(type, conditions);
            var key = "rule\n" + d.Rule.Ref + "\n" + SignatureText(signature) + "\n" + body;
            if (!policies.ContainsKey(key))
            {
                policies[key] = new PolicySpec(key, Truncate("MP_" + NamePart(d.Rule.Rule.Id) + "_" + TypeTag(type)), signature, body,
                    Ownership.Comment(d.Rule.Ref + " (" + d.Strategy.Describe() + ")"));
            }
            if (d.Conditions.Count == 0) _directKeys[shape] = key;
            return new Attachment(d.Product, d.Dataset, d.Column.Name, key, columns);
        }

        /// <summary>
        /// What an unconditional masking policy's body and key are made of: the rule and its strategy (the same objects
        /// for all its decisions), the policy's type, and the reveal clauses (compared by their roles).
        /// </summary>
        private readonly record struct PolicyShape(BoundRule Rule, MaskingStrategy Strategy, SnowflakeType Type, IReadOnlyList<IReadOnlyList<string>> Clauses)
        {
            public static readonly IEqualityComparer<PolicyShape> Comparer = new ShapeComparer();

            private sealed class ShapeComparer : IEqualityComparer<PolicyShape>
            {
                public bool Equals(PolicyShape a, PolicyShape b)
                {
                    if (!ReferenceEquals(a.Rule, b.Rule) || !ReferenceEquals(a.Strategy, b.Strategy) || !a.Type.Equals(b.Type)) return false;
                    if (ReferenceEquals(a.Clauses, b.Clauses)) return true;
                    if (a.Clauses.Count != b.Clauses.Count) return false;
                    for (var i = 0; i < a.Clauses.Count; i++)
                    {
                        var x = a.Clauses[i];
                        var y = b.Clauses[i];
                        if (x.Count != y.Count) return false;
                        for (var j = 0; j < x.Count; j++)
                        {
                            if (!string.Equals(x[j], y[j], StringComparison.Ordinal)) return false;
                        }
                    }
                    return true;
                }

                public int GetHashCode(PolicyShape shape)
                {
                    var hash = new HashCode();
                    hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(shape.Rule));
                    hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(shape.Strategy));
                    hash.Add(shape.Type);
                    for (var i = 0; i < shape.Clauses.Count; i++)
                    {
                        var clause = shape.Clauses[i];
                        hash.Add(clause.Count);
                        for (var j = 0; j < clause.Count; j++) hash.Add(clause[j], StringComparer.Ordinal);
                    }
                    return hash.ToHashCode();
                }
            }
        }

        // Why Snowflake would refuse the decision's conditional masking policy, or null.
        private static string? NotAttachable(MaskingDecision d, HashSet<string> maskedColumns)
        {
            if (d.Dataset.Kind == DatasetKind.ExternalTable && !string.Equals(d.Column.Name, ExternalValueColumn, StringComparison.Ordinal))
                return "a conditional masking policy cannot mask a virtual column of an external table";
            var masked = d.Conditions.Select(c => c.Column).Where(c => maskedColumns.Contains(Targets.Of(d.Product, d.Dataset) + "." + c)).Distinct(StringComparer.Ordinal).ToList();
            return masked.Count == 0 ? null
                : "its condition column " + Quoted(masked) + " is masked too, and a masked column cannot be a conditional column of another masking policy";
        }

        // An external table's VALUE holds the whole row: when a virtual column is masked, VALUE gets a VARIANT policy
        // that shows it only to sessions that see every masked column of the table in clear (NULL otherwise), with
        // EXEMPT_OTHER_POLICIES so that each virtual column's own policy overrides the one it inherits from VALUE. A rule
        // that masks VALUE itself joins in.
        private void ExternalValues(List<Attachment> direct, List<MaskingDecision> planned, Dictionary<string, PolicySpec> policies, List<string> notes)
        {
            var variant = SnowflakeType.Parse("VARIANT");
            var byTarget = planned.ToDictionary(d => d.Target, StringComparer.Ordinal);
            foreach (var table in direct.Where(a => a.Dataset.Kind == DatasetKind.ExternalTable)
                .GroupBy(a => Targets.Of(a.Product, a.Dataset), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToList())
            {
                if (table.All(a => string.Equals(a.Column, ExternalValueColumn, StringComparison.Ordinal))) continue;
                var first = table.First();
                direct.RemoveAll(a => string.Equals(a.Target, table.Key + "." + ExternalValueColumn, StringComparison.Ordinal));
                var decisions = table.Select(a => byTarget[a.Target]).ToList();
                var clauses = new List<IReadOnlyList<string>>();
                var maskedForAll = false;
                foreach (var d in decisions)
                {
                    if (d.RevealClauses.Count == 0 || d.Conditions.Count > 0) maskedForAll = true;
                    foreach (var c in d.RevealClauses.Where(c => !clauses.Any(x => x.SequenceEqual(c, StringComparer.Ordinal)))) clauses.Add(c);
                }
                if (maskedForAll) clauses.Clear();
                var signature = MaskingBodies.Signature(variant, Array.Empty<MaskingConditionArgument>());
                var body = MaskingBodies.For(NullifyStrategy.Instance, variant, clauses, Array.Empty<MaskingConditionArgument>());
                var key = "value\n" + SignatureText(signature) + "\n" + body;
                if (!policies.ContainsKey(key))
                {
                    policies[key] = new PolicySpec(key, "MP_EXTERNAL_VALUE", signature, body,
                        Ownership.Comment("the VALUE of an external table holds its whole row: clear only with the reveal roles of every masked column, else NULL"), Exempt: true);
                }
                direct.Add(new Attachment(first.Product, first.Dataset, ExternalValueColumn, key, Array.Empty<string>()));
                notes.Add("external table `" + table.Key + "`: its VALUE column holds the whole row, so it is masked whenever a column is; the columns no rule masks inherit VALUE's policy (NULL for a session that cannot see every masked column)");
            }
        }

        // The tag and value a decision depends on, when it depends on nothing else: every matching rule selects by
        // values of one tag T (declared, so the plan creates it, and allowing the value, so Snowflake accepts the SET TAG),
        // there is no condition, and the dataset is one a tag can be set on through its own ALTER (not a materialized view
        // or an external table, whose columns keep direct policies).
        private static (string Tag, string Value)? TagOnly(MaskingDecision d, SortedDictionary<string, TagDefinition> tags)
        {
            if (d.Conditions.Count > 0 || d.Matched.Count == 0) return null;
            if (d.Dataset.Kind is not (DatasetKind.Table or DatasetKind.View or DatasetKind.DynamicTable or DatasetKind.IcebergTable)) return null;
            string? tag = null;
            foreach (var m in d.Matched)
            {
                if (m.Rule is not MaskingRule { Columns: TagSelector { Values: not null } t }) return null;
                if (tag is not null && !string.Equals(tag, t.Tag, StringComparison.Ordinal)) return null;
                tag = t.Tag;
            }
            if (tag is null || !tags.TryGetValue(tag, out var definition)) return null;
            var value = d.Column.Tags.Get(tag) ?? d.Dataset.Tags.Get(tag) ?? d.Product.Tags.Get(tag);
            return value is null || !definition.Allows(value) ? null : (tag, value);
        }

        // One policy per tag and type kind ("a tag can support one masking policy for each data type"), branching on the
        // tag's value. VARCHAR columns of any length share a VARCHAR policy; for another kind the policy has the exact
        // type most of its columns have, and a column of another precision or scale gets a direct policy (a policy's
        // masked value is truncated to the column's scale and fails past its precision). For each (tag, type, value) the
        // branch most columns need is kept; the others also fall back to a direct column policy. Returns the fallbacks;
        // the decisions the tag-based policies serve are added to <paramref name="served"/>.
        private List<MaskingDecision> TagPolicies(List<Served> eligible, SortedDictionary<string, TagDefinition> tags,
            Dictionary<string, PolicySpec> policies, Dictionary<string, List<string>> tagPolicies, List<Served> served, List<string> notes)
        {
            // Values of a tag that no masking rule of any pack selects: the evaluator leaves such columns in clear, so the
            // tag's policy passes them through explicitly (the ELSE still masks every value nobody declared).
            var selected = MaskedTagValues();
            var fallback = new List<MaskingDecision>();
            foreach (var byTagKind in eligible
                .GroupBy(e => (e.Tag, e.Decision.Column.Type.Kind))
                .OrderBy(g => g.Key.Tag, StringComparer.Ordinal).ThenBy(g => g.Key.Kind))
            {
                var type = byTagKind.Key.Kind == SnowflakeTypeKind.Varchar
                    ? SnowflakeType.Varchar()
                    : byTagKind.GroupBy(e => e.Decision.Column.Type.Text, StringComparer.Ordinal)
                        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().First().Decision.Column.Type;
                var group = new List<Served>();
                foreach (var e in byTagKind)
                {
                    if (PolicyType(e.Decision.Column.Type).Equals(type)) { group.Add(e); continue; }
                    fallback.Add(e.Decision);
                    notes.Add("`" + e.Decision.Target + "` is " + e.Decision.Column.Type + " but the " + Governance.Rules.Names.Of(type.Family) + " policy on `" + byTagKind.Key.Tag
                        + "` takes " + type + " (a tag holds one masking policy per data type): it gets a direct column policy");
                }
                var signature = PolicySignature.ForMasking(type);
                var val = signature.Ref(PolicySignature.ValueArgument);
                _branches.Clear(); // a branch's masked expression reads this group's argument
                var tagName = TagName(byTagKind.Key.Tag);
                var branches = new List<(PolicyExpression When, PolicyExpression Then)>();
                var described = new List<string>();
                foreach (var byValue in group.GroupBy(e => e.Value).OrderBy(g => g.Key, StringComparer.Ordinal))
                {
                    var candidates = byValue.Select(e => (Served: e, Branch: MakeBranch(e.Decision, type, val))).ToList();
                    var chosen = candidates.GroupBy(b => b.Branch.Key)
                        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First();
                    foreach (var other in candidates.Where(b => !string.Equals(b.Branch.Key, chosen.Key, StringComparison.Ordinal)))
                    {
                        fallback.Add(other.Served.Decision);
                        notes.Add("`" + other.Served.Decision.Target + "` needs another policy than the other columns with `" + byTagKind.Key.Tag + "` = `" + byValue.Key
                            + "` and type " + type + ": it gets a direct column policy");
                    }
                    served.AddRange(chosen.Select(c => c.Served));
                    var branch = chosen.First().Branch;
                    var when = PolicyExpression.Compare(new TagOnCurrentColumn(tagName), ComparisonOperator.Equal, PolicyExpression.String(byValue.Key));
                    if (branch.Clauses.Count > 0 && branch.Clauses.All(c => c.Count > 0))
                    {
                        var parts = new List<PolicyExpression> { when };
                        parts.AddRange(branch.Clauses.Select(c => PolicyExpression.Or(c.Select(PolicyExpression.IsRoleInSession).ToArray())));
                        branches.Add((PolicyExpression.And(parts.ToArray()), val));
                    }
                    branches.Add((when, branch.Masked));
                    var refs = chosen.Select(b => b.Branch.Decision.Rule.Ref).Distinct(StringComparer.Ordinal).OrderBy(r => r, StringComparer.Ordinal);
                    described.Add(byValue.Key + ": " + string.Join(", ", refs) + " (" + branch.Decision.Strategy.Describe() + ")");
                }
                if (branches.Count == 0) continue;
                var named = new HashSet<string>(group.Select(e => e.Value), StringComparer.Ordinal);
                if (tags.TryGetValue(byTagKind.Key.Tag, out var definition) && !selected.Contains((byTagKind.Key.Tag, AnyValue)))
                {
                    foreach (var v in definition.AllowedValues.Where(v => !named.Contains(v) && !selected.Contains((byTagKind.Key.Tag, v))).OrderBy(v => v, StringComparer.Ordinal))
                    {
                        branches.Add((PolicyExpression.Compare(new TagOnCurrentColumn(tagName), ComparisonOperator.Equal, PolicyExpression.String(v)), val));
                        described.Add(v + ": no masking rule (clear)");
                    }
                }
                var body = PolicyExpression.Case(branches, PolicyExpression.Null);
                var key = "tag\n" + byTagKind.Key.Tag + "\n" + SignatureText(signature) + "\n" + body;
                policies[key] = new PolicySpec(key, Truncate("MP_TAG_" + NamePart(byTagKind.Key.Tag) + "_" + TypeTag(type)), signature, body,
                    Ownership.Comment("tag-based masking on " + byTagKind.Key.Tag + " for " + type + "; " + string.Join("; ", described) + "; any other value: NULL"));
                if (!tagPolicies.TryGetValue(byTagKind.Key.Tag, out var list)) tagPolicies[byTagKind.Key.Tag] = list = new List<string>();
                list.Add(key);
                notes.Add("a column that carries `" + byTagKind.Key.Tag + "` with a " + Governance.Rules.Names.Of(type.Family) + " type and a value no branch names (one outside the taxonomy, or one a rule masks on other types only) is masked to NULL for every session (fail closed)");
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

        private static IEnumerable<TagSelector> TagSelectorsOf(Selector? selector) => selector is null ? Array.Empty<TagSelector>() : selector.Accept(TagSelectors.Instance);

        /// <summary>Every tag selector in a selector tree.</summary>
        private sealed class TagSelectors : ISelectorVisitor<IEnumerable<TagSelector>>
        {
            public static readonly TagSelectors Instance = new();
            public IEnumerable<TagSelector> Visit(AlwaysSelector selector) => Array.Empty<TagSelector>();
            public IEnumerable<TagSelector> Visit(TagSelector selector) => new[] { selector };
            public IEnumerable<TagSelector> Visit(NameSelector selector) => Array.Empty<TagSelector>();
            public IEnumerable<TagSelector> Visit(TypeSelector selector) => Array.Empty<TagSelector>();
            public IEnumerable<TagSelector> Visit(KindSelector selector) => Array.Empty<TagSelector>();
            public IEnumerable<TagSelector> Visit(DomainSelector selector) => Array.Empty<TagSelector>();
            public IEnumerable<TagSelector> Visit(ProductSelector selector) => Array.Empty<TagSelector>();
            public IEnumerable<TagSelector> Visit(HasColumnSelector selector) => Array.Empty<TagSelector>();
            public IEnumerable<TagSelector> Visit(AllSelector selector) => selector.Parts.SelectMany(p => p.Accept(this));
            public IEnumerable<TagSelector> Visit(AnySelector selector) => selector.Parts.SelectMany(p => p.Accept(this));
            public IEnumerable<TagSelector> Visit(NotSelector selector) => selector.Inner.Accept(this);
        }

        // A branch's key and masked expression, once per rule, strategy, type and reveal clauses (see Direct).
        // Decisions of one shape share their branch: its decision is the first one's (same rule, strategy and clauses).
        private readonly Dictionary<PolicyShape, Branch> _branches = new(PolicyShape.Comparer);

        private Branch MakeBranch(MaskingDecision d, SnowflakeType type, PolicyExpression val)
        {
            var shape = new PolicyShape(d.Rule, d.Strategy, type, d.RevealClauses);
            if (!_branches.TryGetValue(shape, out var branch)) _branches[shape] = branch = NewBranch(d, type, val);
            return branch;
        }

        private static Branch NewBranch(MaskingDecision d, SnowflakeType type, PolicyExpression val)
        {
            var masked = MaskingBodies.Masked(d.Strategy, type, val);
            if (masked is ArgumentReference)
                throw new SnowflakeCompileException("masking strategy `" + d.Strategy.Describe() + "` of `" + d.Rule.Ref + "` would return the input unmasked on `" + d.Target + "`");
            var clauses = d.RevealClauses;
            var key = string.Join(" AND ", clauses.Select(c => "(" + string.Join(" OR ", c) + ")")) + "\n" + masked;
            return new Branch(key, clauses, masked, d);
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
