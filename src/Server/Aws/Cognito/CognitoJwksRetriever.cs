using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace AuroraTime.Server.Aws.Cognito;

/// <summary>
/// Reads the pool's signing keys straight from its JWKS document instead of OpenID discovery: the
/// JWKS URL is fixed by the issuer (AWS documents it), and cognito-local's discovery document points
/// at a hard-coded port. The <see cref="ConfigurationManager{T}"/> around it caches the keys and
/// re-reads them when a token names a key id it has not seen (Cognito rotates keys that way).
/// </summary>
internal sealed class CognitoJwksRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        var document = await retriever.GetDocumentAsync(address, cancel);
        var configuration = new OpenIdConnectConfiguration { JwksUri = address };
        foreach (var key in new JsonWebKeySet(document).GetSigningKeys())
        {
            configuration.SigningKeys.Add(key);
        }
        return configuration;
    }
}
