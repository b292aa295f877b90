using Microsoft.AspNetCore.TestHost;

namespace AuroraTime.Server.Tests;

public class HealthTests
{
    [Fact]
    public async Task Healthz_answers_200_ok_for_load_balancer_and_adapter_probes()
    {
        await using var app = ServerHost.Build([], b => b.WebHost.UseTestServer());
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }
}
