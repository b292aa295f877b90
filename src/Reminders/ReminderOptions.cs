using NodaTime;

namespace AuroraTime.Reminders;

/// <summary>Settings of the self-hosted reminder pipeline (section Reminders of the server settings).</summary>
/// <param name="GracePeriod">After downtime, firings at most this late are still sent; older ones are
/// recorded as skipped.</param>
/// <param name="FromAddress">The From: of reminder emails.</param>
/// <param name="OwnerEmailDomain">An account whose user name is not an address is mailed at
/// user@this domain.</param>
/// <param name="UnsubscribeUrl">Base of the List-Unsubscribe link in owner reminders (null: mailto only).</param>
/// <param name="ServerZone">Zone for floating times when the account has none.</param>
public sealed record ReminderOptions(
    Duration GracePeriod,
    string FromAddress = "reminders@localhost",
    string OwnerEmailDomain = "localhost",
    string? UnsubscribeUrl = null,
    DateTimeZone? ServerZone = null)
{
    public static ReminderOptions Default { get; } = new(Duration.FromHours(1));

    /// <summary>Longest sleep between store checks, so a missed wake-up costs at most this much.</summary>
    public Duration MaxSleep { get; init; } = Duration.FromMinutes(5);

    /// <summary>Retries of transiently failed sends (when the store keeps deliveries, see IReminderDeliveryStore).</summary>
    public Scheduling.ReminderRetryPolicy Retry { get; init; } = Scheduling.ReminderRetryPolicy.Default;

    public string OwnerAddress(string userName) =>
        userName.Contains('@', StringComparison.Ordinal) ? userName : userName + "@" + OwnerEmailDomain;
}
