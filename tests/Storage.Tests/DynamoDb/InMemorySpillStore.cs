using System.Collections.Concurrent;
using System.Security.Cryptography;
using AuroraTime.Storage.DynamoDb;

namespace AuroraTime.Storage.Tests.DynamoDb;

/// <summary>An in-memory stand-in for the S3 spill store (no S3 emulator is used): tags are MD5 like S3's for single-part uploads.</summary>
public sealed class InMemorySpillStore : IObjectSpillStore
{
    public ConcurrentDictionary<string, (byte[] Body, string Tag)> Objects { get; } = new(StringComparer.Ordinal);

    public Task<string> PutAsync(string key, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var tag = "\"" + Convert.ToHexStringLower(MD5.HashData(body.Span)) + "\"";
        Objects[key] = (body.ToArray(), tag);
        return Task.FromResult(tag);
    }

    public Task<byte[]> GetAsync(string key, string expectedTag, CancellationToken cancellationToken) =>
        Objects.TryGetValue(key, out var stored) && stored.Tag == expectedTag
            ? Task.FromResult(stored.Body)
            : throw new InvalidDataException($"The spilled body {key} is missing or was replaced.");

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        Objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
