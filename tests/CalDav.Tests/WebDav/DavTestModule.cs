using System.Xml.Linq;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Testing;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.Tests.WebDav;

/// <summary>
/// A stand-in for a module such as CalDAV: one method, one report, one live property (with a
/// call counter to prove lazy evaluation), one writable property and one creatable resource type.
/// </summary>
internal sealed class DavTestModule : IDavModule
{
    public static readonly XNamespace Ns = "urn:example:test";
    public static readonly XName Widget = Ns + "widget";
    public static readonly XName EchoReport = Ns + "echo-report";
    public static readonly XName CountedProperty = Ns + "counted";
    public static readonly XName ColorProperty = DavNames.AppleIcal + "calendar-color";

    public int CountedEvaluations;

    public void Register(DavModuleBuilder builder) => builder
        .AddComplianceClass("widget-access")
        .AddMethod("PING", new PingMethod())
        .AddReport(new EchoReportHandler())
        .AddProperty(new Counted(this))
        .AddProperty(new Color())
        .AddResourceType(new DavResourceType(Widget, n => n is InMemoryCollection c && c.ResourceTypes.Contains(Widget), CreatableByMkcol: true));

    private sealed class PingMethod : IDavMethodHandler
    {
        public Task HandleAsync(DavRequest request)
        {
            request.Http.Response.StatusCode = 204;
            request.Http.Response.Headers["X-Ping"] = request.Path.ToString();
            return Task.CompletedTask;
        }
    }

    private sealed class EchoReportHandler : IDavReport
    {
        public XName Name => EchoReport;

        public bool AppliesTo(IDavNode node) => node is IDavCollection;

        public async Task HandleAsync(DavRequest request, IDavNode target, XElement body)
        {
            await using var writer = await MultistatusWriter.StartAsync(request.Http.Response);
            await writer.WriteStatusResponseAsync(request.HrefFor(request.Path, target), 200);
            await writer.WriteElementAsync(new XElement(DavNames.SyncToken, body.Attribute("token")?.Value ?? ""));
        }
    }

    private sealed class Counted(DavTestModule owner) : IDavLiveProperty
    {
        public XName Name => CountedProperty;

        public bool IsInAllprop => false;

        public bool AppliesTo(IDavNode node) => true;

        public ValueTask<XElement?> GetAsync(DavPropertyContext context)
        {
            Interlocked.Increment(ref owner.CountedEvaluations);
            return ValueTask.FromResult<XElement?>(new XElement(Name, "42"));
        }
    }

    /// <summary>Like Apple's calendar-color: writable, must be #RRGGBB or #RRGGBBAA.</summary>
    private sealed class Color : IDavWritableLiveProperty
    {
        public XName Name => ColorProperty;

        public bool IsInAllprop => false;

        public bool AppliesTo(IDavNode node) => node is IDavCollection and IDavPropertyStore;

        public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
            StoredPropertyReader.GetAsync(context.Node, Name, context.Request.Aborted);

        public XElement Validate(XElement value, IDavNode? node) =>
            System.Text.RegularExpressions.Regex.IsMatch(value.Value, "^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$")
                ? new XElement(Name, value.Value.ToUpperInvariant())
                : throw new DavException(409, null, "Colors are #RRGGBB or #RRGGBBAA.");
    }
}
