using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// Deterministic schedule names and idempotency tokens. A name stands for one firing of one alarm
/// instance in one calendar (account, collection path, alarm key, due instant): RFC 4791 section 5.3.2
/// makes a UID unique per calendar only, so two calendars may hold copies of one event with the same
/// alarm keys, and each copy needs its own schedule. The href is left out, so a MOVE within a calendar
/// keeps the schedule; a MOVE to another calendar is a different schedule (delete old, create new), as is
/// a moved time.
/// </summary>
/// <remarks>
/// Schedules created before the collection path was part of the name (Version 1 names) still fire
/// correctly: their input names the collection and href, and the handler resolves the firing from the
/// input, never from the name. A delete computed under the new name misses such a schedule (404); it
/// then fires for a firing no longer stored and the dispatcher sends nothing; the repair sweep may create
/// the new-name twin of a still-planned one, and the sent log's claim lets only one of the two send.
/// </remarks>
public static class ScheduleNames
{
    private const string Prefix = "aurora-";

    /// <summary>"aurora-" + 56 hex digits of SHA-256: 63 characters of [0-9a-z-], within Scheduler's 64.</summary>
    public static string For(CollectionRef collection, string alarmKey, Instant dueAt)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return Prefix + Hash("name-v2", collection.UserName, collection.Path, alarmKey, dueAt.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture))[..56];
    }

    /// <summary>"aurora-retry-" + 50 hex digits: the wake-up for delivery retries due at <paramref name="at"/>.</summary>
    public static string ForRetry(Instant at) =>
        Prefix + "retry-" + Hash("retry", at.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture))[..50];

    public static string For(DueReminder due)
    {
        ArgumentNullException.ThrowIfNull(due);
        return For(due.Resource.Collection, due.AlarmKey, due.DueAt);
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
