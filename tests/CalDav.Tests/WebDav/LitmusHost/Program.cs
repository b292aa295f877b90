using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// Usage: LitmusHost [--urls http://127.0.0.1:0]. Prints "listening on URL" once it accepts requests.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
if (builder.Configuration["urls"] is null)
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
}
var tree = new InMemoryTree();
var server = DavServer.Create(new DavOptions { TreeResolver = _ => tree });
var app = builder.Build();
app.UseWebDav(server);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"listening on {address}");
await app.WaitForShutdownAsync();
