using AuroraTime.Ical.Validation;
using static AuroraTime.Ical.Tests.Validation.TestCalendarText;

namespace AuroraTime.Ical.Tests.Validation;

public partial class CalDavObjectValidatorTests
{
    private const string SimpleEvent = """
        BEGIN:VEVENT
        UID:abc@example.com
        DTSTAMP:20240101T000000Z
        DTSTART:20240105T090000Z
        DTEND:20240105T100000Z
        SUMMARY:Meeting
        END:VEVENT
        """;

    private static CalDavValidationResult Check(string body, CalDavValidationOptions? options = null) =>
        CalDavObjectValidator.Validate(Calendar(body), options ?? CalDavValidationOptions.Strict);

    private static void AssertFails(CalDavValidationResult result, CalDavPrecondition expected, int line, string fragment)
    {
        Assert.False(result.IsValid);
        Assert.Equal(expected, result.Failure);
        Assert.Equal(line, result.Line);
        Assert.StartsWith($"line {line}: ", result.Message);
        Assert.Contains(fragment, result.Message);
    }

    [Fact]
    public void A_single_event_is_valid_and_its_uid_and_type_are_extracted()
    {
        var result = Check(SimpleEvent);

        Assert.True(result.IsValid, result.Message);
        Assert.Null(result.Failure);
        Assert.Equal("abc@example.com", result.Uid);
        Assert.Equal("VEVENT", result.ComponentType);
        Assert.False(result.IsRecurring);
    }

    [Fact]
    public void A_master_with_rrule_and_its_override_is_valid_and_recurring()
    {
        var result = Check(SimpleEvent.Replace("SUMMARY:Meeting", "RRULE:FREQ=DAILY") + """

            BEGIN:VEVENT
            UID:abc@example.com
            DTSTAMP:20240101T000000Z
            RECURRENCE-ID:20240106T090000Z
            DTSTART:20240106T110000Z
            DTEND:20240106T120000Z
            END:VEVENT
            """);

        Assert.True(result.IsValid, result.Message);
        Assert.True(result.IsRecurring);
    }

    [Fact]
    public void An_rdate_alone_makes_the_object_recurring()
    {
        var result = Check(SimpleEvent.Replace("SUMMARY:Meeting", "RDATE:20240110T090000Z"));
        Assert.True(result.IsRecurring);
    }

    [Fact]
    public void An_override_without_a_master_is_valid_and_recurring()
    {
        var result = Check(SimpleEvent.Replace("SUMMARY:Meeting", "RECURRENCE-ID:20240105T090000Z"));
        Assert.True(result.IsValid, result.Message);
        Assert.True(result.IsRecurring);
    }

    [Fact]
    public void A_todo_and_a_journal_and_a_freebusy_are_accepted_types()
    {
        Assert.Equal("VTODO", Check("BEGIN:VTODO\nUID:t\nDTSTAMP:20240101T000000Z\nEND:VTODO").ComponentType);
        Assert.Equal("VJOURNAL", Check("BEGIN:VJOURNAL\nUID:j\nDTSTAMP:20240101T000000Z\nEND:VJOURNAL").ComponentType);
        Assert.Equal("VFREEBUSY", Check("BEGIN:VFREEBUSY\nUID:f\nDTSTAMP:20240101T000000Z\nEND:VFREEBUSY").ComponentType);
    }

    [Fact]
    public void Validate_never_throws_for_an_empty_calendar()
    {
        var result = CalDavObjectValidator.Validate(Parse("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:x\nEND:VCALENDAR"));
        AssertFails(result, CalDavPrecondition.ValidCalendarObjectResource, 1, "contains no VEVENT");
    }
}
