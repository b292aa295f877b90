using Amazon.S3;
using Amazon.S3.Model;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>Oversized bodies in one S3 bucket (the template's bucket), under an optional key prefix.</summary>
public sealed class S3ObjectSpillStore(IAmazonS3 client, string bucketName, string keyPrefix = "objects/") : IObjectSpillStore
{
    public async Task<string> PutAsync(string key, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        var response = await client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucketName,
            Key = keyPrefix + key,
            InputStream = stream,
            ContentType = "application/octet-stream",
        }, cancellationToken).ConfigureAwait(false);
        return response.ETag;
    }

    public async Task<byte[]> GetAsync(string key, string expectedTag, CancellationToken cancellationToken)
    {
        try
        {
            // If-Match makes S3 refuse other bytes than the ones the item was written with (412).
            using var response = await client.GetObjectAsync(new GetObjectRequest
            {
                BucketName = bucketName,
                Key = keyPrefix + key,
                EtagToMatch = expectedTag,
            }, cancellationToken).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.PreconditionFailed)
        {
            throw new InvalidDataException($"The spilled body {key} is missing or was replaced ({e.StatusCode}).", e);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await client.DeleteObjectAsync(bucketName, keyPrefix + key, cancellationToken).ConfigureAwait(false);
}
