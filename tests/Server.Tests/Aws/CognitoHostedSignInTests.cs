using System.Net;
using AuroraTime.Server.Aws.Cognito;
using AuroraTime.Server.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;

namespace AuroraTime.Server.Tests.Aws;

/// <summary>
/// The web page's Cognito sign-in, end to end against cognito-local's hosted UI endpoints: authorization
/// code flow (RFC 6749 section 4.1) with PKCE S256 (RFC 7636) and a browser-bound state (section 10.12).
/// </summary>
public sealed class CognitoHostedSignInTests(CognitoPool pool) : CognitoServerTests(pool)
{
    [CognitoLocalFact]
    public async Task Signing_in_through_the_hosted_UI_starts_a_web_session_that_opens_the_page_and_the_api()
    {
        await using var server = await StartAsync();
        using var client = server.GetTestClient();

        var (callback, flowCookie) = await SignInAtHostedUiAsync(client);
        using var finished = await SendAsync(client, callback, flowCookie);
        var sessionCookie = SetCookie(finished, SessionCookie.Name);
        using var api = await SendAsync(client, WhoAmI, sessionCookie);
        using var page = await SendAsync(client, "/app/", sessionCookie);

        Assert.Equal(HttpStatusCode.Redirect, finished.StatusCode);
        Assert.Equal("/app/", finished.Headers.Location?.OriginalString);
        var attributes = finished.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=strict", attributes);
        Assert.Equal("alice", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("action=\"/app/signin\"", await page.Content.ReadAsStringAsync()); // the page, not the sign-in form
    }

    [CognitoLocalFact]
    public async Task The_sign_in_page_offers_the_hosted_UI_next_to_the_local_form()
    {
        await using var server = await StartAsync();
        using var client = server.GetTestClient();

        var page = await client.GetStringAsync("/app/");

        Assert.Contains("action=\"/app/signin\"", page);
        Assert.Contains($"href=\"{CognitoHostedSignIn.StartPath}\"", page);
    }

    [CognitoLocalFact]
    public async Task The_redirect_asks_for_a_code_with_PKCE_S256_and_a_fresh_state()
    {
        await using var server = await StartAsync();
        using var client = server.GetTestClient();

        using var first = await client.GetAsync(CognitoHostedSignIn.StartPath);
        using var second = await client.GetAsync(CognitoHostedSignIn.StartPath);

        var query = QueryHelpers.ParseQuery(first.Headers.Location!.Query);
        Assert.StartsWith(Pool.HostedUi + "/oauth2/authorize?", first.Headers.Location.OriginalString);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].ToString().Length); // base64url of a SHA-256 digest
        Assert.Equal(Pool.WebClientId, query["client_id"]);
        Assert.Equal(CognitoPool.PublicBaseUrl + CognitoHostedSignIn.CallbackPath, query["redirect_uri"]);
        Assert.NotEqual(query["state"], QueryHelpers.ParseQuery(second.Headers.Location!.Query)["state"]);
    }

    [CognitoLocalFact]
    public async Task A_callback_whose_state_belongs_to_another_browser_is_refused_without_a_token()
    {
        await using var server = await StartAsync();
        using var client = server.GetTestClient();
        var (callback, _) = await SignInAtHostedUiAsync(client);
        using var otherBrowser = await client.GetAsync(CognitoHostedSignIn.StartPath);

        using var refused = await SendAsync(client, callback, SetCookie(otherBrowser, CognitoHostedSignIn.FlowCookie));
        using var noCookie = await SendAsync(client, callback, null);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noCookie.StatusCode);
        Assert.DoesNotContain(AllSetCookies(refused), c => c.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal));
    }

    [CognitoLocalFact]
    public async Task A_code_cannot_be_used_twice()
    {
        await using var server = await StartAsync();
        using var client = server.GetTestClient();
        var (callback, flowCookie) = await SignInAtHostedUiAsync(client);
        using var first = await SendAsync(client, callback, flowCookie);

        using var replay = await SendAsync(client, callback, flowCookie);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
    }

    /// <summary>What a browser does: follow the redirect to the hosted UI, submit the login form, get sent back with a code.</summary>
    private async Task<(string Callback, string FlowCookie)> SignInAtHostedUiAsync(HttpClient server)
    {
        using var start = await server.GetAsync(CognitoHostedSignIn.StartPath);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        var query = QueryHelpers.ParseQuery(authorize.Query);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var form = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode); // cognito-local accepted client, redirect_uri and PKCE
        var fields = query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString());
        fields["username"] = "alice";
        fields["password"] = CognitoPool.Password;
        using var submitted = await browser.PostAsync(Pool.HostedUi + "/oauth2/authorize", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Found, submitted.StatusCode);
        var back = submitted.Headers.Location!;
        Assert.StartsWith(CognitoPool.PublicBaseUrl + CognitoHostedSignIn.CallbackPath + "?", back.OriginalString);
        return (back.PathAndQuery, SetCookie(start, CognitoHostedSignIn.FlowCookie));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string target, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return await client.SendAsync(request);
    }

    /// <summary>"name=value" of the named cookie the response sets.</summary>
    private static string SetCookie(HttpResponseMessage response, string name) =>
        AllSetCookies(response).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Split(';')[0];

    private static IEnumerable<string> AllSetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private Task<WebApplication> StartAsync() =>
        StartServerAsync(new Dictionary<string, string?>
        {
            ["Auth:Cognito:HostedUiDomain"] = Pool.HostedUi,
            ["PublicBaseUrl"] = CognitoPool.PublicBaseUrl,
        });
}
