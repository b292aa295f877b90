namespace AuroraTime.CalDav.Tests.CalDav;

using static Multistatus;
using static ReportTestData;

/// <summary>
/// RFC 4791 section 7.8: "the server MUST return ... all calendar object resources that match
/// the filter"; section 9.7 (comp-filter, prop-filter, param-filter, text-match, is-not-defined);
/// section 9.9 (time-range, recurring instances included); section 7.5.1: "Servers MUST support
/// the i;ascii-casemap and i;octet collations"; section 9.6.5: expand "MUST ... return instances
/// in UTC".
/// </summary>
public sealed class CalendarQueryTests : IAsyncLifetime
{
    private CalDavTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await CalDavTestHost.StartAsync();
        await FillAsync(_host);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<IReadOnlyList<string>> MatchesAsync(string filter, string depth = "1")
    {
        var response = await _host.ReportAsync(Calendar, Query(filter), depth);
        Assert.Equal(207, response.Status);
        return [.. response.Hrefs().Select(h => h[Calendar.Length..]).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_comp_filter_selects_by_component_type()
    {
        Assert.Equal(["lunch.ics", "review.ics", "weekly.ics"], await MatchesAsync("<C:comp-filter name=\"VEVENT\"/>"));
        Assert.Equal(["todo.ics"], await MatchesAsync("<C:comp-filter name=\"VTODO\"/>"));
    }

    [Fact]
    public async Task A_time_range_matches_recurring_instances_and_overrides_only_where_they_are()
    {
        // The fourth Monday (Jan 26) is a plain instance.
        Assert.Equal(["weekly.ics"], await MatchesAsync("<C:comp-filter name=\"VEVENT\"><C:time-range start=\"20260126T000000Z\" end=\"20260127T000000Z\"/></C:comp-filter>"));
        // Jan 19 was moved away, Jan 21 holds the override.
        Assert.Empty(await MatchesAsync("<C:comp-filter name=\"VEVENT\"><C:time-range start=\"20260119T000000Z\" end=\"20260120T000000Z\"/></C:comp-filter>"));
        Assert.Equal(["weekly.ics"], await MatchesAsync("<C:comp-filter name=\"VEVENT\"><C:time-range start=\"20260121T000000Z\" end=\"20260122T000000Z\"/></C:comp-filter>"));
        // After the fifth instance (Feb 2) the series is over.
        Assert.Equal(["lunch.ics"], await MatchesAsync("<C:comp-filter name=\"VEVENT\"><C:time-range start=\"20260203T000000Z\" end=\"20260211T000000Z\"/></C:comp-filter>"));
    }

    [Fact]
    public async Task A_todo_time_range_uses_its_due_date()
    {
        Assert.Equal(["todo.ics"], await MatchesAsync("<C:comp-filter name=\"VTODO\"><C:time-range start=\"20260110T000000Z\" end=\"20260111T000000Z\"/></C:comp-filter>"));
        Assert.Empty(await MatchesAsync("<C:comp-filter name=\"VTODO\"><C:time-range start=\"20260201T000000Z\" end=\"20260202T000000Z\"/></C:comp-filter>"));
    }

    [Theory]
    [InlineData("i;ascii-casemap", "review", false, new[] { "review.ics" })]
    [InlineData("i;octet", "review", false, new string[0])]
    [InlineData("i;octet", "REVIEW", false, new[] { "review.ics" })]
    [InlineData("i;unicode-casemap", "ünal", false, new[] { "lunch.ics" })]
    [InlineData("i;ascii-casemap", "ünal", false, new string[0])]
    [InlineData("i;ascii-casemap", "standup", true, new[] { "lunch.ics", "review.ics" })]
    public async Task Text_match_honours_the_collation_and_negate_condition(string collation, string text, bool negate, string[] expected)
    {
        var filter = $"<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\"><C:text-match collation=\"{collation}\" negate-condition=\"{(negate ? "yes" : "no")}\">{text}</C:text-match></C:prop-filter></C:comp-filter>";
        Assert.Equal(expected, await MatchesAsync(filter));
    }

    [Fact]
    public async Task An_unknown_collation_is_403_supported_collation()
    {
        var response = await _host.ReportAsync(Calendar, Query("<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"SUMMARY\"><C:text-match collation=\"i;klingon\">x</C:text-match></C:prop-filter></C:comp-filter>"));
        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + "supported-collation"));
    }

    [Fact]
    public async Task Is_not_defined_and_param_filters_test_presence()
    {
        Assert.Equal(["lunch.ics", "weekly.ics"], await MatchesAsync("<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"STATUS\"><C:is-not-defined/></C:prop-filter></C:comp-filter>"));
        Assert.Equal(["lunch.ics"], await MatchesAsync("<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"LOCATION\"><C:param-filter name=\"LANGUAGE\"><C:text-match>DE</C:text-match></C:param-filter></C:prop-filter></C:comp-filter>"));
        Assert.Empty(await MatchesAsync("<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"LOCATION\"><C:param-filter name=\"LANGUAGE\"><C:is-not-defined/></C:param-filter></C:prop-filter></C:comp-filter>"));
        Assert.Equal(["todo.ics"], await MatchesAsync("<C:comp-filter name=\"VEVENT\"><C:is-not-defined/></C:comp-filter>"));
    }

    [Fact]
    public async Task A_filter_without_vcalendar_is_403_valid_filter()
    {
        var response = await _host.ReportAsync(Calendar, """
            <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:prop><D:getetag/></D:prop>
            <C:filter><C:comp-filter name="VEVENT"/></C:filter></C:calendar-query>
            """);
        Assert.Equal(403, response.Status);
        Assert.NotNull(response.Xml.Root!.Element(C + "valid-filter"));
    }

    [Fact]
    public async Task Depth_0_on_an_object_tests_only_that_object()
    {
        var response = await _host.ReportAsync(Calendar + "lunch.ics", Query("<C:comp-filter name=\"VEVENT\"/>"), depth: "0");
        Assert.Equal([Calendar + "lunch.ics"], response.Hrefs());
        var none = await _host.ReportAsync(Calendar + "lunch.ics", Query("<C:comp-filter name=\"VTODO\"/>"), depth: "0");
        Assert.Empty(none.Hrefs());
    }

    [Fact]
    public async Task Partial_calendar_data_returns_only_the_selected_properties()
    {
        var prop = """
            <D:getetag/><C:calendar-data><C:comp name="VCALENDAR"><C:prop name="VERSION"/>
              <C:comp name="VEVENT"><C:prop name="UID"/><C:prop name="SUMMARY"/></C:comp></C:comp></C:calendar-data>
            """;
        var response = await _host.ReportAsync(Calendar, Query("<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"UID\"><C:text-match collation=\"i;octet\">lunch</C:text-match></C:prop-filter></C:comp-filter>", prop));
        var data = response.Response(Calendar + "lunch.ics").Found(C + "calendar-data")!.Value;
        Assert.Contains("UID:lunch", data);
        Assert.Contains("SUMMARY:Lunch", data);
        Assert.Contains("VERSION:2.0", data);
        Assert.DoesNotContain("DTSTART", data);
        Assert.DoesNotContain("PRODID", data);
    }

    [Fact]
    public async Task Expand_returns_each_instance_in_utc_with_a_recurrence_id_and_no_rule()
    {
        var prop = """<C:calendar-data><C:expand start="20260112T000000Z" end="20260125T000000Z"/></C:calendar-data>""";
        var response = await _host.ReportAsync(Calendar, Query("<C:comp-filter name=\"VEVENT\"><C:time-range start=\"20260112T000000Z\" end=\"20260125T000000Z\"/></C:comp-filter>", prop));
        var data = response.Response(Calendar + "weekly.ics").Found(C + "calendar-data")!.Value;
        Assert.DoesNotContain("RRULE", data);
        Assert.Contains("RECURRENCE-ID:20260112T100000Z", data);
        Assert.Contains("DTSTART:20260112T100000Z", data);
        Assert.Contains("RECURRENCE-ID:20260119T100000Z", data);
        Assert.Contains("DTSTART:20260121T150000Z", data);
        Assert.Equal(2, data.Split("BEGIN:VEVENT").Length - 1);
    }

    [Fact]
    public async Task Limit_recurrence_set_drops_overrides_outside_the_range()
    {
        var prop = """<C:calendar-data><C:limit-recurrence-set start="20260126T000000Z" end="20260210T000000Z"/></C:calendar-data>""";
        var response = await _host.ReportAsync(Calendar, Query("<C:comp-filter name=\"VEVENT\"><C:prop-filter name=\"UID\"><C:text-match collation=\"i;octet\">weekly</C:text-match></C:prop-filter></C:comp-filter>", prop));
        var data = response.Response(Calendar + "weekly.ics").Found(C + "calendar-data")!.Value;
        Assert.Contains("RRULE:FREQ=WEEKLY;COUNT=5", data);
        Assert.DoesNotContain("RECURRENCE-ID", data);
    }
}
