using AuroraTime.Server;

return await Cli.RunAsync(args);
