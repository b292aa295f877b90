using AuroraTime.Reminders.Aws;
using AuroraTime.Reminders.Tests.Scheduling;

namespace AuroraTime.Reminders.Tests.Aws;

/// <summary>Our AWS clients wired to a capturing handler (or a real emulator) with fixed credentials and clock.</summary>
internal static class AwsTestClients
{
    public static AwsJsonClient Json(HttpMessageHandler handler, Uri endpoint, string region, string service, AwsCredentials credentials, TimeProvider clock) =>
        new(new HttpClient(handler, disposeHandler: false), endpoint, new SigV4Signer(region, service), new StaticCredentialSource(credentials), clock);

    public static SchedulerClient Scheduler(HttpMessageHandler handler, string region, AwsCredentials credentials, TimeProvider clock) =>
        new(Json(handler, SchedulerClient.DefaultEndpoint(region), region, SchedulerClient.SigningName, credentials, clock));

    public static SesV2Sender Ses(HttpMessageHandler handler, Uri endpoint, string region, AwsCredentials credentials, TimeProvider clock, string? configurationSet = null) =>
        new(Json(handler, endpoint, region, SesV2Sender.SigningName, credentials, clock), configurationSet);

    public static ManualTimeProvider Clock(DateTimeOffset at) => new(at);
}
