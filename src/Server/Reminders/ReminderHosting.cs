using AuroraTime.CalDav.CalDav.Changes;
using AuroraTime.Reminders;
using AuroraTime.Reminders.Email;
using AuroraTime.Reminders.Reconciling;
using AuroraTime.Reminders.Scheduling;
using AuroraTime.Server.Configuration;
using AuroraTime.Storage.Contract;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuroraTime.Server.Reminders;

/// <summary>Composes the self-hosted reminder pipeline: CalDAV observer, planner, in-process scheduler, sender.</summary>
public static class ReminderHosting
{
    public static IServiceCollection AddAuroraReminders(this IServiceCollection services, IConfiguration configuration, AuroraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var reminders = ReminderSettings.From(configuration, settings.DataFolder);
        services.AddSingleton(reminders);
        services.AddSingleton(reminders.Options);
        services.TryAddSingleton(TimeProvider.System);
        // Factories, not constructor discovery: DI finds constructors by reflection, slow under Native AOT
        // while the server starts (bench/coldstart/README.md).
        services.AddSingleton(_ => new PlanChangeSignal());
        services.AddSingleton(provider => new ReminderReconciler(
            provider.GetRequiredService<IStore>(), provider.GetRequiredService<ReminderOptions>(), provider.GetRequiredService<PlanChangeSignal>(),
            provider.GetRequiredService<TimeProvider>(), provider.GetService<IPendingReminderListener>()));
        services.AddAuroraAwsReminders(reminders);
        services.AddSingleton<IReminderSender>(provider => reminders.Sender switch
        {
            ReminderSenderKind.Smtp => new SmtpSender(reminders.Smtp!),
            ReminderSenderKind.Ses => provider.GetRequiredService<AuroraTime.Reminders.Aws.SesV2Sender>(),
            _ => new PickupFolderSender(reminders.PickupFolder),
        });
        services.AddSingleton(provider => new ReminderDispatcher(
            provider.GetRequiredService<IStore>(), provider.GetRequiredService<ReminderReconciler>(), provider.GetRequiredService<IReminderSender>(),
            reminders.Options, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILoggerFactory>().CreateLogger("AuroraTime.Reminders")));
        services.AddSingleton<ICalendarObjectObserver>(provider => new CalDavReminderObserver(provider.GetRequiredService<ReminderReconciler>()));
        if (reminders.Enabled && reminders.Scheduler == ReminderSchedulerKind.InProcess)
        {
            services.AddSingleton(provider => new ReminderScheduler(
                provider.GetRequiredService<IStore>(), provider.GetRequiredService<ReminderDispatcher>(), provider.GetRequiredService<PlanChangeSignal>(),
                reminders.Options, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<ReminderScheduler>>()));
            services.AddHostedService(provider => provider.GetRequiredService<ReminderScheduler>());
        }
        return services;
    }
}
