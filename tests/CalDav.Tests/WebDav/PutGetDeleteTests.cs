namespace AuroraTime.CalDav.Tests.WebDav;

public sealed class PutGetDeleteTests
{
    private static Dictionary<string, string> Header(string name, string value) => new() { [name] = value };

    // RFC 9110 9.3.4: "If the target resource does not have a current representation and the PUT
    // successfully creates one, then the origin server MUST inform the user agent by sending a
    // 201 (Created) response." Replacements answer 204; INTEROP.md: never 200.
    [Fact]
    public async Task Put_creates_with_201_replaces_with_204_and_always_sends_the_new_etag()
    {
        await using var host = await DavTestHost.StartAsync();

        var created = await host.PutAsync("/doc.txt", "one", expect: 201);
        var replaced = await host.PutAsync("/doc.txt", "two", expect: 204);
        var get = await host.SendAsync("GET", "/doc.txt", expect: 200);

        Assert.NotNull(created.Header("ETag"));
        Assert.NotEqual(created.Header("ETag"), replaced.Header("ETag"));
        Assert.Equal(replaced.Header("ETag"), get.Header("ETag"));
        Assert.Equal("two", get.Body);
        Assert.NotNull(get.Header("Last-Modified"));
    }

    [Fact]
    public async Task Head_answers_like_get_without_a_body()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/doc.txt", "hello", expect: 201);

        var head = await host.SendAsync("HEAD", "/doc.txt", expect: 200);

        Assert.Equal("", head.Body);
        Assert.Equal("5", head.Header("Content-Length"));
    }

    // RFC 4918 9.7.1: "A PUT that would result in the creation of a resource without an
    // appropriately scoped parent collection MUST fail with a 409 (Conflict)."
    [Fact]
    public async Task Put_without_a_parent_collection_is_409()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/no/such/parent.txt", "x", expect: 409);
    }

    [Fact]
    public async Task Put_onto_a_collection_is_405()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/c/");
        await host.PutAsync("/c/", "x", expect: 405);
    }

    // RFC 9110 9.3.4: a PUT with Content-Range MUST get 400.
    [Fact]
    public async Task Put_with_content_range_is_400()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/f", "x", Header("Content-Range", "bytes 0-0/1"), expect: 400);
    }

    [Fact]
    public async Task Put_over_the_size_limit_is_413_and_creates_nothing()
    {
        await using var host = await DavTestHost.StartAsync(configure: o => o.MaxResourceBytes = 10);
        await host.PutAsync("/big", new string('x', 11), expect: 413);
        await host.SendAsync("GET", "/big", expect: 404);
    }

    // RFC 9110 13.1.2: "If-None-Match: *" on PUT prevents overwriting an existing resource (412).
    [Fact]
    public async Task If_none_match_star_creates_once_then_fails_with_412()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/e.ics", "a", Header("If-None-Match", "*"), expect: 201);
        await host.PutAsync("/e.ics", "b", Header("If-None-Match", "*"), expect: 412);
    }

    // RFC 9110 13.1.1: "An origin server MUST NOT perform the requested method if a received
    // If-Match condition evaluates to false"; strong comparison, "*" needs a current representation.
    [Fact]
    public async Task If_match_allows_only_the_current_strong_etag()
    {
        await using var host = await DavTestHost.StartAsync();
        var etag = (await host.PutAsync("/e.ics", "a", expect: 201)).Header("ETag")!;

        await host.PutAsync("/e.ics", "b", Header("If-Match", "\"stale\""), expect: 412);
        await host.PutAsync("/e.ics", "b", Header("If-Match", "W/" + etag), expect: 412);
        await host.PutAsync("/e.ics", "b", Header("If-Match", $"\"other\", {etag}"), expect: 204);
        await host.PutAsync("/new.ics", "b", Header("If-Match", "*"), expect: 412);
        await host.SendAsync("DELETE", "/e.ics", headers: Header("If-Match", etag), expect: 412);
    }

    // RFC 9110 13.1.2: If-None-Match uses weak comparison; a match on GET/HEAD is 304.
    [Fact]
    public async Task Get_with_a_matching_if_none_match_is_304_even_for_a_weak_tag()
    {
        await using var host = await DavTestHost.StartAsync();
        var etag = (await host.PutAsync("/e.ics", "a", expect: 201)).Header("ETag")!;

        var notModified = await host.SendAsync("GET", "/e.ics", headers: Header("If-None-Match", "W/" + etag), expect: 304);
        await host.SendAsync("GET", "/e.ics", headers: Header("If-None-Match", "\"other\""), expect: 200);

        Assert.Equal(etag, notModified.Header("ETag"));
    }

    [Fact]
    public async Task A_malformed_etag_list_is_400()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.PutAsync("/e.ics", "a", Header("If-Match", "no-quotes"), expect: 400);
    }

    // RFC 4918 9.6.1: DELETE on a collection "MUST act as if a 'Depth: infinity' header was used".
    [Fact]
    public async Task Delete_removes_a_collection_with_its_members_and_then_404s()
    {
        await using var host = await DavTestHost.StartAsync();
        await host.MkcolAsync("/c/");
        await host.PutAsync("/c/x", "x", expect: 201);

        await host.SendAsync("DELETE", "/c/", headers: Header("Depth", "0"), expect: 204);

        await host.SendAsync("GET", "/c/x", expect: 404);
        await host.SendAsync("DELETE", "/c/", expect: 404);
    }

    [Fact]
    public async Task A_request_target_with_a_fragment_is_refused_and_deletes_nothing()
    {
        await using var host = await DavTestHost.StartAsync(onLoopback: true);
        await host.MkcolAsync("/frag/");

        using var socket = new System.Net.Sockets.TcpClient();
        var uri = host.Client.BaseAddress!;
        await socket.ConnectAsync(uri.Host, uri.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"DELETE /frag/#ment HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n\r\n"));
        var reply = await new StreamReader(stream).ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400", reply);
        await host.PropfindAsync("/frag/", body: null, expect: 207);
    }
}
