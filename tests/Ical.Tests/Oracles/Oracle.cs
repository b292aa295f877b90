namespace AuroraTime.Ical.Tests.Oracles;

/// <summary>The independent implementations in tests/Oracles that the engine is compared with.</summary>
internal enum Oracle
{
    /// <summary>python3-icalendar, for /usr/bin/python3.</summary>
    PythonIcalendar,

    /// <summary>python3-dateutil's rrule, for /usr/bin/python3.</summary>
    PythonDateutil,

    /// <summary>python3-recurring-ical-events, for /usr/bin/python3.</summary>
    PythonRecurringIcalEvents,

    /// <summary>ical.js (Mozilla's, as in Thunderbird) under node, from tests/Oracles/node_modules.</summary>
    IcalJs,
}
