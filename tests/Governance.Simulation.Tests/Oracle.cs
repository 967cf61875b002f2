using System.Globalization;
using System.Text;
using Governance.Simulation;

namespace Governance.Simulation.Tests;

/// <summary>
/// What the evaluator says a role sees, computed in C# from its decisions — never from the SQL: a row is visible when
/// every part of the dataset's row access decision admits it (a bypass role in the session, or the filter: an
/// entitlement granted to a session role for the row's value, or the predicate on the row's value); a masked column
/// shows the clear value when <see cref="MaskingDecision.IsClearFor"/> holds for the row, otherwise the strategy's
/// masked value, computed here for every strategy but custom expressions (for those, only "clear or not" is known).
/// Values are compared in DuckDB's text rendering, as the simulation reads them.
/// </summary>
internal static class Oracle
{
    /// <summary>A value the oracle cannot compute: a custom expression's masked value.</summary>
    public const string Unknown = "\u0000unknown";

    public static bool Admits(RowAccessDecision? decision, RoleGraph roles, string role, IReadOnlyList<Entitlement> entitlements, SimulatedDataset ds, SimulatedRow row)
    {
        if (decision is null) return true;
        foreach (var part in decision.Parts)
        {
            if (roles.HasAny(role, part.BypassRoles)) continue;
            if (!part.ColumnPresent) return false;
            var index = Index(ds, part.Filter.Column);
            var value = row.Values[index];
            var type = ds.Columns[index].Type;
            if (value is null) return false;
            var admitted = part.Filter switch
            {
                EntitlementFilter e => entitlements.Any(x => x.Database == e.Database && x.Schema == e.Schema && x.Table == e.Table
                    && roles.Has(role, x.Role) && Compare(value, x.Value, type) == 0),
                PredicateFilter p => Holds(Compare(value, p.Value.Text, type), p.Operator),
                _ => throw new InvalidOperationException("unknown filter"),
            };
            if (!admitted) return false;
        }
        return true;
    }

    /// <summary>The value the role sees in column <paramref name="column"/> of <paramref name="row"/> (the clear sample row).</summary>
    public static string? Sees(MaskingDecision? decision, RoleGraph roles, string role, SimulatedDataset ds, SimulatedRow row, int column)
    {
        var clear = row.Values[column];
        if (decision is null) return clear;
        var conditionsHold = decision.Conditions.All(c =>
        {
            var i = Index(ds, c.Column);
            return row.Values[i] is { } v && Compare(v, c.Value.Text, ds.Columns[i].Type) == 0;
        });
        return decision.IsClearFor(roles, role, conditionsHold) ? clear : Masked(decision.Strategy, ds.Columns[column].Type, clear);
    }

    /// <summary>
    /// The masked value in DuckDB's rendering. Text strategies are the model's own meaning
    /// (<see cref="MaskingStrategy.MaskText"/>); only the rendering of numbers, booleans, dates and timestamps is the oracle's.
    /// </summary>
    public static string? Masked(MaskingStrategy strategy, SnowflakeType type, string? value)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (strategy)
        {
            case CustomStrategy: return Unknown;
            case ConstantStrategy { Value.Kind: not LiteralKind.String } c:
                return c.Value.Kind switch
                {
                    LiteralKind.Boolean => c.Value.Text == "TRUE" ? "true" : "false",
                    LiteralKind.Number when type.Kind == SnowflakeTypeKind.Number
                        => Math.Round(decimal.Parse(c.Value.Text, inv), type.Scale, MidpointRounding.AwayFromZero).ToString("F" + type.Scale.ToString(inv), inv),
                    LiteralKind.Timestamp => Timestamp(DateTime.Parse(c.Value.Text, inv), type),
                    _ => c.Value.Text,
                };
            case TruncateDateStrategy t:
                if (value is null) return null;
                var time = DateTime.Parse(value.Replace("+00", "", StringComparison.Ordinal), inv);
                var truncated = t.Unit switch
                {
                    DatePart.Year => new DateTime(time.Year, 1, 1),
                    DatePart.Quarter => new DateTime(time.Year, (time.Month - 1) / 3 * 3 + 1, 1),
                    DatePart.Month => new DateTime(time.Year, time.Month, 1),
                    DatePart.Week => time.Date.AddDays(-(((int)time.DayOfWeek + 6) % 7)),
                    DatePart.Day => time.Date,
                    _ => time.Date.AddHours(time.Hour),
                };
                return type.Family == DataTypeFamily.Date ? truncated.ToString("yyyy-MM-dd", inv) : Timestamp(truncated, type);
            default:
                return strategy.MaskText(value);
        }
    }

    /// <summary>Equal values in the simulation's rendering: timestamps compared as instants to the microsecond.</summary>
    public static bool Same(string? expected, string? actual, SnowflakeType type)
    {
        if (expected == Unknown) return true;
        if (expected is null || actual is null) return expected == actual;
        if (type.Family == DataTypeFamily.Timestamp)
            return Math.Abs((Instant(expected) - Instant(actual)).Ticks) < 10;
        return string.Equals(expected, actual, StringComparison.Ordinal);
    }

    private static string Timestamp(DateTime value, SnowflakeType type)
    {
        var text = value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');
        return type.Kind == SnowflakeTypeKind.TimestampNtz ? text : text + "+00";
    }

    private static DateTime Instant(string text) => DateTime.Parse(text.Replace("+00", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    public static int Index(SimulatedDataset ds, string column)
    {
        for (var i = 0; i < ds.Columns.Count; i++)
        {
            if (ds.Columns[i].Name == column) return i;
        }
        throw new InvalidOperationException("no column " + column);
    }

    // A value of the row (DuckDB rendering) against a literal's text, by the column's type.
    private static int Compare(string value, string literal, SnowflakeType type)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (type.Family)
        {
            case DataTypeFamily.Numeric:
                return decimal.Parse(value, NumberStyles.Float, inv).CompareTo(decimal.Parse(literal, NumberStyles.Float, inv));
            case DataTypeFamily.Boolean:
                return bool.Parse(value).CompareTo(bool.Parse(literal));
            case DataTypeFamily.Date:
                return DateOnly.Parse(value, inv).CompareTo(DateOnly.Parse(literal, inv));
            case DataTypeFamily.Timestamp:
                return Instant(value).CompareTo(DateTime.Parse(literal.Replace("+00", "", StringComparison.Ordinal), inv));
            default:
                // DuckDB compares VARCHAR by UTF-8 bytes.
                var a = Encoding.UTF8.GetBytes(value);
                var b = Encoding.UTF8.GetBytes(literal);
                return ((ReadOnlySpan<byte>)a).SequenceCompareTo(b);
        }
    }

    private static bool Holds(int c, ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => c == 0,
        ComparisonOperator.NotEqual => c != 0,
        ComparisonOperator.Less => c < 0,
        ComparisonOperator.LessOrEqual => c <= 0,
        ComparisonOperator.Greater => c > 0,
        _ => c >= 0,
    };
}
