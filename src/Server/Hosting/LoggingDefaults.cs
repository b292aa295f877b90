using Microsoft.Extensions.Configuration.Memory;

namespace AuroraTime.Server.Hosting;

/// <summary>
/// Default log levels under everything a user configures. ASP.NET Core's hosting and routing log two
/// Information lines per request; through the console logger's queue lock that was a fifth of the
/// server's CPU under wrk (GET of one object), so they start at Warning. Any configuration source can
/// lower it again, e.g. <c>Logging__LogLevel__Microsoft.AspNetCore=Information</c>.
/// </summary>
internal static class LoggingDefaults
{
    public static void AddAuroraLoggingDefaults(this WebApplicationBuilder builder)
    {
        var defaults = new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        };
        // First source = lowest precedence: appsettings.json, environment and command line all win over it.
        builder.Configuration.Sources.Insert(0, defaults);
    }
}
