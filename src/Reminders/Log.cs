using Microsoft.Extensions.Logging;

namespace AuroraTime.Reminders;

/// <summary>Reminder log events. Addresses and event text are never logged, only alarm keys.</summary>
internal static partial class Log
{
    [LoggerMessage(5001, LogLevel.Information, "Reminder {AlarmKey} sent to {RecipientCount} recipient(s)", EventName = "ReminderSent")]
    public static partial void Sent(ILogger logger, string alarmKey, int recipientCount);

    [LoggerMessage(5002, LogLevel.Warning, "Reminder {AlarmKey} due at {DueAt} is older than the grace period: recorded, not sent", EventName = "ReminderSkippedLate")]
    public static partial void SkippedLate(ILogger logger, string alarmKey, string dueAt);

    [LoggerMessage(5003, LogLevel.Debug, "Reminder {AlarmKey} is no longer planned by its object: nothing sent", EventName = "ReminderStale")]
    public static partial void StaleReminder(ILogger logger, string alarmKey);

    [LoggerMessage(5004, LogLevel.Error, "Reminder {AlarmKey} could not be sent: {Reason}", EventName = "ReminderSendFailed")]
    public static partial void SendFailed(ILogger logger, string alarmKey, string reason);

    [LoggerMessage(5010, LogLevel.Warning, "Reminder {AlarmKey} attempt {Attempt} failed ({Reason}); next attempt at {NextAttempt}", EventName = "ReminderSendDeferred")]
    public static partial void SendDeferred(ILogger logger, string alarmKey, int attempt, string reason, string nextAttempt);

    [LoggerMessage(5011, LogLevel.Warning, "Reminder {AlarmKey}: recipient {MaskedAddress} refused ({Reply}); sent to the others, not retried", EventName = "ReminderRecipientRefused")]
    public static partial void RecipientRefused(ILogger logger, string alarmKey, string maskedAddress, string reply);

    [LoggerMessage(5005, LogLevel.Error, "Reminder scheduler pass failed; retrying shortly", EventName = "ReminderLoopFailed")]
    public static partial void LoopFailed(ILogger logger, Exception exception);
}
