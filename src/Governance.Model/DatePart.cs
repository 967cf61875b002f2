namespace Governance;

/// <summary>A unit for date and timestamp truncation, coarsest first.</summary>
#if GOVERNANCE_ANALYZERS
internal
#else
public
#endif
enum DatePart
{
    /// <summary>The first instant of the year.</summary>
    Year,
    /// <summary>The first instant of the quarter.</summary>
    Quarter,
    /// <summary>The first instant of the month.</summary>
    Month,
    /// <summary>The first instant of the week; Snowflake's <c>WEEK_START</c> parameter decides which day starts it.</summary>
    Week,
    /// <summary>Midnight of the day.</summary>
    Day,
    /// <summary>The start of the hour; the only unit that also applies to <c>TIME</c> columns.</summary>
    Hour,
}
