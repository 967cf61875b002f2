using Governance.Cli;

// Tables and help fit the terminal when stdout is one (COLUMNS, when set, wins over the window's width); redirected,
// tables are plain aligned text that never wraps.
int? width = null;
if (!Console.IsOutputRedirected)
{
    width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns
        : Console.WindowWidth > 0 ? Console.WindowWidth : 80;
}
return GovernanceCli.Run(args, Console.Out, Console.Error, Console.IsErrorRedirected, width);
