using AuroraTime.CalDav.CalDav.Objects;
using Xunit;

namespace AuroraTime.CalDav.Tests.CalDav.Objects;

/// <summary>
/// The PUT body reader: a declared length is read into an exact array, an undeclared (chunked) body
/// grows a pooled buffer; both stop at the limit (RFC 4791 5.3.2.1 CALDAV:max-resource-size).
/// </summary>
public sealed class BodyReaderTests
{
    private static byte[] Bytes(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)((i * 7 + 3) % 256))];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(700)]
    [InlineData(100_000)]
    public async Task A_declared_body_comes_back_whole_and_exact(int length)
    {
        var body = Bytes(length);
        var read = await BodyReader.ReadAsync(new TrickleStream(body), 200_000, CancellationToken.None, declaredLength: length);
        Assert.Equal(body, read);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16 * 1024)] // exactly the first pooled buffer
    [InlineData(16 * 1024 + 1)] // one byte into the first growth
    [InlineData(150_001)]
    public async Task An_undeclared_body_comes_back_whole_and_exact(int length)
    {
        var body = Bytes(length);
        var read = await BodyReader.ReadAsync(new TrickleStream(body), 200_000, CancellationToken.None);
        Assert.Equal(body, read);
    }

    [Fact]
    public async Task A_body_of_exactly_the_limit_is_accepted_and_one_byte_more_is_not()
    {
        Assert.Equal(20_000, (await BodyReader.ReadAsync(new TrickleStream(Bytes(20_000)), 20_000, CancellationToken.None))!.Length);
        Assert.Null(await BodyReader.ReadAsync(new TrickleStream(Bytes(20_001)), 20_000, CancellationToken.None));
        Assert.Equal(20_000, (await BodyReader.ReadAsync(new TrickleStream(Bytes(20_000)), 20_000, CancellationToken.None, 20_000))!.Length);
        Assert.Null(await BodyReader.ReadAsync(new TrickleStream(Bytes(20_001)), 20_000, CancellationToken.None, 20_001));
    }

    [Fact]
    public async Task A_declared_body_that_ends_early_is_an_error_not_a_short_object()
    {
        await Assert.ThrowsAsync<EndOfStreamException>(() =>
            BodyReader.ReadAsync(new TrickleStream(Bytes(10)), 1000, CancellationToken.None, declaredLength: 11));
    }

    /// <summary>Hands out at most 1,000 bytes per read, as a network stream does.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
