namespace AuroraTime.CalDav.CalDav.Objects;

/// <summary>Reads a request body up to a limit (chunked bodies have no Content-Length to check first).</summary>
internal static class BodyReader
{
    /// <returns>The bytes, or null when the body is longer than <paramref name="limit"/>.</returns>
    public static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
