namespace AuroraTime.Server;

/// <summary>Composition root: builds the ASP.NET Core host with its endpoints.</summary>
public static class ServerHost
{
    /// <param name="args">Command-line settings in the ASP.NET Core form (--urls, --data ...).</param>
    /// <param name="configure">Lets tests swap in the in-memory TestServer before the host is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
