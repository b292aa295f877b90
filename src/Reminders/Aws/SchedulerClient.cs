using System.Globalization;
using System.Net;
using System.Text.Json;
using NodaTime;

namespace AuroraTime.Reminders.Aws;

/// <summary>
/// A one-time EventBridge Scheduler schedule: fires once at <see cref="At"/> (UTC, second precision;
/// Scheduler's granularity is one minute), then deletes itself.
/// </summary>
/// <param name="Name">1-64 characters of [0-9A-Za-z-_.].</param>
/// <param name="ClientToken">Idempotency token (at most 64 characters): a retried create with the same token is not a second schedule.</param>
public sealed record OneTimeSchedule(string Name, string GroupName, Instant At, string TargetArn, string RoleArn, string Input, string ClientToken);

/// <summary>What a create or delete found.</summary>
public enum ScheduleOutcome
{
    Created,

    /// <summary>409 ConflictException on create: a schedule of that name exists, i.e. it is already scheduled.</summary>
    AlreadyExists,

    Deleted,

    /// <summary>404 ResourceNotFoundException on delete: already gone (fired and auto-deleted, or never made).</summary>
    NotFound,
}

/// <summary>
/// The EventBridge Scheduler calls we need (API version 2021-06-30, rest-json, signing name "scheduler"):
/// CreateSchedule (POST /schedules/{Name}) and DeleteSchedule (DELETE /schedules/{Name}).
/// </summary>
public sealed class SchedulerClient(AwsJsonClient client)
{
    public const string SigningName = "scheduler";

    public static Uri DefaultEndpoint(string region) => new($"https://scheduler.{region}.amazonaws.com/");

    /// <exception cref="AwsServiceException">Any other error (throttling, validation, permissions).</exception>
    public async Task<ScheduleOutcome> CreateAsync(OneTimeSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var response = await client.SendAsync(HttpMethod.Post, "/schedules/" + UriEncoding.Encode(schedule.Name), CreateBody(schedule), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return ScheduleOutcome.Created;
        }
        if (response.Status == HttpStatusCode.Conflict || response.ErrorType == "ConflictException")
        {
            return ScheduleOutcome.AlreadyExists;
        }
        throw response.ToException();
    }

    /// <exception cref="AwsServiceException">Any error but not-found.</exception>
    public async Task<ScheduleOutcome> DeleteAsync(string name, string groupName, string clientToken, CancellationToken cancellationToken)
    {
        var path = "/schedules/" + UriEncoding.Encode(name) + "?clientToken=" + UriEncoding.Encode(clientToken) + "&groupName=" + UriEncoding.Encode(groupName);
        var response = await client.SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return ScheduleOutcome.Deleted;
        }
        if (response.Status == HttpStatusCode.NotFound || response.ErrorType == "ResourceNotFoundException")
        {
            return ScheduleOutcome.NotFound;
        }
        throw response.ToException();
    }

    /// <summary>
    /// The CreateSchedule body: at() in UTC, no flexible window, delete after completion. Members come in
    /// the order the AWS JS SDK writes them (required ones first), so the request oracle test can compare
    /// bodies and signatures byte for byte.
    /// </summary>
    public static byte[] CreateBody(OneTimeSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonBodies.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("ScheduleExpression", AtExpression(schedule.At));
            json.WriteStartObject("Target");
            json.WriteString("Arn", schedule.TargetArn);
            json.WriteString("RoleArn", schedule.RoleArn);
            json.WriteString("Input", schedule.Input);
            json.WriteEndObject();
            json.WriteStartObject("FlexibleTimeWindow");
            json.WriteString("Mode", "OFF");
            json.WriteEndObject();
            json.WriteString("GroupName", schedule.GroupName);
            json.WriteString("ScheduleExpressionTimezone", "UTC");
            json.WriteString("ClientToken", schedule.ClientToken);
            json.WriteString("ActionAfterCompletion", "DELETE");
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>"at(yyyy-mm-ddThh:mm:ss)"; sub-second parts are dropped (Scheduler fires within the minute anyway).</summary>
    public static string AtExpression(Instant at) =>
        "at(" + at.ToDateTimeUtc().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + ")";
}
