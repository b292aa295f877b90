using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AuroraTime.CalDav.CalDav.Objects;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;

namespace AuroraTime.CalDav.CalDav.Properties;

/// <summary>A text property of stored collections that clients set with PROPPATCH or at creation.</summary>
internal abstract class StoredCollectionTextProperty : IDavWritableLiveProperty
{
    public abstract XName Name { get; }

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode;

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        StoredPropertyReader.GetAsync(context.Node, Name, context.Request.Aborted);

    public XElement Validate(XElement value, IDavNode? node)
    {
        if (value.HasElements)
        {
            throw new DavException(409, null, $"{Name} must be text.");
        }
        return new XElement(Name, Check(value.Value));
    }

    /// <summary>Returns the (normalised) text or throws <see cref="DavException"/>.</summary>
    protected virtual string Check(string text) => text;
}

/// <summary>
/// CALDAV:calendar-description, free text.
/// <see href="https://www.rfc-editor.org/rfc/rfc4791#section-5.2.1"/>
/// </summary>
internal sealed class CalendarDescriptionProperty : StoredCollectionTextProperty
{
    public override XName Name => CalDavNames.CalendarDescription;
}

/// <summary>
/// CALDAV:calendar-timezone: "MUST be a valid iCalendar object containing exactly one valid
/// VTIMEZONE component" (RFC 4791 section 5.2.2), else CALDAV:valid-calendar-data.
/// </summary>
internal sealed class CalendarTimezoneProperty : StoredCollectionTextProperty
{
    public override XName Name => CalDavNames.CalendarTimezone;

    protected override string Check(string text) =>
        CalendarTimeZone.Validate(text) is { } problem ? throw new DavException(403, CalDavNames.ValidCalendarData, problem) : text;
}

/// <summary>ICAL:calendar-color (Apple): #RRGGBB or #RRGGBBAA; Thunderbird drops the alpha part.</summary>
internal sealed partial class CalendarColorProperty : StoredCollectionTextProperty
{
    public override XName Name => CalDavNames.CalendarColor;

    protected override string Check(string text)
    {
        var trimmed = text.Trim();
        return ColorPattern().IsMatch(trimmed) ? trimmed : throw new DavException(409, null, "calendar-color must be #RRGGBB or #RRGGBBAA.");
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}([0-9A-Fa-f]{2})?$")]
    private static partial Regex ColorPattern();
}

/// <summary>ICAL:calendar-order (Apple): the calendar's position in lists, an integer.</summary>
internal sealed class CalendarOrderProperty : StoredCollectionTextProperty
{
    public override XName Name => CalDavNames.CalendarOrder;

    protected override string Check(string text) =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var order)
            ? order.ToString(CultureInfo.InvariantCulture)
            : throw new DavException(409, null, "calendar-order must be an integer.");
}
