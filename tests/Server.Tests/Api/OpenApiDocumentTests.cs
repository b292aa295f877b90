using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AuroraTime.Server.Tests.Api;

/// <summary>The checked-in OpenAPI document is served and names every mapped /api route and method.</summary>
public sealed class OpenApiDocumentTests(ApiHostFixture hostFixture) : IClassFixture<ApiHostFixture>
{
    private readonly ApiServer _server = hostFixture.Host;

    [Fact]
    public async Task The_document_is_served_without_sign_in_and_lists_every_route_and_method()
    {
        using var anonymous = _server.ClientAs(null);
        var served = await _server.GetAsync("/api/openapi.json", anonymous);
        Assert.Equal(200, served.Status);
        Assert.Equal("3.1.0", served.Json!["openapi"]!.GetValue<string>());
        var paths = served.Json["paths"]!.AsObject();

        var routes = _server.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true && !e.RoutePattern.RawText.Contains("**", StringComparison.Ordinal))
            .ToList();
        Assert.True(routes.Count >= 18, $"only {routes.Count} routes found");
        foreach (var route in routes)
        {
            var path = route.RoutePattern.RawText!.TrimEnd('/');
            Assert.True(paths.ContainsKey(path), $"{path} is missing from openapi.json");
            foreach (var method in route.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                Assert.True(paths[path]![method.ToLowerInvariant()] is JsonObject, $"{method} {path} is missing from openapi.json");
            }
        }
        // And the reverse: nothing documented that is not served.
        var served_ = routes.Select(r => r.RoutePattern.RawText!.TrimEnd('/')).ToHashSet();
        Assert.All(paths.Select(p => p.Key), documented => Assert.Contains(documented, served_));
    }

    [Fact]
    public async Task Every_schema_reference_resolves()
    {
        var document = JsonNode.Parse(AuroraTime.Server.Api.OpenApiDocument.Bytes)!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var references = System.Text.RegularExpressions.Regex.Matches(document.ToJsonString(), "\"#/components/schemas/([A-Za-z]+)\"").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(references);
        Assert.All(references, name => Assert.True(schemas.ContainsKey(name), name));
        await Task.CompletedTask;
    }
}
