namespace AuroraTime.Server.Tests.Feeds;

/// <summary><c>aurora feed create | list | revoke</c>.</summary>
public class FeedCommandTests
{
    [Fact]
    public async Task Create_prints_the_https_webcal_and_google_forms_of_one_link()
    {
        await using var server = await FeedServer.StartAsync();
        var created = await server.FeedCliAsync("create", "alice", "--calendar", "work", "--scope", "busy-only");
        Assert.True(created.ExitCode == 0, created.ToString());
        var lines = created.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var https = lines.Single(l => l.StartsWith("https:", StringComparison.Ordinal))["https:".Length..].Trim();
        var webcal = lines.Single(l => l.StartsWith("webcal:", StringComparison.Ordinal))["webcal:".Length..].Trim();
        var google = lines.Single(l => l.StartsWith("google:", StringComparison.Ordinal))["google:".Length..].Trim();
        Assert.Matches(@"^https://cal\.example\.org/feeds/[A-Za-z0-9_-]{43}/work\.ics$", https);
        Assert.Equal("webcal://" + https["https://".Length..], webcal);
        Assert.Equal("https://calendar.google.com/calendar/r?cid=" + Uri.EscapeDataString(webcal), google);
        Assert.DoesNotContain("alice", https[..https.LastIndexOf('/')], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_scope_calendar_and_state_and_revoke_marks_the_link_revoked()
    {
        await using var server = await FeedServer.StartAsync();
        var path = await server.CreateFeedPathAsync("--scope", "no-private");
        var listed = await server.FeedCliAsync("list", "alice");
        Assert.Contains("no-private\t(all)\t", listed.Out, StringComparison.Ordinal);
        Assert.Contains("\tactive\t" + FeedServer.PublicBaseUrl + path, listed.Out, StringComparison.Ordinal);
        var id = listed.Out.Split('\n')[1].Split('\t')[0];
        Assert.Equal(0, (await server.FeedCliAsync("revoke", "alice", id)).ExitCode);
        Assert.Contains("\trevoked ", (await server.FeedCliAsync("list", "alice")).Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create", "nobody")]
    [InlineData("create", "alice", "--calendar", "missing")]
    [InlineData("list", "nobody")]
    [InlineData("revoke", "alice", "not-a-token")]
    [InlineData("revoke", "nobody", "AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Bad_arguments_fail_with_a_message(params string[] args)
    {
        await using var server = await FeedServer.StartAsync();
        var result = await server.FeedCliAsync(args);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feed_secret_file_is_created_once_with_mode_0600()
    {
        await using var server = await FeedServer.StartAsync();
        var file = Path.Combine(server.DataFolder, AuroraTime.Server.Feeds.FeedSecret.FileName);
        Assert.True(File.Exists(file));
        Assert.Equal(32, new FileInfo(file).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
