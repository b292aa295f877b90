using AuroraTime.Server.Tests.Support;

namespace AuroraTime.Server.Tests.Dav;

public sealed class ConcurrentWriteTests
{
    // RFC 9110 section 13.1.1: with If-Match the server MUST NOT perform the method when the current
    // tag does not match; the store checks it inside the write transaction, so of many writers holding
    // the same tag exactly one wins (the lost-update problem, RFC 9110 section 13.1).
    [Fact]
    public async Task Twenty_parallel_PUTs_with_the_same_If_Match_give_one_204_and_nineteen_412_and_keep_the_winner()
    {
        await using var server = await SignedInServer.StartAsync();
        const string target = "/calendars/alice/default/race.ics";
        await server.SendAsync("PROPFIND", "/calendars/alice/", "<D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>",
            decorate: r => r.Headers.Add("Depth", "1"));
        var created = await server.SendAsync("PUT", target, SignedInServer.Event("race", "original"), "text/calendar");
        Assert.Equal(201, created.Status);
        var tag = created.Message.Headers.ETag!.ToString();

        var attempts = Enumerable.Range(0, 20).Select(i => server.SendAsync("PUT", target, SignedInServer.Event("race", $"writer {i}"), "text/calendar",
            r => r.Headers.TryAddWithoutValidation("If-Match", tag)));
        var results = await Task.WhenAll(attempts);

        var winners = results.Select((r, i) => (r.Status, Index: i)).Where(r => r.Status == 204).ToList();
        Assert.Single(winners);
        Assert.Equal(19, results.Count(r => r.Status == 412));
        var stored = await server.SendAsync("GET", target);
        Assert.Contains($"SUMMARY:writer {winners[0].Index}\r\n", stored.Body);
    }
}
