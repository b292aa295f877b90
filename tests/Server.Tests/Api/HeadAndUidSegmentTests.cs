namespace AuroraTime.Server.Tests.Api;

/// <summary>
/// HEAD is served wherever GET is (RFC 9110 section 9.3.2), and the {uid} segment of an event URL
/// round-trips any UID through percent-encoding (RFC 3986 section 2.1), "/" included.
/// </summary>
public sealed class HeadAndUidSegmentTests(ApiHostFixture hostFixture) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await hostFixture.ForTestWithCalendarAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/calendars")]
    [InlineData("/api/calendars/work/events")]
    [InlineData("/api/calendars/work/events/head-1")]
    [InlineData("/api/reminders/upcoming")]
    [InlineData("/api/app-passwords")]
    [InlineData("/api/feed-links")]
    [InlineData("/api/openapi.json")]
    public async Task HEAD_answers_with_the_status_and_headers_of_GET_and_no_content(string path)
    {
        await _server.CreateEventAsync("work", """{"uid":"head-1","title":"Head","start":"2026-12-01T09:00:00Z","end":"2026-12-01T10:00:00Z"}""");
        var get = await _server.GetAsync(path);
        var head = await _server.SendAsync(HttpMethod.Head, path);
        Assert.Equal(200, get.Status);
        Assert.NotEmpty(get.Text);
        Assert.Equal(get.Status, head.Status);
        Assert.Equal(get.MediaType, head.MediaType);
        Assert.Equal(get.ETag, head.ETag);
        Assert.Equal("", head.Text);
    }

    [Fact]
    public async Task HEAD_of_a_missing_event_is_404_without_content_and_HEAD_is_in_Allow()
    {
        var head = await _server.SendAsync(HttpMethod.Head, "/api/calendars/work/events/nobody-here");
        Assert.Equal(404, head.Status);
        Assert.Equal("", head.Text);
        var wrong = await _server.SendAsync(HttpMethod.Post, "/api/me", "{}");
        Assert.Equal(405, wrong.Status);
        Assert.Equal(["GET", "HEAD"], wrong.Allow);
    }

    [Theory]
    [InlineData("a/b c@x")]
    [InlineData("100%/ü?#;,+&=")]
    public async Task An_event_whose_UID_has_reserved_characters_is_addressed_by_its_percent_encoded_UID(string uid)
    {
        var created = await _server.CreateEventAsync("work", $$"""{"uid":"{{uid.Replace("\"", "\\\"")}}","title":"Odd UID","start":"2026-12-01T09:00:00Z","end":"2026-12-01T10:00:00Z"}""");
        var path = "/api/calendars/work/events/" + Uri.EscapeDataString(uid);
        Assert.Equal(path, created.Location);
        Assert.Equal(uid, created.Json!["uid"]!.GetValue<string>());

        var fetched = await _server.GetAsync(path);
        Assert.True(fetched.Status == 200, fetched.ToString());
        Assert.Equal(uid, fetched.Json!["uid"]!.GetValue<string>());
        var dav = await _server.DavAsync("GET", fetched.Json["href"]!.GetValue<string>());
        Assert.Equal(200, dav.Status);
        Assert.Contains("Odd UID", dav.Text);

        var patched = await _server.SendAsync(HttpMethod.Patch, path, """{"title":"Renamed"}""", "application/merge-patch+json",
            decorate: r => r.Headers.TryAddWithoutValidation("If-Match", fetched.ETag));
        Assert.True(patched.Status == 200, patched.ToString());
        Assert.Equal("Renamed", patched.Json!["title"]!.GetValue<string>());
        fetched.Json["title"] = "Replaced";
        var replaced = await _server.SendAsync(HttpMethod.Put, path, fetched.Json.ToJsonString());
        Assert.True(replaced.Status == 200, replaced.ToString());
        Assert.Equal(204, (await _server.SendAsync(HttpMethod.Delete, path)).Status);
        Assert.Equal(404, (await _server.GetAsync(path)).Status);
    }
}
