using AuroraTime.Ical.Validation;

namespace AuroraTime.Ical.Tests.Validation;

// RFC 5545 section 3.2.19: "An individual "VTIMEZONE" calendar component MUST be specified for each
// unique "TZID" parameter value specified in the iCalendar object." Servers commonly accept known
// zone identifiers without one (RFC 7809 section 3); the set of known zones is a parameter.
public partial class CalDavObjectValidatorTests
{
    private static readonly string ZonedEvent = SimpleEvent
        .Replace("DTSTART:20240105T090000Z", "DTSTART;TZID=Custom/Zone:20240105T090000")
        .Replace("DTEND:20240105T100000Z", "DTEND;TZID=Europe/Berlin:20240105T100000");

    [Fact]
    public void A_tzid_with_its_vtimezone_or_known_to_tzdb_is_valid()
    {
        var body = "BEGIN:VTIMEZONE\nTZID:Custom/Zone\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\n" + ZonedEvent;
        Assert.True(Check(body).IsValid, Check(body).Message);
    }

    [Fact]
    public void A_tzid_without_vtimezone_and_unknown_is_not_valid_calendar_data()
    {
        AssertFails(Check(ZonedEvent), CalDavPrecondition.ValidCalendarData, 7, "TZID 'Custom/Zone'");
    }

    [Fact]
    public void The_known_zone_test_is_the_callers_choice()
    {
        var options = CalDavValidationOptions.Strict with { IsKnownTimeZone = tzid => tzid == "Custom/Zone" };
        AssertFails(Check(ZonedEvent, options), CalDavPrecondition.ValidCalendarData, 8, "TZID 'Europe/Berlin'");
        var everything = CalDavValidationOptions.Strict with { IsKnownTimeZone = _ => true };
        Assert.True(Check(ZonedEvent, everything).IsValid);
    }

    [Fact]
    public void A_tzid_inside_an_alarm_is_checked_too()
    {
        var body = WithAlarm("ACTION:DISPLAY\nTRIGGER;VALUE=DATE-TIME;TZID=Nowhere/Land:20240105T080000");
        AssertFails(Check(body), CalDavPrecondition.ValidCalendarData, 12, "Nowhere/Land");
    }
}
