using System.Security.Claims;
using AuroraTime.Server.Auth;
using AuroraTime.Server.Aws.Cognito;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Server.Web;
using AuroraTime.Storage.Sqlite;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AuroraTime.Server.Tests.Auth;

/// <summary>
/// When the Basic middleware lets an identity set by our own earlier middlewares (web session, Cognito
/// bearer) through, and the rule it never bends: the DAV tree (requests without an endpoint) takes Basic
/// only, whatever identity is already on the request. Driven on the middleware itself, because in the
/// host the session and bearer middlewares only run on /app and /api, so the host alone can't show
/// that Basic would refuse such an identity on a CalDAV path.
/// </summary>
public sealed class BasicPassThroughTests : IAsyncLifetime
{
    private readonly TempDataFolder _data = new();
    private SqliteStore _store = null!;
    private BasicAuthenticationMiddleware _middleware = null!;
    private bool _nextCalled;

    public async Task InitializeAsync()
    {
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(_data.File("aurora.db")));
        var verifier = new CredentialVerifier(_store, new VerifiedCredentialCache(TimeSpan.FromMinutes(1)), new PasswordHasher(1000));
        _middleware = new BasicAuthenticationMiddleware(
            _ => { _nextCalled = true; return Task.CompletedTask; },
            verifier, new SignInThrottle(5, TimeSpan.FromSeconds(10)), NullLogger<BasicAuthenticationMiddleware>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _data.Dispose();
    }

    private static DefaultHttpContext Request(string path, string? authenticationType, bool routedToEndpoint)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        if (authenticationType is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice")], authenticationType));
        }
        if (routedToEndpoint)
        {
            context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, "test endpoint"));
        }
        return context;
    }

    [Theory]
    [InlineData(SessionValidator.AuthenticationType)]
    [InlineData(CognitoBearerMiddleware.AuthenticationType)]
    public async Task A_session_or_bearer_identity_never_replaces_Basic_on_the_DAV_tree(string authenticationType)
    {
        var context = Request("/calendars/alice/default/", authenticationType, routedToEndpoint: false);

        await _middleware.InvokeAsync(context);

        Assert.False(_nextCalled);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal(BasicAuthenticationMiddleware.Challenge, context.Response.Headers.WWWAuthenticate.ToString());
    }

    [Theory]
    [InlineData(SessionValidator.AuthenticationType)]
    [InlineData(CognitoBearerMiddleware.AuthenticationType)]
    public async Task A_session_or_bearer_identity_on_an_endpoint_route_passes_with_that_identity(string authenticationType)
    {
        var context = Request("/api/me", authenticationType, routedToEndpoint: true);

        await _middleware.InvokeAsync(context);

        Assert.True(_nextCalled);
        Assert.Equal("alice", context.User.Identity?.Name);
        Assert.Equal(authenticationType, context.User.Identity?.AuthenticationType);
    }

    [Fact]
    public async Task Another_scheme_identity_on_an_endpoint_route_still_needs_Basic()
    {
        // Only identities our own middlewares set count; one from any other handler does not.
        var context = Request("/whoami", "SomethingElse", routedToEndpoint: true);

        await _middleware.InvokeAsync(context);

        Assert.False(_nextCalled);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }
}
