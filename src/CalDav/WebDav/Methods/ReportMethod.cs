using AuroraTime.CalDav.WebDav.Xml;

namespace AuroraTime.CalDav.WebDav.Methods;

/// <summary>
/// REPORT (RFC 3253 section 3.6): dispatched to the module that registered the body's root
/// element. "If the server does not support the specified report ... the server MUST respond
/// with a 403 (Forbidden) with the DAV:supported-report precondition" (RFC 3253 3.6).
/// </summary>
internal sealed class ReportMethod : IDavMethodHandler
{
    public async Task HandleAsync(DavRequest request)
    {
        var document = await request.ReadXmlAsync();
        if (document?.Root is not { } body)
        {
            throw new DavException(400, null, "REPORT needs an XML body.");
        }
        var node = await request.GetExistingTargetAsync();
        if (!request.Server.Reports.TryGetValue(body.Name, out var report) || !report.AppliesTo(node))
        {
            throw new DavException(403, DavNames.SupportedReport, $"The report {body.Name} is not supported here.");
        }
        await report.HandleAsync(request, node, body);
    }
}
