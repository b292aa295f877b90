using System.Net.Http.Headers;

namespace AuroraTime.Server.Tests.Api;

/// <summary>Authentication, per-user isolation and credential minting rules of the API (issue 7 item 5).</summary>
public sealed class ApiSecurityTests(ApiHostFixture hostFixture) : IClassFixture<ApiHostFixture>, IAsyncLifetime
{
    private ApiServer _server = null!;

    public async Task InitializeAsync() => _server = await hostFixture.ForTestAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Without_credentials_the_API_answers_401_problem_json_without_a_Basic_challenge()
    {
        using var anonymous = _server.ClientAs(null);
        var response = await _server.GetAsync("/api/calendars", anonymous);
        Assert.Equal(401, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal(401, response.Json!["status"]!.GetValue<int>());
        // No Basic challenge: a browser calling the API from the web page must not show its password dialog.
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task A_bearer_token_nobody_validated_is_401_problem_json_not_a_Basic_challenge()
    {
        using var bearer = _server.ClientAs(new AuthenticationHeaderValue("Bearer", "not.a.jwt"));
        var response = await _server.GetAsync("/api/me", bearer);
        Assert.Equal(401, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task Wrong_Basic_credentials_on_the_API_are_refused()
    {
        using var wrong = _server.ClientAs(ApiServer.Basic(_server.UserName, "not-her-password"));
        Assert.Equal(401, (await _server.GetAsync("/api/me", wrong)).Status);
    }

    [Fact]
    public async Task Me_names_the_signed_in_account_and_its_CalDAV_home()
    {
        var me = await _server.GetAsync("/api/me");
        Assert.Equal(200, me.Status);
        Assert.Equal(_server.UserName, me.Json!["userName"]!.GetValue<string>());
        Assert.EndsWith($"/calendars/{_server.UserName}/", me.Json["caldavUrl"]!.GetValue<string>());
        Assert.True(me.Json["displayAlarmEmails"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Unknown_API_paths_are_404_problems_and_never_reach_the_DAV_tree()
    {
        var response = await _server.SendAsync(new HttpMethod("PROPFIND"), "/api/calendars/work/nothing/here");
        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);

        // RFC 9110 15.5.6: a known resource with a method it does not serve is 405 with Allow.
        var wrongMethod = await _server.SendAsync(HttpMethod.Put, "/api/calendars", "{}");
        Assert.Equal(405, wrongMethod.Status);
        Assert.Equal("application/problem+json", wrongMethod.MediaType);
        Assert.Equal(["GET", "HEAD", "POST"], wrongMethod.Allow);
    }

    [Fact]
    public async Task Bob_gets_404_for_alices_calendars_events_app_passwords_and_feed_links()
    {
        await _server.CreateCalendarAsync();
        await _server.CreateEventAsync("work", """{"uid":"secret-1","title":"Private","start":"2026-12-01T09:00:00Z","end":"2026-12-01T10:00:00Z"}""");
        var appPassword = await _server.PostAsync("/api/app-passwords", """{"name":"phone"}""");
        var feed = await _server.PostAsync("/api/feed-links", """{"calendarId":"work","scope":"full"}""");
        Assert.Equal(201, appPassword.Status);
        Assert.Equal(201, feed.Status);
        await using var other = await hostFixture.ForTestAsync();
        var bob = other.Client;

        Assert.DoesNotContain("work", (await _server.GetAsync("/api/calendars", bob)).Json!.AsArray().Select(c => c!["id"]!.GetValue<string>()));
        Assert.Equal(404, (await _server.GetAsync("/api/calendars/work/events", bob)).Status);
        Assert.Equal(404, (await _server.GetAsync("/api/calendars/work/events/secret-1", bob)).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Put, "/api/calendars/work/events/secret-1", """{"start":"2026-12-01T09:00:00Z"}""", client: bob)).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Delete, "/api/calendars/work/events/secret-1", client: bob)).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Patch, "/api/calendars/work", """{"displayName":"Mine"}""", client: bob)).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Delete, "/api/calendars/work", client: bob)).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Delete, "/api/app-passwords/" + appPassword.Json!["id"], client: bob)).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Delete, "/api/feed-links/" + feed.Json!["id"], client: bob)).Status);
        Assert.Empty((await _server.GetAsync("/api/app-passwords", bob)).Json!.AsArray());
        Assert.Empty((await _server.GetAsync("/api/feed-links", bob)).Json!.AsArray());
        Assert.Equal(400, (await _server.PostAsync("/api/feed-links", """{"calendarId":"work"}""", bob)).Status);

        // Alice still has everything.
        Assert.Equal(200, (await _server.GetAsync("/api/calendars/work/events/secret-1")).Status);
        Assert.Single((await _server.GetAsync("/api/app-passwords")).Json!.AsArray());
        Assert.Single((await _server.GetAsync("/api/feed-links")).Json!.AsArray());
    }

    [Fact]
    public async Task An_app_password_reads_and_writes_events_but_cannot_mint_or_revoke_credentials()
    {
        await _server.CreateCalendarAsync();
        var minted = await _server.PostAsync("/api/app-passwords", """{"name":"laptop"}""");
        Assert.Equal(201, minted.Status);
        Assert.Equal("no-store", minted.Headers.CacheControl?.ToString());
        var feed = await _server.PostAsync("/api/feed-links", """{"scope":"busy-only"}""");
        using var device = _server.ClientAs(ApiServer.Basic(_server.UserName, minted.Json!["password"]!.GetValue<string>()));

        Assert.Equal(200, (await _server.GetAsync("/api/calendars", device)).Status);
        Assert.Equal(201, (await _server.PostAsync("/api/calendars/work/events", """{"title":"From the device","start":"2026-12-02T09:00:00Z"}""", device)).Status);
        Assert.Equal(200, (await _server.GetAsync("/api/app-passwords", device)).Status);

        foreach (var refused in new[]
        {
            await _server.PostAsync("/api/app-passwords", """{"name":"another"}""", device),
            await _server.SendAsync(HttpMethod.Delete, "/api/app-passwords/" + minted.Json["id"], client: device),
            await _server.PostAsync("/api/feed-links", """{"scope":"full"}""", device),
            await _server.SendAsync(HttpMethod.Delete, "/api/feed-links/" + feed.Json!["id"], client: device),
        })
        {
            Assert.Equal(403, refused.Status);
            Assert.Equal("application/problem+json", refused.MediaType);
        }
        Assert.Single((await _server.GetAsync("/api/app-passwords")).Json!.AsArray());
    }

    [Fact]
    public async Task A_minted_app_password_works_for_Basic_auth_until_revoked_and_never_appears_in_logs()
    {
        var minted = await _server.PostAsync("/api/app-passwords", """{"name":"tablet"}""");
        var secret = minted.Json!["password"]!.GetValue<string>();
        var id = minted.Json["id"]!.GetValue<string>();
        using var device = _server.ClientAs(ApiServer.Basic(_server.UserName, secret));
        Assert.Equal(200, (await _server.GetAsync("/api/me", device)).Status);
        var listed = (await _server.GetAsync("/api/app-passwords")).Json!.AsArray().Single()!;
        Assert.Equal("tablet", listed["name"]!.GetValue<string>());
        Assert.NotNull(listed["lastUsedAt"]);
        Assert.Null(listed["password"]);

        Assert.Equal(204, (await _server.SendAsync(HttpMethod.Delete, "/api/app-passwords/" + id)).Status);
        Assert.Equal(401, (await _server.GetAsync("/api/me", device)).Status);
        Assert.Equal(404, (await _server.SendAsync(HttpMethod.Delete, "/api/app-passwords/" + id)).Status);

        Assert.NotEmpty(_server.Logs.Lines);
        Assert.DoesNotContain(secret, _server.Logs.AllText);
        Assert.DoesNotContain(_server.Password, _server.Logs.AllText);
    }

    [Fact]
    public async Task Minting_validates_its_input()
    {
        var noName = await _server.PostAsync("/api/app-passwords", """{"name":"  "}""");
        Assert.Equal(400, noName.Status);
        Assert.Contains("name", noName.FieldErrors("name"));
        var badScope = await _server.PostAsync("/api/feed-links", """{"scope":"everything"}""");
        Assert.Equal(400, badScope.Status);
        Assert.Contains("busy-only", badScope.FieldErrors("scope"));
    }
}
