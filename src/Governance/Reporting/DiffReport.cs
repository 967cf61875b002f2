using System.Text;
using System.Text.Json;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Diagnostics;
using Governance.Deploy;

namespace Governance.Reporting;

/// <summary>
/// The renderings of a <see cref="PackDiff"/>: plain aligned text tables, JSON (<c>governance.diff/v1</c>), Markdown
/// to paste into a pull-request comment, and a self-contained HTML page (<see cref="HtmlReport"/>'s look). Each starts
/// with the summary and lists the changes by domain and product; the same diff gives the same bytes.
/// </summary>
public static class DiffReport
{
    /// <summary>The <c>format</c> of the JSON rendering.</summary>
    public const string JsonFormat = "governance.diff/v1";

    // ------------------------------------------------------------------------------------------------ words

    /// <summary><c>acme-global 1.2.0 → 1.3.0, acme-finance 1.0.0 (unchanged)</c>: changed packs first, each group by name.</summary>
    public static string PacksLine(PackDiff diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return string.Join(", ", diff.Packs.OrderBy(p => p.Kind == PackChangeKind.Unchanged).Select(p => p.Kind switch
        {
            PackChangeKind.Added => p.Name + " " + p.ToVersion + " (new)",
            PackChangeKind.Removed => p.Name + " " + p.FromVersion + " (removed)",
            PackChangeKind.Unchanged => p.Name + " " + p.ToVersion + " (unchanged)",
            _ => p.Name + " " + p.FromVersion + " → " + p.ToVersion + (p.FromVersion == p.ToVersion ? " (content changed)" : ""),
        }));
    }

    internal static string Place(string? domain, string? product) => domain is null ? "(mesh)" : MeshIdentity.Product(domain, product!);

    internal static string Change(FindingChange f) => f.Kind == FindingChangeKind.Appeared ? "new" : "gone";

    internal static string Severity(FindingChange f) => Names.Of(f.Severity) + (f.Waived ? " (waived)" : "");

    internal static string Change(PlanObjectChange p) => p.Kind switch { PlanChangeKind.Added => "added", PlanChangeKind.Removed => "removed", _ => "changed" };

    internal static string Change(PackVersionChange p) => p.Kind switch
    {
        PackChangeKind.Added => "added", PackChangeKind.Removed => "removed", PackChangeKind.Unchanged => "unchanged", _ => "changed",
    };

    private static string Findings(int errors, int warnings, int notes)
        => Display.Count(errors, "error") + ", " + Display.Count(warnings, "warning") + ", " + Display.Count(notes, "note");

    internal static string Access(MaskingState? s) => s is null ? "not masked" : s.Text;

    internal static string Rows(RowAccessState? s) => s is null ? "no row access policy" : s.Text;

    /// <summary>A masking or row access change as rows: the decision before and after, then each role whose view changes
    /// (role, before, after, and a CSS class of each: clear, cond, masked, null).</summary>
    internal sealed record DecisionRows(string Place, string Target, string Label, string Before, string After,
        IReadOnlyList<(string Role, string Before, string After, string BeforeCss, string AfterCss)> Roles);

    internal static IEnumerable<DecisionRows> MaskingRows(PackDiff diff) => diff.Masking.Select(m => new DecisionRows(Place(m.Domain, m.Product), m.Target,
        "(decision)", Access(m.Before), Access(m.After), m.Roles.Select(r => (r.Role, r.Before.Text, r.After.Text, Css(r.Before), Css(r.After))).ToArray()));

    internal static IEnumerable<DecisionRows> RowAccessRows(PackDiff diff) => diff.RowAccess.Select(d => new DecisionRows(Place(d.Domain, d.Product), d.Target,
        "(policy)", Rows(d.Before), Rows(d.After), d.Roles.Select(r => (r.Role, RowVisibilities.Text(r.Before), RowVisibilities.Text(r.After), Css(r.Before), Css(r.After))).ToArray()));

    internal static string Css(ColumnAccess a) => a.Kind switch { ColumnAccessKind.Clear => "clear", ColumnAccessKind.ClearWhen => "cond", _ => a.IsNull ? "null" : "masked" };

    internal static string Css(RowVisibility v) => v switch { RowVisibility.AllRows => "clear", RowVisibility.SomeRows => "cond", _ => "masked" };

    /// <summary>The summary as label and value lines, shared by every rendering.</summary>
    internal static IReadOnlyList<(string Label, string Value)> SummaryLines(PackDiff diff)
    {
        var s = diff.Summary;
        var lines = new List<(string, string)>
        {
            ("new findings", Findings(s.NewErrors, s.NewWarnings, s.NewNotes)),
            ("resolved findings", Findings(s.ResolvedErrors, s.ResolvedWarnings, s.ResolvedNotes)),
            ("domains affected", Listed(s.Domains)),
            ("products affected", Listed(s.Products.Select(p => MeshIdentity.Product(p.Domain, p.Product)).ToList())),
            ("roles losing clear access", Roles(s.Roles.Where(r => r.LosesClear > 0).Select(r => (r.Role, r.LosesClear)), "column")),
            ("roles gaining clear access", Roles(s.Roles.Where(r => r.GainsClear > 0).Select(r => (r.Role, r.GainsClear)), "column")),
            ("roles seeing fewer rows", Roles(s.Roles.Where(r => r.LosesRows > 0).Select(r => (r.Role, r.LosesRows)), "dataset")),
            ("roles seeing more rows", Roles(s.Roles.Where(r => r.GainsRows > 0).Select(r => (r.Role, r.GainsRows)), "dataset")),
            ("plan", Display.Number(s.PlanAdded) + " added, " + Display.Number(s.PlanChanged) + " changed, " + Display.Number(s.PlanRemoved) + " removed objects"),
            ("weakened global rules", s.Weakenings == 0 ? "none" : Display.Number(s.Weakenings) + ": " + string.Join(", ", diff.Weakenings.Select(w => w.Subject))),
        };
        return lines;
    }

    /// <summary>The summary names at most this many domains or products; the sections and JSON list them all.</summary>
    private const int MaxListed = 20;

    private static string Listed(IReadOnlyList<string> names) => Display.Number(names.Count) + (names.Count == 0 ? "" : ": " + string.Join(", ", names.Take(MaxListed))
        + (names.Count > MaxListed ? " and " + Display.Number(names.Count - MaxListed) + " more" : ""));

    private static string Roles(IEnumerable<(string Role, int Count)> roles, string unit)
    {
        var list = roles.Select(r => r.Role + " (" + Display.Count(r.Count, unit) + ")").ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    // ------------------------------------------------------------------------------------------------ table

    /// <summary>Plain aligned text: the summary, then one table per kind of change (a section without changes says
    /// <c>none</c>). The tables are <c>check</c>'s: they fit <paramref name="width"/> (a terminal's), or keep every row on
    /// one line when it is null.</summary>
    public static void WriteTable(PackDiff diff, TextWriter writer, int? width = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("Impact of " + Display.Text(PacksLine(diff)) + "\n\n");
        var summary = SummaryLines(diff);
        var labels = summary.Max(l => l.Label.Length) + 4;
        foreach (var (label, value) in summary)
        {
            var lines = TextTable.Lines(Display.Text(value), width is { } w ? Math.Max(20, w - labels) : int.MaxValue, Wrap.Words);
            for (var i = 0; i < lines.Count; i++) writer.Write(((i == 0 ? "  " + label + ":" : "").PadRight(labels) + lines[i]).TrimEnd() + "\n");
        }
        writer.Write('\n');

        if (diff.Weakenings.Count > 0)
        {
            var t = new TextTable(new TextColumn("Rule", Wrap.Names), new TextColumn("From", Wrap.None), new TextColumn("To", Wrap.None), new TextColumn("Weakened because", Weight: 3));
            foreach (var w in diff.Weakenings) Add(t, w.Subject, w.FromVersion, w.ToVersion, w.Reason);
            TextTable.Section(writer, "Weakened global rules", t, width);
        }

        var findings = Findings(diff, ruleColumn: true);
        // Too wide for the terminal: the rule goes under the message, as in `check`.
        if (width is { } max && findings.NaturalWidth > max) findings = Findings(diff, ruleColumn: false);
        TextTable.Section(writer, "Findings", findings, width);

        TextTable.Section(writer, "Masking", Decisions("Column", MaskingRows(diff)), width);
        TextTable.Section(writer, "Row access", Decisions("Dataset", RowAccessRows(diff)), width);

        var plan = new TextTable(new TextColumn("Change", Wrap.None), new TextColumn("Object"), new TextColumn("Name", Wrap.Names, 2));
        foreach (var p in diff.Plan) Add(plan, Change(p), p.ObjectText, p.Name);
        TextTable.Section(writer, "First-deploy plan changes", plan, width);
        writer.Flush();
    }

    /// <summary>A row whose cells come from snapshots and packs: <see cref="Display.Text">displayed</see>, so a name
    /// cannot break a line of the table.</summary>
    private static void Add(TextTable table, params string[] cells) => table.Add(cells.Select(Display.Text).ToArray());

    private static TextTable Findings(PackDiff diff, bool ruleColumn)
    {
        var columns = new List<TextColumn>
        {
            new("Product", Wrap.Names), new("Change", Wrap.None), new("Severity"), new("ID", Wrap.None), new("Target", Wrap.Names, 2), new("Message", Weight: 3),
        };
        if (ruleColumn) columns.Add(new TextColumn("Rule", Wrap.Names));
        var table = new TextTable(columns.ToArray());
        foreach (var f in diff.Findings)
        {
            var cells = new[] { Place(f.Domain, f.Product), Change(f), Severity(f), f.Id, f.Target, f.Message }.Select(Display.Text).ToList();
            if (ruleColumn) cells.Add(Display.Text(f.Rule ?? ""));
            else if (f.Rule is not null) cells[^1] += "\nrule " + Display.Text(f.Rule);
            table.Add(cells.ToArray());
        }
        return table;
    }

    private static TextTable Decisions(string what, IEnumerable<DecisionRows> changes)
    {
        var table = new TextTable(new TextColumn("Product", Wrap.Names), new TextColumn(what, Wrap.Names, 2), new TextColumn("Role", Wrap.Names),
            new TextColumn("Before", Weight: 2), new TextColumn("After", Weight: 2));
        foreach (var c in changes)
        {
            Add(table, c.Place, c.Target, c.Label, c.Before, c.After);
            foreach (var r in c.Roles) Add(table, c.Place, c.Target, r.Role, r.Before, r.After);
        }
        return table;
    }

    // ------------------------------------------------------------------------------------------------ markdown

    /// <summary>Markdown for a pull-request comment: a heading, the summary as a list, then tables by section.</summary>
    public static void WriteMarkdown(PackDiff diff, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(writer);
        var sb = new StringBuilder();
        sb.Append("## Governance impact: ").Append(Markdown.Text(PacksLine(diff))).Append("\n\n");
        var s = diff.Summary;
        sb.Append(s.NewErrors > 0 ? "**" + Display.Count(s.NewErrors, "new error") + "**" : "No new errors")
            .Append(" in ").Append(Display.Count(s.Products.Count, "product")).Append(" of ").Append(Display.Count(s.Domains.Count, "domain"))
            .Append(s.Weakenings > 0 ? "; **" + Display.Count(s.Weakenings, "weakened global rule") + "**" : "").Append(".\n\n");
        foreach (var (label, value) in SummaryLines(diff))
            sb.Append("- ").Append(char.ToUpperInvariant(label[0])).Append(label, 1, label.Length - 1).Append(": ").Append(Markdown.Text(value)).Append('\n');

        if (diff.Weakenings.Count > 0)
        {
            sb.Append("\n### Weakened global rules\n\n| Rule | From | To | Weakened because |\n|---|---|---|---|\n");
            foreach (var w in diff.Weakenings)
                sb.Append("| ").Append(Markdown.Code(w.Subject)).Append(" | ").Append(Markdown.Text(w.FromVersion)).Append(" | ").Append(Markdown.Text(w.ToVersion))
                    .Append(" | ").Append(Markdown.Message(w.Reason)).Append(" |\n");
        }

        sb.Append("\n### Findings\n\n");
        if (diff.Findings.Count == 0) sb.Append("No changes.\n");
        else
        {
            sb.Append("| Product | Change | Severity | ID | Target | Message | Rule |\n|---|---|---|---|---|---|---|\n");
            foreach (var f in diff.Findings)
            {
                sb.Append("| ").Append(Markdown.Code(Place(f.Domain, f.Product))).Append(" | ").Append(Change(f)).Append(" | ")
                    .Append(f.Kind == FindingChangeKind.Appeared && f.Severity == Governance.Severity.Error && !f.Waived ? "**" + Severity(f) + "**" : Severity(f))
                    .Append(" | [").Append(f.Id).Append("](").Append(GovCatalog.Get(f.Id).HelpUri).Append(") | ").Append(Markdown.Code(f.Target))
                    .Append(" | ").Append(Markdown.Message(f.Message)).Append(" | ").Append(f.Rule is null ? "" : Markdown.Code(f.Rule)).Append(" |\n");
            }
        }

        MdDecisions(sb, "Masking", "Column", MaskingRows(diff).ToList());
        MdDecisions(sb, "Row access", "Dataset", RowAccessRows(diff).ToList());

        sb.Append("\n### Plan\n\nThe first deploy of the new version against the old, object by object.\n\n");
        if (diff.Plan.Count == 0) sb.Append("No changes.\n");
        else
        {
            sb.Append("| Change | Object | Name |\n|---|---|---|\n");
            foreach (var p in diff.Plan) sb.Append("| ").Append(Change(p)).Append(" | ").Append(p.ObjectText).Append(" | ").Append(Markdown.Code(p.Name)).Append(" |\n");
            var changed = diff.Plan.Where(p => p.Kind == PlanChangeKind.Changed).ToList();
            if (changed.Count > 0)
            {
                sb.Append("\n<details><summary>Changed statements</summary>\n\n");
                foreach (var p in changed) Fenced(sb, "diff", string.Concat(p.Before!.Split('\n').Select(l => "-" + l + "\n")) + string.Concat(p.After!.Split('\n').Select(l => "+" + l + "\n")));
                sb.Append("</details>\n");
            }
        }
        writer.Write(sb.ToString());
        writer.Flush();
    }

    private static void MdDecisions(StringBuilder sb, string title, string what, IReadOnlyList<DecisionRows> changes)
    {
        sb.Append("\n### ").Append(title).Append("\n\n");
        if (changes.Count == 0)
        {
            sb.Append("No changes.\n");
            return;
        }
        sb.Append("| Product | ").Append(what).Append(" | Role | Before | After |\n|---|---|---|---|---|\n");
        void Row(DecisionRows c, string role, string before, string after)
            => sb.Append("| ").Append(Markdown.Code(c.Place)).Append(" | ").Append(Markdown.Code(c.Target)).Append(" | ").Append(role)
                .Append(" | ").Append(Markdown.Message(before)).Append(" | ").Append(Markdown.Message(after)).Append(" |\n");
        foreach (var c in changes)
        {
            Row(c, c.Label, c.Before, c.After);
            foreach (var r in c.Roles) Row(c, Markdown.Code(r.Role), r.Before, r.After);
        }
    }

    /// <summary>A fenced code block whose fence is longer than any backtick run of <paramref name="text"/>.</summary>
    private static void Fenced(StringBuilder sb, string info, string text)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', Math.Max(3, longest + 1));
        sb.Append(fence).Append(info).Append('\n');
        foreach (var line in text.TrimEnd('\n').Split('\n')) sb.Append(Display.Text(line)).Append('\n');
        sb.Append(fence).Append("\n\n");
    }

    // ------------------------------------------------------------------------------------------------ json

    /// <summary>
    /// One JSON object (<c>governance.diff/v1</c>): packs, summary, weakenings, findings, masking, row access, plan. Each
    /// finding has the fields of <c>check</c>'s JSON findings (<see cref="JsonReport"/>), with the <c>source</c> of an
    /// imported target when the <paramref name="snapshot"/> the diff was made of is given.
    /// </summary>
    public static void WriteJson(PackDiff diff, Stream output, MetadataSnapshot? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(output);
        var elements = snapshot is null ? null : TargetLookup.Find(snapshot, diff.Findings.Select(f => f.Target));
        using (var w = new Utf8JsonWriter(output, JsonReport.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("format", JsonFormat);
            w.WriteStartArray("packs");
            foreach (var p in diff.Packs)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("scope", p.Scope);
                w.WriteString("change", Change(p));
                Version(w, "from", p.FromVersion, p.FromHash);
                Version(w, "to", p.ToVersion, p.ToHash);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            var s = diff.Summary;
            w.WriteStartObject("summary");
            JsonReport.WriteNumbers(w, ("newErrors", s.NewErrors), ("newWarnings", s.NewWarnings), ("newNotes", s.NewNotes),
                ("resolvedErrors", s.ResolvedErrors), ("resolvedWarnings", s.ResolvedWarnings), ("resolvedNotes", s.ResolvedNotes));
            JsonReport.WriteStrings(w, "domains", s.Domains);
            w.WriteStartArray("products");
            foreach (var (domain, product) in s.Products)
            {
                w.WriteStartObject();
                Place(w, domain, product);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("roles");
            foreach (var r in s.Roles)
            {
                w.WriteStartObject();
                w.WriteString("role", r.Role);
                JsonReport.WriteNumbers(w, ("losesClearColumns", r.LosesClear), ("gainsClearColumns", r.GainsClear),
                    ("losesRowsDatasets", r.LosesRows), ("gainsRowsDatasets", r.GainsRows));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("plan");
            JsonReport.WriteNumbers(w, ("added", s.PlanAdded), ("changed", s.PlanChanged), ("removed", s.PlanRemoved));
            w.WriteEndObject();
            w.WriteNumber("weakenings", s.Weakenings);
            w.WriteEndObject();

            w.WriteStartArray("weakenings");
            foreach (var x in diff.Weakenings)
            {
                w.WriteStartObject();
                w.WriteString("pack", x.Pack);
                w.WriteString("from", x.FromVersion);
                w.WriteString("to", x.ToVersion);
                if (x.Rule is not null) w.WriteString("rule", x.Rule);
                if (x.Tag is not null) w.WriteString("tag", x.Tag);
                w.WriteString("reason", x.Reason);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("findings");
            foreach (var f in diff.Findings)
            {
                w.WriteStartObject();
                w.WriteString("change", f.Kind == FindingChangeKind.Appeared ? "appeared" : "disappeared");
                Place(w, f.Domain, f.Product);
                JsonReport.WriteFindingFields(w, f.Finding, elements, product: false);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("masking");
            foreach (var m in diff.Masking)
                Changed(w, m.Domain, m.Product, m.Target, m.Before, m.After, Masking, m.Roles.Select(r => (r.Role, r.Before, r.After)), Access);
            w.WriteEndArray();

            w.WriteStartArray("rowAccess");
            foreach (var d in diff.RowAccess)
            {
                Changed(w, d.Domain, d.Product, d.Target, d.Before, d.After, RowAccess, d.Roles.Select(r => (r.Role, r.Before, r.After)),
                    (writer, name, v) => writer.WriteString(name, Visibility(v)));
            }
            w.WriteEndArray();

            w.WriteStartArray("plan");
            foreach (var p in diff.Plan)
            {
                w.WriteStartObject();
                w.WriteString("change", Change(p));
                w.WriteString("object", p.ObjectKind switch
                {
                    PlanObjectKind.Tag => "tag", PlanObjectKind.MaskingPolicy => "maskingPolicy", PlanObjectKind.RowAccessPolicy => "rowAccessPolicy",
                    PlanObjectKind.TagMasking => "tagMasking", PlanObjectKind.ColumnMasking => "columnMasking", PlanObjectKind.RowAccess => "rowAccess", _ => "tagAssignment",
                });
                w.WriteString("name", p.Name);
                if (p.Before is null) w.WriteNull("before"); else w.WriteString("before", p.Before);
                if (p.After is null) w.WriteNull("after"); else w.WriteString("after", p.After);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
    }

    /// <summary>
    /// A column or dataset whose protection changes: where it is, its <paramref name="state"/> before and after, and
    /// what each role <paramref name="sees"/> of it before and after.
    /// </summary>
    private static void Changed<TState, TSeen>(Utf8JsonWriter w, string? domain, string? product, string target, TState before, TState after,
        Action<Utf8JsonWriter, string, TState> state, IEnumerable<(string Role, TSeen Before, TSeen After)> roles, Action<Utf8JsonWriter, string, TSeen> sees)
    {
        w.WriteStartObject();
        Place(w, domain, product);
        w.WriteString("target", target);
        state(w, "before", before);
        state(w, "after", after);
        w.WriteStartArray("roles");
        foreach (var (role, seenBefore, seenAfter) in roles)
        {
            w.WriteStartObject();
            w.WriteString("role", role);
            sees(w, "before", seenBefore);
            sees(w, "after", seenAfter);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Visibility(RowVisibility v) => v switch { RowVisibility.AllRows => "all", RowVisibility.SomeRows => "filtered", _ => "none" };

    private static void Version(Utf8JsonWriter w, string name, string? version, string? hash)
    {
        if (version is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteString("version", version);
        w.WriteString("contentHash", hash);
        w.WriteEndObject();
    }

    private static void Place(Utf8JsonWriter w, string? domain, string? product)
    {
        if (domain is null) w.WriteNull("domain"); else w.WriteString("domain", domain);
        if (product is null) w.WriteNull("product"); else w.WriteString("product", MeshIdentity.Product(domain!, product));
    }

    private static void Masking(Utf8JsonWriter w, string name, MaskingState? s)
    {
        if (s is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteString("rule", s.Rule);
        w.WriteString("strategy", s.Strategy);
        w.WriteStartArray("revealClauses");
        foreach (var c in s.RevealClauses)
        {
            w.WriteStartArray();
            foreach (var role in c) w.WriteStringValue(role);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteStartArray("conditions");
        foreach (var (column, value) in s.Conditions)
        {
            w.WriteStartObject();
            w.WriteString("column", column);
            w.WriteString("equals", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Access(Utf8JsonWriter w, string name, ColumnAccess a)
    {
        w.WriteStartObject(name);
        w.WriteString("access", a.Kind switch { ColumnAccessKind.Clear => "clear", ColumnAccessKind.ClearWhen => "clearWhen", _ => a.IsNull ? "null" : "masked" });
        if (a.Strategy is not null) w.WriteString("strategy", a.Strategy);
        if (a.Conditions is not null) w.WriteString("conditions", a.Conditions);
        w.WriteEndObject();
    }

    private static void RowAccess(Utf8JsonWriter w, string name, RowAccessState? s)
    {
        if (s is null) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        JsonReport.WriteStrings(w, "columns", s.Columns);
        w.WriteStartArray("parts");
        foreach (var p in s.Parts)
        {
            w.WriteStartObject();
            w.WriteString("rule", p.Rule);
            w.WriteString("filter", p.Filter);
            w.WriteString("column", p.Column);
            JsonReport.WriteStrings(w, "bypassRoles", p.BypassRoles);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
