using AuroraTime.Server.Aws;
using AuroraTime.Server.Cli;
using AuroraTime.Server.Hosting;

ProcessDefaults.Apply(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);
return await AuroraCli.RunAsync(LambdaEnvironment.Arguments(args, Environment.GetEnvironmentVariable), CliContext.FromConsole());
