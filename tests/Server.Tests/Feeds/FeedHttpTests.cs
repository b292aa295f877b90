using System.Net;
using System.Net.Http.Headers;
using AuroraTime.Storage.Contract;
using AuroraTime.Server.Tests.Support;

namespace AuroraTime.Server.Tests.Feeds;

/// <summary>GET and HEAD of /feeds/TOKEN/NAME.ics through the whole server: no auth, headers, validators, 404s.</summary>
public class FeedHttpTests
{
    [Fact]
    public async Task A_feed_is_served_without_credentials_as_text_calendar_with_validators()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync("--calendar", "work");
        using var response = await server.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.True(response.Headers.CacheControl!.Private);
        Assert.Equal(TimeSpan.FromSeconds(300), response.Headers.CacheControl.MaxAge);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("SUMMARY:Planning\r\n", body, StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:Work\r\n", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_answers_the_same_headers_without_a_body()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync();
        using var get = await server.Client.GetAsync(path);
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal("text/calendar; charset=utf-8", head.Content.Headers.ContentType!.ToString());
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    // RFC 9110 section 13.1.2: If-None-Match that matches answers 304 for GET and HEAD.
    [Fact]
    public async Task A_matching_if_none_match_gets_304_until_the_calendar_changes()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync("--calendar", "work");
        using var first = await server.Client.GetAsync(path);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var notModified = await server.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        await using (var store = await StoreAccess.OpenAsync(server.DataFolder))
        {
            await FeedServer.PutAsync(store, new CollectionRef("alice", "work"), "new.ics", "new@example", "Added later");
        }
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, path);
        afterChange.Headers.IfNoneMatch.Add(etag);
        using var changed = await server.Client.SendAsync(afterChange);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("SUMMARY:Added later", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // RFC 9110 section 13.1.3: If-Modified-Since, used only without If-None-Match.
    [Fact]
    public async Task If_modified_since_at_or_after_last_modified_gets_304()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync();
        using var first = await server.Client.GetAsync(path);
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfModifiedSince = lastModified;
        using var notModified = await server.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var older = new HttpRequestMessage(HttpMethod.Get, path);
        older.Headers.IfModifiedSince = lastModified.AddDays(-1);
        using var modified = await server.Client.SendAsync(older);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Fact]
    public async Task Revocation_takes_effect_on_the_next_request()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync();
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync(path)).StatusCode);
        var revoked = await server.FeedCliAsync("revoke", "alice", FeedServer.PublicBaseUrl + path);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        using var after = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Empty(await after.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Tampered_unknown_and_malformed_tokens_all_get_the_same_bare_404()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync();
        var token = path.Split('/')[2];
        var tampered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        var forged = new string('A', token.Length);
        foreach (var candidate in new[] { $"/feeds/{tampered}/alice.ics", $"/feeds/{forged}/alice.ics", "/feeds/x/alice.ics", "/feeds/", "/feeds/" + token })
        {
            using var response = await server.Client.GetAsync(candidate);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, candidate);
            Assert.Null(response.Headers.WwwAuthenticate.FirstOrDefault());
            Assert.Null(response.Headers.Location);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Other_methods_on_a_feed_url_are_refused_without_reaching_the_dav_tree()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync();
        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Delete, new HttpMethod("PROPFIND") })
        {
            using var request = new HttpRequestMessage(method, path) { Content = new StringContent("x") };
            using var response = await server.Client.SendAsync(request);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{method}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Dav_paths_still_require_credentials()
    {
        await using var server = await FeedServer.StartAsync();
        using var response = await server.Client.GetAsync("/alice/work/");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
