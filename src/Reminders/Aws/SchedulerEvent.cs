using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuroraTime.Storage.Contract;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// The input a schedule hands back when it fires: which firing (account, collection, object, alarm
/// key, due instant) and an HMAC over exactly those fields, so a forged or altered event is refused.
/// </summary>
public sealed record SchedulerEvent(DueReminder Due)
{
    /// <summary>Scheduler allows 8 KB of input; ours is far below. Bigger bodies are refused unread.</summary>
    public const int MaxBytes = 8 * 1024;

    private const string Version = "1";

    /// <summary>The schedule's Input: compact JSON with the fields and their MAC.</summary>
    public string ToJson(byte[] secret)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonBodies.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("v", Version);
            json.WriteString("user", Due.Resource.Collection.UserName);
            json.WriteString("collection", Due.Resource.Collection.Path);
            json.WriteString("href", Due.Resource.Href);
            json.WriteString("alarm", Due.AlarmKey);
            json.WriteString("due", InstantPattern.ExtendedIso.Format(Due.DueAt));
            json.WriteString("mac", Convert.ToBase64String(Mac(secret, Due)));
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The input of the recurring repair schedule (deploy/aws/template.yaml). It carries no MAC: a
    /// template cannot compute one, and all it asks for is <see cref="ScheduleRepairSweep"/>, which only
    /// creates schedules for firings already stored (no email, bounded, idempotent).
    /// </summary>
    public const string RepairSweepInput = "{\"v\":\"1\",\"sweep\":\"repair\"}";

    /// <summary>True for the repair schedule's input (exactly these two members).</summary>
    public static bool IsRepairSweep(ReadOnlySpan<byte> body)
    {
        if (body.Length > 256)
        {
            return false;
        }
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 2 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count() == 2
                && Text(root, "v") == Version && Text(root, "sweep") == "repair";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads an event and checks its MAC in constant time. Null for anything malformed, oversized, of
    /// another version or with a wrong MAC: the caller answers all of these alike.
    /// </summary>
    public static SchedulerEvent? TryRead(ReadOnlySpan<byte> body, byte[] secret)
    {
        if (body.Length > MaxBytes)
        {
            return null;
        }
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 4 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "v") != Version
                || Text(root, "user") is not { } user || Text(root, "collection") is not { } collection || Text(root, "href") is not { } href
                || Text(root, "alarm") is not { } alarm || Text(root, "due") is not { } dueText || Text(root, "mac") is not { } macText
                || !ResourceNames.IsValidSegment(user) || !ResourceNames.IsValidCollectionPath(collection) || !ResourceNames.IsValidSegment(href))
            {
                return null;
            }
            var due = InstantPattern.ExtendedIso.Parse(dueText);
            if (!due.Success)
            {
                return null;
            }
            var candidate = new DueReminder(new ObjectRef(new CollectionRef(user, collection), href), alarm, due.Value);
            var expected = Mac(secret, candidate);
            var given = new byte[expected.Length];
            if (!Convert.TryFromBase64String(macText, given, out var written) || written != expected.Length)
            {
                return null;
            }
            return CryptographicOperations.FixedTimeEquals(expected, given) ? new SchedulerEvent(candidate) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// HMAC-SHA256 over the fields, newline-separated: names and paths cannot hold control characters
    /// (ResourceNames); the alarm key can, so it is length-prefixed and no two events share a text.
    /// </summary>
    private static byte[] Mac(byte[] secret, DueReminder due)
    {
        var text = string.Join('\n',
            "aurora-reminder-v" + Version,
            due.Resource.Collection.UserName,
            due.Resource.Collection.Path,
            due.Resource.Href,
            due.AlarmKey.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + due.AlarmKey,
            due.DueAt.ToUnixTimeTicks().ToString(System.Globalization.CultureInfo.InvariantCulture));
        return HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(text));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
