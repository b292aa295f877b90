using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AuroraTime.Storage.DynamoDb;

/// <summary>
/// The key strings of every item kind (DynamoDbMapping.md). Names go in verbatim after a type prefix;
/// '/' cannot occur in a user name or href (ResourceNames), so it separates parts where one key holds two.
/// </summary>
internal static class DynamoDbKeys
{
    public const string AccountSortKey = "ACC";
    public const string AccountsIndexPartition = "ACCOUNTS";
    public const string DueIndexPartition = "DUE";
    public const string CollectionPrefix = "COL#";
    public const string AppPasswordPrefix = "APW#";
    public const string SentPrefix = "SENT#";
    public const string ObjectPrefix = "OBJ#";
    public const string UidPrefix = "UID#";
    public const string ChangePrefix = "CHG#";
    public const string ReminderPrefix = "REM#";
    public const string DeadPropertiesPrefix = "DP#";
    public const string CollectionDeadProperties = "DP";
    public const string FeedSortKey = "FEED";
    public const string FeedPointerPrefix = "FEED#";
    public const string IncarnationSortKey = "INC";
    public const string DeliveryPrefix = "DLV#";
    public const string OpenDeliveriesIndexPartition = "DLV";

    // A sort key is at most 1024 bytes; longer UIDs are addressed by their hash.
    private const int MaxUidKeyBytes = 900;

    // Unix ticks of years 0001..9999 fit in +-3.2e17; the offset makes them positive for fixed-width text.
    private const long DueOffset = 1_000_000_000_000_000_000;

    public static string Account(string userName) => "ACC#" + userName;

    public static string Collection(string path) => CollectionPrefix + path;

    public static string Members(string incarnation) => "COL#" + incarnation;

    public static string Incarnation(string incarnation) => "INC#" + incarnation;

    public static string Object(string href) => ObjectPrefix + href;

    public static string Change(string href) => ChangePrefix + href;

    public static string DeadProperties(string? href) => href is null ? CollectionDeadProperties : DeadPropertiesPrefix + href;

    public static string Reminders(string href) => ReminderPrefix + href + "/";

    public static string Reminder(string href, string alarmKey) => Reminders(href) + alarmKey;

    public static string Deliveries(string href) => DeliveryPrefix + href + "/";

    public static string Delivery(string href, string idempotencyKey) => Deliveries(href) + idempotencyKey;

    /// <summary>The GSI1 partition of an account's failed deliveries (listed newest first).</summary>
    public static string FailedDeliveriesOf(string userName) => "DLVFAIL#" + userName;

    /// <summary>Open deliveries in GSI1, by next attempt (fixed-width ticks first, as <see cref="DueSortKey"/>).</summary>
    public static string DeliverySortKey(long nextTicks, string incarnation, string href, string idempotencyKey) =>
        DueSortKey(nextTicks, incarnation, href, idempotencyKey);

    public static string FailedDeliverySortKey(long failedTicks, string idempotencyKey) =>
        string.Create(CultureInfo.InvariantCulture, $"{failedTicks + DueOffset:D19}/{idempotencyKey}");

    public static string Feed(string tokenId) => "FEED#" + tokenId;

    /// <summary>The account partition's pointer to one of its feed links (same text as the link's partition key), so deleting the account finds them.</summary>
    public static string FeedPointer(string tokenId) => FeedPointerPrefix + tokenId;

    public static string FeedsOf(string userName) => "FEEDS#" + userName;

    public static string AppPassword(string id) => AppPasswordPrefix + id;

    public static string Sent(string idempotencyKey) => SentPrefix + idempotencyKey;

    public static string Uid(string uid) => Encoding.UTF8.GetByteCount(uid) <= MaxUidKeyBytes
        ? UidPrefix + uid
        : UidPrefix + "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(uid)));

    /// <summary>The due index sort key: fixed-width ticks first, so text order is time order.</summary>
    public static string DueSortKey(long dueTicks, string incarnation, string href, string alarmKey) =>
        string.Create(CultureInfo.InvariantCulture, $"{dueTicks + DueOffset:D19}/{incarnation}/{href}/{alarmKey}");

    /// <summary>Every due sort key of a firing at or before <paramref name="dueTicks"/> sorts below this ('0' follows '/').</summary>
    public static string DueUpperBound(long dueTicks) =>
        string.Create(CultureInfo.InvariantCulture, $"{dueTicks + DueOffset:D19}0");

    /// <summary>The smallest string above every key starting with <paramref name="prefix"/> (prefixes end in '#' or '/').</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
