using AuroraTime.Server.Aws;
using AuroraTime.Server.Cli;

return await AuroraCli.RunAsync(LambdaEnvironment.Arguments(args, Environment.GetEnvironmentVariable), CliContext.FromConsole());
