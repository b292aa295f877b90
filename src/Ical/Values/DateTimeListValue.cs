using AuroraTime.Ical.Model;

namespace AuroraTime.Ical.Values;

/// <summary>
/// Comma-separated DATE / DATE-TIME / PERIOD lists of EXDATE (RFC 5545 section 3.8.5.1) and
/// RDATE (section 3.8.5.2).
/// </summary>
public static class DateTimeListValue
{
    /// <summary>
    /// The dates of an EXDATE or RDATE. Each item is read as DATE when VALUE=DATE or when it is a
    /// bare 8-digit date (lenient: Evolution writes DATE EXDATEs on DATE-TIME events); for a
    /// VALUE=PERIOD RDATE this returns each period's start (use <see cref="ParsePeriods"/> for the rest).
    /// </summary>
    /// <exception cref="IcalFormatException">An item is invalid; carries the property's line.</exception>
    public static IReadOnlyList<IcalDateTime> Parse(CalendarProperty property)
    {
        var periods = ParsePeriods(property);
        var result = new IcalDateTime[periods.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = periods[i].Start;
        }
        return result;
    }

    /// <summary>
    /// Every item as a period: PERIOD items keep their end or duration, DATE and DATE-TIME items
    /// become periods with neither.
    /// </summary>
    /// <exception cref="IcalFormatException">An item is invalid; carries the property's line.</exception>
    public static IReadOnlyList<IcalPeriod> ParsePeriods(CalendarProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        var tzId = property.GetParameterValue("TZID");
        var valueType = property.GetParameterValue("VALUE");
        var isPeriod = string.Equals(valueType, "PERIOD", StringComparison.OrdinalIgnoreCase);
        var valueIsDate = IcalDateTime.ValueTypeIsDate(property);
        var result = new List<IcalPeriod>();
        foreach (var item in property.RawValue.Split(','))
        {
            var text = item.Trim();
            if (text.Length == 0)
            {
                // Tolerate a stray trailing or doubled comma; an empty list is still an error.
                continue;
            }
            try
            {
                // Lenient: an item with a slash is a period even when VALUE=PERIOD was forgotten.
                if (isPeriod || text.Contains('/', StringComparison.Ordinal))
                {
                    result.Add(IcalPeriod.Parse(text, tzId));
                }
                else
                {
                    result.Add(new IcalPeriod(IcalDateTime.Parse(text, tzId, valueIsDate), null, null));
                }
            }
            catch (IcalFormatException error)
            {
                throw ValueErrors.WithLine(error, property.Line);
            }
        }
        if (result.Count == 0)
        {
            throw ValueErrors.Invalid(property.Name, property.RawValue, property.Line);
        }
        return result;
    }
}
