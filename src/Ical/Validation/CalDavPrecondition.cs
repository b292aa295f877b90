namespace AuroraTime.Ical.Validation;

/// <summary>
/// The CalDAV PUT/COPY/MOVE precondition a rejected calendar object violates
/// (RFC 4791 section 5.3.2.1). The CalDAV layer turns it into the element inside DAV:error.
/// </summary>
public enum CalDavPrecondition
{
    /// <summary>CALDAV:valid-calendar-data: not valid iCalendar (RFC 5545 syntax or cardinality).</summary>
    ValidCalendarData,

    /// <summary>CALDAV:valid-calendar-object-resource: valid iCalendar that breaks the RFC 4791 section 4.1 restrictions.</summary>
    ValidCalendarObjectResource,

    /// <summary>CALDAV:supported-calendar-component: the component type is not accepted by the collection.</summary>
    SupportedCalendarComponent,
}
