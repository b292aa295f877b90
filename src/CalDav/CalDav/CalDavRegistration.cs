using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.CalDav.CalDav;

/// <summary>
/// The entry point for the host: <c>services.AddCalDav(...)</c> then <c>app.UseCalDav()</c> after
/// the authentication middleware. The signed-in account is <c>HttpContext.User.Identity.Name</c>.
/// </summary>
public static class CalDavRegistration
{
    /// <summary>Registers the CalDAV service over the <see cref="IStore"/> the host registered.</summary>
    public static IServiceCollection AddCalDav(this IServiceCollection services, Action<CalDavOptions>? configure = null)
    {
        var options = new CalDavOptions();
        configure?.Invoke(options);
        services.AddSingleton(sp => new CalDavService(
            sp.GetRequiredService<IStore>(), options,
            sp.GetServices<CalDav.Changes.ICalendarObjectObserver>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<CalDavService>>()));
        services.AddSingleton(sp => CreateServer(sp.GetRequiredService<CalDavService>()));
        return services;
    }

    /// <summary>
    /// Serves /.well-known/caldav (RFC 6764 section 5: redirect to the context path) and the whole
    /// DAV tree. Terminal: mount it where the DAV namespace lives (normally the root).
    /// </summary>
    public static IApplicationBuilder UseCalDav(this IApplicationBuilder app)
    {
        app.Use(WellKnownRedirect);
        return app.UseWebDav(app.ApplicationServices.GetRequiredService<DavServer>());
    }

    /// <summary>The WebDAV core with the CalDAV module, serving each user their own tree.</summary>
    public static DavServer CreateServer(CalDavService service) =>
        DavServer.Create(
            new DavOptions
            {
                MaxResourceBytes = service.Store.Limits.MaxObjectSize,
                TreeResolver = http => new StoreDavTree(service, UserName(http), http.Request.PathBase.ToUriComponent()),
                PrincipalResolver = http => UserName(http) is { } user && ResourceNames.IsValidSegment(user)
                    ? DavLayout.PrincipalHref(http.Request.PathBase.ToUriComponent().TrimEnd('/'), user)
                    : null,
            },
            new CalDavModule(service));

    private static string? UserName(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;

    /// <summary>
    /// RFC 6764 section 5: "/.well-known/caldav" redirects to the context path; 301 for every
    /// method, because clients PROPFIND it as well as GET it (INTEROP.md: 302 caused problems).
    /// </summary>
    private static async Task WellKnownRedirect(HttpContext http, Func<Task> next)
    {
        var path = http.Request.Path.Value?.TrimEnd('/');
        if (string.Equals(path, "/.well-known/caldav", StringComparison.OrdinalIgnoreCase))
        {
            http.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            http.Response.Headers.Location = http.Request.PathBase.ToUriComponent().TrimEnd('/') + "/";
            return;
        }
        await next();
    }
}
