using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuroraTime.Server.Web;
using AuroraTime.Storage.Contract;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace AuroraTime.Server.Aws.Cognito;

/// <summary>
/// The web page's sign-in through Cognito's hosted UI: the OAuth 2.0 authorization code flow (RFC 6749
/// section 4.1) with PKCE (RFC 7636, S256) and a state value bound to the browser by a short-lived
/// cookie. <c>GET /app/signin/cognito</c> redirects to the hosted UI; <c>GET /app/signin/callback</c>
/// checks the state, exchanges the code at the pool's token endpoint, validates the access token like
/// <see cref="CognitoBearerMiddleware"/> does, and starts the same web session a local sign-in gets.
/// </summary>
public static partial class CognitoHostedSignIn
{
    public const string StartPath = "/app/signin/cognito";
    public const string CallbackPath = "/app/signin/callback";

    /// <summary>Holds "state.verifier" between the redirect and the callback (RFC 7636 section 4.1).</summary>
    public const string FlowCookie = "aurora_cognito_signin";

    public const string HttpClientName = "cognito-token-endpoint";

    private static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Paths that must be reachable before anyone is signed in.</summary>
    public static bool IsSignInPath(PathString path) =>
        path.StartsWithSegments(StartPath) || path.StartsWithSegments(CallbackPath);

    public static void MapCognitoHostedSignIn(this IEndpointRouteBuilder endpoints, CognitoSettings settings)
    {
        if (settings.HostedUiDomain is null)
        {
            return;
        }
        endpoints.MapGet(StartPath, (HttpContext context, IConfiguration configuration) => Start(context, settings, configuration));
        endpoints.MapGet(CallbackPath, (HttpContext context, IConfiguration configuration, IHttpClientFactory clients, ILoggerFactory logs) =>
            CallbackAsync(context, settings, configuration, clients, logs.CreateLogger(typeof(CognitoHostedSignIn))));
    }

    private static IResult Start(HttpContext context, CognitoSettings settings, IConfiguration configuration)
    {
        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)); // 43 characters, RFC 7636 section 4.1
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var redirect = RedirectUri(configuration);
        context.Response.Cookies.Append(FlowCookie, state + "." + verifier, new CookieOptions
        {
            HttpOnly = true,
            Secure = redirect.StartsWith("https:", StringComparison.Ordinal),
            SameSite = SameSiteMode.Lax, // the callback is a top-level navigation from the Cognito domain
            Path = CallbackPath,
            MaxAge = FlowLifetime,
        });
        var authorize = QueryHelpers.AddQueryString(settings.HostedUiDomain + "/oauth2/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.ClientIds[0],
            ["redirect_uri"] = redirect,
            ["scope"] = "openid email",
            ["state"] = state,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        return Results.Redirect(authorize);
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext context, CognitoSettings settings, IConfiguration configuration, IHttpClientFactory clients, ILogger logger)
    {
        var code = context.Request.Query["code"].ToString();
        var state = context.Request.Query["state"].ToString();
        var flow = context.Request.Cookies[FlowCookie]?.Split('.');
        context.Response.Cookies.Delete(FlowCookie, new CookieOptions { Path = CallbackPath });
        if (code.Length == 0 || flow is not [var expectedState, var verifier] || !SameSecret(state, expectedState))
        {
            // No flow cookie, another browser's state, or a replayed callback (RFC 6749 section 10.12).
            return Results.Text("This sign-in expired or was started elsewhere. Start again from the sign-in page.\n", statusCode: StatusCodes.Status400BadRequest);
        }

        using var exchange = await clients.CreateClient(HttpClientName).PostAsync(
            settings.HostedUiDomain + "/oauth2/token",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["client_id"] = settings.ClientIds[0],
                ["code"] = code,
                ["redirect_uri"] = RedirectUri(configuration),
                ["code_verifier"] = verifier,
            }),
            context.RequestAborted);
        var body = await exchange.Content.ReadAsStringAsync(context.RequestAborted);
        if (!exchange.IsSuccessStatusCode || AccessToken(body) is not { } token)
        {
            Log.CodeRefused(logger, (int)exchange.StatusCode);
            return Results.Text("Cognito did not accept this sign-in. Start again from the sign-in page.\n", statusCode: StatusCodes.Status400BadRequest);
        }
        // The page and the API then run on the same web session as a local sign-in (src/Server/Web): it
        // outlives the one-hour access token, carries the CSRF token the page sends, and ends on sign-out.
        if (await WebSessionForAsync(context, token) is not { } started)
        {
            Log.CodeRefused(logger, StatusCodes.Status403Forbidden);
            return Results.Text("This Cognito user cannot sign in here (its token or user name was refused).\n", statusCode: StatusCodes.Status403Forbidden);
        }
        context.Response.Cookies.Append(SessionCookie.Name, started.Value, started.Options);
        return Results.Redirect("/app/");
    }

    /// <summary>
    /// Validates the access token exactly as /api does (issuer, JWKS signature, token_use, client_id,
    /// expiry), makes sure the account exists, and issues a web session for it.
    /// </summary>
    private static async Task<(string Value, CookieOptions Options)?> WebSessionForAsync(HttpContext context, string accessToken)
    {
        // A handler from a fresh scope: the request's own handler already ran (ASP.NET Core authenticates
        // every request with the only scheme) and caches its "no token" answer for the rest of the request.
        var services = context.RequestServices;
        using var scope = services.CreateScope();
        var handler = await scope.ServiceProvider.GetRequiredService<IAuthenticationHandlerProvider>().GetHandlerAsync(context, CognitoAuthentication.Scheme);
        context.Request.Headers.Authorization = "Bearer " + accessToken;
        var result = handler is null ? AuthenticateResult.NoResult() : await handler.AuthenticateAsync();
        context.Request.Headers.Authorization = default;
        if (!result.Succeeded
            || await services.GetRequiredService<CognitoAccounts>().EnsureAccountAsync(result.Principal.FindFirst("username")?.Value ?? "", context.RequestAborted) is not { } userName
            || await services.GetRequiredService<IStore>().GetAccountAsync(userName, context.RequestAborted) is not { } account)
        {
            return null;
        }
        var session = services.GetRequiredService<SessionValidator>().Issue(userName, account.PasswordHash);
        var cookie = services.GetRequiredService<SessionCookie>();
        return (cookie.Protect(session), cookie.Options(context, session.ExpiresAt));
    }

    private static string RedirectUri(IConfiguration configuration) =>
        (configuration["PublicBaseUrl"] is { Length: > 0 } baseUrl ? baseUrl : "https://localhost").TrimEnd('/') + CallbackPath;

    private static string? AccessToken(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String
                ? token.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool SameSecret(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(expected));

    private static partial class Log
    {
        [LoggerMessage(3, LogLevel.Warning, "Cognito token endpoint refused the sign-in code ({Status})", EventName = "CognitoCodeRefused")]
        public static partial void CodeRefused(ILogger logger, int status);
    }
}
