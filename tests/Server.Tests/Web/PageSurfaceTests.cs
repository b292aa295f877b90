using System.Net;
using AuroraTime.Server.Web;

namespace AuroraTime.Server.Tests.Web;

/// <summary>What the page serves besides sign-in: security headers, its files, the browser redirect at "/", and 404 for the rest of /app.</summary>
public class PageSurfaceTests : IAsyncLifetime
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

    [Theory]
    [InlineData("/app/")]
    [InlineData("/app/app.js")]
    [InlineData("/app/app.css")]
    [InlineData("/app/no-such-file.js")]
    public async Task Every_page_response_carries_the_security_headers(string path)
    {
        using var response = await _browser.GetAsync(path);

        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
            Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_signed_in_page_has_no_inline_script_or_style_and_the_CSP_allows_only_own_files()
    {
        await _browser.SignInAndReadCsrfAsync("alice", WebServer.Password);
        using var response = await _browser.GetAsync("/app/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html); // every script element loads a file
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotMatch("<[^>]*\\son[a-z]+=", html); // no inline event handlers
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html); // no CDN
    }

    [Theory]
    [InlineData("/app/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/app/events.js", "text/javascript; charset=utf-8")]
    [InlineData("/app/app.css", "text/css; charset=utf-8")]
    public async Task The_page_files_are_served_with_their_content_type(string path, string contentType)
    {
        using var response = await _browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/app/app.html")] // templates are rendered, never served raw
    [InlineData("/app/signin.html")]
    [InlineData("/app/nothing-here")]
    [InlineData("/app/calendars/alice/")]
    public async Task Anything_else_under_app_is_404_and_never_reaches_the_DAV_tree(string path)
    {
        using var response = await _browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task A_PROPFIND_under_app_is_404_not_an_anonymous_DAV_request()
    {
        using var request = new HttpRequestMessage(new HttpMethod("PROPFIND"), "/app/");
        using var response = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_visit_to_the_root_is_redirected_to_the_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        using var response = await _browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/app/", response.Headers.Location!.ToString());
    }

    // INTEROP.md section 0: clients probe "/" with PROPFIND; it must stay DAV (401 challenge, never HTML).
    [Fact]
    public async Task The_root_stays_DAV_for_PROPFIND_and_for_GET_with_credentials()
    {
        using var propfind = new HttpRequestMessage(new HttpMethod("PROPFIND"), "/");
        propfind.Headers.Add("Accept", "text/html");
        using var propfindResponse = await _browser.SendAsync(propfind);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/");
        get.Headers.Add("Accept", "text/html");
        get.Headers.Authorization = Support.SignedInServer.Basic("alice", WebServer.Password);
        using var getResponse = await _browser.SendAsync(get);

        Assert.Equal(HttpStatusCode.Unauthorized, propfindResponse.StatusCode);
        Assert.NotEmpty(propfindResponse.Headers.WwwAuthenticate);
        Assert.NotEqual(HttpStatusCode.Redirect, getResponse.StatusCode);
    }

    [Fact]
    public async Task App_without_the_slash_redirects_permanently_to_the_page()
    {
        using var response = await _browser.GetAsync("/app");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/app/", response.Headers.Location!.ToString());
    }
}
