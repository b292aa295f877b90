using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AuroraTime.Server.Aws.Cognito;

/// <summary>
/// Settings under <c>Auth:Cognito</c> (environment: <c>AURORA_Auth__Cognito__UserPoolId</c> ...). Present
/// only in AWS mode: then /api accepts Cognito access tokens as <c>Authorization: Bearer</c>.
/// </summary>
/// <param name="Issuer">The pool's issuer, <c>https://cognito-idp.{region}.amazonaws.com/{poolId}</c>; its
/// JWKS is at <c>{Issuer}/.well-known/jwks.json</c> (AWS: "Verifying a JSON Web Token").</param>
/// <param name="ClientIds">App clients whose access tokens are accepted (the token's client_id claim).</param>
/// <param name="ClockSkew">Tolerance for exp/nbf/iat between Cognito's clock and ours.</param>
/// <param name="HostedUiDomain">Base URL of the hosted UI (<c>https://NAME.auth.REGION.amazoncognito.com</c>), for the sign-in redirect.</param>
public sealed record CognitoSettings(string Issuer, IReadOnlyList<string> ClientIds, TimeSpan ClockSkew, string? HostedUiDomain)
{
    public const string Section = "Auth:Cognito";

    public string JwksUrl => Issuer + "/.well-known/jwks.json";

    /// <summary>
    /// HTTPS is required for the key download except on loopback (cognito-local in tests): a key
    /// fetched over plain HTTP from elsewhere would let anyone on the path mint accepted tokens.
    /// </summary>
    public bool RequireHttps => !new Uri(Issuer).IsLoopback;

    /// <summary>Null when Cognito is not configured (self-hosted mode).</summary>
    /// <exception cref="InvalidOperationException">Partly configured: names the missing or malformed key.</exception>
    public static CognitoSettings? From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var poolId = NonEmpty(section["UserPoolId"]);
        var issuer = NonEmpty(section["Issuer"]);
        if (poolId is null && issuer is null)
        {
            return null;
        }
        if (issuer is null)
        {
            var region = NonEmpty(section["Region"])
                ?? throw Invalid("Region", "is required with UserPoolId (or set Issuer)");
            issuer = $"https://cognito-idp.{region}.amazonaws.com/{poolId}";
        }
        issuer = issuer.TrimEnd('/');
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri) || (issuerUri.Scheme != Uri.UriSchemeHttps && !issuerUri.IsLoopback))
        {
            throw Invalid("Issuer", $"'{issuer}' must be an absolute https URL");
        }
        var clients = (NonEmpty(section["ClientId"]) ?? throw Invalid("ClientId", "is required"))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var skewText = NonEmpty(section["ClockSkewSeconds"]) ?? "60";
        if (!int.TryParse(skewText, NumberStyles.None, CultureInfo.InvariantCulture, out var skewSeconds) || skewSeconds > 300)
        {
            throw Invalid("ClockSkewSeconds", $"'{skewText}' must be a whole number of seconds from 0 to 300");
        }
        return new CognitoSettings(issuer, clients, TimeSpan.FromSeconds(skewSeconds), NonEmpty(section["HostedUiDomain"])?.TrimEnd('/'));
    }

    private static InvalidOperationException Invalid(string key, string problem) =>
        new($"setting {Section}:{key} {problem}");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
