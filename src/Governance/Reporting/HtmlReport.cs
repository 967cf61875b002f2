using System.Globalization;
using Governance.Rules;
using Governance.Snapshots;
using Governance.Evaluation;
using Governance.Packs;
using Governance.Diagnostics;
using Governance.Deploy;

namespace Governance.Reporting;

/// <summary>
/// Self-contained HTML pages (one file, inline style, inline SVG charts and a small inline filter script, nothing
/// loaded from a network, readable on a laptop and printable): <see cref="Write"/> the report of a check — compliance
/// per domain and product, the findings with filters, the masking matrix, row access per dataset, the packs and their
/// content hashes — and <see cref="WriteDiff"/> the impact of new pack versions. The time comes from the given
/// <see cref="TimeProvider"/>, so the same inputs and clock give the same bytes.
/// </summary>
public static class HtmlReport
{
    /// <summary>The report of <paramref name="result"/>, the evaluation of <paramref name="snapshot"/> against <paramref name="packs"/>.</summary>
    public static void Write(EvaluationResult result, MetadataSnapshot snapshot, PackSet packs, TextWriter writer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(writer);
        var index = new ProductIndex(snapshot);
        var (graph, roles) = ProductIndex.RolesOf(snapshot);
        var h = new HtmlWriter();
        var packLine = string.Join(", ", packs.Packs.Select(p => p.Name + " " + p.Version));
        var taken = snapshot.TakenAt is { } t ? "snapshot taken " + t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC; " : "";
        h.Begin("Governance report", time ?? TimeProvider.System, taken + "rule packs " + packLine);
        h.Nav(("summary", "Summary"), ("compliance", "Compliance"), ("findings", "Findings"), ("masking", "Masking"), ("row-access", "Row access"), ("packs", "Packs"));

        var s = result.Summary;
        h.Raw("<section id=\"summary\">\n<div class=\"cards\">\n");
        h.Card("errors", s.Errors, "count-errors", s.Errors > 0 ? "error" : "ok");
        h.Card("warnings", s.Warnings, "count-warnings", s.Warnings > 0 ? "warning" : "ok");
        h.Card("notes", s.Notes, "count-notes");
        h.Card("waived", s.Waived, "count-waived");
        h.Card("products", s.Products, "count-products");
        h.Card("datasets", s.Datasets, "count-datasets");
        h.Card("columns", s.Columns, "count-columns");
        h.Card("masked columns", s.MaskedColumns, "count-masked");
        h.Card("datasets with row access", s.RowAccessDatasets, "count-row-access");
        h.Raw("</div>\n</section>\n");

        // Compliance per domain and product.
        var perProduct = index.Products.Select(x => (x.Domain.Name, x.Product.Name, Counts: new int[4])).ToList();
        var slot = perProduct.Select((p, i) => (p, i)).ToDictionary(x => (x.p.Item1, x.p.Item2), x => x.i);
        var mesh = new int[4];
        foreach (var f in result.Findings)
        {
            var counts = index.Find(f.Target) is { } where ? perProduct[slot[(where.Domain.Name, where.Product.Name)]].Counts : mesh;
            counts[f.Waived ? 3 : 2 - (int)f.Severity]++;
        }
        h.Raw("<section id=\"compliance\">\n");
        h.Element("h2", "Compliance by domain and product");
        h.Legend((HtmlWriter.ErrorColour, "errors"), (HtmlWriter.WarningColour, "warnings"), (HtmlWriter.NoteColour, "notes"), (HtmlWriter.WaivedColour, "waived"));
        var byDomain = perProduct.GroupBy(p => p.Item1, StringComparer.Ordinal)
            .Select(g => (Domain: g.Key, Counts: Enumerable.Range(0, 4).Select(i => g.Sum(p => p.Counts[i])).ToArray(), Products: g.Count())).ToList();
        var max = byDomain.Select(d => d.Counts.Sum()).DefaultIfEmpty(0).Max();
        h.Raw("<div class=\"chart\" id=\"compliance-chart\">\n");
        foreach (var (domain, counts, products) in byDomain)
        {
            var red = perProduct.Count(p => p.Item1 == domain && p.Counts[0] > 0);
            h.Bar(domain, Parts(counts), max, CountsText(counts) + "; " + red.ToString(CultureInfo.InvariantCulture) + " of " + Display.Count(products, "product") + " with errors");
        }
        h.Raw("</div>\n");
        h.Raw("<table id=\"compliance-table\">\n");
        h.Head("Domain", "Product", "Owner", "Errors", "Warnings", "Notes", "Waived", "Status");
        h.Raw("<tbody>\n");
        foreach (var ((domain, product), i) in perProduct.Select((p, i) => ((p.Item1, p.Item2), i)))
        {
            var c = perProduct[i].Counts;
            var owner = index.Products[i].Product.Owner ?? "";
            h.Open("tr", ("data-domain", domain)).Element("td", domain).Element("td", product, ("class", "name")).Element("td", owner);
            h.Number(c[0]).Number(c[1]).Number(c[2]).Number(c[3]);
            h.Element("td", c[0] > 0 ? "non-compliant" : "compliant", ("class", c[0] > 0 ? "bad" : "good")).Close("tr").Line();
        }
        if (mesh.Sum() > 0)
        {
            h.Raw("<tr data-domain=\"\"><td>(mesh)</td><td>configuration and waivers</td><td></td>").Number(mesh[0]).Number(mesh[1]).Number(mesh[2]).Number(mesh[3]);
            h.Element("td", mesh[0] > 0 ? "non-compliant" : "compliant", ("class", mesh[0] > 0 ? "bad" : "good")).Raw("</tr>\n");
        }
        h.Raw("</tbody>\n</table>\n</section>\n");

        // Findings.
        h.Raw("<section id=\"findings\">\n");
        h.Element("h2", "Findings");
        FindingFilters(h, "findings-table", result.Findings.Select(f => (f.Severity, index.Find(f.Target)?.Domain.Name ?? "", f.Id)));
        h.Raw("<p class=\"hint\"><span id=\"findings-table-shown\">").Text(Display.Number(result.Findings.Count)).Raw("</span> of ")
            .Text(Display.Count(result.Findings.Count, "finding")).Raw(" shown</p>\n");
        h.Raw("<table id=\"findings-table\" data-filterable=\"true\">\n");
        h.Head("Severity", "ID", "Domain", "Product", "Target", "Message", "Rule");
        h.Raw("<tbody>\n");
        foreach (var f in result.Findings)
        {
            var where = index.Find(f.Target);
            h.Open("tr", ("class", f.Waived ? "waived" : null), ("data-severity", Names.Of(f.Severity)), ("data-domain", where?.Domain.Name ?? ""), ("data-rule", f.Id));
            h.Open("td", ("class", "sev " + Names.Of(f.Severity))).Text(Names.Of(f.Severity) + (f.Waived ? " (waived)" : "")).Close("td");
            h.RuleLink(f.Id);
            h.Element("td", where?.Domain.Name ?? "").Element("td", where?.Product.Name ?? "");
            h.Element("td", f.Target, ("class", "name")).Element("td", f.Message + (f.WaivedBy is { } w ? " (waived by " + w.Owner + " until "
                + w.Expires.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ": " + w.Reason + ")" : ""));
            h.Element("td", f.Rule ?? "", ("class", "name")).Close("tr").Line();
        }
        h.Raw("</tbody>\n</table>\n</section>\n");

        // Masking matrix.
        h.Raw("<section id=\"masking\">\n");
        h.Element("h2", "Masking: who sees what");
        h.Open("p", ("class", "hint")).Text("Each masked column against each role (a session has its role, the roles it inherits and PUBLIC): clear, masked with the strategy, null, or clear only where the row's conditions hold.").Close("p").Line();
        h.Raw("<table id=\"masking-matrix\" class=\"matrix\">\n");
        h.Head(new[] { "Product", "Column", "Type", "Rule" }.Concat(roles).ToArray());
        h.Raw("<tbody>\n");
        foreach (var d in result.Masking)
        {
            var where = index.Find(d.Target);
            h.Open("tr", ("data-target", d.Target));
            h.Element("td", where is { } x ? MeshIdentity.Product(x.Domain.Name, x.Product.Name) : "", ("class", "name")).Element("td", d.Target, ("class", "name"))
                .Element("td", d.Column.Type.Text, ("class", "name")).Element("td", d.Rule.Ref, ("class", "name"));
            foreach (var role in roles) AccessCell(h, ColumnAccess.Of(d, graph, role));
            h.Close("tr").Line();
        }
        h.Raw("</tbody>\n</table>\n</section>\n");

        // Row access.
        h.Raw("<section id=\"row-access\">\n");
        h.Element("h2", "Row access per dataset");
        h.Open("p", ("class", "hint")).Text("Every matching rule must admit a row; a role that bypasses every rule sees all rows.").Close("p").Line();
        h.Raw("<table id=\"row-access-table\" class=\"matrix\">\n");
        h.Head(new[] { "Product", "Dataset", "Policy" }.Concat(roles).ToArray());
        h.Raw("<tbody>\n");
        foreach (var d in result.RowAccess)
        {
            var where = index.Find(d.Target);
            h.Open("tr", ("data-target", d.Target));
            h.Element("td", where is { } x ? MeshIdentity.Product(x.Domain.Name, x.Product.Name) : "", ("class", "name")).Element("td", d.Target, ("class", "name"))
                .Element("td", RowAccessState.Of(d).Text);
            foreach (var role in roles)
            {
                var v = RowVisibilities.Of(d, graph, role);
                h.Element("td", RowVisibilities.Text(v), ("class", "cell " + DiffReport.Css(v)));
            }
            h.Close("tr").Line();
        }
        h.Raw("</tbody>\n</table>\n</section>\n");

        // Packs.
        h.Raw("<section id=\"packs\">\n");
        h.Element("h2", "Rule packs");
        h.Raw("<table id=\"packs-table\">\n");
        h.Head("Pack", "Version", "Scope", "Publisher", "Rules", "Content hash");
        h.Raw("<tbody>\n");
        foreach (var p in packs.Packs)
        {
            h.Open("tr").Element("td", p.Name, ("class", "name")).Element("td", p.Version).Element("td", p.Scope.IsGlobal ? "global" : "domain " + p.Scope.Domain)
                .Element("td", p.Publisher).Number(p.Rules.Count).Element("td", ManifestCodec.ComputeHash(p), ("class", "name")).Close("tr").Line();
        }
        h.Raw("</tbody>\n</table>\n</section>\n");
        h.End();
        writer.Write(h.ToString());
        writer.Flush();
    }

    private static IReadOnlyList<(int, string, string)> Parts(int[] counts) => new[]
    {
        (counts[0], HtmlWriter.ErrorColour, "errors"), (counts[1], HtmlWriter.WarningColour, "warnings"),
        (counts[2], HtmlWriter.NoteColour, "notes"), (counts[3], HtmlWriter.WaivedColour, "waived"),
    };

    private static string CountsText(int[] c) => Display.Count(c[0], "error") + ", " + Display.Count(c[1], "warning") + ", "
        + Display.Count(c[2], "note") + ", " + Display.Number(c[3]) + " waived";

    private static void Decisions(HtmlWriter h, string id, string title, string what, IEnumerable<DiffReport.DecisionRows> changes)
    {
        h.Open("section", ("id", id)).Line();
        h.Element("h2", title);
        h.Open("table", ("id", id + "-table"), ("class", "matrix")).Line();
        h.Head("Product", what, "Role", "Before", "After");
        h.Raw("<tbody>\n");
        foreach (var c in changes)
        {
            h.Open("tr", ("class", "decision")).Element("td", c.Place, ("class", "name")).Element("td", c.Target, ("class", "name")).Element("td", c.Label)
                .Element("td", c.Before).Element("td", c.After).Close("tr").Line();
            foreach (var r in c.Roles)
            {
                h.Open("tr", ("data-role", r.Role)).Element("td", c.Place, ("class", "name")).Element("td", c.Target, ("class", "name")).Element("td", r.Role, ("class", "name"))
                    .Element("td", r.Before, ("class", "cell " + r.BeforeCss)).Element("td", r.After, ("class", "cell " + r.AfterCss)).Close("tr").Line();
            }
        }
        h.Raw("</tbody>\n</table>\n</section>\n");
    }

    private static void AccessCell(HtmlWriter h, ColumnAccess a)
    {
        h.Open("td", ("class", "cell " + DiffReport.Css(a)), ("title", a.Text));
        switch (a.Kind)
        {
            case ColumnAccessKind.Clear: h.Text("clear"); break;
            case ColumnAccessKind.ClearWhen: h.Text("clear when").Open("span", ("class", "strategy")).Text(a.Conditions!).Close("span"); break;
            default:
                h.Text(a.IsNull ? "null" : "masked");
                if (!a.IsNull) h.Open("span", ("class", "strategy")).Text(a.Strategy!).Close("span");
                break;
        }
        h.Close("td");
    }

    /// <summary>The severity, domain and rule filters of a findings table, offering the values its rows have.</summary>
    private static void FindingFilters(HtmlWriter h, string table, IEnumerable<(Severity Severity, string Domain, string Id)> rows)
    {
        var list = rows.ToList();
        h.Raw("<div class=\"filters\">\n");
        h.Filter(table, "severity", "Severity", Names.Severities.Reverse().Where(s => list.Any(r => r.Severity == s)).Select(s => (Names.Of(s), Names.Of(s))));
        h.Filter(table, "domain", "Domain", list.Select(r => r.Domain).Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal)
            .Select(d => (d, d.Length == 0 ? "(mesh)" : d)));
        h.Filter(table, "rule", "Rule", list.Select(r => r.Id).Distinct(StringComparer.Ordinal).OrderBy(d => d, StringComparer.Ordinal)
            .Select(id => (id, id + " " + (GovCatalog.All.FirstOrDefault(d => d.Id == id)?.Title ?? ""))));
        h.Raw("</div>\n");
    }

    // ------------------------------------------------------------------------------------------------ diff

    /// <summary>The impact of new pack versions (<see cref="PackDiff"/>) as a page: the summary first, then the weakened
    /// global rules, the findings that appear and disappear (with filters), masking and row access per role, and the
    /// plan's objects.</summary>
    public static void WriteDiff(PackDiff diff, TextWriter writer, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(writer);
        var h = new HtmlWriter();
        h.Begin("Governance impact", time ?? TimeProvider.System, DiffReport.PacksLine(diff));
        h.Nav(("summary", "Summary"), ("weakenings", "Weakened rules"), ("findings", "Findings"), ("masking", "Masking"), ("row-access", "Row access"), ("plan", "Plan"), ("packs", "Packs"));
        var s = diff.Summary;
        h.Raw("<section id=\"summary\">\n<div class=\"cards\">\n");
        h.Card("new errors", s.NewErrors, "count-new-errors", s.NewErrors > 0 ? "error" : "ok");
        h.Card("new warnings", s.NewWarnings, "count-new-warnings", s.NewWarnings > 0 ? "warning" : "ok");
        h.Card("resolved errors", s.ResolvedErrors, "count-resolved-errors");
        h.Card("products affected", s.Products.Count, "count-products");
        h.Card("domains affected", s.Domains.Count, "count-domains");
        h.Card("weakened global rules", s.Weakenings, "count-weakenings", s.Weakenings > 0 ? "error" : "ok");
        h.Card("plan changes", s.PlanAdded + s.PlanChanged + s.PlanRemoved, "count-plan");
        h.Raw("</div>\n<table id=\"summary-table\">\n<tbody>\n");
        foreach (var (label, value) in DiffReport.SummaryLines(diff)) h.Raw("<tr>").Element("th", label).Element("td", value).Raw("</tr>\n");
        h.Raw("</tbody>\n</table>\n");

        var byDomain = diff.Findings.Where(f => f.Domain is not null && !f.Waived).GroupBy(f => f.Domain!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Domain: g.Key, New: Enumerable.Range(0, 3).Select(i => g.Count(f => f.Kind == FindingChangeKind.Appeared && (int)f.Severity == 2 - i)).ToArray(),
                Gone: g.Count(f => f.Kind == FindingChangeKind.Disappeared))).ToList();
        if (byDomain.Count > 0)
        {
            h.Element("h2", "Findings by domain");
            h.Legend((HtmlWriter.ErrorColour, "new errors"), (HtmlWriter.WarningColour, "new warnings"), (HtmlWriter.NoteColour, "new notes"), (HtmlWriter.ResolvedColour, "gone"));
            var max = byDomain.Select(d => d.New.Sum() + d.Gone).Max();
            h.Raw("<div class=\"chart\" id=\"impact-chart\">\n");
            foreach (var (domain, added, gone) in byDomain)
            {
                h.Bar(domain, new[] { (added[0], HtmlWriter.ErrorColour, "new errors"), (added[1], HtmlWriter.WarningColour, "new warnings"),
                    (added[2], HtmlWriter.NoteColour, "new notes"), (gone, HtmlWriter.ResolvedColour, "gone") }, max,
                    Display.Count(added[0], "new error") + ", " + Display.Count(added[1], "new warning") + ", " + Display.Count(added[2], "new note") + ", " + Display.Number(gone) + " gone");
            }
            h.Raw("</div>\n");
        }
        h.Raw("</section>\n");

        h.Raw("<section id=\"weakenings\">\n");
        h.Element("h2", "Weakened global rules");
        if (diff.Weakenings.Count == 0) h.Open("p", ("class", "hint")).Text("The new versions weaken no global rule.").Close("p").Line();
        else
        {
            h.Open("p", ("class", "weak")).Text("A domain pack could not make these changes: federation would refuse them as weakening the global rule. Review them as a relaxation of the board's policy.").Close("p").Line();
            h.Raw("<table id=\"weakenings-table\">\n");
            h.Head("Rule", "From", "To", "Weakened because");
            h.Raw("<tbody>\n");
            foreach (var w in diff.Weakenings)
                h.Open("tr").Element("td", w.Subject, ("class", "name")).Element("td", w.FromVersion).Element("td", w.ToVersion).Element("td", w.Reason).Close("tr").Line();
            h.Raw("</tbody>\n</table>\n");
        }
        h.Raw("</section>\n");

        h.Raw("<section id=\"findings\">\n");
        h.Element("h2", "Findings that appear and disappear");
        FindingFilters(h, "findings-table", diff.Findings.Select(f => (f.Severity, f.Domain ?? "", f.Id)));
        h.Raw("<p class=\"hint\"><span id=\"findings-table-shown\">").Text(Display.Number(diff.Findings.Count)).Raw("</span> of ")
            .Text(Display.Count(diff.Findings.Count, "change")).Raw(" shown</p>\n");
        h.Raw("<table id=\"findings-table\" data-filterable=\"true\">\n");
        h.Head("Change", "Severity", "ID", "Domain", "Product", "Target", "Message", "Rule");
        h.Raw("<tbody>\n");
        foreach (var f in diff.Findings)
        {
            h.Open("tr", ("class", f.Waived ? "waived" : null), ("data-change", DiffReport.Change(f)), ("data-severity", Names.Of(f.Severity)), ("data-domain", f.Domain ?? ""), ("data-rule", f.Id));
            h.Element("td", DiffReport.Change(f), ("class", f.Kind == FindingChangeKind.Appeared ? "bad" : "good"));
            h.Element("td", DiffReport.Severity(f), ("class", "sev " + Names.Of(f.Severity)));
            h.RuleLink(f.Id);
            h.Element("td", f.Domain ?? "").Element("td", f.Product ?? "").Element("td", f.Target, ("class", "name")).Element("td", f.Message).Element("td", f.Rule ?? "", ("class", "name"));
            h.Close("tr").Line();
        }
        h.Raw("</tbody>\n</table>\n</section>\n");

        Decisions(h, "masking", "Masking changes per column and role", "Column", DiffReport.MaskingRows(diff));
        Decisions(h, "row-access", "Row access changes per dataset and role", "Dataset", DiffReport.RowAccessRows(diff));

        h.Raw("<section id=\"plan\">\n");
        h.Element("h2", "Plan changes");
        h.Open("p", ("class", "hint")).Text("The first deploy of the new versions against the old, object by object.").Close("p").Line();
        h.Raw("<table id=\"plan-table\">\n");
        h.Head("Change", "Object", "Name", "Statements");
        h.Raw("<tbody>\n");
        foreach (var p in diff.Plan)
        {
            h.Open("tr").Element("td", DiffReport.Change(p)).Element("td", p.ObjectText).Element("td", p.Name, ("class", "name")).Open("td");
            h.Raw("<details><summary>SQL</summary>");
            if (p.Before is not null) h.Raw("<pre class=\"before\">").Lines(p.Before).Raw("</pre>");
            if (p.After is not null) h.Raw("<pre class=\"after\">").Lines(p.After).Raw("</pre>");
            h.Raw("</details>").Close("td").Close("tr").Line();
        }
        h.Raw("</tbody>\n</table>\n</section>\n");

        h.Raw("<section id=\"packs\">\n");
        h.Element("h2", "Rule packs");
        h.Raw("<table id=\"packs-table\">\n");
        h.Head("Pack", "Scope", "Change", "From", "From content hash", "To", "To content hash");
        h.Raw("<tbody>\n");
        foreach (var p in diff.Packs)
        {
            h.Open("tr").Element("td", p.Name, ("class", "name")).Element("td", p.Scope).Element("td", DiffReport.Change(p))
                .Element("td", p.FromVersion ?? "").Element("td", p.FromHash ?? "", ("class", "name")).Element("td", p.ToVersion ?? "").Element("td", p.ToHash ?? "", ("class", "name"))
                .Close("tr").Line();
        }
        h.Raw("</tbody>\n</table>\n</section>\n");
        h.End();
        writer.Write(h.ToString());
        writer.Flush();
    }
}
