using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AuroraTime.Server.Accounts;
using AuroraTime.Server.Auth;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Storage.Contract;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuroraTime.Server.Tests.Auth;

/// <summary>RFC 7617 Basic authentication through the real pipeline (ServerHost) on TestServer.</summary>
public class BasicAuthenticationTests : IAsyncLifetime
{
    private const string Password = "alice-account-pw";
    private readonly TempDataFolder _data = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await CliRunner.RunWithInputAsync(Password + "\n", "user", "add", "alice", "--password-stdin", "--data", _data.Path)).ExitCode);
        _app = await TestHost.StartAsync(_data.Path);
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _data.Dispose();
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    private async Task<(HttpStatusCode Status, string Body)> WhoAmIAsync(string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = Basic(user, password);
        using var response = await _client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> CreateAppPasswordViaCliAsync(string label)
    {
        var result = await CliRunner.RunAsync("app-password", "create", "alice", label, "--data", _data.Path);
        Assert.Equal(0, result.ExitCode);
        return result.LastLine;
    }

    // RFC 7617 section 2: the challenge names the realm; section 2.1: charset="UTF-8".
    [Fact]
    public async Task Without_credentials_the_answer_is_401_with_a_Basic_challenge_naming_realm_and_charset()
    {
        using var response = await _client.GetAsync("/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"AuroraTime\", charset=\"UTF-8\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_account_password_signs_in_and_sets_the_user_name_for_the_DAV_layer()
    {
        Assert.Equal((HttpStatusCode.OK, "alice"), await WhoAmIAsync("alice", Password));
        Assert.Equal(1, _app.Services.GetRequiredService<VerifiedCredentialCache>().Count);
    }

    [Theory]
    [InlineData("alice", "wrong-password")]
    [InlineData("nobody", Password)]
    [InlineData("ALICE", Password)] // user names are case-sensitive, like the URL segment they become
    public async Task A_wrong_user_or_password_gets_401(string user, string password)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(user, password)).Status);
        Assert.Equal(0, _app.Services.GetRequiredService<VerifiedCredentialCache>().Count);
    }

    [Fact]
    public async Task An_app_password_signs_in_and_records_its_use()
    {
        var secret = await CreateAppPasswordViaCliAsync("phone");

        Assert.Equal((HttpStatusCode.OK, "alice"), await WhoAmIAsync("alice", secret));

        var list = await CliRunner.RunAsync("app-password", "list", "alice", "--data", _data.Path);
        Assert.DoesNotContain("never", list.Out);
    }

    // App passwords are generated secrets: stored with one salted SHA-256, not the account password's KDF (PasswordHasher).
    [Fact]
    public async Task A_minted_app_password_is_stored_as_a_salted_SHA256_and_signs_in()
    {
        var secret = await CreateAppPasswordViaCliAsync("watch");

        var stored = await _app.Services.GetRequiredService<IStore>().GetAppPasswordAsync("alice", secret[..AppPasswordFormat.IdLength]);
        Assert.NotNull(stored);
        Assert.StartsWith("sha256-salted$", stored.Hash);
        Assert.Equal((HttpStatusCode.OK, "alice"), await WhoAmIAsync("alice", secret));
        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync("alice", secret[..^1] + (secret[^1] == 'a' ? 'b' : 'a'))).Status);
    }

    [Fact]
    public async Task An_app_password_minted_before_with_the_slow_hash_still_signs_in()
    {
        var secret = AppPasswordFormat.Create(out var id);
        var store = _app.Services.GetRequiredService<IStore>();
        Assert.True((await store.AddAppPasswordAsync("alice", id, "old phone", new PasswordHasher(1_000).Hash(secret))).IsSuccess());

        Assert.Equal((HttpStatusCode.OK, "alice"), await WhoAmIAsync("alice", secret));
    }

    [Fact]
    public async Task An_app_password_revoked_in_process_stops_working_at_once_despite_the_cache()
    {
        var secret = await CreateAppPasswordViaCliAsync("tablet");
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync("alice", secret)).Status);

        var administration = _app.Services.GetRequiredService<AccountAdministration>();
        Assert.True((await administration.RevokeAppPasswordAsync("alice", secret[..8])).Ok);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync("alice", secret)).Status);
    }

    [Fact]
    public async Task An_app_password_revoked_by_the_CLI_on_the_same_data_folder_stops_working_at_once()
    {
        var secret = await CreateAppPasswordViaCliAsync("laptop");
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync("alice", secret)).Status);

        Assert.Equal(0, (await CliRunner.RunAsync("app-password", "revoke", "alice", secret[..8], "--data", _data.Path)).ExitCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync("alice", secret)).Status);
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync("alice", Password)).Status);
    }

    [Fact]
    public async Task A_password_changed_by_the_CLI_invalidates_the_cached_old_password()
    {
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync("alice", Password)).Status);

        Assert.Equal(0, (await CliRunner.RunWithInputAsync("brand-new-password\n", "user", "passwd", "alice", "--password-stdin", "--data", _data.Path)).ExitCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync("alice", Password)).Status);
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync("alice", "brand-new-password")).Status);
    }

    [Fact]
    public async Task The_health_probe_needs_no_credentials()
    {
        using var response = await _client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public class SignInThrottlingTests
{
    [Fact]
    public async Task After_the_allowed_failures_even_the_right_password_gets_429_with_Retry_After()
    {
        using var data = new TempDataFolder();
        Assert.Equal(0, (await CliRunner.RunWithInputAsync("right-password\n", "user", "add", "alice", "--password-stdin", "--data", data.Path)).ExitCode);
        var settings = new Dictionary<string, string?> { ["Auth:FailureBurst"] = "2", ["Auth:FailureRefillSeconds"] = "3600" };
        await using var app = await TestHost.StartAsync(data.Path, settings);
        using var client = app.GetTestClient();

        async Task<HttpResponseMessage> SendAsync(string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + password)));
            return await client.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("guess-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("guess-2")).StatusCode);
        using var throttled = await SendAsync("right-password");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(59));
    }
}

public class CredentialLoggingTests
{
    [Fact]
    public async Task No_log_event_at_any_level_contains_a_password_or_an_Authorization_header()
    {
        using var data = new TempDataFolder();
        const string accountPassword = "Zq8-account-secret-XYZ";
        Assert.Equal(0, (await CliRunner.RunWithInputAsync(accountPassword + "\n", "user", "add", "alice", "--password-stdin", "--data", data.Path)).ExitCode);
        var appSecret = (await CliRunner.RunAsync("app-password", "create", "alice", "--data", data.Path)).LastLine;
        var capture = new LogCapture();
        await using var app = await TestHost.StartAsync(data.Path, configure: builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(capture);
        });
        using var client = app.GetTestClient();

        var headers = new List<string>();
        foreach (var password in new[] { accountPassword, appSecret, "wrong-Guess-123" })
        {
            var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + password));
            headers.Add(header);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", header);
            using var response = await client.SendAsync(request);
        }

        Assert.NotEmpty(capture.Lines); // the capture works: the failed sign-in at least is logged
        Assert.Contains("Sign-in failed for user alice", capture.AllText);
        foreach (var secret in headers.Concat([accountPassword, appSecret, "wrong-Guess-123"]))
        {
            Assert.DoesNotContain(secret, capture.AllText);
        }
    }
}

public class ConcurrentSignInTests
{
    [Fact]
    public async Task Twenty_parallel_first_requests_with_the_same_credentials_compute_the_slow_hash_once()
    {
        using var data = new TempDataFolder();
        Assert.Equal(0, (await CliRunner.RunWithInputAsync("parallel-password\n", "user", "add", "alice", "--password-stdin", "--data", data.Path)).ExitCode);
        await using var app = await TestHost.StartAsync(data.Path);
        using var client = app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:parallel-password")));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/whoami")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, app.Services.GetRequiredService<CredentialVerifier>().SlowVerifications);
    }
}
