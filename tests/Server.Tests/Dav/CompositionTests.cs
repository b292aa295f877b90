using AuroraTime.Server.Auth;
using AuroraTime.Server.Tests.Support;

namespace AuroraTime.Server.Tests.Dav;

/// <summary>The composed server: auth in front of the CalDAV tree, and the paths that skip it.</summary>
public sealed class CompositionTests : IAsyncLifetime
{
    private SignedInServer _server = null!;

    public async Task InitializeAsync() => _server = await SignedInServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    // INTEROP.md section 0: no credentials means 401 with a realm, never a 207 or DAV:unauthenticated.
    [Theory]
    [InlineData("PROPFIND", "/")]
    [InlineData("PROPFIND", "/calendars/alice/")]
    [InlineData("OPTIONS", "/calendars/alice/")]
    [InlineData("GET", "/calendars/alice/default/x.ics")]
    public async Task DAV_requests_without_credentials_get_the_Basic_challenge(string method, string target)
    {
        _server.Client.DefaultRequestHeaders.Authorization = null;

        var response = await _server.SendAsync(method, target);

        Assert.Equal(401, response.Status);
        Assert.Equal(BasicAuthenticationMiddleware.Challenge, response.Message.Headers.WwwAuthenticate.ToString());
    }

    // RFC 6764 section 5; INTEROP.md: 301 for GET and PROPFIND alike, before any credentials.
    [Theory]
    [InlineData("GET")]
    [InlineData("PROPFIND")]
    public async Task The_well_known_caldav_redirect_works_without_credentials(string method)
    {
        _server.Client.DefaultRequestHeaders.Authorization = null;

        var response = await _server.SendAsync(method, "/.well-known/caldav");

        Assert.Equal(301, response.Status);
        Assert.Equal("/", response.Message.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_signed_in_PROPFIND_finds_the_users_own_principal()
    {
        var response = await _server.SendAsync("PROPFIND", "/",
            "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:current-user-principal/></D:prop></D:propfind>",
            decorate: r => r.Headers.Add("Depth", "0"));

        Assert.Equal(207, response.Status);
        Assert.Contains("/principals/alice/", response.Body);
    }

    [Fact]
    public async Task DAV_responses_are_never_compressed_even_when_the_client_asks()
    {
        var response = await _server.SendAsync("PROPFIND", "/calendars/alice/",
            "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>",
            decorate: r =>
            {
                r.Headers.Add("Depth", "1");
                r.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
            });

        Assert.Equal(207, response.Status);
        Assert.Empty(response.Message.Content.Headers.ContentEncoding);
    }
}
