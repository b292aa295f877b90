using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace AuroraTime.Server.Api;

/// <summary>
/// Reads a JSON request body with the checks every write needs: the media type (415), a size limit
/// (413, before the body is read when Content-Length says so) and JSON errors with their position (400).
/// </summary>
internal static class JsonBody
{
    /// <summary>The largest JSON body the API reads; events themselves are bounded by the store's max-resource-size.</summary>
    public const int MaxBytes = 1024 * 1024;

    public const string Json = "application/json";
    public const string MergePatchJson = "application/merge-patch+json";

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, string mediaType = Json)
        where T : class
    {
        var (node, error) = await ReadNodeAsync(context, mediaType);
        if (error is not null)
        {
            return (null, error);
        }
        return Deserialize(node, type);
    }

    public static (T? Value, IResult? Error) Deserialize<T>(JsonNode? node, JsonTypeInfo<T> type)
        where T : class
    {
        if (node is not JsonObject)
        {
            return (null, Problems.Field("body", "The body must be a JSON object."));
        }
        try
        {
            return (node.Deserialize(type), null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : "body";
            return (null, Problems.Field(field, $"The value has the wrong type ({e.Path})."));
        }
    }

    public static async Task<(JsonNode? Node, IResult? Error)> ReadNodeAsync(HttpContext context, string mediaType)
    {
        var request = context.Request;
        var contentType = request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(contentType, mediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.", $"Send the body as {mediaType}."));
        }
        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge());
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return (null, TooLarge());
            }
            buffer.Write(chunk, 0, read);
        }
        try
        {
            var node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: new JsonDocumentOptions { MaxDepth = 32 });
            return (node, null);
        }
        catch (JsonException e)
        {
            return (null, Problems.Field("body", $"Malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}."));
        }
    }

    private static IResult TooLarge() =>
        Problems.Of(StatusCodes.Status413PayloadTooLarge, "Request body too large.", $"The limit is {MaxBytes} bytes.");
}
