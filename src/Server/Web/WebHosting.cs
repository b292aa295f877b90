using AuroraTime.Server.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuroraTime.Server.Web;

/// <summary>
/// Wires the web page into the host. Sessions are cookies encrypted with ASP.NET Data Protection rather
/// than rows in the store: no store-contract change, nothing to clean up, and the same code works on any
/// backend. The key ring is persisted in the data folder (keys/), so a restart keeps everyone signed in;
/// a password change ends all of an account's sessions (the cookie carries a fingerprint of the hash).
/// </summary>
public static class WebHosting
{
    public const string PagePath = "/app";
    public const string ApiPath = "/api";
    public const string KeyFolderName = "keys";

    public static IServiceCollection AddAuroraWeb(this IServiceCollection services, IConfiguration configuration, AuroraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddDataProtection()
            .SetApplicationName("AuroraTime")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetFullPath(settings.DataFolder), KeyFolderName)));
        // The key ring loads on first use (a sign-in or a session cookie) instead of at start. ASP.NET's
        // DataProtectionHostedService only preloads it, and that read the key files and loaded OpenSSL
        // before Kestrel listened, on every cold start (bench/coldstart/README.md).
        if (services.FirstOrDefault(descriptor => descriptor.ServiceType == typeof(IHostedService)
                && descriptor.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService") is { } preload)
        {
            services.Remove(preload);
        }
        services.AddSingleton(WebSettings.From(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SessionCookie>();
        services.AddSingleton<SignedOutSessions>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<PageAssets>();
        return services;
    }

    /// <summary>Security headers, the browser redirect from "/", session sign-in, and the page's routes.
    /// Call after UseRouting and before Basic auth.</summary>
    public static void UseAuroraWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Constructed directly, not by UseMiddleware's reflection (a Native AOT cold-start cost, bench/coldstart/README.md).
        var services = app.Services;
        app.Use(next => new SecurityHeadersMiddleware(next).InvokeAsync);
        app.Use(next => new BrowserRootRedirect(next).InvokeAsync);
        app.Use(next =>
        {
            // Built on the first request with a session cookie, not at start: SessionCookie needs Data Protection,
            // whose services took 1.2 ms of every cold start to build, and CalDAV requests never need them.
            var sessions = new Lazy<SessionAuthenticationMiddleware>(() => new SessionAuthenticationMiddleware(next,
                services.GetRequiredService<SessionValidator>(), services.GetRequiredService<SessionCookie>(),
                services.GetRequiredService<ILogger<SessionAuthenticationMiddleware>>()));
            return context => SessionAuthenticationMiddleware.Applies(context.Request) ? sessions.Value.InvokeAsync(context) : next(context);
        });
        app.MapPageEndpoints();
    }

    /// <summary>The page's own paths: anonymous for Basic auth (the page signs in by form).</summary>
    public static bool IsPagePath(PathString path) => path.StartsWithSegments(PagePath);

    /// <summary>Paths where a session cookie counts as a sign-in.</summary>
    public static bool UsesSessions(PathString path) => IsPagePath(path) || path.StartsWithSegments(ApiPath);
}
