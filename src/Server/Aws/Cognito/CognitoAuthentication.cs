using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AuroraTime.Server.Aws.Cognito;

/// <summary>
/// Cognito sign-in for the REST API: a JwtBearer scheme that accepts the pool's access tokens, checked
/// as AWS's "Verifying a JSON Web Token" says: RS256 signature by a key of the pool's JWKS, iss = the
/// pool, exp (and nbf/iat) against our clock, token_use = "access", client_id = one of our app clients.
/// Access tokens carry no aud (client_id instead), so audience validation is replaced by that check.
/// </summary>
public static class CognitoAuthentication
{
    public const string Scheme = "Cognito";

    /// <summary>Only access tokens: they are what an API is meant to receive (RFC 6750); ID tokens describe the user to the client.</summary>
    public const string AcceptedTokenUse = "access";

    /// <summary>The paths whose requests may carry a Cognito bearer token; CalDAV stays on Basic with app passwords.</summary>
    public static readonly PathString ApiPath = "/api";

    /// <summary>Registers the scheme when <c>Auth:Cognito</c> is configured; does nothing otherwise.</summary>
    public static IServiceCollection AddAuroraCognito(this IServiceCollection services, IConfiguration configuration)
    {
        if (CognitoSettings.From(configuration) is not { } settings)
        {
            return services;
        }
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CognitoAccounts>();
        services.AddHttpClient(CognitoHostedSignIn.HttpClientName);
        services.AddAuthentication().AddJwtBearer(Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(Scheme).Configure<TimeProvider>((options, clock) => Configure(options, settings, clock));
        return services;
    }

    /// <summary>
    /// When the scheme was registered: the bearer check for /api and, with a hosted UI domain, the web
    /// page's sign-in endpoints (<see cref="CognitoHostedSignIn"/>). A no-op otherwise.
    /// </summary>
    public static WebApplication UseAuroraCognito(this WebApplication app)
    {
        if (app.Services.GetService<CognitoSettings>() is not { } settings)
        {
            return app;
        }
        app.MapCognitoHostedSignIn(settings);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiPath), api => api.UseMiddleware<CognitoBearerMiddleware>());
        return app;
    }

    private static void Configure(JwtBearerOptions options, CognitoSettings settings, TimeProvider clock)
    {
        // Keep Cognito's claim names (token_use, client_id, username) instead of SOAP-era URIs.
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = settings.RequireHttps;
        options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            settings.JwksUrl, new CognitoJwksRetriever(), new HttpDocumentRetriever { RequireHttps = settings.RequireHttps });
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidateIssuer = true,
            ValidateAudience = false, // access tokens have client_id, checked in OnTokenValidated
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
            // IdentityModel reads DateTime.UtcNow; this lets the server's TimeProvider (and tests) decide.
            LifetimeValidator = (notBefore, expires, _, _) => TokenLifetime.IsCurrent(notBefore, expires, clock.GetUtcNow().UtcDateTime, settings.ClockSkew),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var tokenUse = context.Principal?.FindFirst("token_use")?.Value;
                var clientId = context.Principal?.FindFirst("client_id")?.Value;
                if (tokenUse != AcceptedTokenUse)
                {
                    context.Fail($"token_use is '{tokenUse}', not '{AcceptedTokenUse}'");
                }
                else if (clientId is null || !settings.ClientIds.Contains(clientId, StringComparer.Ordinal))
                {
                    context.Fail("client_id is not an app client of this server");
                }
                return Task.CompletedTask;
            },
            // The middleware answers; JwtBearer's own challenge would add a second WWW-Authenticate.
            OnChallenge = context =>
            {
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }
}

/// <summary>The exp/nbf rule of RFC 7519 sections 4.1.4 and 4.1.5, with a tolerance for clock skew.</summary>
internal static class TokenLifetime
{
    public static bool IsCurrent(DateTime? notBefore, DateTime? expires, DateTime now, TimeSpan skew) =>
        expires is { } end && now < end + skew && (notBefore is not { } start || now >= start - skew);
}
