using System.Xml.Linq;
using AuroraTime.CalDav.CalDav;
using AuroraTime.CalDav.CalDav.Filters;
using AuroraTime.CalDav.WebDav;
using NodaTime;

namespace AuroraTime.CalDav.Tests.CalDav.Filters;

/// <summary>
/// RFC 4791 section 9.9: the start and end attributes of CALDAV:time-range are "date with UTC time" values
/// (RFC 5545 section 3.3.5 form #2); anything else is 403 CALDAV:valid-filter.
/// </summary>
public class FilterParserTimeRangeTests
{
    [Theory]
    [InlineData("20060104T000000Z", 2006, 1, 4, 0, 0, 0)]
    [InlineData(" 20261231T235959Z ", 2026, 12, 31, 23, 59, 59)]
    [InlineData("19700101T000000Z", 1970, 1, 1, 0, 0, 0)]
    public void A_UTC_date_time_is_read_exactly(string text, int year, int month, int day, int hour, int minute, int second) =>
        Assert.Equal(Instant.FromUtc(year, month, day, hour, minute, second), FilterParser.ParseUtc(text));

    [Theory]
    [InlineData("20060104T000000")] // floating: no UTC designator
    [InlineData("20060104")] // a DATE
    [InlineData("2006-01-04T00:00:00Z")] // ISO 8601 extended, not RFC 5545
    [InlineData("20061304T000000Z")] // month 13
    [InlineData("20060104T240000Z")] // hour 24
    [InlineData("20060104T000000Z0")]
    [InlineData("")]
    public void Anything_else_is_an_invalid_filter(string text)
    {
        var error = Assert.Throws<DavException>(() => FilterParser.ParseUtc(text));
        Assert.Equal(403, error.Status);
        Assert.Equal(CalDavNames.ValidFilter, error.Precondition);
    }

    [Fact]
    public void A_missing_attribute_is_an_open_side_and_both_missing_is_invalid()
    {
        Assert.Null(FilterParser.ParseUtc(null));
        var range = FilterParser.ParseTimeRange(new XElement(CalDavNames.TimeRange, new XAttribute("start", "20060104T000000Z")));
        Assert.Equal(new TimeRangeFilter(Instant.FromUtc(2006, 1, 4, 0, 0), null), range);
        Assert.Throws<DavException>(() => FilterParser.ParseTimeRange(new XElement(CalDavNames.TimeRange)));
    }
}
