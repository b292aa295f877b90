using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace AuroraTime.Server.Tests.Feeds;

/// <summary>
/// Feeds:Compression (issue 4 item 4: "no compression unless a flag turns it on"). Content codings per
/// RFC 9110 section 8.4, Accept-Encoding per section 12.5.3, one strong ETag per representation (8.8.3).
/// </summary>
public class FeedCompressionTests
{
    private static readonly Dictionary<string, string?> CompressionOn = new() { ["Feeds:Compression"] = "true" };

    private static HttpRequestMessage Get(string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        return request;
    }

    private static async Task<string> DecodedBodyAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStreamAsync();
        Stream decoded = response.Content.Headers.ContentEncoding.SingleOrDefault() switch
        {
            null => raw,
            "gzip" => new GZipStream(raw, CompressionMode.Decompress),
            "br" => new BrotliStream(raw, CompressionMode.Decompress),
            var other => throw new InvalidOperationException("unexpected coding " + other),
        };
        using var reader = new StreamReader(decoded, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Off_by_default_even_when_the_client_accepts_gzip_and_br()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync();
        using var response = await server.Client.SendAsync(Get(path, "gzip, deflate, br"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Empty(response.Headers.Vary);
        Assert.Contains("SUMMARY:Planning\r\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData("br;q=0, *;q=0.5", "gzip")]
    public async Task When_on_the_accepted_coding_is_sent_with_its_own_etag_and_the_same_calendar(string acceptEncoding, string expected)
    {
        await using var server = await FeedServer.StartAsync(CompressionOn);
        var path = await server.CreateFeedPathAsync();
        using var plain = await server.Client.SendAsync(Get(path, null));
        using var coded = await server.Client.SendAsync(Get(path, acceptEncoding));

        Assert.Equal(HttpStatusCode.OK, coded.StatusCode);
        Assert.Equal([expected], coded.Content.Headers.ContentEncoding);
        Assert.Equal(["Accept-Encoding"], coded.Headers.Vary);
        Assert.Equal("text/calendar; charset=utf-8", coded.Content.Headers.ContentType!.ToString());
        Assert.False(coded.Headers.ETag!.IsWeak);
        Assert.Equal(plain.Headers.ETag!.Tag[..^1] + "-" + expected + "\"", coded.Headers.ETag.Tag);
        var plainBody = await plain.Content.ReadAsStringAsync();
        Assert.Contains("SUMMARY:Planning\r\n", plainBody, StringComparison.Ordinal);
        Assert.Equal(plainBody, await DecodedBodyAsync(coded));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("gzip;q=0, br;q=0")]
    [InlineData("deflate")]
    public async Task When_on_a_client_that_accepts_neither_coding_gets_identity_with_vary(string? acceptEncoding)
    {
        await using var server = await FeedServer.StartAsync(CompressionOn);
        var path = await server.CreateFeedPathAsync();
        using var response = await server.Client.SendAsync(Get(path, acceptEncoding));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(["Accept-Encoding"], response.Headers.Vary);
        Assert.DoesNotContain("-gzip", response.Headers.ETag!.Tag, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:Planning\r\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // RFC 9110 section 13.1.2: a 304 only for the validator of the representation that would be sent.
    [Fact]
    public async Task If_none_match_compares_against_the_etag_of_the_chosen_coding()
    {
        await using var server = await FeedServer.StartAsync(CompressionOn);
        var path = await server.CreateFeedPathAsync();
        using var gzip = await server.Client.SendAsync(Get(path, "gzip"));
        using var plain = await server.Client.SendAsync(Get(path, null));

        using var sameCoding = Get(path, "gzip");
        sameCoding.Headers.IfNoneMatch.Add(gzip.Headers.ETag!);
        using var notModified = await server.Client.SendAsync(sameCoding);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(gzip.Headers.ETag, notModified.Headers.ETag);

        using var otherCoding = Get(path, "gzip");
        otherCoding.Headers.IfNoneMatch.Add(plain.Headers.ETag!);
        using var full = await server.Client.SendAsync(otherCoding);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(["gzip"], full.Content.Headers.ContentEncoding);
        Assert.Contains("SUMMARY:Planning\r\n", await DecodedBodyAsync(full), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_with_compression_on_names_the_coding_and_sends_no_body()
    {
        await using var server = await FeedServer.StartAsync(CompressionOn);
        var path = await server.CreateFeedPathAsync();
        using var head = new HttpRequestMessage(HttpMethod.Head, path);
        head.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await server.Client.SendAsync(head);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
