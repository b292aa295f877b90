using AuroraTime.Server.Cli;

return await AuroraCli.RunAsync(args, CliContext.FromConsole());
