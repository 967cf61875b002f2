using System;

namespace Governance;

/// <summary>
/// Bad input: a file that cannot be read as what it should be. Says where (file, JSON path, line) and what was
/// expected. The CLI prints <see cref="Exception.Message"/> and exits with code 2; nothing else is written.
/// </summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
sealed class GovernanceInputException : Exception
{
    /// <summary>A bad-input error; <see cref="Exception.Message"/> is <c>file[:line][: jsonPath]: problem</c>.</summary>
    /// <param name="govId">The GOV9xxx ID of the kind of problem.</param>
    /// <param name="file">The file read, or null for input that is not a file (the message then says <c>&lt;input&gt;</c>).</param>
    /// <param name="jsonPath">JSON path of the offending value, or null.</param>
    /// <param name="line">1-based line, or null when unknown.</param>
    /// <param name="problem">What is wrong and what was expected, in the style of the project's messages (lowercase, no trailing period).</param>
    /// <param name="inner">The exception that revealed the problem, if any.</param>
    public GovernanceInputException(string govId, string? file, string? jsonPath, long? line, string problem, Exception? inner = null)
        : base(Compose(file, jsonPath, line, problem), inner)
    {
        GovId = govId;
        File = file;
        JsonPath = jsonPath;
        Line = line;
        Problem = problem;
    }

    /// <summary>The GOV9xxx ID of the kind of problem (GOV9001 snapshot, GOV9002 rule pack, …).</summary>
    public string GovId { get; }
    /// <summary>The file that was read, or null when the input was not a file.</summary>
    public string? File { get; }
    /// <summary>JSON path of the offending value, like <c>$.domains[0].products[2].datasets[0].columns[3].type</c>.</summary>
    public string? JsonPath { get; }
    /// <summary>1-based line, when known.</summary>
    public long? Line { get; }
    /// <summary>The problem alone, without the location.</summary>
    public string Problem { get; }

    private static string Compose(string? file, string? jsonPath, long? line, string problem)
    {
        var where = file ?? "<input>";
        if (line is { } l) where += ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(jsonPath)) where += ": " + jsonPath;
        return where + ": " + problem;
    }
}
