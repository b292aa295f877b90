using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>Short constructors and readers for attribute values (the SDK's are verbose).</summary>
internal static class DynamoValues
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue B(ReadOnlyMemory<byte> value) => new() { B = new MemoryStream(value.ToArray(), writable: false) };

    public static AttributeValue Bool(bool value) => new() { BOOL = value };

    public static string? OptionalString(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is not null ? value.S : null;

    public static string String(this Dictionary<string, AttributeValue> item, string name) =>
        item.OptionalString(name) ?? throw new InvalidDataException($"Item {item.Describe()} has no string attribute {name}.");

    public static long? OptionalLong(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is not null ? long.Parse(value.N, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : null;

    public static long Long(this Dictionary<string, AttributeValue> item, string name) =>
        item.OptionalLong(name) ?? throw new InvalidDataException($"Item {item.Describe()} has no number attribute {name}.");

    public static bool Boolean(this Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.BOOL == true;

    public static string Describe(this Dictionary<string, AttributeValue> item) =>
        $"{item.OptionalString(DynamoDbTable.PartitionKey)}|{item.OptionalString(DynamoDbTable.SortKey)}";

    public static Dictionary<string, AttributeValue> Key(string partition, string sort) => new()
    {
        [DynamoDbTable.PartitionKey] = S(partition),
        [DynamoDbTable.SortKey] = S(sort),
    };
}
