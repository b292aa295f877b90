using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// EventBridge Scheduler's observable behaviour for our two calls, kept in memory (AWS ships no
/// Scheduler emulator; the request format itself is checked against the AWS JS SDK in
/// <see cref="RequestOracleTests"/>): a create of an existing name is 409 ConflictException, a delete
/// of a missing one 404 ResourceNotFoundException. <see cref="Calls"/> lists "create NAME"/"delete NAME".
/// </summary>
internal sealed class FakeSchedulerService
{
    public FakeSchedulerService() => Handler.Respond = Answer;

    public CapturingHandler Handler { get; } = new();

    public ConcurrentDictionary<string, Schedule> Schedules { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>How many of the next calls answer 429 ThrottlingException.</summary>
    public int ThrottleNext { get; set; }

    /// <summary>How many of the next calls answer 500 InternalServerException.</summary>
    public int FailNext { get; set; }

    /// <summary>The schedule as Scheduler keeps it: its at() expression and its input.</summary>
    internal sealed record Schedule(string Name, string Expression, string Input);

    /// <summary>What Scheduler does at the time: takes the schedule away (ActionAfterCompletion DELETE) and hands back its input.</summary>
    public string Fire(string name)
    {
        Assert.True(Schedules.TryRemove(name, out var schedule), $"no schedule {name}");
        return schedule.Input;
    }

    private (HttpStatusCode, string) Answer(CapturedRequest request)
    {
        var name = Uri.UnescapeDataString(request.Uri.AbsolutePath["/schedules/".Length..]);
        if (FailNext > 0)
        {
            FailNext--;
            Calls.Enqueue("failed " + name);
            return (HttpStatusCode.InternalServerError, "{\"__type\":\"InternalServerException\",\"Message\":\"Internal error\"}");
        }
        if (ThrottleNext > 0)
        {
            ThrottleNext--;
            Calls.Enqueue("throttled " + name);
            return ((HttpStatusCode)429, "{\"__type\":\"ThrottlingException\",\"Message\":\"Rate exceeded\"}");
        }
        if (request.Method == HttpMethod.Post)
        {
            Calls.Enqueue("create " + name);
            using var body = JsonDocument.Parse(request.Body);
            var schedule = new Schedule(name, body.RootElement.GetProperty("ScheduleExpression").GetString()!, body.RootElement.GetProperty("Target").GetProperty("Input").GetString()!);
            return Schedules.TryAdd(name, schedule)
                ? (HttpStatusCode.OK, $"{{\"ScheduleArn\":\"arn:aws:scheduler:eu-central-1:123456789012:schedule/g/{name}\"}}")
                : (HttpStatusCode.Conflict, "{\"__type\":\"ConflictException\",\"Message\":\"Schedule already exists.\"}");
        }
        Calls.Enqueue("delete " + name);
        return Schedules.TryRemove(name, out _)
            ? (HttpStatusCode.OK, "{}")
            : (HttpStatusCode.NotFound, "{\"__type\":\"ResourceNotFoundException\",\"Message\":\"Schedule not found.\"}");
    }
}
