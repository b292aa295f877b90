using AuroraTime.Ical.Validation;

namespace AuroraTime.Ical.Tests.Validation;

// RFC 4791 section 4.1: "Calendar components in a calendar collection that have different UID
// property values MUST be stored in separate calendar object resources." ... "The UID property
// value of the calendar components contained in a calendar object resource MUST be identical."
// ... "calendar object resources MUST contain only a single type of calendar component".
public partial class CalDavObjectValidatorTests
{
    [Fact]
    public void An_event_and_a_todo_in_one_object_break_the_object_resource_rules()
    {
        var result = Check(SimpleEvent + "\nBEGIN:VTODO\nUID:abc@example.com\nDTSTAMP:20240101T000000Z\nEND:VTODO");
        AssertFails(result, CalDavPrecondition.ValidCalendarObjectResource, 11, "VTODO mixed with VEVENT");
    }

    [Fact]
    public void Two_events_with_different_uids_break_the_object_resource_rules()
    {
        var result = Check(SimpleEvent + "\n" + SimpleEvent.Replace("UID:abc@example.com", "UID:other")
            .Replace("DTSTART:", "RECURRENCE-ID:20240105T090000Z\nDTSTART:"));
        AssertFails(result, CalDavPrecondition.ValidCalendarObjectResource, 12, "UID 'other' differs");
    }

    [Fact]
    public void Two_masters_break_the_object_resource_rules()
    {
        var result = Check(SimpleEvent + "\n" + SimpleEvent);
        AssertFails(result, CalDavPrecondition.ValidCalendarObjectResource, 11, "only one master");
    }

    [Fact]
    public void The_same_recurrence_id_twice_breaks_the_object_resource_rules()
    {
        var over = SimpleEvent.Replace("SUMMARY:Meeting", "RECURRENCE-ID:20240106T090000Z");
        var result = Check(SimpleEvent.Replace("SUMMARY:Meeting", "RRULE:FREQ=DAILY") + "\n" + over + "\n" + over);
        AssertFails(result, CalDavPrecondition.ValidCalendarObjectResource, 23, "occurs twice");
    }

    [Fact]
    public void A_missing_uid_is_not_valid_calendar_data()
    {
        var result = Check(SimpleEvent.Replace("UID:abc@example.com\n", ""));
        AssertFails(result, CalDavPrecondition.ValidCalendarData, 4, "no UID");
    }

    [Fact]
    public void An_unsupported_component_type_maps_to_supported_calendar_component()
    {
        var options = CalDavValidationOptions.Strict with { SupportedComponents = new HashSet<string> { "VEVENT" } };
        var result = Check("BEGIN:VTODO\nUID:t\nDTSTAMP:20240101T000000Z\nEND:VTODO", options);
        AssertFails(result, CalDavPrecondition.SupportedCalendarComponent, 4, "VTODO is not supported");
    }

    [Fact]
    public void A_component_unknown_to_caldav_maps_to_supported_calendar_component()
    {
        var result = Check("BEGIN:VAVAILABILITY\nUID:t\nDTSTAMP:20240101T000000Z\nEND:VAVAILABILITY");
        AssertFails(result, CalDavPrecondition.SupportedCalendarComponent, 4, "VAVAILABILITY");
    }

    [Fact]
    public void Timezones_and_x_components_do_not_count_as_content()
    {
        var result = Check("BEGIN:X-APPLE-THING\nX-A:1\nEND:X-APPLE-THING\n" + SimpleEvent);
        Assert.True(result.IsValid, result.Message);
    }
}
