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
    /// <summary>
    /// The first instant of the week. In Snowflake the session parameter <c>WEEK_START</c> decides which day starts it
    /// (<c>WEEK_OF_YEAR_POLICY</c> numbers weeks, it does not move their start); the simulation and the model start
    /// weeks on Monday, as Snowflake does with <c>WEEK_START</c> 1 and, by the documentation's "ISO-like" (unverified), with 0,
    /// the default. An account or session
    /// with another <c>WEEK_START</c> truncates to another day in Snowflake than in the simulation (docs/snowflake.md,
    /// row Y2).
    /// </summary>
    Week,
    /// <summary>Midnight of the day.</summary>
    Day,
    /// <summary>The start of the hour; the only unit that also applies to <c>TIME</c> columns.</summary>
    Hour,
}
