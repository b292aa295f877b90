using System.Globalization;
using Microsoft.Extensions.Configuration;
using NodaTime;

namespace AuroraTime.Reminders.Scheduling;

/// <summary>
/// Reads Reminders:Retry: MaxAttempts (1 = never retry), FirstDelay, MaxDelay, AttemptLease (hh:mm:ss);
/// missing keys keep <see cref="ReminderRetryPolicy.Default"/>.
/// </summary>
public static class ReminderRetryConfiguration
{
    /// <exception cref="InvalidOperationException">A value cannot be read (named in the message).</exception>
    public static ReminderRetryPolicy Read(IConfigurationSection retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        var defaults = ReminderRetryPolicy.Default;
        var attempts = retry["MaxAttempts"] is { Length: > 0 } a
            ? int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100 ? n
                : throw new InvalidOperationException($"Reminders:Retry:MaxAttempts '{a}' is not a number from 1 to 100.")
            : defaults.MaxAttempts;
        return new ReminderRetryPolicy(
            attempts,
            Span(retry, "FirstDelay", defaults.FirstDelay),
            Span(retry, "MaxDelay", defaults.MaxDelay),
            Span(retry, "AttemptLease", defaults.AttemptLease));
    }

    private static Duration Span(IConfigurationSection retry, string key, Duration fallback) =>
        retry[key] is { Length: > 0 } text
            ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? Duration.FromTimeSpan(span)
                : throw new InvalidOperationException($"Reminders:Retry:{key} '{text}' is not a positive time span (hh:mm:ss).")
            : fallback;
}
