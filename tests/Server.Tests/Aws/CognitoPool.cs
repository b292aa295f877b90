namespace AuroraTime.Server.Tests.Aws;

/// <summary>
/// One cognito-local for the test class: pool "aurora" with the server's app client "web", a second
/// client "other", users alice and "carol smith" (a name no account can have); and a second pool whose
/// tokens are signed by the same key (cognito-local has one) but name another issuer.
/// </summary>
public sealed class CognitoPool : IAsyncLifetime
{
    /// <summary>The test collection sharing one cognito-local (its start-up is seconds of node loading).</summary>
    public const string Collection = "cognito-local";

    public const string Password = "Alice-password-1";

    private CognitoLocal? _server;

    /// <summary>The server's public origin in these tests (TestServer's), registered as the client's callback.</summary>
    public const string PublicBaseUrl = "http://localhost";

    public string Issuer { get; private set; } = "";

    /// <summary>cognito-local serves the hosted UI's /oauth2/authorize and /oauth2/token at its root.</summary>
    public string HostedUi { get; private set; } = "";

    public string WebClientId { get; private set; } = "";

    public (string Access, string Id) Alice { get; private set; }

    public string AliceViaOtherClient { get; private set; } = "";

    public string AliceOfOtherPool { get; private set; } = "";

    public string CarolSmith { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (CognitoLocal.MissingReason is not null && !CognitoLocal.IsRequired)
        {
            return; // every test of the class is skipped
        }
        _server = await CognitoLocal.StartAsync();
        var pool = await _server.CreateUserPoolAsync("aurora");
        Issuer = $"{_server.BaseUrl}/{pool}";
        HostedUi = _server.BaseUrl;
        WebClientId = await _server.CreateClientAsync(pool, "web", PublicBaseUrl + "/app/signin/callback");
        var otherClient = await _server.CreateClientAsync(pool, "other");
        await _server.CreateUserAsync(pool, "alice", Password);
        await _server.CreateUserAsync(pool, "carol smith", Password);
        Alice = await _server.SignInAsync(WebClientId, "alice", Password);
        AliceViaOtherClient = (await _server.SignInAsync(otherClient, "alice", Password)).Access;
        CarolSmith = (await _server.SignInAsync(WebClientId, "carol smith", Password)).Access;

        var otherPool = await _server.CreateUserPoolAsync("elsewhere");
        var otherPoolClient = await _server.CreateClientAsync(otherPool, "web");
        await _server.CreateUserAsync(otherPool, "alice", Password);
        AliceOfOtherPool = (await _server.SignInAsync(otherPoolClient, "alice", Password)).Access;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Both Cognito test classes share one <see cref="CognitoPool"/>.</summary>
[CollectionDefinition(CognitoPool.Collection)]
public sealed class CognitoLocalCollection : ICollectionFixture<CognitoPool>;
