using Microsoft.Extensions.Logging;

namespace AuroraTime.Reminders.Aws;

/// <summary>AWS-mode log events (EventIds 51xx). Schedule names are hashes; no addresses or event text.</summary>
internal static partial class AwsLog
{
    [LoggerMessage(5101, LogLevel.Debug, "Schedule {ScheduleName} create: {Outcome}", EventName = "ScheduleCreated")]
    public static partial void ScheduleCreated(ILogger logger, string scheduleName, string outcome);

    [LoggerMessage(5102, LogLevel.Debug, "Schedule {ScheduleName} delete: {Outcome}", EventName = "ScheduleDeleted")]
    public static partial void ScheduleDeleted(ILogger logger, string scheduleName, string outcome);

    [LoggerMessage(5103, LogLevel.Warning, "Scheduler event refused: malformed or wrong MAC", EventName = "SchedulerEventRefused")]
    public static partial void SchedulerEventRefused(ILogger logger);

    [LoggerMessage(5104, LogLevel.Information, "Scheduler event for {AlarmKey}: {Outcome}", EventName = "SchedulerEventHandled")]
    public static partial void SchedulerEventHandled(ILogger logger, string alarmKey, string outcome);

    [LoggerMessage(5105, LogLevel.Information, "Schedule repair sweep: {Examined} firings due soon examined, {Created} missing schedules created", EventName = "RepairSwept")]
    public static partial void RepairSwept(ILogger logger, int examined, int created);
}
