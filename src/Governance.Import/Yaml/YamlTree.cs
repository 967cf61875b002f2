using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Governance.Snapshots;

namespace Governance.Import.Yaml;

/// <summary>A YAML value with the 1-based line and column where it starts.</summary>
internal abstract class YamlValue(long line, long column)
{
    public long Line { get; } = line;
    public long Column { get; } = column;

    /// <summary>The value as JSON (YAML 1.2 core schema for plain scalars), for the JSON Schema check.</summary>
    public abstract JsonNode? ToJson();

    /// <summary>What kind of value this is, for messages: <c>a string</c>, <c>a list</c>, <c>a mapping</c> …</summary>
    public abstract string Describe();
}

/// <summary>The JSON type a scalar has under the YAML 1.2 core schema.</summary>
internal enum ScalarKind { Null, Boolean, Integer, Float, String }

internal sealed class YamlScalar : YamlValue
{
    public YamlScalar(string text, bool plain, long line, long column) : base(line, column)
    {
        Text = text;
        Kind = plain ? Resolve(text) : ScalarKind.String;
    }

    /// <summary>The scalar's text as written (without quotes).</summary>
    public string Text { get; }
    public ScalarKind Kind { get; }

    public bool IsNull => Kind == ScalarKind.Null;

    /// <summary>The YAML 1.2 core schema: null, booleans, integers and floats; everything else is a string.</summary>
    private static ScalarKind Resolve(string text)
    {
        switch (text)
        {
            case "": case "~": case "null": case "Null": case "NULL": return ScalarKind.Null;
            case "true": case "True": case "TRUE": case "false": case "False": case "FALSE": return ScalarKind.Boolean;
            case ".inf": case ".Inf": case ".INF": case "+.inf": case "-.inf": case ".nan": case ".NaN": case ".NAN": return ScalarKind.Float;
        }
        if (IsInteger(text)) return ScalarKind.Integer;
        if (IsFloat(text)) return ScalarKind.Float;
        return ScalarKind.String;
    }

    private static bool IsInteger(string t)
    {
        if (t.StartsWith("0x", StringComparison.Ordinal)) return t.Length > 2 && t.AsSpan(2).IndexOfAnyExcept("0123456789abcdefABCDEF") < 0;
        if (t.StartsWith("0o", StringComparison.Ordinal)) return t.Length > 2 && t.AsSpan(2).IndexOfAnyExcept("01234567") < 0;
        var s = t.AsSpan();
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+')) s = s[1..];
        return s.Length > 0 && s.IndexOfAnyExcept("0123456789") < 0;
    }

    private static bool IsFloat(string t)
    {
        // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0;
        if (i < t.Length && (t[i] == '-' || t[i] == '+')) i++;
        var digits = 0;
        while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; digits++; }
        if (i < t.Length && t[i] == '.')
        {
            i++;
            var fraction = 0;
            while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; fraction++; }
            if (digits == 0 && fraction == 0) return false;
        }
        else if (digits == 0) return false;
        if (i < t.Length && (t[i] == 'e' || t[i] == 'E'))
        {
            i++;
            if (i < t.Length && (t[i] == '-' || t[i] == '+')) i++;
            var exponent = 0;
            while (i < t.Length && char.IsAsciiDigit(t[i])) { i++; exponent++; }
            if (exponent == 0) return false;
        }
        return i == t.Length;
    }

    public override JsonNode? ToJson() => Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Boolean => JsonValue.Create(Text is "true" or "True" or "TRUE"),
        ScalarKind.Integer when long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        ScalarKind.Integer or ScalarKind.Float when double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
        // Hexadecimal and octal integers, infinities and NaN: kept as text (JSON has no such numbers).
        _ => JsonValue.Create(Text),
    };

    public override string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Boolean => "a boolean",
        ScalarKind.Integer or ScalarKind.Float => "a number",
        _ => "a string",
    };

    /// <summary>The scalar as tag-value text: booleans lower-case, numbers as written, strings as they are.</summary>
    public string ValueText => Kind == ScalarKind.Boolean ? Text.ToLowerInvariant() : Text;
}

internal sealed class YamlSequence(IReadOnlyList<YamlValue> items, long line, long column) : YamlValue(line, column)
{
    public IReadOnlyList<YamlValue> Items { get; } = items;

    public override JsonNode ToJson()
    {
        var array = new JsonArray();
        foreach (var item in Items) array.Add(item.ToJson());
        return array;
    }

    public override string Describe() => "a list";
}

internal sealed class YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlValue>> entries, long line, long column) : YamlValue(line, column)
{
    public IReadOnlyList<KeyValuePair<YamlScalar, YamlValue>> Entries { get; } = entries;

    /// <summary>The value of <paramref name="key"/>, or null when absent.</summary>
    public YamlValue? Get(string key)
    {
        foreach (var e in Entries)
        {
            if (string.Equals(e.Key.Text, key, StringComparison.Ordinal)) return e.Value;
        }
        return null;
    }

    public override JsonNode ToJson()
    {
        var obj = new JsonObject();
        foreach (var e in Entries) obj[e.Key.Text] = e.Value.ToJson();
        return obj;
    }

    public override string Describe() => "a mapping";
}

/// <summary>
/// Reads one YAML document into a <see cref="YamlValue"/> tree with lines, refusing what makes a file mean something
/// other than it shows: duplicate keys, anchors and aliases (a value defined in one place and used in another), keys
/// that are not plain text, several documents. Tabs in indentation, and anything else YAML forbids, are reported with
/// their line by the parser.
/// </summary>
internal static class YamlTree
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in errors (ID <paramref name="govId"/>).</summary>
    /// <exception cref="GovernanceInputException">The text is not a YAML document this reader accepts.</exception>
    public static YamlValue? Parse(string text, string file, string govId)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadValue(parser, file, govId, text);
            var end = parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
                throw new GovernanceInputException(govId, file, null, end.End.Line, "a second YAML document starts here; expected one document per file");
            return root;
        }
        catch (YamlException e)
        {
            // The parser places a tab error at the start of the enclosing block; the tab is on the first tab-indented line after it.
            var line = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndentedLine(text, e.Start.Line) is { } tabLine ? tabLine : e.Start.Line;
            throw new GovernanceInputException(govId, file, null, line, Describe(e, text, line), e);
        }
    }

    private static YamlValue ReadValue(IParser parser, string file, string govId, string text)
    {
        var current = parser.Current ?? throw new InvalidOperationException("the YAML parser has no current event");
        if (current is AnchorAlias alias)
        {
            throw new GovernanceInputException(govId, file, null, alias.Start.Line,
                "alias `*" + alias.Value.Value + "` refers to an anchor; anchors and aliases are not supported, expected each value written out where it is used");
        }
        if (current is NodeEvent { Anchor.IsEmpty: false } anchored)
        {
            throw new GovernanceInputException(govId, file, null, anchored.Start.Line,
                "anchor `&" + anchored.Anchor.Value + "`: anchors and aliases are not supported, expected each value written out where it is used");
        }
        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty, scalar.Start.Line, scalar.Start.Column);
            case SequenceStart start:
            {
                parser.MoveNext();
                var items = new List<YamlValue>();
                while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadValue(parser, file, govId, text));
                return new YamlSequence(items, start.Start.Line, start.Start.Column);
            }
            case MappingStart start:
            {
                parser.MoveNext();
                var entries = new List<KeyValuePair<YamlScalar, YamlValue>>();
                var seen = new Dictionary<string, long>(StringComparer.Ordinal);
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = ReadValue(parser, file, govId, text);
                    if (key is not YamlScalar scalarKey)
                        throw new GovernanceInputException(govId, file, null, key.Line, "a key is " + key.Describe() + "; expected plain text keys");
                    if (seen.TryGetValue(scalarKey.Text, out var firstLine))
                    {
                        throw new GovernanceInputException(govId, file, null, scalarKey.Line,
                            "duplicate key `" + scalarKey.Text + "` (first at line " + firstLine.ToString(CultureInfo.InvariantCulture) + "); expected each key once in a mapping");
                    }
                    seen.Add(scalarKey.Text, scalarKey.Line);
                    entries.Add(new KeyValuePair<YamlScalar, YamlValue>(scalarKey, ReadValue(parser, file, govId, text)));
                }
                return new YamlMapping(entries, start.Start.Line, start.Start.Column);
            }
            default:
                throw new GovernanceInputException(govId, file, null, current.Start.Line, "unexpected YAML content; expected a value");
        }
    }

    /// <summary>The parser's message in our style, with the usual cause when the line holds a tab.</summary>
    private static long? FirstTabIndentedLine(string text, long from)
    {
        var line = 1L;
        foreach (var content in text.Split('\n'))
        {
            if (line >= from && content.Length > content.TrimStart().Length && content.AsSpan(0, content.Length - content.TrimStart().Length).Contains('\t')) return line;
            line++;
        }
        return null;
    }

    private static string Describe(YamlException e, string text, long line)
    {
        var message = e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith('(') && cut > 0) message = message[(cut + 3)..];
        message = message.Trim().TrimEnd('.');
        if (message.Length > 1 && char.IsUpper(message[0]) && !char.IsUpper(message[1])) message = char.ToLowerInvariant(message[0]) + message[1..];
        var content = LineText(text, line);
        if (content is not null && content.TrimEnd().Length > 0 && content.AsSpan(0, content.Length - content.TrimStart().Length).Contains('\t'))
            return "a tab indents this line; YAML indents with spaces only (" + message + ")";
        return "invalid YAML: " + message;
    }

    private static string? LineText(string text, long line)
    {
        if (line < 1) return null;
        var current = 1L;
        var start = 0;
        for (var i = 0; i < text.Length && current < line; i++)
        {
            if (text[i] == '\n') { current++; start = i + 1; }
        }
        if (current != line) return null;
        var end = text.IndexOf('\n', start);
        return end < 0 ? text[start..] : text[start..end];
    }
}
