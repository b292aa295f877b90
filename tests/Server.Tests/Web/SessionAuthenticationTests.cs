using System.Net;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Server.Web;

namespace AuroraTime.Server.Tests.Web;

/// <summary>
/// The session cookie as API credential: same claims as Basic, X-CSRF-Token on unsafe methods, problem
/// answers without a Basic challenge, and every way a session ends.
/// </summary>
public class SessionAuthenticationTests : IAsyncLifetime
{
    private WebServer _server = null!;
    private PageVisitor _browser = null!;

    public async Task InitializeAsync()
    {
        _server = await WebServer.StartAsync();
        _browser = _server.Visitor();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _server.DisposeWithDataAsync();
    }

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> ProbeAsync(HttpMethod method, string? csrf = null, Action<HttpRequestMessage>? decorate = null)
    {
        using var request = new HttpRequestMessage(method, WebServer.ProbePath);
        if (csrf is not null)
        {
            request.Headers.Add(SessionAuthenticationMiddleware.CsrfHeader, csrf);
        }
        decorate?.Invoke(request);
        var response = await _browser.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task A_session_signs_in_API_reads_as_the_account_with_the_credential_session()
    {
        await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);

        var (status, body, _) = await ProbeAsync(HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alice session", body);
    }

    // The synchroniser-token pattern: a request that changes data must echo the session's token in a
    // header, which a cross-site form or image cannot set.
    [Fact]
    public async Task An_unsafe_method_needs_the_X_CSRF_Token_header_of_the_session()
    {
        var csrf = await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);

        var missing = await ProbeAsync(HttpMethod.Post);
        var wrong = await ProbeAsync(HttpMethod.Post, csrf: csrf[..^2] + "xx");
        var right = await ProbeAsync(HttpMethod.Post, csrf: csrf);

        Assert.Equal(HttpStatusCode.Forbidden, missing.Status);
        Assert.Equal("application/problem+json", missing.Response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"status\":403", missing.Body);
        Assert.Equal(HttpStatusCode.Forbidden, wrong.Status);
        Assert.Equal((HttpStatusCode.OK, "alice session"), (right.Status, right.Body));
    }

    // The real REST API: a session may mint credentials (only app passwords may not), with the token.
    [Fact]
    public async Task The_API_mints_an_app_password_for_a_session_only_with_the_CSRF_header()
    {
        var csrf = await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);
        HttpRequestMessage Mint() => new(HttpMethod.Post, "/api/app-passwords")
        {
            Content = new StringContent("{\"name\":\"phone\"}", System.Text.Encoding.UTF8, "application/json"),
        };

        using var withoutToken = Mint();
        using var refused = await _browser.SendAsync(withoutToken);
        using var withToken = Mint();
        withToken.Headers.Add(SessionAuthenticationMiddleware.CsrfHeader, csrf);
        using var minted = await _browser.SendAsync(withToken);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, minted.StatusCode);
        Assert.Contains("\"password\":", await minted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_forged_cookie_gets_401_problem_json_without_a_Basic_challenge_and_is_deleted()
    {
        _browser.Cookies[SessionCookie.Name] = "CfDJ8forged-value";

        var (status, body, response) = await ProbeAsync(HttpMethod.Get);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"status\":401", body);
        Assert.Empty(response.Headers.WwwAuthenticate); // a challenge would pop up the browser's password dialog
        Assert.False(_browser.Cookies.ContainsKey(SessionCookie.Name));
    }

    [Fact]
    public async Task Without_any_cookie_the_API_still_takes_Basic_auth()
    {
        var (status, body, _) = await ProbeAsync(HttpMethod.Get, decorate: r => r.Headers.Authorization = SignedInServer.Basic("alice", WebServer.Password));

        Assert.Equal((HttpStatusCode.OK, "alice password"), (status, body));
    }

    [Fact]
    public async Task Explicit_Basic_credentials_win_over_a_cookie_so_wrong_ones_fail()
    {
        await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);

        var (status, _, response) = await ProbeAsync(HttpMethod.Get, decorate: r => r.Headers.Authorization = SignedInServer.Basic("alice", "wrong-password"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task The_session_is_not_a_credential_for_the_DAV_tree()
    {
        await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);

        using var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), "/calendars/alice/");
        request.Headers.Add("Depth", "0");
        using var response = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_the_session()
    {
        await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);

        Assert.Equal(0, (await CliRunner.RunWithInputAsync("another-password-2\n", "user", "passwd", "alice", "--password-stdin", "--data", _server.Data.Path)).ExitCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await ProbeAsync(HttpMethod.Get)).Status);
    }

    [Fact]
    public async Task A_session_ends_after_its_lifetime()
    {
        await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);
        _server.Clock.Advance(TimeSpan.FromHours(WebSettings.DefaultSessionHours) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(HttpMethod.Get)).Status);

        _server.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ProbeAsync(HttpMethod.Get)).Status);
    }

    [Fact]
    public async Task A_session_survives_a_restart_because_the_keys_are_kept_in_the_data_folder()
    {
        var csrf = await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);
        var cookie = _browser.Cookies[SessionCookie.Name];
        await _server.DisposeAsync();

        _server = await _server.RestartAsync();
        using var browser = _server.Visitor();
        browser.Cookies[SessionCookie.Name] = cookie;
        using var request = new HttpRequestMessage(HttpMethod.Post, WebServer.ProbePath);
        request.Headers.Add(SessionAuthenticationMiddleware.CsrfHeader, csrf);
        using var response = await browser.SendAsync(request);

        Assert.Equal("alice session", await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(Directory.GetFiles(_server.Data.File(WebHosting.KeyFolderName), "key-*.xml"));
    }

    // Cold start: the key ring is not read (or created) before the first request that needs it.
    [Fact]
    public async Task The_key_ring_is_created_by_the_first_sign_in_not_by_the_start()
    {
        var keys = _server.Data.File(WebHosting.KeyFolderName);
        Assert.False(Directory.Exists(keys) && Directory.GetFiles(keys, "key-*.xml").Length > 0, "a started server already wrote a key");

        await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);

        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Fact]
    public async Task A_cookie_made_under_another_data_folders_keys_is_no_session()
    {
        await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);
        var cookie = _browser.Cookies[SessionCookie.Name];
        var other = await WebServer.StartAsync();
        try
        {
            using var browser = other.Visitor();
            browser.Cookies[SessionCookie.Name] = cookie;

            using var response = await browser.GetAsync(WebServer.ProbePath);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        finally
        {
            await other.DisposeWithDataAsync();
        }
    }
}
