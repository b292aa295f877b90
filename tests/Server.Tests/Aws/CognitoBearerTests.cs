using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuroraTime.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Server.Tests.Aws;

/// <summary>
/// The composed server in AWS mode accepts Cognito access tokens on /api, checked as AWS's "Verifying
/// a JSON Web Token" requires (signature by the pool's JWKS, iss, exp, token_use, client_id), with real
/// tokens from cognito-local. RFC 6750 section 3.1: a bad token gets 401 with error="invalid_token".
/// </summary>
public sealed class CognitoBearerTests(CognitoPool pool) : CognitoServerTests(pool)
{
    [CognitoLocalFact]
    public async Task A_valid_access_token_signs_in_and_creates_the_account_on_first_use()
    {
        Assert.Null(await StoreAccess.AccountAsync(Data.Path, "alice"));
        await using var server = await StartAsync();

        var (status, body, _) = await GetAsync(server, WhoAmI, Pool.Alice.Access);
        var again = await GetAsync(server, WhoAmI, Pool.Alice.Access);

        Assert.Equal((HttpStatusCode.OK, "alice"), (status, body));
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.NotNull(await StoreAccess.AccountAsync(Data.Path, "alice"));
    }

    [CognitoLocalFact]
    public async Task An_expired_token_is_refused()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(clock);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(server, WhoAmI, Pool.Alice.Access)).Status);

        // cognito-local's access tokens live 24 hours; 60 s of clock skew are tolerated beyond that.
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(2));

        await AssertInvalidTokenAsync(server, Pool.Alice.Access);
    }

    [CognitoLocalFact]
    public async Task A_token_of_another_app_client_is_refused()
    {
        await using var server = await StartAsync();

        await AssertInvalidTokenAsync(server, Pool.AliceViaOtherClient);
    }

    [CognitoLocalFact]
    public async Task A_token_of_another_pool_is_refused_even_when_signed_by_a_known_key()
    {
        await using var server = await StartAsync();

        await AssertInvalidTokenAsync(server, Pool.AliceOfOtherPool);
    }

    [CognitoLocalFact]
    public async Task An_id_token_is_refused_because_the_api_takes_access_tokens()
    {
        await using var server = await StartAsync();

        await AssertInvalidTokenAsync(server, Pool.Alice.Id);
    }

    [CognitoLocalFact]
    public async Task A_token_whose_claims_were_changed_after_signing_is_refused()
    {
        await using var server = await StartAsync();
        var parts = Pool.Alice.Access.Split('.');
        var claims = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"username\":\"alice\"", "\"username\":\"admin\"", StringComparison.Ordinal);
        Assert.Contains("\"admin\"", claims);
        var tampered = $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(claims))}.{parts[2]}";

        await AssertInvalidTokenAsync(server, tampered);
        Assert.Null(await StoreAccess.AccountAsync(Data.Path, "admin"));
    }

    [CognitoLocalFact]
    public async Task A_cognito_user_name_that_cannot_be_an_account_name_gets_403()
    {
        await using var server = await StartAsync();

        var (status, _, _) = await GetAsync(server, WhoAmI, Pool.CarolSmith);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Null(await StoreAccess.AccountAsync(Data.Path, "carol smith"));
    }

    [CognitoLocalFact]
    public async Task CalDAV_does_not_take_bearer_tokens_it_stays_on_Basic_with_app_passwords()
    {
        await using var server = await StartAsync();

        var (status, _, challenge) = await GetAsync(server, "/calendars/alice/", Pool.Alice.Access);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("Basic", challenge);
    }

    private async Task AssertInvalidTokenAsync(WebApplication server, string token)
    {
        var (status, _, challenge) = await GetAsync(server, WhoAmI, token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Bearer error=\"invalid_token\"", challenge);
    }

    private Task<WebApplication> StartAsync(TimeProvider? clock = null) =>
        StartServerAsync(configure: builder =>
        {
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
        });

    private static async Task<(HttpStatusCode Status, string Body, string Challenge)> GetAsync(WebApplication server, string path, string token)
    {
        using var client = server.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.WwwAuthenticate.ToString());
    }

    private static byte[] Base64UrlDecode(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '='));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
