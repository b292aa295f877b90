namespace AuroraTime.Server.Web;

/// <summary>
/// "/" is the DAV root (clients probe it, INTEROP.md section 0), so only a plain browser visit is
/// redirected to the page: a GET that asks for HTML and carries no credentials. Everything else at "/"
/// (PROPFIND, OPTIONS, GET by DAV clients) goes on to the DAV tree untouched.
/// </summary>
public sealed class BrowserRootRedirect(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path == "/" && HttpMethods.IsGet(request.Method) && request.Headers.Authorization.Count == 0
            && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(WebHosting.PagePath + "/");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
