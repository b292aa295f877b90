using Microsoft.Extensions.Configuration;

namespace AuroraTime.Server.Configuration;

/// <summary>
/// The one order of configuration sources, shared by <c>serve</c> and the other subcommands, so a
/// setting means the same thing everywhere: appsettings.json in the working directory, environment
/// variables (all, then AURORA_-prefixed ones winning), then explicit values from the command line.
/// </summary>
internal static class ConfigurationSources
{
    /// <summary>Adds AuroraTime's own sources on top of what a host builder already has.</summary>
    public static void AddAuroraSources(this IConfigurationBuilder builder, IReadOnlyDictionary<string, string?>? overrides)
    {
        builder.AddEnvironmentVariables(AuroraSettings.EnvironmentPrefix);
        if (overrides is { Count: > 0 })
        {
            builder.AddInMemoryCollection(overrides);
        }
    }

    /// <summary>The configuration of a subcommand that runs without a web host.</summary>
    public static IConfiguration ForCommand(IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true, reloadOnChange: false)
            .AddEnvironmentVariables();
        builder.AddAuroraSources(overrides);
        return builder.Build();
    }
}
