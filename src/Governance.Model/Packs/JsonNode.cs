using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Governance.Diagnostics;

namespace Governance.Packs;

/// <summary>A parsed JSON value with the line it started on and its JSON path (for error messages).</summary>
internal abstract class JsonNode
{
    private protected JsonNode(int line, string path) { Line = line; Path = path; }
    /// <summary>The 1-based line the value starts on.</summary>
    public int Line { get; }
    /// <summary>Like <c>$.rules[3].strategy.type</c>.</summary>
    public string Path { get; }
    /// <summary>The kind of value with its article, for messages: <c>an object</c>, <c>a string</c>, <c>null</c> ….</summary>
    public abstract string KindName { get; }
}

/// <summary>A JSON object: its members in the order written (keys are distinct: the parser refuses duplicates).</summary>
internal sealed class JsonObject : JsonNode
{
    internal JsonObject(int line, string path, List<KeyValuePair<string, JsonNode>> members) : base(line, path) => Members = members;
    /// <summary>The members, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode>> Members { get; }
    /// <inheritdoc/>
    public override string KindName => "an object";

    /// <summary>The value of member <paramref name="name"/> (ordinal, case-sensitive), or null when there is none.</summary>
    public JsonNode? Get(string name)
    {
        foreach (var m in Members)
        {
            if (string.Equals(m.Key, name, StringComparison.Ordinal)) return m.Value;
        }
        return null;
    }

    /// <summary>The string property <paramref name="name"/>; a <see cref="JsonShapeException"/> when it is missing, not
    /// a string, or (unless <paramref name="allowEmpty"/>) blank.</summary>
    public string RequiredString(string name, bool allowEmpty = true)
    {
        var node = Get(name) ?? throw Missing(name);
        if (node is not JsonString s) throw new JsonShapeException(node.Path, node.Line, "expected a string, found " + node.KindName);
        if (!allowEmpty && s.Value.Trim().Length == 0) throw new JsonShapeException(node.Path, node.Line, "`" + name + "` cannot be empty");
        return s.Value;
    }

    /// <summary>
    /// The error for the required property <paramref name="name"/>, which the object lacks: when one of its members is a
    /// near miss (<c>"knid"</c> for <c>"kind"</c>), that member is named as the misspelling, else the property is missing.
    /// </summary>
    public JsonShapeException Missing(string name)
    {
        var wanted = new[] { name };
        KeyValuePair<string, JsonNode>? closest = null;
        var best = int.MaxValue;
        foreach (var m in Members)
        {
            if (Suggestions.Closest(m.Key, wanted) is null) continue;
            var distance = Suggestions.Distance(m.Key, name);
            if (distance < best) { best = distance; closest = m; }
        }
        if (closest is { } c)
            return new JsonShapeException(c.Value.Path, c.Value.Line, "unknown property `" + c.Key + "`; did you mean `" + name + "`?");
        return new JsonShapeException(Path, Line, "missing required property `" + name + "`");
    }

    /// <summary>
    /// Throws a <see cref="JsonShapeException"/> at the first member that is not one of <paramref name="known"/>: every
    /// object the project reads has a fixed set of properties, and a misspelt one must not be skipped in silence. The
    /// message names the closest known property, or lists them.
    /// </summary>
    public void OnlyKnown(params string[] known)
    {
        foreach (var m in Members)
        {
            if (Array.IndexOf(known, m.Key) >= 0) continue;
            var hint = Suggestions.DidYouMean(m.Key, known);
            throw new JsonShapeException(m.Value.Path, m.Value.Line,
                "unknown property `" + m.Key + "`" + (hint.Length > 0 ? hint : "; expected one of `" + string.Join("`, `", known) + "`"));
        }
    }

    /// <summary>
    /// The objects of a small input file shaped <c>{"NAME": [ {…}, … ]}</c> (waivers, entitlements), each read by
    /// <paramref name="read"/>; <paramref name="itemName"/> names an item in errors ("a waiver"). The root has no other
    /// property; <paramref name="read"/> checks the items' with <see cref="OnlyKnown"/>.
    /// </summary>
    public static List<T> ReadItems<T>(string json, string arrayName, string itemName, Func<JsonObject, T> read)
    {
        if (MiniJson.Parse(json) is not JsonObject root) throw new JsonShapeException("$", 1, "expected an object with " + Article(arrayName) + " `" + arrayName + "` array");
        root.OnlyKnown(arrayName);
        if (root.Get(arrayName) is not JsonArray array) throw new JsonShapeException("$", root.Line, "missing required array `" + arrayName + "`");
        var list = new List<T>(array.Items.Count);
        foreach (var item in array.Items)
        {
            if (item is not JsonObject o) throw new JsonShapeException(item.Path, item.Line, "expected " + itemName + " object, found " + item.KindName);
            list.Add(read(o));
        }
        return list;
    }

    private static string Article(string word) => "aeiou".IndexOf(word[0]) >= 0 ? "an" : "a";
}

/// <summary>A JSON array.</summary>
internal sealed class JsonArray : JsonNode
{
    internal JsonArray(int line, string path, List<JsonNode> items) : base(line, path) => Items = items;
    /// <summary>The items, in order.</summary>
    public IReadOnlyList<JsonNode> Items { get; }
    /// <inheritdoc/>
    public override string KindName => "an array";
}

/// <summary>A JSON string, unescaped.</summary>
internal sealed class JsonString : JsonNode
{
    internal JsonString(int line, string path, string value) : base(line, path) => Value = value;
    /// <summary>The string's value, escapes resolved.</summary>
    public string Value { get; }
    /// <inheritdoc/>
    public override string KindName => "a string";
}

/// <summary>A JSON number, kept as written so that no precision is lost.</summary>
internal sealed class JsonNumber : JsonNode
{
    internal JsonNumber(int line, string path, string text) : base(line, path) => Text = text;
    /// <summary>The number as written.</summary>
    public string Text { get; }
    /// <inheritdoc/>
    public override string KindName => "a number";
}

/// <summary>A JSON <c>true</c> or <c>false</c>.</summary>
internal sealed class JsonBool : JsonNode
{
    internal JsonBool(int line, string path, bool value) : base(line, path) => Value = value;
    /// <summary>The value.</summary>
    public bool Value { get; }
    /// <inheritdoc/>
    public override string KindName => "a boolean";
}

/// <summary>A JSON <c>null</c>.</summary>
internal sealed class JsonNull : JsonNode
{
    internal JsonNull(int line, string path) : base(line, path) { }
    /// <inheritdoc/>
    public override string KindName => "null";
}

/// <summary>A JSON syntax or shape error, with the JSON path and line.</summary>
internal sealed class JsonShapeException : Exception
{
    /// <summary>An error at <paramref name="path"/> and <paramref name="line"/>; the message is <paramref name="problem"/>.</summary>
    public JsonShapeException(string path, int line, string problem) : base(problem) { Path = path; Line = line; Problem = problem; }
    /// <summary>The JSON path of the offending value, like <c>$.rules[3].strategy</c>.</summary>
    public string Path { get; }
    /// <summary>The 1-based line of the offending value.</summary>
    public int Line { get; }
    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}

/// <summary>
/// A small, strict, dependency-free JSON parser (RFC 8259) for manifests and waivers: the analyzers cannot load
/// System.Text.Json safely, so the runtime and the analyzers share this one. Duplicate keys are an error.
/// </summary>
internal sealed class MiniJson
{
    private const int MaxDepth = 128;
    private readonly string _text;
    private int _pos;
    private int _line = 1;

    private MiniJson(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>, one JSON value with nothing after it but whitespace.</summary>
    /// <exception cref="JsonShapeException">The text is empty or is not valid JSON (a duplicate key, nesting deeper than 128 included).</exception>
    public static JsonNode Parse(string text)
    {
        var p = new MiniJson(text);
        p.SkipWhitespace();
        if (p._pos >= text.Length) throw new JsonShapeException("$", p._line, "the file is empty; expected a JSON object");
        var node = p.ParseValue("$", 0);
        p.SkipWhitespace();
        if (p._pos < text.Length) throw new JsonShapeException("$", p._line, "unexpected content after the end of the JSON value");
        return node;
    }

    private JsonShapeException Error(string path, string problem) => new JsonShapeException(path, _line, problem);

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\n') { _line++; _pos++; }
            else if (c == ' ' || c == '\t' || c == '\r') _pos++;
            else break;
        }
    }

    private JsonNode ParseValue(string path, int depth)
    {
        if (depth > MaxDepth) throw Error(path, "JSON nested too deeply");
        SkipWhitespace();
        if (_pos >= _text.Length) throw Error(path, "unexpected end of file; expected a value");
        var c = _text[_pos];
        var line = _line;
        switch (c)
        {
            case '{':
            {
                _pos++;
                var members = new List<KeyValuePair<string, JsonNode>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                SkipWhitespace();
                if (Peek() == '}') { _pos++; return new JsonObject(line, path, members); }
                while (true)
                {
                    SkipWhitespace();
                    if (Peek() != '"') throw Error(path, "expected a property name in double quotes");
                    var key = ParseStringBody(path);
                    if (!seen.Add(key)) throw Error(path, "duplicate property `" + key + "`");
                    SkipWhitespace();
                    if (Peek() != ':') throw Error(path, "expected `:` after property `" + key + "`");
                    _pos++;
                    var childPath = path + "." + key;
                    members.Add(new KeyValuePair<string, JsonNode>(key, ParseValue(childPath, depth + 1)));
                    SkipWhitespace();
                    var n = Peek();
                    if (n == ',') { _pos++; continue; }
                    if (n == '}') { _pos++; return new JsonObject(line, path, members); }
                    if (_pos >= _text.Length) throw Error(path, "unexpected end of file; expected `,` or `}`");
                    throw Error(path, "expected `,` or `}` in object");
                }
            }
            case '[':
            {
                _pos++;
                var items = new List<JsonNode>();
                SkipWhitespace();
                if (Peek() == ']') { _pos++; return new JsonArray(line, path, items); }
                while (true)
                {
                    items.Add(ParseValue(path + "[" + items.Count.ToString(CultureInfo.InvariantCulture) + "]", depth + 1));
                    SkipWhitespace();
                    var n = Peek();
                    if (n == ',') { _pos++; continue; }
                    if (n == ']') { _pos++; return new JsonArray(line, path, items); }
                    if (_pos >= _text.Length) throw Error(path, "unexpected end of file; expected `,` or `]`");
                    throw Error(path, "expected `,` or `]` in array");
                }
            }
            case '"':
                return new JsonString(line, path, ParseStringBody(path));
            case 't':
                Expect("true", path); return new JsonBool(line, path, true);
            case 'f':
                Expect("false", path); return new JsonBool(line, path, false);
            case 'n':
                Expect("null", path); return new JsonNull(line, path);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return ParseNumber(path, line);
                throw Error(path, "unexpected character `" + c + "`; expected a JSON value");
        }
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void Expect(string word, string path)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0) throw Error(path, "invalid literal; expected `" + word + "`");
        _pos += word.Length;
    }

    private JsonNumber ParseNumber(string path, int line)
    {
        var start = _pos;
        if (Peek() == '-') _pos++;
        if (Peek() == '0') _pos++;
        else if (Peek() >= '1' && Peek() <= '9') { while (Peek() >= '0' && Peek() <= '9') _pos++; }
        else throw Error(path, "invalid number");
        if (Peek() == '.')
        {
            _pos++;
            if (!(Peek() >= '0' && Peek() <= '9')) throw Error(path, "invalid number");
            while (Peek() >= '0' && Peek() <= '9') _pos++;
        }
        if (Peek() == 'e' || Peek() == 'E')
        {
            _pos++;
            if (Peek() == '+' || Peek() == '-') _pos++;
            if (!(Peek() >= '0' && Peek() <= '9')) throw Error(path, "invalid number");
            while (Peek() >= '0' && Peek() <= '9') _pos++;
        }
        return new JsonNumber(line, path, _text.Substring(start, _pos - start));
    }

    private string ParseStringBody(string path)
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw Error(path, "unterminated string");
            var c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c < 0x20) throw Error(path, "control character in string; escape it");
            if (c != '\\') { sb.Append(c); continue; }
            if (_pos >= _text.Length) throw Error(path, "unterminated string");
            var e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                        throw Error(path, "invalid \\u escape");
                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Error(path, "invalid escape `\\" + e + "`");
            }
        }
    }
}

/// <summary>
/// Writes canonical JSON: two-space indentation, <c>\n</c> newlines, keys in the order given (callers sort them),
/// strings escaped minimally and identically on every platform. Same value, same bytes.
/// </summary>
internal sealed class CanonicalJsonWriter
{
    private readonly StringBuilder _sb = new StringBuilder();
    // Per open object or array, innermost last: whether it has no member yet. An array, not a Stack<bool>: generic code
    // over bool is compiled at run time (ReadyToRun cannot compile it ahead), and a manifest is written at every start.
    private bool[] _first = new bool[16];
    private int _depth;
    private bool _afterKey;

    /// <summary>The JSON written so far, without a final newline.</summary>
    public override string ToString() => _sb.ToString();

    private void BeforeValue()
    {
        if (_afterKey) { _afterKey = false; return; }
        if (_depth == 0) return;
        if (!_first[_depth - 1]) _sb.Append(',');
        _first[_depth - 1] = false;
        NewLine();
    }

    private void NewLine()
    {
        _sb.Append('\n');
        _sb.Append(' ', _depth * 2);
    }

    /// <summary>Starts an object, as a value or after <see cref="Key"/>.</summary>
    public CanonicalJsonWriter StartObject() { BeforeValue(); _sb.Append('{'); Open(); return this; }
    /// <summary>Ends the innermost object; an empty one is written <c>{}</c>.</summary>
    public CanonicalJsonWriter EndObject() => End('}');
    /// <summary>Starts an array, as a value or after <see cref="Key"/>.</summary>
    public CanonicalJsonWriter StartArray() { BeforeValue(); _sb.Append('['); Open(); return this; }
    /// <summary>Ends the innermost array; an empty one is written <c>[]</c>.</summary>
    public CanonicalJsonWriter EndArray() => End(']');

    private void Open()
    {
        if (_depth == _first.Length)
        {
            var grown = new bool[_depth * 2];
            Array.Copy(_first, grown, _depth);
            _first = grown;
        }
        _first[_depth++] = true;
    }

    private CanonicalJsonWriter End(char c)
    {
        var empty = _first[--_depth];
        if (!empty) NewLine();
        _sb.Append(c);
        return this;
    }

    /// <summary>The key of the next member of the current object; the next call writes its value.</summary>
    public CanonicalJsonWriter Key(string name)
    {
        BeforeValue();
        WriteString(name);
        _sb.Append(": ");
        _afterKey = true;
        return this;
    }

    /// <summary>A string value, escaped.</summary>
    public CanonicalJsonWriter String(string value) { BeforeValue(); WriteString(value); return this; }
    /// <summary>An integer value, in invariant culture.</summary>
    public CanonicalJsonWriter Number(long value) { BeforeValue(); _sb.Append(value.ToString(CultureInfo.InvariantCulture)); return this; }
    /// <summary><c>true</c> or <c>false</c>.</summary>
    public CanonicalJsonWriter Bool(bool value) { BeforeValue(); _sb.Append(value ? "true" : "false"); return this; }

    /// <summary>A member with a string value.</summary>
    public CanonicalJsonWriter Property(string name, string value) => Key(name).String(value);
    /// <summary>A member with an integer value.</summary>
    public CanonicalJsonWriter Property(string name, long value) => Key(name).Number(value);
    /// <summary>A member with a boolean value.</summary>
    public CanonicalJsonWriter Property(string name, bool value) => Key(name).Bool(value);

    /// <summary>A member whose value is an array of strings, one per line, in the order given.</summary>
    public CanonicalJsonWriter Strings(string name, IEnumerable<string> values)
    {
        Key(name).StartArray();
        foreach (var v in values) String(v);
        return EndArray();
    }

    /// <summary>A short array of strings on one line: <c>"name": ["a", "b"]</c> (qualified names, column lists).</summary>
    public CanonicalJsonWriter InlineStrings(string name, IEnumerable<string> values)
    {
        Key(name);
        BeforeValue();
        _sb.Append('[');
        var first = true;
        foreach (var v in values)
        {
            if (!first) _sb.Append(", ");
            first = false;
            WriteString(v);
        }
        _sb.Append(']');
        return this;
    }

    private void WriteString(string s)
    {
        _sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                case '\b': _sb.Append("\\b"); break;
                case '\f': _sb.Append("\\f"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        _sb.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (c < 0x20 || c == '\u2028' || c == '\u2029' || char.IsSurrogate(c))
                    {
                        // Control characters and lone surrogates are escaped so the output stays valid UTF-8.
                        _sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else _sb.Append(c);
                    break;
            }
        }
        _sb.Append('"');
    }
}
