using NodaTime;
using static AuroraTime.Reminders.Tests.Planning.PlannerFixture;
using static AuroraTime.Reminders.Tests.Scheduling.ReminderSchedulerTests;

namespace AuroraTime.Reminders.Tests.Scheduling;

/// <summary>
/// Issue 5 item 7, time travel with the clients' write-backs: a year of a weekly Berlin series
/// (two DST changes) where the client acknowledges or snoozes firings the way Apple/RFC 9074 and
/// Thunderbird do, driven by an injected clock through the real scheduler and SQLite store.
/// </summary>
public class TimeTravelAcknowledgementTests
{
    private static readonly Instant Start = Utc("2026-01-01T00:00:00Z");
    private static readonly Instant YearEnd = Utc("2027-01-01T00:00:00Z");
    private static readonly string Series = WeeklyBerlin.Replace("ACTION:DISPLAY", "UID:alarm-1\nACTION:DISPLAY", StringComparison.Ordinal);

    private static List<Instant> Mondays()
    {
        var list = new List<Instant>();
        for (var day = new LocalDate(2026, 1, 5); day.Year == 2026; day = day.PlusWeeks(1))
        {
            list.Add(Berlin.AtStrictly(day.At(new LocalTime(8, 45))).ToInstant());
        }
        return list;
    }

    /// <summary>Runs the year; after each email, <paramref name="writeBack"/> may return the object the client PUTs next.</summary>
    private static async Task<List<Instant>> RunYearAsync(Func<string, Instant, string?> writeBack)
    {
        await using var fixture = new SchedulerFixture(Start);
        var node = await fixture.SetUpAsync();
        var current = Series;
        await SchedulerFixture.PutAsync(node, "weekly.ics", current);
        var seen = 0;
        while (await fixture.StepAsync(YearEnd, node))
        {
            foreach (var (at, _) in fixture.Sender.Sent.Skip(seen).ToList())
            {
                seen++;
                // The client reacts a minute after the email (the clock is moved there for the write).
                fixture.Clock.AdvanceTo((at + Duration.FromMinutes(1)).ToDateTimeOffset());
                if (writeBack(current, at) is { } next)
                {
                    current = next;
                    await SchedulerFixture.PutAsync(node, "weekly.ics", current);
                }
            }
        }
        return fixture.Sender.Sent.Select(s => s.At).ToList();
    }

    private static string Stamp(Instant instant) => instant.ToString("uuuuMMdd'T'HHmmss'Z'", null);

    // RFC 9074 section 6: the client records ACKNOWLEDGED after every alarm it showed; only triggers
    // at or before it are silenced, so the next instances still fire.
    [Fact]
    public async Task Acknowledging_every_firing_keeps_each_instance_firing_once_on_time()
    {
        var sent = await RunYearAsync((current, at) =>
            System.Text.RegularExpressions.Regex.Replace(current, "ACKNOWLEDGED:[0-9TZ]+\n", "")
                .Replace("UID:alarm-1\n", $"UID:alarm-1\nACKNOWLEDGED:{Stamp(at + Duration.FromMinutes(1))}\n", StringComparison.Ordinal));

        Assert.Equal(Mondays(), sent);
    }

    // RFC 9074 section 5 on 30 March (the first Monday of summer time): the original is acknowledged
    // and a SNOOZE alarm with an absolute trigger ten minutes later is added. Thunderbird's form on
    // 26 October (the first Monday of winter time): X-MOZ-LASTACK plus X-MOZ-SNOOZE-TIME-<PRTime of
    // the instance's start>. Each snooze adds one email at its instant; the series goes on unchanged.
    [Fact]
    public async Task A_standard_snooze_and_a_Thunderbird_snooze_each_add_one_email_and_the_series_goes_on()
    {
        var march = Utc("2026-03-30T06:45:00Z");
        var october = Utc("2026-10-26T07:45:00Z");
        var octoberStart = Utc("2026-10-26T08:00:00Z");
        var sent = await RunYearAsync((current, at) =>
        {
            if (at == march)
            {
                return current.Replace("TRIGGER:-PT15M\n", $"""
                    TRIGGER:-PT15M
                    ACKNOWLEDGED:{Stamp(at + Duration.FromMinutes(1))}
                    END:VALARM
                    BEGIN:VALARM
                    UID:snooze-1
                    RELATED-TO;RELTYPE=SNOOZE:alarm-1
                    ACTION:DISPLAY
                    TRIGGER;VALUE=DATE-TIME:{Stamp(at + Duration.FromMinutes(10))}

                    """, StringComparison.Ordinal);
            }
            if (at == october)
            {
                var prTime = octoberStart.ToUnixTimeTicks() / 10;
                return current.Replace("SUMMARY:Weekly sync\n",
                    $"SUMMARY:Weekly sync\nX-MOZ-LASTACK:{Stamp(at + Duration.FromMinutes(1))}\nX-MOZ-SNOOZE-TIME-{prTime}:{Stamp(at + Duration.FromMinutes(5))}\n",
                    StringComparison.Ordinal);
            }
            return null;
        });

        var expected = Mondays().Append(march + Duration.FromMinutes(10)).Append(october + Duration.FromMinutes(5)).Order().ToList();
        Assert.Equal(expected, sent);
    }
}
