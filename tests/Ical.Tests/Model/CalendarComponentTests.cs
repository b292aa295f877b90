using System.Collections.Immutable;
using AuroraTime.Ical.Model;

namespace AuroraTime.Ical.Tests.Model;

public class CalendarComponentTests
{
    private static CalendarComponent Event() => new(
        "VEVENT",
        ImmutableArray.Create(
            new CalendarProperty("UID", "a"),
            new CalendarProperty("SUMMARY", "one"),
            new CalendarProperty("X-THING", "kept")),
        ImmutableArray<CalendarComponent>.Empty);

    [Fact]
    public void WithProperty_replaces_in_place_and_keeps_the_original_untouched()
    {
        var original = Event();
        var edited = original.WithProperty("summary", new CalendarProperty("SUMMARY", "two"));

        Assert.Equal(["UID", "SUMMARY", "X-THING"], edited.Properties.Select(p => p.Name));
        Assert.Equal("two", edited.GetProperty("SUMMARY")!.RawValue);
        Assert.Equal("one", original.GetProperty("SUMMARY")!.RawValue);
    }

    [Fact]
    public void WithProperty_null_removes_every_property_of_that_name()
    {
        var edited = Event().WithProperty("X-THING", null);
        Assert.Null(edited.GetProperty("X-THING"));
        Assert.Equal(2, edited.Properties.Length);
    }

    [Fact]
    public void Parameters_are_found_case_insensitively_and_replaced()
    {
        var property = new CalendarProperty("DTSTART", "20240101T090000")
            .WithParameter("TZID", "Europe/Berlin");
        Assert.Equal("Europe/Berlin", property.GetParameterValue("tzid"));
        Assert.Equal("Europe/Paris", property.WithParameter("tzid", "Europe/Paris").GetParameterValue("TZID"));
        Assert.Null(property.WithParameter("TZID", null).GetParameter("TZID"));
    }
}
