using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using AuroraTime.Server.Accounts;
using AuroraTime.Server.Tests.Support;
using AuroraTime.Storage.Contract;
using AuroraTime.Storage.DynamoDb;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Server.Tests.Storage;

/// <summary>
/// A store's "try again" failure (DynamoDbContentionException, a StoreBusyException) reaches clients of
/// the composed server as 503 with Retry-After (RFC 9110 sections 15.6.4, 10.2.3), not 500, on CalDAV
/// and on the REST API. The store is the real SQLite store behind a proxy that fails the named methods.
/// </summary>
public sealed class StoreBusyMappingTests : IAsyncLifetime
{
    private const string Password = "alice-password-1";
    private readonly TempDataFolder _data = new();
    private WebApplication? _app;
    private BusyStore? _busy;

    public async Task InitializeAsync()
    {
        _app = await TestHost.StartAsync(_data.Path, new Dictionary<string, string?> { ["Reminders:Enabled"] = "false" },
            builder => builder.Host.UseServiceProviderFactory(new StoreWrappingFactory(inner =>
            {
                _busy = BusyStore.Around(inner);
                return (IStore)(object)_busy;
            })));
        var created = await _app.Services.GetRequiredService<AccountAdministration>().CreateUserAsync("alice", Password);
        Assert.True(created.Ok, created.Error);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _data.Dispose();
    }

    private HttpClient Client()
    {
        var client = _app!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password)));
        return client;
    }

    [Fact]
    public async Task A_CalDAV_write_that_keeps_losing_races_is_answered_503_with_Retry_After_and_writes_nothing()
    {
        using var client = Client();
        _busy!.FailingMethods.Add(nameof(IStore.CreateCollectionAsync));

        using var busy = await client.SendAsync(new HttpRequestMessage(new HttpMethod("MKCALENDAR"), "/calendars/alice/work/"));
        Assert.Equal(503, (int)busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);

        _busy.FailingMethods.Clear();
        using var retried = await client.SendAsync(new HttpRequestMessage(new HttpMethod("MKCALENDAR"), "/calendars/alice/work/"));
        Assert.Equal(201, (int)retried.StatusCode);
    }

    [Fact]
    public async Task A_REST_API_call_on_a_busy_store_is_answered_503_problem_json_with_Retry_After()
    {
        using var client = Client();
        _busy!.FailingMethods.Add(nameof(IStore.ListCollectionsAsync));

        using var busy = await client.GetAsync("/api/calendars");
        Assert.Equal(503, (int)busy.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), busy.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, JsonNode.Parse(await busy.Content.ReadAsStringAsync())!["status"]!.GetValue<int>());

        _busy.FailingMethods.Clear();
        using var retried = await client.GetAsync("/api/calendars");
        Assert.Equal(200, (int)retried.StatusCode);
    }

    /// <summary>Replaces the host's IStore registration with a wrapper around the store it would have opened.</summary>
    private sealed class StoreWrappingFactory(Func<IStore, IStore> wrap) : IServiceProviderFactory<IServiceCollection>
    {
        public IServiceCollection CreateBuilder(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IStore));
            services.Add(ServiceDescriptor.Singleton<IStore>(provider => wrap((IStore)original.ImplementationFactory!(provider))));
            return services;
        }

        public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder) => containerBuilder.BuildServiceProvider();
    }

    /// <summary>Forwards every call to the real store, except the named methods, which throw as a DynamoDB store out of attempts does.</summary>
    public class BusyStore : DispatchProxy
    {
        private IStore? _inner;

        public HashSet<string> FailingMethods { get; } = [];

        public static BusyStore Around(IStore inner)
        {
            var proxy = Create<IStore, BusyStore>();
            var busy = (BusyStore)(object)proxy;
            busy._inner = inner;
            return busy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (FailingMethods.Contains(targetMethod.Name))
            {
                throw new DynamoDbContentionException($"{targetMethod.Name} lost every race (injected).");
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw e.InnerException;
            }
        }
    }
}
