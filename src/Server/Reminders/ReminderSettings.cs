using System.Globalization;
using AuroraTime.Reminders;
using AuroraTime.Reminders.Email;
using NodaTime;

namespace AuroraTime.Server.Reminders;

/// <summary>Which sender delivers reminder emails.</summary>
public enum ReminderSenderKind
{
    /// <summary>.eml files in a folder (the default; nothing leaves the machine).</summary>
    Pickup,

    /// <summary>An SMTP relay (settings under Smtp:).</summary>
    Smtp,

    /// <summary>Amazon SES v2 SendEmail (settings under Reminders:Aws:).</summary>
    Ses,
}

/// <summary>What wakes due reminders.</summary>
public enum ReminderSchedulerKind
{
    /// <summary>The durable in-process scheduler (self-hosted).</summary>
    InProcess,

    /// <summary>One-time EventBridge Scheduler schedules that call back at POST /internal/events (AWS).</summary>
    EventBridge,
}

/// <summary>
/// Reminder settings. Keys: Reminders:Enabled (default true), Reminders:Sender (pickup|smtp),
/// Reminders:PickupFolder (default &lt;data&gt;/outbox), Reminders:GracePeriod (hh:mm:ss, default 01:00:00),
/// Reminders:From, Reminders:OwnerEmailDomain, Reminders:UnsubscribeUrl, Reminders:ServerTimeZone;
/// Smtp:Host, Smtp:Port, Smtp:Security (none|starttls|tls), Smtp:User, Smtp:Password (never logged).
/// </summary>
public sealed record ReminderSettings(bool Enabled, ReminderSenderKind Sender, string PickupFolder, SmtpSettings? Smtp, ReminderOptions Options)
{
    public ReminderSchedulerKind Scheduler { get; init; } = ReminderSchedulerKind.InProcess;

    /// <summary>Set when the sender is SES or the scheduler is EventBridge.</summary>
    public AwsReminderSettings? Aws { get; init; }

    /// <exception cref="InvalidOperationException">A value cannot be read (named in the message, never the password).</exception>
    public static ReminderSettings From(IConfiguration configuration, string dataFolder)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Reminders");
        var enabled = !string.Equals(section["Enabled"], "false", StringComparison.OrdinalIgnoreCase);
        var sender = (section["Sender"] ?? "pickup").Trim().ToLowerInvariant() switch
        {
            "pickup" => ReminderSenderKind.Pickup,
            "smtp" => ReminderSenderKind.Smtp,
            "ses" => ReminderSenderKind.Ses,
            var other => throw new InvalidOperationException($"Reminders:Sender must be pickup, smtp or ses, not '{other}'."),
        };
        var scheduler = (section["Scheduler"] ?? "inprocess").Trim().ToLowerInvariant() switch
        {
            "inprocess" => ReminderSchedulerKind.InProcess,
            "eventbridge" => ReminderSchedulerKind.EventBridge,
            var other => throw new InvalidOperationException($"Reminders:Scheduler must be inprocess or eventbridge, not '{other}'."),
        };
        var grace = section["GracePeriod"] is { Length: > 0 } g
            ? TimeSpan.TryParse(g, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero ? Duration.FromTimeSpan(span)
                : throw new InvalidOperationException($"Reminders:GracePeriod '{g}' is not a time span (hh:mm:ss).")
            : ReminderOptions.Default.GracePeriod;
        DateTimeZone? zone = null;
        if (section["ServerTimeZone"] is { Length: > 0 } zoneId)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new InvalidOperationException($"Reminders:ServerTimeZone '{zoneId}' is not an IANA zone.");
        }
        var options = ReminderOptions.Default with
        {
            GracePeriod = grace,
            FromAddress = section["From"] is { Length: > 0 } from ? from : ReminderOptions.Default.FromAddress,
            OwnerEmailDomain = section["OwnerEmailDomain"] is { Length: > 0 } domain ? domain : ReminderOptions.Default.OwnerEmailDomain,
            UnsubscribeUrl = section["UnsubscribeUrl"] is { Length: > 0 } url ? url : null,
            ServerZone = zone,
            Retry = AuroraTime.Reminders.Scheduling.ReminderRetryConfiguration.Read(section.GetSection("Retry")),
        };
        var pickup = section["PickupFolder"] is { Length: > 0 } folder ? folder : Path.Combine(dataFolder, "outbox");
        var aws = sender == ReminderSenderKind.Ses || scheduler == ReminderSchedulerKind.EventBridge
            ? AwsReminderSettings.From(configuration, scheduler == ReminderSchedulerKind.EventBridge)
            : null;
        return new ReminderSettings(enabled, sender, Path.GetFullPath(pickup), sender == ReminderSenderKind.Smtp ? ReadSmtp(configuration.GetSection("Smtp")) : null, options)
        {
            Scheduler = scheduler,
            Aws = aws,
        };
    }

    private static SmtpSettings ReadSmtp(IConfigurationSection smtp)
    {
        var host = smtp["Host"] is { Length: > 0 } h ? h : throw new InvalidOperationException("Smtp:Host is required when Reminders:Sender is smtp.");
        var security = (smtp["Security"] ?? "starttls").Trim().ToLowerInvariant() switch
        {
            "none" => SmtpSecurity.None,
            "starttls" => SmtpSecurity.StartTls,
            "tls" => SmtpSecurity.Tls,
            var other => throw new InvalidOperationException($"Smtp:Security must be none, starttls or tls, not '{other}'."),
        };
        var port = smtp["Port"] is { Length: > 0 } p
            ? int.TryParse(p, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 65536 ? n : throw new InvalidOperationException($"Smtp:Port '{p}' is not a port.")
            : security == SmtpSecurity.Tls ? 465 : 587;
        return new SmtpSettings(host, port, security, NonEmpty(smtp["User"]), NonEmpty(smtp["Password"])).WithTransportSettings(smtp);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
