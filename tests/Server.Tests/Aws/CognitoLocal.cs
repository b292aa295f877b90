using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace AuroraTime.Server.Tests.Aws;

/// <summary>
/// cognito-local (npm, pinned in tests/Aws/package.json) on a free loopback port: it implements the
/// Cognito user-pool API (CreateUserPool, AdminCreateUser, InitiateAuth ...) and serves each pool's
/// JWKS, so the tokens the tests use are real RS256 JWTs issued the way Cognito issues them.
/// </summary>
public sealed class CognitoLocal : IAsyncDisposable
{
    /// <summary>Only against a hang: node loading cognito-local on a loaded CI machine (2 cores, load 40) takes long.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly string _folder;
    private readonly HttpClient _http;

    private CognitoLocal(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        BaseUrl = $"http://127.0.0.1:{port}";
        _http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    /// <summary>Where cognito-local's start script is, or null with the reason it cannot run here.</summary>
    public static string? MissingReason
    {
        get
        {
            if (FindOnPath("node") is null)
            {
                return "node is not on PATH";
            }
            return File.Exists(StartScript) ? null : $"{StartScript} is missing (run 'npm ci' in tests/Aws)";
        }
    }

    /// <summary>Under CI=true the tests must run: a missing cognito-local fails them instead of skipping.</summary>
    public static bool IsRequired =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string StartScript => Path.Combine(RepositoryRoot(), "tests", "Aws", "node_modules", "cognito-local", "lib", "bin", "start.js");

    public static async Task<CognitoLocal> StartAsync()
    {
        Assert.True(MissingReason is null, $"cognito-local cannot run: {MissingReason}");
        var folder = Path.Combine(Path.GetTempPath(), "aurora-cognito-" + Guid.NewGuid().ToString("N"));
        // Pools take plain user names (the AuroraTime template's shape), not e-mail addresses, which is
        // cognito-local's default.
        Directory.CreateDirectory(Path.Combine(folder, ".cognito"));
        await File.WriteAllTextAsync(Path.Combine(folder, ".cognito", "config.json"), """{"UserPoolDefaults":{"UsernameAttributes":[]}}""");
        var port = FreePort();
        var start = new ProcessStartInfo("node", [StartScript])
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["HOST"] = "127.0.0.1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        // Drain its (chatty) output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new CognitoLocal(process, folder, port);
        await server.WaitUntilUpAsync();
        return server;
    }

    public async Task<string> CreateUserPoolAsync(string name) =>
        (await CallAsync("CreateUserPool", new JsonObject { ["PoolName"] = name }))["UserPool"]!["Id"]!.GetValue<string>();

    /// <param name="callbackUrl">Where the hosted UI may send the browser back to with a code (OAuth code flow).</param>
    public async Task<string> CreateClientAsync(string poolId, string name, string? callbackUrl = null)
    {
        var request = new JsonObject { ["UserPoolId"] = poolId, ["ClientName"] = name };
        if (callbackUrl is not null)
        {
            request["CallbackURLs"] = new JsonArray(callbackUrl);
            request["AllowedOAuthFlows"] = new JsonArray("code");
            request["AllowedOAuthFlowsUserPoolClient"] = true;
        }
        return (await CallAsync("CreateUserPoolClient", request))["UserPoolClient"]!["ClientId"]!.GetValue<string>();
    }

    public async Task CreateUserAsync(string poolId, string userName, string password)
    {
        await CallAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = poolId, ["Username"] = userName, ["TemporaryPassword"] = password + "-temp", ["MessageAction"] = "SUPPRESS",
        });
        await CallAsync("AdminSetUserPassword", new JsonObject
        {
            ["UserPoolId"] = poolId, ["Username"] = userName, ["Password"] = password, ["Permanent"] = true,
        });
    }

    /// <summary>USER_PASSWORD_AUTH, as a client would after the hosted UI; returns (access token, ID token).</summary>
    public async Task<(string Access, string Id)> SignInAsync(string clientId, string userName, string password)
    {
        var result = (await CallAsync("InitiateAuth", new JsonObject
        {
            ["ClientId"] = clientId,
            ["AuthFlow"] = "USER_PASSWORD_AUTH",
            ["AuthParameters"] = new JsonObject { ["USERNAME"] = userName, ["PASSWORD"] = password },
        }))["AuthenticationResult"]!;
        return (result["AccessToken"]!.GetValue<string>(), result["IdToken"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The store file may still be flushing; the temp cleaner gets it.
        }
    }

    private async Task<JsonNode> CallAsync(string target, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + target);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"cognito-local {target}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private async Task WaitUntilUpAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"cognito-local exited with {_process.ExitCode}");
            }
            try
            {
                using var response = await _http.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"cognito-local did not answer within {StartTimeout.TotalSeconds} s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AuroraTime.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("AuroraTime.sln is not above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that needs cognito-local: skipped with the reason when it is missing, except under CI=true.</summary>
internal sealed class CognitoLocalFactAttribute : FactAttribute
{
    public CognitoLocalFactAttribute()
    {
        if (!CognitoLocal.IsRequired && CognitoLocal.MissingReason is { } missing)
        {
            Skip = "cognito-local is not available: " + missing;
        }
    }
}
