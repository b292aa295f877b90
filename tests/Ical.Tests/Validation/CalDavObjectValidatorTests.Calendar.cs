using AuroraTime.Ical.Model;
using AuroraTime.Ical.Validation;
using static AuroraTime.Ical.Tests.Validation.TestCalendarText;

namespace AuroraTime.Ical.Tests.Validation;

// RFC 5545 section 3.6: "calprops ... prodid / version ... REQUIRED, but MUST NOT occur more than once"
// RFC 4791 section 4.1: "Calendar object resources contained in calendar collections MUST NOT specify
// the iCalendar METHOD property."
public partial class CalDavObjectValidatorTests
{
    private const string EventLines = "BEGIN:VEVENT\nUID:a\nDTSTAMP:20240101T000000Z\nDTSTART:20240101T090000Z\nEND:VEVENT\n";

    [Fact]
    public void Two_top_level_calendars_are_not_valid_calendar_data()
    {
        var one = Calendar(EventLines);
        var result = CalDavObjectValidator.Validate(new List<CalendarComponent> { one, one }, CalDavValidationOptions.Strict);
        Assert.Equal(CalDavPrecondition.ValidCalendarData, result.Failure);
        Assert.Contains("exactly one VCALENDAR", result.Message);
    }

    [Fact]
    public void A_top_level_vevent_is_not_valid_calendar_data()
    {
        var result = CalDavObjectValidator.Validate(Parse(EventLines));
        AssertFails(result, CalDavPrecondition.ValidCalendarData, 1, "expected VCALENDAR");
    }

    [Fact]
    public void A_missing_version_fails_strict_and_passes_lenient()
    {
        var calendar = Parse("BEGIN:VCALENDAR\nPRODID:x\n" + EventLines + "END:VCALENDAR");

        AssertFails(CalDavObjectValidator.Validate(calendar, CalDavValidationOptions.Strict),
            CalDavPrecondition.ValidCalendarData, 1, "no VERSION");
        Assert.True(CalDavObjectValidator.Validate(calendar, CalDavValidationOptions.Lenient).IsValid);
    }

    [Fact]
    public void A_version_other_than_2_0_fails_even_when_lenient()
    {
        var calendar = Parse("BEGIN:VCALENDAR\nVERSION:1.0\nPRODID:x\n" + EventLines + "END:VCALENDAR");
        AssertFails(CalDavObjectValidator.Validate(calendar, CalDavValidationOptions.Lenient),
            CalDavPrecondition.ValidCalendarData, 2, "only 2.0");
    }

    [Fact]
    public void A_missing_prodid_is_not_valid_calendar_data()
    {
        var calendar = Parse("BEGIN:VCALENDAR\nVERSION:2.0\n" + EventLines + "END:VCALENDAR");
        AssertFails(CalDavObjectValidator.Validate(calendar), CalDavPrecondition.ValidCalendarData, 1, "PRODID");
    }

    [Fact]
    public void A_repeated_prodid_is_not_valid_calendar_data()
    {
        var calendar = Parse("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nPRODID:y\n" + EventLines + "END:VCALENDAR");
        AssertFails(CalDavObjectValidator.Validate(calendar), CalDavPrecondition.ValidCalendarData, 4, "PRODID occurs more than once");
    }

    [Fact]
    public void A_method_property_breaks_the_object_resource_rules()
    {
        var calendar = Parse("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nMETHOD:REQUEST\n" + EventLines + "END:VCALENDAR");
        AssertFails(CalDavObjectValidator.Validate(calendar), CalDavPrecondition.ValidCalendarObjectResource, 4, "METHOD");
    }
}
