using System.Text;

namespace AuroraTime.Server.Tests.Api;

/// <summary>
/// Issue 7 item 1 checked once more: paging stays exact while events are inserted between pages, and
/// every error path (unknown route, too deep or too large JSON) answers an RFC 9457 problem.
/// </summary>
public sealed class PagingAndProblemTests(ApiHostFixture hostFixture) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private const string Events = "/api/calendars/work/events";
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await hostFixture.ForTestWithCalendarAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Inserts_between_pages_never_repeat_or_skip_an_event_that_existed_when_listing_began()
    {
        string[] existing = ["m-1", "m-2", "m-3", "m-4", "m-5", "m-6"];
        foreach (var uid in existing)
        {
            await _server.CreateEventAsync("work", Event(uid));
        }
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _server.GetAsync(Events + "?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.True(page.Status == 200, page.ToString());
            seen.AddRange(page.Json!["items"]!.AsArray().Select(e => e!["uid"]!.GetValue<string>()));
            cursor = page.Json["nextCursor"]?.GetValue<string>();
            // Another client inserts before, between and after what was listed so far.
            await _server.CreateEventAsync("work", Event($"a-{pages}"));
            await _server.CreateEventAsync("work", Event($"m-{pages}5"));
            await _server.CreateEventAsync("work", Event($"z-{pages}"));
            pages++;
        }
        while (cursor is not null && pages < 30);
        Assert.Null(cursor);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(existing, uid => Assert.Contains(uid, seen));
    }

    [Theory]
    [InlineData("GET", "/api/no-such-thing")]
    [InlineData("DELETE", "/api/calendars/work/events/x/extra")]
    [InlineData("PROPFIND", "/api/calendars")]
    public async Task Unknown_routes_and_methods_answer_problem_json(string method, string path)
    {
        var answer = await _server.SendAsync(new HttpMethod(method), path);
        Assert.Contains(answer.Status, new[] { 404, 405 });
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(answer.Status, answer.Json!["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task JSON_nested_deeper_than_the_limit_is_a_400_problem_and_writes_nothing()
    {
        var deep = """{"uid":"deep","start":"2026-12-01T09:00:00Z","title":"Deep","x":""" + new string('[', 100) + new string(']', 100) + "}";
        var answer = await _server.PostAsync(Events, deep);
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(404, (await _server.GetAsync(Events + "/deep")).Status);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_a_413_problem_and_writes_nothing()
    {
        var big = new StringBuilder("""{"uid":"big","start":"2026-12-01T09:00:00Z","title":"Big","description":""");
        big.Append('x', 1024 * 1024).Append("\"}");
        var answer = await _server.PostAsync(Events, big.ToString());
        Assert.Equal(413, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(404, (await _server.GetAsync(Events + "/big")).Status);
    }

    private static string Event(string uid) => $$"""{"uid":"{{uid}}","title":"{{uid}}","start":"2026-12-01T09:00:00Z","end":"2026-12-01T10:00:00Z"}""";
}
