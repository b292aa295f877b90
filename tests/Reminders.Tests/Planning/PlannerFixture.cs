using System.Text;
using AuroraTime.Reminders.Planning;
using NodaTime;
using NodaTime.Text;

namespace AuroraTime.Reminders.Tests.Planning;

internal static class PlannerFixture
{
    public static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    public static PlanningOwner Owner(string? zone = "Europe/Berlin", bool emailDisplay = true) =>
        new("alice", zone, emailDisplay, DateTimeZone.Utc);

    public static Instant Utc(string text) => InstantPattern.General.Parse(text).GetValueOrThrow();

    /// <summary>Wraps VEVENT/VTODO text (LF lines) in a VCALENDAR with CRLF.</summary>
    public static byte[] Calendar(string components) =>
        Encoding.UTF8.GetBytes(("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\n" + components.Trim() + "\nEND:VCALENDAR\n")
            .Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

    public static IReadOnlyList<PlannedReminder> Plan(string components, string after, PlanningOwner? owner = null) =>
        AlarmPlanner.Plan(Calendar(components), owner ?? Owner(), Utc(after));

    public static string[] Due(IReadOnlyList<PlannedReminder> plan) =>
        plan.Select(p => InstantPattern.General.Format(p.DueAt)).ToArray();
}
