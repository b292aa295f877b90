using System.Net;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Server.Web;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Net.Http.Headers;

namespace AuroraTime.Server.Tests.Web;

/// <summary>The sign-in form at /app/: CSRF-protected form POST, session cookie attributes, failures, throttling, sign-out.</summary>
public class SignInPageTests : IAsyncLifetime
{
    private WebServer _server = null!;
    private PageVisitor _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await WebServer.StartAsync(new Dictionary<string, string?> { ["Auth:FailureBurst"] = "3", ["Auth:FailureRefillSeconds"] = "600" });
        _browser = _server.Visitor();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _server.DisposeWithDataAsync();
    }

    private SetCookieHeaderValue Cookie(string name) => Assert.Single(_browser.LastSetCookies, c => c.Name == name);

    private static Dictionary<string, string> Form(string csrf, string user, string password) =>
        new() { ["csrf"] = csrf, ["userName"] = user, ["password"] = password };

    [Fact]
    public async Task The_page_without_a_session_is_the_sign_in_form_with_a_token_in_a_strict_HttpOnly_cookie()
    {
        using var response = await _browser.GetAsync("/app/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Contains("<form method=\"post\" action=\"/app/signin\"", html);
        Assert.Contains("<label for=\"password\">", html);
        Assert.DoesNotContain("/app/signin/cognito", html); // no hosted UI configured: no link to one
        Assert.DoesNotContain("{{", html);
        var cookie = Cookie(SignInForm.CookieName);
        Assert.Equal(PageVisitor.HiddenToken(html), cookie.Value.ToString());
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/app/", cookie.Path.ToString());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_account_password_signs_in_with_a_303_and_an_HttpOnly_SameSite_Strict_session_cookie()
    {
        using var response = await _browser.SignInAsync("alice", WebServer.Password);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/app/", response.Headers.Location!.ToString());
        var session = Cookie(SessionCookie.Name);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, session.SameSite);
        Assert.False(session.Secure); // plain http and Web:SecureCookies unset
        Assert.Equal("/", session.Path.ToString());
        Assert.NotNull(session.Expires);

        using var page = await _browser.GetAsync("/app/");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Signed in as <strong>alice</strong>", html);
        Assert.Contains("<meta name=\"aurora-csrf\" content=\"", html);
        Assert.Contains("<script type=\"module\" src=\"/app/app.js\"></script>", html);
    }

    [Fact]
    public async Task With_Web_SecureCookies_the_session_cookie_is_Secure_even_over_http()
    {
        var server = await WebServer.StartAsync(new Dictionary<string, string?> { ["Web:SecureCookies"] = "true" });
        try
        {
            using var browser = server.Visitor();

            using var response = await browser.SignInAsync("alice", WebServer.Password);

            Assert.True(Assert.Single(browser.LastSetCookies, c => c.Name == SessionCookie.Name).Secure);
        }
        finally
        {
            await server.DisposeWithDataAsync();
        }
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("nobody", WebServer.Password)]
    [InlineData("alice", "")]
    public async Task A_wrong_user_or_password_gets_401_with_the_form_again_and_no_session(string user, string password)
    {
        using var response = await _browser.SignInAsync(user, password);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("Wrong user name or password", html);
        Assert.DoesNotContain(_browser.LastSetCookies, c => c.Name == SessionCookie.Name);
        Assert.Null(response.Headers.WwwAuthenticate.FirstOrDefault()); // no browser password dialog
    }

    [Fact]
    public async Task An_app_password_does_not_open_the_page()
    {
        var appPassword = (await CliRunner.RunAsync("app-password", "create", "alice", "phone", "--data", _server.Data.Path)).LastLine;

        using var response = await _browser.SignInAsync("alice", appPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(_browser.LastSetCookies, c => c.Name == SessionCookie.Name);
    }

    [Fact]
    public async Task A_post_without_the_form_token_or_with_another_one_is_refused_with_403()
    {
        await _browser.OpenSignInFormAsync();

        using var missing = await _browser.PostFormAsync("/app/signin", new Dictionary<string, string> { ["userName"] = "alice", ["password"] = WebServer.Password });
        using var forged = await _browser.PostFormAsync("/app/signin", Form("forged-token", "alice", WebServer.Password));

        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.DoesNotContain(_browser.LastSetCookies, c => c.Name == SessionCookie.Name);
    }

    [Fact]
    public async Task A_post_from_another_origin_is_refused_even_with_a_valid_token()
    {
        var token = await _browser.OpenSignInFormAsync();

        using var response = await _browser.PostFormAsync("/app/signin", Form(token, "alice", WebServer.Password), origin: "https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(_browser.LastSetCookies, c => c.Name == SessionCookie.Name);
    }

    [Fact]
    public async Task A_form_post_of_JSON_or_of_an_oversized_form_is_refused()
    {
        var token = await _browser.OpenSignInFormAsync();
        using var json = new HttpRequestMessage(HttpMethod.Post, "/app/signin") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        using var jsonResponse = await _browser.SendAsync(json);
        using var huge = await _browser.PostFormAsync("/app/signin", new Dictionary<string, string>
        {
            ["csrf"] = token, ["userName"] = "alice", ["password"] = new string('x', PageEndpoints.MaxFormBytes),
        });

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, jsonResponse.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task After_the_failure_burst_even_the_right_password_gets_429_with_Retry_After()
    {
        for (var i = 0; i < 3; i++)
        {
            using var failed = await _browser.SignInAsync("alice", "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var throttled = await _browser.SignInAsync("alice", WebServer.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(int.Parse(throttled.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.DoesNotContain(_browser.LastSetCookies, c => c.Name == SessionCookie.Name);
    }

    [Fact]
    public async Task Basic_auth_failures_and_form_failures_share_one_throttle()
    {
        using var client = _server.App.GetTestClient();
        client.DefaultRequestHeaders.Authorization = Support.SignedInServer.Basic("alice", "wrong-password");
        for (var i = 0; i < 3; i++)
        {
            using var failed = await client.GetAsync("/whoami");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var throttled = await _browser.SignInAsync("alice", WebServer.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
    }

    [Fact]
    public async Task Sign_out_needs_the_session_token_and_then_the_old_cookie_no_longer_works()
    {
        var csrf = await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);
        var stolenCookie = _browser.Cookies[SessionCookie.Name];

        using var withoutToken = await _browser.PostFormAsync("/app/signout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);

        using var signOut = await _browser.PostFormAsync("/app/signout", new Dictionary<string, string> { ["csrf"] = csrf });
        Assert.Equal(HttpStatusCode.SeeOther, signOut.StatusCode);
        Assert.False(_browser.Cookies.ContainsKey(SessionCookie.Name)); // the browser was told to drop it

        _browser.Cookies[SessionCookie.Name] = stolenCookie; // a copy kept elsewhere
        using var page = await _browser.GetAsync("/app/");
        Assert.Contains("action=\"/app/signin\"", await page.Content.ReadAsStringAsync());
        _browser.Cookies[SessionCookie.Name] = stolenCookie; // the page visit told the browser to drop it again
        using var api = await _browser.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }
}
