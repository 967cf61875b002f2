using System.Globalization;
using System.Text;
using Governance.Diagnostics;
using Governance.Rules;

namespace Governance.Reporting;

/// <summary>
/// Writes the HTML of the reports. Markup comes only from the constants of this assembly; every string from a
/// snapshot or a pack goes through <see cref="Text"/> (an HTML text node) or an attribute value of
/// <see cref="Open"/> (quoted, escaped), after <see cref="Display.Text"/>: no element or attribute can come from data.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _sb = new();

    /// <summary>Markup written as is: call it with constants only.</summary>
    public HtmlWriter Raw(string markup)
    {
        _sb.Append(markup);
        return this;
    }

    /// <summary>Text, escaped for an HTML text node.</summary>
    public HtmlWriter Text(string text)
    {
        Escape(_sb, Display.Text(text), attribute: false);
        return this;
    }

    /// <summary>Lines of text (a SQL statement), each escaped, kept on their own lines (in a <c>pre</c>).</summary>
    public HtmlWriter Lines(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) _sb.Append('\n');
            Text(lines[i]);
        }
        return this;
    }

    /// <summary><c>&lt;tag a="v" …&gt;</c>; attributes whose value is null are left out.</summary>
    public HtmlWriter Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _sb.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _sb.Append(' ').Append(name).Append("=\"");
            Escape(_sb, Display.Text(value), attribute: true);
            _sb.Append('"');
        }
        _sb.Append('>');
        return this;
    }

    public HtmlWriter Close(string tag)
    {
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding <paramref name="text"/>.</summary>
    public HtmlWriter Element(string tag, string text, params (string Name, string? Value)[] attributes)
        => Open(tag, attributes).Text(text).Close(tag);

    public HtmlWriter Number(long n, string tag = "td", string? id = null)
        => Element(tag, n.ToString(CultureInfo.InvariantCulture), ("class", "num"), ("id", id));

    public HtmlWriter Line()
    {
        _sb.Append('\n');
        return this;
    }

    public override string ToString() => _sb.ToString();

    /// <summary>Escapes <c>&amp; &lt; &gt;</c> (and in attribute values <c>" '</c>).</summary>
    internal static void Escape(StringBuilder sb, string text, bool attribute)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"' when attribute: sb.Append("&quot;"); break;
                case '\'' when attribute: sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ page

    /// <summary>The filters: each select names its table (<c>data-filter-for</c>) and the row attribute it compares
    /// (<c>data-filter</c>); a row shows when every select is "all" or equals its attribute. The count of shown rows
    /// goes to the element <c>TABLEID-shown</c>. No network, no data in the script.</summary>
    internal const string Script = """
(function () {
  'use strict';
  var tables = document.querySelectorAll('table[data-filterable]');
  Array.prototype.forEach.call(tables, function (table) {
    var selects = document.querySelectorAll('select[data-filter-for="' + table.id + '"]');
    var shown = document.getElementById(table.id + '-shown');
    function apply() {
      var n = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var ok = true;
        Array.prototype.forEach.call(selects, function (s) {
          if (s.value !== '' && row.getAttribute('data-' + s.getAttribute('data-filter')) !== s.value) ok = false;
        });
        row.hidden = !ok;
        if (ok) n++;
      });
      if (shown) shown.textContent = String(n);
    }
    Array.prototype.forEach.call(selects, function (s) { s.addEventListener('change', apply); });
    apply();
  });
})();
""";

    internal const string Style = """
:root { --err: #b42318; --warn: #b54708; --note: #175cd3; --ok: #067647; --muted: #475467; --line: #d0d5dd; --bg: #f9fafb; }
* { box-sizing: border-box; }
body { margin: 0; color: #101828; background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 24px 32px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
p.meta, p.hint { color: var(--muted); margin: 4px 0; }
nav { margin: 12px 0 0; }
nav a { margin-right: 16px; color: var(--note); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 128px; background: var(--bg); }
.card .value { display: block; font-size: 26px; font-weight: 600; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.error .value { color: var(--err); } .card.warning .value { color: var(--warn); } .card.ok .value { color: var(--ok); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.name, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.sev { font-weight: 600; }
.sev.error, .bad { color: var(--err); } .sev.warning { color: var(--warn); } .sev.note { color: var(--note); } .good { color: var(--ok); }
tr.waived td { color: var(--muted); }
.matrix td.cell { text-align: center; white-space: nowrap; }
.clear { background: #ecfdf3; color: var(--ok); } .masked { background: #fef3f2; color: var(--err); }
.null { background: #f2f4f7; color: #344054; } .cond { background: #fffaeb; color: var(--warn); }
.strategy { display: block; font-size: 11px; opacity: .8; }
.chart { margin: 8px 0 4px; }
.chart .bar { display: grid; grid-template-columns: 180px 1fr 300px; gap: 10px; align-items: center; margin: 3px 0; }
.chart svg { width: 100%; height: 16px; display: block; background: var(--bg); }
.legend span { margin-right: 14px; font-size: 12px; color: var(--muted); }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: -1px; }
.filters { display: flex; flex-wrap: wrap; gap: 16px; align-items: end; margin: 8px 0; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
.filters select { font: inherit; padding: 2px 4px; min-width: 140px; }
.weak { border-left: 4px solid var(--err); background: #fef3f2; padding: 8px 12px; }
pre { background: var(--bg); border: 1px solid var(--line); padding: 8px; overflow-x: auto; font-size: 12px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  nav, .filters { display: none; }
  main { max-width: none; padding: 0; }
  body { font-size: 11px; }
  h2 { break-after: avoid; }
  tr, .card, .chart .bar { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  details { display: block; }
}
""";

    /// <summary>
    /// Opens the page: doctype, a Content-Security-Policy that allows no network at all, the inline style and only the
    /// inline script whose hash it names, then the header with the title and the time of <paramref name="time"/>.
    /// </summary>
    public HtmlWriter Begin(string title, TimeProvider time, string subtitle)
    {
        var hash = Convert.ToBase64String(Sha256.Hash(Encoding.UTF8.GetBytes(Script)));
        Raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-").Raw(hash).Raw("'\">\n");
        Raw("<meta name=\"generator\" content=\"governance\">\n");
        Element("title", title).Line();
        Raw("<style>").Raw(Style).Raw("</style>\n</head>\n<body>\n<main>\n<header>\n");
        Element("h1", title).Line();
        Open("p", ("class", "meta")).Text(subtitle).Close("p").Line();
        Open("p", ("class", "meta")).Text("Generated " + time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC by governance")
            .Close("p").Line();
        return this;
    }

    public HtmlWriter End()
    {
        Raw("<footer>Every rule ID links to its page. This file works offline: it loads nothing from a network.</footer>\n</main>\n<script>")
            .Raw(Script).Raw("</script>\n</body>\n</html>\n");
        return this;
    }

    /// <summary>A navigation bar: (section id, label) pairs.</summary>
    public HtmlWriter Nav(params (string Id, string Label)[] links)
    {
        Raw("<nav>");
        foreach (var (id, label) in links) Element("a", label, ("href", "#" + id));
        return Raw("</nav>\n</header>\n");
    }

    public HtmlWriter Card(string label, long value, string id, string? kind = null)
    {
        Open("div", ("class", kind is null ? "card" : "card " + kind));
        Open("span", ("class", "value"), ("id", id)).Text(value.ToString(CultureInfo.InvariantCulture)).Close("span");
        Element("span", label, ("class", "label"));
        return Close("div").Line();
    }

    /// <summary>A header row.</summary>
    public HtmlWriter Head(params string[] headers)
    {
        Raw("<thead><tr>");
        foreach (var h in headers) Element("th", h);
        return Raw("</tr></thead>\n");
    }

    /// <summary>A filter select for table <paramref name="table"/> on the row attribute <c>data-ATTRIBUTE</c>.</summary>
    public HtmlWriter Filter(string table, string attribute, string label, IEnumerable<(string Value, string Label)> options)
    {
        Open("label").Text(label);
        Open("select", ("id", table + "-" + attribute), ("data-filter-for", table), ("data-filter", attribute));
        Element("option", "all", ("value", ""));
        foreach (var (value, text) in options) Element("option", text, ("value", value));
        return Close("select").Close("label").Line();
    }

    /// <summary>A cell linking a GOV ID to its rule page.</summary>
    public HtmlWriter RuleLink(string id)
    {
        Open("td");
        var known = GovCatalog.All.FirstOrDefault(d => d.Id == id);
        if (known is null) Text(id);
        else Open("a", ("href", known.HelpUri), ("title", known.Title)).Text(id).Close("a");
        return Close("td");
    }

    /// <summary>A horizontal stacked bar of <paramref name="parts"/> (count, CSS colour, label) on a scale of <paramref name="max"/>.</summary>
    public HtmlWriter Bar(string label, IReadOnlyList<(int Count, string Colour, string Label)> parts, int max, string counts)
    {
        Open("div", ("class", "bar"));
        Element("span", label, ("class", "name"));
        Raw("<svg role=\"img\" viewBox=\"0 0 ").Raw(Math.Max(max, 1).ToString(CultureInfo.InvariantCulture)).Raw(" 10\" preserveAspectRatio=\"none\">");
        var x = 0;
        foreach (var (count, colour, text) in parts)
        {
            if (count == 0) continue;
            Raw("<rect x=\"").Raw(x.ToString(CultureInfo.InvariantCulture)).Raw("\" y=\"0\" width=\"").Raw(count.ToString(CultureInfo.InvariantCulture))
                .Raw("\" height=\"10\" fill=\"").Raw(colour).Raw("\">");
            Element("title", count.ToString(CultureInfo.InvariantCulture) + " " + text);
            Raw("</rect>");
            x += count;
        }
        Raw("</svg>");
        Element("span", counts, ("class", "counts"));
        return Close("div").Line();
    }

    public HtmlWriter Legend(params (string Colour, string Label)[] entries)
    {
        Raw("<p class=\"legend\">");
        foreach (var (colour, label) in entries) Raw("<span><i style=\"background:").Raw(colour).Raw("\"></i>").Text(label).Raw("</span>");
        return Raw("</p>\n");
    }

    internal const string ErrorColour = "#d92d20";
    internal const string WarningColour = "#f79009";
    internal const string NoteColour = "#2e90fa";
    internal const string WaivedColour = "#98a2b3";
    internal const string ResolvedColour = "#12b76a";
}
