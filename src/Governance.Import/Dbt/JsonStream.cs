using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Governance.Snapshots;

namespace Governance.Import.Dbt;

/// <summary>
/// Reads a large JSON file one value at a time: a <see cref="Utf8JsonReader"/> over a refilled buffer walks the outer
/// objects token by token, and <see cref="ReadValue"/> parses one inner value (one dbt node) into a small
/// <see cref="JsonDocument"/>. Memory is bounded by the largest single value, not by the file (docs/import.md).
/// Malformed and truncated input is reported with the file and line.
/// </summary>
internal sealed class JsonStream : IDisposable
{
    private const int MaxValueBytes = 256 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly string _file;
    private readonly string _govId;
    private readonly string _what;
    private byte[] _buffer;
    private int _offset;
    private int _length;
    private bool _eof;
    private JsonReaderState _state;
    private long _line = 1;

    public JsonStream(Stream stream, string file, string govId, string what)
    {
        _stream = stream;
        _file = file;
        _govId = govId;
        _what = what;
        _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
    }

    public JsonTokenType TokenType { get; private set; }
    /// <summary>The 1-based line of the current token.</summary>
    public long TokenLine { get; private set; } = 1;
    /// <summary>The text of the current property name or string.</summary>
    public string? Text { get; private set; }
    /// <summary>Bytes read from the file so far.</summary>
    public long Position { get; private set; }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = Array.Empty<byte>();
    }

    /// <summary>Reads the next token; the end of input before the root value closes is a truncated file.</summary>
    public void Next()
    {
        while (true)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset), _eof, _state);
            bool ok;
            try
            {
                ok = reader.Read();
            }
            catch (JsonException e)
            {
                throw Malformed(e);
            }
            if (ok)
            {
                TokenType = reader.TokenType;
                Text = TokenType is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                Advance(ref reader);
                return;
            }
            if (_eof) throw Truncated();
            Refill();
        }
    }

    /// <summary>
    /// The 1-based lines of the members of the object <c>value[<paramref name="member"/>]</c> of the last value
    /// <see cref="ReadValue"/> read (a node's columns), when asked for.
    /// </summary>
    public Dictionary<string, long> MemberLines { get; } = new(StringComparer.Ordinal);

    /// <summary>Parses the value that follows the current property name (a whole object or array) into a document.</summary>
    public JsonDocument ReadValue(string? member = null)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset), _eof, _state);
            try
            {
                if (reader.Read())
                {
                    var probe = reader;
                    if (probe.TrySkip())
                    {
                        var start = checked((int)reader.TokenStartIndex);
                        var document = JsonDocument.ParseValue(ref reader);
                        var end = checked((int)reader.BytesConsumed);
                        TokenType = JsonTokenType.None;
                        Advance(ref reader);
                        MemberLines.Clear();
                        if (member is not null) FindMemberLines(new ReadOnlySpan<byte>(_buffer, _offset - end + start, end - start), member);
                        return document;
                    }
                }
            }
            catch (JsonException e)
            {
                throw Malformed(e);
            }
            if (_eof) throw Truncated();
            Refill();
        }
    }

    /// <summary>Records the line of each member of <c>value[member]</c>, counted from <see cref="TokenLine"/>.</summary>
    private void FindMemberLines(ReadOnlySpan<byte> value, string member)
    {
        var reader = new Utf8JsonReader(value, isFinalBlock: true, state: default);
        var inside = false;
        var counted = 0;
        var line = TokenLine;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName) continue;
            if (reader.CurrentDepth == 1)
            {
                if (inside) return;
                inside = reader.ValueTextEquals(member);
                continue;
            }
            if (!inside || reader.CurrentDepth != 2) continue;
            var at = checked((int)reader.TokenStartIndex);
            line += value[counted..at].Count((byte)'\n');
            counted = at;
            MemberLines[reader.GetString()!] = line;
        }
    }

    /// <summary>Skips the value that follows the current property name.</summary>
    public void SkipValue()
    {
        Next();
        if (TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        var depth = 1;
        while (depth > 0)
        {
            Next();
            if (TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) depth++;
            else if (TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) depth--;
        }
    }

    /// <summary>After the root value: only whitespace may follow.</summary>
    public void EnsureEnd()
    {
        while (true)
        {
            var rest = new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset);
            var at = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (at >= 0)
            {
                throw new GovernanceInputException(_govId, _file, null, _line + rest[..at].Count((byte)'\n'),
                    "unexpected content after the root object; expected the end of the file");
            }
            _line += rest.Count((byte)'\n');
            _offset = _length;
            if (_eof) return;
            Refill();
        }
    }

    public GovernanceInputException Fail(string? path, long? line, string problem) => new(_govId, _file, path, line, problem);

    private void Advance(ref Utf8JsonReader reader)
    {
        var consumed = checked((int)reader.BytesConsumed);
        var start = reader.TokenType == JsonTokenType.None ? 0 : (int)Math.Min(reader.TokenStartIndex, consumed);
        var bytes = new ReadOnlySpan<byte>(_buffer, _offset, consumed);
        if (TokenType != JsonTokenType.None)
        {
            _line += bytes[..start].Count((byte)'\n');
            TokenLine = _line;
            _line += bytes[start..].Count((byte)'\n');
        }
        else
        {
            // A whole value: its line is where it starts, past the whitespace before it.
            var lead = bytes.IndexOfAnyExcept(" \t\r\n:,"u8);
            if (lead < 0) lead = 0;
            _line += bytes[..lead].Count((byte)'\n');
            TokenLine = _line;
            _line += bytes[lead..].Count((byte)'\n');
        }
        _offset += consumed;
        Position += consumed;
        _state = reader.CurrentState;
    }

    private void Refill()
    {
        JsonBuffers.Refilled refilled;
        try
        {
            refilled = JsonBuffers.Refill(_stream, ref _buffer, ref _offset, ref _length, MaxValueBytes);
        }
        catch (IOException e)
        {
            throw new GovernanceInputException(_govId, _file, null, _line, "the file cannot be read: " + e.Message, e);
        }
        if (refilled == JsonBuffers.Refilled.TooLong)
        {
            throw new GovernanceInputException(_govId, _file, null, _line,
                "a single value is longer than " + (MaxValueBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MiB; expected " + _what);
        }
        if (refilled == JsonBuffers.Refilled.End) _eof = true;
    }

    private GovernanceInputException Truncated()
        => new(_govId, _file, null, _line + new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset).Count((byte)'\n'),
            "the file ends before " + _what + " is complete; expected the rest of the JSON (a truncated file?)");

    private GovernanceInputException Malformed(JsonException e)
    {
        if (_eof && JsonBuffers.IsValidPrefix(new ReadOnlySpan<byte>(_buffer, _offset, _length - _offset), _state)) return Truncated();
        return new GovernanceInputException(_govId, _file, null, e.LineNumber is { } l ? l + 1 : _line, JsonBuffers.Malformed(e) + "; expected " + _what, e);
    }

    /// <summary>A JSON path segment for a property name, written as the snapshot reader writes paths.</summary>
    public static string Member(string name) => SnapshotValidator.PathMember(name);
}
