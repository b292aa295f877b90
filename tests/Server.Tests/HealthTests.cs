using AuroraTime.Server.Tests.Support;
using Microsoft.AspNetCore.TestHost;

namespace AuroraTime.Server.Tests;

public class HealthTests
{
    [Fact]
    public async Task Healthz_answers_200_ok_without_credentials_for_load_balancer_and_adapter_probes()
    {
        using var data = new TempDataFolder();
        await using var app = await TestHost.StartAsync(data.Path);
        using var client = app.GetTestClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }
}
