using AuroraTime.CalDav.CalDav;
using AuroraTime.Server.Aws.Cognito;
using AuroraTime.Server.Accounts;
using AuroraTime.Server.Api;
using AuroraTime.Server.Auth;
using AuroraTime.Server.Configuration;
using AuroraTime.Server.Feeds;
using AuroraTime.Server.Hosting;
using AuroraTime.Server.Reminders;
using AuroraTime.Server.Web;
using AuroraTime.Storage.Contract;

namespace AuroraTime.Server;

/// <summary>Composition root: builds the ASP.NET Core host with its services and endpoints.</summary>
public static class ServerHost
{
    /// <summary>Bytes Kestrel accepts beyond the largest resource, so the DAV layer (which knows the reason) answers 413 first.</summary>
    private const long BodyLimitMargin = 64 * 1024;

    /// <param name="args">Command-line settings in the ASP.NET Core form (--urls, --data ...).</param>
    /// <param name="configure">Lets tests swap in the in-memory TestServer and settings before the host is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.AddAuroraLoggingDefaults();
        builder.Configuration.AddAuroraSources(null);
        builder.Configuration.AddCommandLine(args); // explicit flags win over AURORA_ variables.
        configure?.Invoke(builder);

        var settings = AuroraSettings.From(builder.Configuration);
        AddServices(builder.Services, settings);
        builder.Services.AddAuroraFeeds(builder.Configuration, settings);
        builder.Services.AddAuroraReminders(builder.Configuration, settings);
        builder.Services.AddAuroraCognito(builder.Configuration);
        builder.Services.AddAuroraWeb(builder.Configuration, settings);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // The DAV core checks its own limits (resource size from the store, 1 MB for XML) and answers
            // 413 with a reason; Kestrel's ceiling only stops bodies no DAV request may carry.
            kestrel.Limits.MaxRequestBodySize = settings.MaxResourceBytes + BodyLimitMargin;
        });

        var app = builder.Build();
        app.UseAuroraHealthProbe();
        app.UseStoreBusyMiddleware();
        // Explicit, so the endpoint is known before the DAV branch decides whether a request is its own.
        app.UseRouting();
        app.MapAuroraHealthProbe();
        app.MapAuroraFeeds();
        app.MapAuroraApi();
        app.MapAuroraSchedulerEvents();
        app.UseAuroraCognito();
        app.UseAuroraWeb();
        app.UseWhen(context => !IsAnonymous(context.Request.Path), branch => branch.UseBasicAuthentication());
        // Everything that is not an endpoint (health, feeds, the REST API, the web page) is the DAV namespace, at the root
        // because clients probe "/" and "/.well-known/caldav" (INTEROP.md). No response compression is added:
        // compressed DAV responses break ETags in clients (INTEROP.md section 2).
        app.MapWhen(context => context.GetEndpoint() is null, dav => dav.UseCalDav());
        return app;
    }

    /// <summary>
    /// Paths served without credentials: the health probe, and the RFC 6764 bootstrap redirect, which
    /// reveals nothing and lets clients that probe it anonymously find the context path; and feeds, whose
    /// signed token in the path is the credential (all of /feeds/ is routed to feed endpoints, never DAV);
    /// and the Cognito hosted-UI sign-in pair, which is how one gets credentials in AWS mode.
    /// </summary>
    private static bool IsAnonymous(PathString path) =>
        path.StartsWithSegments(HealthProbe.Path) || path.StartsWithSegments("/.well-known/caldav") || FeedHosting.IsFeedPath(path)
        || AwsReminderHosting.IsEventsPath(path) // fired schedules: the MAC in the body is the credential
        || CognitoHostedSignIn.IsSignInPath(path)
        || WebHosting.IsPagePath(path);

    private static void AddServices(IServiceCollection services, AuroraSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<IStore>(_ => StoreFactory.OpenAsync(settings).GetAwaiter().GetResult());
        services.AddSingleton(_ => new PasswordHasher(settings.Pbkdf2Iterations));
        services.AddSingleton(_ => new VerifiedCredentialCache(TimeSpan.FromSeconds(settings.AuthCacheSeconds)));
        services.AddSingleton(_ => new SignInThrottle(settings.AuthFailureBurst, TimeSpan.FromSeconds(settings.AuthFailureRefillSeconds)));
        services.AddSingleton(provider => new CredentialVerifier(
            provider.GetRequiredService<IStore>(), provider.GetRequiredService<VerifiedCredentialCache>(), provider.GetRequiredService<PasswordHasher>()));
        services.AddCalDav();
        services.AddSingleton(provider =>
        {
            var administration = ActivatorUtilities.CreateInstance<AccountAdministration>(provider);
            var cache = provider.GetRequiredService<VerifiedCredentialCache>();
            administration.CredentialsChanged += cache.ForgetUser;
            return administration;
        });
    }
}
