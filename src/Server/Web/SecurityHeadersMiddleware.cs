namespace AuroraTime.Server.Web;

/// <summary>
/// Security headers on everything the web page serves (/app and the browser redirect from "/").
/// The CSP allows only our own files: no inline script or style, no framing (clickjacking), no
/// &lt;base&gt; rewriting, forms posting only to us; connect-src 'self' is implied by default-src.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        if (WebHosting.IsPagePath(context.Request.Path) || context.Request.Path == "/")
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            // Nothing leaves for other sites (feed links carry their credential in the URL). Not "no-referrer":
            // under it browsers send "Origin: null" on form posts, which the sign-in origin check refuses.
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY"; // for browsers older than CSP frame-ancestors
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
        }
        return next(context);
    }
}
