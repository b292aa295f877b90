using AuroraTime.Ical.Validation;

namespace AuroraTime.Ical.Tests.Validation;

// RFC 5545 section 3.6.6: "action / trigger ... REQUIRED, but MUST NOT occur more than once" and
// "duration / repeat ... both optional, and MUST NOT occur more than once each, but if one occurs,
// so MUST the other".
public partial class CalDavObjectValidatorTests
{
    private static string WithAlarm(string alarmLines) =>
        SimpleEvent.Replace("END:VEVENT", "BEGIN:VALARM\n" + alarmLines + "\nEND:VALARM\nEND:VEVENT");

    [Fact]
    public void An_alarm_with_action_and_trigger_is_valid()
    {
        Assert.True(Check(WithAlarm("ACTION:DISPLAY\nDESCRIPTION:x\nTRIGGER:-PT15M")).IsValid);
    }

    [Fact]
    public void An_alarm_without_trigger_is_not_valid_calendar_data()
    {
        AssertFails(Check(WithAlarm("ACTION:DISPLAY")), CalDavPrecondition.ValidCalendarData, 10, "no TRIGGER");
    }

    [Fact]
    public void An_alarm_without_action_is_not_valid_calendar_data()
    {
        AssertFails(Check(WithAlarm("TRIGGER:-PT15M")), CalDavPrecondition.ValidCalendarData, 10, "no ACTION");
    }

    [Fact]
    public void Repeat_without_duration_is_not_valid_calendar_data()
    {
        AssertFails(Check(WithAlarm("ACTION:AUDIO\nTRIGGER:-PT15M\nREPEAT:2")), CalDavPrecondition.ValidCalendarData, 10, "DURATION and REPEAT");
    }

    [Fact]
    public void Two_triggers_are_not_valid_calendar_data()
    {
        AssertFails(Check(WithAlarm("ACTION:AUDIO\nTRIGGER:-PT15M\nTRIGGER:-PT5M")), CalDavPrecondition.ValidCalendarData, 13, "TRIGGER occurs more than once");
    }
}
