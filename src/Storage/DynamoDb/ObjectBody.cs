using System.IO.Compression;
using Amazon.DynamoDBv2.Model;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// How an object's bytes live on its item. A DynamoDB item is at most 400 KB, names and metadata
/// included: bodies up to <see cref="InlineLimit"/> are stored as they are; larger ones are Brotli
/// compressed (iCalendar text shrinks 5-10x) when that brings them under the limit; the rest are
/// spilled to <see cref="IObjectSpillStore"/> with the key and the store's tag kept on the item.
/// </summary>
internal static class ObjectBody
{
    /// <summary>Leaves room under the 400 KB item limit for keys, metadata and the attribute names.</summary>
    public const int InlineLimit = 350 * 1024;

    public const string DataAttribute = "data";
    public const string EncodingAttribute = "enc";
    public const string SpillKeyAttribute = "s3key";
    public const string SpillTagAttribute = "s3etag";
    public const string Brotli = "br";

    /// <summary>The body attributes for these bytes; spills to <paramref name="spill"/> when still too large compressed.</summary>
    /// <exception cref="InvalidOperationException">The body needs spilling and no spill store is configured.</exception>
    public static async Task<Dictionary<string, AttributeValue>> EncodeAsync(
        ReadOnlyMemory<byte> data, string spillKey, IObjectSpillStore? spill, CancellationToken cancellationToken)
    {
        if (data.Length <= InlineLimit)
        {
            return new() { [DataAttribute] = DynamoValues.B(data) };
        }

        var compressed = Compress(data.Span);
        if (compressed.Length <= InlineLimit)
        {
            return new() { [DataAttribute] = DynamoValues.B(compressed), [EncodingAttribute] = DynamoValues.S(Brotli) };
        }

        if (spill is null)
        {
            throw new InvalidOperationException(
                $"A body of {data.Length} bytes ({compressed.Length} compressed) exceeds the DynamoDB item limit and no spill store (S3 bucket) is configured.");
        }

        var tag = await spill.PutAsync(spillKey, compressed, cancellationToken).ConfigureAwait(false);
        return new()
        {
            [SpillKeyAttribute] = DynamoValues.S(spillKey),
            [SpillTagAttribute] = DynamoValues.S(tag),
            [EncodingAttribute] = DynamoValues.S(Brotli),
        };
    }

    public static string? SpillKeyOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(SpillKeyAttribute, out var key) ? key.S : null;

    /// <summary>The original bytes of an item written by <see cref="EncodeAsync"/>.</summary>
    public static async Task<byte[]> DecodeAsync(Dictionary<string, AttributeValue> item, IObjectSpillStore? spill, CancellationToken cancellationToken)
    {
        byte[] stored;
        if (SpillKeyOf(item) is { } key)
        {
            if (spill is null)
            {
                throw new InvalidOperationException($"The body of this item was spilled to {key} but no spill store (S3 bucket) is configured.");
            }

            stored = await spill.GetAsync(key, item[SpillTagAttribute].S, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            stored = item[DataAttribute].B.ToArray();
        }

        return item.TryGetValue(EncodingAttribute, out var encoding) && encoding.S == Brotli ? Decompress(stored) : stored;
    }

    private static byte[] Compress(ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream(data.Length / 4);
        using (var brotli = new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            brotli.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(byte[] data)
    {
        using var input = new MemoryStream(data, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream(data.Length * 4);
        brotli.CopyTo(output);
        return output.ToArray();
    }
}
