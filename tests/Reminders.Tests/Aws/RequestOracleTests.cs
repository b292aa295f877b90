using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuroraTime.Reminders.Aws;
using AuroraTime.Reminders.Email;
using AuroraTime.Storage.Contract;
using NodaTime;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>
/// Our Scheduler and SES requests against what the official AWS JS SDK (request-oracle.mjs, versions
/// pinned in package.json) sends for the same input, credentials, region and clock: method, path,
/// query, the list and values of signed headers, the body (semantically and byte for byte) and the
/// Authorization header.
/// Legitimate differences, left out: the SDK's own headers user-agent, x-amz-user-agent,
/// amz-sdk-invocation-id and amz-sdk-request (removed before the SDK signs, so its signature covers
/// only headers we send too).
/// </summary>
public sealed class RequestOracleTests
{
    private const string Region = "eu-central-1";
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 8, 59, 13, TimeSpan.Zero);
    private static readonly AwsCredentials Temporary = new("ASIAEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars");
    private static readonly AwsCredentials LongTerm = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateScheduleMatchesTheSdk(bool sessionToken)
    {
        if (!NodeTools.Has("@aws-sdk/client-scheduler"))
        {
            return;
        }
        var credentials = sessionToken ? Temporary : LongTerm;
        var schedule = new OneTimeSchedule(
            ScheduleNames.For(new CollectionRef("alice", "work"), "uid-1@example.com\n20260501T090000Z\n0", Instant.FromUtc(2026, 5, 1, 9, 0)),
            "aurora-reminders", Instant.FromUtc(2026, 5, 1, 9, 0), "arn:aws:lambda:eu-central-1:123456789012:function:aurora",
            "arn:aws:iam::123456789012:role/aurora-scheduler", "{\"v\":\"1\",\"alarm\":\"é+/ü <x>\",\"mac\":\"a+b/c=\"}", new string('c', 64));
        var handler = new CapturingHandler();

        Assert.Equal(ScheduleOutcome.Created, await AwsTestClients.Scheduler(handler, Region, credentials, AwsTestClients.Clock(Now)).CreateAsync(schedule, CancellationToken.None));

        var oracle = await OracleAsync("CreateSchedule", credentials, new JsonObject
        {
            ["Name"] = schedule.Name,
            ["GroupName"] = schedule.GroupName,
            ["ScheduleExpression"] = "at(2026-05-01T09:00:00)",
            ["ScheduleExpressionTimezone"] = "UTC",
            ["FlexibleTimeWindow"] = new JsonObject { ["Mode"] = "OFF" },
            ["ActionAfterCompletion"] = "DELETE",
            ["ClientToken"] = schedule.ClientToken,
            ["Target"] = new JsonObject { ["Arn"] = schedule.TargetArn, ["RoleArn"] = schedule.RoleArn, ["Input"] = schedule.Input },
        });
        AssertSame(oracle, Assert.Single(handler.Requests));
    }

    [Fact]
    public async Task DeleteScheduleMatchesTheSdk()
    {
        if (!NodeTools.Has("@aws-sdk/client-scheduler"))
        {
            return;
        }
        var handler = new CapturingHandler();
        var name = ScheduleNames.For(new CollectionRef("bob", "home"), "k", Instant.FromUtc(2026, 5, 1, 9, 0));

        Assert.Equal(ScheduleOutcome.Deleted, await AwsTestClients.Scheduler(handler, Region, Temporary, AwsTestClients.Clock(Now)).DeleteAsync(name, "aurora-reminders", "token-1", CancellationToken.None));

        var oracle = await OracleAsync("DeleteSchedule", Temporary, new JsonObject { ["Name"] = name, ["GroupName"] = "aurora-reminders", ["ClientToken"] = "token-1" });
        AssertSame(oracle, Assert.Single(handler.Requests));
    }

    [Fact]
    public async Task SendEmailMatchesTheSdk()
    {
        if (!NodeTools.Has("@aws-sdk/client-sesv2"))
        {
            return;
        }
        var mime = Encoding.UTF8.GetBytes("From: <reminders@example.com>\r\nTo: <ann@example.com>\r\nSubject: =?utf-8?B?w5w=?=\r\n\r\nbody\r\n");
        var message = new EmailMessage("reminders@example.com", ["ann@example.com", "ben@example.com"], "<1@example.com>", mime);
        var handler = new CapturingHandler();

        await AwsTestClients.Ses(handler, SesV2Sender.DefaultEndpoint(Region), Region, Temporary, AwsTestClients.Clock(Now), "aurora").SendAsync(message, CancellationToken.None);

        var oracle = await OracleAsync("SendEmail", Temporary, new JsonObject
        {
            ["FromEmailAddress"] = "reminders@example.com",
            ["Destination"] = new JsonObject { ["ToAddresses"] = new JsonArray("ann@example.com", "ben@example.com") },
            ["ConfigurationSetName"] = "aurora",
            ["Content"] = new JsonObject { ["Raw"] = new JsonObject { ["Data"] = Convert.ToBase64String(mime) } },
        });
        AssertSame(oracle, Assert.Single(handler.Requests));
    }

    private static async Task<JsonObject> OracleAsync(string operation, AwsCredentials credentials, JsonObject input)
    {
        var creds = new JsonObject { ["accessKeyId"] = credentials.AccessKeyId, ["secretAccessKey"] = credentials.SecretAccessKey };
        if (credentials.SessionToken is { } token)
        {
            creds["sessionToken"] = token;
        }
        var spec = new JsonObject { ["operation"] = operation, ["region"] = Region, ["credentials"] = creds, ["timeMs"] = Now.ToUnixTimeMilliseconds(), ["input"] = input };
        var (exit, output, error) = await NodeTools.RunAsync("request-oracle.mjs", spec.ToJsonString());
        Assert.True(exit == 0, error);
        return JsonNode.Parse(output)!.AsObject();
    }

    private static void AssertSame(JsonObject oracle, CapturedRequest ours)
    {
        Assert.Equal(oracle["method"]!.GetValue<string>(), ours.Method.Method);
        Assert.Equal(oracle["hostname"]!.GetValue<string>(), ours.Uri.Host);
        Assert.Equal(oracle["path"]!.GetValue<string>(), ours.Uri.AbsolutePath);
        var ourQuery = ours.Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]));
        var sdkQuery = oracle["query"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(sdkQuery.OrderBy(p => p.Key), ourQuery.OrderBy(p => p.Key));

        var sdkHeaders = oracle["headers"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var signed = SignedHeaders(sdkHeaders["authorization"]);
        Assert.Equal(signed, SignedHeaders(ours.Headers["Authorization"]));
        foreach (var name in signed)
        {
            Assert.True(ours.Headers.TryGetValue(name, out var value), $"we do not send the signed header {name}");
            Assert.Equal(sdkHeaders[name], value);
        }

        var sdkBody = oracle["body"]!.GetValue<string>();
        var ourBody = Encoding.UTF8.GetString(ours.Body);
        if (sdkBody.Length > 0 || ourBody.Length > 0)
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(sdkBody), JsonNode.Parse(ourBody)), $"bodies differ:\nSDK: {sdkBody}\nour: {ourBody}");
        }
        Assert.Equal(sdkBody, ourBody);
        Assert.Equal(sdkHeaders["authorization"], ours.Headers["Authorization"]);
    }

    private static string[] SignedHeaders(string authorization)
    {
        var part = authorization.Split(", ").Single(p => p.StartsWith("SignedHeaders=", StringComparison.Ordinal));
        return part["SignedHeaders=".Length..].Split(';');
    }
}
