using System.Text;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// DynamoDB orders string keys by their UTF-8 bytes. .NET's ordinal order (UTF-16 code units) differs
/// for characters beyond U+FFFF, so results merged or sorted in memory use this order to agree with
/// the order DynamoDB pages in.
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static Utf8Order Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        return Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y));
    }
}
