using System;
using System.Collections.Generic;

namespace Governance.Rules;

/// <summary>
/// A pattern that is only literal alternatives — <c>EMAIL|PHONE|SSN</c>, <c>^REGION$</c>: branches of ASCII letters,
/// digits and <c>_</c>, each optionally starting with <c>^</c> and ending with <c>$</c> — matched by comparing text, to
/// the answer its regular expression gives (culture-invariant, case-sensitive; <c>$</c> matches at the end and before a
/// final line feed). Most selectors' patterns are such lists of names; matching them so spares a small check building
/// regular expressions at start-up (their parsing and the engine's generic code, compiled at run time), and a large one
/// the regular-expression engine per name. Any other pattern is left to <see cref="Patterns"/>. A property test holds
/// the two to the same answers.
/// </summary>
internal sealed class LiteralPattern
{
    private readonly Branch[] _branches;

    private LiteralPattern(Branch[] branches) => _branches = branches;

    /// <summary>The literal form of <paramref name="pattern"/>, or null when it is anything else.</summary>
    public static LiteralPattern? TryParse(string pattern)
    {
        var branches = new List<Branch>();
        var start = 0;
        while (true)
        {
            var bar = pattern.IndexOf('|', start);
            var end = bar < 0 ? pattern.Length : bar;
            var anchoredStart = end > start && pattern[start] == '^';
            var textStart = anchoredStart ? start + 1 : start;
            var anchoredEnd = end > textStart && pattern[end - 1] == '$';
            var textEnd = anchoredEnd ? end - 1 : end;
            if (textEnd <= textStart) return null;
            for (var i = textStart; i < textEnd; i++)
            {
                if (pattern[i] is not ((>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')) return null;
            }
            branches.Add(new Branch(pattern.Substring(textStart, textEnd - textStart), anchoredStart, anchoredEnd));
            if (bar < 0) return new LiteralPattern(branches.ToArray());
            start = bar + 1;
        }
    }

    /// <summary>Whether the pattern finds a match in <paramref name="input"/>, as <c>Regex.IsMatch</c> answers.</summary>
    public bool IsMatch(string input)
    {
        foreach (var b in _branches)
        {
            if (b.Matches(input)) return true;
        }
        return false;
    }

    private sealed class Branch
    {
        private readonly string _text;
        private readonly bool _start;
        private readonly bool _end;

        public Branch(string text, bool start, bool end)
        {
            _text = text;
            _start = start;
            _end = end;
        }

        public bool Matches(string input)
        {
            // `$`: at the end, or before a line feed that ends the input.
            var finalLineFeed = input.Length > 0 && input[input.Length - 1] == '\n';
            if (_start && _end)
                return (input.Length == _text.Length || (finalLineFeed && input.Length == _text.Length + 1)) && At(input, 0);
            if (_start) return At(input, 0);
            if (_end) return At(input, input.Length - _text.Length) || (finalLineFeed && At(input, input.Length - 1 - _text.Length));
            return input.IndexOf(_text, StringComparison.Ordinal) >= 0;
        }

        private bool At(string input, int offset)
            => offset >= 0 && offset + _text.Length <= input.Length && string.CompareOrdinal(input, offset, _text, 0, _text.Length) == 0;
    }
}
