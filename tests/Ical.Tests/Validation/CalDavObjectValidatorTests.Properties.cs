using AuroraTime.Ical.Validation;

namespace AuroraTime.Ical.Tests.Validation;

// RFC 5545 section 3.6.1: "dtstamp / uid ... REQUIRED, but MUST NOT occur more than once" and
// "dtstart ... REQUIRED if the component appears in an iCalendar object that doesn't specify the
// METHOD property"; "Either 'dtend' or 'duration' MAY appear in a 'eventprop', but 'dtend' and
// 'duration' MUST NOT occur in the same 'eventprop'."
public partial class CalDavObjectValidatorTests
{
    [Fact]
    public void An_event_without_dtstart_is_not_valid_calendar_data()
    {
        var result = Check(SimpleEvent.Replace("DTSTART:20240105T090000Z\n", ""));
        AssertFails(result, CalDavPrecondition.ValidCalendarData, 4, "no DTSTART");
    }

    [Fact]
    public void A_todo_without_dtstart_is_valid()
    {
        Assert.True(Check("BEGIN:VTODO\nUID:t\nDTSTAMP:20240101T000000Z\nDUE:20240101T100000Z\nEND:VTODO").IsValid);
    }

    [Fact]
    public void Dtend_with_duration_is_not_valid_calendar_data()
    {
        var result = Check(SimpleEvent.Replace("SUMMARY:Meeting", "DURATION:PT1H"));
        AssertFails(result, CalDavPrecondition.ValidCalendarData, 9, "both DTEND and DURATION");
    }

    [Fact]
    public void Due_with_duration_in_a_todo_is_not_valid_calendar_data()
    {
        var result = Check("BEGIN:VTODO\nUID:t\nDTSTAMP:20240101T000000Z\nDTSTART:20240101T090000Z\nDUE:20240101T100000Z\nDURATION:PT1H\nEND:VTODO");
        AssertFails(result, CalDavPrecondition.ValidCalendarData, 9, "both DUE and DURATION");
    }

    [Fact]
    public void Duration_without_dtstart_in_a_todo_is_not_valid_calendar_data()
    {
        var result = Check("BEGIN:VTODO\nUID:t\nDTSTAMP:20240101T000000Z\nDURATION:PT1H\nEND:VTODO");
        AssertFails(result, CalDavPrecondition.ValidCalendarData, 7, "DURATION without DTSTART");
    }

    [Fact]
    public void A_repeated_summary_is_not_valid_calendar_data()
    {
        var result = Check(SimpleEvent.Replace("SUMMARY:Meeting", "SUMMARY:a\nSUMMARY:b"));
        AssertFails(result, CalDavPrecondition.ValidCalendarData, 10, "SUMMARY occurs more than once");
    }

    [Fact]
    public void Missing_dtstamp_fails_strict_and_passes_lenient()
    {
        var body = SimpleEvent.Replace("DTSTAMP:20240101T000000Z\n", "");
        AssertFails(Check(body), CalDavPrecondition.ValidCalendarData, 4, "no DTSTAMP");
        Assert.True(Check(body, CalDavValidationOptions.Lenient).IsValid);
    }
}
