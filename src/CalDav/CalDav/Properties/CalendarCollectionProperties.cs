using System.Globalization;
using System.Xml.Linq;
using AuroraTime.CalDav.StoreTree;
using AuroraTime.CalDav.WebDav;
using AuroraTime.CalDav.WebDav.Properties;
using AuroraTime.CalDav.WebDav.Tree;
using AuroraTime.CalDav.WebDav.Xml;
using NodaTime.Text;

namespace AuroraTime.CalDav.CalDav.Properties;

/// <summary>Base of the read-only properties that only calendar collections have.</summary>
internal abstract class CalendarOnlyProperty : IDavLiveProperty
{
    public abstract XName Name { get; }

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode { IsCalendar: true };

    public ValueTask<XElement?> GetAsync(DavPropertyContext context) =>
        ValueTask.FromResult(context.Node is StoreCollectionNode { IsCalendar: true } calendar ? Value(calendar) : null);

    protected abstract XElement? Value(StoreCollectionNode calendar);
}

/// <summary>CS:getctag: changes whenever a member does; the store's change-log position (calendarserver ctag.txt).</summary>
internal sealed class GetCtagProperty : CalendarOnlyProperty
{
    public override XName Name => CalDavNames.GetCtag;

    protected override XElement Value(StoreCollectionNode calendar) => new(Name, calendar.SyncToken);
}

/// <summary>
/// CALDAV:supported-calendar-component-set: the component types the calendar accepts.
/// <see href="https://www.rfc-editor.org/rfc/rfc4791#section-5.2.3"/>
/// </summary>
internal sealed class SupportedCalendarComponentSetProperty : IDavWritableLiveProperty
{
    internal static readonly string[] DefaultComponents = ["VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY"];

    public XName Name => CalDavNames.SupportedCalendarComponentSet;

    public bool IsInAllprop => false;

    public bool AppliesTo(IDavNode node) => node is StoreCollectionNode { IsCalendar: true };

    public ValueTask<XElement?> GetAsync(DavPropertyContext context)
    {
        if (context.Node is not StoreCollectionNode { IsCalendar: true } calendar)
        {
            return ValueTask.FromResult<XElement?>(null);
        }
        var components = calendar.Stored.Properties.SupportedComponents;
        var names = components.Length > 0 ? components.AsEnumerable() : DefaultComponents;
        return ValueTask.FromResult<XElement?>(new XElement(Name, names.Select(n => new XElement(CalDavNames.Comp, new XAttribute("name", n)))));
    }

    /// <summary>
    /// Settable only when the calendar is created (MKCALENDAR, extended MKCOL); RFC 4791 5.2.3 lets a
    /// server protect it afterwards, which keeps stored objects consistent with it.
    /// </summary>
    public XElement Validate(XElement value, IDavNode? node)
    {
        if (node is not null)
        {
            throw new DavException(403, DavNames.CannotModifyProtectedProperty, "The component set is fixed once the calendar exists.");
        }
        var names = value.Elements(CalDavNames.Comp).Select(c => ((string?)c.Attribute("name"))?.ToUpperInvariant()).ToList();
        if (names.Count == 0 || names.Any(n => n is null || !DefaultComponents.Contains(n)))
        {
            throw new DavException(403, CalDavNames.SupportedCalendarComponent, "Only VEVENT, VTODO, VJOURNAL and VFREEBUSY calendars can be made.");
        }
        return new XElement(Name, names.Select(n => new XElement(CalDavNames.Comp, new XAttribute("name", n!))));
    }
}

/// <summary>
/// CALDAV:supported-calendar-data: iCalendar 2.0 only.
/// <see href="https://www.rfc-editor.org/rfc/rfc4791#section-5.2.4"/>
/// </summary>
internal sealed class SupportedCalendarDataProperty : CalendarOnlyProperty
{
    public override XName Name => CalDavNames.SupportedCalendarData;

    protected override XElement Value(StoreCollectionNode calendar) =>
        new(Name, new XElement(CalDavNames.CalendarDataType, new XAttribute("content-type", "text/calendar"), new XAttribute("version", "2.0")));
}

/// <summary>
/// CALDAV:max-resource-size: the store's object limit, in octets.
/// <see href="https://www.rfc-editor.org/rfc/rfc4791#section-5.2.5"/>
/// </summary>
internal sealed class MaxResourceSizeProperty(CalDavService service) : CalendarOnlyProperty
{
    public override XName Name => CalDavNames.MaxResourceSize;

    protected override XElement Value(StoreCollectionNode calendar) =>
        new(Name, service.Store.Limits.MaxObjectSize.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// CALDAV:min-date-time and CALDAV:max-date-time, UTC date-times in iCalendar form.
/// <see href="https://www.rfc-editor.org/rfc/rfc4791#section-5.2.6"/>
/// </summary>
internal sealed class DateTimeLimitProperty(XName name, Func<NodaTime.Instant> value) : CalendarOnlyProperty
{
    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    public override XName Name => name;

    protected override XElement Value(StoreCollectionNode calendar) => new(Name, Pattern.Format(value()));
}
