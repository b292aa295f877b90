using AuroraTime.Reminders;
using AuroraTime.Reminders.Aws;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuroraTime.Server.Reminders;

/// <summary>
/// The AWS parts of the reminder pipeline: the SES v2 sender, the EventBridge Scheduler sync (as the
/// reconciler's listener) and the scheduler-event endpoint the Lambda Web Adapter posts fired schedules to.
/// </summary>
public static class AwsReminderHosting
{
    /// <summary>The Lambda Web Adapter's pass-through path (AWS_LWA_PASS_THROUGH_PATH in template.yaml).</summary>
    public const string EventsPath = "/internal/events";

    /// <summary>
    /// Set by the Lambda Web Adapter on every request that came through an HTTP front door (API Gateway,
    /// ALB, Function URL), overwriting any client value; absent on pass-through (non-HTTP) events.
    /// </summary>
    public const string RequestContextHeader = "x-amzn-request-context";

    public static bool IsEventsPath(PathString path) => path.StartsWithSegments(EventsPath);

    internal static IServiceCollection AddAuroraAwsReminders(this IServiceCollection services, ReminderSettings reminders)
    {
        if (reminders.Aws is not { } aws)
        {
            return services;
        }
        services.AddSingleton(aws);
        // TryAdd: tests register fixed credentials and a capturing handler first.
        services.TryAddSingleton<IAwsCredentialSource, SdkCredentialSource>();
        services.TryAddSingleton(_ => new AwsHttpClient(new HttpClient { Timeout = TimeSpan.FromSeconds(20) }));
        AwsJsonClient Client(IServiceProvider provider, Uri endpoint, string service) => new(
            provider.GetRequiredService<AwsHttpClient>().Http, endpoint, new SigV4Signer(aws.Region, service),
            provider.GetRequiredService<IAwsCredentialSource>(), provider.GetRequiredService<TimeProvider>());
        services.AddSingleton(provider => new SesV2Sender(Client(provider, aws.SesEndpoint, SesV2Sender.SigningName), aws.SesConfigurationSet));
        if (aws.EventBridge is { } options)
        {
            services.AddSingleton(options);
            services.AddSingleton(provider => new SchedulerClient(Client(provider, aws.SchedulerEndpoint, SchedulerClient.SigningName)));
            services.AddSingleton(provider => new EventBridgeScheduleSync(
                provider.GetRequiredService<SchedulerClient>(), options, provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("AuroraTime.Reminders.Aws")));
            services.AddSingleton<IPendingReminderListener>(provider => provider.GetRequiredService<EventBridgeScheduleSync>());
            services.AddSingleton(provider => new ScheduleRepairSweep(
                provider.GetRequiredService<IStore>(), provider.GetRequiredService<EventBridgeScheduleSync>(), provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("AuroraTime.Reminders.Aws")));
            services.AddSingleton(provider => new SchedulerEventHandler(
                provider.GetRequiredService<IStore>(), provider.GetRequiredService<ReminderDispatcher>(), options,
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("AuroraTime.Reminders.Aws"), provider.GetRequiredService<EventBridgeScheduleSync>(),
                provider.GetRequiredService<ScheduleRepairSweep>()));
        }
        return services;
    }

    /// <summary>
    /// POST /internal/events: a fired schedule. Mapped in every mode (so the path never falls through to
    /// the DAV namespace unauthenticated); 404 unless the EventBridge mode is on. Refused with 403 when
    /// it came through an HTTP front door rather than as a Lambda event, 401 without a valid MAC.
    /// </summary>
    public static IEndpointRouteBuilder MapAuroraSchedulerEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(EventsPath, (Delegate)HandleAsync);
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext context)
    {
        if (context.RequestServices.GetService<SchedulerEventHandler>() is not { } handler)
        {
            return Results.NotFound();
        }
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }
        if (context.Request.Headers.ContainsKey(RequestContextHeader))
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }
        if (context.Request.ContentLength > SchedulerEvent.MaxBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var body = await ReadLimitedAsync(context.Request.Body, SchedulerEvent.MaxBytes + 1, context.RequestAborted).ConfigureAwait(false);
        if (body.Length > SchedulerEvent.MaxBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var result = await handler.HandleAsync(body, context.RequestAborted).ConfigureAwait(false);
        // 200 for every handled outcome, also "already claimed" and "send failed": a Lambda retry of this
        // event could not do better (the claim is taken), so it is not asked for.
        return result switch
        {
            { Outcome: { } outcome } => Results.Text($"{{\"outcome\":\"{outcome}\"}}", "application/json"),
            { Repair: { } repair } => Results.Text($"{{\"examined\":{repair.Examined},\"created\":{repair.Created}}}", "application/json"),
            _ => Results.StatusCode(StatusCodes.Status401Unauthorized),
        };
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while (buffer.Length < limit && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>The HttpClient the AWS clients share (one connection pool for Scheduler and SES).</summary>
public sealed record AwsHttpClient(HttpClient Http);
