using AuroraTime.Reminders.Aws;

namespace AuroraTime.Server.Reminders;

/// <summary>
/// AWS settings of the reminder pipeline. Keys: Reminders:Aws:Region (default: AWS_REGION, which Lambda
/// sets), Reminders:Aws:FunctionArn, Reminders:Aws:RoleArn, Reminders:Aws:ScheduleGroup (default "default"),
/// Reminders:Aws:EventSecret (base64, at least 32 bytes; never logged), Reminders:Aws:SesConfigurationSet,
/// Reminders:Aws:SchedulerEndpoint and Reminders:Aws:SesEndpoint (overrides, for emulators and tests).
/// </summary>
public sealed record AwsReminderSettings(string Region, EventBridgeOptions? EventBridge, Uri SchedulerEndpoint, Uri SesEndpoint, string? SesConfigurationSet)
{
    /// <param name="eventBridge">The EventBridge scheduling mode is on: its settings are required.</param>
    /// <exception cref="InvalidOperationException">A required value is missing or unreadable (named, never the secret itself).</exception>
    public static AwsReminderSettings From(IConfiguration configuration, bool eventBridge)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection("Reminders:Aws");
        var region = NonEmpty(section["Region"]) ?? NonEmpty(Environment.GetEnvironmentVariable("AWS_REGION"))
            ?? throw new InvalidOperationException("Reminders:Aws:Region (or AWS_REGION) is required for the AWS reminder mode.");
        EventBridgeOptions? options = null;
        if (eventBridge)
        {
            options = new EventBridgeOptions(
                Required(section, "FunctionArn"), Required(section, "RoleArn"), NonEmpty(section["ScheduleGroup"]) ?? "default", Secret(section["EventSecret"]));
        }
        return new AwsReminderSettings(
            region,
            options,
            Endpoint(section, "SchedulerEndpoint") ?? SchedulerClient.DefaultEndpoint(region),
            Endpoint(section, "SesEndpoint") ?? SesV2Sender.DefaultEndpoint(region),
            NonEmpty(section["SesConfigurationSet"]));
    }

    private static byte[] Secret(string? value)
    {
        const string Message = "Reminders:Aws:EventSecret must be base64 of at least 32 bytes.";
        if (string.IsNullOrEmpty(value))
        {
            throw new InvalidOperationException(Message);
        }
        try
        {
            var bytes = Convert.FromBase64String(value);
            return bytes.Length >= EventBridgeOptions.MinSecretBytes ? bytes : throw new InvalidOperationException(Message);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException(Message);
        }
    }

    private static Uri? Endpoint(IConfigurationSection section, string key) =>
        NonEmpty(section[key]) is not { } text ? null
            : Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
            : throw new InvalidOperationException($"Reminders:Aws:{key} '{text}' is not an http(s) URL.");

    private static string Required(IConfigurationSection section, string key) =>
        NonEmpty(section[key]) ?? throw new InvalidOperationException($"Reminders:Aws:{key} is required when Reminders:Scheduler is eventbridge.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
