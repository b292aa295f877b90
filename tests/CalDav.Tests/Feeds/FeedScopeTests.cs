using AuroraTime.Ical.Model;
using AuroraTime.Ical.Reading;
using AuroraTime.Storage.Contract;

namespace AuroraTime.CalDav.Tests.Feeds;

/// <summary>Busy-only and no-private feeds of a calendar full of private data, checked field by field.</summary>
public class FeedScopeTests
{
    private static async Task<(string Text, CalendarComponent Feed)> FeedAsync(FeedScope scope)
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await FeedFixtures.PutAllAsync(calendar);
        var text = await calendar.FeedAsync(scope);
        return (text, CalendarParser.ParseSingle(text));
    }

    [Fact]
    public async Task Busy_only_leaks_no_text_people_places_alarms_or_uids()
    {
        var (text, feed) = await FeedAsync(FeedScope.BusyOnly);
        Assert.DoesNotContain("SECRET", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mailto", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("standup", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("BEGIN:VALARM", text);
        var allowed = new HashSet<string> { "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "SEQUENCE", "SUMMARY", "TRANSP", "STATUS" };
        var events = feed.GetComponents("VEVENT").ToList();
        // Series master + override, standup, confidential; the transparent event is free time, the old one outside the window.
        Assert.Equal(4, events.Count);
        foreach (var vevent in events)
        {
            Assert.Empty(vevent.Components);
            Assert.All(vevent.Properties, p => Assert.Contains(p.Name, allowed));
            Assert.Equal("Busy", vevent.GetProperty("SUMMARY")!.RawValue);
            Assert.Equal("OPAQUE", vevent.GetProperty("TRANSP")!.RawValue);
        }
    }

    [Fact]
    public async Task Busy_only_keeps_a_series_as_a_series_with_its_override_under_one_uid()
    {
        var (_, feed) = await FeedAsync(FeedScope.BusyOnly);
        var series = feed.GetComponents("VEVENT").Where(e => e.GetProperty("RRULE") is not null || e.GetProperty("RECURRENCE-ID") is not null).ToList();
        Assert.Equal(2, series.Count);
        Assert.Equal("FREQ=WEEKLY;COUNT=20", series[0].GetProperty("RRULE")!.RawValue);
        Assert.Equal(series[0].GetProperty("UID")!.RawValue, series[1].GetProperty("UID")!.RawValue);
        Assert.Equal("20261110T190000", series[1].GetProperty("DTSTART")!.RawValue);
    }

    [Fact]
    public async Task No_private_drops_personal_fields_but_keeps_public_titles()
    {
        var (text, feed) = await FeedAsync(FeedScope.NoPrivate);
        Assert.DoesNotContain("SECRET", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mailto", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("BEGIN:VALARM", text);
        foreach (var forbidden in new[] { "DESCRIPTION", "LOCATION", "ATTENDEE", "ORGANIZER", "URL", "ATTACH", "COMMENT", "CONTACT", "GEO", "CATEGORIES" })
        {
            Assert.DoesNotContain(feed.GetComponents("VEVENT"), e => e.GetProperty(forbidden) is not null);
        }
        Assert.DoesNotContain(feed.GetComponents("VEVENT"), e => e.Properties.Any(p => p.Name.StartsWith("X-", StringComparison.Ordinal)));
        var standup = Assert.Single(feed.GetComponents("VEVENT"), e => e.GetProperty("UID")!.RawValue == "standup@example");
        Assert.Equal("Team standup", standup.GetProperty("SUMMARY")!.RawValue);
        Assert.Contains(feed.GetComponents("VEVENT"), e => e.GetProperty("SUMMARY")!.RawValue == "Lunch idea");
    }

    [Fact]
    public async Task No_private_reduces_confidential_events_to_busy_blocks()
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("confidential.ics", FeedFixtures.ClassifiedMeeting);
        await calendar.PutAsync("standup.ics", FeedFixtures.PublicMeeting);
        var feed = CalendarParser.ParseSingle(await calendar.FeedAsync(FeedScope.NoPrivate));
        var busy = Assert.Single(feed.GetComponents("VEVENT"), e => e.GetProperty("SUMMARY")!.RawValue == "Busy");
        Assert.Equal("20261125T140000Z", busy.GetProperty("DTSTART")!.RawValue);
        Assert.DoesNotContain("SECRET", busy.GetProperty("UID")!.RawValue, StringComparison.Ordinal);
        Assert.Null(busy.GetProperty("CLASS"));
    }

    [Fact]
    public async Task Full_scope_publishes_the_events_as_stored()
    {
        var (text, feed) = await FeedAsync(FeedScope.Full);
        Assert.Contains("SUMMARY:SECRET therapy session", text, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VALARM", text, StringComparison.Ordinal);
        Assert.Equal(5, feed.GetComponents("VEVENT").Count()); // all but the one outside the window
    }

    // RFC 5545 3.2: parameters carry data of their own (ALTREP a URI, CN a name, X- anything), so a kept
    // property keeps only TZID, VALUE, RANGE and LANGUAGE.
    [Theory]
    [InlineData(FeedScope.BusyOnly)]
    [InlineData(FeedScope.NoPrivate)]
    public async Task Kept_properties_lose_parameters_that_carry_data(FeedScope scope)
    {
        await using var calendar = await FeedTestCalendar.CreateAsync();
        await calendar.PutAsync("params.ics", """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//test//EN
            BEGIN:VEVENT
            UID:params@example
            DTSTAMP:20261101T000000Z
            DTSTART;TZID=Europe/Berlin;X-SECRET-NOTE=SECRET:20261203T090000
            DTEND;TZID=Europe/Berlin;CN="SECRET Name":20261203T100000
            SUMMARY;LANGUAGE=de;ALTREP="https://secret.example/agenda":Planung
            SEQUENCE;X-SECRET=1:2
            END:VEVENT
            END:VCALENDAR
            """);
        var text = await calendar.FeedAsync(scope);
        Assert.DoesNotContain("SECRET", text, StringComparison.OrdinalIgnoreCase);
        var vevent = Assert.Single(CalendarParser.ParseSingle(text).GetComponents("VEVENT"));
        foreach (var property in vevent.Properties)
        {
            Assert.All(property.Parameters, p => Assert.Contains(p.Name, new[] { "TZID", "VALUE", "RANGE", "LANGUAGE" }));
        }
        Assert.Equal("Europe/Berlin", vevent.GetProperty("DTSTART")!.GetParameterValue("TZID"));
        Assert.Equal("20261203T090000", vevent.GetProperty("DTSTART")!.RawValue);
        Assert.Equal("Europe/Berlin", vevent.GetProperty("DTEND")!.GetParameterValue("TZID"));
        Assert.Equal(scope == FeedScope.NoPrivate ? "Planung" : "Busy", vevent.GetProperty("SUMMARY")!.RawValue);
    }
}
