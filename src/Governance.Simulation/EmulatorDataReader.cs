using System.Collections;
using System.Data.Common;
using System.Globalization;
using Governance.Simulation.Emulation;

namespace Governance.Simulation;

/// <summary>
/// Reads a result of the emulated account. Values are the .NET values of the column types: <see cref="string"/> for
/// text, <see cref="long"/> for the integers of introspection results, <see cref="DateTimeOffset"/> for
/// <c>created_on</c>, and for a dataset the values DuckDB gives (decimal, double, bool, DateTime, DateOnly, TimeSpan,
/// byte[], string); NULL is <see cref="DBNull"/>.
/// </summary>
public sealed class EmulatorDataReader : DbDataReader
{
    private readonly ResultSet _result;
    private int _row = -1;
    private bool _closed;

    internal EmulatorDataReader(ResultSet result) => _result = result;

    /// <inheritdoc />
    public override int FieldCount => _result.Columns.Count;
    /// <inheritdoc />
    public override int RecordsAffected => _result.RecordsAffected;
    /// <inheritdoc />
    public override bool HasRows => _result.Rows.Count > 0;
    /// <inheritdoc />
    public override bool IsClosed => _closed;
    /// <inheritdoc />
    public override int Depth => 0;

    /// <inheritdoc />
    public override object this[int ordinal] => GetValue(ordinal);
    /// <inheritdoc />
    public override object this[string name] => GetValue(GetOrdinal(name));

    /// <inheritdoc />
    public override bool Read()
    {
        if (_closed) throw new InvalidOperationException("the reader is closed");
        if (_row + 1 >= _result.Rows.Count) { _row = _result.Rows.Count; return false; }
        _row++;
        return true;
    }

    /// <inheritdoc />
    public override bool NextResult() => false;

    /// <inheritdoc />
    public override void Close() => _closed = true;

    /// <inheritdoc />
    public override string GetName(int ordinal) => _result.Columns[ordinal].Name;

    /// <summary>The ordinal of the column named <paramref name="name"/>: an exact match first, then one that ignores case.</summary>
    public override int GetOrdinal(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (var i = 0; i < FieldCount; i++) if (string.Equals(GetName(i), name, StringComparison.Ordinal)) return i;
        for (var i = 0; i < FieldCount; i++) if (string.Equals(GetName(i), name, StringComparison.OrdinalIgnoreCase)) return i;
        throw new IndexOutOfRangeException("no column `" + name + "` in the result; it has " + string.Join(", ", _result.Columns.Select(c => c.Name)));
    }

    /// <inheritdoc />
    public override string GetDataTypeName(int ordinal) => _result.Columns[ordinal].TypeName;
    /// <inheritdoc />
    public override Type GetFieldType(int ordinal) => _result.Columns[ordinal].ClrType;

    private object? Current(int ordinal)
    {
        if (_row < 0 || _row >= _result.Rows.Count) throw new InvalidOperationException("no current row: call Read first");
        return _result.Rows[_row][ordinal];
    }

    /// <inheritdoc />
    public override object GetValue(int ordinal) => Current(ordinal) ?? DBNull.Value;

    /// <inheritdoc />
    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < n; i++) values[i] = GetValue(i);
        return n;
    }

    /// <inheritdoc />
    public override bool IsDBNull(int ordinal) => Current(ordinal) is null;

    private T Convert<T>(int ordinal)
    {
        var value = Current(ordinal) ?? throw new InvalidCastException("column `" + GetName(ordinal) + "` is NULL");
        return value is T t ? t : (T)System.Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override string GetString(int ordinal) => Current(ordinal) is { } v and not string
        ? System.Convert.ToString(v, CultureInfo.InvariantCulture) ?? ""
        : Convert<string>(ordinal);
    /// <inheritdoc />
    public override bool GetBoolean(int ordinal) => Convert<bool>(ordinal);
    /// <inheritdoc />
    public override byte GetByte(int ordinal) => Convert<byte>(ordinal);
    /// <inheritdoc />
    public override char GetChar(int ordinal) => Convert<char>(ordinal);
    /// <inheritdoc />
    public override DateTime GetDateTime(int ordinal) => Current(ordinal) is DateTimeOffset d ? d.UtcDateTime : Convert<DateTime>(ordinal);
    /// <inheritdoc />
    public override decimal GetDecimal(int ordinal) => Convert<decimal>(ordinal);
    /// <inheritdoc />
    public override double GetDouble(int ordinal) => Convert<double>(ordinal);
    /// <inheritdoc />
    public override float GetFloat(int ordinal) => Convert<float>(ordinal);
    /// <inheritdoc />
    public override Guid GetGuid(int ordinal) => Guid.Parse(GetString(ordinal), CultureInfo.InvariantCulture);
    /// <inheritdoc />
    public override short GetInt16(int ordinal) => Convert<short>(ordinal);
    /// <inheritdoc />
    public override int GetInt32(int ordinal) => Convert<int>(ordinal);
    /// <inheritdoc />
    public override long GetInt64(int ordinal) => Convert<long>(ordinal);

    /// <inheritdoc />
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = Current(ordinal) as byte[] ?? throw new InvalidCastException("column `" + GetName(ordinal) + "` does not hold bytes");
        if (buffer is null) return bytes.Length;
        var n = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, n);
        return n;
    }

    /// <inheritdoc />
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null) return text.Length;
        var n = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, n);
        return n;
    }

    /// <inheritdoc />
    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);
}
