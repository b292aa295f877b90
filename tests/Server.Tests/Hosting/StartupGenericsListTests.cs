using AuroraTime.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Server.Tests.Hosting;

/// <summary>
/// src/Server/Hosting/StartupGenerics.rd.xml must list every closed generic type dependency injection builds
/// while the server starts: a service added without regenerating it still works under Native AOT, but its
/// types are built at run time on every cold start (bench/coldstart/README.md). This starts the real host
/// on Kestrel as `aurora serve` does, answers /healthz and a first DAV request, and compares.
/// bench/coldstart/startup-generics.sh regenerates the file through this test (AURORA_WRITE_STARTUP_GENERICS).
/// </summary>
public class StartupGenericsListTests
{
    private const string WriteVariable = "AURORA_WRITE_STARTUP_GENERICS";

    [Fact]
    public async Task The_rd_xml_lists_every_closed_generic_type_dependency_injection_builds_at_start()
    {
        using var recorder = new StartupGenericTypes();
        using var data = new TempDataFolder();
        IServiceProvider services;
        await using (var app = ServerHost.Build([], builder => builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Data"] = data.Path, ["Urls"] = "http://127.0.0.1:0" })))
        {
            services = app.Services;
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient();
            Assert.Equal("ok", await client.GetStringAsync(address + "/healthz"));
            // And the first routed request, which builds the route matcher (a client's first PROPFIND).
            using var propfind = await client.SendAsync(new HttpRequestMessage(new HttpMethod("PROPFIND"), address + "/"));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, propfind.StatusCode);
            await app.StopAsync();
        }

        var built = StartupGenericTypes.ClosedTypes(recorder.NamesOf(services), out var unresolved);
        Assert.NotEmpty(built); // the event source answered: without events the comparison below would pass vacuously
        var rdXml = Path.Combine(RepositoryRoot(), "src", "Server", "Hosting", "StartupGenerics.rd.xml");
        if (Environment.GetEnvironmentVariable(WriteVariable) is { Length: > 0 } output)
        {
            await File.WriteAllTextAsync(output, StartupGenericTypes.RdXml(built));
        }
        var missing = built.Except(StartupGenericTypes.Listed(rdXml)).Select(t => $"{t.Assembly}: {t.Name}").ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} closed generic types built at start are not in {rdXml}; run bench/coldstart/startup-generics.sh " +
            $"to regenerate it:\n{string.Join("\n", missing)}" + (unresolved.Count > 0 ? $"\n(unresolved names: {string.Join(", ", unresolved)})" : ""));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AuroraTime.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"no AuroraTime.sln above {AppContext.BaseDirectory}");
    }
}
