using System.Text;
using AuroraTime.Ical.Reading;

namespace AuroraTime.Ical.Tests.Reading;

public class Utf8HashTests
{
    [Theory]
    [InlineData("dtstart", "DTSTART")]
    [InlineData("x-microsoft-cdo-busystatus", "X-MICROSOFT-CDO-BUSYSTATUS")]
    [InlineData("Tzid", "TZID")]
    public void Ignoring_case_hashes_ascii_names_alike_in_any_case(string lower, string upper) =>
        Assert.Equal(
            Utf8Hash.Compute(Encoding.ASCII.GetBytes(upper), ignoreCase: true),
            Utf8Hash.Compute(Encoding.ASCII.GetBytes(lower), ignoreCase: true));

    [Fact]
    public void Exact_hashes_spread_similar_values_over_many_buckets()
    {
        // Stamps that differ in one digit, as DTSTART values do, must not pile into few buckets.
        var buckets = new HashSet<int>();
        for (var i = 0; i < 1000; i++)
        {
            var stamp = Encoding.ASCII.GetBytes($"20240101T{i:D6}");
            buckets.Add(Utf8Hash.Compute(stamp, ignoreCase: false) & 1023);
        }
        Assert.True(buckets.Count > 550, $"only {buckets.Count} of 1024 buckets used");
    }

    [Fact]
    public void Keys_of_every_tail_length_hash_differently_from_their_prefixes()
    {
        var key = "ABCDEFGHIJKLMNOPQ"u8.ToArray();
        var hashes = new HashSet<int>();
        for (var length = 0; length <= key.Length; length++)
        {
            hashes.Add(Utf8Hash.Compute(key.AsSpan(0, length), ignoreCase: false));
        }
        Assert.Equal(key.Length + 1, hashes.Count);
    }
}
