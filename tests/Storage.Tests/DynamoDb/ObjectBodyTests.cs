using System.Text;
using Amazon.DynamoDBv2.Model;
using AuroraTime.Storage.DynamoDb;

namespace AuroraTime.Storage.Tests.DynamoDb;

// The 400 KB item limit: inline, compressed, or spilled (here to the in-memory spill store; no S3
// emulator is used, S3ObjectSpillStore itself is not exercised by tests).
public sealed class ObjectBodyTests
{
    private static byte[] CalendarText(int lines) => Encoding.UTF8.GetBytes(
        string.Concat(Enumerable.Range(0, lines).Select(i => $"DESCRIPTION:agenda item {i} for the quarterly review\r\n")));

    private static byte[] Noise(int length)
    {
        var bytes = new byte[length];
        new Random(1).NextBytes(bytes);
        return bytes;
    }

    private static async Task<(Dictionary<string, AttributeValue> Item, byte[] Decoded)> RoundTripAsync(byte[] data, IObjectSpillStore? spill)
    {
        var item = await ObjectBody.EncodeAsync(data, "key-1", spill, CancellationToken.None);
        return (item, await ObjectBody.DecodeAsync(item, spill, CancellationToken.None));
    }

    [Fact]
    public async Task Small_bodies_stay_inline_as_they_are()
    {
        var data = CalendarText(10);

        var (item, decoded) = await RoundTripAsync(data, null);

        Assert.Equal(data, item[ObjectBody.DataAttribute].B.ToArray());
        Assert.False(item.ContainsKey(ObjectBody.EncodingAttribute));
        Assert.Equal(data, decoded);
    }

    [Fact]
    public async Task Large_compressible_bodies_are_brotli_compressed_under_the_inline_limit()
    {
        var data = CalendarText(20_000);
        Assert.True(data.Length > ObjectBody.InlineLimit);

        var (item, decoded) = await RoundTripAsync(data, null);

        Assert.Equal(ObjectBody.Brotli, item[ObjectBody.EncodingAttribute].S);
        Assert.True(item[ObjectBody.DataAttribute].B.Length <= ObjectBody.InlineLimit);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public async Task Incompressible_large_bodies_spill_with_key_and_tag_in_the_item()
    {
        var spill = new InMemorySpillStore();
        var data = Noise(ObjectBody.InlineLimit + 1);

        var (item, decoded) = await RoundTripAsync(data, spill);

        Assert.False(item.ContainsKey(ObjectBody.DataAttribute));
        Assert.Equal("key-1", item[ObjectBody.SpillKeyAttribute].S);
        Assert.Equal(spill.Objects["key-1"].Tag, item[ObjectBody.SpillTagAttribute].S);
        Assert.Equal(data, decoded);
    }

    [Fact]
    public async Task A_spilled_body_replaced_behind_the_items_back_is_refused_not_returned()
    {
        var spill = new InMemorySpillStore();
        var item = await ObjectBody.EncodeAsync(Noise(ObjectBody.InlineLimit + 1), "key-1", spill, CancellationToken.None);
        await spill.PutAsync("key-1", new byte[] { 1, 2, 3 }, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidDataException>(() => ObjectBody.DecodeAsync(item, spill, CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_spill_store_an_oversized_body_is_an_error_that_says_so()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ObjectBody.EncodeAsync(Noise(ObjectBody.InlineLimit + 1), "key-1", null, CancellationToken.None));

        Assert.Contains("no spill store", error.Message);
    }
}
