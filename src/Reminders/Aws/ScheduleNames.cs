using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// Deterministic schedule names and idempotency tokens. A name stands for one firing of one alarm
/// instance of one account (account, alarm key, due instant), not for the object's location, so a
/// MOVE keeps the schedule and a moved time is a different schedule (delete old, create new).
/// </summary>
public static class ScheduleNames
{
    private const string Prefix = "aurora-";

    /// <summary>"aurora-" + 56 hex digits of SHA-256: 63 characters of [0-9a-z-], within Scheduler's 64.</summary>
    public static string For(string userName, string alarmKey, Instant dueAt) =>
        Prefix + Hash("name", userName, alarmKey, dueAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture))[..56];

    /// <summary>"aurora-retry-" + 50 hex digits: the wake-up for delivery retries due at <paramref name="at"/>.</summary>
    public static string ForRetry(Instant at) =>
        Prefix + "retry-" + Hash("retry", at.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture))[..50];

    public static string For(DueReminder due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return For(due.Resource.Collection.UserName, due.AlarmKey, due.DueAt);
    }

    /// <summary>
    /// ClientToken of a create or delete (64 hex digits): the same for a retry of the same call, different
    /// for the next plan of the object (its ETag), so a firing planned again later is really created again.
    /// </summary>
    public static string ClientToken(string operation, string scheduleName, ETag plannedFrom) =>
        Hash(operation, scheduleName, plannedFrom == default ? "" : plannedFrom.Value);

    /// <summary>
    /// A token unique to this call (64 hex digits), for calls with no version to tie a retry to: a delete
    /// after a removal and a repair create. Both are idempotent by nature (404 and 409 count as done), and
    /// a deterministic token would make a later, real call with the same name look like a replay.
    /// </summary>
    public static string OneOffToken(string scheduleName) =>
        Hash("once", scheduleName, Guid.NewGuid().ToString("N"));

    private static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts.Select(p => p.Length.ToString(CultureInfo.InvariantCulture) + ":" + p)))));
}
