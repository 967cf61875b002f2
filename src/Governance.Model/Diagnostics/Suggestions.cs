using System;
using System.Collections.Generic;

namespace Governance.Diagnostics;

/// <summary>
/// "Did you mean": the known name closest to a misspelt one, as <c>git</c> and <c>dotnet</c> suggest. One helper for
/// every reader (snapshot fields, manifest fields, waiver and entitlement fields, tag names and values, command-line
/// options), so that a near miss is named the same way everywhere.
/// </summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="text"/> (case-insensitive edit distance, a transposition counting as
    /// one edit), or null when none is close: at most one edit for short words, two for words of five or more
    /// characters, three from nine; a candidate that differs from the text only in case always qualifies. Ties go to the
    /// candidate listed first.
    /// </summary>
    public static string? Closest(string text, IEnumerable<string> candidates)
    {
        if (text is null) throw new ArgumentNullException(nameof(text));
        if (candidates is null) throw new ArgumentNullException(nameof(candidates));
        string? best = null;
        var bestDistance = int.MaxValue;
        int[]? rows = null; // one buffer for every candidate: a taxonomy may list thousands of values
        foreach (var candidate in candidates)
        {
            if (candidate is null || string.Equals(candidate, text, StringComparison.Ordinal)) continue;
            var limit = Math.Max(Limit(text.Length), Limit(candidate.Length));
            if (Math.Abs(candidate.Length - text.Length) > limit) continue;
            var distance = Distance(text, candidate, ref rows);
            if (distance <= limit && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary><c>; did you mean `x`?</c> when a candidate is close, else the empty string: ready to append to a message.</summary>
    public static string DidYouMean(string text, IEnumerable<string> candidates)
        => Closest(text, candidates) is { } s ? "; did you mean `" + s + "`?" : "";

    private static int Limit(int length) => length >= 9 ? 3 : length >= 5 ? 2 : 1;

    /// <summary>Optimal string alignment distance, case-insensitive (invariant).</summary>
    internal static int Distance(string a, string b)
    {
        int[]? rows = null;
        return Distance(a, b, ref rows);
    }

    /// <summary>The same, in three rolling rows of <paramref name="rows"/> (grown when too small, kept for the next call).</summary>
    private static int Distance(string a, string b, ref int[]? rows)
    {
        var cols = b.Length + 1;
        if (rows is null || rows.Length < 3 * cols) rows = new int[3 * Math.Max(cols, 16)];
        // Row i lives at (i % 3) * cols: the current row, the previous one and the one before it (for transpositions).
        for (var j = 0; j < cols; j++) rows[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var cur = (i % 3) * cols;
            var prev = ((i - 1) % 3) * cols;
            var prev2 = ((i + 1) % 3) * cols;
            rows[cur] = i;
            var ai = char.ToUpperInvariant(a[i - 1]);
            for (var j = 1; j < cols; j++)
            {
                var bj = char.ToUpperInvariant(b[j - 1]);
                var v = Math.Min(Math.Min(rows[prev + j] + 1, rows[cur + j - 1] + 1), rows[prev + j - 1] + (ai == bj ? 0 : 1));
                if (i > 1 && j > 1 && ai == char.ToUpperInvariant(b[j - 2]) && char.ToUpperInvariant(a[i - 2]) == bj)
                    v = Math.Min(v, rows[prev2 + j - 2] + 1);
                rows[cur + j] = v;
            }
        }
        return rows[(a.Length % 3) * cols + cols - 1];
    }
}
