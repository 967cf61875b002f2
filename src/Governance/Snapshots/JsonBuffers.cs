using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Governance.Snapshots;

/// <summary>
/// What the streaming JSON readers share (the snapshot reader, the dbt importer): a pooled buffer refilled from a
/// stream and grown only when one token or value does not fit, the test that tells a truncated file from a malformed
/// one, and the message of a malformed one in our style.
/// </summary>
internal static class JsonBuffers
{
    public enum Refilled { Read, End, TooLong }

    /// <summary>
    /// Keeps the unconsumed bytes <c>[offset, length)</c> (moved to the front), doubles the pooled buffer when they fill
    /// it (up to <paramref name="maxBytes"/>: <see cref="Refilled.TooLong"/>), and reads more. An <see cref="IOException"/>
    /// reaches the caller.
    /// </summary>
    public static Refilled Refill(Stream stream, ref byte[] buffer, ref int offset, ref int length, int maxBytes)
    {
        var remaining = length - offset;
        if (offset > 0)
        {
            Array.Copy(buffer, offset, buffer, 0, remaining);
            offset = 0;
            length = remaining;
        }
        if (length == buffer.Length)
        {
            if (buffer.Length >= maxBytes) return Refilled.TooLong;
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Array.Copy(buffer, bigger, length);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
        var read = stream.Read(buffer, length, buffer.Length - length);
        if (read == 0) return Refilled.End;
        length += read;
        return Refilled.Read;
    }

    /// <summary>True when <paramref name="remaining"/> is valid JSON that merely stops early (a truncated file).</summary>
    public static bool IsValidPrefix(ReadOnlySpan<byte> remaining, JsonReaderState state)
    {
        var reader = new Utf8JsonReader(remaining, isFinalBlock: false, state);
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray) return false;
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary><c>malformed JSON at byte N of the line: …</c>, the reader's sentences lower-cased, without its internals.</summary>
    public static string Malformed(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message.Substring(0, cut);
        message = message.Replace(" which is not supported in this mode", "", StringComparison.Ordinal);
        var sentences = Array.FindAll(message.Trim().TrimEnd('.').Split(". "), static s => !s.Contains("reader options", StringComparison.Ordinal));
        for (var i = 0; i < sentences.Length; i++)
        {
            var s = sentences[i];
            if (s.Length > 0 && char.IsUpper(s[0]) && (s.Length == 1 || !char.IsUpper(s[1])))
                sentences[i] = char.ToLowerInvariant(s[0]) + s.Substring(1);
        }
        var position = ex.BytePositionInLine is { } p ? " at byte " + (p + 1).ToString(CultureInfo.InvariantCulture) + " of the line" : "";
        return "malformed JSON" + position + ": " + string.Join("; ", sentences);
    }
}
