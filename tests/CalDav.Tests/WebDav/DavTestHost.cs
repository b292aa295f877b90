using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Testing;
using AuroraTime.CalDav.WebDav.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace AuroraTime.CalDav.Tests.WebDav;

/// <summary>
/// An in-process server (TestServer) running the WebDAV core over an <see cref="InMemoryTree"/>,
/// with Radicale-style helpers: <c>PropfindAsync(path, body, depth, expect: 207)</c>.
/// </summary>
internal sealed class DavTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DavTestHost(WebApplication app, HttpClient client, InMemoryTree tree)
    {
        _app = app;
        Client = client;
        Tree = tree;
    }

    public HttpClient Client { get; }

    public InMemoryTree Tree { get; }

    /// <param name="mountPath">Where the DAV tree is mounted, e.g. "/dav"; null for the root.</param>
    /// <param name="onLoopback">
    /// Use Kestrel on a free loopback port instead of TestServer: only a real server passes the
    /// raw request target (the client's own percent-encoding) through to the core.
    /// </param>
    public static async Task<DavTestHost> StartAsync(
        string? mountPath = null,
        Action<DavOptions>? configure = null,
        bool onLoopback = false,
        params IDavModule[] modules)
    {
        var builder = WebApplication.CreateSlimBuilder();
        if (onLoopback)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }
        builder.Logging.ClearProviders();
        var tree = new InMemoryTree();
        var options = new DavOptions { TreeResolver = _ => tree };
        configure?.Invoke(options);
        var server = DavServer.Create(options, modules);
        var app = builder.Build();
        if (mountPath is null)
        {
            app.UseWebDav(server);
        }
        else
        {
            app.Map(mountPath, branch => branch.UseWebDav(server));
        }
        await app.StartAsync();
        var client = onLoopback
            ? new HttpClient { BaseAddress = new Uri(app.Urls.First()) }
            : app.GetTestClient();
        return new DavTestHost(app, client, tree);
    }

    public async Task<DavResponse> SendAsync(
        string method,
        string path,
        string? body = null,
        IDictionary<string, string>? headers = null,
        int? expect = null,
        string contentType = "application/xml; charset=utf-8")
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var result = new DavResponse(response, text);
        if (expect is { } status)
        {
            Assert.True((int)response.StatusCode == status, $"{method} {path}: expected {status}, got {(int)response.StatusCode}: {text}");
        }
        return result;
    }

    public Task<DavResponse> PropfindAsync(string path, string? body = null, string? depth = "0", int? expect = 207) =>
        SendAsync("PROPFIND", path, body, depth is null ? null : new Dictionary<string, string> { ["Depth"] = depth }, expect);

    public Task<DavResponse> ProppatchAsync(string path, string body, int? expect = 207) =>
        SendAsync("PROPPATCH", path, body, expect: expect);

    public Task<DavResponse> PutAsync(string path, string content, IDictionary<string, string>? headers = null, int? expect = null) =>
        SendAsync("PUT", path, content, headers, expect, contentType: "text/plain; charset=utf-8");

    public Task<DavResponse> MkcolAsync(string path, int? expect = 201) => SendAsync("MKCOL", path, expect: expect);

    /// <summary>A PROPFIND body asking for the given properties by name.</summary>
    public static string PropBody(params XName[] names) =>
        new XDocument(new XElement(DavNames.Propfind, new XElement(DavNames.Prop, names.Select(n => new XElement(n))))).ToString();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A received response with its body, parsed as XML on demand.</summary>
internal sealed class DavResponse
{
    public DavResponse(HttpResponseMessage message, string body)
    {
        Status = (int)message.StatusCode;
        Body = body;
        Headers = message.Headers.Concat(message.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
    }

    public int Status { get; }

    public string Body { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public XDocument Xml => XDocument.Parse(Body);

    /// <summary>The hrefs of all DAV:response elements, in order.</summary>
    public IReadOnlyList<string> Hrefs =>
        [.. Xml.Root!.Elements(DavNames.Response).Select(r => r.Element(DavNames.Href)!.Value)];

    /// <summary>The DAV:response for an href.</summary>
    public XElement ResponseFor(string href) =>
        Xml.Root!.Elements(DavNames.Response).SingleOrDefault(r => r.Element(DavNames.Href)!.Value == href)
        ?? throw new Xunit.Sdk.XunitException($"No response for {href} in {Body}");

    /// <summary>The status code of a property's propstat under an href.</summary>
    public int PropertyStatus(string href, XName property)
    {
        var propstat = ResponseFor(href).Elements(DavNames.Propstat)
            .SingleOrDefault(p => p.Element(DavNames.Prop)!.Element(property) is not null)
            ?? throw new Xunit.Sdk.XunitException($"No propstat for {property} under {href} in {Body}");
        return int.Parse(propstat.Element(DavNames.Status)!.Value.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The property element (value) returned with 200 under an href.</summary>
    public XElement Property(string href, XName property)
    {
        Assert.Equal(200, PropertyStatus(href, property));
        return ResponseFor(href).Elements(DavNames.Propstat).Select(p => p.Element(DavNames.Prop)!.Element(property)).First(e => e is not null)!;
    }

    /// <summary>Names of every property in 200 propstats under an href.</summary>
    public IReadOnlyList<XName> FoundProperties(string href) =>
        [.. ResponseFor(href).Elements(DavNames.Propstat)
            .Where(p => p.Element(DavNames.Status)!.Value.Contains(" 200 "))
            .SelectMany(p => p.Element(DavNames.Prop)!.Elements().Select(e => e.Name))];
}
