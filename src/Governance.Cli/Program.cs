using Governance.Cli;

return GovernanceCli.Run(args, Console.Out, Console.Error, Console.IsErrorRedirected);
