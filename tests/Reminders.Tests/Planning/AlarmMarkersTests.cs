using System.Text;
using AuroraTime.Reminders.Planning;
using NodaTime;

namespace AuroraTime.Reminders.Tests.Planning;

/// <summary>The byte scan that lets writes without alarms skip planning must never miss what the planner would plan.</summary>
public sealed class AlarmMarkersTests
{
    private const string Event =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:e\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20300301T100000Z\r\nSUMMARY:x\r\n{0}END:VEVENT\r\nEND:VCALENDAR\r\n";

    private static readonly PlanningOwner Owner = new("alice", null, EmailDisplayAlarms: true, DateTimeZone.Utc); // display alarms plan only when mailed

    private static byte[] With(string inside) => Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Event, inside));

    [Theory]
    [InlineData("BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:r\r\nTRIGGER:-PT15M\r\nEND:VALARM\r\n")]
    [InlineData("begin:valarm\r\naction:DISPLAY\r\ndescription:r\r\ntrigger:-PT15M\r\nend:valarm\r\n")] // RFC 5545 section 2: names are case-insensitive
    [InlineData("BEGIN:VAL\r\n ARM\r\nACTION:DISPLAY\r\nDESCRIPTION:r\r\nTRIGGER:-PT15M\r\nEND:VAL\r\n\tARM\r\n")] // section 3.1: a fold may split a name
    [InlineData("X-MOZ-SNOOZE-TIME:20300301T094500Z\r\n")]
    [InlineData("X-MOZ-SN\n OOZE-TIME:20300301T094500Z\r\n")] // bare-LF fold, as the lenient reader accepts
    public void Every_object_the_planner_plans_is_marked(string inside)
    {
        var body = With(inside);

        Assert.NotEmpty(AlarmPlanner.Plan(body, Owner, Instant.FromUtc(2026, 1, 1, 0, 0)));
        Assert.True(AlarmMarkers.MayPlan(body));
    }

    [Theory]
    [InlineData("")]
    [InlineData("DESCRIPTION:no alarm here\\, VALAR M and X-MOZ-SNOOZE are just words\r\n")]
    [InlineData("DESCRIPTION:VVALAR\r\n")]
    public void An_object_without_the_names_is_not_marked(string inside) => Assert.False(AlarmMarkers.MayPlan(With(inside)));

    [Fact]
    public void A_match_restarts_at_the_byte_that_broke_the_previous_one() =>
        Assert.True(AlarmMarkers.ContainsUnfolded("xxVVALARMyy"u8, "VALARM"u8));
}
