namespace AuroraTime.Server.Api;

/// <summary>
/// GET /api/openapi.json: the checked-in OpenAPI 3.1 document (openapi.json next to this file,
/// embedded in the assembly). Hand-written rather than generated, because request bodies are read
/// by hand for their size and validation rules; a test checks that it names every mapped route.
/// </summary>
internal static class OpenApiDocument
{
    public const string ResourceName = "AuroraTime.Server.Api.openapi.json";

    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiDocument).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Serve() => TypedResults.Bytes(Document.Value, "application/json");

    public static byte[] Bytes => Document.Value;
}
